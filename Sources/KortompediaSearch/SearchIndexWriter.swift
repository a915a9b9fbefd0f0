import KortompediaCore
import KortompediaMarkdown
import KortompediaSite

/// Writes the search index of one audience's build, and the two scripts of the search page.
///
/// It reads only the ``AudienceView``: the public view holds no members-only body, so the public
/// index indexes a members-only article by its title, its explicit summary and its theme titles
/// and can hold nothing else of it. Output is byte-identical for the same view, whatever the
/// number of workers. See ``SearchIndexFormat`` for the layout of the files.
///
/// Scoring is BM25 with precomputed impacts: for each (term, page) the writer stores one number
/// (1...63) combining a saturated, length-normalised body frequency (k1 1.2, b 0.75), a title
/// bonus, a heading bonus and a mild boost for recently updated pages. The browser multiplies
/// it by the term's IDF, which it derives from the posting list length.
public struct SearchIndexWriter: Sendable {
    /// The folder of the index files, relative to the audience root (the search page is at
    /// `zoeken/`, its script reads `data-index="index/"`).
    public static let indexFolder = "zoeken/index/"
    /// Paths of the search page scripts, relative to the audience root.
    public static let scriptPath = "assets/search.js"
    /// See ``scriptPath``.
    public static let stemmerPath = "assets/stemmer-nl.js"
    /// A shard larger than this (bytes) is split by one more letter of its key, down to four letters.
    public static let shardSplitBytes = 48 * 1024

    /// Threads used for analysis and encoding; 1 runs everything inline.
    public var workers: Int

    /// Creates a writer that uses `workers` threads.
    public init(workers: Int = 1) {
        self.workers = max(1, workers)
    }

    /// The index files (under ``indexFolder``) and the two scripts, sorted by path.
    public func files(for view: AudienceView) -> [OutputFile] {
        files(for: view, reusing: nil).files
    }

    /// The index files and the two scripts, sorted by path, and the words found in the view's
    /// pages. With `earlier`, the words another audience's index found in the same pages, a
    /// page whose text is the same in both views is not scanned again: the files are the same
    /// bytes as without.
    public func files(for view: AudienceView, reusing earlier: CollectedWords?) -> (files: [OutputFile], words: CollectedWords) {
        var (files, words) = build(view, reusing: earlier)
        files.append(OutputFile(path: Self.scriptPath, contents: PackageResources.search_js))
        files.append(OutputFile(path: Self.stemmerPath, contents: PackageResources.stemmer_nl_js))
        return (files.sorted { $0.path < $1.path }, words)
    }

    /// The words of one audience's pages as the index's first pass found them, by run of
    /// pages, with the text they came from: what the next audience's index reuses (see
    /// `files(for:reusing:)`). The public index of a two-audience build takes its public pages'
    /// words from the members' index and scans only the teasers.
    public struct CollectedWords: Sendable {
        let paths: [String]
        let texts: [PageText]
        let runs: [Range<Int>]
        let words: [ChunkWords]

        /// How many pages' words were taken from an earlier audience's, not scanned.
        var reusedPages: Int { words.reduce(0) { $0 + $1.reused } }
    }

    // MARK: - Building

    /// Weights of the four fields of a page.
    enum Field: Int {
        case title = 0, headings, body, meta
    }

    /// Occurrences of one word in the four fields of one page.
    struct FieldCounts: Sendable {
        var counts: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)

        mutating func add(_ field: Field) {
            switch field {
            case .title: counts.0 += 1
            case .headings: counts.1 += 1
            case .body: counts.2 += 1
            case .meta: counts.3 += 1
            }
        }
    }

    /// The result of the first pass over a run of pages: the words of each page, ids into the
    /// run's word table, with their counts, all pages' one after another (a page's own arrays
    /// took 10 kB each, most of it unused capacity).
    struct ChunkWords: Sendable {
        var table = WordTable()
        var words: [Int32] = []
        var counts: [FieldCounts] = []
        /// Page `p` has `words[starts[p]..<starts[p + 1]]`, and the counts alongside.
        var starts: [Int] = [0]
        /// How many pages were taken from an earlier audience's words.
        var reused = 0

        var pageCount: Int { starts.count - 1 }
        func page(_ page: Int) -> Range<Int> { starts[page]..<starts[page + 1] }
    }

    /// The text of a page, by field, as the audience may read it.
    struct PageText: Sendable, Equatable {
        var title: String
        var headings: [String]
        var body: [String]
        var meta: [String]
    }

    /// What each distinct word adds to a page, flattened: the terms of word `w` are
    /// `terms[offsets[w]..<offsets[w + 1]]` (its own term first, then compound parts).
    struct Contributions: Sendable {
        var offsets: [Int32] = [0]
        var terms: [Int32] = []
        var weights: [Float] = []
        /// Whether the word has a term at all (stop words and noise have none).
        var indexed: [Bool] = []
    }

    /// Impacts of a run of pages, flattened: page `p` of the run has
    /// `terms[ends[p - 1]..<ends[p]]` with `impacts` alongside.
    struct ChunkImpacts: Sendable {
        var terms: [Int32] = []
        var impacts: [UInt8] = []
        var ends: [Int] = []
    }

    private func build(_ view: AudienceView, reusing earlier: CollectedWords?) -> ([OutputFile], CollectedWords) {
        let analyzer = DutchAnalyzer()
        let themeTitles = Dictionary(view.config.themes.map { ($0.slug, $0.title) }, uniquingKeysWith: { a, _ in a })
        // Pages are read in place, by index, here and below: iterating over `view.pages` copies
        // each whole view (a retain per field of it).
        let pages = view.pages
        let texts: [PageText] = pages.indices.map { index in
            let ref = pages[index].ref, sections = pages[index].body?.sections
            var meta: [String] = []
            if let summary = ref.summary { meta.append(summary) }
            meta += ref.themes.compactMap { themeTitles[$0] }
            return PageText(
                title: ref.title,
                headings: sections?.compactMap(\.heading) ?? [],
                body: sections?.map(\.text) ?? [],
                meta: meta)
        }

        // Pass 1: words of every page, in runs of pages with a word table each.
        let runSize = max(16, (texts.count + workers * 4 - 1) / (workers * 4))
        let runs = stride(from: 0, to: texts.count, by: runSize).map { $0..<min(texts.count, $0 + runSize) }
        // With the same pages in the same runs, a run starts from the earlier run's words.
        let paths = pages.indices.map { pages[$0].ref.sitePath }
        let reusable = earlier.flatMap { $0.runs == runs && $0.paths == paths ? $0 : nil }
        let runWords = Parallel.map(Array(runs.indices), workers: workers) { run in
            Self.collectWords(texts[runs[run]], analyzer: analyzer, earlier: reusable.map { ($0.texts[runs[run]], $0.words[run]) })
        }

        // One table of distinct lowercase words; each run's ids mapped into it. Only the words
        // the run's pages have: a run that started from an earlier one's table also holds the
        // words of pages that are different here (a members-only body where this view has a
        // teaser), which must not reach this index. In a run scanned from nothing, every word
        // is some page's, and they come in the order of the run's table.
        var table = WordTable(capacity: 1 << 16)
        let runMaps: [[Int32]] = runWords.map { run in
            var map = [Int32](repeating: -1, count: run.table.count)
            for word in run.words where map[Int(word)] < 0 {
                let id = Int(word)
                map[id] = run.table.withBytes(id) { table.id(of: $0, hash: run.table.hashes[id]) }
            }
            return map
        }
        let globalTable = table
        let analyses = Parallel.map(Array(0..<globalTable.count), workers: workers) {
            analyzer.analyze(globalTable.word($0))
        }

        // Surface words (folded) and their terms; compounds split against them.
        var surfaceTerm: [String: String] = [:]
        for analysis in analyses {
            guard let term = analysis.term else { continue }
            if let known = surfaceTerm[analysis.word], known <= term { continue }
            surfaceTerm[analysis.word] = term
        }
        let surfaceWords = surfaceTerm.keys.sorted()
        let splitter = CompoundSplitter(vocabulary: Set(surfaceWords))
        let compoundCandidates = surfaceWords.filter { $0.utf8.count >= CompoundSplitter.minimumCompoundLength }
        let splits = Parallel.map(compoundCandidates, workers: workers) { splitter.parts(of: $0) }
        var partTerms: [String: [String]] = [:]
        for (word, parts) in zip(compoundCandidates, splits) where !parts.isEmpty {
            let own = surfaceTerm[word]
            var terms: [String] = []
            for part in parts {
                if let term = surfaceTerm[part], term != own, !terms.contains(term) { terms.append(term) }
            }
            if !terms.isEmpty { partTerms[word] = terms }
        }

        // Term ids in sorted order.
        var termSet = Set(surfaceTerm.values)
        for terms in partTerms.values { termSet.formUnion(terms) }
        let terms = termSet.sorted()
        let termIDs = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, Int32($0)) })

        // What each distinct word contributes: its own term at weight 1, compound parts at 0.5.
        var contributions = Contributions()
        contributions.offsets.reserveCapacity(analyses.count + 1)
        for analysis in analyses {
            if let term = analysis.term, let id = termIDs[term] {
                contributions.terms.append(id)
                contributions.weights.append(1)
                for part in partTerms[analysis.word] ?? [] where part != term {
                    if let partID = termIDs[part] {
                        contributions.terms.append(partID)
                        contributions.weights.append(Self.partWeight)
                    }
                }
                contributions.indexed.append(true)
            } else {
                contributions.indexed.append(false)
            }
            contributions.offsets.append(Int32(contributions.terms.count))
        }
        let flat = contributions

        // Pass 2: page lengths, then impacts per page.
        let runIndices = Array(runs.indices)
        let runLengths = Parallel.map(runIndices, workers: workers) { run in
            let chunk = runWords[run]
            return (0..<chunk.pageCount).map { page in
                var length = 0
                for k in chunk.page(page) where flat.indexed[Int(runMaps[run][Int(chunk.words[k])])] {
                    let count = chunk.counts[k]
                    length += Int(count.counts.1 + count.counts.2 + count.counts.3)
                }
                return length
            }
        }
        // Teasers count as pages of average length: their body exists but is not in this view,
        // and their few words must not weigh as much as a whole page's.
        let measured = runLengths.flatMap { $0 }
        let isTeaser = pages.indices.map { pages[$0].isTeaser }
        let full = measured.indices.filter { !isTeaser[$0] }.map { measured[$0] }
        let averageLength = max(1, Double(full.reduce(0, +)) / Double(max(1, full.count)))
        let lengths = measured.indices.map { isTeaser[$0] ? Int(averageLength.rounded()) : measured[$0] }
        let modified = pages.indices.map { pages[$0].ref.lastModified.ordinal }
        let newest = modified.max() ?? 0
        let ages = modified.map { newest - $0 }
        let termCount = terms.count
        let runImpacts = Parallel.map(runIndices, workers: workers) { run in
            Self.impacts(
                run: runWords[run], map: runMaps[run], firstPage: runs[run].lowerBound, contributions: flat,
                termCount: termCount, lengths: lengths, averageLength: averageLength, ages: ages)
        }

        // Posting lists, pages ascending, by counting sort.
        var starts = [Int](repeating: 0, count: termCount + 1)
        for run in runImpacts {
            for term in run.terms { starts[Int(term) + 1] += 1 }
        }
        for t in 0..<termCount { starts[t + 1] += starts[t] }
        var fill = starts
        var postingPages = [Int32](repeating: 0, count: starts[termCount])
        var postingImpacts = [UInt8](repeating: 0, count: starts[termCount])
        for (run, impacts) in runImpacts.enumerated() {
            var begin = 0
            for (offset, end) in impacts.ends.enumerated() {
                let page = Int32(runs[run].lowerBound + offset)
                for k in begin..<end {
                    let term = Int(impacts.terms[k])
                    postingPages[fill[term]] = page
                    postingImpacts[fill[term]] = impacts.impacts[k]
                    fill[term] += 1
                }
                begin = end
            }
        }
        let allPages = postingPages
        let allImpacts = postingImpacts
        let bounds = starts
        let termRuns = stride(from: 0, to: termCount, by: 4096).map { $0..<min(termCount, $0 + 4096) }
        let postings = Parallel.map(termRuns, workers: workers) { range in
            range.map { t in Postings.encode(pages: allPages[bounds[t]..<bounds[t + 1]], impacts: allImpacts[bounds[t]..<bounds[t + 1]]) }
        }.flatMap { $0 }

        // Which words lead to which term: the term itself and its surface forms.
        var sources = [[String]](repeating: [], count: terms.count)
        for (id, term) in terms.enumerated() { sources[id].append(term) }
        for word in surfaceWords {
            let id = Int(termIDs[surfaceTerm[word]!]!)
            if word != terms[id] { sources[id].append(word) }
        }

        var files: [OutputFile] = []
        let shardFiles = Self.shards(terms: terms, postings: postings, sources: sources)
        files += shardFiles.files
        files += Parallel.map(Array(view.pages.indices), workers: workers) { index in
            OutputFile(path: Self.indexFolder + "p/\(index).json", contents: Self.fragment(view.pages[index], id: index))
        }
        files.append(
            OutputFile(path: Self.indexFolder + "manifest.json", text: Self.manifest(view, shardKeys: shardFiles.keys)))
        let words = CollectedWords(paths: paths, texts: texts, runs: runs, words: runWords)
        return (files, words)
    }

    /// Compound parts count for this much of an occurrence of the compound.
    static let partWeight: Float = 0.5

    /// Pass 1 over a run of pages: their words, counted by field, with ids into a word table.
    /// With `earlier`, the same run in another audience's view and its words, the table starts
    /// as that run's, and a page with the same text there takes its words from there.
    static func collectWords(
        _ pages: ArraySlice<PageText>, analyzer: DutchAnalyzer, earlier: (texts: ArraySlice<PageText>, words: ChunkWords)? = nil
    ) -> ChunkWords {
        var collector = PageCollector(table: earlier?.words.table ?? WordTable(capacity: 1 << 14))
        collector.chunk.starts.reserveCapacity(pages.count + 1)
        for (pageIndex, page) in pages.enumerated() {
            if let earlier, earlier.texts[earlier.texts.startIndex + pageIndex] == page {
                let range = earlier.words.page(pageIndex)
                collector.chunk.words += earlier.words.words[range]
                collector.chunk.counts += earlier.words.counts[range]
                collector.chunk.starts.append(collector.chunk.words.count)
                collector.chunk.reused += 1
                continue
            }
            collector.startPage(Int32(pageIndex))
            collector.field = .title
            analyzer.scanWords(in: page.title, into: &collector)
            collector.field = .headings
            for heading in page.headings { analyzer.scanWords(in: heading, into: &collector) }
            collector.field = .body
            for text in page.body { analyzer.scanWords(in: text, into: &collector) }
            collector.field = .meta
            for text in page.meta { analyzer.scanWords(in: text, into: &collector) }
            collector.chunk.starts.append(collector.chunk.words.count)
        }
        return collector.chunk
    }

    /// Counts the words of one page at a time into a run's word table and words.
    struct PageCollector: WordSink {
        var chunk = ChunkWords()
        /// Per word of the table: the page that last had it, and where in `chunk` its counts are.
        var stamp: [Int32]
        var slot: [Int32]
        var pageStamp: Int32 = -1
        var field = Field.body

        /// A collector adding to `table`, which may hold words already.
        init(table: WordTable) {
            chunk.table = table
            stamp = Array(repeating: -1, count: table.count)
            slot = Array(repeating: 0, count: table.count)
        }

        mutating func startPage(_ stamp: Int32) {
            pageStamp = stamp
        }

        mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, isJoined: Bool) {
            let id = Int(chunk.table.id(of: bytes))
            if id == stamp.count {
                stamp.append(-1)
                slot.append(0)
            }
            if stamp[id] != pageStamp {
                stamp[id] = pageStamp
                slot[id] = Int32(chunk.words.count)
                chunk.words.append(Int32(id))
                chunk.counts.append(FieldCounts())
            }
            chunk.counts[Int(slot[id])].add(field)
        }
    }

    /// BM25 constants.
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Added to the saturated body score when the term is in the title (once) or headings (each, up to two).
    static let titleBonus: Float = 1.5
    static let headingBonus: Float = 0.5
    /// Impacts are stored as round(impact × scale), clamped to 1...63.
    static let impactScale: Float = 12

    /// The impact of every term of every page of a run.
    static func impacts(
        run: ChunkWords, map: [Int32], firstPage: Int, contributions: Contributions, termCount: Int,
        lengths: [Int], averageLength: Double, ages: [Int]
    ) -> ChunkImpacts {
        var result = ChunkImpacts()
        var slotOfTerm = [Int32](repeating: -1, count: termCount)
        var order: [Int32] = []
        var title: [Float] = []
        var headings: [Float] = []
        var body: [Float] = []
        for offset in 0..<run.pageCount {
            let index = firstPage + offset
            order.removeAll(keepingCapacity: true)
            title.removeAll(keepingCapacity: true)
            headings.removeAll(keepingCapacity: true)
            body.removeAll(keepingCapacity: true)
            for k in run.page(offset) {
                let word = Int(map[Int(run.words[k])]), count = run.counts[k]
                let from = Int(contributions.offsets[word])
                let to = Int(contributions.offsets[word + 1])
                guard from < to else { continue }
                let inTitle = count.counts.0 > 0
                let inHeadings = Float(count.counts.1)
                let inBody = Float(count.counts.2 + count.counts.3)
                for k in from..<to {
                    let term = Int(contributions.terms[k])
                    let weight = contributions.weights[k]
                    var slot = Int(slotOfTerm[term])
                    if slot < 0 {
                        slot = order.count
                        slotOfTerm[term] = Int32(slot)
                        order.append(Int32(term))
                        title.append(0)
                        headings.append(0)
                        body.append(0)
                    }
                    if inTitle { title[slot] = max(title[slot], weight) }
                    headings[slot] += weight * inHeadings
                    body[slot] += weight * inBody
                }
            }
            let norm = max(0.05, Float(1 - Double(b) + Double(b) * Double(lengths[index]) / averageLength))
            // A mild boost for recently updated pages: ×1.1 for the newest, ×1.05 a year older.
            let recency = 1 + 0.1 * 365 / Float(365 + max(0, ages[index]))
            for (slot, term) in order.enumerated() {
                let tf = body[slot] / norm
                let bodyScore = tf * (k1 + 1) / (tf + k1)
                let score = (bodyScore + titleBonus * title[slot] + headingBonus * min(headings[slot], 2)) * recency
                let quantized = Int((score * impactScale).rounded())
                result.terms.append(term)
                result.impacts.append(UInt8(min(63, max(1, quantized))))
                slotOfTerm[Int(term)] = -1
            }
            result.ends.append(result.terms.count)
        }
        return result
    }

    // MARK: - Files

    /// The term shards and their keys: every term is written into the shard of each word that
    /// leads to it, so one shard answers exact, prefix and typo look-ups for its words.
    static func shards(terms: [String], postings: [String], sources: [[String]]) -> (files: [OutputFile], keys: [String]) {
        // The keys of every word that leads to a term, one per length (1...maximumKeyLength).
        let prefixes: [[[String]]] = sources.map { list in
            list.map { word in
                var keys: [String] = []
                var key = ""
                for scalar in word.unicodeScalars.prefix(SearchIndexFormat.maximumKeyLength) {
                    key += SearchIndexFormat.key(of: String(scalar), length: 1)
                    keys.append(key)
                }
                return keys
            }
        }
        func shard(_ keys: [String], in set: Set<String>) -> String {
            for key in keys.reversed() where set.contains(key) { return key }
            return keys[min(SearchIndexFormat.baseKeyLength, keys.count) - 1]
        }
        var keys = Set<String>()
        for list in prefixes {
            for word in list { keys.insert(word[min(SearchIndexFormat.baseKeyLength, word.count) - 1]) }
        }

        func assign(_ keys: Set<String>) -> [String: [Int]] {
            var members: [String: [Int]] = [:]
            for (id, list) in prefixes.enumerated() {
                var previous: [String] = []
                for word in list {
                    let key = shard(word, in: keys)
                    if !previous.contains(key) {
                        previous.append(key)
                        members[key, default: []].append(id)
                    }
                }
            }
            return members
        }

        // Split oversized shards by one more letter until they fit or keys reach the maximum length.
        var members = assign(keys)
        while true {
            var added = false
            for (key, ids) in members where key.unicodeScalars.count < SearchIndexFormat.maximumKeyLength {
                let size = ids.reduce(0) { $0 + postings[$1].utf8.count + terms[$1].utf8.count + 8 }
                guard size > shardSplitBytes, ids.count > 1 else { continue }
                let length = key.unicodeScalars.count
                for id in ids {
                    for word in prefixes[id] where word.count > length && word[length - 1] == key {
                        if keys.insert(word[length]).inserted { added = true }
                    }
                }
            }
            if !added { break }
            members = assign(keys)
        }

        let sortedKeys = members.keys.sorted()
        let finalKeys = keys
        let files = sortedKeys.map { key -> OutputFile in
            let ids = members[key]!  // ascending term ids = sorted terms
            var wordEntries: [(String, Int)] = []
            for (position, id) in ids.enumerated() {
                for (j, word) in sources[id].enumerated().dropFirst() where shard(prefixes[id][j], in: finalKeys) == key {
                    wordEntries.append((word, position))
                }
            }
            wordEntries.sort { $0.0 < $1.0 }
            var json = JSONWriter(capacity: ids.reduce(64) { $0 + postings[$1].utf8.count + terms[$1].utf8.count + 6 })
            json.raw("{")
            json.key("postings", first: true)
            json.stringArray(ids.map { postings[$0] })
            json.key("terms")
            json.stringArray(ids.map { terms[$0] })
            json.key("words")
            json.raw("{")
            for (index, entry) in wordEntries.enumerated() {
                json.key(entry.0, first: index == 0)
                json.int(entry.1)
            }
            json.raw("}}")
            return OutputFile(path: indexFolder + "t/\(key).json", contents: json.bytes)
        }
        return (files, sortedKeys)
    }

    /// The fragment of one page: what a result shows, and the text excerpts come from.
    static func fragment(_ page: PageView, id: Int) -> [UInt8] {
        let size = page.body?.sections.reduce(0) { $0 + $1.text.utf8.count + 64 } ?? 0
        var json = JSONWriter(capacity: 512 + size)
        json.raw("{")
        json.key("date", first: true)
        json.string(page.ref.date.description)
        json.key("id")
        json.int(id)
        json.key("kind")
        json.string(page.ref.kind.rawValue)
        json.key("members")
        json.bool(page.ref.access == .members)
        json.key("modified")
        json.string(page.ref.lastModified.description)
        json.key("sections")
        json.array(page.body?.sections ?? []) { json, section in
            json.array([section.headingID ?? "", section.heading ?? "", section.text]) { $0.string($1) }
        }
        json.key("summary")
        json.string(page.ref.summary ?? "")
        json.key("teaser")
        json.bool(page.isTeaser)
        json.key("themes")
        json.stringArray(page.ref.themes.map(\.rawValue))
        json.key("title")
        json.string(page.ref.title)
        json.key("url")
        json.string(page.ref.sitePath)
        json.raw("}")
        return json.bytes
    }

    /// The manifest: what every query needs before it loads shards.
    static func manifest(_ view: AudienceView, shardKeys: [String]) -> String {
        let themes = view.config.themes
        let themeBits = Dictionary(themes.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let width = (2 + themes.count + 5) / 6
        var flags: [UInt8] = []
        flags.reserveCapacity(view.pages.count * width)
        for index in view.pages.indices {
            let ref = view.pages[index].ref
            var value = (ref.kind == .blog ? 1 : 0) | (ref.access == .members ? 2 : 0)
            for slug in ref.themes {
                if let bit = themeBits[slug] { value |= 1 << (2 + bit) }
            }
            SearchIndexFormat.appendFixed(value, width: width, to: &flags)
        }
        var json = JSONWriter(capacity: flags.count + 4096)
        json.raw("{")
        json.key("audience", first: true)
        json.string(view.audience.rawValue)
        json.key("flagWidth")
        json.int(width)
        json.key("flags")
        json.string(String(decoding: flags, as: UTF8.self))
        json.key("pageCount")
        json.int(view.pages.count)
        json.key("root")
        json.string(SitePath.relative(from: indexFolder, to: ""))
        json.key("shards")
        json.stringArray(shardKeys)
        json.key("themes")
        json.array(themes) { json, theme in
            json.raw("{")
            json.key("slug", first: true)
            json.string(theme.slug.rawValue)
            json.key("title")
            json.string(theme.title)
            json.raw("}")
        }
        json.key("version")
        json.int(SearchIndexFormat.version)
        json.raw("}")
        return json.text
    }
}
