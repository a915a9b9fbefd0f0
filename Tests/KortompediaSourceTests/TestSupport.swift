import Foundation
import KortompediaCore
import KortompediaSource
import Testing

/// The config most tests decode against: two themes, members by default.
let testConfig = SiteConfig(
    title: "Test", baseURL: "https://example.org/",
    themes: [
        .init(slug: Slug(validating: "crisiscommunicatie")!, title: "Crisiscommunicatie", description: ""),
        .init(slug: Slug(validating: "digitale-communicatie")!, title: "Digitale communicatie", description: ""),
    ],
    membership: .init(joinURL: "https://example.org/lid", loginURL: "https://example.org/login"))

/// Decodes one page through the same entry point the loader uses.
func decodePage(
    _ text: String, path: String = "articles/a.md", kind: PageKind = .article, config: SiteConfig = testConfig
) -> (SourcePage?, [String]) {
    let (page, diagnostics) = SourceTreeLoader.decodePage(
        kind: kind, path: path, bytes: Array(text.utf8), decoder: FrontMatterDecoder(config: config))
    return (page, diagnostics.sorted().map(\.description))
}

/// A site folder in a fresh temporary directory, removed when the value is dropped.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws { try write(path, bytes: Array(text.utf8)) }

    func write(_ path: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }
}

/// `Tests/Fixtures/sites/<name>`, found from this file's path (never the current directory).
func fixtureSite(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sites/\(name)")
}

let minimalSiteJSON = """
    {
      "title": "Test",
      "baseURL": "https://example.org/",
      "themes": [{ "slug": "crisiscommunicatie", "title": "Crisiscommunicatie" }]
    }
    """
