import Foundation
import KortompediaCore
import KortompediaMarkdown
import KortompediaSource
import Synchronization

/// Compiled pages kept between builds, keyed by everything a compilation depends on: the page's
/// bytes, the link table (every page's path, kind, slug, access and title, and the attachments)
/// and the Markdown settings. A body edit recompiles that page only; a changed title or access
/// recompiles all pages, since any of them may show it.
///
/// The dev server keeps one in memory for the whole session. `build --incremental` keeps one
/// on disk beside its output (`init(folder:settings:)`), so that its next run reuses it.
public final class CompiledPageCache: Sendable {
    /// Entries by source path, when kept in memory.
    private let entries = Mutex<[String: CachedCompilation]>([:])
    /// Where the entries are kept instead, one file per page.
    private let folder: CompiledPageFolder?
    /// Pages compiled (not reused) by the last `resolve`, for reports and tests.
    private let misses = Mutex<[String]>([])
    /// Why the last build could not keep a page on disk; nil when it could (or had none to keep).
    private let writeProblem = Mutex<String?>(nil)

    /// A cache in memory, for the builds of one process.
    public init() {
        folder = nil
    }

    /// A cache in `folder` (created when needed), for builds of later processes. Files written
    /// by a program of other `settings` are not used.
    public init(folder: URL, settings: String) {
        self.folder = CompiledPageFolder(url: folder, settings: settings)
    }

    /// Where `build --incremental` keeps its compiled pages for the output root `outputRoot`.
    public static func location(outputRoot: URL) -> URL {
        outputRoot.appendingPathComponent(".kortompedia-parsed")
    }

    /// The folder the entries are kept in; nil for a cache in memory.
    public var folderURL: URL? { folder?.url }

    /// Source paths compiled afresh by the most recent build that used this cache, sorted.
    public var lastCompiled: [String] { misses.withLock { $0.sorted() } }

    /// Why the most recent build could not keep its compiled pages on disk for the next one
    /// (the first problem met, in words that leave the folder to the caller); nil when it could.
    public var lastWriteProblem: String? { writeProblem.withLock { $0 } }

    /// The compiled page of `source`, when compiled earlier under the same `key`. Its source is
    /// `source` itself, without its body, as the compiler leaves it.
    func lookup(_ source: SourcePage, key: UInt64) -> (CompiledPage, [Diagnostic])? {
        let entry = if let folder { folder.read(key: key, path: source.path) } else { entries.withLock { $0[source.path] } }
        guard let entry, entry.key == key else { return nil }
        return (entry.page(of: source), entry.diagnostics)
    }

    func store(_ page: CompiledPage, diagnostics: [Diagnostic], key: UInt64) {
        let entry = CachedCompilation(page, diagnostics: diagnostics, key: key)
        if let folder {
            do {
                try folder.write(entry, path: page.source.path)
            } catch {
                noteWriteProblem(error)
            }
        } else {
            entries.withLock { $0[page.source.path] = entry }
        }
        misses.withLock { $0.append(page.source.path) }
    }

    /// Called before a build looks pages up: `paths` are its pages.
    func beginBuild(keeping paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
        misses.withLock { $0 = [] }
        writeProblem.withLock { $0 = nil }
        guard let folder else { return }
        do {
            try folder.create()
        } catch {
            noteWriteProblem(error)
        }
    }

    /// Keeps the first write problem of a build, in the same words whichever page met it first.
    private func noteWriteProblem(_ error: any Error) {
        let problem = "cannot keep the parsed pages for the next build: \(error.localizedDescription)"
        writeProblem.withLock { $0 = $0 ?? problem }
    }

    /// Called when a build compiled its pages, with the key of each (by source path): on
    /// disk, the files of other pages and keys go.
    func endBuild(keys: [String: UInt64]) {
        folder?.removeAll(except: Set(keys.map { CompiledPageFolder.name(key: $0.value, path: $0.key) }))
    }

    /// The part of the key shared by every page: the link table and Markdown settings.
    static func siteKey(_ sources: LoadedSources) -> UInt64 {
        var text = "raw=\(sources.config.allowRawHTML) links=\(sources.config.brokenLinks.rawValue)\n"
        for page in sources.pages {
            text += "\(page.path)|\(page.kind.rawValue)|\(page.slug)|\(page.access.rawValue)|\(page.frontMatter.title)\n"
        }
        text += "attachments:" + sources.attachments.joined(separator: "|") + "\nfailed:" + sources.failedPages.joined(separator: "|")
        return StableDigest.of(text.utf8)
    }

    static func pageKey(_ page: SourcePage, siteKey: UInt64) -> UInt64 {
        StableDigest.of(withUnsafeBytes(of: page.contentDigest.littleEndian) { Array($0) }, seed: siteKey ^ 0x9e37_79b9_7f4a_7c15)
    }
}

/// A compiled page without its source, and the diagnostics of its compilation: what the cache
/// keeps. The source is the page's own when the entry is used again (same bytes, same key).
struct CachedCompilation: Sendable, Equatable {
    var key: UInt64
    var sitePath: String
    var headings: [Heading]
    var links: [ResolvedLink]
    var sections: [TextSection]
    var derivedSummary: String
    var wordCount: Int
    var membersHTML: String
    var publicHTML: String?
    var attachments: [String: String]
    var diagnostics: [Diagnostic]

    init(
        key: UInt64, sitePath: String, headings: [Heading], links: [ResolvedLink], sections: [TextSection], derivedSummary: String,
        wordCount: Int, membersHTML: String, publicHTML: String?, attachments: [String: String], diagnostics: [Diagnostic]
    ) {
        self.key = key
        self.sitePath = sitePath
        self.headings = headings
        self.links = links
        self.sections = sections
        self.derivedSummary = derivedSummary
        self.wordCount = wordCount
        self.membersHTML = membersHTML
        self.publicHTML = publicHTML
        self.attachments = attachments
        self.diagnostics = diagnostics
    }

    init(_ page: CompiledPage, diagnostics: [Diagnostic], key: UInt64) {
        self.init(
            key: key, sitePath: page.sitePath, headings: page.headings, links: page.links, sections: page.sections,
            derivedSummary: page.derivedSummary, wordCount: page.wordCount, membersHTML: page.membersHTML,
            publicHTML: page.publicHTML, attachments: page.attachments, diagnostics: diagnostics)
    }

    /// The compiled page of `source`, whose body it drops as `PageCompiler` does.
    func page(of source: SourcePage) -> CompiledPage {
        var source = source
        source.body = ""
        return CompiledPage(
            source: source, sitePath: sitePath, headings: headings, links: links, sections: sections, derivedSummary: derivedSummary,
            wordCount: wordCount, membersHTML: membersHTML, publicHTML: publicHTML, attachments: attachments)
    }
}
