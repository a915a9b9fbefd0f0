import KortompediaCore

extension Day {
    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> Day {
        let targetYear = year + years
        return Day(year: targetYear, month: month, day: day)
            ?? Day(year: targetYear, month: month, day: 28)!
    }

    /// 1 January of this day's year.
    public var startOfYear: Day { Day(year: year, month: 1, day: 1)! }

    /// 31 December of this day's year.
    public var endOfYear: Day { Day(year: year, month: 12, day: 31)! }

    /// The first day of this day's month.
    public var startOfMonth: Day { Day(year: year, month: month, day: 1)! }

    /// The last day of this day's month (28 February in a common year, 29 in a leap year).
    public var endOfMonth: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }
}
