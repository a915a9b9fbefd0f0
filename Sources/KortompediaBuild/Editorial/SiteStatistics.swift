import KortompediaCore
import KortompediaSite

/// A closed range of days for a report (both ends included).
public struct StatsPeriod: Sendable, Hashable, Codable {
    /// The first day.
    public var from: Day
    /// The last day.
    public var to: Day

    /// A period from `from` to `to`, both included.
    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// The last full calendar year before `today` (in 2026: 2025-01-01 to 2025-12-31).
    public static func lastCalendarYear(before today: Day) -> StatsPeriod {
        let year = Day(year: today.year - 1, month: 1, day: 1)!
        return StatsPeriod(from: year, to: year.endOfYear)
    }

    /// Whether `day` lies in the period (false for nil).
    public func contains(_ day: Day?) -> Bool {
        guard let day else { return false }
        return from <= day && day <= to
    }
}

/// The figures of the yearly report on the knowledge base, as `kortompedia stats` prints them.
/// Articles are counted as they stand at the end of the period: those published (`date`) on or
/// before `period.to`. An article with several themes counts once in each of its themes.
public struct SiteStatistics: Sendable, Hashable, Codable {
    /// The figures of one theme.
    public struct ThemeFigures: Sendable, Hashable, Codable {
        /// The theme slug from `site.json`.
        public var slug: String
        /// The theme title from `site.json`.
        public var title: String
        /// Articles in this theme at the end of the period.
        public var articles: Int
        /// Articles in this theme first published in the period.
        public var new: Int
        /// Articles in this theme with `updated` in the period.
        public var updated: Int
        /// Articles in this theme with `rewritten` in the period.
        public var rewritten: Int
    }

    /// Articles of one access level.
    public struct AccessFigures: Sendable, Hashable, Codable {
        /// Members-only or public.
        public var access: Access
        /// Articles with this access at the end of the period.
        public var articles: Int
        /// Articles with this access first published in the period.
        public var new: Int
    }

    /// An article in a list (overdue reviews, most linked).
    public struct ArticleFigure: Sendable, Hashable, Codable {
        /// The source path (`articles/x.md`).
        public var path: String
        /// The article title.
        public var title: String
        /// The `review` date (overdue list); nil in other lists.
        public var review: Day?
        /// Distinct other pages that link to it (most-linked list); nil in other lists.
        public var linkingPages: Int?
    }

    /// The site's title (from `site.json`), for report headings.
    public var siteTitle: String
    /// The period counted.
    public var period: StatsPeriod
    /// Reviews dated before this day are overdue: the end of the period, or today when earlier.
    public var reviewsDueBefore: Day
    /// Articles published on or before the end of the period.
    public var articles: Int
    /// Articles first published (`date`) in the period.
    public var newArticles: Int
    /// Articles with an `updated` date in the period.
    public var updatedArticles: Int
    /// Articles with a `rewritten` date in the period (counted apart from updates).
    public var rewrittenArticles: Int
    /// Blog posts published in the period.
    public var blogPosts: Int
    /// Per theme, in the order of `site.json`.
    public var themes: [ThemeFigures]
    /// Members-only first, then public.
    public var access: [AccessFigures]
    /// Articles whose review date has passed, oldest review first.
    public var overdueReviews: [ArticleFigure]
    /// Up to `mostLinkedLimit` articles with the most distinct other pages (published by the end
    /// of the period) linking to them, most first; ties by path.
    public var mostLinked: [ArticleFigure]

    /// How many articles the most-linked list shows.
    public static let mostLinkedLimit = 10

    /// Loads and resolves the site (as `check` does, nothing written), then computes the figures.
    /// Throws when the site has errors: figures over a broken site would mislead.
    public static func compute(options: BuildOptions, period: StatsPeriod, today: Day) throws(BuildFailure) -> SiteStatistics {
        let (site, _) = try BuildPipeline(options: options).check()
        return compute(site: site, period: period, today: today)
    }

    /// Computes the figures for `period` over a resolved site. Pure: `today` comes from the caller.
    public static func compute(site: Site, period: StatsPeriod, today: Day) -> SiteStatistics {
        let pages = site.pages
        let articleIndexes = pages.indices.filter { pages[$0].kind == .article && pages[$0].frontMatter.date <= period.to }
        let articles = articleIndexes.map { pages[$0].frontMatter }

        let themes = site.config.themes.map { theme in
            let inTheme = articles.filter { $0.themes.contains(theme.slug) }
            return ThemeFigures(
                slug: theme.slug.rawValue, title: theme.title, articles: inTheme.count,
                new: inTheme.filter { period.contains($0.date) }.count,
                updated: inTheme.filter { period.contains($0.updated) }.count,
                rewritten: inTheme.filter { period.contains($0.rewritten) }.count)
        }
        let access = [Access.members, .public].map { level in
            let withAccess = articles.filter { $0.access == level }
            return AccessFigures(access: level, articles: withAccess.count, new: withAccess.filter { period.contains($0.date) }.count)
        }

        let dueBefore = min(period.to, today)
        let overdue = articleIndexes.compactMap { index -> ArticleFigure? in
            let page = pages[index]
            guard let review = page.frontMatter.review, review < dueBefore else { return nil }
            return ArticleFigure(path: page.source.path, title: page.title, review: review, linkingPages: nil)
        }.sorted { ($0.review!, $0.path) < ($1.review!, $1.path) }

        // Links as they stood at the end of the period: from pages published by then.
        var linkers = Array(repeating: Set<Int>(), count: pages.count)
        for (index, page) in pages.enumerated() where page.frontMatter.date <= period.to {
            for link in page.links {
                if case .page(let target, _) = link.target, target != index { linkers[target].insert(index) }
            }
        }
        let mostLinked = articleIndexes.filter { !linkers[$0].isEmpty }
            .sorted { (-linkers[$0].count, pages[$0].source.path) < (-linkers[$1].count, pages[$1].source.path) }
            .prefix(mostLinkedLimit)
            .map { ArticleFigure(path: pages[$0].source.path, title: pages[$0].title, review: nil, linkingPages: linkers[$0].count) }

        return SiteStatistics(
            siteTitle: site.config.title, period: period, reviewsDueBefore: dueBefore, articles: articles.count,
            newArticles: articles.filter { period.contains($0.date) }.count,
            updatedArticles: articles.filter { period.contains($0.updated) }.count,
            rewrittenArticles: articles.filter { period.contains($0.rewritten) }.count,
            blogPosts: pages.filter { $0.kind == .blog && period.contains($0.frontMatter.date) }.count,
            themes: themes, access: access, overdueReviews: overdue, mostLinked: Array(mostLinked))
    }
}
