import KortompediaCore
import KortompediaMarkdown
import Testing

@Suite struct WikiLinkTests {
    @Test func theThreeFormsWithExactPositions() {
        let document = parse("Zie [[crisisplan]], [[crisisplan|het plan]]\nen ook [[crisisplan#valkuilen]].\n", firstLine: 7)
        #expect(linkPositions(document) == [
            "7:5 wiki crisisplan",
            "7:21 wiki crisisplan",
            "8:8 wiki crisisplan#valkuilen",
        ])
        #expect(document.links.allSatisfy { $0.location.path == "articles/a.md" })
    }

    @Test func labels() {
        let document = parse("[[crisisplan]] [[crisisplan|het plan]] [[crisisplan#valkuilen]]\n")
        let html = document.renderHTML { _ in .internal(href: "../crisisplan/", targetTitle: "Een crisisplan") }
        #expect(html == "<p><a href=\"../crisisplan/\">Een crisisplan</a> <a href=\"../crisisplan/\">het plan</a> <a href=\"../crisisplan/\">Een crisisplan</a></p>\n")
    }

    @Test func formattedLabels() {
        // cmark makes the emphasis and code before the brackets are looked at: the label is
        // in several nodes, and the link is made of them.
        let document = parse("Zie [[a|*het* plan]], [[b | de `code` ]] en [[c#kop|**vet**]].\n", firstLine: 4)
        #expect(linkPositions(document) == ["4:5 wiki a", "4:23 wiki b", "4:45 wiki c#kop"])
        #expect(render(document) == "<p>Zie <a href=\"a\"><em>het</em> plan</a>, <a href=\"b\">de <code>code</code></a> en <a href=\"c#kop\"><strong>vet</strong></a>.</p>\n")
    }

    @Test func aFormattedLabelBeforeAndAfterOtherWikiLinks() {
        let document = parse("[[x]] en [[a|*een*]] [[y|z]] [[b|_twee_ drie]]\n")
        #expect(linkPositions(document) == ["1:1 wiki x", "1:10 wiki a", "1:22 wiki y", "1:30 wiki b"])
        #expect(render(document) == "<p><a href=\"x\">x</a> en <a href=\"a\"><em>een</em></a> <a href=\"y\">z</a> <a href=\"b\"><em>twee</em> drie</a></p>\n")
    }

    @Test func aFormattedLabelStopsAtLinksBracketsAndLineEnds() {
        for markdown in ["[[a|*x*] en meer\n", "[[a|*x* [y](u) ]]\n", "[[a|*x*\nverder]]\n", "[[|*x*]]\n"] {
            #expect(parse(markdown).links.allSatisfy { $0.kind != .wiki }, "\(markdown)")
        }
        // Raw HTML is a node of its own only where it is allowed; elsewhere it was dropped already.
        #expect(parse("[[a|*x* <b>c</b>]]\n", allowRawHTML: true).links.isEmpty)
        #expect(render(parse("[[a|*x* <b>c</b>]]\n")) == "<p><a href=\"a\"><em>x</em> c</a></p>\n")
    }

    @Test func aBareWikiLinkWithoutATitleShowsTheSlug() {
        let html = parse("[[crisisplan#kop]]\n").renderHTML { _ in .broken }
        #expect(html == "<p><span class=\"broken-link\">crisisplan</span></p>\n")
    }

    @Test func blanksAroundTheSlugAndLabelAreTrimmed() {
        let document = parse("[[ crisisplan | het plan ]]\n")
        #expect(document.links.map(\.destination) == ["crisisplan"])
        #expect(render(document) == "<p><a href=\"crisisplan\">het plan</a></p>\n")
    }

    @Test func repeatedLinksOnOneLineGetTheirOwnColumns() {
        let document = parse("- [[a]] en [[a]] en [[a]]\n", firstLine: 3)
        #expect(linkPositions(document) == ["3:3 wiki a", "3:12 wiki a", "3:21 wiki a"])
    }

    @Test func columnsCountBytes() {
        let document = parse("Één enquête: [[crisisplan]]\n")
        #expect(linkPositions(document) == ["1:17 wiki crisisplan"])
    }

    @Test func insideEmphasisAndHeadings() {
        let document = parse("## Over [[crisisplan]]\n\n*zie [[woordvoering]]*\n", firstLine: 2)
        #expect(linkPositions(document) == ["2:9 wiki crisisplan", "4:6 wiki woordvoering"])
        #expect(document.headings.map(\.text) == ["Over crisisplan"])
    }

    @Test func codeSpansAndCodeBlocksAreLeftAlone() {
        let document = parse("Schrijf `[[slug]]` zo.\n\n```\n[[slug]] en [x](y.md)\n```\n\n    [[ingesprongen]]\n")
        #expect(document.links.isEmpty)
        #expect(render(document) == "<p>Schrijf <code>[[slug]]</code> zo.</p>\n<pre><code>[[slug]] en [x](y.md)\n</code></pre>\n<pre><code>[[ingesprongen]]\n</code></pre>\n")
    }

    @Test func notWikiLinks() {
        let document = parse("[[]] [[ ]] [[a [b] c]] [[open zonder einde\n")
        #expect(document.links.isEmpty)
    }

    @Test func labelsAreEscaped() {
        let document = parse("[[a|Tom & Jerry's \"x\"]]\n")
        #expect(render(document) == "<p><a href=\"a\">Tom &amp; Jerry's &quot;x&quot;</a></p>\n")
    }

    @Test func aWikiLinkInsideALinkLabelStaysText() {
        let document = parse("[zie [[a]]](b.md)\n")
        #expect(linkPositions(document) == ["1:1 link b.md"])
    }
}

@Suite struct MarkdownLinkTests {
    @Test func inlineLinksAndImagesWithPositions() {
        let document = parse("Tekst [buur](buur.md#kop \"Titel\").\n\n![Schema *mooi*](img/schema.svg)\n", firstLine: 6)
        #expect(linkPositions(document) == ["6:7 link buur.md#kop", "8:1 image img/schema.svg"])
        #expect(render(document) == "<p>Tekst <a href=\"buur.md#kop\" title=\"Titel\">buur</a>.</p>\n<p><img src=\"img/schema.svg\" alt=\"Schema mooi\" loading=\"lazy\"></p>\n")
    }

    /// cmark gives a link whose label runs over a line break the line of its closing bracket
    /// with the column of its opening one; the error must point where the link starts.
    @Test func aLinkOverALineBreakStandsWhereItStarts() {
        let document = parse(
            "Zie [een kop die\ner niet is](buur.md#kop) en [b](c.md).\n\n![Een *mooi*\nschema](img/s.svg) [*nadruk*\nhier](d.md)\n",
            firstLine: 4)
        #expect(linkPositions(document) == ["4:5 link buur.md#kop", "5:29 link c.md", "7:1 image img/s.svg", "8:20 link d.md"])
    }

    @Test func referenceStyleLinksAndImages() {
        let document = parse("Zie [de buur][buur], [buur][] en ![schema][img].\n\n[buur]: buur.md \"De buur\"\n[img]: img/schema.svg\n", firstLine: 3)
        #expect(linkPositions(document) == ["3:5 link buur.md", "3:22 link buur.md", "3:34 image img/schema.svg"])
        #expect(render(document) == "<p>Zie <a href=\"buur.md\" title=\"De buur\">de buur</a>, <a href=\"buur.md\" title=\"De buur\">buur</a> en <img src=\"img/schema.svg\" alt=\"schema\" loading=\"lazy\">.</p>\n")
    }

    @Test func percentEncodedAndAutolinks() {
        let document = parse("[a](mijn%20bestand.md) <https://www.kortom.be/> <info@kortom.be>\n")
        #expect(document.links.map(\.destination) == ["mijn%20bestand.md", "https://www.kortom.be/", "mailto:info@kortom.be"])
    }

    @Test func renderings() {
        let document = parse("[a](x) [b](y) [c](z) [d](w)\n")
        let renderings: [LinkRendering] = [
            .internal(href: "../x/", classes: ["members-only"], note: "alleen voor leden"),
            .external(href: "https://example.org/?a=1&b=2"),
            .broken,
            .internal(href: "#kop"),
        ]
        var index = 0
        let html = document.renderHTML { _ in
            defer { index += 1 }
            return renderings[index]
        }
        #expect(html == """
            <p><a href="../x/" class="members-only">a<span class="visually-hidden"> (alleen voor leden)</span></a> \
            <a href="https://example.org/?a=1&amp;b=2" class="external" rel="noopener">b<span class="visually-hidden"> (externe link)</span></a> \
            <span class="broken-link">c</span> <a href="#kop">d</a></p>

            """)
    }

    @Test func renderingTwiceGivesTheSameHTML() {
        let document = parse("[[a]] [b](c.md) ![d](e.png)\n")
        #expect(render(document) == render(document))
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let markdown = "<div class=\"x\">blok</div>\n\nTekst <b>vet</b> en <script>alert(1)</script>.\n"
        #expect(render(parse(markdown)) == "<p>Tekst vet en alert(1).</p>\n")
        #expect(render(parse(markdown, allowRawHTML: true)) == "<div class=\"x\">blok</div>\n<p>Tekst <b>vet</b> en <script>alert(1)</script>.</p>\n")
    }

    @Test func textIsEscaped() {
        #expect(render(parse("a < b & \"c\"\n")) == "<p>a &lt; b &amp; &quot;c&quot;</p>\n")
    }

    @Test func smartPunctuation() {
        #expect(render(parse("\"Hallo\" -- zei 'ze'...\n", smart: true)) == "<p>“Hallo” – zei ‘ze’…</p>\n")
    }
}

@Suite struct WikiLinkAndReferenceTests {
    @Test func aWikiLinkWhoseSlugIsAlsoAReferenceLabel() {
        let document = parse("Zie [[buur]] en [[buur]], en [buur].\n\n[buur]: buur.md\n", firstLine: 4)
        #expect(linkPositions(document) == ["4:5 wiki buur", "4:17 wiki buur", "4:30 link buur.md"])
        let html = document.renderHTML { link in .internal(href: link.destination, targetTitle: "De buur") }
        #expect(html == "<p>Zie <a href=\"buur\">De buur</a> en <a href=\"buur\">De buur</a>, en <a href=\"buur.md\">buur</a>.</p>\n")
    }

    @Test func aReferenceInSingleBracketsStaysAReference() {
        let document = parse("[a] [[b] c]\n\n[a]: a.md\n[b]: b.md\n")
        #expect(linkPositions(document) == ["1:1 link a.md", "1:6 link b.md"])
    }
}
