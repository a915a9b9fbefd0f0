import KortompediaCore
import KortompediaSite
import KortompediaSource
import Testing

@Suite struct TagSpellingsTests {
    @Test func aTagIsNamedAsMostPagesWriteIt() {
        let spellings = TagSpellings([
            (path: "articles/a.md", tags: ["sociale media", "Foto's"]),
            (path: "articles/b.md", tags: ["Sociale media"]),
            (path: "articles/c.md", tags: ["sociale media", "foto’s"]),
            (path: "blogs/d.md", tags: ["fotos"]),
        ])
        // The majority wins over the spelling that sorts first ('S' < 's').
        #expect(spellings.name(of: Slug(slugifying: "sociale media")) == "sociale media")
        // Three spellings once each: the one that sorts first.
        #expect(spellings.name(of: Slug(slugifying: "fotos")) == "Foto's")
        #expect(spellings.name(of: Slug(slugifying: "onbekend")) == nil)
        #expect(spellings.variants.map(\.slug.rawValue) == ["fotos", "sociale-media"])
        #expect(spellings.variants[0].spellings.map(\.text) == ["Foto's", "fotos", "foto’s"])
        #expect(spellings.variants[1].spellings.map(\.paths) == [["articles/a.md", "articles/c.md"], ["articles/b.md"]])
    }

    @Test func aPageCountsOncePerSpellingAndOneSpellingIsNoVariant() {
        let spellings = TagSpellings([
            (path: "articles/a.md", tags: ["Pers", "Pers", "Pers"]),
            (path: "articles/b.md", tags: ["pers"]),
            (path: "articles/c.md", tags: ["pers", "!!!"]),
        ])
        #expect(spellings.name(of: Slug(slugifying: "pers")) == "pers")
        #expect(spellings.variants.count == 1)
        #expect(spellings.variants[0].spellings.map(\.paths) == [["articles/b.md", "articles/c.md"], ["articles/a.md"]])
        #expect(TagSpellings([(path: "articles/a.md", tags: ["Pers"])]).variants.isEmpty)
    }

    /// Both audiences name a tag after every page of the site: the public view, where the
    /// members-only pages are teasers, calls it what the members view calls it.
    @Test func bothAudiencesNameATagTheSame() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        let members = site.view(for: .members).tags.map { "\($0.slug): \($0.name)" }
        #expect(site.view(for: .public).tags.map { "\($0.slug): \($0.name)" } == members)
        #expect(!members.isEmpty)
    }
}
