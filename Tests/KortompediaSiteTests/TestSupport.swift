import Foundation
import KortompediaCore
import KortompediaSite
import KortompediaSource
import Testing

/// `Tests/Fixtures/sites/<name>`, found from this file's path (never the current directory).
func fixtureSite(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sites/\(name)")
}

/// Loads and resolves the site at `root`; load errors fail the test.
func resolve(_ root: URL, workers: Int = 1) throws -> (Site, [String]) {
    let sources = try SourceTreeLoader(root: root, workers: workers).load()
    #expect(sources.diagnostics.map(\.description) == [])
    let (site, diagnostics) = SiteResolver(workers: workers).resolve(sources)
    return (site, diagnostics.sorted().map(\.description))
}

/// A site written into a fresh temporary folder: `site.json` with two themes, plus `files`.
final class TemporarySite {
    let url: URL

    init(_ files: [String: String], siteJSON: String? = nil) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-site-\(UUID().uuidString)")
        let json = siteJSON ?? """
            {"title": "T", "baseURL": "https://example.org/", "defaultAccess": "public",
             "themes": [{"slug": "t1", "title": "T1"}, {"slug": "t2", "title": "T2"}]}
            """
        for (path, text) in files.merging(["site.json": json], uniquingKeysWith: { a, _ in a }) {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// An article source with the given front-matter lines and body.
func article(_ title: String, _ frontMatter: String = "themes: [t1]", date: String = "2025-01-01", body: String = "Tekst.\n") -> String {
    "---\ntitle: \(title)\ndate: \(date)\n\(frontMatter)\n---\n\(body)"
}

/// The `href`/`src` values of the links and images of a body, in order (heading anchors left out).
func targets(_ html: String) -> [String] {
    var result: [String] = []
    var rest = Substring(html)
    while let start = rest.firstRange(of: #/<a href="([^"]*)"|<img src="([^"]*)"/#) {
        let match = rest[start]
        result.append(String(match.dropFirst(match.hasPrefix("<a") ? 9 : 10).dropLast()))
        rest = rest[start.upperBound...]
    }
    return result
}

extension Site {
    func page(_ path: String) -> CompiledPage? { pages.first { $0.source.path == path } }
}

extension AudienceView {
    func page(_ path: String) -> PageView? { pages.first { $0.sourcePath == path } }
}
