import Foundation
import KortompediaCore
import KortompediaOutput
import Testing

/// A fresh folder under the temporary directory, removed at the end of the test.
private final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }
    func write(_ relative: String, _ text: String) throws {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
    func read(_ relative: String) -> String? { try? String(contentsOf: path(relative), encoding: .utf8) }
    func listing(_ relative: String = "") -> [String] {
        let base = path(relative).path
        return (FileManager.default.subpaths(atPath: base) ?? []).sorted()
    }
}

@Suite struct SiteWriterTests {
    private func plan(_ folder: String, _ files: [String: String]) -> OutputPlan {
        OutputPlan(folder: folder, files: files.keys.sorted().map { OutputFile(path: $0, text: files[$0]!) }, copies: [])
    }

    @Test func writesEveryAudienceAndReplacesThePreviousOutputWhole() throws {
        let scratch = try Scratch()
        try scratch.write("site/x", "")
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"), workers: 2)
        try writer.write([plan("members", ["index.html": "m1", "kortompedia/a/index.html": "a1", "weg/index.html": "oud"]), plan("public", ["index.html": "p1"])])
        try writer.write([plan("members", ["index.html": "m2", "kortompedia/a/index.html": "a2"]), plan("public", ["index.html": "p2"])])
        #expect(scratch.read("out/members/index.html") == "m2")
        #expect(scratch.read("out/members/kortompedia/a/index.html") == "a2")
        #expect(scratch.read("out/public/index.html") == "p2")
        // No stale file from the first build, no staging or old folders left beside the output:
        // only the first build, kept as the spare the next build writes into.
        #expect(scratch.listing("out") == [
            ".kortompedia-spare-members", ".kortompedia-spare-members/index.html", ".kortompedia-spare-members/kortompedia",
            ".kortompedia-spare-members/kortompedia/a", ".kortompedia-spare-members/kortompedia/a/index.html",
            ".kortompedia-spare-members/weg", ".kortompedia-spare-members/weg/index.html",
            ".kortompedia-spare-public", ".kortompedia-spare-public/index.html",
            "members", "members/index.html", "members/kortompedia", "members/kortompedia/a", "members/kortompedia/a/index.html",
            "public", "public/index.html",
        ])
        #expect(scratch.read("out/.kortompedia-spare-members/index.html") == "m1")
    }

    /// The third build writes into the first one's files: the same result as a fresh folder,
    /// and what did not change is not touched.
    @Test func aRebuildWritesIntoThePreviousOutput() throws {
        let scratch = try Scratch()
        try scratch.write("site/theme/assets/style.css", "body {}")
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"), workers: 2)
        func build(_ files: [String: String]) throws {
            try writer.write([OutputPlan(
                folder: "public", files: files.keys.sorted().map { OutputFile(path: $0, text: files[$0]!) },
                copies: [(source: "theme/assets/style.css", destination: "assets/style.css")])])
        }
        try build(["index.html": "een", "a/index.html": "a", "weg/index.html": "weg", "b": "bestand", "e.html": "", "f.html": "een lange tekst"])
        try build(["index.html": "twee"])
        let spare = scratch.path("out/.kortompedia-spare-public")
        let unchanged = try #require(FileStatus(spare.appendingPathComponent("a/index.html").path, followingLinks: false))
        let changed = try #require(FileStatus(spare.appendingPathComponent("index.html").path, followingLinks: false))
        let empty = try #require(FileStatus(spare.appendingPathComponent("e.html").path, followingLinks: false))
        // What an earlier output may hold that must not be written through.
        let outside = scratch.path("buiten")
        try scratch.write("buiten/geheim.html", "buiten")
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("link"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("c.html"), withDestinationURL: outside.appendingPathComponent("geheim.html"))
        try FileManager.default.linkItem(at: outside.appendingPathComponent("geheim.html"), to: spare.appendingPathComponent("d.html"))

        try build([
            "index.html": "drie", "a/index.html": "a", "b/index.html": "map", "c.html": "c", "d.html": "d",
            "link/geheim.html": "erin", "e.html": "", "f.html": "kort",
        ])
        #expect(scratch.listing("out/public") == [
            "a", "a/index.html", "assets", "assets/style.css", "b", "b/index.html", "c.html", "d.html", "e.html", "f.html", "index.html",
            "link", "link/geheim.html",
        ])
        #expect(["index.html", "a/index.html", "b/index.html", "c.html", "d.html", "link/geheim.html", "assets/style.css", "e.html", "f.html"].map { scratch.read("out/public/\($0)") }
            == ["drie", "a", "map", "c", "d", "erin", "body {}", "", "kort"])
        #expect(scratch.read("buiten/geheim.html") == "buiten")
        #expect(scratch.listing("buiten") == ["geheim.html"])
        #expect(FileStatus(scratch.path("out/public/link").path, followingLinks: false)?.isFolder == true)
        // The same bytes: the same file, not written. Other bytes: written into the same file.
        let kept = try #require(FileStatus(scratch.path("out/public/a/index.html").path, followingLinks: false))
        #expect(kept.fileNumber == unchanged.fileNumber && kept.modified == unchanged.modified)
        let keptEmpty = try #require(FileStatus(scratch.path("out/public/e.html").path, followingLinks: false))
        #expect(keptEmpty.fileNumber == empty.fileNumber && keptEmpty.modified == empty.modified)
        #expect(FileStatus(scratch.path("out/public/index.html").path, followingLinks: false)?.fileNumber == changed.fileNumber)
        #expect(scratch.read("out/.kortompedia-spare-public/index.html") == "twee")
    }

    @Test func aFailedWriteLeavesThePreviousOutputAsItWas() throws {
        let scratch = try Scratch()
        try scratch.write("site/x", "")
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"), workers: 2)
        try writer.write([plan("members", ["index.html": "m1"]), plan("public", ["index.html": "p1"])])
        #expect(throws: WriteError.self) {
            try writer.write([plan("members", ["index.html": "m2"]), plan("public", ["../buiten.html": "x"])])
        }
        #expect(scratch.read("out/members/index.html") == "m1")
        #expect(scratch.read("out/public/index.html") == "p1")
        // The members folder staged before the failure is kept as a spare for the next build.
        #expect(scratch.listing("out") == [".kortompedia-spare-members", ".kortompedia-spare-members/index.html", "members", "members/index.html", "public", "public/index.html"])
        #expect(!FileManager.default.fileExists(atPath: scratch.path("buiten.html").path))
    }

    /// Every path of a plan is checked before anything is written: relative, inside the
    /// folder, no empty, `.` or `..` segment, no backslash, NUL or drive letter.
    @Test(arguments: [
        "../x.html", "a/../../x.html", "..", ".", "./a.html", "a/./b.html", "a//b.html", "a/", "/etc/x", "",
        "a\\b.html", "C:/x.html", "c:x", "é:/x.html", "a/b\u{0}.html", "a/..",
    ])
    func aPathOutsideTheFolderIsRefused(path: String) throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        #expect(throws: WriteError.self) {
            try writer.write([OutputPlan(folder: "public", files: [OutputFile(path: "ok.html", text: "1"), OutputFile(path: path, text: "2")], copies: [])])
        }
        #expect(scratch.listing("out").isEmpty)
    }

    @Test(arguments: ["...", "a/.../b.html", ".well-known/x.txt", "a/..b/c.html", "ab:c.html", "é/x:y.html", "zoeken/index.html"])
    func pathsThatOnlyLookOddAreWritten(path: String) throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        try writer.write([OutputPlan(folder: "public", files: [OutputFile(path: path, text: "2")], copies: [])])
        #expect(scratch.read("out/public/" + path) == "2")
    }

    @Test func twoOutputsForOnePathAreRefused() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        #expect(throws: WriteError.self) {
            try writer.write([OutputPlan(folder: "public", files: [OutputFile(path: "a.html", text: "1"), OutputFile(path: "a.html", text: "2")], copies: [])])
        }
        #expect(scratch.listing("out").isEmpty)
    }
}

/// Files written into an opened staging folder as they are made (`StagingFolder`), the rest of
/// the plan staged after them: what a full build does.
@Suite struct StagingFolderTests {
    /// Writes `streamed` into the opened folder from several threads, stages `rest` after them.
    private func build(_ writer: SiteWriter, streamed: [String: String], rest: [String: String]) throws {
        var transaction = try writer.begin()
        let opened = try transaction.open("public")
        let files = streamed.keys.sorted().map { OutputFile(path: $0, text: streamed[$0]!) }
        _ = Parallel.map(files, workers: 3) { opened.write($0) }
        try transaction.stage(
            OutputPlan(folder: "public", files: rest.keys.sorted().map { OutputFile(path: $0, text: rest[$0]!) }, copies: [], written: files.map(\.path)),
            into: opened)
        try transaction.commit()
    }

    @Test func pagesWrittenAsTheyAreMadeEndUpAsAWholePlanWould() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"), workers: 2)
        let pages = Dictionary(uniqueKeysWithValues: (0..<40).map { ("kortompedia/p\($0)/index.html", "pagina \($0)") })
        try build(writer, streamed: pages.merging(["index.html": "home", "a/b/c/index.html": "diep"]) { a, _ in a }, rest: ["zoeken/index/p/0.json": "{}", "feed.xml": "<feed/>"])
        #expect(scratch.read("out/public/kortompedia/p7/index.html") == "pagina 7")
        #expect(scratch.read("out/public/a/b/c/index.html") == "diep")
        #expect(scratch.read("out/public/zoeken/index/p/0.json") == "{}")
        // 44 files; 47 folders: kortompedia and its 40, a, a/b, a/b/c, zoeken, zoeken/index, zoeken/index/p.
        #expect(scratch.listing("out/public").count == 44 + 47)
        #expect(scratch.listing("out").filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// The third build writes into the first one's folder (the spare): what is in the way gives
    /// way, what the plan does not have goes, what did not change is not touched.
    @Test func intoTheSpareOfAnEarlierOutput() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"), workers: 2)
        try build(writer, streamed: ["a": "file", "b/index.html": "in a folder", "same/index.html": "same", "weg/index.html": "weg"], rest: ["index.html": "een"])
        try build(writer, streamed: ["index.html": "twee"], rest: [:])
        let unchanged = try #require(FileStatus(scratch.path("out/.kortompedia-spare-public/same/index.html").path, followingLinks: false))
        try build(writer, streamed: ["a/index.html": "now in a folder", "b": "now a file", "same/index.html": "same"], rest: ["index.html": "drie"])
        #expect(scratch.listing("out/public") == ["a", "a/index.html", "b", "index.html", "same", "same/index.html"])
        #expect(["a/index.html", "b", "same/index.html", "index.html"].map { scratch.read("out/public/\($0)") } == ["now in a folder", "now a file", "same", "drie"])
        let kept = try #require(FileStatus(scratch.path("out/public/same/index.html").path, followingLinks: false))
        #expect(kept.fileNumber == unchanged.fileNumber && kept.modified == unchanged.modified)
    }

    @Test func aFailedWriteFailsTheStageAndLeavesThePreviousOutput() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        try build(writer, streamed: ["index.html": "een"], rest: [:])
        var transaction = try writer.begin()
        let opened = try transaction.open("public")
        opened.write(OutputFile(path: "../buiten.html", text: "x"))
        opened.write(OutputFile(path: "later.html", text: "not written after a failure"))
        #expect(opened.failure?.description.contains("outside the output folder") == true)
        #expect(throws: WriteError.self) {
            // The plan's own paths are fine: the failure kept by the folder is what fails it.
            try transaction.stage(OutputPlan(folder: "public", files: [], copies: [], written: ["later.html"]), into: opened)
        }
        #expect(scratch.read("out/public/index.html") == "een")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("buiten.html").path))
        #expect(!scratch.listing("out").contains { $0.hasSuffix("later.html") })
    }

    @Test func writtenFilesMustBeInTheFolderOpenedForThem() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        var transaction = try writer.begin()
        let opened = try transaction.open("members")
        opened.write(OutputFile(path: "index.html", text: "m"))
        #expect(throws: WriteError.self) {
            try transaction.stage(OutputPlan(folder: "public", files: [], copies: [], written: ["index.html"]), into: opened)
        }
        #expect(throws: WriteError.self) {
            try transaction.stage(OutputPlan(folder: "public", files: [], copies: [], written: ["index.html"]))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out/public").path))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out/members").path))
    }
}

/// The in-place update of `build --incremental` and its manifest.
@Suite struct IncrementalWriteTests {
    private func plan(_ files: [String: String], kept: [String] = [], fingerprints: [String: ContentDigest] = [:]) -> OutputPlan {
        OutputPlan(folder: "public", files: files.keys.sorted().map { OutputFile(path: $0, text: files[$0]!) }, copies: [], kept: kept, fingerprints: fingerprints)
    }

    private func firstBuild(_ writer: SiteWriter, _ files: [String: String], fingerprints: [String: ContentDigest] = [:]) throws -> OutputManifest {
        var transaction = try writer.begin()
        let manifest = try #require(try transaction.stage(plan(files, fingerprints: fingerprints), recording: true))
        try transaction.commit()
        return manifest
    }

    @Test func writesWhatChangedKeepsTheRestAndRemovesWhatIsGone() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"), workers: 2)
        let page = ContentDigest(of: Array("page".utf8))
        let manifest = try firstBuild(writer, ["index.html": "home", "a/index.html": "a", "oud/weg/index.html": "weg", "same.html": "same"], fingerprints: ["a/index.html": page])
        #expect(manifest.entries["a/index.html"]?.fingerprint == page)
        #expect(manifest.entries["index.html"]?.content == ContentDigest(of: Array("home".utf8)))
        let untouched = try FileManager.default.attributesOfItem(atPath: scratch.path("out/public/same.html").path)[.modificationDate] as? Date

        let (updated, written) = try writer.update(
            plan(["index.html": "home 2", "same.html": "same", "nieuw/index.html": "nieuw"], kept: ["a/index.html"], fingerprints: ["a/index.html": page]),
            previous: manifest)
        #expect(written == 2)
        #expect(scratch.read("out/public/index.html") == "home 2")
        #expect(scratch.read("out/public/a/index.html") == "a")
        #expect(scratch.read("out/public/nieuw/index.html") == "nieuw")
        #expect(scratch.listing("out/public") == ["a", "a/index.html", "index.html", "nieuw", "nieuw/index.html", "same.html"])
        #expect(try FileManager.default.attributesOfItem(atPath: scratch.path("out/public/same.html").path)[.modificationDate] as? Date == untouched)
        #expect(updated.entries.keys.sorted() == ["a/index.html", "index.html", "nieuw/index.html", "same.html"])
        #expect(updated.entries["a/index.html"] == manifest.entries["a/index.html"])
        #expect(updated.entries["index.html"]?.content == ContentDigest(of: Array("home 2".utf8)))
    }

    @Test func aFileChangedByHandIsWrittenAgain() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        let manifest = try firstBuild(writer, ["index.html": "home"])
        #expect(manifest.isIntact("index.html", in: scratch.path("out/public")))
        try scratch.write("out/public/index.html", "HOME")
        #expect(!manifest.isIntact("index.html", in: scratch.path("out/public")))
        let (_, written) = try writer.update(plan(["index.html": "home"]), previous: manifest)
        #expect(written == 1)
        #expect(scratch.read("out/public/index.html") == "home")
    }

    @Test func aFileAndAFolderMayTradePlaces() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(siteRoot: scratch.path("site"), outputRoot: scratch.path("out"))
        let manifest = try firstBuild(writer, ["a": "file", "b/index.html": "in a folder", "c": "file"])
        let (_, written) = try writer.update(plan(["a/index.html": "now in a folder", "b": "now a file", "c/d/index.html": "two deep"]), previous: manifest)
        #expect(written == 3)
        #expect(scratch.read("out/public/a/index.html") == "now in a folder")
        #expect(scratch.read("out/public/b") == "now a file")
        #expect(scratch.read("out/public/c/d/index.html") == "two deep")
    }

    @Test func manifestTextRoundTripsAndAnythingElseIsRefused() throws {
        let digest = ContentDigest(of: Array("x".utf8))
        let manifest = OutputManifest(settings: "program 1 2", entries: [
            "index.html": .init(fingerprint: digest, content: digest, size: 1, modified: 1_700_000_000_123_456_789),
            "a b/c.html": .init(fingerprint: nil, content: digest, size: 0, modified: 0),
        ])
        #expect(OutputManifest(text: manifest.text) == manifest)
        #expect(OutputManifest(text: String(manifest.text.dropLast())) == nil)
        #expect(OutputManifest(text: manifest.text.replacingOccurrences(of: " 1 17", with: " x 17")) == nil)
        #expect(OutputManifest(text: "") == nil)
        #expect(OutputManifest(text: manifest.text.replacingOccurrences(of: "manifest 1", with: "manifest 2")) == nil)

        let scratch = try Scratch()
        let url = scratch.path("manifest")
        try manifest.write(to: url)
        #expect(OutputManifest.load(from: url, settings: "program 1 2") == manifest)
        #expect(OutputManifest.load(from: url, settings: "program 1 3") == nil)
    }
}
