/// Who may read a page's body: every visitor, or logged-in members only.
public enum Access: String, Sendable, Hashable, Codable, CaseIterable {
    case members
    case `public`
}

/// One of the two builds. The members build holds everything; the public build holds public
/// pages in full and a teaser for each members-only article.
public enum Audience: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case members
    case `public`

    /// Whether this audience may see the body of a page with the given access.
    public func canRead(_ access: Access) -> Bool {
        switch self {
        case .members: true
        case .public: access == .public
        }
    }

    public static func < (lhs: Audience, rhs: Audience) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The two kinds of content page.
public enum PageKind: String, Sendable, Hashable, Codable, CaseIterable {
    case article
    case blog

    /// The source folder of this kind (`articles`, `blogs`).
    public var sourceFolder: String {
        switch self {
        case .article: "articles"
        case .blog: "blogs"
        }
    }

    /// The first segment of the output path (`kortompedia`, `blog`).
    public var outputFolder: String {
        switch self {
        case .article: "kortompedia"
        case .blog: "blog"
        }
    }
}
