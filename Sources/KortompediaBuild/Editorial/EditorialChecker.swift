import KortompediaCore
import KortompediaSite
import KortompediaSource

/// The editorial warnings of `kortompedia check`: things that build fine but that an editor
/// should look at. Pure functions over loaded or resolved pages; `today` comes from the caller.
///
/// | code | what |
/// |---|---|
/// | `review-overdue` | the `review` date lies before today |
/// | `missing-summary` | a members-only article without `summary` (its public teaser shows the title alone) |
/// | `orphan-article` | no other page links to the article |
/// | `duplicate-title` | another page has the same title (case, accents and punctuation ignored) |
/// | `near-duplicate-title` | another page's title is one or two edits away |
/// | `heading-level` | a level-1 heading in the body, or a heading that skips a level (`##`, then `####`) |
/// | `tag-spelling` | a tag written otherwise than most pages write it (`foto’s`, where most write `Foto's`): one tag all the same |
///
/// Front-matter keys one or two edits from a known key (`unknown-key`) are reported by the
/// front-matter decoder itself, in every build.
public struct EditorialChecker: Sendable {
    /// The day the check runs; reviews dated before it are overdue.
    public let today: Day

    /// Titles shorter than this (after folding) are only reported when equal: at this length
    /// two edits turn one real word into another (`intranet`, `internet`).
    public static let nearDuplicateMinimumLength = 10

    /// A checker for `today`.
    public init(today: Day) { self.today = today }

    /// Every editorial warning for a resolved site, sorted.
    public func check(_ site: Site) -> [Diagnostic] {
        (check(site.pages.map(\.source)) + orphans(in: site) + headingLevels(in: site)).sorted()
    }

    /// The warnings that need front matter only; what `check` can still say about the pages that
    /// loaded when the site as a whole has errors.
    public func check(_ pages: [SourcePage]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in pages {
            if let review = page.frontMatter.review, review < today {
                diagnostics.append(.warning(
                    location(of: "review", in: page),
                    "review date \(review) has passed: re-read the \(page.kind == .article ? "article" : "post") and set a new 'review' date",
                    code: .reviewOverdue))
            }
            if page.kind == .article, page.access == .members, page.frontMatter.summary == nil {
                diagnostics.append(.warning(
                    location(of: "title", in: page),
                    "members-only article has no summary: its public teaser shows the title alone",
                    code: .missingSummary))
            }
        }
        diagnostics += duplicateTitles(pages)
        diagnostics += tagSpellings(pages)
        return diagnostics.sorted()
    }

    /// Tags that slugify alike are one tag, named as most pages write it (`TagSpellings`);
    /// every page that writes it otherwise gets a warning with the name to use.
    func tagSpellings(_ pages: [SourcePage]) -> [Diagnostic] {
        let byPath = Dictionary(pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for (slug, spellings) in TagSpellings(pages.map { (path: $0.path, tags: $0.frontMatter.tags) }).variants {
            let name = spellings[0]
            let others = name.paths.count == 1 ? "1 page" : "\(name.paths.count) pages"
            for spelling in spellings.dropFirst() {
                for path in spelling.paths {
                    guard let page = byPath[path] else { continue }
                    diagnostics.append(.warning(
                        location(of: "tags", in: page),
                        "tag '\(spelling.text)' is written '\(name.text)' on \(others): it is one tag (\(SitePath.tag(slug))), shown as '\(name.text)'; write it the same way",
                        code: .tagSpelling))
                }
            }
        }
        return diagnostics
    }

    /// Articles that no other page links to (links from a page to itself do not count).
    public func orphans(in site: Site) -> [Diagnostic] {
        var linked = Set<Int>()
        for (index, page) in site.pages.enumerated() {
            for link in page.links {
                if case .page(let target, _) = link.target, target != index { linked.insert(target) }
            }
        }
        return site.pages.indices.filter { site.pages[$0].kind == .article && !linked.contains($0) }.map { index in
            .warning(location(of: "title", in: site.pages[index].source), "orphan article: no other page links to it", code: .orphanArticle)
        }
    }

    /// Headings that break the outline a screen reader lists: the page's title is its only
    /// level-1 heading, so a `#` in the body is a second one, and a heading more than one level
    /// below the one before it (`##`, then `####`) leaves a gap. Each gets a warning at the
    /// heading, with the level to use.
    public func headingLevels(in site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in site.pages {
            var previous = 1  // the title
            for heading in page.headings {
                if heading.level == 1 {
                    diagnostics.append(.warning(
                        heading.location,
                        "level-1 heading '\(heading.text)' in the body: the title is the page's level-1 heading; start at level 2 (## \(heading.text))",
                        code: .headingLevel))
                } else if heading.level > previous + 1 {
                    let level = previous + 1
                    diagnostics.append(.warning(
                        heading.location,
                        "heading '\(heading.text)' skips from level \(previous) to \(heading.level): use level \(level) (\(String(repeating: "#", count: level)) \(heading.text))",
                        code: .headingLevel))
                }
                previous = heading.level
            }
        }
        return diagnostics
    }

    /// Equal titles, and titles one or two edits apart, compared after folding case, accents and
    /// punctuation. Titles whose numbers differ (`Jaarverslag 2024`, `Jaarverslag 2025`) are not
    /// near-duplicates. Each page of a pair gets a warning naming the other.
    func duplicateTitles(_ pages: [SourcePage]) -> [Diagnostic] {
        let folded = pages.map { Self.foldTitle($0.frontMatter.title) }
        var diagnostics: [Diagnostic] = []
        for match in NearDuplicateFinder.matches(in: folded) {
            let a = pages[match.first], b = pages[match.second]
            let foldedA = folded[match.first], foldedB = folded[match.second]
            if match.distance == 0 {
                diagnostics.append(.warning(location(of: "title", in: a), "duplicate title '\(a.frontMatter.title)': also used by \(b.path)", code: .duplicateTitle))
                diagnostics.append(.warning(location(of: "title", in: b), "duplicate title '\(b.frontMatter.title)': also used by \(a.path)", code: .duplicateTitle))
                continue
            }
            guard min(foldedA.unicodeScalars.count, foldedB.unicodeScalars.count) >= Self.nearDuplicateMinimumLength,
                Self.digits(foldedA) == Self.digits(foldedB)
            else { continue }
            diagnostics.append(.warning(location(of: "title", in: a), "title '\(a.frontMatter.title)' is nearly the same as '\(b.frontMatter.title)' (\(b.path))", code: .nearDuplicateTitle))
            diagnostics.append(.warning(location(of: "title", in: b), "title '\(b.frontMatter.title)' is nearly the same as '\(a.frontMatter.title)' (\(a.path))", code: .nearDuplicateTitle))
        }
        return diagnostics
    }

    /// A title as compared: folded (`Coöperatie` → `cooperatie`), every run of characters other
    /// than letters and digits one space, no space at the ends.
    static func foldTitle(_ title: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in TextFolding.fold(title).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    static func digits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.numericType != nil }))
    }

    private func location(of key: String, in page: SourcePage) -> SourceLocation {
        page.frontMatter.keyLocations[key] ?? SourceLocation(path: page.path, line: 1, column: 1)
    }
}
