import KortompediaCore
import KortompediaSite
import Mustache
import Synchronization

/// Cards (the theme's `card` template: a page as a list entry) rendered once and reused.
///
/// A card's links are relative, and a relative link depends only on how deep the page that
/// shows it lies (`SitePath.relative`). Nearly every page that lists cards (articles, blog
/// posts, theme and tag pages) lies two folders deep, and the two indexes (`kortompedia/`,
/// `blog/`), one deep, list every page. So the shelf renders each page's card for those two
/// depths once, in parallel, and every list joins ready HTML: on a 10,000-article site that
/// is 20,000 card renders per audience instead of some 160,000. Cards for other depths (the
/// home page) are rendered when asked for.
struct CardShelf: Sendable {
    /// The depths rendered ahead: `kortompedia/`, `blog/` (1) and `kortompedia/<slug>/`,
    /// `blog/<slug>/`, `themas/<slug>/`, `tags/<slug>/` (2).
    static let shelvedDepths = 1...2

    private let templates: TemplateRenderer
    private let context: TemplateContext
    private let workers: Int
    /// Card HTML by depth (index `depth - 1`), then by site path.
    private let shelved: [[String: String]]

    /// The cards of every page of `view` at `shelvedDepths`. A card `earlier` holds for the
    /// same page (`PageRef` equal in every field the card shows) and depth is taken from it
    /// instead of rendered again; the new ones are added to it.
    init(view: AudienceView, context: TemplateContext, templates: TemplateRenderer, workers: Int, earlier: CardCache? = nil) {
        self.templates = templates
        self.context = context
        self.workers = workers
        let refs = view.pages.map(\.ref)
        var html: [[String?]] = Self.shelvedDepths.map { earlier?.cards(for: refs, depth: $0, themeTitles: context.themeTitles) ?? Array(repeating: nil, count: refs.count) }
        let missing = Self.shelvedDepths.flatMap { depth in
            refs.indices.filter { html[depth - 1][$0] == nil }.map { (depth: depth, index: $0) }
        }
        let rendered = Parallel.map(missing, workers: workers) { [templates, context] card in
            Self.card(refs[card.index], up: SitePath.up(depth: card.depth), templates: templates, context: context)
        }
        for (card, text) in zip(missing, rendered) { html[card.depth - 1][card.index] = text }
        earlier?.add(zip(missing, rendered).map { (ref: refs[$0.index], depth: $0.depth, html: $1) }, themeTitles: context.themeTitles)
        shelved = html.map { cards in
            Dictionary(zip(refs.map(\.sitePath), cards.map { $0! }), uniquingKeysWith: { first, _ in first })
        }
    }

    /// A shelf with nothing rendered ahead: every card is rendered when asked for. For
    /// rendering one page (the preview's fast path), where rendering every card first would
    /// cost more than the page.
    init(renderingOnDemand context: TemplateContext, templates: TemplateRenderer) {
        self.templates = templates
        self.context = context
        workers = 1
        shelved = []
    }

    /// The cards of `refs`, in order, for a page at `path`.
    func html(_ refs: [PageRef], from path: String) -> TemplateText {
        let depth = SitePath.depth(of: path)
        let up = SitePath.up(depth: depth)
        let shelf = Self.shelvedDepths.contains(depth) && !shelved.isEmpty ? shelved[depth - 1] : [:]
        let cards = refs.map { ref in
            shelf[ref.sitePath] ?? Self.card(ref, up: up, templates: templates, context: context)
        }
        return TemplateText(cards.joined())
    }

    /// One card through the theme's `card` template, its links `up` (`../../`) from the root.
    private static func card(_ ref: PageRef, up: String, templates: TemplateRenderer, context: TemplateContext) -> String {
        templates.render("card", TemplateObject(context.card(ref, up: up)))
    }
}

/// Card HTML by page and depth, kept by one `SiteRenderer` for the audiences it renders after
/// each other: a public page, or a members-only article's teaser card, looks the same in both
/// builds, so the second audience renders only the cards that differ.
///
/// A card is a function of the page's `PageRef`, the depth, the theme's `card` template (the
/// renderer's own) and the site's theme titles (checked on every use). The key is the whole
/// `PageRef`, so a card is reused only for a page that shows exactly the same fields: a
/// members-only article whose summary comes from its body has another `PageRef` in the public
/// view (no summary), and gets its own card there.
final class CardCache: Sendable {
    private struct Key: Hashable {
        let ref: PageRef
        let depth: Int
    }

    /// The cards, and the theme titles they were rendered with.
    private let state = Mutex<(cards: [Key: String], themeTitles: [Slug: String])>(([:], [:]))

    init() {}

    /// The card of each of `refs` at `depth`, or nil where there is none yet. Cards rendered
    /// with other `themeTitles` (a view of another site) are forgotten first.
    func cards(for refs: [PageRef], depth: Int, themeTitles: [Slug: String]) -> [String?] {
        state.withLock { state in
            if state.themeTitles != themeTitles { state = ([:], themeTitles) }
            return refs.map { state.cards[Key(ref: $0, depth: depth)] }
        }
    }

    /// Keeps `new` cards, rendered with `themeTitles`, for later renders.
    func add(_ new: [(ref: PageRef, depth: Int, html: String)], themeTitles: [Slug: String]) {
        state.withLock { state in
            if state.themeTitles != themeTitles { state = ([:], themeTitles) }
            for card in new { state.cards[Key(ref: card.ref, depth: card.depth)] = card.html }
        }
    }
}
