import KortompediaCore
import KortompediaSource
import Synchronization

/// Compiled pages kept between builds of one process (the dev server; `build --incremental`
/// runs once per process and reuses rendered output instead, see `OutputManifest`), keyed by
/// everything a compilation depends on: the page's bytes, the link table (every page's path,
/// kind, slug, access and title, and the attachments) and the Markdown settings. A body edit recompiles that page only; a changed title or access
/// recompiles all pages, since any of them may show it.
public final class CompiledPageCache: Sendable {
    private let entries = Mutex<[String: (key: UInt64, page: CompiledPage, diagnostics: [Diagnostic])]>([:])
    /// Pages compiled (not reused) by the last `resolve`, for reports and tests.
    private let misses = Mutex<[String]>([])

    public init() {}

    /// Source paths compiled afresh by the most recent build that used this cache, sorted.
    public var lastCompiled: [String] { misses.withLock { $0.sorted() } }

    func lookup(_ path: String, key: UInt64) -> (CompiledPage, [Diagnostic])? {
        entries.withLock { entries in
            guard let entry = entries[path], entry.key == key else { return nil }
            return (entry.page, entry.diagnostics)
        }
    }

    func store(_ page: CompiledPage, diagnostics: [Diagnostic], key: UInt64) {
        entries.withLock { $0[page.source.path] = (key, page, diagnostics) }
        misses.withLock { $0.append(page.source.path) }
    }

    func beginBuild(keeping paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
        misses.withLock { $0 = [] }
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
