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

    public init(theme: Theme, workers: Int = 1, injectedScript: String = "") {
        self.theme = theme
        self.workers = workers
        self.injectedScript = injectedScript
    }

    /// All pages, lists, redirects, feeds and copies of one audience's build.
    public func render(_ view: AudienceView) -> RenderedSite {
        let context = TemplateContext(view: view)
        let cards = CardShelf(view: view, context: context, library: theme.library, workers: workers)
        var files = Parallel.map(view.pages, workers: workers) { page in
            OutputFile(path: SitePath.file(for: page.ref.sitePath), text: render(Self.template(for: page), context.page(page, cards: cards)))
        }
        files += listPages(view, context, cards)
        files += redirects(view, context)
        files += FeedWriter(view: view).files()

        var copies = theme.assets.map { FileCopy(source: "theme/assets/\($0)", destination: "assets/\($0)") }
        copies += view.staticFiles.map { FileCopy(source: "static/\($0)", destination: $0) }
        copies += view.attachmentCopies.keys.sorted().map { FileCopy(source: view.attachmentCopies[$0]!, destination: $0) }
        return RenderedSite(files: files, copies: copies)
    }

    /// One article or blog page of `view` (the preview's fast path): the same bytes as in
    /// `render(_:)` for the same `page` and `view`.
    public func renderPage(_ page: PageView, of view: AudienceView) -> OutputFile {
        let context = TemplateContext(view: view)
        let cards = CardShelf(renderingOnDemand: context, library: theme.library)
        return OutputFile(path: SitePath.file(for: page.ref.sitePath), text: render(Self.template(for: page), context.page(page, cards: cards)))
    }

    static func template(for page: PageView) -> String {
        page.isTeaser ? "teaser" : (page.ref.kind == .article ? "article" : "blog")
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        var html = theme.library.render(context, withTemplate: template) ?? ""
        if !injectedScript.isEmpty, let end = html.range(of: "</body>", options: .backwards) {
            html.replaceSubrange(end.lowerBound..<end.lowerBound, with: injectedScript)
        }
        return html
    }

    private func listPages(_ view: AudienceView, _ context: TemplateContext, _ cards: CardShelf) -> [OutputFile] {
        var files: [OutputFile] = []
        func list(_ path: String, title: String, intro: String, items: [PageRef], kicker: String = "") {
            var values = context.base(path: path, title: title, description: intro)
            values["page"] = ["title": title, "intro": TemplateText(intro), "kicker": TemplateText(kicker), "count": items.count] as [String: Any]
            values["cards"] = cards.html(items, from: path)
            values["hasItems"] = !items.isEmpty
            files.append(OutputFile(path: SitePath.file(for: path), text: render("list", values)))
        }
        func overview(_ path: String, title: String, intro: String, entries: [[String: Any]]) {
            var values = context.base(path: path, title: title, description: intro)
            values["page"] = ["title": title, "intro": TemplateText(intro)] as [String: Any]
            values["entries"] = entries
            files.append(OutputFile(path: SitePath.file(for: path), text: render("themes", values)))
        }

        // Home
        var home = context.base(path: SitePath.home, title: view.config.title, description: view.config.description)
        home["isHome"] = true
        home["themes"] = view.themes.map { theme -> [String: Any] in
            ["title": theme.theme.title, "description": TemplateText(theme.theme.description), "url": SitePath.theme(theme.theme.slug), "count": theme.articles.count]
        }
        home["recentArticleCards"] = cards.html(Array(view.articlesByRecency.prefix(8)), from: SitePath.home)
        home["latestBlogCards"] = cards.html(Array(view.blogsByDate.prefix(4)), from: SitePath.home)
        files.append(OutputFile(path: "index.html", text: render("home", home)))

        // Themes
        overview(SitePath.themes, title: "Thema's", intro: "Alle artikels van Kortompedia, per thema.", entries: view.themes.map { theme in
            ["title": theme.theme.title, "description": TemplateText(theme.theme.description), "url": SitePath.relative(from: SitePath.themes, to: SitePath.theme(theme.theme.slug)), "count": theme.articles.count]
        })
        for theme in view.themes {
            list(SitePath.theme(theme.theme.slug), title: theme.theme.title, intro: theme.theme.description, items: theme.articles + theme.blogs, kicker: "Thema")
        }

        // Tags
        overview(SitePath.tags, title: "Trefwoorden", intro: "Alle trefwoorden van Kortompedia.", entries: view.tags.map { tag in
            ["title": tag.name, "description": TemplateText(""), "url": SitePath.relative(from: SitePath.tags, to: SitePath.tag(tag.slug)), "count": tag.pages.count]
        })
        for tag in view.tags {
            list(SitePath.tag(tag.slug), title: tag.name, intro: "Pagina's met het trefwoord ‘\(tag.name)’.", items: tag.pages, kicker: "Trefwoord")
        }

        list(SitePath.articleIndex, title: "Alle artikels", intro: "Alle kennisartikels van Kortompedia, het laatst bijgewerkt eerst.", items: view.articlesByRecency)
        list(SitePath.blogIndex, title: "Blog", intro: "Nieuws en tips die je naar de juiste artikels leiden.", items: view.blogsByDate)

        // Search and 404
        var search = context.base(path: SitePath.search, title: "Zoeken", description: "Zoek in alle artikels en blogposts.")
        search["filterThemes"] = view.config.themes.map { ["slug": $0.slug.rawValue, "title": $0.title] }
        files.append(OutputFile(path: SitePath.file(for: SitePath.search), text: render("search", search)))
        // The 404 page is served at any depth, so its links are absolute from the site root.
        var notFound = context.base(path: SitePath.home, title: "Pagina niet gevonden", description: nil)
        notFound["root"] = "/"
        notFound["searchURL"] = "/" + SitePath.search
        notFound["nav"] = view.config.themes.map { ["title": $0.title, "url": "/" + SitePath.theme($0.slug)] }
        files.append(OutputFile(path: "404.html", text: render("404", notFound)))
        return files
    }

    private func redirects(_ view: AudienceView, _ context: TemplateContext) -> [OutputFile] {
        view.pages.flatMap { page in
            page.frontMatter.aliases.map { alias in
                var values = context.base(path: alias, title: page.ref.title, description: nil)
                values["target"] = SitePath.relative(from: alias, to: page.ref.sitePath)
                values["noindex"] = true
                return OutputFile(path: SitePath.file(for: alias), text: render("redirect", values))
            }
        }
    }
}
