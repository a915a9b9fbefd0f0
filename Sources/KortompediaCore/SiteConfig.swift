/// The settings of a site, from `site.json`.
public struct SiteConfig: Sendable, Hashable {
    /// A theme from `site.json`: the first-level grouping of the knowledge base.
    public struct Theme: Sendable, Hashable {
        public var slug: Slug
        public var title: String
        public var description: String

        public init(slug: Slug, title: String, description: String) {
            self.slug = slug
            self.title = title
            self.description = description
        }
    }

    /// Where non-members log in or join; shown on teasers.
    public struct Membership: Sendable, Hashable {
        public var joinURL: String
        public var loginURL: String

        public init(joinURL: String, loginURL: String) {
            self.joinURL = joinURL
            self.loginURL = loginURL
        }
    }

    /// What a broken internal link does to the build.
    public enum BrokenLinkPolicy: String, Sendable, Hashable {
        case error
        case warn
    }

    public var title: String
    public var description: String
    /// Absolute URL of the site root, always ending in `/` (for feeds, sitemaps, canonical links).
    public var baseURL: String
    public var language: String
    public var defaultAccess: Access
    public var allowRawHTML: Bool
    public var brokenLinks: BrokenLinkPolicy
    /// Warnings left out of every report (`"ignoreWarnings": ["link-text"]`): the build, the
    /// dev server and `check` say nothing of them. Errors cannot be left out.
    public var ignoredWarnings: Set<WarningCode>
    public var themes: [Theme]
    public var membership: Membership

    public init(
        title: String, description: String = "", baseURL: String, language: String = "nl",
        defaultAccess: Access = .members, allowRawHTML: Bool = false,
        brokenLinks: BrokenLinkPolicy = .error, ignoredWarnings: Set<WarningCode> = [], themes: [Theme], membership: Membership
    ) {
        self.title = title
        self.description = description
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.language = language
        self.defaultAccess = defaultAccess
        self.allowRawHTML = allowRawHTML
        self.brokenLinks = brokenLinks
        self.ignoredWarnings = ignoredWarnings
        self.themes = themes
        self.membership = membership
    }

    /// The theme with this slug, if `site.json` declares it.
    public func theme(_ slug: Slug) -> Theme? { themes.first { $0.slug == slug } }
}
