import Foundation
import KortompediaCore
import Testing

@testable import KortompediaBuild
@testable import KortompediaCommands

extension AllServeTests {
    /// `kortompedia check` on the editorial fixture: exactly its known problems, in both formats.
    @Suite struct EditorialCheckTests {
        @Test func reportsExactlyTheKnownProblems() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let diagnostics = SiteCheck(options: Fixture.options(site), today: Fixture.today).run()
            #expect(diagnostics.map(\.description) == [
                "articles/crisis/crisisplan.md:5:1: warning: unknown key 'acces'; did you mean 'access'?",
                "articles/crisiscommunicatie.md:2:1: warning: duplicate title 'Crisiscommunicatie': also used by blogs/crisiscommunicatie-in-de-praktijk.md",
                "articles/crisiscommunicatie.md:2:1: warning: orphan article: no other page links to it",
                "articles/crisiscommunicatie.md:9:69: warning: link text 'deze pagina' does not say where the link leads: screen readers list a page's links by their text; name the destination instead",
                "articles/intranet.md:2:1: warning: members-only article has no summary: its public teaser shows the title alone",
                "articles/intranet.md:5:1: warning: tag 'sociale media' is written 'Sociale media' on 2 pages: it is one tag (tags/sociale-media/), shown as 'Sociale media'; write it the same way",
                "articles/intranet.md:9:1: warning: review date 2025-12-01 has passed: re-read the article and set a new 'review' date",
                "articles/persbericht-schrijven.md:2:1: warning: title 'Persbericht schrijven' is nearly the same as 'Persberichten schrijven' (articles/persberichten.md)",
                "articles/persberichten.md:2:1: warning: title 'Persberichten schrijven' is nearly the same as 'Persbericht schrijven' (articles/persbericht-schrijven.md)",
                "articles/persberichten.md:10:1: warning: level-1 heading 'Persberichten schrijven' in the body: the title is the page's level-1 heading; start at level 2 (## Persberichten schrijven)",
                "articles/persberichten.md:18:1: warning: heading 'Wie keurt goed' skips from level 2 to 4: use level 3 (### Wie keurt goed)",
                "blogs/crisiscommunicatie-in-de-praktijk.md:2:1: warning: duplicate title 'Crisiscommunicatie': also used by articles/crisiscommunicatie.md",
            ])
            #expect(diagnostics.map(\.code) == [
                "unknown-key", "duplicate-title", "orphan-article", "link-text", "missing-summary", "tag-spelling", "review-overdue",
                "near-duplicate-title", "near-duplicate-title", "heading-level", "heading-level", "duplicate-title",
            ])
            try Fixture.assertGolden(DiagnosticRecord.json(diagnostics) + "\n", "check.json")
        }

        @Test func jsonIsAnArrayOfObjectsWithTheContractKeys() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let diagnostics = SiteCheck(options: Fixture.options(site), today: Fixture.today).run()
            let json = DiagnosticRecord.json(diagnostics)
            let decoded = try JSONDecoder().decode([DiagnosticRecord].self, from: Data(json.utf8))
            #expect(decoded == diagnostics.map(DiagnosticRecord.init))
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(objects.count == 12)
            #expect(objects.allSatisfy { Set($0.keys) == ["file", "line", "column", "severity", "code", "message"] })
            #expect(objects[0]["file"] as? String == "articles/crisis/crisisplan.md")
            #expect(objects[0]["line"] as? Int == 5)
            #expect(objects[0]["column"] as? Int == 1)
            #expect(objects[0]["severity"] as? String == "warning")
            #expect(DiagnosticRecord.json([]) == "[]")
        }

        @Test func aSiteWithErrorsStillGetsTheFrontMatterWarnings() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let internet = site.appendingPathComponent("articles/internet.md")
            try (String(contentsOf: internet, encoding: .utf8) + "\nZie ook [[bestaat-niet]].\n").write(to: internet, atomically: true, encoding: .utf8)
            let diagnostics = SiteCheck(options: Fixture.options(site), today: Fixture.today).run()
            // Orphans need the resolved site, so they are not reported; everything else is.
            #expect(diagnostics.map(\.description) == [
                "articles/crisis/crisisplan.md:5:1: warning: unknown key 'acces'; did you mean 'access'?",
                "articles/crisiscommunicatie.md:2:1: warning: duplicate title 'Crisiscommunicatie': also used by blogs/crisiscommunicatie-in-de-praktijk.md",
                "articles/crisiscommunicatie.md:9:69: warning: link text 'deze pagina' does not say where the link leads: screen readers list a page's links by their text; name the destination instead",
                "articles/internet.md:12:9: error: broken link '[[bestaat-niet]]': no article or blog post has slug 'bestaat-niet'",
                "articles/intranet.md:2:1: warning: members-only article has no summary: its public teaser shows the title alone",
                "articles/intranet.md:5:1: warning: tag 'sociale media' is written 'Sociale media' on 2 pages: it is one tag (tags/sociale-media/), shown as 'Sociale media'; write it the same way",
                "articles/intranet.md:9:1: warning: review date 2025-12-01 has passed: re-read the article and set a new 'review' date",
                "articles/persbericht-schrijven.md:2:1: warning: title 'Persbericht schrijven' is nearly the same as 'Persberichten schrijven' (articles/persberichten.md)",
                "articles/persberichten.md:2:1: warning: title 'Persberichten schrijven' is nearly the same as 'Persbericht schrijven' (articles/persbericht-schrijven.md)",
                "blogs/crisiscommunicatie-in-de-praktijk.md:2:1: warning: duplicate title 'Crisiscommunicatie': also used by articles/crisiscommunicatie.md",
            ])
        }

        @Test func templateErrorsAreReportedToo() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            try FileManager.default.removeItem(at: site.appendingPathComponent("theme/templates/teaser.mustache"))
            let diagnostics = SiteCheck(options: Fixture.options(site), today: Fixture.today).run()
            #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "theme/templates/teaser.mustache: error: missing template 'teaser'"
            ])
        }

        @Test func exitStatusFollowsErrorsAndStrict() async throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            func run(_ arguments: [String]) async -> Int32 {
                await KortompediaCommand.exitStatus(for: ["check", "--root", site.path, "--today", "2026-03-15"] + arguments)
            }
            #expect(await run([]) == 0)  // warnings only
            #expect(await run(["--strict"]) == 1)
            #expect(await run(["--format", "json"]) == 0)
            #expect(await run(["--format", "yaml"]) == 64)  // a usage error
            let internet = site.appendingPathComponent("articles/internet.md")
            try (String(contentsOf: internet, encoding: .utf8) + "\n[[bestaat-niet]]\n").write(to: internet, atomically: true, encoding: .utf8)
            #expect(await run([]) == 1)
        }

        /// `site.json`'s `ignoreWarnings` leaves those warnings out of `check` (counted in its
        /// summary line), of the build, and of `check`'s fallback when the site has errors.
        @Test func ignoredWarningsAreLeftOutEverywhereAndCounted() async throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let siteJSON = site.appendingPathComponent("site.json")
            func ignore(_ codes: [WarningCode]) throws {
                var json = try String(contentsOf: siteJSON, encoding: .utf8)
                if let old = json.range(of: #""ignoreWarnings": \[[^\]]*\],\n"#, options: .regularExpression) { json.removeSubrange(old) }
                let list = codes.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                json = json.replacingOccurrences(of: "{", with: "{\"ignoreWarnings\": [\(list)],\n", range: json.range(of: "{"))
                try json.write(to: siteJSON, atomically: true, encoding: .utf8)
            }
            try ignore([.linkText, .duplicateTitle, .unknownKey])

            let (diagnostics, ignored) = SiteCheck(options: Fixture.options(site), today: Fixture.today).findings()
            #expect(diagnostics.map(\.code) == [
                "orphan-article", "missing-summary", "tag-spelling", "review-overdue", "near-duplicate-title", "near-duplicate-title",
                "heading-level", "heading-level",
            ])
            #expect(ignored.map(\.code) == ["unknown-key", "duplicate-title", "link-text", "duplicate-title"])
            #expect(CheckCommand.ignoredSummary(ignored) == "; 4 more ignored (site.json ignoreWarnings: duplicate-title 2, link-text 1, unknown-key 1)")
            #expect(CheckCommand.ignoredSummary([]) == "")

            // The build gives the warnings of the sources (not the editorial ones): none is left.
            let report = try BuildPipeline(options: Fixture.options(site)).run()
            #expect(report.diagnostics.map(\.code) == [])

            // With an error in the site, the fallback leaves them out too; the error stays.
            let internet = site.appendingPathComponent("articles/internet.md")
            try (String(contentsOf: internet, encoding: .utf8) + "\n[[bestaat-niet]]\n").write(to: internet, atomically: true, encoding: .utf8)
            let failed = SiteCheck(options: Fixture.options(site), today: Fixture.today).findings()
            #expect(!failed.diagnostics.contains { ["link-text", "duplicate-title", "unknown-key"].contains($0.code) })
            #expect(failed.diagnostics.filter { $0.severity == .error }.map(\.code) == ["broken-link"])
            #expect(failed.ignored.count == 4)
            #expect(throws: BuildFailure.self) { try BuildPipeline(options: Fixture.options(site)).run() }
            do {
                _ = try BuildPipeline(options: Fixture.options(site)).run()
            } catch {
                #expect(error.diagnostics.map(\.code) == ["broken-link"])
            }
            try String(contentsOf: internet, encoding: .utf8).replacingOccurrences(of: "\n[[bestaat-niet]]\n", with: "")
                .write(to: internet, atomically: true, encoding: .utf8)

            // With every warning of the fixture ignored, `check --strict` passes.
            func strict() async -> Int32 {
                await KortompediaCommand.exitStatus(for: ["check", "--root", site.path, "--today", "2026-03-15", "--strict", "--format", "json"])
            }
            #expect(await strict() == 1)
            try ignore([
                .linkText, .duplicateTitle, .unknownKey, .orphanArticle, .missingSummary, .tagSpelling, .reviewOverdue, .nearDuplicateTitle,
                .headingLevel,
            ])
            #expect(await strict() == 0)
        }

        @Test func reviewDueTodayIsNotOverdue() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let (resolved, _) = try BuildPipeline(options: Fixture.options(site)).check()
            let checker = EditorialChecker(today: Day("2026-03-16")!)
            let overdue = checker.check(resolved).filter { $0.code == "review-overdue" }.map(\.location.path)
            #expect(overdue == ["articles/crisis/crisisplan.md", "articles/intranet.md"])
        }

        @Test func titleFolding() {
            #expect(EditorialChecker.foldTitle("  Coöperatie: wat & hoe?! ") == "cooperatie wat hoe")
            #expect(EditorialChecker.foldTitle("Crisis-communicatie") == "crisis communicatie")
        }

        /// The pigeonhole index must find every pair a comparison of all pairs finds.
        @Test func nearDuplicateFinderMatchesBruteForce() {
            var generator = SplitMix64(seed: 42)
            let alphabet = Array("aabcdeeé -")
            var texts: [String] = []
            for _ in 0..<300 {
                let length = Int(generator.next() % 9)
                texts.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
            }
            // Variations one or two edits away, so that there are many true pairs.
            for index in 0..<100 {
                var scalars = Array(texts[index])
                if !scalars.isEmpty { scalars[Int(generator.next() % UInt64(scalars.count))] = "x" }
                if generator.next() % 2 == 0 { scalars.insert("y", at: Int(generator.next() % UInt64(scalars.count + 1))) }
                texts.append(String(scalars))
            }
            var expected: [NearDuplicateFinder.Match] = []
            for i in texts.indices {
                for j in texts.indices where j > i {
                    let distance = EditDistance.between(texts[i], texts[j])
                    if distance <= 2 { expected.append(.init(first: i, second: j, distance: distance)) }
                }
            }
            #expect(expected.count > 100)
            #expect(NearDuplicateFinder.matches(in: texts) == expected)
        }
    }
}
