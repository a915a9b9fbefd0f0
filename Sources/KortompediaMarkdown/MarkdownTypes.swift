import KortompediaCore

/// How to parse and render one Markdown body.
public struct MarkdownOptions: Sendable, Hashable {
    /// Path of the source file relative to the site root, for source locations.
    public var path: String
    /// The file line where the body starts (after the front matter); cmark's line 1 is this line.
    public var firstLine: Int
    /// Keep raw HTML blocks and inline HTML (`site.json` `allowRawHTML`); otherwise they are dropped.
    public var allowRawHTML: Bool
    /// Curly quotes and dashes.
    public var smartPunctuation: Bool

    public init(path: String, firstLine: Int = 1, allowRawHTML: Bool = false, smartPunctuation: Bool = true) {
        self.path = path
        self.firstLine = firstLine
        self.allowRawHTML = allowRawHTML
        self.smartPunctuation = smartPunctuation
    }
}

/// A heading of a body, with the id it gets in the page.
public struct Heading: Sendable, Hashable {
    public var level: Int
    /// Plain text of the heading.
    public var text: String
    /// Unique within the page: the slugified text, `-2`, `-3` ... for repeats.
    public var id: String
    public var location: SourceLocation

    public init(level: Int, text: String, id: String, location: SourceLocation) {
        self.level = level
        self.text = text
        self.id = id
        self.location = location
    }
}

/// Raw HTML that a body held and the page leaves out (`allowRawHTML` off), with where it stood.
public struct DroppedHTML: Sendable, Hashable {
    /// The HTML as written: a tag (`<br>`), or a whole HTML block.
    public var html: String
    public var location: SourceLocation

    /// The first line of `html`, cut after `limit` characters: enough to find it in the source.
    public func excerpt(limit: Int = 40) -> String {
        let line = html.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let trimmed = line.trimmingSpacesAndTabs()
        return trimmed.count > limit ? String(trimmed.prefix(limit)) + "…" : trimmed
    }
}

/// Something in a body that a reader with a screen reader misses: an image without alt text
/// (its content is skipped), or a link whose text does not name where it leads (screen readers
/// list a page's links by their text alone; WCAG 2.4.4).
public struct AccessibilityNote: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `![](pad)`.
        case imageWithoutAlt
        /// `[hier](pad)`, `[lees meer](pad)`.
        case vagueLinkText

        /// The code of the warning it gives.
        public var code: WarningCode {
            switch self {
            case .imageWithoutAlt: .imageAlt
            case .vagueLinkText: .linkText
            }
        }
    }

    public var kind: Kind
    /// The image's destination, or the link's text as written.
    public var subject: String
    public var location: SourceLocation

    /// The warning's text.
    public var message: String {
        switch kind {
        case .imageWithoutAlt:
            "image '\(subject)' has no alt text: screen readers skip it; write what it shows between the brackets: ![…](\(subject))"
        case .vagueLinkText:
            "link text '\(subject)' does not say where the link leads: screen readers list a page's links by their text; name the destination instead"
        }
    }

    /// Link texts that name no destination, lowercased, without end punctuation.
    static let vagueLinkTexts: Set<String> = [
        "hier", "klik hier", "klik", "klik hierop", "lees meer", "lees hier", "lees verder", "meer", "meer info",
        "meer informatie", "link", "deze link", "via deze link", "deze pagina", "deze website", "website", "pagina",
        "click here", "here", "read more", "more", "this link",
    ]

    /// `text` when, as a link's whole text, it names no destination.
    static func vagueLinkText(_ text: String) -> String? {
        let trimmed = text.trimmingBlanks()
        var key = trimmed.lowercased()
        while let last = key.last, ".:!…›»→".contains(last) { key.removeLast() }
        return vagueLinkTexts.contains(key.trimmingBlanks()) ? trimmed : nil
    }
}

/// A link or image destination as the editor wrote it, with where it stands.
public struct LinkOccurrence: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `[tekst](doel)`, also reference-style links.
        case link
        /// `[[slug]]`, `[[slug|tekst]]`, `[[slug#kop]]`.
        case wiki
        /// `![alt](pad)`.
        case image
    }

    public var kind: Kind
    /// The destination: a URL or relative path for links and images, the `slug#kop` for wiki links.
    public var destination: String
    public var location: SourceLocation

    public init(kind: Kind, destination: String, location: SourceLocation) {
        self.kind = kind
        self.destination = destination
        self.location = location
    }
}

/// What a link becomes in the rendered HTML, decided by the resolve stage.
public enum LinkRendering: Sendable, Hashable {
    /// An internal link (or image) to `href`; `classes` are added to the `<a>`, `note` is a
    /// visually hidden text after the label (for screen readers: "alleen voor leden"), and
    /// `targetTitle` is the label of a bare `[[slug]]`.
    case `internal`(href: String, classes: [String] = [], note: String? = nil, targetTitle: String? = nil)
    /// An external link: `rel="noopener"`, an `external` class and a hidden "(externe link)".
    case external(href: String)
    /// A broken link kept as text (only when broken links are warnings).
    case broken
}

/// The plain text of a body cut at its headings, for search (results can point at a section).
public struct TextSection: Sendable, Hashable {
    /// The id of the heading that opens the section; nil for the text before the first heading.
    public var headingID: String?
    public var heading: String?
    public var text: String

    public init(headingID: String?, heading: String?, text: String) {
        self.headingID = headingID
        self.heading = heading
        self.text = text
    }
}
