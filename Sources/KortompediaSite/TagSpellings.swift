import KortompediaCore

/// How the pages of a site write each tag. Tags that slugify alike (`Foto's`, `foto’s`,
/// `fotos`) are one tag, with one page (`tags/fotos/`) and one name: the spelling most pages
/// use, ties going to the one that sorts first. `kortompedia check` names the pages that spell
/// it otherwise (`tag-spelling`).
public struct TagSpellings: Sendable {
    /// One way of writing a tag, and the pages (source paths, in page order) that write it so.
    public struct Spelling: Sendable, Hashable {
        public var text: String
        public var paths: [String]
    }

    /// Every spelling of each tag, the chosen one (its name) first, then by number of pages
    /// and text.
    public let spellingsBySlug: [Slug: [Spelling]]

    /// The spellings of the `tags` of pages (their front matter's, with their source paths). A
    /// page counts once per spelling, however often it repeats it.
    public init(_ pages: [(path: String, tags: [String])]) {
        var paths: [Slug: [String: [String]]] = [:]
        for page in pages {
            var seen = Set<String>()
            for tag in page.tags where seen.insert(tag).inserted {
                let slug = Slug(slugifying: tag)
                guard !slug.isEmpty else { continue }
                paths[slug, default: [:]][tag, default: []].append(page.path)
            }
        }
        spellingsBySlug = paths.mapValues { byText in
            byText.map { Spelling(text: $0.key, paths: $0.value) }.sorted {
                $0.paths.count != $1.paths.count ? $0.paths.count > $1.paths.count : $0.text < $1.text
            }
        }
    }

    /// The name of the tag `slug`: the spelling most pages use.
    public func name(of slug: Slug) -> String? { spellingsBySlug[slug]?.first?.text }

    /// The tags written in more than one way, by slug.
    public var variants: [(slug: Slug, spellings: [Spelling])] {
        spellingsBySlug.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }.map { (slug: $0.key, spellings: $0.value) }
    }
}
