import KortompediaCore

/// One Markdown source as loaded: where it is, its front matter and its body.
public struct SourcePage: Sendable, Hashable {
    public var kind: PageKind
    /// Path relative to the site root, with `/` separators (`articles/digitaal/x.md`).
    public var path: String
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter, LF line endings.
    public var body: String
    /// The 1-based line of the file where `body` starts; cmark's lines are offset by this.
    public var bodyFirstLine: Int
    /// A digest of the file's bytes, for caches: the first 64 bits of their SHA-256.
    public var contentDigest: UInt64

    public init(
        kind: PageKind, path: String, frontMatter: FrontMatter, body: String, bodyFirstLine: Int,
        contentDigest: UInt64
    ) {
        self.kind = kind
        self.path = path
        self.frontMatter = frontMatter
        self.body = body
        self.bodyFirstLine = bodyFirstLine
        self.contentDigest = contentDigest
    }

    public var slug: Slug { frontMatter.slug }
    public var access: Access { frontMatter.access }
    /// The directory part of `path` (`articles/digitaal`), for resolving relative links.
    public var directory: String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }
}
