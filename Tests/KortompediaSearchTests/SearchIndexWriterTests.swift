import Foundation
import KortompediaCore
import KortompediaSite
import Testing

@testable import KortompediaSearch

/// Reads an index the way `search.js` does, for assertions.
struct IndexReader {
    var files: [String: String]

    init(_ files: [OutputFile]) {
        self.files = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    func json(_ path: String) throws -> [String: Any] {
        let text = try #require(files[SearchIndexWriter.indexFolder + path], "missing \(path)")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    var shardKeys: Set<String> {
        get throws { Set(try json("manifest.json")["shards"] as? [String] ?? []) }
    }

    /// Pages (by URL) whose postings hold `term` (already analysed), with their impacts.
    func pages(withTerm term: String) throws -> [String: Int] {
        let key = SearchIndexFormat.shard(of: term, keys: try shardKeys)
        guard files[SearchIndexWriter.indexFolder + "t/\(key).json"] != nil else { return [:] }
        let shard = try json("t/\(key).json")
        let terms = shard["terms"] as? [String] ?? []
        guard let index = terms.firstIndex(of: term) else { return [:] }
        let postings = Array((shard["postings"] as? [String] ?? [])[index].utf8)
        let digits = Dictionary(uniqueKeysWithValues: SearchIndexFormat.alphabet.enumerated().map { ($1, $0) })
        var result: [String: Int] = [:]
        var i = 0
        var previous = -1
        while i < postings.count {
            var value = 0
            var shift = 0
            while digits[postings[i]]! >= 32 {
                value += (digits[postings[i]]! - 32) << shift
                shift += 5
                i += 1
            }
            value += digits[postings[i]]! << shift
            i += 1
            previous += value + 1
            let impact = digits[postings[i]]!
            i += 1
            let page = try json("p/\(previous).json")
            result[page["url"] as! String] = impact
        }
        return result
    }

    func pages(matching word: String) throws -> Set<String> {
        Set(try DutchAnalyzer().terms(in: word).flatMap { try pages(withTerm: $0).keys })
    }
}

struct SearchIndexWriterTests {
    @Test func isDeterministicWhateverTheWorkers() throws {
        let view = try SearchFixtures.view(.members)
        let first = SearchIndexWriter().files(for: view)
        let second = SearchIndexWriter().files(for: view)
        let parallel = SearchIndexWriter(workers: 4).files(for: view)
        #expect(first == second)
        #expect(first == parallel)
        #expect(first.map(\.path) == first.map(\.path).sorted())
    }

    @Test func reusingAnotherAudiencesWordsGivesTheSameFiles() throws {
        let site = try SearchFixtures.site()
        let membersView = site.view(for: .members), publicView = site.view(for: .public)
        let teasers = publicView.pages.count { $0.isTeaser }
        #expect(teasers > 0)
        for workers in [1, 3] {
            let writer = SearchIndexWriter(workers: workers)
            let members = writer.files(for: membersView, reusing: nil)
            #expect(members.words.reusedPages == 0)
            // Every page but the teasers is taken from the members' words; the teasers' text
            // (no body, no summary drawn from it) is scanned.
            let reusing = writer.files(for: publicView, reusing: members.words)
            #expect(reusing.words.reusedPages == publicView.pages.count - teasers)
            #expect(reusing.files == writer.files(for: publicView))
            // The members' word tables hold the members-only bodies' words; none of them here.
            let publicText = reusing.files.map { String(decoding: $0.contents, as: UTF8.self) }.joined()
            #expect(!publicText.contains("zwartekat"))
            // And the other way: the full pages behind the teasers are scanned.
            let back = writer.files(for: membersView, reusing: reusing.words)
            #expect(back.words.reusedPages == publicView.pages.count - teasers)
            #expect(back.files == members.files)
        }
    }

    @Test func writesTheScriptsAndTheIndexLayout() throws {
        let files = SearchIndexWriter().files(for: try SearchFixtures.view(.public))
        let paths = Set(files.map(\.path))
        #expect(paths.contains("assets/search.js"))
        #expect(paths.contains("assets/stemmer-nl.js"))
        #expect(paths.contains("zoeken/index/manifest.json"))
        #expect(paths.contains { $0.hasPrefix("zoeken/index/t/") })
        #expect(paths.contains("zoeken/index/p/0.json"))
        let script = try #require(files.first { $0.path == "assets/search.js" })
        #expect(String(decoding: script.contents, as: UTF8.self).contains("KortompediaSearch"))
        let manifest = try IndexReader(files).json("manifest.json")
        #expect(manifest["root"] as? String == "../../")
        #expect(manifest["audience"] as? String == "public")
        #expect(manifest["pageCount"] as? Int == 7)
    }

    @Test func publicIndexHoldsNothingOfMembersOnlyBodies() throws {
        let publicFiles = SearchIndexWriter().files(for: try SearchFixtures.view(.public))
        let membersFiles = SearchIndexWriter().files(for: try SearchFixtures.view(.members))
        let markers = ["zwartekat", "xylofoon", "codewoord", "hoofdstuk", "verdeelsleutel", "reserveer"]
        for file in publicFiles where file.path.hasPrefix("zoeken/") {
            let text = String(decoding: file.contents, as: UTF8.self).lowercased()
            for marker in markers {
                #expect(!text.contains(marker), "\(file.path) holds '\(marker)'")
            }
        }
        let membersText = membersFiles.map { String(decoding: $0.contents, as: UTF8.self) }.joined()
        #expect(membersText.contains("zwartekatgeheim"))

        // The teaser is still found by its title, summary and theme titles.
        let reader = IndexReader(publicFiles)
        let teaser = "kortompedia/ledenartikel/"
        #expect(try reader.pages(matching: "budgettering").contains(teaser))
        #expect(try reader.pages(matching: "campagne").contains(teaser))
        #expect(try reader.pages(matching: "kanalen").contains(teaser))
        #expect(try reader.pages(matching: "zwartekatgeheim").isEmpty)
        #expect(try IndexReader(membersFiles).pages(matching: "zwartekatgeheim") == [teaser])
        let fragment = try reader.json("p/2.json")
        #expect(fragment["url"] as? String == teaser)
        #expect(fragment["teaser"] as? Bool == true)
        #expect(fragment["members"] as? Bool == true)
        #expect((fragment["sections"] as? [Any])?.isEmpty == true)
    }

    @Test func findsPublicPagesByTheirFullText() throws {
        let reader = IndexReader(SearchIndexWriter().files(for: try SearchFixtures.view(.public)))
        #expect(try reader.pages(matching: "sirenes") == ["kortompedia/crisis-draaiboek/"])
        #expect(try reader.pages(matching: "opleiding") == ["kortompedia/opleidingen/"])
        #expect(try reader.pages(matching: "cooperatie") == ["kortompedia/opleidingen/"])
        #expect(try reader.pages(matching: "enquete") == ["kortompedia/opleidingen/"])
        #expect(try reader.pages(matching: "nieuwsbrieven") == ["kortompedia/sociale-media/", "blog/nieuwsbrief-vernieuwd/"])
    }

    /// Each cell's words are words of their own: `Duur` is the header cell after `Opleiding`,
    /// and `Schrijfatelier` the first cell of the row after it.
    @Test func findsTheWordsOfTableCells() throws {
        let reader = IndexReader(SearchIndexWriter().files(for: try SearchFixtures.view(.public)))
        #expect(try reader.pages(matching: "duur") == ["kortompedia/opleidingen/"])
        #expect(try reader.pages(matching: "schrijfatelier") == ["kortompedia/opleidingen/"])
        #expect(try reader.pages(matching: "dagen") == ["kortompedia/opleidingen/"])
    }

    @Test func findsCompoundsByTheirParts() throws {
        let reader = IndexReader(SearchIndexWriter().files(for: try SearchFixtures.view(.public)))
        let pages = try reader.pages(matching: "communicatie")
        #expect(pages.contains("kortompedia/crisis-draaiboek/"))  // only says crisiscommunicatie
        #expect(pages.contains("kortompedia/communicatieplan/"))
        // A page that has the word itself ranks above one that has it only inside a compound.
        let impacts = try reader.pages(withTerm: "communiceer")
        #expect(impacts["kortompedia/communicatieplan/"]! > impacts["kortompedia/crisis-draaiboek/"]!)
        #expect(try reader.pages(matching: "plan").contains("kortompedia/communicatieplan/"))
    }

    @Test func ranksTitleMatchesHigher() throws {
        let reader = IndexReader(SearchIndexWriter().files(for: try SearchFixtures.view(.public)))
        let impacts = try reader.pages(withTerm: "media")
        #expect(impacts["kortompedia/sociale-media/"]! > impacts["kortompedia/media-en-pers/"]!)
    }

    /// The committed index in `Tests/Fixtures/search/index-*` is what the writer produces; the
    /// JavaScript tests query it (`Tests/JavaScript/search-engine.test.js`).
    @Test(arguments: [Audience.public, .members])
    func matchesTheCommittedFixtureIndex(_ audience: Audience) throws {
        let files = SearchIndexWriter().files(for: try SearchFixtures.view(audience))
            .filter { $0.path.hasPrefix(SearchIndexWriter.indexFolder) }
        let folder = "index-\(audience.rawValue)/"
        var expected: [String] = []
        for file in files {
            let relative = String(file.path.dropFirst(SearchIndexWriter.indexFolder.count))
            expected.append(relative)
            try SearchFixtures.expectCommitted(folder + relative, equals: String(decoding: file.contents, as: UTF8.self))
        }
        try SearchFixtures.expectCommitted(folder + "FILES", equals: expected.joined(separator: "\n") + "\n")
    }
}

/// The index's JSON strings: escaped as JSON requires and no more, and read back unchanged.
@Suite struct JSONWriterTests {
    @Test func stringsAreEscapedMinimallyAndReadBack() throws {
        let texts = ["", "gewoon", "\"aan\" \\ af", "regel\nregel\r\n\ttab", "\u{01}\u{1F}\u{7F} café ✓", "einde\"", "\\"]
        var json = JSONWriter()
        json.stringArray(texts)
        #expect(json.text == #"["","gewoon","\"aan\" \\ af","regel\nregel\r\n\ttab","\u0001\u001f"# + "\u{7F} café ✓" + #"","einde\"","\\"]"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String]
        #expect(decoded == texts)
    }

    /// The scan eight bytes at a time finds the first byte to escape wherever it stands in the
    /// word, after bytes of every kind (multibyte characters among them), and none where there is none.
    @Test func theWordScanFindsWhatTheByteScanFinds() {
        var random = SplitMix64(seed: 6)
        let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]
        for _ in 0..<5_000 {
            let count = Int(random.next() % 40)
            let bytes = (0..<count).map { _ in random.next() % 4 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : UInt8(ascii: "a") + UInt8(random.next() % 26) }
            let start = count == 0 ? 0 : Int(random.next() % UInt64(count))
            let expected = bytes[start...].firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } ?? count
            bytes.withUnsafeBufferPointer { buffer in
                #expect(JSONWriter.firstToEscape(in: buffer, from: start) == expected, "\(bytes) from \(start)")
            }
        }
    }
}
