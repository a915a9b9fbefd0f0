import KortompediaCore
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("enquête", "enquete"),
        ("Coöperatie & Co!", "cooperatie-co"),
        ("Crisiscommunicatie: een draaiboek in 5 stappen", "crisiscommunicatie-een-draaiboek-in-5-stappen"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("Straße", "strasse"),
        ("Œuvre & ĳzer", "oeuvre-ijzer"),
        ("e\u{0301}e\u{0301}n", "een"),  // decomposed accents are dropped
        ("a___b...c", "a-b-c"),
        ("2025", "2025"),
        ("WOORDVOERDER", "woordvoerder"),
    ])
    func slugify(text: String, expected: String) {
        let slug = Slug(slugifying: text)
        #expect(slug.rawValue == expected)
        #expect(Slug.isValid(slug.rawValue))
    }

    /// An apostrophe inside a word keeps the word whole, typed or typographic (smart
    /// punctuation makes `'` in a heading `’`); elsewhere it separates like any punctuation.
    @Test(arguments: [
        ("Foto's en video's", "fotos-en-videos"),
        ("Foto’s en video’s", "fotos-en-videos"),
        ("Toegankelijke pdf's maken", "toegankelijke-pdfs-maken"),
        ("A4'tje", "a4tje"),
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("’s Avonds", "s-avonds"),
        ("rock 'n' roll", "rock-n-roll"),
        ("foto'", "foto"),
        ("foto''s", "foto-s"),
        ("foto’", "foto"),
        ("foto—s", "foto-s"),  // U+2014 starts with the same two bytes as ’
    ])
    func apostrophesJoinTheLettersAroundThem(text: String, expected: String) {
        #expect(Slug(slugifying: text).rawValue == expected)
    }

    @Test(arguments: ["", "!!!", "  ", "—", "😀"])
    func slugifyingTextWithoutLettersGivesAnEmptySlug(text: String) {
        #expect(Slug(slugifying: text).isEmpty)
    }

    /// ASCII text takes TextFolding's byte path; a trailing Ω (a separator) sends the same text
    /// through the general folding path, which must agree.
    @Test func theASCIIPathAgreesWithFolding() {
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("aZz09 -_.!/?AMq\t'")
        for _ in 0..<3000 {
            let text = String((0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(Slug(slugifying: text) == Slug(slugifying: text + "Ω"), "\(text.debugDescription)")
        }
    }

    @Test func slugifyingKeepsOtherScriptsOutOfTheSlug() {
        // Greek letters are lowercased by folding but are not ASCII: they act as separators.
        #expect(Slug(slugifying: "Ωmega test").rawValue == "mega-test")
    }

    @Test(arguments: ["a", "abc", "a-b", "a1-2b-c3", "2025", "x-1"])
    func validSlugs(text: String) {
        #expect(Slug.isValid(text))
        #expect(Slug(validating: text)?.rawValue == text)
    }

    @Test(arguments: ["", "-", "-a", "a-", "a--b", "A", "a_b", "a b", "é", "a/b", "a.b", "enquête"])
    func invalidSlugs(text: String) {
        #expect(!Slug.isValid(text))
        #expect(Slug(validating: text) == nil)
    }

    @Test func slugsSortByText() {
        let slugs = ["b", "a-b", "a"].map { Slug(validating: $0)! }
        #expect(slugs.sorted().map(\.rawValue) == ["a", "a-b", "b"])
    }
}

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Coöperatie", "cooperatie"),
        ("COÖPERATIE", "cooperatie"),
        ("enquête", "enquete"),
        ("Ça va, Zoë?", "ca va, zoe?"),
        ("Ærøskøbing", "aeroskobing"),
        ("ĲSSELMEER", "ijsselmeer"),
        ("Þing", "thing"),
        ("cafe\u{0301}", "cafe"),
        ("ΑΒΓ", "αβγ"),
        ("plain ascii 123", "plain ascii 123"),
    ])
    func fold(text: String, expected: String) {
        #expect(TextFolding.fold(text) == expected)
    }

    @Test func foldingIsIdempotent() {
        let text = "Œuvres complètes van Coöperatie ÆØÅ"
        #expect(TextFolding.fold(TextFolding.fold(text)) == TextFolding.fold(text))
    }
}
