import KortompediaCore
import KortompediaSource

/// The resolved site: every compiled page, the theme and tag lists, and the checks that need
/// all pages at once (duplicate slugs, heading fragments, aliases). Input of `view(for:)`.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Pages in source-path order; `LinkTarget.page` indexes into this array.
    public var pages: [CompiledPage]
    /// Files under `static/`, relative to it.
    public var staticFiles: [String]

    public init(config: SiteConfig, pages: [CompiledPage], staticFiles: [String]) {
        self.config = config
        self.pages = pages
        self.staticFiles = staticFiles
    }
}

/// The resolve stage: builds the link table from all front matter, compiles every page on all
/// cores, then runs the checks that need the whole site. All problems are returned together.
public struct SiteResolver: Sendable {
    public let workers: Int

    /// Compiled pages of earlier builds (of this process, or read from disk by `build
    /// --incremental`); nil compiles every page.
    public let cache: CompiledPageCache?

    public init(workers: Int = 1, cache: CompiledPageCache? = nil) {
        self.workers = workers
        self.cache = cache
    }

    public func resolve(_ sources: LoadedSources) -> (Site, [Diagnostic]) {
        var diagnostics = checkUniqueSlugs(sources.pages)
        let table = LinkTable(pages: sources.pages, attachments: sources.attachments, failedPages: sources.failedPages)
        let compiler = PageCompiler(table: table, config: sources.config)
        let cache = self.cache
        // Each page's cache key, computed once: looked up with, and kept on disk by, `endBuild`.
        let keys: [UInt64]
        if let cache {
            let siteKey = CompiledPageCache.siteKey(sources)
            keys = sources.pages.map { CompiledPageCache.pageKey($0, siteKey: siteKey) }
            cache.beginBuild(keeping: Set(sources.pages.map(\.path)))
        } else {
            keys = []
        }
        let results = Parallel.map(Array(sources.pages.indices), workers: workers) { index -> (CompiledPage, [Diagnostic]) in
            guard let cache else { return compiler.compile(index) }
            if let hit = cache.lookup(sources.pages[index], key: keys[index]) { return hit }
            let result = compiler.compile(index)
            cache.store(result.0, diagnostics: result.1, key: keys[index])
            return result
        }
        cache?.endBuild(keys: Dictionary(uniqueKeysWithValues: zip(sources.pages.map(\.path), keys)))
        let pages = results.map(\.0)
        diagnostics += results.flatMap(\.1)
        // The bodies of pages whose front matter failed are checked too, never built: one run
        // reports their broken links along with the front-matter errors.
        let failedBodies = Parallel.map(sources.failedPageBodies, workers: workers) { compiler.check(failedPage: $0) }
        diagnostics += failedBodies.flatMap(\.1)
        diagnostics += checkFragments(pages, checkingAlso: failedBodies.map(\.0), brokenLinks: sources.config.brokenLinks)
        diagnostics += checkAliases(pages)
        return (Site(config: sources.config, pages: pages, staticFiles: sources.staticFiles), diagnostics)
    }

    /// Two pages of one kind may not share a slug: they would share a URL. An article and a
    /// blog post may (their URLs differ); only a `[[slug]]` to them is ambiguous, and that link
    /// is the error (see `LinkTable.resolve`).
    func checkUniqueSlugs(_ pages: [SourcePage]) -> [Diagnostic] {
        var first: [PageKind: [Slug: SourcePage]] = [:]
        var diagnostics: [Diagnostic] = []
        for page in pages {
            if let earlier = first[page.kind]?[page.slug] {
                let location = page.frontMatter.keyLocations["slug"] ?? SourceLocation(path: page.path, line: 1, column: 1)
                diagnostics.append(.error(location, "duplicate slug '\(page.slug)': also used by \(earlier.path)", code: "duplicate-slug"))
            } else {
                first[page.kind, default: [:]][page.slug] = page
            }
        }
        return diagnostics
    }

    /// Links to headings that do not exist, in `pages` and in `others` (pages no link can lead
    /// to, such as the bodies of pages that failed to load), which may link to `pages`.
    func checkFragments(_ pages: [CompiledPage], checkingAlso others: [CompiledPage] = [], brokenLinks: SiteConfig.BrokenLinkPolicy) -> [Diagnostic] {
        let all = others.isEmpty ? pages : pages + others
        let ids = all.map { Set($0.headings.map(\.id)) }
        let severity: Diagnostic.Severity = brokenLinks == .error ? .error : .warning
        var diagnostics: [Diagnostic] = []
        for (index, page) in all.enumerated() {
            for link in page.links {
                switch link.target {
                case .page(let target, let fragment?) where !ids[target].contains(fragment):
                    diagnostics.append(Diagnostic(severity, link.location, "broken link '\(Self.written(link))': \(pages[target].source.path) has no heading '\(fragment)'", code: WarningCode.brokenAnchor.rawValue))
                case .ownHeading(let fragment) where !ids[index].contains(fragment):
                    diagnostics.append(Diagnostic(severity, link.location, "broken link '\(Self.written(link))': no heading '\(fragment)' on this page", code: WarningCode.brokenAnchor.rawValue))
                default: break
                }
            }
        }
        return diagnostics
    }

    /// A link as the editor wrote it, for messages: `b.md#kop`, `[[b#kop]]`.
    static func written(_ link: ResolvedLink) -> String {
        link.kind == .wiki ? "[[\(link.destination)]]" : link.destination
    }

    /// Where an alias cannot go: generated folders, and the files the build writes at the root
    /// (an alias `/feed.xml/` would need `feed.xml` to be a folder, and failed only when writing).
    static let reservedPrefixes = ["assets/", "themas/", "tags/", SitePath.search, "feed.xml/", "sitemap.xml/", "404.html/", "index.html/"]

    /// Aliases may not collide with each other or with a real page.
    func checkAliases(_ pages: [CompiledPage]) -> [Diagnostic] {
        var taken = Set(pages.map(\.sitePath))
        for fixed in [SitePath.themes, SitePath.tags, SitePath.search, SitePath.blogIndex, SitePath.articleIndex, "assets/"] {
            taken.insert(fixed)
        }
        var aliasOwner: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for page in pages {
            let location = page.frontMatter.keyLocations["aliases"] ?? SourceLocation(path: page.source.path, line: 1, column: 1)
            for alias in page.frontMatter.aliases {
                if taken.contains(alias) || Self.reservedPrefixes.contains(where: { alias.hasPrefix($0) }) {
                    diagnostics.append(.error(location, "alias '/\(alias)' collides with a page of the site", code: "alias-collision"))
                } else if let owner = aliasOwner[alias] {
                    diagnostics.append(.error(location, "alias '/\(alias)' is also claimed by \(owner)", code: "alias-collision"))
                } else {
                    aliasOwner[alias] = page.source.path
                }
            }
        }
        return diagnostics
    }
}
