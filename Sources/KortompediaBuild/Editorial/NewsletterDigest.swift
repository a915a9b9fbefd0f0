import KortompediaCore
import KortompediaSite

/// What one of Kortom's two newsletters tells about the knowledge base for a period, as
/// `kortompedia newsletter` writes it: the articles new in the period, the articles updated or
/// rewritten in it, and the new blog posts, each with its link, summary and themes.
///
/// Made from one audience's view of the site, so it holds what that audience may read. The
/// newsletter for non-members (`public`) leaves members-only articles out altogether, titles
/// included: the site shows them teasers, but the newsletter is about what its readers can read.
/// Drafts are never in it. Summaries are the audience's (`PageRef.summary`).
public struct NewsletterDigest: Sendable, Hashable, Codable {
    /// What happened to a page in the period.
    public enum Event: String, Sendable, Hashable, Codable {
        /// First published (`date`).
        case new
        /// Updated (`updated`).
        case updated
        /// Rewritten as a whole (`rewritten`).
        case rewritten
    }

    /// A page in the newsletter.
    public struct Item: Sendable, Hashable, Codable {
        public var title: String
        /// Absolute: the newsletter's base URL and the page's site path.
        public var url: String
        public var summary: String?
        /// Theme titles, in the page's order.
        public var themes: [String]
        public var event: Event
        /// The day of `event`.
        public var day: Day
        /// Whether only members may read it (only ever true in the members' newsletter).
        public var membersOnly: Bool
    }

    /// The site's title (from `site.json`), for the heading.
    public var siteTitle: String
    /// Whose newsletter it is.
    public var audience: Audience
    public var period: StatsPeriod
    /// Articles first published in the period, newest first.
    public var newArticles: [Item]
    /// Articles published before and updated or rewritten in the period, most recent first.
    public var updatedArticles: [Item]
    /// Blog posts published in the period, newest first.
    public var blogPosts: [Item]

    /// Whether there is nothing to tell.
    public var isEmpty: Bool { newArticles.isEmpty && updatedArticles.isEmpty && blogPosts.isEmpty }

    /// The digest of `view` for `period`, its links below `baseURL` (which ends in `/`).
    public static func compute(view: AudienceView, period: StatsPeriod, baseURL: String) -> NewsletterDigest {
        let themeTitles = Dictionary(uniqueKeysWithValues: view.config.themes.map { ($0.slug, $0.title) })
        var newArticles: [Item] = [], updatedArticles: [Item] = [], blogPosts: [Item] = []
        for page in view.pages where view.audience.canRead(page.ref.access) {
            let ref = page.ref, frontMatter = page.frontMatter
            func item(_ event: Event, _ day: Day) -> Item {
                Item(
                    title: ref.title, url: baseURL + ref.sitePath, summary: ref.summary,
                    themes: ref.themes.map { themeTitles[$0] ?? $0.rawValue }, event: event, day: day,
                    membersOnly: ref.access == .members)
            }
            if period.contains(ref.date) {
                if ref.kind == .article { newArticles.append(item(.new, ref.date)) } else { blogPosts.append(item(.new, ref.date)) }
            } else if ref.kind == .article, ref.date < period.from {
                // The later of the two; a rewrite on the day of an update is a rewrite.
                let rewritten = frontMatter.rewritten.flatMap { period.contains($0) ? $0 : nil }
                let updated = frontMatter.updated.flatMap { period.contains($0) ? $0 : nil }
                if let rewritten, rewritten >= (updated ?? rewritten) {
                    updatedArticles.append(item(.rewritten, rewritten))
                } else if let updated {
                    updatedArticles.append(item(.updated, updated))
                }
            }
        }
        let newestFirst = { (a: Item, b: Item) in a.day != b.day ? a.day > b.day : (a.title, a.url) < (b.title, b.url) }
        return NewsletterDigest(
            siteTitle: view.config.title, audience: view.audience, period: period,
            newArticles: newArticles.sorted(by: newestFirst), updatedArticles: updatedArticles.sorted(by: newestFirst),
            blogPosts: blogPosts.sorted(by: newestFirst))
    }

    /// Checks and resolves the site in `options` (nothing is written) and makes the digest of
    /// `audience`'s view; `baseURL` replaces `site.json`'s (the members' site often has its own
    /// address).
    public static func compute(options: BuildOptions, audience: Audience, period: StatsPeriod, baseURL: String? = nil) throws(BuildFailure) -> NewsletterDigest {
        let (site, _) = try BuildPipeline(options: options).check()
        let base = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? site.config.baseURL
        return compute(view: site.view(for: audience, workers: options.workers), period: period, baseURL: base)
    }
}

extension StatsPeriod {
    /// The last full calendar month before `today` (on 2026-11-29: 2026-10-01 to 2026-10-31).
    public static func lastCalendarMonth(before today: Day) -> StatsPeriod {
        let first = today.month == 1 ? Day(year: today.year - 1, month: 12, day: 1)! : Day(year: today.year, month: today.month - 1, day: 1)!
        return StatsPeriod(from: first, to: first.endOfMonth)
    }
}
