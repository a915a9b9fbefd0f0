import KortompediaCore
import KortompediaMarkdown
import Testing

/// Footnotes as GitHub, Hugo and MkDocs write them: `[^label]` in the text, `[^label]: …` after
/// it, numbered in order of use and listed at the end of the body.
@Suite struct FootnoteTests {
    static func reference(_ number: Int, id: String? = nil) -> String {
        "<sup class=\"footnote-ref\"><a href=\"#fn:\(number)\" id=\"\(id ?? "fnref:\(number)")\" aria-label=\"Voetnoot \(number)\">\(number)</a></sup>"
    }

    static func backReference(_ id: String, number: Int, label: String = "", mark: String = "↩") -> String {
        "<a href=\"#\(id)\" class=\"footnote-backref\" aria-label=\"Terug naar verwijzing \(number)\(label)\">\(mark)</a>"
    }

    @Test func referencesAreNumberedInOrderOfUseAndListedAtTheEnd() {
        let document = parse("""
            Een bewering[^bron] en nog een[^1].

            [^1]: De *eerste* definitie, tweede voetnoot.
            [^bron]: Kortom, [jaarverslag](jaarverslag.md), p. 12.

            ## Verder

            Tekst.

            """)
        let html = normalisedHTML(render(document))
        #expect(html.hasPrefix("<p>Een bewering\(Self.reference(1)) en nog een\(Self.reference(2)).</p><h2 id=\"verder\">"))
        #expect(html.hasSuffix(normalisedHTML("""
            <p>Tekst.</p>
            <section class="footnotes" aria-label="Voetnoten">
            <ol>
            <li id="fn:1"><p>Kortom, <a href="jaarverslag.md">jaarverslag</a>, p. 12. \(Self.backReference("fnref:1", number: 1))</p></li>
            <li id="fn:2"><p>De <em>eerste</em> definitie, tweede voetnoot. \(Self.backReference("fnref:2", number: 2))</p></li>
            </ol>
            </section>
            """)))
        #expect(document.footnoteIssues.isEmpty)
        // The link in a footnote is a link of the page like any other, where it was written.
        #expect(linkPositions(document) == ["4:18 link jaarverslag.md"])
    }

    @Test func aFootnoteUsedTwiceLinksBackToBoth() {
        let html = normalisedHTML(render(parse("Een[^a], twee[^a].\n\n[^a]: Noot.\n")))
        #expect(html.contains("Een\(Self.reference(1)), twee\(Self.reference(1, id: "fnref:1-2"))."))
        #expect(html.contains(
            "<p>Noot. \(Self.backReference("fnref:1", number: 1, label: " (1)"))\(Self.backReference("fnref:1-2", number: 1, label: " (2)", mark: "↩2"))</p>"))
    }

    @Test func aDefinitionRunsOnOverLinesUntilTheNextOne() {
        let html = normalisedHTML(render(parse("Tekst[^1][^2].\n\n[^1]: Een noot\nover twee regels.\n[^2]:\n")))
        #expect(html.contains("<li id=\"fn:1\"><p>Een noot\nover twee regels. \(Self.backReference("fnref:1", number: 1))</p></li>"))
        #expect(html.contains("<li id=\"fn:2\"><p>\(Self.backReference("fnref:2", number: 2))</p></li>"))
    }

    @Test func problemsAreWarningsWhereTheyStand() {
        let document = parse(
            "Titel\n\nZie[^weg] en `[^code]` en [link[^in]](x.md).\n\n[^ongebruikt]: Niemand leest dit.\n[^dubbel]: Eerst dit.\n\n[^dubbel]: Tweede keer.\n[^kort]: Ibidem.\n\n[^woord]: Eenwoord.\n[^woord]: Nogmaals.\n",
            firstLine: 5)
        #expect(document.footnoteIssues.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "7:4 footnote '[^weg]' has no definition: add a line '[^weg]: …' after the text",
            "9:1 footnote '[^ongebruikt]' is never referred to: it is left out",
            "10:1 footnote '[^dubbel]' is never referred to: it is left out",
            "12:1 footnote '[^dubbel]' is defined twice: the first definition is used",
            "13:1 footnote '[^kort]' is never referred to: it is left out",
            "15:1 footnote '[^woord]' is never referred to: it is left out",
            "16:1 footnote '[^woord]' is defined twice: the first definition is used",
        ])
        let html = render(document)
        #expect(html.contains("Zie[^weg] en <code>[^code]</code>"))
        #expect(!html.contains("footnotes"))
        #expect(!html.contains("Niemand") && !html.contains("Tweede"))
    }

    /// `[^1]: Ibidem.` (one word) or `[^1]: https://…` is a link reference definition to
    /// CommonMark, which leaves no paragraph for it: it is a footnote all the same, and a URL
    /// in it a link that is checked.
    @Test func aOneWordOrURLDefinitionIsAFootnoteToo() {
        let document = parse("Een[^1] en[^url].\n\n[^1]: Ibidem.\n[^url]: https://www.kortom.be/onderzoek\n")
        let html = normalisedHTML(render(document))
        #expect(html.hasPrefix("<p>Een\(Self.reference(1)) en\(Self.reference(2)).</p>"))
        #expect(html.contains("<li id=\"fn:1\"><p>Ibidem. \(Self.backReference("fnref:1", number: 1))</p></li>"))
        #expect(html.contains("<li id=\"fn:2\"><p><a href=\"https://www.kortom.be/onderzoek\">https://www.kortom.be/onderzoek</a><a href=\"#fnref:2\""))
        #expect(document.links.map(\.destination) == ["https://www.kortom.be/onderzoek"])
        #expect(document.footnoteIssues.isEmpty)
    }

    @Test func notFootnotes() {
        for markdown in ["[^] leeg\n", "[^ spatie]\n", "Tekst [^1 ]\n", "Een [^a\nb] over regels\n", "`[^1]`\n\n[^1]: x\n"] {
            #expect(!render(parse(markdown)).contains("footnote-ref"), "\(markdown)")
        }
        // A definition starts a paragraph: one in the middle of a line is text.
        #expect(render(parse("Tekst[^1]. Zie [^1]: hier.\n")) == "<p>Tekst[^1]. Zie [^1]: hier.</p>\n")
    }

    /// Footnotes are read with the text (search, word count) but the numbers are not.
    @Test func footnoteTextIsPlainTextWithoutTheMarks() {
        let document = parse("Bewering[^1].\n\n[^1]: Bron: het *jaarverslag*.\n")
        #expect(document.plainText == "Bewering.\nBron: het jaarverslag.\n")
        #expect(document.firstParagraph == "Bewering.")
        #expect(document.wordCount == 4)
    }

    @Test func inTableCellsAndWithSmartPunctuation() {
        let document = parse("| Kanaal | Bron |\n|---|---|\n| “Pers” | cijfer[^t] |\n\nEn 'ook'[^x].\n\n[^t]: Tabelnoot.\n", smart: true)
        #expect(render(document).contains("cijfer\(Self.reference(1))"))
        #expect(document.footnoteIssues.map { "\($0.location.line):\($0.location.column) \($0.label)" } == ["5:9 x"])
    }
}
