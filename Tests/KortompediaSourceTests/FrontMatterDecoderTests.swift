import KortompediaCore
@testable import KortompediaSource
import Testing

/// One exact-message test per error reason, with the line and column of the offending key or
/// value in the file (front matter starts on line 2).
@Suite struct FrontMatterDecoderErrorTests {
    @Test func missingTitle() {
        let (page, messages) = decodePage("---\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\nTekst.\n")
        #expect(page == nil)
        #expect(messages == ["articles/a.md:1:1: error: missing required key 'title'"])
    }

    @Test func emptyTitle() {
        let (_, messages) = decodePage("---\ntitle: \"  \"\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\n")
        #expect(messages == ["articles/a.md:2:8: error: 'title' is empty"])
    }

    @Test func missingDate() {
        let (_, messages) = decodePage("---\ntitle: Een\nthemes: [crisiscommunicatie]\n---\n")
        #expect(messages == ["articles/a.md:1:1: error: missing required key 'date'"])
    }

    @Test func missingThemes() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\n---\n")
        #expect(messages == ["articles/a.md:1:1: error: missing required key 'themes' (an article needs at least one theme)"])
    }

    @Test func emptyThemes() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: []\n---\n")
        #expect(messages == ["articles/a.md:4:9: error: an article needs at least one theme"])
    }

    @Test func aBlogPostNeedsNoThemes() {
        let (page, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\n---\n", path: "blogs/b.md", kind: .blog)
        #expect(messages == [])
        #expect(page?.frontMatter.themes == [])
    }

    @Test func unknownTheme() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie, onbekend]\n---\n")
        #expect(messages == ["articles/a.md:4:30: error: unknown theme 'onbekend' (site.json has: crisiscommunicatie, digitale-communicatie)"])
    }

    @Test func unknownThemeInABlockList() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes:\n  - crisiscommunicatie\n  - Crisis Communicatie\n---\n")
        #expect(messages == ["articles/a.md:6:5: error: unknown theme 'Crisis Communicatie' (site.json has: crisiscommunicatie, digitale-communicatie)"])
    }

    @Test func columnsCountUTF8BytesAsCmarkDoes() {
        // `themes: ["ë", ` is 14 characters but 15 bytes: the second item starts at byte column 16.
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [\"ë\", onbekend]\n---\n")
        #expect(messages == [
            "articles/a.md:4:10: error: unknown theme 'ë' (site.json has: crisiscommunicatie, digitale-communicatie)",
            "articles/a.md:4:16: error: unknown theme 'onbekend' (site.json has: crisiscommunicatie, digitale-communicatie)",
        ])
    }

    @Test func invalidDate() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-02-30\nthemes: [crisiscommunicatie]\n---\n")
        #expect(messages == ["articles/a.md:3:7: error: 'date' is not a valid date (YYYY-MM-DD): '2025-02-30'"])
    }

    @Test(arguments: ["updated", "review", "rewritten"])
    func invalidOptionalDate(key: String) {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n\(key): 1 maart 2025\n---\n")
        #expect(messages == ["articles/a.md:5:\(key.count + 3): error: '\(key)' is not a valid date (YYYY-MM-DD): '1 maart 2025'"])
    }

    @Test func titleOfTheWrongType() {
        let (_, messages) = decodePage("---\ntitle: [Een, Twee]\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\n")
        #expect(messages == ["articles/a.md:2:8: error: 'title' must be text"])
    }

    @Test func tagsOfTheWrongType() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntags: {crisis: ja}\n---\n")
        #expect(messages == ["articles/a.md:5:7: error: 'tags' must be a list of text"])
    }

    @Test func aNestedListInTags() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntags: [crisis, [pers]]\n---\n")
        #expect(messages == ["articles/a.md:5:16: error: 'tags' must be a list of text"])
    }

    @Test func draftOfTheWrongType() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ndraft: misschien\n---\n")
        #expect(messages == ["articles/a.md:5:8: error: 'draft' must be true or false"])
    }

    @Test func badSlug() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\nslug: Mijn Slug\n---\n")
        #expect(messages == ["articles/a.md:5:7: error: 'slug' must match [a-z0-9]+(-[a-z0-9]+)*, not 'Mijn Slug'"])
    }

    @Test func aFileNameWithoutLettersNeedsASlug() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\n", path: "articles/___.md")
        #expect(messages == ["articles/___.md:1:1: error: the file name gives no slug; set 'slug'"])
    }

    @Test func badAccess() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\naccess: leden\n---\n")
        #expect(messages == ["articles/a.md:5:9: error: 'access' must be 'members' or 'public', not 'leden'"])
    }

    @Test func badAlias() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\naliases: [oud/pad, ../buiten]\n---\n")
        #expect(messages == ["articles/a.md:5:20: error: alias '../buiten' must not contain '.' or '..' segments"])
    }

    @Test func invalidYAML() {
        let (page, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie\n---\n")
        #expect(page == nil)
        #expect(messages == ["articles/a.md:5:1: error: invalid front matter: while parsing a flow sequence: did not find expected ',' or ']'"])
    }

    @Test func invalidYAMLInAnUnclosedQuote() {
        let (_, messages) = decodePage("---\ntitle: \"Een\ndate: 2025-01-01\n---\n")
        #expect(messages == ["articles/a.md:4:1: error: invalid front matter: while scanning a quoted scalar: found unexpected end of stream"])
    }

    @Test func tabIndentation() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes:\n\t- crisiscommunicatie\n---\n")
        #expect(messages == ["articles/a.md:5:1: error: invalid front matter: while scanning for the next token: found character that cannot start any token; indent with spaces, not with a tab"])
    }

    /// The YAML mistakes editors make most get a hint with the line as it should be.
    @Test(arguments: [
        ("title: Crisis: wat nu?", "2:14: error: invalid front matter: mapping values are not allowed in this context; a value with ': ' in it needs quotes: title: \"Crisis: wat nu?\""),
        ("title: 'Foto's maken'", "2:14: error: invalid front matter: while parsing a block mapping: did not find expected key; a ' inside '…' ends the value: put it in double quotes: title: \"Foto's maken\""),
        ("title: 'Foto''s van 't stadhuis's'", "2:22: error: invalid front matter: while parsing a block mapping: did not find expected key; a ' inside '…' ends the value: put it in double quotes: title: \"Foto's van 't stadhuis's\""),
        ("title: \"Een \"goed\" plan\"", "2:14: error: invalid front matter: while parsing a block mapping: did not find expected key; a \" inside \"…\" ends the value: put it in single quotes: title: 'Een \"goed\" plan'"),
        ("title: \"Het \"C:\\\\\" pad\"", "2:14: error: invalid front matter: while parsing a block mapping: did not find expected key; a \" inside \"…\" ends the value: put it in single quotes: title: 'Het \"C:\\\\\" pad'"),
        // A list item, in the block style editors use for tags and authors.
        ("tags:\n  - 'Foto's maken'", "3:11: error: invalid front matter: while parsing a block collection: did not find expected '-' indicator; a ' inside '…' ends the value: put it in double quotes: - \"Foto's maken\""),
        ("author:\n  - \"An \"Peeters\"\"", "3:10: error: invalid front matter: while parsing a block collection: did not find expected '-' indicator; a \" inside \"…\" ends the value: put it in single quotes: - 'An \"Peeters\"'"),
    ])
    func commonMistakesGetAHint(line: String, expected: String) {
        let (page, messages) = decodePage("---\n\(line)\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\n")
        #expect(page == nil)
        #expect(messages == ["articles/a.md:" + expected])
    }

    /// `- Crisis: wat nu?` is valid YAML, a mapping where text was meant: the error that the
    /// list must hold text says how to write the item, in block and in flow style.
    @Test func aListItemWithAColonGetsAHint() {
        let (_, block) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntags:\n  - pers\n  - Crisis: wat nu?\n---\n")
        #expect(block == ["articles/a.md:7:5: error: 'tags' must be a list of text; an item with ': ' in it needs quotes: \"Crisis: wat nu?\""])
        let (_, flow) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntags: [pers, Crisis: wat nu?]\n---\n")
        #expect(flow == ["articles/a.md:5:14: error: 'tags' must be a list of text; an item with ': ' in it needs quotes: \"Crisis: wat nu?\""])
        let (_, nested) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntags:\n  - [a, b]\n---\n")
        #expect(nested == ["articles/a.md:6:5: error: 'tags' must be a list of text"])
    }

    /// Quotes written the way YAML allows them inside a value are no mistake: an error
    /// elsewhere on such a line gets Yams's words alone.
    @Test func aCorrectlyQuotedValueGetsNoHint() {
        #expect(FrontMatterHint.hint(problem: "x", line: "title: 'Foto''s maken'") == nil)
        #expect(FrontMatterHint.hint(problem: "x", line: #"title: "Een \"goed\" plan""#) == nil)
        #expect(FrontMatterHint.hint(problem: "mapping values are not allowed in this context", line: "title: \"Crisis: wat nu?\"") == nil)
        #expect(FrontMatterHint.hint(problem: "mapping values are not allowed in this context", line: "- \"een: twee: drie\"") == nil)
        #expect(FrontMatterHint.hint(problem: "x", line: "  - 'Foto''s'") == nil)
    }

    @Test func duplicateKey() {
        let (page, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntitle: Twee\n---\n")
        #expect(page == nil)
        // Yams reports the first of the two; the message names the key.
        #expect(messages == ["articles/a.md:2:1: error: duplicate key 'title'"])
    }

    @Test func frontMatterThatIsNotAMapping() {
        let (_, messages) = decodePage("---\n- title\n- date\n---\n")
        #expect(messages == ["articles/a.md:2:1: error: front matter must be a mapping of keys to values"])
    }

    @Test func emptyFrontMatter() {
        let (_, messages) = decodePage("---\n---\nTekst.\n")
        #expect(messages == ["articles/a.md:1:1: error: front matter is empty: 'title' and 'date' are required"])
    }

    @Test func keyThatIsNotText() {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n[a, b]: c\n---\n")
        #expect(messages == ["articles/a.md:5:1: error: front-matter keys must be plain text"])
    }

    @Test func everyProblemIsReportedInOneRun() {
        let (page, messages) = decodePage("---\ntitle: [x]\ndate: 2025-13-01\nthemes: [onbekend]\naccess: iedereen\nslug: Fout\n---\n")
        #expect(page == nil)
        #expect(messages == [
            "articles/a.md:2:8: error: 'title' must be text",
            "articles/a.md:3:7: error: 'date' is not a valid date (YYYY-MM-DD): '2025-13-01'",
            "articles/a.md:4:10: error: unknown theme 'onbekend' (site.json has: crisiscommunicatie, digitale-communicatie)",
            "articles/a.md:5:9: error: 'access' must be 'members' or 'public', not 'iedereen'",
            "articles/a.md:6:7: error: 'slug' must match [a-z0-9]+(-[a-z0-9]+)*, not 'Fout'",
        ])
    }

    @Test func positionsInACRLFFileWithAByteOrderMark() {
        let (_, messages) = decodePage("\u{FEFF}---\r\ntitle: Een\r\ndate: 2025-02-30\r\nthemes: [crisiscommunicatie]\r\n---\r\n")
        #expect(messages == ["articles/a.md:3:7: error: 'date' is not a valid date (YYYY-MM-DD): '2025-02-30'"])
    }
}

@Suite struct FrontMatterDecoderWarningTests {
    @Test func typoKeyWarnsWithTheKnownKey() throws {
        let (page, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\ntheme: crisiscommunicatie\n---\n", path: "blogs/b.md", kind: .blog)
        #expect(messages == ["blogs/b.md:4:1: warning: unknown key 'theme'; did you mean 'themes'?"])
        // The page still builds; the key is handed on as `extra`, like any other unknown key.
        #expect(try #require(page).frontMatter.extra["theme"] == .string("crisiscommunicatie"))
    }

    @Test(arguments: [("acces", "access"), ("tag", "tags"), ("Titel", "title"), ("sumary", "summary"), ("alias", "aliases"), ("autor", "author")])
    func typoKeys(typo: String, known: String) {
        let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\n\(typo): x\n---\n", path: "blogs/b.md", kind: .blog)
        #expect(messages == ["blogs/b.md:4:1: warning: unknown key '\(typo)'; did you mean '\(known)'?"])
    }

    @Test func aKeyFarFromAnyKnownKeyIsKeptSilently() {
        let (page, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nbron: Kortom-enquête\n---\n", path: "blogs/b.md", kind: .blog)
        #expect(messages == [])
        #expect(page?.frontMatter.extra == ["bron": .string("Kortom-enquête")])
    }
}

@Suite struct FrontMatterDecoderDefaultTests {
    static let minimal = "---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\nTekst.\n"

    @Test func articlesTakeTheSiteDefaultAccess() throws {
        #expect(try #require(decodePage(Self.minimal).0).access == .members)
        var config = testConfig
        config.defaultAccess = .public
        #expect(try #require(decodePage(Self.minimal, config: config).0).access == .public)
    }

    @Test func blogPostsArePublicByDefault() throws {
        let page = try #require(decodePage(Self.minimal, path: "blogs/b.md", kind: .blog).0)
        #expect(page.access == .public)
        let members = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\naccess: members\n---\n", path: "blogs/b.md", kind: .blog).0)
        #expect(members.access == .members)
    }

    @Test func explicitAccessWins() throws {
        var config = testConfig
        config.defaultAccess = .public
        let page = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\naccess: members\n---\n", config: config).0)
        #expect(page.access == .members)
    }

    @Test(arguments: [
        ("articles/enquête-opstellen.md", "enquete-opstellen"),
        ("articles/sub/Coöperatie & Co.md", "cooperatie-co"),
        ("articles/Crisis_Plan 2025.MD", "crisis-plan-2025"),
    ])
    func slugFromTheFileName(path: String, slug: String) throws {
        let page = try #require(decodePage(Self.minimal, path: path).0)
        #expect(page.slug.rawValue == slug)
    }

    @Test func anExplicitSlugWins() throws {
        let page = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\nslug: eigen-slug\n---\n", path: "articles/enquête.md").0)
        #expect(page.slug.rawValue == "eigen-slug")
    }

    @Test func minimalFrontMatterDefaults() throws {
        let page = try #require(decodePage(Self.minimal).0)
        let frontMatter = page.frontMatter
        #expect(frontMatter.title == "Een")
        #expect(frontMatter.summary == nil)
        #expect(frontMatter.tags == [])
        #expect(frontMatter.authors == [])
        #expect(frontMatter.draft == false)
        #expect(frontMatter.aliases == [])
        #expect(frontMatter.extra == [:])
        #expect(frontMatter.updated == nil)
        #expect(frontMatter.lastModified == Day("2025-01-01"))
        #expect(page.body == "Tekst.\n")
        #expect(page.bodyFirstLine == 6)
        #expect(page.path == "articles/a.md")
        #expect(page.directory == "articles")
    }

    @Test func everyKeySet() throws {
        let page = try #require(decodePage("""
            ---
            title: "  Een titel: met dubbele punt  "
            summary: Korte samenvatting.
            themes:
              - crisiscommunicatie
              - digitale-communicatie
              - crisiscommunicatie
            tags: [Crisis, "Sociale media", crisis, "!!!"]
            access: public
            date: 2024-03-01
            updated: 2025-01-15
            review: 2026-01-15
            rewritten: 2025-02-01
            author: [An Peeters, "Jan Janssens"]
            slug: een-titel
            draft: true
            aliases: [/kortompedia/oude-titel, oud/pad/]
            ---
            Tekst.
            """).0)
        let frontMatter = page.frontMatter
        #expect(frontMatter.title == "Een titel: met dubbele punt")
        #expect(frontMatter.summary == "Korte samenvatting.")
        #expect(frontMatter.themes.map(\.rawValue) == ["crisiscommunicatie", "digitale-communicatie"])
        #expect(frontMatter.tags == ["Crisis", "Sociale media", "crisis", "!!!"])
        #expect(frontMatter.tagSlugs.map(\.rawValue) == ["crisis", "sociale-media"])
        // The slugs are kept with the tags, also when these change.
        var edited = frontMatter
        edited.tags = ["Privacy", "Crisis"]
        #expect(edited.tagSlugs.map(\.rawValue) == ["privacy", "crisis"])
        #expect(frontMatter.access == .public)
        #expect(frontMatter.date == Day("2024-03-01"))
        #expect(frontMatter.updated == Day("2025-01-15"))
        #expect(frontMatter.review == Day("2026-01-15"))
        #expect(frontMatter.rewritten == Day("2025-02-01"))
        #expect(frontMatter.lastModified == Day("2025-02-01"))
        #expect(frontMatter.authors == ["An Peeters", "Jan Janssens"])
        #expect(frontMatter.slug.rawValue == "een-titel")
        #expect(frontMatter.draft)
        #expect(frontMatter.aliases == ["kortompedia/oude-titel/", "oud/pad/"])
        #expect(frontMatter.keyLocations["aliases"] == SourceLocation(path: "articles/a.md", line: 17, column: 1))
    }

    @Test func singleValuesWhereListsAreExpected() throws {
        let page = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: crisiscommunicatie\ntags: crisis\nauthor: An Peeters\n---\n").0)
        #expect(page.frontMatter.themes.map(\.rawValue) == ["crisiscommunicatie"])
        #expect(page.frontMatter.tags == ["crisis"])
        #expect(page.frontMatter.authors == ["An Peeters"])
    }

    @Test func yamlNullsMeanAbsent() throws {
        let page = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\nsummary: ~\ntags:\nauthor: null\nupdated:\n---\n").0)
        #expect(page.frontMatter.summary == nil)
        #expect(page.frontMatter.tags == [])
        #expect(page.frontMatter.authors == [])
        #expect(page.frontMatter.updated == nil)
    }

    @Test func requiredKeysWithoutAValue() {
        let (page, messages) = decodePage("---\ntitle:\ndate: ~\nthemes:\n---\n")
        #expect(page == nil)
        #expect(messages == [
            "articles/a.md:2:1: error: 'title' is empty",
            "articles/a.md:3:1: error: 'date' is empty",
            "articles/a.md:4:1: error: an article needs at least one theme",
        ])
    }

    /// YAML's plain booleans (any case of true/false, yes/no, on/off) set `draft`; quoted,
    /// they are text, and text is not a flag.
    @Test(arguments: [
        ("true", true), ("True", true), ("yes", true), ("ON", true), ("false", false), ("No", false), ("off", false),
    ])
    func draftTakesYAMLBooleans(value: String, draft: Bool) throws {
        let page = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ndraft: \(value)\n---\n").0)
        #expect(page.frontMatter.draft == draft)
        for quoted in ["'\(value)'", "\"\(value)\""] {
            let (_, messages) = decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ndraft: \(quoted)\n---\n")
            #expect(messages == ["articles/a.md:5:8: error: 'draft' must be true or false"])
        }
    }

    /// Keys are compared as text: `true` and `yes` are two keys, not one boolean twice.
    @Test func keysThatLookLikeBooleansAreText() throws {
        let page = try #require(decodePage("---\ntitle: Een\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\ntrue: a\nyes: b\n~: c\n---\n").0)
        #expect(page.frontMatter.extra["true"] == .string("a"))
        #expect(page.frontMatter.extra["yes"] == .string("b"))
        #expect(page.frontMatter.extra["~"] == .string("c"))
    }

    @Test func quotedNullIsText() throws {
        let page = try #require(decodePage("---\ntitle: \"null\"\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\nsummary: '~'\n---\n").0)
        #expect(page.frontMatter.title == "null")
        #expect(page.frontMatter.summary == "~")
    }

    @Test func extraKeysAreKept() throws {
        let page = try #require(decodePage("""
            ---
            title: Een
            date: 2025-01-01
            themes: [crisiscommunicatie]
            bron: Kortom
            cijfers: [1, 2, drie]
            contact: {naam: An, tel: "012"}
            ---
            """).0)
        let extra = page.frontMatter.extra
        #expect(extra["bron"] == .string("Kortom"))
        #expect(extra["cijfers"] == .list([.string("1"), .string("2"), .string("drie")]))
        #expect(extra["contact"] == .map(["naam": .string("An"), "tel": .string("012")]))
        #expect(extra["cijfers"]?.text == "1, 2, drie")
        #expect(extra["contact"]?.text == "naam: An; tel: 012")
        #expect(extra.count == 3)
    }
}
