import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// Broken and hostile sources: each fails with a clear error that names the file (and the line
/// where there is one), in bounded time, leaving the previous output and everything else as it
/// was. See `Tests/Fixtures/hostile/README.md`.
@Suite struct HostileInputTests {
    static let hostile = Safety.fixtures.appendingPathComponent("hostile")

    /// What a failed build left behind.
    struct Failure {
        var errors: [String]
        var diagnostics: [Diagnostic]
        var seconds: Double
    }

    /// A valid site with a previous output, broken by `breakSite`, then built: the build must
    /// fail and change nothing at all in the temporary folder.
    static func buildBroken(
        _ label: String, output: ((TemporaryFolder) -> URL)? = nil, _ breakSite: (TemporaryFolder) throws -> Void
    ) throws -> Failure {
        let folder = try TemporaryFolder(label)
        try TestSite.makeValid(at: folder.site)
        let outputURL = output?(folder) ?? folder.output
        try writePreviousOutput(to: outputURL)
        try breakSite(folder)
        let before = TreeSnapshot(folder.url)

        let start = Date()
        var failure: BuildFailure?
        do {
            _ = try BuildPipeline(options: BuildOptions(root: folder.site, output: outputURL, workers: 2)).run()
        } catch {
            failure = error
        }
        let seconds = Date().timeIntervalSince(start)
        let changes = before.changes(to: TreeSnapshot(folder.url))
        #expect(changes.isEmpty, "the failed build of \(label) changed \(changes.prefix(10))")
        let diagnostics = try #require(failure, "the build of \(label) did not fail").diagnostics
        #expect(seconds < 30, "the build of \(label) took \(seconds) s")
        let errors = diagnostics.filter { $0.severity == .error }
        for error in errors {
            #expect(!error.location.path.isEmpty, "an error of \(label) names no file: \(error)")
        }
        return Failure(errors: errors.map(\.description).sorted(), diagnostics: diagnostics, seconds: seconds)
    }

    /// A stand-in for the site built before: must survive every failed build byte for byte.
    static func writePreviousOutput(to output: URL) throws {
        for audience in ["members", "public"] {
            try output.appendingPathComponent("\(audience)/index.html").write("<p>vorige build (\(audience))</p>\n")
            try output.appendingPathComponent("\(audience)/kortompedia/welkom/index.html").write("<p>vorige versie</p>\n")
        }
    }

    /// Copies a fixture folder over the site (its `expected-errors.txt` stays behind).
    static func overlay(_ name: String, onto site: URL) throws {
        let source = hostile.appendingPathComponent(name)
        let fileManager = FileManager.default
        for case let relative as String in fileManager.enumerator(atPath: source.path)! where relative != "expected-errors.txt" {
            var isDirectory: ObjCBool = false
            let from = source.appendingPathComponent(relative)
            guard fileManager.fileExists(atPath: from.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let to = site.appendingPathComponent(relative)
            try fileManager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: to.path) { try fileManager.removeItem(at: to) }
            try fileManager.copyItem(at: from, to: to)
        }
    }

    static func expectedErrors(_ name: String) throws -> [String] {
        let text = try String(contentsOf: hostile.appendingPathComponent("\(name)/expected-errors.txt"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).sorted()
    }

    // MARK: - One fixture each

    @Test(arguments: [
        "invalid-yaml", "front-matter-not-closed", "missing-keys", "wrong-types", "unknown-theme",
        "impossible-date", "empty-file", "duplicate-slug", "ambiguous-wiki-link", "unsafe-slug",
        "unsafe-alias", "alias-collision", "malformed-site-json", "site-json-wrong-types",
    ])
    func fixtureFailsWithItsErrors(_ name: String) throws {
        let failure = try Self.buildBroken(name) { try Self.overlay(name, onto: $0.site) }
        #expect(failure.errors == (try Self.expectedErrors(name)))
    }

    // MARK: - Made by the test

    @Test func invalidUTF8NamesTheLine() throws {
        let failure = try Self.buildBroken("utf8") {
            try $0.site.appendingPathComponent("articles/latin1.md").write(
                bytes: Array("---\ntitle: Latin-1\nthemes: [beleid]\ndate: 2024-01-01\n---\nGoed.\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x0A])
        }
        #expect(failure.errors == ["articles/latin1.md:7:1: error: file is not valid UTF-8"])
    }

    @Test func binaryFileNamedMarkdown() throws {
        let failure = try Self.buildBroken("binary") {
            // A PNG header and some zero bytes, as when an image is saved under the wrong name.
            try $0.site.appendingPathComponent("articles/afbeelding.md").write(
                bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] + Array(repeating: 0, count: 4096))
        }
        #expect(failure.errors == ["articles/afbeelding.md: error: not a text file (it holds NUL bytes)"])
    }

    @Test func yamlNestedTooDeep() throws {
        let failure = try Self.buildBroken("deep-yaml") {
            try $0.site.appendingPathComponent("articles/diep.md").write(
                "---\ntitle: Diep\nthemes: [beleid]\ndate: 2024-01-01\nextra: \(String(repeating: "[", count: 20_000))\(String(repeating: "]", count: 20_000))\n---\nTekst.\n")
        }
        #expect(failure.errors.count == 1)
        #expect(failure.errors.first?.hasPrefix("articles/diep.md:5:") == true)
        #expect(failure.errors.first?.contains("invalid front matter") == true, "\(failure.errors)")
    }

    /// "Billion laughs": nine lines of YAML aliases that stand for 387 million values.
    @Test func yamlAliasBombFailsFast() throws {
        var yaml = "a: &a [\(Array(repeating: "\"lol\"", count: 9).joined(separator: ","))]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 9).joined(separator: ","))]\n"
        }
        let failure = try Self.buildBroken("alias-bomb") {
            try $0.site.appendingPathComponent("articles/lachen.md").write("---\ntitle: Lachen\nthemes: [beleid]\ndate: 2024-01-01\n\(yaml)---\nTekst.\n")
        }
        #expect(failure.errors == ["articles/lachen.md:9:1: error: the value of 'e' is too large: front matter holds at most 10000 values, each use of a YAML alias counted"])
        #expect(failure.seconds < 10)
    }

    @Test func symbolicLinkOutOfTheSite() throws {
        let failure = try Self.buildBroken("symlink-out") { folder in
            let fileManager = FileManager.default
            // A secret next to the site, and links to it and to a system folder.
            try folder.path("geheim.md").write("---\ntitle: Geheim\nthemes: [beleid]\ndate: 2024-01-01\n---\nGEHEIM\n")
            try fileManager.createSymbolicLink(atPath: folder.site.appendingPathComponent("articles/geheim.md").path, withDestinationPath: "../../geheim.md")
            try fileManager.createSymbolicLink(atPath: folder.site.appendingPathComponent("articles/etc").path, withDestinationPath: "/etc")
            try fileManager.createDirectory(at: folder.site.appendingPathComponent("static"), withIntermediateDirectories: true)
            try fileManager.createSymbolicLink(atPath: folder.site.appendingPathComponent("static/wachtwoorden.txt").path, withDestinationPath: "/etc/passwd")
        }
        let outside = failure.errors.map { $0.replacingOccurrences(of: #": /.*$"#, with: ": …", options: .regularExpression) }
        #expect(outside == [
            "articles/etc: error: symbolic link points outside the site: …",
            "articles/geheim.md: error: symbolic link points outside the site: …",
            "static/wachtwoorden.txt: error: symbolic link points outside the site: …",
        ])
    }

    @Test func symbolicLinkLoops() throws {
        let failure = try Self.buildBroken("symlink-loop") { folder in
            let fileManager = FileManager.default
            let articles = folder.site.appendingPathComponent("articles")
            try fileManager.createSymbolicLink(atPath: articles.appendingPathComponent("lus-a.md").path, withDestinationPath: "lus-b.md")
            try fileManager.createSymbolicLink(atPath: articles.appendingPathComponent("lus-b.md").path, withDestinationPath: "lus-a.md")
            try fileManager.createDirectory(at: articles.appendingPathComponent("map"), withIntermediateDirectories: true)
            try fileManager.createSymbolicLink(atPath: articles.appendingPathComponent("map/terug").path, withDestinationPath: "..")
        }
        #expect(failure.errors == [
            "articles/lus-a.md: error: symbolic link is broken or loops",
            "articles/lus-b.md: error: symbolic link is broken or loops",
            "articles/map/terug: error: symbolic link loop",
        ])
    }

    @Test func unreadableFile() throws {
        // Root reads a file whatever its mode, so there is nothing to test there (the tests run
        // as root in the CI container); an ordinary user gets the error.
        guard !Safety.isRoot else {
            print("skipped: unreadable file (running as root, chmod 000 does not stop reading)")
            return
        }
        let failure = try Self.buildBroken("unreadable") {
            let url = $0.site.appendingPathComponent("articles/welkom.md")
            chmod(url.path, 0)
        }
        #expect(failure.errors == ["articles/welkom.md: error: cannot read file"])
    }

    @Test func outputFolderInsideArticles() throws {
        let failure = try Self.buildBroken("output-in-articles", output: { $0.site.appendingPathComponent("articles/_site") }) { _ in }
        #expect(failure.errors == ["articles/_site: error: the output folder must not be inside articles/: choose another --output"])
    }

    @Test func missingSiteJSON() throws {
        let failure = try Self.buildBroken("no-site-json") {
            try FileManager.default.removeItem(at: $0.site.appendingPathComponent("site.json"))
        }
        #expect(failure.errors == ["site.json: error: cannot read site.json (is this a Kortompedia site folder?)"])
    }

    // MARK: - Deep and large: they build (or fail) in bounded time and memory

    /// 10,000 nested block quotes, bullet lists and numbered lists: the parse stage walks them
    /// without recursion (a recursive walk overflowed a worker thread's stack) and without
    /// climbing to the root for every node (quadratic).
    @Test func deeplyNestedMarkdownBuilds() throws {
        let folder = try TemporaryFolder("deep-markdown")
        try TestSite.makeValid(at: folder.site)
        let depth = 10_000
        let bodies = [
            "citaten": String(repeating: ">", count: depth) + " diep\n",
            "lijsten": String(repeating: "- ", count: depth) + "diep\n",
            "genummerd": String(repeating: "1. ", count: depth) + "diep\n",
            "ingesprongen": (0..<2_000).map { String(repeating: "  ", count: $0) + "- niveau \($0)\n" }.joined(),
            // 50,000 wiki links at depth 10,000 (lazy continuation lines of the innermost quote):
            // looking up each link's ancestors made this quadratic, minutes for 850 kB.
            "lui": String(repeating: ">", count: depth) + " begin\n" + String(repeating: "x [[welkom]]\n", count: 50_000),
        ]
        for (slug, body) in bodies {
            try folder.site.appendingPathComponent("articles/\(slug).md").write("---\ntitle: \(slug)\nthemes: [beleid]\naccess: public\ndate: 2024-01-01\n---\n\(body)")
        }
        let before = TreeSnapshot(folder.site)
        let start = Date()
        let report = try BuildPipeline(options: BuildOptions(root: folder.site, output: folder.output, workers: 2)).run()
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(!report.diagnostics.hasErrors)
        #expect(before.changes(to: TreeSnapshot(folder.site)).isEmpty, "the build changed the sources")
        let html = try String(contentsOf: folder.output.appendingPathComponent("public/kortompedia/citaten/index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == depth)
        // (The theme has a list or two of its own.)
        let lists = try String(contentsOf: folder.output.appendingPathComponent("public/kortompedia/lijsten/index.html"), encoding: .utf8)
        #expect((depth...(depth + 5)).contains(lists.components(separatedBy: "<ul>").count - 1))
    }

    /// A 50 MB article, through the executable: refused at once, before it is read.
    @Test func fiftyMegabyteArticleIsRefusedQuickly() throws {
        let executable = try Safety.requireProduct("kortompedia")
        let folder = try TemporaryFolder("huge")
        try TestSite.makeValid(at: folder.site)
        try Self.writePreviousOutput(to: folder.output)
        try Self.writeLargeArticle(to: folder.site.appendingPathComponent("articles/groot.md"), bytes: 50 * 1024 * 1024)
        let before = TreeSnapshot(folder.url)
        let result = try ProcessRunner.run(executable, ["build", "--root", folder.site.path, "--output", folder.output.path], timeout: 120)
        #expect(!result.timedOut)
        #expect(result.status == 1)
        #expect(result.standardError.contains("articles/groot.md: error: file is too large (50.0 MiB): a page may be at most 5 MiB"), "\(result.standardError)")
        #expect(result.standardError.contains("error: build failed with 1 error; the previous output was left as it was"))
        #expect(result.seconds < 20, "took \(result.seconds) s")
        #expect(result.peakMemoryKB < 256 * 1024, "peak memory \(result.peakMemoryKB / 1024) MiB")
        #expect(before.changes(to: TreeSnapshot(folder.url)).isEmpty)
    }

    /// A large article under the limit builds, in bounded time and memory.
    @Test func largeArticleBuildsInBoundedTimeAndMemory() throws {
        let executable = try Safety.requireProduct("kortompedia")
        let folder = try TemporaryFolder("large")
        try TestSite.makeValid(at: folder.site)
        try Self.writeLargeArticle(to: folder.site.appendingPathComponent("articles/groot.md"), bytes: 1024 * 1024)
        let before = TreeSnapshot(folder.url)
        let result = try ProcessRunner.run(executable, ["build", "--root", folder.site.path, "--output", folder.output.path, "--quiet"], timeout: 300)
        // Written: the output folder, nothing else (the temporary folder itself gains `out`).
        let outside = before.changes(to: TreeSnapshot(folder.url)).filter { $0 != "." && $0 != "out" && !$0.hasPrefix("out/") }
        #expect(outside.isEmpty, "the build wrote outside its output folder: \(outside.prefix(10))")
        #expect(!result.timedOut)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.seconds < 120, "took \(result.seconds) s")
        #expect(result.peakMemoryKB < 1024 * 1024, "peak memory \(result.peakMemoryKB / 1024) MiB")
        #expect(FileManager.default.fileExists(atPath: folder.output.appendingPathComponent("public/kortompedia/groot/index.html").path))
    }

    static func writeLargeArticle(to url: URL, bytes limit: Int) throws {
        var text = "---\ntitle: Heel groot\nthemes: [beleid]\naccess: public\ndate: 2024-01-01\n---\n"
        var chapter = 0
        while text.utf8.count < limit {
            text += """
                ## Hoofdstuk \(chapter)

                Een alinea met **vet**, *cursief*, `code`, een [link](welkom.md) en [[welkom]] over beleid en inwoners.

                - een punt
                - nog een punt met [[ledenpagina]]

                > Een citaat over helder schrijven.

                | a | b |
                | --- | --- |
                | c | d |


                """
            chapter += 1
        }
        try url.write(text)
    }

    // MARK: - Through the command line

    /// The `kortompedia` executable, a valid site in a new folder, and the arguments that build it.
    static func validSiteForTheCommand(_ name: String) throws -> (URL, TemporaryFolder, [String]) {
        let executable = try Safety.requireProduct("kortompedia")
        let folder = try TemporaryFolder(name)
        try TestSite.makeValid(at: folder.site)
        return (executable, folder, ["build", "--root", folder.site.path, "--output", folder.output.path])
    }

    /// The executable prints the same diagnostics, exits non-zero, and keeps a real previous build.
    @Test(arguments: ["invalid-yaml", "malformed-site-json", "unknown-theme"])
    func commandLineFailsWithTheSameErrors(_ name: String) throws {
        let (executable, folder, arguments) = try Self.validSiteForTheCommand("cli-\(name)")
        let first = try ProcessRunner.run(executable, arguments + ["--quiet"])
        #expect(first.status == 0, "the valid site did not build: \(first.standardError)")

        try Self.overlay(name, onto: folder.site)
        let before = TreeSnapshot(folder.url)
        let result = try ProcessRunner.run(executable, arguments, timeout: 60)
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        let expected = try Self.expectedErrors(name)
        #expect(lines.filter { $0.contains(": error: ") && !$0.hasPrefix("error: ") }.sorted() == expected)
        #expect(lines.last?.hasPrefix("error: build failed with \(expected.count) error") == true, "\(lines)")
        #expect(before.changes(to: TreeSnapshot(folder.url)).isEmpty, "the failed build changed files")
    }

    /// `build --incremental` trusts what the same program wrote in an earlier run, and nothing
    /// else: a second run writes nothing; after a full build it writes everything again.
    @Test func incrementalRunsOfTheProgram() throws {
        let (executable, folder, arguments) = try Self.validSiteForTheCommand("cli-incremental")
        let first = try ProcessRunner.run(executable, arguments + ["--incremental"])
        #expect(first.status == 0, "\(first.standardError)")
        let before = TreeSnapshot(folder.output)
        let second = try ProcessRunner.run(executable, arguments + ["--incremental"])
        #expect(second.standardOutput.contains(", 0 written, "), "\(second.standardOutput)")
        #expect(before.changes(to: TreeSnapshot(folder.output)).isEmpty)

        #expect(try ProcessRunner.run(executable, arguments + ["--quiet"]).status == 0)
        let third = try ProcessRunner.run(executable, arguments + ["--incremental"])
        let files = try #require(third.standardOutput.firstMatch(of: /\((\d+) files, (\d+) written/))
        #expect(files.1 == files.2, "\(third.standardOutput)")
    }
}
