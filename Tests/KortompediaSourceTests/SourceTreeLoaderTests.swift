import Foundation
import KortompediaCore
import KortompediaSource
import Testing

@Suite struct SourceTreeLoaderTests {
    @Test func theBasicFixtureSite() throws {
        let sources = try SourceTreeLoader(root: fixtureSite("basic")).load()
        #expect(sources.diagnostics.map(\.description) == [])
        // Sorted by path, sub-folders included, articles before blogs, the draft left out.
        #expect(sources.pages.map(\.path) == [
            "articles/crisis/draaiboek.md",
            "articles/nieuwsbrief.md",
            "articles/woordvoering.md",
            "blogs/welkom.md",
        ])
        #expect(sources.pages.map(\.kind) == [.article, .article, .article, .blog])
        #expect(sources.pages.map(\.slug.rawValue) == ["crisisdraaiboek", "nieuwsbrief", "woordvoering", "welkom"])
        #expect(sources.attachments == [])
        #expect(sources.staticFiles == ["robots.txt"])
        #expect(sources.config.title == "Basis")
    }

    @Test func draftsAreLoadedWhenAskedFor() throws {
        let sources = try SourceTreeLoader(root: fixtureSite("basic"), includeDrafts: true).load()
        #expect(sources.pages.map(\.path).contains("articles/concept.md"))
        #expect(sources.pages.count == 5)
    }

    @Test func loadingOnSeveralWorkersGivesTheSameResult() throws {
        let one = try SourceTreeLoader(root: fixtureSite("links"), workers: 1).load()
        let four = try SourceTreeLoader(root: fixtureSite("links"), workers: 4).load()
        #expect(one.pages == four.pages)
        #expect(one.attachments == four.attachments)
    }

    @Test func attachmentsAreListedSorted() throws {
        let sources = try SourceTreeLoader(root: fixtureSite("links")).load()
        #expect(sources.attachments == ["articles/bestanden/checklist.txt", "articles/img/schema.svg"])
    }

    @Test func everyBadFileIsReportedAndTheGoodOnesAreKept() throws {
        let site = try TemporaryFolder()
        try site.write("site.json", minimalSiteJSON)
        let good = "---\ntitle: Goed\ndate: 2025-01-01\nthemes: [crisiscommunicatie]\n---\nTekst.\n"
        try site.write("articles/b-goed.md", good)
        try site.write("articles/a-leeg.md", "")
        try site.write("articles/c-binair.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])
        try site.write("articles/d-latin1.md", bytes: Array("---\ntitle: Goed\ndate: 2025-01-01\n".utf8) + [0x74, 0xE9, 0x0A] + Array("---\n".utf8))
        try site.write("articles/e-geen-front-matter.md", "# Kop\n\nTekst.\n")
        try site.write("articles/f-niet-gesloten.md", "---\ntitle: Open\n\nTekst.\n")
        try site.write("articles/.verborgen.md", "niet gelezen")
        try site.write("articles/sub/diep/g.md", good)
        try site.write("blogs/crlf.md", "\u{FEFF}---\r\ntitle: CRLF\r\ndate: 2025-01-01\r\n---\r\nRegel\r\n")
        let sources = try SourceTreeLoader(root: site.url).load()
        #expect(sources.diagnostics.sorted().map(\.description) == [
            "articles/a-leeg.md: error: file is empty: a page needs front matter with 'title' and 'date'",
            "articles/c-binair.md: error: not a text file (it holds NUL bytes)",
            "articles/d-latin1.md:4:1: error: file is not valid UTF-8",
            "articles/e-geen-front-matter.md:1:1: error: missing front matter: the first line must be '---'",
            "articles/f-niet-gesloten.md:1:1: error: front matter is not closed: no '---' line after the opening one",
        ])
        #expect(sources.pages.map(\.path) == ["articles/b-goed.md", "articles/sub/diep/g.md", "blogs/crlf.md"])
        let blog = try #require(sources.pages.last)
        #expect(blog.body == "Regel\n")
        #expect(blog.bodyFirstLine == 5)
    }

    @Test func aFileThatIsJustAnOpeningFence() throws {
        let site = try TemporaryFolder()
        try site.write("site.json", minimalSiteJSON)
        try site.write("articles/a.md", "---")
        let sources = try SourceTreeLoader(root: site.url).load()
        #expect(sources.diagnostics.map(\.description) == ["articles/a.md:1:1: error: front matter is not closed: no '---' line after the opening one"])
    }

    @Test func aMissingSiteJSONStopsTheLoad() throws {
        let site = try TemporaryFolder()
        #expect {
            try SourceTreeLoader(root: site.url).load()
        } throws: { error in
            (error as? DiagnosticsError)?.description == "site.json: error: cannot read site.json (is this a Kortompedia site folder?)"
        }
    }

    @Test func anInvalidSiteJSONStopsTheLoadWithItsPosition() throws {
        let site = try TemporaryFolder()
        try site.write("site.json", "{\n  \"title\": \"T\",\n  \"baseURL\": \"https://example.org/\",\n  \"themes\": [],\n  \"defaultAccess\": \"iedereen\"\n}\n")
        #expect {
            try SourceTreeLoader(root: site.url).load()
        } throws: { error in
            (error as? DiagnosticsError)?.description == "site.json:5:20: error: 'defaultAccess' must be 'members' or 'public'"
        }
    }

    @Test func missingFoldersAreEmpty() throws {
        let site = try TemporaryFolder()
        try site.write("site.json", minimalSiteJSON)
        let sources = try SourceTreeLoader(root: site.url).load()
        #expect(sources.pages.isEmpty)
        #expect(sources.diagnostics.isEmpty)
    }

    @Test func excludedFoldersAreNotRead() throws {
        let site = try TemporaryFolder()
        try site.write("site.json", minimalSiteJSON)
        try site.write("static/robots.txt", "User-agent: *\n")
        try site.write("static/_site/public/index.html", "<p>oud</p>")
        let sources = try SourceTreeLoader(root: site.url, excludedFolders: ["static/_site"]).load()
        #expect(sources.staticFiles == ["robots.txt"])
    }
}
