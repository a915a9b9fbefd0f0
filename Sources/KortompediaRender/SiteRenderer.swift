import Foundation
import KortompediaCore
import KortompediaSite
import Mustache

/// The render stage: turns one audience's view into output files through the theme's
/// templates. It never sees anything the audience may not read: that was decided in the view.
public struct SiteRenderer: Sendable {
    public let theme: Theme
    public let workers: Int
    /// Extra HTML put before `</body>` of every page (the dev server's reload script); empty
    /// for real builds.
    public let injectedScript: String
    /// Where each template's renders are counted and timed, when the build keeps them
    /// (`build --verbose`).
    public let metrics: TemplateMetrics?
    /// The cards rendered so far, for the next audience's render to reuse.
    private let cardCache = CardCache()

    public init(theme: Theme, workers: Int = 1, injectedScript: String = "", metrics: TemplateMetrics? = nil) {
        self.theme = theme
        self.workers = workers
        self.injectedScript = injectedScript
        self.metrics = metrics
    }

    /// The theme's templates, timed into `metrics` if any.
    private var templates: TemplateRenderer { TemplateRenderer(library: theme.library, metrics: metrics) }

    /// All pages, lists, redirects, feeds and copies of one audience's build. With `reuse`
    /// (`build --incremental`), every page gets a fingerprint, and a page whose fingerprint
    /// `reuse` knows is not rendered: it is listed in `kept` instead. With `emit` (the writer's
    /// `StagingFolder.write`), each page, list and redirect is handed to it as soon as it is
    /// rendered, on the thread that rendered it, and only its path is kept (`emitted`).
    public func render(_ view: AudienceView, reuse: RenderReuse? = nil, emit: (@Sendable (OutputFile) -> Void)? = nil) -> RenderedSite {
        let context = TemplateContext(view: view)
        let cards = CardShelf(
            view: view, context: context, templates: templates, workers: workers, earlier: cardCache,
            everyDepthAtOnce: theme.cardsRenderOnceForEveryDepth)
        let constants = DepthConstants(
            fragments: SharedFragments(theme: theme, renderer: templates, context: context),
            folded: FoldedTemplates(folding: theme.folding, original: theme.library, context: context))
        var outcomes = Parallel.map(view.pages, workers: workers) { page in
            produce(SitePath.file(for: page.ref.sitePath), Self.template(for: page), context.page(page, cards: cards), constants, reuse)
                .handing(to: emit)
        }
        outcomes += listPages(view, context, cards, constants, reuse, emit)
        outcomes += redirects(view, context, constants, reuse).map { $0.handing(to: emit) }

        var site = RenderedSite(files: [], copies: [])
        for outcome in outcomes {
            switch outcome {
            case .rendered(let file, let fingerprint):
                site.files.append(file)
                site.fingerprints[file.path] = fingerprint
            case .kept(let path, let fingerprint):
                site.kept.append(path)
                site.fingerprints[path] = fingerprint
            case .emitted(let path, let fingerprint):
                site.emitted.append(path)
                site.fingerprints[path] = fingerprint
            }
        }
        site.files += FeedWriter(view: view).files()
        site.kept.sort()
        site.copies = theme.assets.map { FileCopy(source: "theme/assets/\($0)", destination: "assets/\($0)") }
        site.copies += view.staticFiles.map { FileCopy(source: "static/\($0)", destination: $0) }
        site.copies += view.attachmentCopies.keys.sorted().map { FileCopy(source: view.attachmentCopies[$0]!, destination: $0) }
        return site
    }

    /// A file rendered, with its fingerprint when there is a `reuse` to give it to; or
    /// rendered and handed to `emit`; or kept.
    enum Outcome {
        case rendered(OutputFile, fingerprint: ContentDigest?)
        case emitted(path: String, fingerprint: ContentDigest?)
        case kept(path: String, fingerprint: ContentDigest)

        /// This outcome with its rendered file, if any, handed to `emit`.
        func handing(to emit: (@Sendable (OutputFile) -> Void)?) -> Outcome {
            guard let emit, case .rendered(let file, let fingerprint) = self else { return self }
            emit(file)
            return .emitted(path: file.path, fingerprint: fingerprint)
        }
    }

    /// Renders `template` with `values` into `path`, unless `reuse` knows its fingerprint. The
    /// fingerprint leaves out `constants`: the templates and the site values in `values` decide it.
    func produce(_ path: String, _ template: String, _ values: [String: Any], _ constants: DepthConstants, _ reuse: RenderReuse?) -> Outcome {
        let fingerprint = reuse == nil ? nil : theme.templatesDigest.flatMap {
            TemplateFingerprint.of(templates: $0, template: template, injectedScript: injectedScript, values: values)
        }
        if let reuse, let fingerprint, reuse.isCurrent(path, fingerprint) { return .kept(path: path, fingerprint: fingerprint) }
        return .rendered(OutputFile(path: path, text: render(template, values, constants)), fingerprint: fingerprint)
    }

    /// One article or blog page of `view` (the preview's fast path): the same bytes as in
    /// `render(_:)` for the same `page` and `view`.
    public func renderPage(_ page: PageView, of view: AudienceView) -> OutputFile {
        let context = TemplateContext(view: view)
        let cards = CardShelf(renderingOnDemand: context, templates: templates)
        // The templates as they are: folding them for one page would cost more than it saves.
        let constants = DepthConstants(fragments: SharedFragments(theme: theme, renderer: templates, context: context), folded: nil)
        return OutputFile(path: SitePath.file(for: page.ref.sitePath), text: render(Self.template(for: page), context.page(page, cards: cards), constants))
    }

    static func template(for page: PageView) -> String {
        page.isTeaser ? "teaser" : (page.ref.kind == .article ? "article" : "blog")
    }

    /// `template` with `values` and, as `shared`, the shared fragments for the depth of
    /// `values["root"]`, through the templates folded for that depth where they hold.
    /// `values` are ready for templates (`TemplateValues`): what `TemplateContext` builds, or
    /// plain values passed through `TemplateValues.preparedEach`.
    func render(_ template: String, _ values: [String: Any], _ constants: DepthConstants) -> String {
        var values = values
        // `TemplateContext.base`, which builds every template's values, sets `root` ready.
        let root = (values["root"] as? TemplateString)?.text
        if let root, let fragments = constants.fragments.values(root: root) {
            values["shared"] = fragments
        }
        let folded = root.flatMap { constants.folded?.library(root: $0, values: values) }
        let renderer = folded.map { TemplateRenderer(library: $0, metrics: metrics) } ?? templates
        var html = renderer.render(template, TemplateObject(values))
        if !injectedScript.isEmpty, let end = html.range(of: "</body>", options: .backwards) {
            html.replaceSubrange(end.lowerBound..<end.lowerBound, with: injectedScript)
        }
        return html
    }

    /// What a render makes once per depth and every page at that depth uses: the theme's shared
    /// fragments, and its templates with the site's values folded in (none for one page alone).
    struct DepthConstants: Sendable {
        let fragments: SharedFragments
        let folded: FoldedTemplates?
    }

    /// One page that lists others: what `listPages` renders, described so that the pages can
    /// be rendered on all cores (the values a template sees are not `Sendable`).
    private enum ListPage: Sendable {
        case home(recentArticles: [PageRef], latestBlogs: [PageRef])
        case list(path: String, title: String, intro: String, items: [PageRef], kicker: String)
        case overview(path: String, title: String, intro: String, entries: [OverviewEntry])
        case search
        case notFound
    }

    /// A theme or tag on an overview page.
    private struct OverviewEntry: Sendable {
        var title: String, description: String, url: String, count: Int
    }

    private func listPages(
        _ view: AudienceView, _ context: TemplateContext, _ cards: CardShelf, _ constants: DepthConstants, _ reuse: RenderReuse?,
        _ emit: (@Sendable (OutputFile) -> Void)?
    ) -> [Outcome] {
        // Sorted once here: each is a sort of every article or blog post.
        let articlesByRecency = view.articlesByRecency, blogsByDate = view.blogsByDate
        var pages: [ListPage] = [.home(recentArticles: Array(articlesByRecency.prefix(8)), latestBlogs: Array(blogsByDate.prefix(4)))]
        pages.append(.overview(path: SitePath.themes, title: "Thema's", intro: "Alle artikels van Kortompedia, per thema.", entries: view.themes.map { theme in
            OverviewEntry(title: theme.theme.title, description: theme.theme.description, url: SitePath.relative(from: SitePath.themes, to: SitePath.theme(theme.theme.slug)), count: theme.articles.count)
        }))
        for theme in view.themes {
            pages.append(.list(path: SitePath.theme(theme.theme.slug), title: theme.theme.title, intro: theme.theme.description, items: theme.articles + theme.blogs, kicker: "Thema"))
        }
        pages.append(.overview(path: SitePath.tags, title: "Trefwoorden", intro: "Alle trefwoorden van Kortompedia.", entries: view.tags.map { tag in
            OverviewEntry(title: tag.name, description: "", url: SitePath.relative(from: SitePath.tags, to: SitePath.tag(tag.slug)), count: tag.pages.count)
        }))
        for tag in view.tags {
            pages.append(.list(path: SitePath.tag(tag.slug), title: tag.name, intro: "Pagina's met het trefwoord ‘\(tag.name)’.", items: tag.pages, kicker: "Trefwoord"))
        }
        pages.append(.list(path: SitePath.articleIndex, title: "Alle artikels", intro: "Alle kennisartikels van Kortompedia, het laatst bijgewerkt eerst.", items: articlesByRecency, kicker: ""))
        pages.append(.list(path: SitePath.blogIndex, title: "Blog", intro: "Nieuws en tips die je naar de juiste artikels leiden.", items: blogsByDate, kicker: ""))
        pages += [.search, .notFound]
        return Parallel.map(pages, workers: workers) { listPage($0, view, context, cards, constants, reuse).handing(to: emit) }
    }

    private func listPage(_ page: ListPage, _ view: AudienceView, _ context: TemplateContext, _ cards: CardShelf, _ constants: DepthConstants, _ reuse: RenderReuse?) -> Outcome {
        switch page {
        case .home(let recentArticles, let latestBlogs):
            var home = context.base(path: SitePath.home, title: view.config.title, description: view.config.description)
            home["isHome"] = true
            home["themes"] = view.themes.map { theme -> [String: Any] in
                ["title": theme.theme.title, "description": TemplateText(theme.theme.description), "url": SitePath.theme(theme.theme.slug), "count": theme.articles.count]
            }
            home["recentArticleCards"] = cards.html(recentArticles, from: SitePath.home)
            home["latestBlogCards"] = cards.html(latestBlogs, from: SitePath.home)
            return produce("index.html", "home", TemplateValues.preparedEach(home), constants, reuse)
        case .list(let path, let title, let intro, let items, let kicker):
            var values = context.base(path: path, title: title, description: intro)
            values["page"] = ["title": title, "intro": TemplateText(intro), "kicker": TemplateText(kicker), "count": items.count] as [String: Any]
            values["cards"] = cards.html(items, from: path)
            values["hasItems"] = !items.isEmpty
            return produce(SitePath.file(for: path), "list", TemplateValues.preparedEach(values), constants, reuse)
        case .overview(let path, let title, let intro, let entries):
            var values = context.base(path: path, title: title, description: intro)
            values["page"] = ["title": title, "intro": TemplateText(intro)] as [String: Any]
            values["entries"] = entries.map { ["title": $0.title, "description": TemplateText($0.description), "url": $0.url, "count": $0.count] as [String: Any] }
            return produce(SitePath.file(for: path), "themes", TemplateValues.preparedEach(values), constants, reuse)
        case .search:
            var search = context.base(path: SitePath.search, title: "Zoeken", description: "Zoek in alle artikels en blogposts.")
            search["filterThemes"] = view.config.themes.map { ["slug": $0.slug.rawValue, "title": $0.title] }
            return produce(SitePath.file(for: SitePath.search), "search", TemplateValues.preparedEach(search), constants, reuse)
        case .notFound:
            // The 404 page is served at any depth, so its links are absolute from the site root.
            let notFound = context.base(path: SitePath.home, title: "Pagina niet gevonden", description: nil, root: "/")
            return produce("404.html", "404", TemplateValues.preparedEach(notFound), constants, reuse)
        }
    }

    private func redirects(_ view: AudienceView, _ context: TemplateContext, _ constants: DepthConstants, _ reuse: RenderReuse?) -> [Outcome] {
        view.pages.flatMap { page in
            page.frontMatter.aliases.map { alias in
                var values = context.base(path: alias, title: page.ref.title, description: nil)
                values["target"] = SitePath.relative(from: alias, to: page.ref.sitePath)
                values["noindex"] = true
                return produce(SitePath.file(for: alias), "redirect", TemplateValues.preparedEach(values), constants, reuse)
            }
        }
    }
}
