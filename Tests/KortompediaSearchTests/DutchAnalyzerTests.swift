import Foundation
import KortompediaCore
import Testing

@testable import KortompediaSearch

struct DutchAnalyzerTests {
    let analyzer = DutchAnalyzer()

    @Test func foldsCaseAndDiacritics() {
        #expect(analyzer.terms(in: "Coöperatie") == analyzer.terms(in: "cooperatie"))
        #expect(analyzer.terms(in: "ENQUÊTE") == analyzer.terms(in: "enquete"))
        #expect(analyzer.terms(in: "Naïef café") == analyzer.terms(in: "naief cafe"))
        // Decomposed input (o + U+0308) analyses like the precomposed letter.
        #expect(analyzer.terms(in: "co\u{6F}\u{308}peratie") == analyzer.terms(in: "coöperatie"))
        #expect(analyzer.tokens(in: "Coöperatie").map(\.word) == ["cooperatie"])
    }

    @Test func stemsInflections() {
        #expect(analyzer.terms(in: "opleidingen") == analyzer.terms(in: "opleiding"))
        #expect(analyzer.terms(in: "gemeentelijke") == analyzer.terms(in: "gemeentelijk"))
        #expect(analyzer.terms(in: "nieuwsbrieven") == ["nieuwsbrief"])
        // Stemmed before folding: the stemmer sees the diaeresis.
        #expect(analyzer.terms(in: "geïnd") == ["inn"])
        #expect(analyzer.terms(in: "coöperatie") == ["coopereer"])
    }

    @Test func dropsStopWordsAndNoise() {
        #expect(analyzer.terms(in: "de en van het een in op") == [])
        #expect(analyzer.terms(in: "De kat en de hond") == ["kat", "hond"])
        #expect(analyzer.terms(in: "x 5 42") == ["5", "42"])
        #expect(analyzer.terms(in: String(repeating: "a", count: 41)) == [])
        // Phrase words keep stop words.
        #expect(analyzer.words(in: "De kat en de hond") == ["de", "kat", "en", "de", "hond"])
    }

    /// Lowercase ASCII words are handed over as they stand in the text; every other word goes
    /// scalar by scalar. Both ways find the same words, wherever a plain word meets a capital,
    /// a letter outside ASCII, a mark, an apostrophe or a hyphen.
    @Test func plainWordsTakenWholeAreTheWordsFoundScalarByScalar() {
        let pieces = [
            "een", "beleid", "2024", "x", "Gemeente", "É", "é", "ë", "e\u{301}", "\u{301}", "'", "’", "-", "‐", "--",
            " ", "  ", "\n", ".", ",", "(", ")", "×", "🇧🇪", "_", "ĳ", "Ω", "ß",
        ]
        var generator = SplitMix64(seed: 11)
        for round in 0..<3000 {
            let count = Int(generator.next() % 40)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            var whole: [String] = [], scalarByScalar: [String] = []
            analyzer.forEachWord(in: text, takingPlainWordsWhole: true) { whole.append("\($0)\($1 ? "+" : "")") }
            analyzer.forEachWord(in: text, takingPlainWordsWhole: false) { scalarByScalar.append("\($0)\($1 ? "+" : "")") }
            #expect(whole == scalarByScalar, "round \(round): \(text.debugDescription)")
        }
    }

    @Test func keepsApostrophesAndSplitsHyphens() {
        #expect(analyzer.terms(in: "auto’s en foto's") == ["auto", "foto"])
        let tokens = analyzer.tokens(in: "e-mail")
        #expect(tokens.map(\.word) == ["e", "mail", "email"])
        #expect(tokens.map(\.isJoined) == [false, false, true])
        #expect(analyzer.words(in: "sociale-media beleid") == ["sociale", "media", "beleid"])
        // Leading and trailing apostrophes and dashes separate words.
        #expect(analyzer.tokens(in: "'s-Hertogenbosch -- 't").map(\.word) == ["s", "hertogenbosch", "shertogenbosch", "t"])
        #expect(analyzer.tokens(in: "- a'- b -").map(\.word) == ["a", "b"])
    }

    @Test func splitsCompoundsAgainstTheVocabulary() {
        let splitter = CompoundSplitter(vocabulary: ["crisis", "communicatie", "plan", "beleid", "gemeente", "nieuws", "brief"])
        #expect(splitter.parts(of: "crisiscommunicatie") == ["crisis", "communicatie"])
        #expect(splitter.parts(of: "communicatieplan") == ["communicatie", "plan"])
        #expect(splitter.parts(of: "beleidsplan") == ["beleid", "plan"])
        #expect(splitter.parts(of: "crisiscommunicatieplan") == ["crisis", "communicatieplan", "communicatie", "plan"])
        #expect(splitter.parts(of: "nieuwsbrief") == ["nieuws", "brief"])
        #expect(splitter.parts(of: "communicatie") == [])
        // Suffixes are not words: gemeente|lijk stays whole.
        #expect(CompoundSplitter(vocabulary: ["gemeente", "lijk"]).parts(of: "gemeentelijk") == [])
    }

    /// The sentences both analyzers are checked against; the JavaScript test reads the same
    /// expected tokens (`Tests/JavaScript/search-analyzer.test.js`).
    @Test func matchesTheCommittedTokensThatJavaScriptChecks() throws {
        let sentences = try SearchFixtures.read("analyzer-sentences.txt").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.isEmpty }
        var lines: [String] = []
        for sentence in sentences {
            var json = JSONWriter()
            json.array(analyzer.tokens(in: String(sentence))) { json, token in
                json.raw("[")
                json.string(token.word)
                json.raw(",")
                if let term = token.term { json.string(term) } else { json.raw("null") }
                json.raw(",")
                json.bool(token.isJoined)
                json.raw("]")
            }
            lines.append(json.text)
        }
        try SearchFixtures.expectCommitted("analyzer-tokens.jsonl", equals: lines.joined(separator: "\n") + "\n")
    }
}
