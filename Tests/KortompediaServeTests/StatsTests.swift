import Foundation
import KortompediaCore
import Testing

@testable import KortompediaBuild
@testable import KortompediaCommands

#if canImport(FoundationXML)
import FoundationXML
#endif

extension AllServeTests {
    /// `kortompedia stats` on the editorial fixture, against a count made by hand.
    @Suite struct StatsTests {
        static let year2025 = StatsPeriod(from: Day("2025-01-01")!, to: Day("2025-12-31")!)

        func statistics() throws -> SiteStatistics {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            return try SiteStatistics.compute(options: Fixture.options(site), period: Self.year2025, today: Fixture.today)
        }

        @Test func defaultPeriodIsTheLastFullCalendarYear() {
            #expect(StatsPeriod.lastCalendarYear(before: Fixture.today) == Self.year2025)
            #expect(StatsPeriod.lastCalendarYear(before: Day("2026-01-01")!) == Self.year2025)
        }

        /// The hand count. Articles on 31 December 2025 (date ≤ 2025-12-31, drafts left out):
        /// persbericht-schrijven (public), persberichten (members), intranet (members),
        /// internet (public), crisisplan (members); crisiscommunicatie is from 2026.
        @Test func figuresMatchTheHandCount() throws {
            let stats = try statistics()
            #expect(stats.siteTitle == "Testpedia")
            #expect(stats.articles == 5)
            #expect(stats.newArticles == 2)  // persberichten (2025-05-20), internet (2025-08-14)
            #expect(stats.updatedArticles == 2)  // persbericht-schrijven (2025-03-10), crisisplan (2025-10-01)
            #expect(stats.rewrittenArticles == 2)  // intranet (2025-11-03), crisisplan (2025-10-01)
            #expect(stats.blogPosts == 3)  // welkom, crisiscommunicatie-in-de-praktijk, jaarverslag-2024; not jaarverslag-2025 (2026)
            #expect(stats.access.map { "\($0.access.rawValue) \($0.articles) \($0.new)" } == ["members 3 1", "public 2 1"])
            #expect(stats.themes.map { "\($0.slug) \($0.articles) \($0.new) \($0.updated) \($0.rewritten)" } == [
                "communicatie 3 1 2 1",  // persbericht-schrijven, persberichten, crisisplan
                "digitaal 2 1 0 1",  // intranet, internet
                "crisis 1 0 1 1",  // crisisplan
            ])
            #expect(stats.reviewsDueBefore == Day("2025-12-31")!)
            #expect(stats.overdueReviews.map { "\($0.path) \($0.review!)" } == ["articles/intranet.md 2025-12-01"])
            // Distinct other pages published by the end of the period that link to each article.
            #expect(stats.mostLinked.map { "\($0.path) \($0.linkingPages!)" } == [
                "articles/crisis/crisisplan.md 3",  // persbericht-schrijven, welkom, crisiscommunicatie-in-de-praktijk
                "articles/intranet.md 2",  // internet, welkom
                "articles/persbericht-schrijven.md 2",  // persberichten, welkom
                "articles/internet.md 1",  // welkom
                "articles/persberichten.md 1",  // persbericht-schrijven
            ])
        }

        @Test func textTable() throws {
            try Fixture.assertGolden(try statistics().textTable(), "stats.txt")
        }

        @Test func jsonRoundTrips() throws {
            let stats = try statistics()
            let json = stats.json()
            #expect(try JSONDecoder().decode(SiteStatistics.self, from: Data(json.utf8)) == stats)
            try Fixture.assertGolden(json, "stats.json")
        }

        @Test func commandWritesTheReportItWasAskedFor() async throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let report = site.deletingLastPathComponent().appendingPathComponent("rapport.html")
            let arguments = ["stats", "--root", site.path, "--today", "2026-03-15"]
            #expect(await KortompediaCommand.exitStatus(for: arguments + ["--format", "html", "--output", report.path]) == 0)
            let expected = try SiteStatistics.compute(options: Fixture.options(site), period: Self.year2025, today: Fixture.today)
            #expect(try String(contentsOf: report, encoding: .utf8) == expected.htmlReport(generatedOn: Fixture.today))

            let json = site.deletingLastPathComponent().appendingPathComponent("cijfers.json")
            #expect(await KortompediaCommand.exitStatus(for: arguments + ["--format", "json", "--from", "2025-06-01", "--output", json.path]) == 0)
            let decoded = try JSONDecoder().decode(SiteStatistics.self, from: Data(contentsOf: json))
            #expect(decoded.period == StatsPeriod(from: Day("2025-06-01")!, to: Fixture.today))
            #expect(decoded.articles == 6)  // crisiscommunicatie (2026-01-10) now counts too
            #expect(decoded.newArticles == 2)  // internet, crisiscommunicatie

            #expect(await KortompediaCommand.exitStatus(for: arguments + ["--from", "2025-06-01", "--to", "2025-01-01"]) == 64)
            let internet = site.appendingPathComponent("articles/internet.md")
            try (String(contentsOf: internet, encoding: .utf8) + "\n[[bestaat-niet]]\n").write(to: internet, atomically: true, encoding: .utf8)
            #expect(await KortompediaCommand.exitStatus(for: arguments + ["--output", json.path]) == 1)
        }

        @Test func htmlReportIsWellFormedAndSelfContained() throws {
            let html = try statistics().htmlReport(generatedOn: Fixture.today)
            let parser = XMLParser(data: Data(html.utf8))
            let collector = ElementCollector()
            parser.delegate = collector
            #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(collector.elements.filter { $0 == "svg" }.count == 4)
            #expect(!collector.elements.contains("script"))
            #expect(!collector.elements.contains("link"))
            #expect(!collector.elements.contains("img"))
            #expect(html.contains("<h1>Testpedia in cijfers 2025</h1>"))
            #expect(html.contains("Artikels per thema"))
            #expect(html.contains("<td>Een crisisplan maken</td><td class=\"getal\">3</td>"))
            #expect(!html.contains("src=") && !html.contains("href="))  // nothing to fetch
        }
    }
}

/// Element names in document order, to check a parsed report.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
    }
}
