import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// `build --incremental`: the previous output is updated in place, only pages whose inputs
/// changed are rendered, only files whose bytes changed are written, and after every kind of
/// change the output is byte for byte what a full build writes.
@Suite struct IncrementalOutputTests {
    /// A copy of the example site with an incremental output and a full one beside it.
    struct Workspace {
        let site: URL
        var incremental: URL { site.appendingPathComponent("out-incremental") }
        var full: URL { site.appendingPathComponent("out-full") }

        init() throws { site = try IncrementalBuildTests.copyOfExampleSite() }

        func remove() { try? FileManager.default.removeItem(at: site) }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = site.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }

        func write(_ path: String, _ text: String) throws {
            let url = site.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        func buildIncrementally() throws -> BuildReport {
            try BuildPipeline(options: BuildOptions(root: site, output: incremental, workers: 2, incremental: true)).run()
        }

        /// Builds incrementally, then afresh (one thread), and records every difference.
        func buildAndCompare(_ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildReport {
            let report = try buildIncrementally()
            try? FileManager.default.removeItem(at: full)
            _ = try BuildPipeline(options: BuildOptions(root: site, output: full, workers: 1)).run()
            let updated = try siteFiles(incremental), fresh = try siteFiles(full)
            #expect(updated.keys.sorted() == fresh.keys.sorted(), "\(step): other files than a full build", sourceLocation: sourceLocation)
            for (path, data) in fresh where updated[path] != nil && updated[path] != data {
                Issue.record("\(step): \(path) differs from a full build", sourceLocation: sourceLocation)
            }
            return report
        }

        /// The files of the audience folders (the manifests and spares beside them left out).
        func siteFiles(_ output: URL) throws -> [String: Data] {
            try IncrementalBuildTests.files(under: output).filter { !$0.key.hasPrefix("/.kortompedia-") }
        }
    }

    static func sum(_ counts: [Audience: Int]) -> Int { counts.values.reduce(0, +) }

    @Test func everyKindOfChangeGivesTheBytesOfAFullBuild() throws {
        let work = try Workspace()
        defer { work.remove() }

        // The first incremental build has nothing to reuse: it parses and writes everything.
        let first = try work.buildAndCompare("first build")
        #expect(Self.sum(first.writtenCounts) == Self.sum(first.fileCounts))
        #expect(Self.sum(first.keptCounts) == 0)
        let sourcePages = try #require(first.pageCounts[.members])
        #expect(first.parsedCount == sourcePages)

        // Nothing changed: nothing parsed (the compiled pages were kept on disk), nothing
        // rendered, nothing written.
        let unchanged = try work.buildAndCompare("no change")
        #expect(Self.sum(unchanged.writtenCounts) == 0)
        #expect(unchanged.parsedCount == 0)
        let allPages = try #require(unchanged.keptCounts[.members])
        #expect(allPages > 37)
        #expect(unchanged.keptCounts[.public] ?? 0 > 37)

        // A sentence added to one public article: that page is parsed again, and rendered
        // again in each audience.
        try work.edit("articles/persbericht-schrijven.md") { $0 + "\nEen nieuwe alinea over embargo's en citaten.\n" }
        let body = try work.buildAndCompare("body edit")
        #expect(body.parsedCount == 1)
        #expect(body.keptCounts[.members] == allPages - 1)
        #expect(body.keptCounts[.public] == (unchanged.keptCounts[.public] ?? 0) - 1)
        #expect(Self.sum(body.writtenCounts) < 40, "written: \(body.writtenCounts)")

        // A new title shows on every page that lists or links to the article.
        try work.edit("articles/huisstijl-bewaken.md") {
            $0.replacingOccurrences(of: #"(?m)^title:.*$"#, with: #"title: "De huisstijl bewaken, stap voor stap""#, options: .regularExpression)
        }
        let title = try work.buildAndCompare("title edit")
        #expect(title.parsedCount == sourcePages)
        #expect(title.keptCounts[.members] ?? 0 < allPages - 3)
        #expect(title.keptCounts[.members] ?? 0 > 0)

        // A changed template renders every page again.
        try work.edit("theme/templates/article.mustache") { $0.replacingOccurrences(of: "Verwante artikels", with: "Lees ook") }
        let template = try work.buildAndCompare("template edit")
        #expect(Self.sum(template.keptCounts) == 0)
        #expect(template.parsedCount == 0)

        // site.json: every page shows the site's description.
        try work.edit("site.json") { $0.replacingOccurrences(of: #""description": ""#, with: #""description": "Vernieuwd: "#) }
        let config = try work.buildAndCompare("site.json edit")
        #expect(Self.sum(config.keptCounts) == 0)

        // A page added, with an alias, and a static file and an asset changed.
        try work.write("articles/nieuw/incrementeel-bouwen.md", """
            ---
            title: "Incrementeel bouwen"
            themes: [digitale-communicatie]
            access: members
            date: 2026-11-01
            aliases: [oud/incrementeel]
            ---

            Alleen wat verandert wordt opnieuw geschreven. Zie [[persbericht-schrijven]].
            """)
        try work.write("static/robots.txt", "User-agent: *\n")
        try work.edit("theme/assets/style.css") { $0 + "\n/* incrementeel */\n" }
        _ = try work.buildAndCompare("page, static file and asset added")

        // ... and removed again: their files go, and the folders left empty.
        try FileManager.default.removeItem(at: work.site.appendingPathComponent("articles/nieuw"))
        try FileManager.default.removeItem(at: work.site.appendingPathComponent("static"))
        _ = try work.buildAndCompare("page and static file removed")
        #expect(!FileManager.default.fileExists(atPath: work.incremental.appendingPathComponent("members/kortompedia/incrementeel-bouwen").path))
        #expect(!FileManager.default.fileExists(atPath: work.incremental.appendingPathComponent("members/oud").path))
    }

    /// Files changed, deleted or added in the output by hand are put right: the manifest is
    /// trusted only while a file has the size and modification time it recorded.
    @Test func handEditsToTheOutputAreRepaired() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.buildIncrementally()
        let members = work.incremental.appendingPathComponent("members")
        let home = members.appendingPathComponent("index.html")
        try (try String(contentsOf: home, encoding: .utf8)).replacingOccurrences(of: "<title>", with: "<title>X").write(to: home, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: members.appendingPathComponent("kortompedia/persbericht-schrijven/index.html"))
        try FileManager.default.createDirectory(at: members.appendingPathComponent("vreemd/map"), withIntermediateDirectories: true)
        try "vreemd".write(to: members.appendingPathComponent("vreemd/map/bestand.html"), atomically: true, encoding: .utf8)
        try "vreemd".write(to: members.appendingPathComponent("los.html"), atomically: true, encoding: .utf8)
        try "verborgen".write(to: members.appendingPathComponent("kortompedia/.verborgen"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: members.appendingPathComponent("leeg/dieper"), withIntermediateDirectories: true)
        // A link to a folder outside is removed as a link: what it points to stays.
        try FileManager.default.createSymbolicLink(at: members.appendingPathComponent("verwijzing"), withDestinationURL: work.site)

        let report = try work.buildAndCompare("after hand edits")
        #expect(report.writtenCounts[.members] == 2)
        #expect(report.writtenCounts[.public] == 0)
        for stray in ["vreemd", "los.html", "kortompedia/.verborgen", "leeg", "verwijzing"] {
            #expect(SiteWriterProbe.nothingAt(members.appendingPathComponent(stray)), "\(stray) is still there")
        }
        #expect(FileManager.default.fileExists(atPath: work.site.appendingPathComponent("site.json").path))
    }

    /// A build with errors writes nothing, manifests included (only the pages it parsed are
    /// kept, for the next run); a full build leaves no manifest, so the next incremental build
    /// writes everything again.
    @Test func aFailedBuildTouchesNothingAndAFullBuildDropsTheManifests() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.buildIncrementally()
        func outputFiles() throws -> [String: Data] {
            try IncrementalBuildTests.files(under: work.incremental).filter { !$0.key.hasPrefix("/.kortompedia-parsed/") }
        }
        let before = try outputFiles()
        #expect(before.keys.contains("/.kortompedia-manifest-members"))
        #expect(before.keys.contains("/.kortompedia-manifest-public"))

        try work.edit("articles/persbericht-schrijven.md") { $0 + "\nZie [[bestaat-niet]].\n" }
        #expect(throws: BuildFailure.self) { try work.buildIncrementally() }
        #expect(try outputFiles() == before)

        try work.edit("articles/persbericht-schrijven.md") { $0.replacingOccurrences(of: "\nZie [[bestaat-niet]].\n", with: "") }
        _ = try BuildPipeline(options: BuildOptions(root: work.site, output: work.incremental, workers: 2)).run()
        #expect(!FileManager.default.fileExists(atPath: work.incremental.appendingPathComponent(".kortompedia-manifest-members").path))
        let again = try work.buildAndCompare("incremental after a full build")
        #expect(Self.sum(again.writtenCounts) == Self.sum(again.fileCounts))
        // The page fixed after the failed build is parsed again; the others were kept.
        #expect(again.parsedCount == 1)
    }

    /// Parsed pages that cannot be kept are a warning: the output is still a full build's, and
    /// the next run parses every page again.
    @Test func parsedPagesThatCannotBeKeptAreAWarning() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createDirectory(at: work.incremental, withIntermediateDirectories: true)
        try Data("in de weg".utf8).write(to: work.incremental.appendingPathComponent(".kortompedia-parsed"))
        let blocked = try work.buildAndCompare("parsed pages not kept")
        let warnings = blocked.diagnostics.filter { $0.severity == .warning && $0.code == "write" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("cannot keep the parsed pages for the next build: ") == true)
        let again = try work.buildAndCompare("still not kept")
        #expect(again.parsedCount == again.pageCounts[.members])

        try FileManager.default.removeItem(at: work.incremental.appendingPathComponent(".kortompedia-parsed"))
        _ = try work.buildAndCompare("kept again")
        let kept = try work.buildAndCompare("reused")
        #expect(kept.parsedCount == 0)
        #expect(!kept.diagnostics.contains { $0.code == "write" })
    }

    /// A one-audience incremental build keeps the other audience's folder and manifest.
    @Test func oneAudienceAtATime() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.buildIncrementally()
        let report = try BuildPipeline(options: BuildOptions(root: work.site, output: work.incremental, audiences: [.public], workers: 2, incremental: true)).run()
        #expect(report.writtenCounts == [.public: 0])
        #expect(FileManager.default.fileExists(atPath: work.incremental.appendingPathComponent(".kortompedia-manifest-members").path))
        let again = try work.buildIncrementally()
        #expect(Self.sum(again.writtenCounts) == 0)
    }
}

/// Whether nothing at all is at a path, not even a dangling link (`fileExists` follows links).
enum SiteWriterProbe {
    static func nothingAt(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) == nil
    }
}
