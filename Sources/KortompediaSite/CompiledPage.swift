import KortompediaCore
import KortompediaMarkdown
import KortompediaSource

/// A link of a page after resolution, kept for backlinks, fragment checks and reports.
public struct ResolvedLink: Sendable, Hashable {
    public var target: LinkTarget
    /// The destination as the editor wrote it (`b.md#kop`, `b#kop` for `[[b#kop]]`), for messages.
    public var destination: String
    public var location: SourceLocation
    public var kind: LinkOccurrence.Kind
}

/// A page after the parse stage: its front matter, what its body holds, and its body rendered
/// to HTML for each audience that may read it. A value: safe to share between threads.
public struct CompiledPage: Sendable {
    /// The source page, its Markdown body already dropped (empty).
    public var source: SourcePage
    /// Site path of the page (`kortompedia/slug/`).
    public var sitePath: String
    public var headings: [Heading]
    public var links: [ResolvedLink]
    public var sections: [TextSection]
    /// The default summary: the first paragraph cut near 200 characters (used only where the
    /// audience may read the body).
    public var derivedSummary: String
    public var wordCount: Int
    /// Body HTML as members see it.
    public var membersHTML: String
    /// Body HTML for the public build: nil for members-only pages (they never have one).
    public var publicHTML: String?
    /// Attachments this body uses: source path → output path (relative to the site root).
    public var attachments: [String: String]

    public var frontMatter: FrontMatter { source.frontMatter }
    public var kind: PageKind { source.kind }
    public var slug: Slug { source.slug }
    public var access: Access { source.access }
    public var title: String { source.frontMatter.title }

    /// Reading time in minutes at 200 words a minute, at least 1.
    public var readingMinutes: Int { max(1, (wordCount + 199) / 200) }

    /// Cuts text at a word boundary near `limit` characters, adding an ellipsis when cut.
    public static func cut(_ text: String, near limit: Int = 200) -> String {
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        var result = ""
        for word in collapsed.split(separator: " ") {
            if result.count + word.count + 1 > limit { break }
            result += result.isEmpty ? String(word) : " " + word
        }
        if result.isEmpty { result = String(collapsed.prefix(limit)) }
        while let last = result.last, ",;:.-–".contains(last) { result.removeLast() }
        return result + "…"
    }
}
