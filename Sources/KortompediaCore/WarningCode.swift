/// The code of every warning Kortompedia gives: what `check --format json` prints as `code`,
/// and what `site.json`'s `ignoreWarnings` names to leave a kind of warning out of every
/// report (`"ignoreWarnings": ["link-text"]`). Errors have codes too, but are never left out.
public enum WarningCode: String, CaseIterable, Comparable, Sendable {
    /// A link to a page that does not exist, with `"brokenLinks": "warn"` (else an error).
    case brokenLink = "broken-link"
    /// A link to a heading that does not exist, with `"brokenLinks": "warn"` (else an error).
    case brokenAnchor = "broken-anchor"
    /// A front matter key one or two edits away from a known one (`theme`, `acces`), or a key
    /// `site.json` does not read.
    case unknownKey = "unknown-key"
    /// Raw HTML left out of a body, with `"allowRawHTML": false`.
    case rawHTML = "raw-html"
    /// A footnote reference without a note, a note nothing refers to, a label defined twice.
    case footnote
    /// An image without alt text.
    case imageAlt = "image-alt"
    /// A link whose text does not name where it leads (`hier`, `lees meer`).
    case linkText = "link-text"
    /// A `review` date that has passed (`check`).
    case reviewOverdue = "review-overdue"
    /// A members-only article without a summary (`check`).
    case missingSummary = "missing-summary"
    /// A tag written otherwise than on most pages (`check`).
    case tagSpelling = "tag-spelling"
    /// An article no other page links to (`check`).
    case orphanArticle = "orphan-article"
    /// A level-1 heading in a body, or a heading that skips a level (`check`).
    case headingLevel = "heading-level"
    /// Two pages with the same title (`check`).
    case duplicateTitle = "duplicate-title"
    /// Two pages with nearly the same title (`check`).
    case nearDuplicateTitle = "near-duplicate-title"
    /// The parsed pages of `build --incremental` could not be kept (the output is right).
    case write

    public static func < (lhs: WarningCode, rhs: WarningCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The known code nearest to `text` (one or two edits away), for a "did you mean" hint.
    public static func nearest(to text: String) -> WarningCode? {
        EditDistance.nearest(to: text, among: allCases.sorted().map(\.rawValue)).flatMap(WarningCode.init(rawValue:))
    }
}

extension Array where Element == Diagnostic {
    /// These diagnostics without the warnings whose code is one of `codes`. Errors are kept
    /// whatever their code (a broken link is an error unless `brokenLinks` is `warn`).
    public func removingWarnings(_ codes: Set<WarningCode>) -> [Diagnostic] {
        guard !codes.isEmpty else { return self }
        let ignored = Set(codes.map(\.rawValue))
        return filter { $0.severity == .error || !ignored.contains($0.code) }
    }
}
