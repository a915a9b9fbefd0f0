import Foundation
import KortompediaCore
import KortompediaSite
import KortompediaSource
import Testing

@Suite struct LinkResolutionTests {
    @Test func everyLinkFormOfTheGuide() throws {
        let (site, diagnostics) = try resolve(fixtureSite("links"))
        #expect(diagnostics == [])
        let page = try #require(site.page("articles/gids.md"))
        #expect(targets(page.membersHTML) == [
            "../../kortompedia/buur/",  // [de buur](buur.md)
            "../../kortompedia/buur/#tweede-kop",  // buur.md#tweede-kop
            "../../kortompedia/diep/",  // sub/diep.md
            "../../blog/post/#nieuws",  // ../blogs/post.md#nieuws
            "../../kortompedia/buur/",  // [[buur]]
            "../../kortompedia/buur/",  // [[buur|eigen tekst]]
            "../../kortompedia/buur/#tweede-kop",  // [[buur#tweede-kop]]
            "../../blog/post/",  // [[post]]
            "#verderop",  // (#verderop)
            "#verderop",  // (gids.md#verderop): a link to the page itself
            "../../kortompedia/buur/",  // [de buur][buur]
            "../../kortompedia/gids/img/schema.svg",  // ![het schema][schema]
            "../../kortompedia/gids/img/schema.svg",  // ![Schema](img/schema.svg)
            "../../kortompedia/gids/bestanden/checklist.txt",
            "https://www.kortom.be/",
            "mailto:info@kortom.be",
        ])
        #expect(page.publicHTML == page.membersHTML)
    }

    @Test func labelsTitlesAndMarkers() throws {
        let (site, _) = try resolve(fixtureSite("links"))
        let html = try #require(site.page("articles/gids.md")).membersHTML
        #expect(html.contains(#"wiki: <a href="../../kortompedia/buur/">De buur</a>"#))
        #expect(html.contains(#"wiki met tekst: <a href="../../kortompedia/buur/">eigen tekst</a>"#))
        #expect(html.contains(#"wiki naar een blog: <a href="../../blog/post/">Een blogpost</a>"#))
        #expect(html.contains(#"<a href="../../kortompedia/buur/" title="De buur">de buur</a>"#))
        #expect(html.contains(#"<img src="../../kortompedia/gids/img/schema.svg" alt="het schema" loading="lazy">"#))
        #expect(html.contains(#"<a href="https://www.kortom.be/" class="external" rel="noopener">Kortom<span class="visually-hidden"> (externe link)</span></a>"#))
        #expect(html.contains(#"<a href="mailto:info@kortom.be">mail ons</a>"#))
        #expect(html.contains("<code>[[buur]]</code>"))
        #expect(html.contains("<pre><code>[niet](nergens.md) [[nergens]]\n</code></pre>"))
    }

    @Test func linksFromASubFolderAndFromABlogPost() throws {
        let (site, _) = try resolve(fixtureSite("links"))
        let deep = targets(try #require(site.page("articles/sub/diep.md")).membersHTML)
        #expect(deep.count == 3)
        #expect(deep.prefix(2) == ["../../kortompedia/gids/", "../../blog/post/"])
        // An image outside the page's folder is copied next to the page under a digest folder.
        #expect(deep[2].hasPrefix("../../kortompedia/diep/bestanden-") && deep[2].hasSuffix("/schema.svg"))
        #expect(targets(try #require(site.page("blogs/post.md")).membersHTML) == ["../../kortompedia/gids/", "../../kortompedia/gids/#verderop"])
    }

    @Test func aFileUsedByTwoPagesIsCopiedNextToEach() throws {
        let (site, _) = try resolve(fixtureSite("links"))
        for audience in Audience.allCases {
            let copies = site.view(for: audience).attachmentCopies
            #expect(copies.count == 3)
            #expect(copies["kortompedia/gids/img/schema.svg"] == "articles/img/schema.svg")
            #expect(copies["kortompedia/gids/bestanden/checklist.txt"] == "articles/bestanden/checklist.txt")
            let deep = copies.keys.filter { $0.hasPrefix("kortompedia/diep/") }
            #expect(deep.count == 1)
            #expect(deep.first.flatMap { copies[$0] } == "articles/img/schema.svg")
        }
    }

    @Test func backlinksInTitleOrderOncePerPage() throws {
        let (site, _) = try resolve(fixtureSite("links"))
        let view = site.view(for: .members)
        #expect(view.page("articles/gids.md")?.backlinks.map(\.title) == ["De buur", "Diep in een map", "Een blogpost"])
        #expect(view.page("articles/buur.md")?.backlinks.map(\.title) == ["De gids"])
        #expect(view.page("blogs/post.md")?.backlinks.map(\.title) == ["De gids", "Diep in een map"])
        #expect(view.page("articles/gids.md")?.backlinks.map(\.sitePath) == ["kortompedia/buur/", "kortompedia/diep/", "blog/post/"])
    }

    @Test func percentEncodedPathsAndOwnFragments() throws {
        let site = try TemporarySite([
            "articles/met spatie.md": article("Met spatie", "themes: [t1]\nslug: spatie", body: "## Kop\n"),
            "articles/a.md": article("A", body: "[x](met%20spatie.md#kop) [y](./met%20spatie.md) [z](a.md) [w](<met spatie.md>)\n"),
        ])
        let (resolved, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [])
        #expect(targets(try #require(resolved.page("articles/a.md")).membersHTML) == [
            "../../kortompedia/spatie/#kop", "../../kortompedia/spatie/", "../../kortompedia/a/", "../../kortompedia/spatie/",
        ])
    }

    @Test func siteAbsoluteAndOtherSchemesAreLeftAsWritten() throws {
        let site = try TemporarySite([
            "articles/a.md": article("A", body: "[c](/contact/) [t](tel:+3212345678) [h](HTTPS://EXAMPLE.ORG/x) [q](?q=1)\n")
        ])
        let (resolved, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [])
        let html = try #require(resolved.page("articles/a.md")).membersHTML
        #expect(targets(html) == ["/contact/", "tel:+3212345678", "HTTPS://EXAMPLE.ORG/x", "?q=1"])
        #expect(html.contains(#"<a href="HTTPS://EXAMPLE.ORG/x" class="external" rel="noopener">"#))
    }
}

@Suite struct BrokenLinkTests {
    @Test func everyProblemWithItsExactPosition() throws {
        let sources = try SourceTreeLoader(root: fixtureSite("invalid-links")).load()
        #expect(sources.diagnostics.isEmpty)
        let (_, diagnostics) = SiteResolver().resolve(sources)
        #expect(diagnostics.sorted().map(\.description) == [
            "articles/a.md:7:5: error: broken link 'bestaat-niet.md': articles/bestaat-niet.md does not exist (or is a draft)",
            "articles/a.md:7:44: error: broken link 'b.md#geen-kop': articles/b.md has no heading 'geen-kop'",
            "articles/a.md:9:5: error: broken link '[[onbekend]]': no article or blog post has slug 'onbekend'",
            "articles/a.md:9:31: error: broken link '[[b#ook-geen]]': articles/b.md has no heading 'ook-geen'",
            "articles/a.md:9:57: error: ambiguous wiki link '[[dubbel]]': both articles/dubbel.md and blogs/dubbel.md have slug 'dubbel'",
            "articles/a.md:11:1: error: missing image 'img/weg.png': articles/img/weg.png does not exist",
            "articles/a.md:11:24: error: broken link 'bestanden/weg.pdf': articles/bestanden/weg.pdf does not exist",
            "articles/a.md:13:1: error: broken link '#nergens': no heading 'nergens' on this page",
            "articles/a.md:13:19: error: broken link '../../buiten.md': it points outside the site's articles and blogs",
            "articles/a.md:13:48: error: unsafe link 'javascript:alert(1)'",
            "articles/b.md:5:1: error: alias '/themas/crisis/' collides with a page of the site",
            "articles/c.md:5:1: error: duplicate slug 'b': also used by articles/b.md",
            "articles/c.md:6:1: error: alias '/kortompedia/a/' collides with a page of the site",
            "articles/c.md:6:1: error: alias '/oud/b/' is also claimed by articles/b.md",
            "blogs/dubbel.md:6:5: error: broken link '../blogs/weg.md#kop': blogs/weg.md does not exist (or is a draft)",
        ])
    }

    @Test func anArticleAndABlogPostMayShareASlug() throws {
        let site = try TemporarySite([
            "articles/verkiezingen.md": article("Verkiezingen", body: "[blog](../blogs/verkiezingen.md)\n"),
            "blogs/verkiezingen.md": article("Verkiezingen (blog)", "", body: "[artikel](../articles/verkiezingen.md)\n"),
        ])
        let (_, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [])
    }

    @Test func twoArticlesMayNotShareASlug() throws {
        let site = try TemporarySite([
            "articles/a.md": article("A"),
            "articles/sub/a.md": article("A bis"),
        ])
        let (_, diagnostics) = try resolve(site.url)
        #expect(diagnostics == ["articles/sub/a.md:1:1: error: duplicate slug 'a': also used by articles/a.md"])
    }

    @Test func aliasesMayNotTakeTheSearchFolder() throws {
        let site = try TemporarySite(["articles/a.md": article("A", "themes: [t1]\naliases: [zoeken/index]")])
        let (_, diagnostics) = try resolve(site.url)
        #expect(diagnostics == ["articles/a.md:5:1: error: alias '/zoeken/index/' collides with a page of the site"])
    }

    /// Without `allowRawHTML` every piece of raw HTML is left out, and the editor hears where:
    /// in a paragraph, as a block, and in a table cell (parsed apart from the paragraph it was).
    /// Footnote problems are warnings at the file's lines; a footnote's link is checked like any
    /// other, and a footnote of a members-only page links on to its own body only.
    @Test func footnoteProblemsAreWarningsAndTheirLinksAreChecked() throws {
        let body = """
            Een bewering[^bron] en een vergeten noot[^weg].

            [^bron]: Zie [het andere artikel](b.md) en [[nergens]].
            [^over]: Niet gebruikt.

            """
        let site = try TemporarySite(["articles/a.md": article("A", body: body), "articles/b.md": article("B")])
        let (resolved, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [
            "articles/a.md:6:41: warning: footnote '[^weg]' has no definition: add a line '[^weg]: …' after the text",
            "articles/a.md:8:44: error: broken link '[[nergens]]': no article or blog post has slug 'nergens'",
            "articles/a.md:9:1: warning: footnote '[^over]' is never referred to: it is left out",
        ])
        let html = try #require(resolved.page("articles/a.md")).membersHTML
        #expect(html.contains("<li id=\"fn:1\">\n<p>Zie <a href=\"../../kortompedia/b/\">het andere artikel</a> en <span class=\"broken-link\">nergens</span>."))
    }

    @Test func imagesWithoutAltAndVagueLinkTextsAreWarnings() throws {
        let site = try TemporarySite([
            "articles/a.md": article("A", body: "Lees [hier](b.md).\n\n![](img/s.svg)\n"),
            "articles/b.md": article("B"), "articles/img/s.svg": "<svg/>",
        ])
        let (_, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [
            "articles/a.md:6:6: warning: link text 'hier' does not say where the link leads: screen readers list a page's links by their text; name the destination instead",
            "articles/a.md:8:1: warning: image 'img/s.svg' has no alt text: screen readers skip it; write what it shows between the brackets: ![…](img/s.svg)",
        ])
    }

    @Test func rawHTMLIsLeftOutWithAWarningWhereItStands() throws {
        let body = """
            Regel een<br>regel twee.

            <div class="kader">
            Blok
            </div>

            | Kolom | Andere |
            |---|---|
            | regel<br/>twee | <b>vet</b> en <span title="een heel lange titel die hier te lang is">x</span> |

            """
        let site = try TemporarySite(["articles/a.md": article("A", body: body)])
        let (resolved, diagnostics) = try resolve(site.url)
        let note = #"(site.json has "allowRawHTML": false)"#
        #expect(diagnostics == [
            "articles/a.md:6:10: warning: raw HTML left out: '<br>' \(note)",
            "articles/a.md:8:1: warning: raw HTML left out: '<div class=\"kader\">' \(note)",
            "articles/a.md:14:8: warning: raw HTML left out: '<br/>' \(note)",
            "articles/a.md:14:20: warning: raw HTML left out: '<b>' \(note)",
            "articles/a.md:14:26: warning: raw HTML left out: '</b>' \(note)",
            "articles/a.md:14:34: warning: raw HTML left out: '<span title=\"een heel lange titel die hi…' \(note)",
            "articles/a.md:14:90: warning: raw HTML left out: '</span>' \(note)",
        ])
        let html = try #require(resolved.page("articles/a.md")).membersHTML
        #expect(!html.contains("<br"))
        #expect(!html.contains("raw HTML omitted"))
        #expect(html.contains("<td>regeltwee</td>"))
    }

    @Test func rawHTMLIsKeptWhenAllowed() throws {
        let site = try TemporarySite(
            ["articles/a.md": article("A", body: "Regel<br>twee.\n\n| a |\n|---|\n| b<br>c |\n")],
            siteJSON: #"{"title": "T", "baseURL": "/", "allowRawHTML": true, "defaultAccess": "public", "themes": [{"slug": "t1"}]}"#)
        let (resolved, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [])
        let html = try #require(resolved.page("articles/a.md")).membersHTML
        #expect(html.contains("<p>Regel<br>twee.</p>"))
        #expect(html.contains("<td>b<br>c</td>"))
    }

    @Test func brokenLinksCanBeWarningsForDrafting() throws {
        let site = try TemporarySite(
            [
                "articles/a.md": article("A", body: "[x](weg.md), [[weg]], [y](b.md#geen) en ![z](weg.png).\n"),
                "articles/b.md": article("B"),
            ],
            siteJSON: #"{"title": "T", "baseURL": "/", "brokenLinks": "warn", "defaultAccess": "public", "themes": [{"slug": "t1"}]}"#)
        let (resolved, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [
            "articles/a.md:6:1: warning: broken link 'weg.md': articles/weg.md does not exist (or is a draft)",
            "articles/a.md:6:14: warning: broken link '[[weg]]': no article or blog post has slug 'weg'",
            "articles/a.md:6:23: warning: broken link 'b.md#geen': articles/b.md has no heading 'geen'",
            "articles/a.md:6:41: warning: missing image 'weg.png': articles/weg.png does not exist",
        ])
        let html = try #require(resolved.page("articles/a.md")).membersHTML
        #expect(html == #"<p><span class="broken-link">x</span>, <span class="broken-link">weg</span>, <a href="../../kortompedia/b/#geen">y</a> en <span class="broken-link">z</span>.</p>"# + "\n")
    }
}
