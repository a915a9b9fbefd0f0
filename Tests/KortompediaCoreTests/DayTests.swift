import KortompediaCore
import Testing

@Suite struct DayTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2025-01-31", "2025-12-31", "0001-01-01", "9999-12-31", "2025-04-30"])
    func validDates(text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
    }

    @Test(arguments: [
        "2025-02-30",  // impossible day
        "2023-02-29",  // not a leap year
        "1900-02-29",  // divisible by 100, not by 400
        "2025-04-31",
        "2025-13-01",
        "2025-00-10",
        "2025-01-00",
        "0000-01-01",
        "2025-1-01",
        "2025-01-1",
        "25-01-01",
        "2025/01/01",
        "2025-01-01 ",
        " 2025-01-01",
        "2025-01-01T10:00",
        "abcd-ef-gh",
        "",
        "２０２５-01-01",
    ])
    func invalidDates(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func leapYears() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day(year: 2400, month: 2, day: 29) != nil)
        #expect(Day(year: 2025, month: 2, day: 28) != nil)
    }

    @Test func ordinalDifferencesCountDays() throws {
        let a = try #require(Day("2024-02-28")), b = try #require(Day("2024-03-01"))
        #expect(b.ordinal - a.ordinal == 2)
        let c = try #require(Day("2023-02-28")), d = try #require(Day("2023-03-01"))
        #expect(d.ordinal - c.ordinal == 1)
        let e = try #require(Day("2024-01-01")), f = try #require(Day("2025-01-01"))
        #expect(f.ordinal - e.ordinal == 366)
    }

    @Test func ordering() throws {
        let days = try ["2025-01-02", "2024-12-31", "2025-01-01"].map { try #require(Day($0)) }
        #expect(days.sorted().map(\.description) == ["2024-12-31", "2025-01-01", "2025-01-02"])
    }

    @Test func dutchDescription() throws {
        #expect(try #require(Day("2026-05-04")).dutchDescription == "4 mei 2026")
        #expect(try #require(Day("2025-12-31")).dutchDescription == "31 december 2025")
        #expect(try #require(Day("0042-03-01")).description == "0042-03-01")
    }
}
