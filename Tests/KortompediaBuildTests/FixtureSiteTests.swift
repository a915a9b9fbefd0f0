import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// The small fixture sites, each built into a fresh folder and compared with its full expected
/// output tree (`Tests/Fixtures/sites/<name>/expected/{members,public}`).
@Suite struct FixtureSiteTests {
    @Test(arguments: ["basic", "links", "audiences"])
    func expectedOutput(site name: String) throws {
        let folder = try TemporaryFolder.fixture(name)
        let report = try build(folder.site, into: folder.output)
        #expect(report.diagnostics.map(\.description) == [])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.output.path)) == ["members", "public"])
        let expected = Paths.sites.appendingPathComponent("\(name)/expected")
        for audience in ["members", "public"] {
            try Golden.check(folder.output.appendingPathComponent(audience), expected: expected.appendingPathComponent(audience))
        }
    }

    /// Every problem in one run, one line each; the expected text is `expected/diagnostics.txt`.
    @Test(arguments: ["invalid-front-matter", "invalid-links"])
    func invalidSite(site name: String) throws {
        let folder = try TemporaryFolder.fixture(name)
        let expectedFile = Paths.sites.appendingPathComponent("\(name)/expected/diagnostics.txt")
        var printed = ""
        do {
            try build(folder.site, into: folder.output)
            Issue.record("the build of \(name) succeeded")
        } catch {
            printed = error.description + "\n"
        }
        #expect(!FileManager.default.fileExists(atPath: folder.output.appendingPathComponent("public").path))
        #expect(!FileManager.default.fileExists(atPath: folder.output.appendingPathComponent("members").path))
        if ProcessInfo.processInfo.environment["KORTOMPEDIA_RECORD"] == "1" {
            try Data(printed.utf8).write(to: expectedFile)
        } else {
            #expect(printed == (try String(contentsOf: expectedFile, encoding: .utf8)))
        }
    }

    @Test func draftsAreBuiltWhenAskedFor() throws {
        let folder = try TemporaryFolder.fixture("basic")
        _ = try BuildPipeline(options: BuildOptions(root: folder.site, output: folder.output, includeDrafts: true, workers: 1)).run()
        #expect(FileManager.default.fileExists(atPath: folder.output.appendingPathComponent("public/kortompedia/concept/index.html").path))
    }

    /// What `build --verbose` lists: every stage once, in the order it ended. On two threads
    /// the search index is built while the pages render (one stage either way), and members
    /// are written while the public view is made and rendered: that lap is the wait after it.
    /// The same holds for `--incremental` updating an earlier output in place.
    @Test(arguments: [(1, false), (2, false), (1, true), (2, true)])
    func theReportTimesEveryStageInOrder(workers: Int, incremental: Bool) throws {
        let folder = try TemporaryFolder.fixture("basic")
        let options = BuildOptions(root: folder.site, output: folder.output, workers: workers, incremental: incremental)
        if incremental { _ = try BuildPipeline(options: options).run() }
        let report = try BuildPipeline(options: options).run()
        let audiences = workers == 1
            ? ["view members", "render and search members", "write members", "view public", "render and search public", "write public"]
            : ["view members", "render and search members", "view public", "render and search public", "write members", "write public"]
        #expect(report.timings.map(\.stage) == ["load", "parse and resolve", "theme"] + audiences + ["swap"])
        if incremental { #expect(report.writtenCounts == [.members: 0, .public: 0]) }
    }

    /// `build --verbose` also lists the templates; the output is the same as without.
    @Test func theReportListsTemplatesWhenAskedTo() throws {
        let folder = try TemporaryFolder.fixture("basic")
        let plain = try BuildPipeline(options: BuildOptions(root: folder.site, output: folder.output, workers: 2)).run()
        #expect(plain.templates.isEmpty)
        let output = folder.output.deletingLastPathComponent().appendingPathComponent("measured")
        var options = BuildOptions(root: folder.site, output: output, workers: 2)
        options.measuresTemplates = true
        let measured = try BuildPipeline(options: options).run()
        #expect(try snapshot(output) == snapshot(folder.output))
        #expect(try snapshot(output).count > 20)
        #expect(Set(measured.templates.map(\.template)).isSuperset(of: ["article", "blog", "teaser", "card", "list", "home"]))
        #expect(measured.templates.map(\.seconds) == measured.templates.map(\.seconds).sorted(by: >))
    }

    @Test func oneAudienceOnly() throws {
        let folder = try TemporaryFolder.fixture("basic")
        _ = try BuildPipeline(options: BuildOptions(root: folder.site, output: folder.output, audiences: [.public], workers: 1)).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output.path) == ["public"])
    }
}

@Suite struct FailedBuildTests {
    @Test func aBrokenSourceLeavesThePreviousOutputUntouched() throws {
        let folder = try TemporaryFolder.fixture("basic")
        try build(folder.site, into: folder.output)
        let before = try snapshot(folder.output)
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.output.path).sorted()
        #expect(before.count > 20)

        try folder.write("articles/nieuwsbrief.md", "---\ntitle: Nieuwsbrief\ndate: 2025-02-30\nthemes: [onbekend]\n---\nZie [[weg]].\n")
        try folder.write("blogs/welkom.md", "---\ntitle: Welkom\ndate: 2025-04-01\n---\n\nLees [dit](../articles/weg.md) en [[crisisdraaiboek#geen-kop]].\n")
        do {
            try build(folder.site, into: folder.output)
            Issue.record("the build succeeded")
        } catch {
            #expect(error.diagnostics.sorted().map(\.description) == [
                "articles/nieuwsbrief.md:3:7: error: 'date' is not a valid date (YYYY-MM-DD): '2025-02-30'",
                "articles/nieuwsbrief.md:4:10: error: unknown theme 'onbekend' (site.json has: crisiscommunicatie, digitale-communicatie)",
                // The page that failed to load is still checked: its broken link is in the same run.
                "articles/nieuwsbrief.md:6:5: error: broken link '[[weg]]': no article or blog post has slug 'weg'",
                "blogs/welkom.md:6:6: error: broken link '../articles/weg.md': articles/weg.md does not exist (or is a draft)",
                "blogs/welkom.md:6:35: error: broken link '[[crisisdraaiboek#geen-kop]]': articles/crisis/draaiboek.md has no heading 'geen-kop'",
            ])
        }
        #expect(try snapshot(folder.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output.path).sorted() == listing)
    }

    /// On two threads the members pages are written as they are rendered, and the rest of the
    /// folder while the public pages render; when that write fails (here: an alias whose path,
    /// under the output folder, is longer than the 4,096 bytes a path may have on Linux; each of
    /// its folder names is fine), the build fails just the same, names the write, and swaps
    /// nothing in.
    @Test(arguments: [1, 2])
    func aWriteThatFailsLeavesThePreviousOutputUntouched(workers: Int) throws {
        let folder = try TemporaryFolder.fixture("basic")
        try build(folder.site, into: folder.output, workers: workers)
        let audienceFolders = ["members", "public"].map { folder.output.appendingPathComponent($0) }
        let before = try audienceFolders.map(snapshot)
        let page = try String(contentsOf: folder.site.appendingPathComponent("articles/nieuwsbrief.md"), encoding: .utf8)
        try folder.write("articles/nieuwsbrief.md", page.replacingOccurrences(of: "---\n", with: "---\naliases: [oud/\(Array(repeating: String(repeating: "x", count: 250), count: 20).joined(separator: "/"))/]\n", options: .anchored))
        do {
            try build(folder.site, into: folder.output, workers: workers)
            Issue.record("the build succeeded")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["write"])
            #expect(error.diagnostics.first?.message.hasPrefix("cannot create folder \(folder.output.path)/.staging-members-") == true)
        }
        #expect(try audienceFolders.map(snapshot) == before)
        // What was staged of members is kept as the spare the next build writes into; on two
        // threads also the public staging folder, opened for its pages before that failed.
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.output.path).sorted()
        #expect(listing == [".kortompedia-spare-members"] + (workers > 1 ? [".kortompedia-spare-public"] : []) + ["members", "public"])
    }

    @Test func aSuccessfulBuildReplacesThePreviousOutputWhole() throws {
        let folder = try TemporaryFolder.fixture("basic")
        try build(folder.site, into: folder.output)
        try FileManager.default.removeItem(at: folder.site.appendingPathComponent("blogs/welkom.md"))
        try build(folder.site, into: folder.output)
        #expect(!FileManager.default.fileExists(atPath: folder.output.appendingPathComponent("public/blog/welkom/index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output.path).sorted() == [".kortompedia-spare-members", ".kortompedia-spare-public", "members", "public"])
        // A third build writes into the first one's files, with the same result as a fresh build.
        try build(folder.site, into: folder.output)
        let fresh = try TemporaryFolder.fixture("basic")
        try FileManager.default.removeItem(at: fresh.site.appendingPathComponent("blogs/welkom.md"))
        try build(fresh.site, into: fresh.output)
        for audience in ["members", "public"] {
            #expect(try snapshot(folder.output.appendingPathComponent(audience)) == snapshot(fresh.output.appendingPathComponent(audience)))
        }
    }
}
