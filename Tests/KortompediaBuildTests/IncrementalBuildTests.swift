import Foundation
import KortompediaBuild
import KortompediaCore
import KortompediaSite
import Testing

/// A build that reuses compiled pages from an earlier build in the same process (what the dev
/// server does) writes the same bytes as a full build, and parses only what changed.
@Suite struct IncrementalBuildTests {
    static let exampleSite = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func copyOfExampleSite() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-incremental-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for item in ["site.json", "articles", "blogs", "theme"] {
            try FileManager.default.copyItem(at: exampleSite.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        return folder
    }

    static func files(under folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    /// Builds `site` afresh, one thread, no cache, into `fullOutput`, and records every file of
    /// `output` that differs from it. Returns the files of `output`.
    static func expectSameAsAFullBuild(of site: URL, as output: URL, fullOutput: URL) throws -> [String: Data] {
        _ = try BuildPipeline(options: BuildOptions(root: site, output: fullOutput, workers: 1)).run()
        // The spares (earlier outputs kept for the next build to write into) are not output.
        let incremental = try files(under: output).filter { !$0.key.hasPrefix("/.kortompedia-spare-") }
        let full = try files(under: fullOutput).filter { !$0.key.hasPrefix("/.kortompedia-spare-") }
        #expect(incremental.keys.sorted() == full.keys.sorted())
        for (path, data) in full where incremental[path] != data {
            Issue.record("differs from a full build: \(path)")
        }
        return incremental
    }

    @Test func cachedRebuildAfterOneEditMatchesAFullBuildByteForByte() throws {
        let site = try Self.copyOfExampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let cache = CompiledPageCache()
        let incrementalOutput = site.appendingPathComponent("out-incremental")
        let fullOutput = site.appendingPathComponent("out-full")

        _ = try BuildPipeline(options: BuildOptions(root: site, output: incrementalOutput, workers: 2, cache: cache)).run()
        #expect(cache.lastCompiled.count > 30)

        // Edit one body (no title change): only that page is parsed again.
        let edited = site.appendingPathComponent("articles/persbericht-schrijven.md")
        var text = try String(contentsOf: edited, encoding: .utf8)
        text += "\nEen nieuwe alinea over embargo's en quotes.\n"
        try text.write(to: edited, atomically: true, encoding: .utf8)

        _ = try BuildPipeline(options: BuildOptions(root: site, output: incrementalOutput, workers: 2, cache: cache)).run()
        #expect(cache.lastCompiled == ["articles/persbericht-schrijven.md"])

        let incremental = try Self.expectSameAsAFullBuild(of: site, as: incrementalOutput, fullOutput: fullOutput)
        #expect(String(decoding: incremental["/members/kortompedia/persbericht-schrijven/index.html"] ?? Data(), as: UTF8.self).contains("embargo"))
    }

    /// A template or a theme title in `site.json` changes how pages look, not what their bodies
    /// say: every page is rendered again, none is parsed again, and the output is a full build's.
    @Test func templateAndThemeTitleChangesReuseEveryParsedPage() throws {
        let site = try Self.copyOfExampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let cache = CompiledPageCache()
        let output = site.appendingPathComponent("out-incremental")
        _ = try BuildPipeline(options: BuildOptions(root: site, output: output, workers: 2, cache: cache)).run()

        let template = site.appendingPathComponent("theme/templates/article.mustache")
        try (try String(contentsOf: template, encoding: .utf8)).replacingOccurrences(of: "Verwante artikels", with: "Lees ook")
            .write(to: template, atomically: true, encoding: .utf8)
        let config = site.appendingPathComponent("site.json")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("\"Digitale communicatie\""))
        try text.replacingOccurrences(of: "\"Digitale communicatie\"", with: "\"Digitaal communiceren\"").write(to: config, atomically: true, encoding: .utf8)

        _ = try BuildPipeline(options: BuildOptions(root: site, output: output, workers: 2, cache: cache)).run()
        #expect(cache.lastCompiled.isEmpty, "parsed again: \(cache.lastCompiled)")

        let incremental = try Self.expectSameAsAFullBuild(of: site, as: output, fullOutput: site.appendingPathComponent("out-full"))
        let page = String(decoding: incremental["/members/kortompedia/persbericht-schrijven/index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("Lees ook"))
        #expect(!page.contains("Verwante artikels"))
        #expect(String(decoding: incremental["/members/themas/index.html"] ?? Data(), as: UTF8.self).contains("Digitaal communiceren"))
    }

    @Test func titleChangeRecompilesEveryPage() throws {
        let site = try Self.copyOfExampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let cache = CompiledPageCache()
        let output = site.appendingPathComponent("out")
        _ = try BuildPipeline(options: BuildOptions(root: site, output: output, workers: 2, cache: cache)).run()
        let count = cache.lastCompiled.count

        let edited = site.appendingPathComponent("articles/huisstijl-bewaken.md")
        let lines = try String(contentsOf: edited, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let retitled = lines.map { $0.hasPrefix("title:") ? "title: \"Een nieuwe titel voor de huisstijl\"" : String($0) }
        try retitled.joined(separator: "\n").write(to: edited, atomically: true, encoding: .utf8)
        _ = try BuildPipeline(options: BuildOptions(root: site, output: output, workers: 2, cache: cache)).run()
        #expect(cache.lastCompiled.count == count)
    }
}
