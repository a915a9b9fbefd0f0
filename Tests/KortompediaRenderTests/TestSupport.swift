import Foundation
import KortompediaCore
import KortompediaRender
import KortompediaSite
import KortompediaSource
import Testing

/// `Tests/Fixtures/sites/<name>`, found from this file's path (never the current directory).
func fixtureSite(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sites/\(name)")
}

/// The repository's own example site (its `theme/` is the default theme).
func exampleSite(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// A fresh temporary folder, removed when the value is dropped.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}

/// The fixture theme (`Tests/Fixtures/sites/_theme`), loaded, with the templates in `edits`
/// (name → text) written over it first, or removed where the text is nil.
func fixtureTheme(editing edits: [String: String?] = [:]) throws -> Theme {
    let folder = try TemporaryFolder()
    try FileManager.default.copyItem(at: fixtureSite("_theme"), to: folder.url.appendingPathComponent("theme"))
    for (name, text) in edits {
        let file = folder.url.appendingPathComponent("theme/templates/\(name).mustache")
        if let text { try Data(text.utf8).write(to: file) } else { try FileManager.default.removeItem(at: file) }
    }
    return try Theme.load(from: folder.url)
}

/// The fixture site `name`, loaded, resolved and rendered for `audience` with `theme` (the
/// fixture theme when nil) on `workers` threads.
func render(_ name: String, for audience: Audience, theme: Theme? = nil, workers: Int = 1, injectedScript: String = "") throws -> RenderedSite {
    let sources = try SourceTreeLoader(root: fixtureSite(name)).load()
    let (site, diagnostics) = SiteResolver().resolve(sources)
    #expect(diagnostics.isEmpty)
    return SiteRenderer(theme: try theme ?? fixtureTheme(), workers: workers, injectedScript: injectedScript).render(site.view(for: audience))
}

/// Expects every file of the fixture sites `basic`, `audiences` and `links`, both builds, to be
/// the same rendered with `theme` as with `other`.
func expectSameFiles(_ theme: Theme, _ other: Theme, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    for site in ["basic", "audiences", "links"] {
        for audience in Audience.allCases {
            let files = try render(site, for: audience, theme: theme, workers: 2).files
            let others = try render(site, for: audience, theme: other, workers: 2).files
            #expect(files.map(\.path) == others.map(\.path), sourceLocation: sourceLocation)
            for (a, b) in zip(files, others) {
                #expect(a.contents == b.contents, "\(site) \(audience) \(a.path)", sourceLocation: sourceLocation)
            }
        }
    }
}

extension RenderedSite {
    func text(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) }
    }
}
