import KortompediaCore
import KortompediaMarkdown
import Testing

/// Images without alt text and links whose text names no destination: what a screen-reader
/// user misses, reported where it stands.
@Suite struct AccessibilityNoteTests {
    private func notes(_ markdown: String) -> [String] {
        parse(markdown, firstLine: 3).accessibilityNotes.map { "\($0.location.line):\($0.location.column) \($0.kind.code.rawValue) \($0.subject)" }
    }

    @Test func imagesWithoutAltText() {
        #expect(notes("![](img/a.png) en ![ ](img/b.png)\n\n![Schema van de kanalen](img/c.png)\n") == [
            "3:1 image-alt img/a.png",
            "3:19 image-alt img/b.png",
        ])
    }

    @Test func linkTextsThatNameNoDestination() {
        let markdown = """
            Het plan staat [hier](plan.md). [Klik hier](b.md), [Lees meer…](c.md) of [[persbericht|hier]].
            [Meer informatie:](d.md) en [website](https://www.kortom.be).

            Goed: [het crisisplan](plan.md), [hier staat het plan](plan.md), <https://www.kortom.be>, [*hier* het plan](e.md), [[persbericht]].

            """
        #expect(notes(markdown) == [
            "3:16 link-text hier",
            "3:33 link-text Klik hier",
            "3:52 link-text Lees meer…",
            "3:76 link-text hier",  // columns count bytes: … is three
            "4:1 link-text Meer informatie:",
            "4:29 link-text website",
        ])
    }

    /// Emphasis or code does not make a text say more: `[*hier*]` is `hier`.
    @Test func formattedLinkTextsAreReadByTheirText() {
        #expect(notes("Zie [*hier*](e.md), [**Lees** meer](f.md) of [`hier`](g.md); [[persbericht|*klik hier*]].\n") == [
            "3:5 link-text hier",
            "3:21 link-text Lees meer",
            "3:46 link-text hier",
            "3:62 link-text klik hier",
        ])
    }

    @Test func theMessagesSayWhatToDo() {
        let document = parse("[hier](a.md) ![](img/a.png)\n")
        #expect(document.accessibilityNotes.map(\.message) == [
            "link text 'hier' does not say where the link leads: screen readers list a page's links by their text; name the destination instead",
            "image 'img/a.png' has no alt text: screen readers skip it; write what it shows between the brackets: ![…](img/a.png)",
        ])
    }
}
