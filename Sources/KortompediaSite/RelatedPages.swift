import KortompediaCore

/// Scores related articles from shared themes, shared tags and links in either direction,
/// through inverted indexes: each article looks only at the articles that share a key with it,
/// and at most `perKeyLimit` (the most recent) per theme or tag, so a large site stays linear.
struct RelatedPages {
    static let perKeyLimit = 100
    static let resultCount = 5
    static let linkWeight = 3, tagWeight = 2, themeWeight = 1

    let pages: [CompiledPage]
    let refs: [PageRef]
    let outgoing: [[Int]]
    let incoming: [[Int]]
    private var byTheme: [Slug: [Int]] = [:]
    private var byTag: [Slug: [Int]] = [:]
    /// Each article's place in `PageRef.byRecency` order (0 the most recent), for ties:
    /// comparing two numbers instead of two dates, titles and paths.
    private var recencyRank: [Int]

    init(pages: [CompiledPage], refs: [PageRef], outgoing: [[Int]], incoming: [[Int]]) {
        self.pages = pages
        self.refs = refs
        self.outgoing = outgoing
        self.incoming = incoming
        let articles = pages.indices.filter { pages[$0].kind == .article }
            .sorted { PageRef.byRecency(refs[$0], refs[$1]) }
        recencyRank = Array(repeating: Int.max, count: pages.count)
        for (rank, index) in articles.enumerated() { recencyRank[index] = rank }
        for index in articles {
            for theme in pages[index].frontMatter.themes where byTheme[theme, default: []].count < Self.perKeyLimit {
                byTheme[theme, default: []].append(index)
            }
            for tag in pages[index].frontMatter.tagSlugs where byTag[tag, default: []].count < Self.perKeyLimit {
                byTag[tag, default: []].append(index)
            }
        }
    }

    /// Scores by page index, reused from page to page: zero but for the candidates of the page
    /// at hand (hashing every candidate into a dictionary was most of this stage).
    struct Scratch {
        fileprivate var scores: [Int]
        fileprivate var candidates: [Int] = []
        init(pageCount: Int) { scores = Array(repeating: 0, count: pageCount) }
    }

    /// The related articles of the article at `index`; `scratch` is left all zero again.
    func top(for index: Int, scratch: inout Scratch) -> [PageRef] {
        func add(_ other: Int, _ weight: Int) {
            if scratch.scores[other] == 0 { scratch.candidates.append(other) }
            scratch.scores[other] += weight
        }
        for other in outgoing[index] + incoming[index] where pages[other].kind == .article {
            add(other, Self.linkWeight)
        }
        for tag in pages[index].frontMatter.tagSlugs {
            for other in byTag[tag] ?? [] { add(other, Self.tagWeight) }
        }
        for theme in pages[index].frontMatter.themes {
            for other in byTheme[theme] ?? [] { add(other, Self.themeWeight) }
        }
        // The best few in one pass rather than sorting every candidate: a tag on most pages
        // gives every page a hundred candidates, and this runs for every page of both builds.
        func isBetter(_ a: (key: Int, value: Int), than b: (key: Int, value: Int)) -> Bool {
            a.value != b.value ? a.value > b.value : recencyRank[a.key] < recencyRank[b.key]
        }
        var best: [(key: Int, value: Int)] = []
        best.reserveCapacity(Self.resultCount + 1)
        for other in scratch.candidates where other != index {
            let candidate = (key: other, value: scratch.scores[other])
            if best.count == Self.resultCount, !isBetter(candidate, than: best[best.count - 1]) { continue }
            let position = best.firstIndex { isBetter(candidate, than: $0) } ?? best.count
            best.insert(candidate, at: position)
            if best.count > Self.resultCount { best.removeLast() }
        }
        for other in scratch.candidates { scratch.scores[other] = 0 }
        scratch.candidates.removeAll(keepingCapacity: true)
        return best.map { refs[$0.key] }
    }
}
