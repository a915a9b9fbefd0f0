import Foundation
import Testing

@testable import KortompediaSearch

/// Tests for `DutchStemmer` against the Snowball Dutch reference vocabulary
/// (`Tests/Fixtures/snowball-dutch`, see the README there). The JavaScript
/// stemmer is checked against the same files by `Tests/JavaScript/stemmer-nl.test.js`.
struct DutchStemmerTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/snowball-dutch")

    /// Reads a fixture file as one entry per line.
    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test func agreesWithSnowballOnTheWholeVocabulary() throws {
        let words = try Self.lines("voc.txt")
        let stems = try Self.lines("output.txt")
        #expect(words.count == 45_670)
        try #require(words.count == stems.count)

        let stemmer = DutchStemmer()
        var mismatches: [String] = []
        for (word, expected) in zip(words, stems) {
            let actual = stemmer.stem(word)
            if actual != expected {
                mismatches.append("\(word): expected \(expected), got \(actual)")
            }
        }
        let mismatchCount = mismatches.count
        #expect(
            mismatchCount == 0,
            "\(words.count - mismatchCount)/\(words.count) agree; first mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))"
        )
    }

    @Test(arguments: [
        ("opleidingen", "opleid"),
        ("opleiding", "opleid"),
        ("gemeentelijke", "meentelijk"),
        ("gemeentelijk", "meentelijk"),
        ("maken", "maak"),
        ("lopen", "loop"),
        ("huizen", "huis"),
        ("katten", "kat"),
        ("schilderij", "schilder"),
        ("gevallen", "geval"),
        ("geval", "geval"),
        ("geeft", "geef"),
        ("innig", "innig"),
        ("innen", "inn"),
        ("geïnd", "inn"),
        ("geënt", "ent"),
    ])
    func spotChecks(word: String, stem: String) {
        #expect(DutchStemmer().stem(word) == stem)
    }

    @Test func edgeCases() {
        let stemmer = DutchStemmer()
        #expect(stemmer.stem("") == "")
        #expect(stemmer.stem("a") == "a")
        #expect(stemmer.stem("ge") == "ge")
        // Non-Latin text passes through unchanged.
        #expect(stemmer.stem("日本語") == "日本語")
    }
}
