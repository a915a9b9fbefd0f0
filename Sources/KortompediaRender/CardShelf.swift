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
    /// Card HTML by depth (index `depth - 1`), then by page reference: the lists of a view
    /// hold its own `PageRef`s, found by identity rather than by hashing their paths.
    private let shelved: [[ObjectIdentifier: String]]
    /// The references `shelved` is keyed by, kept so that no other object takes their identity.
    private let refs: [PageRef]

    /// The cards of every page of `view` at `shelvedDepths`. A card `earlier` holds for the
    /// same page (`PageRef` equal in every field the card shows) and depth is taken from it
    /// instead of rendered again; the new ones are added to it. Where `everyDepthAtOnce`, a
    /// page's card is rendered once for all depths (see `DepthlessCard`).
    init(view: AudienceView, context: TemplateContext, templates: TemplateRenderer, workers: Int, earlier: CardCache? = nil, everyDepthAtOnce: Bool = false) {
        self.templates = templates
        self.context = context
        self.workers = workers
        let refs = view.pages.map(\.ref)
        var html: [[String?]] = Self.shelvedDepths.map { earlier?.cards(for: refs, depth: $0, themeTitles: context.themeTitles) ?? Array(repeating: nil, count: refs.count) }
        let missing = refs.indices.filter { index in Self.shelvedDepths.contains { html[$0 - 1][index] == nil } }
        let once = everyDepthAtOnce && !context.themeTitles.values.contains(where: DepthlessCard.holdsMarker)
        let cached = html
        let rendered = Parallel.map(missing, workers: workers) { [templates, context] index in
            let ref = refs[index]
            if once, let card = DepthlessCard(ref, templates: templates, context: context) {
                return Self.shelvedDepths.map { card.html(up: SitePath.up(depth: $0)) }
            }
            return Self.shelvedDepths.map { depth in
                cached[depth - 1][index] ?? Self.card(ref, up: SitePath.up(depth: depth), templates: templates, context: context)
            }
        }
        var new: [(ref: PageRef, depth: Int, html: String)] = []
        for (index, cards) in zip(missing, rendered) {
            for (depth, card) in zip(Self.shelvedDepths, cards) where html[depth - 1][index] == nil {
                html[depth - 1][index] = card
                new.append((refs[index], depth, card))
            }
        }
        earlier?.add(new, themeTitles: context.themeTitles)
        self.refs = refs
        shelved = html.map { cards in
            Dictionary(zip(refs.map(ObjectIdentifier.init), cards.map { $0! }), uniquingKeysWith: { first, _ in first })
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
        refs = []
    }

    /// The cards of `refs`, in order, for a page at `path`.
    func html(_ refs: [PageRef], from path: String) -> TemplateText {
        let depth = SitePath.depth(of: path)
        let up = SitePath.up(depth: depth)
        let shelf = Self.shelvedDepths.contains(depth) && !shelved.isEmpty ? shelved[depth - 1] : [:]
        let cards = refs.map { ref in
            shelf[ObjectIdentifier(ref)] ?? Self.card(ref, up: up, templates: templates, context: context)
        }
        return TemplateText(cards.joined())
    }

    /// One card through the theme's `card` template, its links `up` (`../../`) from the root.
    private static func card(_ ref: PageRef, up: String, templates: TemplateRenderer, context: TemplateContext) -> String {
        templates.render("card", TemplateObject(context.card(ref, up: up)))
    }
}

/// A page's card for every depth at once: rendered with a marker where the way up to the root
/// goes (`up` in `TemplateContext.card`) and cut at the marker, so that each depth joins the
/// pieces with its own `../`. Half the card renders of a build: every page's card is shelved
/// for two depths.
///
/// The same bytes as a card rendered for the depth (tested), as long as the template only
/// prints the links and does not transform them (`uppercased(url)`), and the marker is in
/// neither the templates nor the page's own text: `SiteRenderer` asks for this only for a
/// theme without transforms, the shelf only when no theme title holds the marker, and the
/// initializer fails for a page whose title or summary holds it.
struct DepthlessCard {
    /// A noncharacter, which no text should hold: U+FDD0 (a literal may not name one).
    static let marker = String(Unicode.Scalar(UInt32(0xFDD0))!)
    private static let markerBytes = Array(marker.utf8)

    /// The card's HTML, cut where the marker was.
    private let pieces: [String]

    init?(_ ref: PageRef, templates: TemplateRenderer, context: TemplateContext) {
        guard !Self.holdsMarker(ref.title), !Self.holdsMarker(ref.summary ?? "") else { return nil }
        var html = templates.render("card", TemplateObject(context.card(ref, up: Self.marker)))
        pieces = html.withUTF8 { bytes in
            var pieces: [String] = []
            var start = 0
            while let found = Self.marker(in: bytes, from: start) {
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<found]), as: UTF8.self))
                start = found + Self.markerBytes.count
            }
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return pieces
        }
    }

    /// Whether `text` holds the marker: a look at its bytes (Foundation's `contains` compares
    /// whole characters and was a tenth of the time saved).
    static func holdsMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { marker(in: $0, from: 0) != nil }
    }

    /// Where the marker's bytes start in `bytes`, at or after `start`.
    private static func marker(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        markerBytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: bytes, from: start) }
    }

    /// The card for a page `up` (`../../`) from the root.
    func html(up: String) -> String { pieces.joined(separator: up) }

    /// Whether cards of a theme with these template texts may be rendered once for every
    /// depth: it has texts to check, none holds the marker, and each is one `TemplateScan`
    /// follows (its own delimiters, say, could hide a tag) with no tag that transforms a value.
    static func suits(templateTexts: [String: String]) -> Bool {
        !templateTexts.isEmpty && templateTexts.values.allSatisfy { text in
            !holdsMarker(text) && TemplateScan(Array(text.utf8)).map { !$0.hasTransforms } ?? false
        }
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

        /// The path and depth only: a page's two references (one per audience) are the only
        /// keys that share them, and equality still compares every field. Hashing the whole
        /// reference (its summary, its title) was most of what the cache cost.
        func hash(into hasher: inout Hasher) {
            hasher.combine(ref.sitePath)
            hasher.combine(depth)
        }
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
