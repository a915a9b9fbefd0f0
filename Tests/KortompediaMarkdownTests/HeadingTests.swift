import KortompediaCore
import KortompediaMarkdown
import Testing

@Suite struct HeadingTests {
    @Test func idsAreSlugsOfTheText() {
        let document = parse("# Enquête & Coöperatie\n\n## Wat is *echt* `belangrijk`?\n\n### 5 tips\n")
        #expect(document.headings.map(\.id) == ["enquete-cooperatie", "wat-is-echt-belangrijk", "5-tips"])
        #expect(document.headings.map(\.text) == ["Enquête & Coöperatie", "Wat is echt belangrijk?", "5 tips"])
        #expect(document.headings.map(\.level) == [1, 2, 3])
    }

    @Test func repeatedHeadingsGetNumberedIds() {
        let document = parse("## Valkuilen\n\n## Valkuilen\n\n## Valkuilen 2\n\n## Valkuilen\n\n## Valkuilen-2\n")
        let ids = document.headings.map(\.id)
        #expect(ids == ["valkuilen", "valkuilen-2", "valkuilen-2-2", "valkuilen-3", "valkuilen-2-3"])
        #expect(Set(ids).count == ids.count)
    }

    @Test func headingsWithoutLettersGetAFallbackId() {
        let document = parse("## !!!\n\n## ???\n\n## Kop\n")
        #expect(document.headings.map(\.id) == ["kop", "kop-2", "kop-3"])
    }

    @Test func idsAreStableWhenOtherHeadingsChange() {
        let before = parse("## Inleiding\n\n## Aanpak\n\n## Valkuilen\n\n## Checklist\n")
        let after = parse("## Een nieuwe inleiding\n\n## Aanpak in stappen\n\n## Valkuilen\n\n## Extra\n\n## Checklist\n")
        let id = { (document: MarkdownDocument, text: String) in document.headings.first { $0.text == text }?.id }
        #expect(id(before, "Valkuilen") == id(after, "Valkuilen"))
        #expect(id(before, "Checklist") == id(after, "Checklist"))
    }

    @Test func headingLocationsAreFileLines() {
        let document = parse("Tekst.\n\n## Kop\n\nMeer.\n\n  ### Ingesprongen\n", firstLine: 8)
        #expect(document.headings.map(\.location.description) == ["articles/a.md:10:1", "articles/a.md:14:3"])
    }

    @Test func headingsRenderWithIdAndSelfLink() {
        let html = render(parse("## Wat & waarom\n"))
        #expect(html == "<h2 id=\"wat-waarom\">Wat &amp; waarom<a class=\"heading-anchor\" href=\"#wat-waarom\" aria-label=\"Link naar deze kop\">#</a></h2>\n")
    }

    @Test func setextHeadings() {
        let document = parse("Titel\n=====\n\nOndertitel\n----------\n")
        #expect(document.headings.map(\.id) == ["titel", "ondertitel"])
        #expect(document.headings.map(\.level) == [1, 2])
    }

    @Test func tableOfContentsHoldsLevelsTwoAndThree() {
        let document = parse("# Titel\n\n## Een\n\n### Een.a\n\n#### Diep\n\n## Twee\n")
        #expect(document.tableOfContents.map(\.id) == ["een", "een-a", "twee"])
    }
}

@Suite struct TextTests {
    @Test func sectionsFollowTheHeadings() {
        let document = parse("Intro met **nadruk**.\n\n## Eerste\n\nTekst een.\n\n- punt\n- `code`\n\n## Tweede\n\n```\nlet x = 1\n```\n")
        #expect(document.sections == [
            TextSection(headingID: nil, heading: nil, text: "Intro met nadruk.\n"),
            TextSection(headingID: "eerste", heading: "Eerste", text: "Tekst een.\npunt\ncode\n"),
            TextSection(headingID: "tweede", heading: "Tweede", text: "let x = 1\n"),
        ])
    }

    @Test func firstParagraphIsTheFirstTopLevelParagraph() {
        #expect(parse("## Kop\n\n> Citaat.\n\n- lijst\n\nDe eerste *echte*\nalinea.\n\nTweede.\n").firstParagraph == "De eerste echte alinea.")
        #expect(parse("## Alleen een kop\n").firstParagraph == "")
    }

    @Test func wordCount() {
        #expect(parse("Een twee drie.\n\n## Vier\n\nvijf zes\n").wordCount == 5)
    }

    @Test func wikiLinkLabelsCountAsText() {
        let document = parse("Lees [[crisisplan|het draaiboek]] en [tekst](a.md).\n")
        #expect(document.firstParagraph == "Lees het draaiboek en tekst.")
    }

    @Test func aBareWikiLinkCountsAsTheTitleOfItsTarget() {
        let titles = ["crisisplan": "Een crisisplan"]
        let document = MarkdownDocument(
            "Lees [[crisisplan#valkuilen]] en [[onbekend]].\n\n## Zie [[crisisplan]]\n",
            options: MarkdownOptions(path: "articles/a.md"), wikiTitle: { titles[$0] })
        #expect(document.firstParagraph == "Lees Een crisisplan en onbekend.")
        #expect(document.headings.map(\.text) == ["Zie Een crisisplan"])
        // The id comes from the slug: it must not change when the other page is renamed.
        #expect(document.headings.map(\.id) == ["zie-crisisplan"])
        #expect(document.sections.last?.heading == "Zie Een crisisplan")
    }

    @Test func aBareWikiLinkCountsAsItsSlug() {
        // The target's title is only known when rendering; the slug keeps the text readable.
        let document = parse("Lees [[crisisplan#valkuilen]] en [[woordvoering]] eerst.\n\n## Zie [[crisisplan]]\n")
        #expect(document.firstParagraph == "Lees crisisplan en woordvoering eerst.")
        #expect(document.wordCount == 5)
        #expect(document.headings.map(\.id) == ["zie-crisisplan"])
    }
}
