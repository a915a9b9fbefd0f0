import Foundation
import KortompediaCore
import KortompediaSource
import Testing

@testable import KortompediaSite

/// The compiled pages `build --incremental` keeps on disk between runs: what a later process
/// reads back is what compiling gives, and a file it cannot trust is a miss, never a wrong page.
@Suite struct CompiledPageFolderTests {
    /// A folder for a cache, removed afterwards.
    final class CacheFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-parsed-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
        var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
    }

    static func load(_ root: URL) throws -> LoadedSources {
        try SourceTreeLoader(root: root).load()
    }

    /// A site with a broken link kept as a warning, a members-only page linked from a public
    /// one (its public HTML differs), headings, and an attachment.
    static func siteWithEveryKindOfResult() throws -> TemporarySite {
        try TemporarySite(
            [
                "articles/open.md": article(
                    "Open", "themes: [t1]",
                    body: "# Kop\n\nZie [[dicht]], [[dicht#binnen]], [weg](weg.md), [extern](https://example.org/) en ![schema](schema.svg).\n\n## Tweede kop\n\nNaar [boven](#kop).\n"),
                "articles/dicht.md": article("Dicht", "themes: [t2]\naccess: members", body: "## Binnen\n\nGeheim.\n"),
                "articles/schema.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "blogs/nieuws.md": "---\ntitle: Nieuws\ndate: 2025-02-01\n---\nLees [[open]].\n",
            ],
            siteJSON: """
                {"title": "T", "baseURL": "https://example.org/", "defaultAccess": "public", "brokenLinks": "warn",
                 "themes": [{"slug": "t1", "title": "T1"}, {"slug": "t2", "title": "T2"}]}
                """)
    }

    @Test(arguments: ["links", "audiences", "basic", nil])
    func pagesReadBackInALaterProcessAreThePagesCompiled(fixture: String?) throws {
        let temporary = fixture == nil ? try Self.siteWithEveryKindOfResult() : nil
        let sources = try Self.load(fixture.map { fixtureSite($0) } ?? temporary!.url)
        let (reference, referenceDiagnostics) = SiteResolver().resolve(sources)
        if fixture == nil { #expect(referenceDiagnostics.contains { $0.severity == .warning && $0.code == "broken-link" }) }
        let folder = CacheFolder()

        let first = CompiledPageCache(folder: folder.url, settings: "program 1")
        let (written, writtenDiagnostics) = SiteResolver(workers: 2, cache: first).resolve(sources)
        #expect(first.lastCompiled == sources.pages.map(\.path).sorted())
        #expect(first.lastWriteProblem == nil)
        #expect(folder.files.count == sources.pages.count)
        #expect(written.pages == reference.pages)

        // The next process: a new cache over the same folder compiles nothing.
        let later = CompiledPageCache(folder: folder.url, settings: "program 1")
        let (read, readDiagnostics) = SiteResolver(workers: 2, cache: later).resolve(sources)
        #expect(later.lastCompiled == [])
        #expect(read.pages == reference.pages)
        #expect(readDiagnostics.sorted() == referenceDiagnostics.sorted())
        #expect(writtenDiagnostics.sorted() == referenceDiagnostics.sorted())
    }

    @Test func anEditedBodyIsParsedAgainAndItsOldFileGoes() throws {
        let site = try Self.siteWithEveryKindOfResult()
        let folder = CacheFolder()
        _ = SiteResolver(cache: CompiledPageCache(folder: folder.url, settings: "p")).resolve(try Self.load(site.url))
        let before = folder.files

        try Data(article("Dicht", "themes: [t2]\naccess: members", body: "## Binnen\n\nGeheim, en meer.\n").utf8)
            .write(to: site.url.appendingPathComponent("articles/dicht.md"))
        let sources = try Self.load(site.url)
        let cache = CompiledPageCache(folder: folder.url, settings: "p")
        let (site2, _) = SiteResolver(cache: cache).resolve(sources)
        #expect(cache.lastCompiled == ["articles/dicht.md"])
        #expect(site2.pages == SiteResolver().resolve(sources).0.pages)
        #expect(folder.files.count == before.count)
        #expect(Set(folder.files).subtracting(before).count == 1)

        // A new title changes every page's key (any page may show it): all are parsed again,
        // and the files of the old keys are removed.
        try Data(article("Gesloten", "themes: [t2]\naccess: members", body: "## Binnen\n\nGeheim, en meer.\n").utf8)
            .write(to: site.url.appendingPathComponent("articles/dicht.md"))
        let renamed = try Self.load(site.url)
        let again = CompiledPageCache(folder: folder.url, settings: "p")
        _ = SiteResolver(cache: again).resolve(renamed)
        #expect(again.lastCompiled == renamed.pages.map(\.path).sorted())
        #expect(Set(folder.files).isDisjoint(with: before))
        #expect(folder.files.count == renamed.pages.count)
    }

    @Test func filesOfAnotherProgramAreNotUsed() throws {
        let sources = try Self.load(fixtureSite("links"))
        let folder = CacheFolder()
        _ = SiteResolver(cache: CompiledPageCache(folder: folder.url, settings: "program 1")).resolve(sources)
        let other = CompiledPageCache(folder: folder.url, settings: "program 2")
        let (site, _) = SiteResolver(cache: other).resolve(sources)
        #expect(other.lastCompiled == sources.pages.map(\.path).sorted())
        #expect(site.pages == SiteResolver().resolve(sources).0.pages)
    }

    /// Every cut of a file, a flipped end mark and another page's file are all misses.
    @Test func aDamagedFileIsAMiss() throws {
        let site = try Self.siteWithEveryKindOfResult()
        let sources = try Self.load(site.url)
        let (compiled, diagnostics) = SiteResolver().resolve(sources)
        let page = try #require(compiled.page("articles/open.md"))
        let entry = CachedCompilation(page, diagnostics: diagnostics.filter { $0.location.path == page.source.path }, key: 42)
        // Every kind of value the file holds: a warning, links of every target, two HTMLs.
        #expect(!entry.diagnostics.isEmpty)
        #expect(Set(entry.links.map { Self.targetKind($0.target) }) == ["page", "ownHeading", "attachment", "external"])
        #expect(entry.links.contains { $0.target == .page(1, fragment: "binnen") || $0.target == .page(0, fragment: "binnen") })
        #expect(entry.publicHTML != nil && entry.publicHTML != entry.membersHTML)
        #expect(!entry.attachments.isEmpty && entry.headings.count == 2 && entry.sections.count >= 2)
        let header = Array("\(CompiledPageFolder.formatLine)\nsettings p\n".utf8)
        let bytes = CompiledPageFolder.encode(entry, path: page.source.path, header: header)

        #expect(CompiledPageFolder.decode(Data(bytes), header: header, path: page.source.path) == entry)
        #expect(entry.page(of: sources.pages.first { $0.path == page.source.path }!) == page)
        for length in 0..<bytes.count {
            #expect(CompiledPageFolder.decode(Data(bytes[..<length]), header: header, path: page.source.path) == nil, "cut at \(length)")
        }
        var flipped = bytes
        flipped[flipped.count - 1] ^= 1
        #expect(CompiledPageFolder.decode(Data(flipped), header: header, path: page.source.path) == nil)
        #expect(CompiledPageFolder.decode(Data(bytes + [0]), header: header, path: page.source.path) == nil)
        #expect(CompiledPageFolder.decode(Data(bytes), header: header, path: "articles/dicht.md") == nil)
    }

    static func targetKind(_ target: LinkTarget) -> String {
        switch target {
        case .page: "page"
        case .ownHeading: "ownHeading"
        case .attachment: "attachment"
        case .external: "external"
        case .unchecked: "unchecked"
        }
    }

    /// A folder that cannot be made is a problem to report, not a failed resolve.
    @Test func aFolderThatCannotBeWrittenIsReported() throws {
        let sources = try Self.load(fixtureSite("links"))
        let folder = CacheFolder()
        try Data("in de weg".utf8).write(to: folder.url)
        let cache = CompiledPageCache(folder: folder.url, settings: "p")
        let (site, _) = SiteResolver(cache: cache).resolve(sources)
        #expect(site.pages == SiteResolver().resolve(sources).0.pages)
        #expect(cache.lastWriteProblem?.contains("cannot keep") == true)
    }
}
