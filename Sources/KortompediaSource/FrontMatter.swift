import KortompediaCore

/// A value of a front-matter key that Kortompedia does not know; handed to templates as `extra`.
public indirect enum ExtraValue: Sendable, Hashable {
    case string(String)
    case list([ExtraValue])
    case map([String: ExtraValue])

    /// Plain text of the value, for templates that print it.
    public var text: String {
        switch self {
        case .string(let s): s
        case .list(let items): items.map(\.text).joined(separator: ", ")
        case .map(let entries): entries.keys.sorted().map { "\($0): \(entries[$0]!.text)" }.joined(separator: "; ")
        }
    }
}

/// The validated front matter of one page, with defaults applied as the contract says.
public struct FrontMatter: Sendable, Hashable {
    public var title: String
    /// The explicit summary, if the editor wrote one.
    public var summary: String?
    public var themes: [Slug]
    /// Tags as written (display text); their slugs are in `tagSlugs`.
    public var tags: [String] {
        didSet { tagSlugs = Self.slugs(of: tags) }
    }
    /// Slugs of the tags, in order, without duplicates or empty ones. Made once, with `tags`:
    /// related articles, tag pages and every audience's view ask for them page after page.
    public private(set) var tagSlugs: [Slug]
    public var access: Access
    public var date: Day
    public var updated: Day?
    public var review: Day?
    public var rewritten: Day?
    public var authors: [String]
    public var slug: Slug
    public var draft: Bool
    /// Old site paths, normalised (`kortompedia/oude-naam/`).
    public var aliases: [String]
    /// Keys Kortompedia does not know, for templates.
    public var extra: [String: ExtraValue]
    /// Where each key stands in the file, for later diagnostics (`themes`, `aliases`, ...).
    public var keyLocations: [String: SourceLocation]

    public init(
        title: String, summary: String? = nil, themes: [Slug] = [], tags: [String] = [],
        access: Access, date: Day, updated: Day? = nil, review: Day? = nil, rewritten: Day? = nil,
        authors: [String] = [], slug: Slug, draft: Bool = false, aliases: [String] = [],
        extra: [String: ExtraValue] = [:], keyLocations: [String: SourceLocation] = [:]
    ) {
        self.title = title
        self.summary = summary
        self.themes = themes
        self.tags = tags
        self.tagSlugs = Self.slugs(of: tags)
        self.access = access
        self.date = date
        self.updated = updated
        self.review = review
        self.rewritten = rewritten
        self.authors = authors
        self.slug = slug
        self.draft = draft
        self.aliases = aliases
        self.extra = extra
        self.keyLocations = keyLocations
    }

    /// The most recent of `date`, `updated` and `rewritten`: what "laatst bijgewerkt" shows.
    public var lastModified: Day { [date, updated, rewritten].compactMap { $0 }.max()! }

    private static func slugs(of tags: [String]) -> [Slug] {
        var seen = Set<Slug>()
        return tags.map { Slug(slugifying: $0) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Front matter for a page whose own could not be decoded, so that its body can still be
    /// checked: titled and slugged after its file name, members-only, dated 0001-01-01. Never
    /// built or shown.
    public static func standIn(fileSlug: Slug) -> FrontMatter {
        FrontMatter(title: fileSlug.rawValue, access: .members, date: Day(year: 1, month: 1, day: 1)!, slug: fileSlug)
    }

    /// The keys the contract defines.
    public static let knownKeys: [String] = [
        "title", "summary", "themes", "tags", "access", "date", "updated", "review", "rewritten",
        "author", "slug", "draft", "aliases",
    ]
}
