import Foundation
import KortompediaCore
import KortompediaSite
import KortompediaSource
import Testing

@testable import KortompediaSearch

/// Shared fixtures of the search tests: the small site in `Tests/Fixtures/search/site` and the
/// committed outputs that the JavaScript tests read (`node --test Tests/JavaScript/`).
///
/// Run with `KORTOMPEDIA_UPDATE_SEARCH_FIXTURES=1` to rewrite the committed outputs after an
/// intended change of the analyzer or the index format.
enum SearchFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/search")

    static var updating: Bool { ProcessInfo.processInfo.environment["KORTOMPEDIA_UPDATE_SEARCH_FIXTURES"] == "1" }

    /// The fixture site, loaded and resolved through the real pipeline.
    static func site() throws -> Site {
        let sources = try SourceTreeLoader(root: folder.appendingPathComponent("site")).load()
        #expect(!sources.diagnostics.hasErrors, "\(sources.diagnostics)")
        let (site, diagnostics) = SiteResolver().resolve(sources)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return site
    }

    static func view(_ audience: Audience) throws -> AudienceView {
        try site().view(for: audience)
    }

    static func read(_ relative: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Compares `text` with the committed file, or writes it when updating.
    static func expectCommitted(_ relative: String, equals text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(relative)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let committed = try? String(contentsOf: url, encoding: .utf8)
        #expect(committed == text, "\(relative) differs from the writer's output; rerun with KORTOMPEDIA_UPDATE_SEARCH_FIXTURES=1 if intended", sourceLocation: sourceLocation)
    }
}
