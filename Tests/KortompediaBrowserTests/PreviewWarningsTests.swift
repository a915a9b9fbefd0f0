import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

@testable import KortompediaServe

extension AllBrowserTests {
    /// The warnings `serve` puts on a page, as an editor sees them in headless Chromium: a button in
    /// a corner with their number, and the list (text only, whatever a message holds).
    @Suite struct PreviewWarningsTests {
        /// The DOM of a page carrying `warnings` the way the dev server serves it.
        static func dom(with warnings: [DiagnosticRecord]) throws -> String {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-preview-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let script = ReloadScript.filled(ReloadScript.html, build: "test-1", warnings: warnings)
            let page = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>T</title></head><body><p>Tekst.</p>\n\(script)</body></html>\n"
            try Data(page.utf8).write(to: folder.appendingPathComponent("index.html"))
            let server = try BrowserHarness.StaticServer(folder: folder)
            defer { server.stop() }
            return try BrowserHarness.dom(of: server.baseURL)
        }

        @Test func aPageWithWarningsShowsTheirNumberAndTheirText() throws {
            let place = KortompediaCore.SourceLocation(path: "articles/a.md", line: 9, column: 69)
            let dom = try Self.dom(with: [
                DiagnosticRecord(.warning(place, "link text 'hier' does not say where the link leads", code: .linkText)),
                DiagnosticRecord(.warning(KortompediaCore.SourceLocation(path: "articles/a.md", line: 12, column: 1), "raw HTML left out: '<b>vet</b>'", code: .rawHTML)),
            ])
            // The element the script made (the script's own text names it too).
            #expect(dom.contains(#"<div id="kortompedia-warnings-panel" role="status""#))
            #expect(dom.contains(#"<button type="button" aria-expanded="false""#))
            #expect(dom.contains(">2 waarschuwingen bij deze pagina</button>"))
            #expect(dom.contains("articles/a.md:9:69: link text 'hier' does not say where the link leads"))
            // A message is text, never markup.
            #expect(dom.contains("articles/a.md:12:1: raw HTML left out: '&lt;b&gt;vet&lt;/b&gt;'"))
            #expect(!dom.contains("<b>vet</b>"))
        }

        @Test func aPageWithoutWarningsShowsNothing() throws {
            let dom = try Self.dom(with: [])
            #expect(dom.contains("Tekst."))
            #expect(!dom.contains(#"<div id="kortompedia-warnings-panel""#))
        }
    }
}
