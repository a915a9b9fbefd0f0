import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// The preview's fast path: after a body edit the page alone is rendered again, and it is the
/// page the full rebuild writes.
@Suite struct PreviewStateTests {
    private static let edited = "articles/persbericht-schrijven.md"

    private static func append(_ text: String, to path: String, in site: URL) throws {
        let url = site.appendingPathComponent(path)
        try (try String(contentsOf: url, encoding: .utf8) + text).write(to: url, atomically: true, encoding: .utf8)
    }

    private static func replaceLine(startingWith prefix: String, with line: String, in path: String, site: URL) throws {
        let url = site.appendingPathComponent(path)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.map { $0.hasPrefix(prefix) ? line : String($0) }.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aBodyEditRendersThePageTheFullBuildWrites() throws {
        let site = try IncrementalBuildTests.copyOfExampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (_, state) = try BuildPipeline(options: BuildOptions(root: site, output: site.appendingPathComponent("out-preview"), workers: 2)).runForPreview()

        try Self.append("\nEen nieuwe alinea over embargo's en quotes, met **nadruk**.\n", to: Self.edited, in: site)
        let files = try #require(state.quickUpdate(path: Self.edited))
        #expect(Set(files.keys) == Set(Audience.allCases))

        let fullOutput = site.appendingPathComponent("out-full")
        _ = try BuildPipeline(options: BuildOptions(root: site, output: fullOutput, workers: 1)).run()
        for (audience, file) in files {
            #expect(file.path == "kortompedia/persbericht-schrijven/index.html")
            let full = try Data(contentsOf: fullOutput.appendingPathComponent("\(audience.rawValue)/\(file.path)"))
            #expect(Data(file.contents) == full, "the quick \(audience.rawValue) page differs from the full build's")
        }
        #expect(String(decoding: files[.members]!.contents, as: UTF8.self).contains("<strong>nadruk</strong>"))
    }

    @Test func whatOtherPagesShowOrAnErrorNeedsTheFullBuild() throws {
        let site = try IncrementalBuildTests.copyOfExampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (_, state) = try BuildPipeline(options: BuildOptions(root: site, output: site.appendingPathComponent("out"), workers: 2)).runForPreview()
        let original = try Data(contentsOf: site.appendingPathComponent(Self.edited))
        func restore() throws { try original.write(to: site.appendingPathComponent(Self.edited)) }

        // A changed title shows on every page that lists this one.
        try Self.replaceLine(startingWith: "title:", with: "title: \"Een andere titel\"", in: Self.edited, site: site)
        #expect(state.quickUpdate(path: Self.edited) == nil)
        try restore()
        // A broken link is an error, reported by the full build.
        try Self.append("\nZie [[bestaat-niet]].\n", to: Self.edited, in: site)
        #expect(state.quickUpdate(path: Self.edited) == nil)
        try restore()
        // Front matter that no longer parses.
        try Self.replaceLine(startingWith: "title:", with: "title: [onaf", in: Self.edited, site: site)
        #expect(state.quickUpdate(path: Self.edited) == nil)
        try restore()
        // A new page, a template, a file that is gone.
        try "---\ntitle: Nieuw\nthemes: [digitale-communicatie]\ndate: 2025-01-01\n---\nTekst.\n".write(
            to: site.appendingPathComponent("articles/nieuw.md"), atomically: true, encoding: .utf8)
        #expect(state.quickUpdate(path: "articles/nieuw.md") == nil)
        #expect(state.quickUpdate(path: "theme/templates/article.mustache") == nil)
        try FileManager.default.removeItem(at: site.appendingPathComponent(Self.edited))
        #expect(state.quickUpdate(path: Self.edited) == nil)
    }
}
