import KortompediaCore
import KortompediaSite
import Mustache

/// Cards (the theme's `card` template: a page as a list entry) rendered once and reused.
///
/// A card's links are relative, and a relative link depends only on how deep the page that
/// shows it lies (`SitePath.relative`). Nearly every page that lists cards (articles, blog
/// posts, theme and tag pages) lies two folders deep, so the shelf renders each page's card
/// for that depth once, in parallel, and every list joins ready HTML. On a 10,000-article site
/// that is 10,000 card renders per audience instead of some 150,000. Cards for other depths
/// (the home page, the indexes) are rendered when asked for.
struct CardShelf: Sendable {
    /// The depth of `kortompedia/<slug>/`, `blog/<slug>/`, `themas/<slug>/`, `tags/<slug>/`.
    static let shelvedDepth = 2

    private let library: MustacheLibrary
    private let context: TemplateContext
    private let workers: Int
    /// Card HTML by site path, for pages at `shelvedDepth`.
    private let shelved: [String: String]

    init(view: AudienceView, context: TemplateContext, library: MustacheLibrary, workers: Int) {
        self.library = library
        self.context = context
        self.workers = workers
        let up = SitePath.up(depth: Self.shelvedDepth)
        let refs = view.pages.map(\.ref)
        let html = Parallel.map(refs, workers: workers) { [library, context] ref in
            Self.card(ref, up: up, library: library, context: context)
        }
        shelved = Dictionary(zip(refs.map(\.sitePath), html), uniquingKeysWith: { first, _ in first })
    }

    /// A shelf with nothing rendered ahead: every card is rendered when asked for. For
    /// rendering one page (the preview's fast path), where rendering every card first would
    /// cost more than the page.
    init(renderingOnDemand context: TemplateContext, library: MustacheLibrary) {
        self.library = library
        self.context = context
        workers = 1
        shelved = [:]
    }

    /// The cards of `refs`, in order, for a page at `path`.
    func html(_ refs: [PageRef], from path: String) -> TemplateText {
        let depth = SitePath.depth(of: path)
        let up = SitePath.up(depth: depth)
        let render: @Sendable (PageRef) -> String = { [shelved, library, context] ref in
            if depth == Self.shelvedDepth, let html = shelved[ref.sitePath] { return html }
            return Self.card(ref, up: up, library: library, context: context)
        }
        // The indexes list every page once: worth both cores.
        let cards = refs.count > 256 && depth != Self.shelvedDepth
            ? Parallel.map(refs, workers: workers, render)
            : refs.map(render)
        return TemplateText(cards.joined())
    }

    /// One card through the theme's `card` template, its links `up` (`../../`) from the root.
    private static func card(_ ref: PageRef, up: String, library: MustacheLibrary, context: TemplateContext) -> String {
        library.render(TemplateValues.prepared(context.card(ref, up: up)), withTemplate: "card") ?? ""
    }
}
