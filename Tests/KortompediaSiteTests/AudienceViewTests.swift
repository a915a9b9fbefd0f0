import Foundation
import KortompediaCore
import KortompediaMarkdown
import KortompediaSite
import Testing

@Suite struct AudienceViewTests {
    static let secrets = [
        "Deze zin over de geheime werkwijze",
        "Een tweede geheime zin",
        "Een eerste alinea die in de ledenversie",
        "jaarlijkse ledendag",
        "Interne nota van de raad",
        "werkwijze",
        "geheim.svg",
        "nota.txt",
    ]

    @Test func aPublicLinkToAMembersOnlyHeadingPointsAtTheTeaserWithoutFragment() throws {
        let (site, diagnostics) = try resolve(fixtureSite("audiences"))
        #expect(diagnostics == [])
        let page = try #require(site.page("articles/open.md"))
        let publicHTML = try #require(page.publicHTML)
        #expect(targets(publicHTML) == [
            "../../kortompedia/geheim/", "../../kortompedia/geheim/", "../../kortompedia/geheim/", "../../kortompedia/geheim/",
            "../../kortompedia/zonder-samenvatting/", "../../kortompedia/open/img/open.svg",
        ])
        #expect(publicHTML.contains(#"wiki met kop: <a href="../../kortompedia/geheim/" class="members-only">Geheim artikel<span class="visually-hidden"> (alleen voor leden)</span></a>"#))
        #expect(publicHTML.contains(#"wiki met tekst: <a href="../../kortompedia/geheim/" class="members-only">het artikel voor leden<span class="visually-hidden"> (alleen voor leden)</span></a>"#))
        #expect(!publicHTML.contains("werkwijze"))
        // Members follow the link to the heading, without the members-only marker.
        #expect(targets(page.membersHTML).prefix(2) == ["../../kortompedia/geheim/#werkwijze", "../../kortompedia/geheim/#werkwijze"])
        #expect(!page.membersHTML.contains("members-only"))
    }

    @Test func membersOnlyPagesHaveNoPublicHTML() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        #expect(site.page("articles/geheim.md")?.publicHTML == nil)
        #expect(site.page("articles/zonder-samenvatting.md")?.publicHTML == nil)
        #expect(site.page("blogs/ledennieuws.md")?.publicHTML == nil)
        #expect(site.page("blogs/aankondiging.md")?.publicHTML != nil)
    }

    @Test func teasersCarryFrontMatterFactsOnly() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        let view = site.view(for: .public)
        let teaser = try #require(view.page("articles/geheim.md"))
        #expect(teaser.isTeaser)
        #expect(teaser.body == nil)
        #expect(teaser.extra.isEmpty)
        #expect(teaser.frontMatter.extra.isEmpty)
        #expect(teaser.ref.summary == "Alleen deze samenvatting is openbaar.")
        #expect(teaser.ref.access == .members)
        #expect(teaser.ref.sitePath == "kortompedia/geheim/")
        let untitled = try #require(view.page("articles/zonder-samenvatting.md"))
        #expect(untitled.isTeaser)
        #expect(untitled.ref.summary == nil)
        let blog = try #require(view.page("blogs/ledennieuws.md"))
        #expect(blog.isTeaser)
        #expect(blog.ref.summary == nil)

        let members = site.view(for: .members)
        #expect(members.page("articles/geheim.md")?.extra == ["bron": .string("Interne nota van de raad")])
        #expect(members.page("articles/zonder-samenvatting.md")?.ref.summary == "Een eerste alinea die in de ledenversie als samenvatting dient maar publiek nooit mag lekken.")
        #expect(members.pages.allSatisfy { !$0.isTeaser })
    }

    @Test func backlinksFromMembersOnlyBodiesAreNotInThePublicView() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        #expect(site.view(for: .members).page("articles/open.md")?.backlinks.map(\.title) == ["Aankondiging", "Geheim artikel"])
        #expect(site.view(for: .public).page("articles/open.md")?.backlinks.map(\.title) == ["Aankondiging"])
        // Links from public pages to a teaser are public knowledge.
        #expect(site.view(for: .public).page("articles/geheim.md")?.backlinks.map(\.title) == ["Aankondiging", "Open artikel"])
        #expect(site.view(for: .members).page("articles/geheim.md")?.backlinks.map(\.title) == ["Aankondiging", "Open artikel", "Zonder samenvatting"])
    }

    @Test func filesOnlyMembersOnlyPagesUseAreNotInThePublicView() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        #expect(site.view(for: .public).attachmentCopies == ["kortompedia/open/img/open.svg": "articles/img/open.svg"])
        #expect(site.view(for: .members).attachmentCopies == [
            "kortompedia/open/img/open.svg": "articles/img/open.svg",
            "kortompedia/geheim/img/geheim.svg": "articles/img/geheim.svg",
            "kortompedia/geheim/bestanden/nota.txt": "articles/bestanden/nota.txt",
        ])
    }

    @Test func listsShowMembersOnlyPagesWithTheirSafeSummary() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        let view = site.view(for: .public)
        #expect(view.articlesByRecency.map(\.title) == ["Open artikel", "Geheim artikel", "Zonder samenvatting"])
        #expect(view.articlesByRecency.map(\.summary) == ["Voor iedereen.", "Alleen deze samenvatting is openbaar.", nil])
        #expect(view.tags.map(\.slug.rawValue) == ["gedeeld", "intern"])
        #expect(view.tags.map { $0.pages.map(\.title) } == [["Open artikel", "Geheim artikel"], ["Geheim artikel", "Zonder samenvatting"]])
        #expect(view.themes.first?.articles.count == 3)
        #expect(view.themes.first?.blogs.map(\.title) == ["Aankondiging"])
    }

    @Test func nothingOfAMembersOnlyBodyIsInThePublicView() throws {
        let (site, _) = try resolve(fixtureSite("audiences"))
        let view = site.view(for: .public)
        var texts: [String] = []
        func add(_ ref: PageRef) { texts += [ref.title, ref.summary ?? "", ref.sitePath] }
        for page in view.pages {
            add(page.ref)
            page.backlinks.forEach(add)
            page.related.forEach(add)
            texts += page.extra.values.map(\.text)
            if let body = page.body {
                texts.append(body.html)
                texts += body.sections.flatMap { [$0.heading ?? "", $0.text, $0.headingID ?? ""] }
                texts += body.headings.flatMap { [$0.text, $0.id] }
            }
        }
        texts += view.tags.flatMap { $0.pages.map { $0.summary ?? "" } }
        texts += view.themes.flatMap { ($0.articles + $0.blogs).map { $0.summary ?? "" } }
        texts += Array(view.attachmentCopies.keys) + Array(view.attachmentCopies.values)
        for secret in Self.secrets {
            #expect(!texts.contains { $0.contains(secret) }, "public view holds '\(secret)'")
        }
        // The members view holds them all (so the check above is not vacuous).
        let members = site.view(for: .members)
        let membersText = members.pages.compactMap(\.body?.html).joined() + members.pages.flatMap { $0.extra.values.map(\.text) }.joined()
        for secret in Self.secrets where secret != "Een eerste alinea die in de ledenversie" {
            #expect(membersText.contains(secret), "members view lacks '\(secret)'")
        }
    }

    @Test func viewsAreTheSameOnOneWorkerAndOnFour() throws {
        let (one, _) = try resolve(fixtureSite("audiences"), workers: 1)
        let (four, _) = try resolve(fixtureSite("audiences"), workers: 4)
        #expect(one.pages.map(\.membersHTML) == four.pages.map(\.membersHTML))
        #expect(one.pages.map(\.publicHTML) == four.pages.map(\.publicHTML))
    }

    /// A `PageRef` is a shared object, but compares and hashes as the value it holds: two
    /// references built apart are equal when every field is, and unequal when any one differs.
    @Test func pageRefsCompareByValue() throws {
        func ref(title: String = "Titel", summary: String? = "Kort", themes: [String] = ["a"], lastModified: String = "2025-02-01") -> PageRef {
            PageRef(
                kind: .article, slug: Slug(validating: "titel")!, title: title, sitePath: "kortompedia/titel/", summary: summary,
                access: .members, themes: themes.map { Slug(validating: $0)! }, date: Day("2025-01-01")!, lastModified: Day(lastModified)!)
        }
        let a = ref(), b = ref()
        #expect(a !== b)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        for other in [ref(title: "Ander"), ref(summary: nil), ref(themes: ["a", "b"]), ref(lastModified: "2025-03-01")] {
            #expect(a != other)
        }
    }
}

@Suite struct RelatedPagesTests {
    /// Scores for `x`: ab 4 (two shared tags), l 3 (x links to it), a1 3 (a tag and a theme),
    /// back 3 (it links to x), t1b and t1 1 (a theme), none 0; ties go to the most recent.
    static let files = [
        "articles/x.md": article("X", "themes: [t1]\ntags: [a, b]", body: "[[l]]\n"),
        "articles/l.md": article("L", "themes: [t2]", date: "2025-01-03"),
        "articles/ab.md": article("AB", "themes: [t2]\ntags: [A, B]", date: "2020-01-01"),
        "articles/a1.md": article("A1", "themes: [t1]\ntags: [a]", date: "2025-01-02"),
        "articles/back.md": article("Back", "themes: [t2]", date: "2025-01-01", body: "[[x]]\n"),
        "articles/t1b.md": article("T1b", "themes: [t1]", date: "2024-06-01"),
        "articles/t1.md": article("T1", "themes: [t1]", date: "2024-01-01"),
        "articles/none.md": article("None", "themes: [t2]", date: "2026-01-01"),
        "blogs/blog.md": article("Blog", "tags: [a, b]", date: "2026-01-01", body: "[[x]]\n"),
    ]

    @Test func weightsAndOrder() throws {
        let site = try TemporarySite(Self.files)
        let (resolved, diagnostics) = try resolve(site.url)
        #expect(diagnostics == [])
        let view = resolved.view(for: .members)
        #expect(view.page("articles/x.md")?.related.map(\.title) == ["AB", "L", "A1", "Back", "T1b"])
        #expect(view.page("blogs/blog.md")?.related == [])
        #expect(view.pages.allSatisfy { $0.related.count <= 5 })
        #expect(view.pages.allSatisfy { page in !page.related.contains { $0.sitePath == page.ref.sitePath } })
    }

    @Test func deterministic() throws {
        let site = try TemporarySite(Self.files)
        let first = try resolve(site.url, workers: 1).0.view(for: .members).pages.map { $0.related.map(\.sitePath) }
        for _ in 0..<3 {
            #expect(try resolve(site.url, workers: 3).0.view(for: .members).pages.map { $0.related.map(\.sitePath) } == first)
        }
    }

    @Test func linksFromMembersOnlyBodiesDoNotCountInThePublicView() throws {
        let site = try TemporarySite([
            "articles/x.md": article("X", "themes: [t1]\naccess: public"),
            "articles/geheim.md": article("Geheim", "themes: [t2]\naccess: members", body: "[[x]]\n"),
        ])
        let (resolved, _) = try resolve(site.url)
        #expect(resolved.view(for: .members).page("articles/x.md")?.related.map(\.title) == ["Geheim"])
        #expect(resolved.view(for: .public).page("articles/x.md")?.related.map(\.title) == [])
    }
}

@Suite struct SummaryTests {
    @Test func cut() {
        #expect(CompiledPage.cut("Kort.") == "Kort.")
        #expect(CompiledPage.cut("een  twee\ndrie") == "een twee drie")
        let long = Array(repeating: "woord", count: 60).joined(separator: " ")
        let cut = CompiledPage.cut(long)
        #expect(cut.hasSuffix("woord…"))
        #expect(cut.count <= 201)
        #expect(CompiledPage.cut("aaa bbb, ccc", near: 8) == "aaa bbb…")
        #expect(CompiledPage.cut(String(repeating: "x", count: 300), near: 10) == "xxxxxxxxxx…")
    }

    /// `cut` looks only at the words it may keep; it gives what cutting the whole text gave.
    @Test func cutMatchesCuttingTheWholeText() {
        func wholeTextCut(_ text: String, near limit: Int) -> String {
            let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
            guard collapsed.count > limit else { return collapsed }
            var result = ""
            for word in collapsed.split(separator: " ") {
                if result.count + word.count + 1 > limit { break }
                result += result.isEmpty ? String(word) : " " + word
            }
            if result.isEmpty { result = String(collapsed.prefix(limit)) }
            while let last = result.last, ",;:.-–".contains(last) { result.removeLast() }
            return result + "…"
        }
        var generator = SplitMix64(seed: 7)
        // Latin text is cut on its bytes; CR LF, combining marks, flags and the en dash need
        // graphemes. Both kinds, alone and mixed, at all lengths around the limits.
        let latin = ["een", "communicatiebeleid", "é", "ĳ", "ë", "x", ",", ".", ";", "-", " ", "  ", "\n", "\t"]
        let graphemes = ["–", "\r\n", "🇧🇪", "e\u{301}", "\u{301}", " \u{301}"]
        for (name, pieces) in [("latin", latin), ("mixed", latin + graphemes)] {
            for round in 0..<2000 {
                let count = Int(generator.next() % 120)
                let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                for limit in [1, 8, 30, 200] {
                    #expect(
                        CompiledPage.cut(text, near: limit) == wholeTextCut(text, near: limit),
                        "\(name) round \(round), limit \(limit): \(text.debugDescription)")
                }
            }
        }
    }

    @Test func theDerivedSummaryIsTheFirstParagraphCut() throws {
        let (site, _) = try resolve(fixtureSite("basic"))
        let summary = try #require(site.page("articles/nieuwsbrief.md")).derivedSummary
        #expect(summary.hasPrefix("Een nieuwsbrief wordt gelezen als hij kort is"))
        #expect(summary.hasSuffix("…"))
        #expect(summary.count <= 201)
    }
}
