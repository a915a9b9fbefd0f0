import Foundation
import KortompediaCore
import Testing

@testable import KortompediaBuild
@testable import KortompediaCommands

extension AllServeTests {
    /// `kortompedia newsletter` on the editorial fixture, against lists made by hand.
    @Suite struct NewsletterTests {
        static let year2025 = StatsPeriod(from: Day("2025-01-01")!, to: Day("2025-12-31")!)

        func digest(_ audience: Audience, period: StatsPeriod = year2025, baseURL: String? = nil) throws -> NewsletterDigest {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            return try NewsletterDigest.compute(options: Fixture.options(site), audience: audience, period: period, baseURL: baseURL)
        }

        static func lines(_ items: [NewsletterDigest.Item]) -> [String] {
            items.map { "\($0.title) | \($0.event.rawValue) \($0.day)\($0.membersOnly ? " | leden" : "")" }
        }

        /// By hand, 2025: new articles persberichten (members, 05-20) and internet (public,
        /// 08-14); concept (02-02) is a draft. Updated: intranet (rewritten 11-03), crisisplan
        /// (updated and rewritten 10-01: a rewrite), persbericht-schrijven (updated 03-10). New
        /// blog posts: crisiscommunicatie-in-de-praktijk (06-01), jaarverslag-2024 (02-01),
        /// welkom (01-15); jaarverslag-2025 is from 2026.
        @Test func membersGetEveryPageOfThePeriod() throws {
            let digest = try digest(.members)
            #expect(Self.lines(digest.newArticles) == [
                "Internet | new 2025-08-14",
                "Persberichten schrijven | new 2025-05-20 | leden",
            ])
            #expect(Self.lines(digest.updatedArticles) == [
                "Intranet | rewritten 2025-11-03 | leden",
                "Een crisisplan maken | rewritten 2025-10-01 | leden",
                "Persbericht schrijven | updated 2025-03-10",
            ])
            #expect(Self.lines(digest.blogPosts) == [
                "Crisiscommunicatie | new 2025-06-01",
                "Jaarverslag 2024 | new 2025-02-01",
                "Welkom bij de kennisbank | new 2025-01-15",
            ])
            #expect(digest.newArticles[0].url == "https://example.org/kortompedia/internet/")
            #expect(digest.updatedArticles[1].themes == ["Crisis", "Communicatie"])
        }

        /// The newsletter for non-members leaves members-only articles out, titles included.
        @Test func nonMembersGetNoMembersOnlyArticle() throws {
            let digest = try digest(.public)
            #expect(Self.lines(digest.newArticles) == ["Internet | new 2025-08-14"])
            #expect(Self.lines(digest.updatedArticles) == ["Persbericht schrijven | updated 2025-03-10"])
            #expect(digest.blogPosts.count == 3)
            for text in [digest.markdown(), digest.html(), digest.json()] {
                for title in ["Persberichten schrijven", "Intranet", "Een crisisplan maken", "Concept"] {
                    // Titles of members-only articles may stand in a blog post's summary only as
                    // link text; no item of their own.
                    #expect(!text.contains("[\(title)]") && !text.contains(">\(title)</a>") && !text.contains("\"title\" : \"\(title)\""), "\(title)")
                }
                #expect(!text.contains("alleen voor leden") && !text.contains("Alleen voor leden"))
            }
        }

        @Test func formatsAreTheGoldenFiles() throws {
            try Fixture.assertGolden(try digest(.members).markdown(), "newsletter-members.md")
            try Fixture.assertGolden(try digest(.public).html(), "newsletter-public.html")
            let decoded = try JSONDecoder().decode(NewsletterDigest.self, from: Data(try digest(.members).json().utf8))
            #expect(decoded == (try digest(.members)))
        }

        @Test func aQuietPeriodSaysSo() throws {
            let digest = try digest(.members, period: StatsPeriod(from: Day("2024-07-01")!, to: Day("2024-07-31")!))
            #expect(digest.isEmpty)
            #expect(digest.markdown() == "# Testpedia: nieuw van 1 juli 2024 tot en met 31 juli 2024\n\nNiets nieuw in deze periode.\n")
            #expect(digest.html().contains("<p style=\"margin: 0 0 16px;\">Niets nieuw in deze periode.</p>"))
        }

        /// Titles and summaries are text, never Markdown: not a link, emphasis, or a list of their own.
        @Test func markdownEscapesWhatWouldBeSyntax() throws {
            let digest = try digest(.members)
            #expect(digest.escapeMarkdown("[Plan] *B* _c_ `d` <e> #f | g \\ h") == ##"\[Plan\] \*B\* \_c\_ \`d\` \<e\> \#f \| g \\ h"##)
            #expect(digest.escapeMarkdown("- lijst") == #"\- lijst"#)
            #expect(digest.escapeMarkdown("+ lijst") == #"\+ lijst"#)
            #expect(digest.escapeMarkdown("12. punt") == #"12\. punt"#)
            #expect(digest.escapeMarkdown("2) punt") == #"2\) punt"#)
            #expect(digest.escapeMarkdown("2025 was goed") == "2025 was goed")
        }

        @Test func theMembersSiteAddressReplacesTheBaseURL() throws {
            let digest = try digest(.members, baseURL: "https://www.kortom.be/leden")
            #expect(digest.newArticles.map(\.url) == ["https://www.kortom.be/leden/kortompedia/internet/", "https://www.kortom.be/leden/kortompedia/persberichten/"])
        }

        @Test func defaultPeriodIsTheLastFullCalendarMonth() {
            #expect(StatsPeriod.lastCalendarMonth(before: Day("2026-11-29")!) == StatsPeriod(from: Day("2026-10-01")!, to: Day("2026-10-31")!))
            #expect(StatsPeriod.lastCalendarMonth(before: Day("2026-01-05")!) == StatsPeriod(from: Day("2025-12-01")!, to: Day("2025-12-31")!))
            #expect(StatsPeriod.lastCalendarMonth(before: Day("2024-03-01")!).to == Day("2024-02-29")!)
            #expect(Day("2023-02-10")!.endOfMonth == Day("2023-02-28")!)
            #expect(Day("2023-02-10")!.startOfMonth == Day("2023-02-01")!)
        }

        @Test func theCommandLine() async throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let file = site.deletingLastPathComponent().appendingPathComponent("nieuwsbrief.html")
            func run(_ arguments: [String]) async -> Int32 {
                await KortompediaCommand.exitStatus(for: ["newsletter", "--root", site.path, "--today", "2026-03-15"] + arguments)
            }
            #expect(await run([]) == 64)  // --audience is required: which newsletter must be a choice
            #expect(await run(["--audience", "public", "--drafts"]) == 64)
            #expect(await run(["--audience", "public", "--from", "2025-12-01", "--to", "2025-01-01"]) == 64)
            #expect(await run(["--audience", "public", "--base-url", "www.kortom.be"]) == 64)
            #expect(await run(["--audience", "public", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "html", "-o", file.path]) == 0)
            #expect(try String(contentsOf: file, encoding: .utf8) == (try digest(.public).html()))
            // Last month (February 2026) had the 2025 annual report.
            #expect(await run(["--audience", "members", "--format", "json", "-o", file.path]) == 0)
            let february = try JSONDecoder().decode(NewsletterDigest.self, from: Data(contentsOf: file))
            #expect(february.period == StatsPeriod(from: Day("2026-02-01")!, to: Day("2026-02-28")!))
            #expect(february.blogPosts.map(\.title) == ["Jaarverslag 2025"])
        }
    }
}
