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
        // No stale file from the first build, no staging or old folders left beside the output.
        #expect(scratch.listing("out") == ["members", "members/index.html", "members/kortompedia", "members/kortompedia/a", "members/kortompedia/a/index.html", "public", "public/index.html"])
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
        #expect(scratch.listing("out") == ["members", "members/index.html", "public", "public/index.html"])
        #expect(!FileManager.default.fileExists(atPath: scratch.path("buiten.html").path))
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
