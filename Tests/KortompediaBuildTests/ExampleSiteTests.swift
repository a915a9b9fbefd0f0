import Foundation
import KortompediaBuild
import KortompediaCore
import KortompediaSite
import KortompediaSource
import Testing

/// The repository's own example Kortompedia (its root is a site), built into temporary folders.
@Suite(.serialized) struct ExampleSiteTests {
    /// The example site built once on two workers, shared by the tests of this suite.
    static let built: Result<TemporaryFolder, any Error> = Result {
        let folder = try TemporaryFolder()
        _ = try BuildPipeline(options: BuildOptions(root: Paths.repository, output: folder.output, workers: 2)).run()
        return folder
    }

    static func output() throws -> URL {
        switch built {
        case .success(let folder): return folder.output
        case .failure(let error):
            Issue.record("the example site does not build:\n\(error)")
            throw error
        }
    }

    @Test func itBuildsWithoutWarnings() throws {
        let site = try TemporaryFolder()
        let report = try BuildPipeline(options: BuildOptions(root: Paths.repository, output: site.output, workers: 1)).run()
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.pageCounts[.members] == report.pageCounts[.public])
        #expect((report.pageCounts[.members] ?? 0) >= 30)
    }

    @Test func twoBuildsAreByteIdenticalAndOneThreadEqualsTwo() throws {
        let first = try snapshot(try Self.output())
        let other = try TemporaryFolder()
        try build(Paths.repository, into: other.output, workers: 2)
        let second = try snapshot(other.output)
        let single = try TemporaryFolder()
        try build(Paths.repository, into: single.output, workers: 1)
        let third = try snapshot(single.output)
        #expect(first.count > 100)
        #expect(Set(first.keys) == Set(second.keys))
        #expect(Set(first.keys) == Set(third.keys))
        for path in first.keys.sorted() {
            #expect(first[path] == second[path], "\(path) differs between two builds")
            #expect(first[path] == third[path], "\(path) differs between one and two threads")
        }
    }

    /// The checklist of the accessibility article reads as one: boxes, not `[ ]`.
    @Test func checklistsShowCheckboxes() throws {
        let page = try String(contentsOf: try Self.output().appendingPathComponent("public/kortompedia/toegankelijke-website/index.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "<input type=\"checkbox\" class=\"task\" disabled>").count - 1 == 7)
        #expect(!page.contains("<li>[ ]"))
        let css = try String(contentsOf: try Self.output().appendingPathComponent("public/assets/style.css"), encoding: .utf8)
        #expect(css.contains("input.task"))
    }

    @Test(arguments: ["members", "public"])
    func everyInternalLinkResolves(audience: String) throws {
        let result = try LinkChecker(root: try Self.output().appendingPathComponent(audience)).run()
        #expect(result.problems == [])
        #expect(result.checked > 1000)
    }

    @Test func everyMembersOnlyArticleIsATeaserWithNothingOfItsBodyInPublic() throws {
        let publicRoot = try Self.output().appendingPathComponent("public")
        let sources = try SourceTreeLoader(root: Paths.repository).load()
        let (site, _) = SiteResolver().resolve(sources)
        #expect(site.pages.filter { $0.kind == .article }.count == 30)
        let membersOnly = site.pages.filter { $0.kind == .article && $0.access == .members }
        #expect(membersOnly.count >= 15)

        let paths = Golden.files(under: publicRoot).sorted()
        let files = try paths.map { try Array(Data(contentsOf: publicRoot.appendingPathComponent($0))) }
        var needles: [(sentence: String, form: [UInt8], page: String)] = []
        for page in membersOnly {
            let teaser = publicRoot.appendingPathComponent(SitePath.file(for: page.sitePath))
            let html = try String(contentsOf: teaser, encoding: .utf8)
            #expect(html.contains(">\(HTMLEscaping.escape(page.title))</h1>"), "\(page.sitePath) is not the teaser of \(page.source.path)")
            #expect(html.contains(HTMLEscaping.escape(site.config.membership.joinURL)), "\(page.sitePath) has no way to join")
            let published = [page.title, page.frontMatter.summary ?? ""]
            for sentence in Self.sentences(of: page) where !published.contains(where: { $0.contains(sentence) }) {
                // The forms a sentence takes in HTML, and in JSON (where slashes may be escaped).
                for form in Set([sentence, HTMLEscaping.escape(sentence), sentence.replacingOccurrences(of: "/", with: "\\/")]) {
                    needles.append((sentence, Array(form.utf8), page.source.path))
                }
            }
        }
        #expect(needles.count >= 300)
        let finder = SubstringFinder(needles: needles.map(\.form))
        for (index, bytes) in files.enumerated() {
            for found in finder.matches(in: bytes) {
                Issue.record("public/\(paths[index]) holds a sentence of \(needles[found].page): \(needles[found].sentence)")
            }
        }
    }

    /// Sentences of at least 40 characters from the text of a body, cut at sentence ends.
    static func sentences(of page: CompiledPage) -> [String] {
        var result: [String] = []
        for section in page.sections {
            var current = ""
            for character in section.text {
                let ends = character == "\n" || ((character == " ") && [".", "?", "!"].contains(current.last ?? " "))
                if ends {
                    let sentence = current.trimmingCharacters(in: .whitespaces)
                    if sentence.count >= 40 { result.append(sentence) }
                    current = ""
                } else {
                    current.append(character)
                }
            }
            let sentence = current.trimmingCharacters(in: .whitespaces)
            if sentence.count >= 40 { result.append(sentence) }
        }
        return result
    }
}

/// Finds many long needles in many files at once (Rabin–Karp): a rolling hash of every window of
/// the haystack is looked up among the hashes of the needles' first bytes, and only the hits
/// are compared in full.
struct SubstringFinder {
    static let width = 32
    let needles: [[UInt8]]
    private let starts: [UInt64: [Int]]

    init(needles: [[UInt8]]) {
        self.needles = needles
        var starts: [UInt64: [Int]] = [:]
        for (index, needle) in needles.enumerated() where needle.count >= Self.width {
            starts[Self.hash(needle[0..<Self.width]), default: []].append(index)
        }
        self.starts = starts
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 &* 257 &+ UInt64($1) }
    }

    /// Indexes of the needles found in `haystack`.
    func matches(in haystack: [UInt8]) -> Set<Int> {
        guard haystack.count >= Self.width else { return [] }
        var power: UInt64 = 1
        for _ in 1..<Self.width { power = power &* 257 }
        var found = Set<Int>()
        var hash = Self.hash(haystack[0..<Self.width])
        var start = 0
        while true {
            if let candidates = starts[hash] {
                for index in candidates where !found.contains(index) {
                    let needle = needles[index]
                    if start + needle.count <= haystack.count, haystack[start..<(start + needle.count)].elementsEqual(needle) {
                        found.insert(index)
                    }
                }
            }
            guard start + Self.width < haystack.count else { break }
            hash = (hash &- UInt64(haystack[start]) &* power) &* 257 &+ UInt64(haystack[start + Self.width])
            start += 1
        }
        return found
    }
}
