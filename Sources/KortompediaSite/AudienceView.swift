import KortompediaCore
import KortompediaMarkdown
import KortompediaSource

/// A short reference to a page, as lists, backlinks and related articles show it. Its summary
/// is already safe for the audience of the view it comes from.
///
/// Immutable and shared: a page's reference is copied into every list, backlink and related
/// list that shows it, and as a class a copy is one reference count, not one per field. Equal
/// when every field is.
public final class PageRef: Sendable, Hashable {
    public let kind: PageKind
    public let slug: Slug
    public let title: String
    public let sitePath: String
    /// The explicit summary, or (only where the audience may read the body) the derived one.
    public let summary: String?
    public let access: Access
    public let themes: [Slug]
    public let date: Day
    public let lastModified: Day

    public init(
        kind: PageKind, slug: Slug, title: String, sitePath: String, summary: String?, access: Access, themes: [Slug],
        date: Day, lastModified: Day
    ) {
        self.kind = kind
        self.slug = slug
        self.title = title
        self.sitePath = sitePath
        self.summary = summary
        self.access = access
        self.themes = themes
        self.date = date
        self.lastModified = lastModified
    }

    public static func == (a: PageRef, b: PageRef) -> Bool {
        a === b
            || (a.kind == b.kind && a.slug == b.slug && a.title == b.title && a.sitePath == b.sitePath && a.summary == b.summary
                && a.access == b.access && a.themes == b.themes && a.date == b.date && a.lastModified == b.lastModified)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(slug)
        hasher.combine(title)
        hasher.combine(sitePath)
        hasher.combine(summary)
        hasher.combine(access)
        hasher.combine(themes)
        hasher.combine(date)
        hasher.combine(lastModified)
    }
}

/// The body of a page as one audience sees it.
public struct PageBody: Sendable {
    public var html: String
    public var headings: [Heading]
    public var tableOfContents: [Heading]
    public var sections: [TextSection]
    public var readingMinutes: Int
}

/// One page of one audience's build. A teaser (`body == nil`) carries front-matter facts only:
/// nothing derived from the body, no `extra`, no heading ids, no reading time.
public struct PageView: Sendable {
    public var ref: PageRef
    public var frontMatter: FrontMatter
    public var sourcePath: String
    /// Nil for a members-only article in the public build.
    public var body: PageBody?
    /// `extra` front-matter values; empty on teasers.
    public var extra: [String: ExtraValue]
    /// Pages that link here, from bodies this audience may read.
    public var backlinks: [PageRef]
    /// Up to five related articles (articles only).
    public var related: [PageRef]

    public var isTeaser: Bool { body == nil }
}

/// A theme of the site with its pages for one audience, most recently updated first.
public struct ThemeView: Sendable {
    public var theme: SiteConfig.Theme
    public var articles: [PageRef]
    public var blogs: [PageRef]
}

/// A tag with its pages for one audience.
public struct TagView: Sendable {
    public var slug: Slug
    public var name: String
    public var pages: [PageRef]
}

/// Everything one build may show. The renderer and the search indexer only ever receive this:
/// the public view is built without members-only bodies, so there is nothing to leak.
public struct AudienceView: Sendable {
    public var audience: Audience
    public var config: SiteConfig
    /// All pages in source-path order (teasers included in the public view).
    public var pages: [PageView]
    public var themes: [ThemeView]
    public var tags: [TagView]
    /// Attachments to copy, only those used by bodies this audience may read: output path →
    /// source path. Keyed by output path because a file used by two pages is copied next to each.
    public var attachmentCopies: [String: String]
    public var staticFiles: [String]

    /// Articles, most recently updated first.
    public var articlesByRecency: [PageRef] {
        refs(of: .article).sorted(by: PageRef.byRecency)
    }

    /// Blog posts, newest first.
    public var blogsByDate: [PageRef] {
        refs(of: .blog).sorted { ($0.date, $0.sitePath) > ($1.date, $1.sitePath) }
    }

    /// The references of the pages of `kind`, in page order; read in place (filtering the views
    /// themselves copies each whole view).
    private func refs(of kind: PageKind) -> [PageRef] {
        pages.indices.compactMap { pages[$0].ref.kind == kind ? pages[$0].ref : nil }
    }
}

extension PageRef {
    /// Most recently updated first; ties by title, then path, so lists are stable.
    public static func byRecency(_ a: PageRef, _ b: PageRef) -> Bool {
        if a.lastModified != b.lastModified { return a.lastModified > b.lastModified }
        if a.title != b.title { return a.title < b.title }
        return a.sitePath < b.sitePath
    }

    /// By title, for backlinks.
    static func byTitle(_ a: PageRef, _ b: PageRef) -> Bool {
        a.title != b.title ? a.title < b.title : a.sitePath < b.sitePath
    }
}

extension Site {
    /// The view of the site for one audience. For the public audience every members-only page
    /// becomes a teaser here, before any renderer or indexer sees it.
    public func view(for audience: Audience, workers: Int = 1) -> AudienceView {
        let readable = pages.indices.map { audience.canRead(pages[$0].access) }
        let refs = pages.indices.map { pages[$0].ref(readable: readable[$0]) }

        // Links that this audience may know about: those in bodies it can read. Pages and views
        // are read in place, by index, here and below: iterating over them copies each whole
        // page or view (a retain per field of it).
        var outgoing = Array(repeating: [Int](), count: pages.count)
        var incoming = Array(repeating: [Int](), count: pages.count)
        for index in pages.indices where readable[index] {
            var seen = Set<Int>()
            for link in pages[index].links {
                if case .page(let target, _) = link.target, target != index, seen.insert(target).inserted {
                    outgoing[index].append(target)
                    incoming[target].append(index)
                }
            }
        }
        let related = RelatedPages(pages: pages, refs: refs, outgoing: outgoing, incoming: incoming)
        // Each chunk of pages with scratch scores of its own.
        let relatedLists = Parallel.map(Array(pages.indices), workers: workers, state: { RelatedPages.Scratch(pageCount: pages.count) }) {
            scratch, index in pages[index].kind == .article ? related.top(for: index, scratch: &scratch) : []
        }

        let views = Parallel.map(Array(pages.indices), workers: workers) { [pages, refs, incoming] index in
            pages[index].view(
                for: audience, ref: refs[index],
                backlinks: incoming[index].map { refs[$0] }.sorted(by: PageRef.byTitle), related: relatedLists[index])
        }
        var attachmentCopies: [String: String] = [:]
        for index in pages.indices where views[index].body != nil {
            for (source, output) in pages[index].attachments { attachmentCopies[output] = source }
        }

        // `refs[index]` is `views[index].ref`, the same object.
        let themeViews = Parallel.map(config.themes, workers: workers) { theme in
            let members = refs.filter { $0.themes.contains(theme.slug) }.sorted(by: PageRef.byRecency)
            return ThemeView(theme: theme, articles: members.filter { $0.kind == .article }, blogs: members.filter { $0.kind == .blog })
        }

        var tagPages: [Slug: [PageRef]] = [:]
        for index in views.indices {
            // Two tags of one page may slugify alike.
            for slug in views[index].frontMatter.tagSlugs { tagPages[slug, default: []].append(refs[index]) }
        }
        // Named after every page of the site, so that both audiences call a tag the same.
        let spellings = TagSpellings(pages.indices.map { (path: pages[$0].source.path, tags: pages[$0].frontMatter.tags) })
        let tagViews = tagPages.keys.sorted().map {
            TagView(slug: $0, name: spellings.name(of: $0) ?? $0.rawValue, pages: tagPages[$0]!.sorted(by: PageRef.byRecency))
        }

        return AudienceView(
            audience: audience, config: config, pages: views, themes: themeViews, tags: tagViews,
            attachmentCopies: attachmentCopies, staticFiles: staticFiles)
    }
}

extension CompiledPage {
    /// The page as lists show it; the derived summary only where the audience may read the body.
    func ref(readable: Bool) -> PageRef {
        let summary = frontMatter.summary ?? (readable && !derivedSummary.isEmpty ? derivedSummary : nil)
        return PageRef(
            kind: kind, slug: slug, title: title, sitePath: sitePath, summary: summary,
            access: access, themes: frontMatter.themes, date: frontMatter.date,
            lastModified: frontMatter.lastModified)
    }

    /// The page as `audience` sees it. A teaser (a page the audience may not read) has no body,
    /// and its front matter goes without `extra`: nothing of them may reach the audience.
    func view(for audience: Audience, ref: PageRef, backlinks: [PageRef], related: [PageRef]) -> PageView {
        var body: PageBody?
        if audience.canRead(access), let html = audience == .members ? membersHTML : publicHTML {
            body = PageBody(
                html: html, headings: headings,
                tableOfContents: headings.filter { $0.level == 2 || $0.level == 3 },
                sections: sections, readingMinutes: readingMinutes)
        }
        var frontMatter = self.frontMatter
        if body == nil { frontMatter.extra = [:] }
        return PageView(
            ref: ref, frontMatter: frontMatter, sourcePath: source.path, body: body,
            extra: body == nil ? [:] : self.frontMatter.extra, backlinks: backlinks, related: related)
    }

    /// This page's view for the preview's fast path (see `PreviewState.quickUpdate`): its
    /// reference and body afresh, exactly as `Site.view(for:)` makes them, and its backlinks and
    /// related articles as `previous` had them. Those depend on other pages; the full rebuild
    /// that follows every quick update recomputes them.
    public func view(for audience: Audience, keepingListsOf previous: PageView) -> PageView {
        view(for: audience, ref: ref(readable: audience.canRead(access)), backlinks: previous.backlinks, related: previous.related)
    }
}
