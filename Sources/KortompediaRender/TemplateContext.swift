import KortompediaCore
import KortompediaMarkdown
import KortompediaSite
import KortompediaSource
import Mustache

/// Text handed to templates that is false in a `{{#x}}` section when it is empty, as templates
/// expect (`{{#canonical}}`, `{{#page.kicker}}`): swift-mustache takes every `String`, even an
/// empty one, as true. Printed with `{{x}}` it is escaped like any string; the HTML we produce
/// ourselves (lists of cards) comes the same way and is printed with `{{{x}}}`.
struct TemplateText: MustacheCustomRenderable, CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { text.isEmpty }
    var description: String { text }
}

/// Values built once and then only read, by any worker. `Any` is not `Sendable`, but what
/// `TemplateContext` builds is, once `TemplateValues` has prepared it: strings, booleans,
/// numbers, `TemplateText`, `TemplateString`, and arrays and `TemplateObject`s of those.
struct ReadyTemplateValues: @unchecked Sendable {
    let values: [String: Any]
}

/// Builds the values templates see, in the form swift-mustache reads fastest
/// (`TemplateValues`): `TemplateObject`s, `TemplateString`s, `TemplateText`s, booleans,
/// numbers and arrays of those, made so directly rather than converted afterwards (that pass
/// was a tenth of the render stage's own work). The site values come ready, see
/// `siteValues(root:)`. `{{x}}` escapes, and only HTML we produced ourselves (`body`) is
/// meant for `{{{x}}}`.
struct TemplateContext {
    let view: AudienceView
    /// Theme title by slug.
    let themeTitles: [Slug: String]

    /// `siteValues` for the depths pages lie at (0 to 3), their values already in the form
    /// templates get (`TemplateValues`): built once here rather than for every page.
    private let readySiteValues: [String: ReadyTemplateValues]

    init(view: AudienceView) {
        self.view = view
        themeTitles = Dictionary(uniqueKeysWithValues: view.config.themes.map { ($0.slug, $0.title) })
        readySiteValues = Dictionary(uniqueKeysWithValues: (0...3).map { depth in
            let root = SitePath.up(depth: depth)
            return (root, ReadyTemplateValues(values: Self.siteValues(of: view, root: root)))
        })
    }

    /// The keys that are the same on every page `root` (`../../`) below the site root: site
    /// settings, the way to the root, navigation, already in the form templates get. What the
    /// theme's shared fragments see (see `SharedFragments`), and where `base` starts.
    func siteValues(root: String) -> [String: Any] {
        readySiteValues[root]?.values ?? Self.siteValues(of: view, root: root)
    }

    private static func siteValues(of view: AudienceView, root: String) -> [String: Any] {
        let config = view.config
        let values: [String: Any] = [
            "root": root,
            "site": [
                "title": config.title,
                "description": TemplateText(config.description),
                "language": config.language,
                "joinURL": config.membership.joinURL,
                "loginURL": config.membership.loginURL,
                "isPublic": view.audience == .public,
                "isMembers": view.audience == .members,
            ] as [String: Any],
            "nav": config.themes.map { ["title": $0.title, "url": root + SitePath.theme($0.slug)] },
            "searchURL": root + SitePath.search,
        ]
        return TemplateValues.preparedEach(values)
    }

    /// The keys every page has: `siteValues` for the page's depth, its title and description,
    /// and whether search engines may index it. `root` replaces the relative way up from
    /// `path` (the 404 page, served at any depth, uses `/`).
    func base(path: String, title: String, description: String?, root: String? = nil) -> [String: Any] {
        let config = view.config
        let root = root ?? SitePath.up(from: path)
        var values = siteValues(root: root)
        values["title"] = TemplateString(title)
        values["description"] = TemplateText(description.flatMap { $0.isEmpty ? nil : $0 } ?? config.description)
        // Members pages are not indexed and have no public address.
        values["canonical"] = TemplateText(view.audience == .public ? config.baseURL + path : "")
        values["noindex"] = view.audience == .members
        return values
    }

    /// Theme links for a page `up` (`../../`) from the root.
    func themes(_ slugs: [Slug], up: String) -> [TemplateObject] {
        slugs.map { TemplateObject(["title": TemplateString(themeTitles[$0] ?? $0.rawValue), "url": TemplateString(up + SitePath.theme($0))]) }
    }

    /// A page as a list entry, for the `card` template, links relative to a page `up`
    /// (`../../`) from the root (see `CardShelf`).
    func card(_ ref: PageRef, up: String) -> [String: Any] {
        [
            "title": TemplateString(ref.title),
            "url": TemplateString(up + ref.sitePath),
            "summary": TemplateText(ref.summary ?? ""),
            "hasSummary": ref.summary != nil,
            "membersOnly": ref.access == .members,
            "isArticle": ref.kind == .article,
            "kindLabel": TemplateString(ref.kind == .article ? "Artikel" : "Blog"),
            "date": TemplateString(ref.date.description),
            "dateText": TemplateString(ref.date.dutchDescription),
            "lastModified": TemplateString(ref.lastModified.description),
            "lastModifiedText": TemplateString(ref.lastModified.dutchDescription),
            "isUpdated": ref.lastModified != ref.date,
            "themes": themes(ref.themes, up: up),
            "hasThemes": !ref.themes.isEmpty,
        ]
    }

    /// The table of contents as ready `<li>` elements, for `<ol>{{{page.tocItems}}}</ol>`: the
    /// same HTML as `{{#page.toc}}<li{{#isSub}} class="toc-sub"{{/isSub}}><a href="#{{id}}">{{text}}</a></li>{{/page.toc}}`,
    /// made for about a tenth of what that loop costs in swift-mustache (10 µs against about
    /// 100 of an article's 320). Like Hugo's `.TableOfContents`; a theme that wants other
    /// markup loops over `page.toc` instead.
    static func tocItems(_ headings: [Heading]) -> String {
        var html = ""
        for heading in headings {
            html += heading.level == 3 ? "<li class=\"toc-sub\"><a href=\"#" : "<li><a href=\"#"
            html += HTMLEscaping.escape(heading.id)
            html += "\">"
            html += HTMLEscaping.escape(heading.text)
            html += "</a></li>"
        }
        return html
    }

    /// The full context of an article or blog page, or of a teaser; `cards` holds the cards of
    /// its related pages and backlinks.
    func page(_ page: PageView, cards: CardShelf) -> [String: Any] {
        let path = page.ref.sitePath
        let up = SitePath.up(from: path)
        let frontMatter = page.frontMatter
        var context = base(path: path, title: page.ref.title, description: page.ref.summary)
        var values: [String: Any] = card(page.ref, up: up)
        values["authors"] = TemplateText(frontMatter.authors.joined(separator: ", "))
        values["hasAuthors"] = !frontMatter.authors.isEmpty
        values["tags"] = frontMatter.tags.map { TemplateObject(["name": TemplateString($0), "url": TemplateString(up + SitePath.tag(Slug(slugifying: $0)))]) }
        values["hasTags"] = !frontMatter.tags.isEmpty
        values["updatedText"] = TemplateText(frontMatter.updated?.dutchDescription ?? "")
        values["rewrittenText"] = TemplateText(frontMatter.rewritten?.dutchDescription ?? "")
        values["isTeaser"] = page.isTeaser
        if let body = page.body {
            values["body"] = TemplateString(body.html)
            values["readingMinutes"] = body.readingMinutes
            values["toc"] = body.tableOfContents.map {
                TemplateObject(["text": TemplateString($0.text), "id": TemplateString($0.id), "level": $0.level, "isSub": $0.level == 3])
            }
            values["tocItems"] = TemplateText(Self.tocItems(body.tableOfContents))
            values["hasToc"] = body.tableOfContents.count >= 2
            values["extra"] = TemplateObject(page.extra.mapValues { TemplateString($0.text) })
            values["backlinkCards"] = cards.html(page.backlinks, from: path)
            values["hasBacklinks"] = !page.backlinks.isEmpty
            values["relatedCards"] = cards.html(page.related, from: path)
            values["hasRelated"] = !page.related.isEmpty
        } else {
            values["relatedCards"] = TemplateText("")
            values["hasRelated"] = false
        }
        context["page"] = TemplateObject(values)
        return context
    }
}
