import Foundation
import KortompediaCore
@testable import KortompediaRender
import KortompediaSite
import KortompediaSource
import Testing

@Suite struct SiteRendererTests {
    @Test func theFilesOfABuild() throws {
        let members = try render("basic", for: .members)
        #expect(members.files.map(\.path).sorted() == [
            "404.html", "blog/index.html", "blog/welkom/index.html", "feed.xml", "index.html",
            "kortompedia/crisisdraaiboek/index.html", "kortompedia/index.html", "kortompedia/nieuwsbrief/index.html",
            "kortompedia/woordvoering/index.html", "tags/crisis/index.html", "tags/draaiboek/index.html",
            "tags/e-mail/index.html", "tags/index.html", "tags/nieuws/index.html", "tags/nieuwsbrief/index.html",
            "tags/pers/index.html", "themas/crisiscommunicatie/index.html", "themas/digitale-communicatie/index.html",
            "themas/index.html", "zoeken/index.html",
        ])
        let publicFiles = try render("basic", for: .public).files.map(\.path).sorted()
        #expect(publicFiles == (members.files.map(\.path) + ["sitemap.xml"]).sorted())
    }

    @Test func copies() throws {
        let members = try render("audiences", for: .members)
        #expect(members.copies.map(\.destination) == [
            "assets/style.css",
            "kortompedia/geheim/bestanden/nota.txt", "kortompedia/geheim/img/geheim.svg", "kortompedia/open/img/open.svg",
        ])
        #expect(members.copies.map(\.source) == [
            "theme/assets/style.css", "articles/bestanden/nota.txt", "articles/img/geheim.svg", "articles/img/open.svg",
        ])
        let publicCopies = try render("audiences", for: .public).copies.map(\.destination)
        #expect(publicCopies == ["assets/style.css", "kortompedia/open/img/open.svg"])
        #expect(try render("basic", for: .public).copies.map(\.destination) == ["assets/style.css", "robots.txt"])
    }

    @Test func aTeaserHoldsTheTitleTheSummaryAndTheWayIn() throws {
        let site = try render("audiences", for: .public)
        let teaser = try #require(site.text("kortompedia/geheim/index.html"))
        #expect(teaser.contains("<h1>Geheim artikel</h1>"))
        #expect(teaser.contains(#"<p class="summary">Alleen deze samenvatting is openbaar.</p>"#))
        #expect(teaser.contains(#"<a href="https://example.org/login">aanmelden</a> <a href="https://example.org/lid-worden">lid worden</a>"#))
        #expect(!teaser.contains("geheime"))
        #expect(!teaser.contains("Interne nota"))
        #expect(!teaser.contains("min</p>"))  // no reading time: it comes from the body
        let untitled = try #require(site.text("kortompedia/zonder-samenvatting/index.html"))
        #expect(!untitled.contains(#"class="summary""#))
        #expect(untitled.contains(#"<meta name="description" content="">"#))
    }

    @Test func noFileOfThePublicBuildHoldsMembersOnlyText() throws {
        let site = try render("audiences", for: .public)
        for file in site.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            for secret in ["geheime", "ledenversie", "ledendag", "Interne nota", "werkwijze", "geheim.svg", "nota.txt"] {
                #expect(!text.contains(secret), "\(file.path) holds '\(secret)'")
            }
        }
    }

    @Test func redirectPagesForAliases() throws {
        let site = try render("links", for: .public)
        let redirect = try #require(site.text("oud/gids/index.html"))
        #expect(redirect.contains(#"<meta http-equiv="refresh" content="0; url=../../kortompedia/gids/">"#))
        #expect(site.text("kortompedia/de-gids/index.html")?.contains(#"url=../../kortompedia/gids/""#) == true)
    }

    @Test func feedAndSitemap() throws {
        let site = try render("audiences", for: .public)
        let feed = try #require(site.text("feed.xml"))
        #expect(feed.contains("<title>Geheim artikel</title>"))
        #expect(feed.contains("<summary>Alleen deze samenvatting is openbaar.</summary>"))
        #expect(feed.contains(#"<category term="alleen-voor-leden" label="Alleen voor leden"/>"#))
        #expect(!feed.contains("ledenversie"))
        let sitemap = try #require(site.text("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/kortompedia/geheim/</loc><lastmod>2024-06-01</lastmod>"))
        #expect(try render("audiences", for: .members).text("sitemap.xml") == nil)
    }

    @Test func theInjectedScriptGoesBeforeTheEndOfTheBody() throws {
        let site = try render("basic", for: .members, injectedScript: "<script>reload()</script>")
        let page = try #require(site.text("kortompedia/nieuwsbrief/index.html"))
        #expect(page.contains("<script>reload()</script></body>"))
    }

    @Test func theSecondAudienceReusesOnlyCardsThatAreTheSame() throws {
        // One renderer for both audiences, as a build has, against a renderer of its own. In
        // "audiences", a members-only article without a summary of its own has its summary
        // from its body in the members build and none in the public one.
        let sources = try SourceTreeLoader(root: fixtureSite("audiences")).load()
        let (site, _) = SiteResolver().resolve(sources)
        let theme = try fixtureTheme()
        let membersView = site.view(for: .members), publicView = site.view(for: .public)
        let derived = try #require(membersView.pages.first { $0.ref.sitePath == "kortompedia/zonder-samenvatting/" })
        #expect(derived.ref.summary != nil)
        #expect(publicView.pages.first { $0.ref.sitePath == "kortompedia/zonder-samenvatting/" }?.ref.summary == nil)
        for workers in [1, 2] {
            let shared = SiteRenderer(theme: theme, workers: workers)
            let members = shared.render(membersView)
            let publicSite = shared.render(publicView)
            #expect(members.files == SiteRenderer(theme: theme, workers: workers).render(membersView).files)
            #expect(publicSite.files == SiteRenderer(theme: theme, workers: workers).render(publicView).files)
            let index = try #require(publicSite.text("kortompedia/index.html"))
            #expect(!index.contains(try #require(derived.ref.summary)))
        }
    }

    @Test func cardsAreKeptByEveryFieldOfThePage() {
        let cache = CardCache()
        func ref(summary: String?) -> PageRef {
            PageRef(
                kind: .article, slug: Slug(slugifying: "a"), title: "A", sitePath: "kortompedia/a/", summary: summary, access: .members,
                themes: [], date: Day(year: 2025, month: 1, day: 1)!, lastModified: Day(year: 2025, month: 1, day: 1)!)
        }
        let titles = [Slug(slugifying: "t"): "T"]
        cache.add([(ref: ref(summary: "uit de tekst"), depth: 2, html: "<li>A</li>")], themeTitles: titles)
        #expect(cache.cards(for: [ref(summary: "uit de tekst")], depth: 2, themeTitles: titles) == ["<li>A</li>"])
        #expect(cache.cards(for: [ref(summary: "uit de tekst")], depth: 1, themeTitles: titles) == [nil])
        #expect(cache.cards(for: [ref(summary: nil)], depth: 2, themeTitles: titles) == [nil])
        // Other theme titles: another site, and nothing of the first is kept.
        #expect(cache.cards(for: [ref(summary: "uit de tekst")], depth: 2, themeTitles: [:]) == [nil])
        #expect(cache.cards(for: [ref(summary: "uit de tekst")], depth: 2, themeTitles: titles) == [nil])
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let a = try render("links", for: .members), b = try render("links", for: .members)
        #expect(a.files == b.files)
        #expect(a.copies == b.copies)
    }
}

@Suite struct ThemeTests {
    @Test func missingTemplatesAreReportedTogether() throws {
        let root = try TemporaryFolder()
        try root.write("theme/templates/base.mustache", "{{$main}}{{/main}}")
        try root.write("theme/templates/home.mustache", "home")
        #expect {
            try Theme.load(from: root.url)
        } throws: { error in
            (error as? DiagnosticsError)?.description == [
                "theme/templates/404.mustache: error: missing template '404'",
                "theme/templates/article.mustache: error: missing template 'article'",
                "theme/templates/blog.mustache: error: missing template 'blog'",
                "theme/templates/card.mustache: error: missing template 'card'",
                "theme/templates/list.mustache: error: missing template 'list'",
                "theme/templates/redirect.mustache: error: missing template 'redirect'",
                "theme/templates/search.mustache: error: missing template 'search'",
                "theme/templates/teaser.mustache: error: missing template 'teaser'",
                "theme/templates/themes.mustache: error: missing template 'themes'",
            ].joined(separator: "\n")
        }
    }

    @Test func aTemplateErrorHasItsPosition() throws {
        let root = try TemporaryFolder()
        try FileManager.default.copyItem(at: fixtureSite("_theme"), to: root.url.appendingPathComponent("theme"))
        try root.write("theme/templates/teaser.mustache", "<h1>{{page.title}}</h1>\n{{#page.hasSummary}}\n<p>{{page.summary}}</p>\n")
        #expect {
            try Theme.load(from: root.url)
        } throws: { error in
            let text = (error as? DiagnosticsError)?.description ?? ""
            return text.hasPrefix("theme/templates/teaser.mustache:") && text.contains("error: template error")
        }
    }

    @Test func assetsAreListedSorted() throws {
        #expect(try fixtureTheme().assets == ["style.css"])
    }

    @Test func valuesAreEscaped() throws {
        let root = try TemporaryFolder()
        try root.write("site.json", #"{"title": "T <b>&", "baseURL": "/", "defaultAccess": "public", "themes": [{"slug": "t"}]}"#)
        try root.write("articles/a.md", "---\ntitle: \"<script>alert('x')</script> & co\"\nthemes: [t]\ndate: 2025-01-01\n---\nTekst.\n")
        try FileManager.default.copyItem(at: fixtureSite("_theme"), to: root.url.appendingPathComponent("theme"))
        let sources = try SourceTreeLoader(root: root.url).load()
        let (site, _) = SiteResolver().resolve(sources)
        let rendered = SiteRenderer(theme: try Theme.load(from: root.url)).render(site.view(for: .public))
        let page = try #require(rendered.text("kortompedia/a/index.html"))
        #expect(page.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h1>"))
        #expect(!page.contains("<script>"))
        #expect(rendered.text("feed.xml")?.contains("<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</title>") == true)
    }
}

@Suite struct TemplateValueTests {
    @Test func emptyTextIsFalseInSections() throws {
        let members = try render("basic", for: .members)
        #expect(members.text("kortompedia/nieuwsbrief/index.html")?.contains("canonical") == false)
        let publicSite = try render("basic", for: .public)
        #expect(publicSite.text("kortompedia/nieuwsbrief/index.html")?.contains(#"<link rel="canonical" href="https://example.org/basis/kortompedia/nieuwsbrief/">"#) == true)
        // The article index has no kicker; the tag overview's entries have no description.
        #expect(publicSite.text("kortompedia/index.html")?.contains("<p>Alle kennisartikels van Kortompedia, het laatst bijgewerkt eerst. · 3</p>") == true)
        #expect(publicSite.text("tags/index.html")?.contains(#"<li><a href="../tags/crisis/">Crisis</a> 2</li>"#) == true)
        #expect(publicSite.text("themas/index.html")?.contains(#"<a href="../themas/crisiscommunicatie/">Crisiscommunicatie</a> 2 – Als het misloopt.</li>"#) == true)
    }

    /// `page.tocItems` is the default theme's loop over `page.toc`, made in Swift: the same
    /// bytes, escaping included.
    @Test func tocItemsAreTheLoopOverTocReady() throws {
        let root = try TemporaryFolder()
        try root.write("site.json", #"{"title": "T", "baseURL": "/", "defaultAccess": "public", "themes": [{"slug": "t"}]}"#)
        try root.write("articles/a.md", """
            ---
            title: A
            themes: [t]
            date: 2025-01-01
            ---
            ## Wat & waarom: `<b>` en `"aanhalingstekens"`

            Tekst.

            ### Wie`'`s aan zet?

            #### Te diep voor de inhoud

            ## Wat & waarom: `<b>` en `"aanhalingstekens"`

            """)
        try FileManager.default.copyItem(at: fixtureSite("_theme"), to: root.url.appendingPathComponent("theme"))
        try root.write("theme/templates/article.mustache", ##"{{{page.tocItems}}}|{{#page.toc}}<li{{#isSub}} class="toc-sub"{{/isSub}}><a href="#{{id}}">{{text}}</a></li>{{/page.toc}}"##)
        let (site, _) = SiteResolver().resolve(try SourceTreeLoader(root: root.url).load())
        let page = try #require(SiteRenderer(theme: try Theme.load(from: root.url)).render(site.view(for: .public)).text("kortompedia/a/index.html"))
        let halves = page.split(separator: "|", omittingEmptySubsequences: false)
        #expect(halves.count == 2)
        #expect(halves.first == halves.last)
        #expect(halves.first == """
            <li><a href="#wat-waarom-b-en-aanhalingstekens">Wat &amp; waarom: &lt;b&gt; en &quot;aanhalingstekens&quot;</a></li>\
            <li class="toc-sub"><a href="#wies-aan-zet">Wie&#39;s aan zet?</a></li>\
            <li><a href="#wat-waarom-b-en-aanhalingstekens-2">Wat &amp; waarom: &lt;b&gt; en &quot;aanhalingstekens&quot;</a></li>
            """)
    }

    @Test func emptyTextIsTrueInInvertedSections() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: fixtureSite("_theme"), to: folder.url.appendingPathComponent("theme"))
        try folder.write("theme/templates/404.mustache", "{{^canonical}}geen{{/canonical}}|{{#canonical}}{{canonical}}{{/canonical}}|{{description}}")
        let sources = try SourceTreeLoader(root: fixtureSite("basic")).load()
        let (site, _) = SiteResolver().resolve(sources)
        let theme = try Theme.load(from: folder.url)
        #expect(SiteRenderer(theme: theme).render(site.view(for: .members)).text("404.html") == "geen||Een kleine testsite.")
        #expect(SiteRenderer(theme: theme).render(site.view(for: .public)).text("404.html") == "|https://example.org/basis/|Een kleine testsite.")
    }
}
