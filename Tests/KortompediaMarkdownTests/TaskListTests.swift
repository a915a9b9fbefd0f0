import KortompediaMarkdown
import Testing

/// GitHub-style task lists: `- [ ]` and `- [x]` become checkboxes; anything else stays text.
@Suite struct TaskListTests {
    static let open = "<input type=\"checkbox\" class=\"task\" disabled>"
    static let done = "<input type=\"checkbox\" class=\"task\" checked disabled>"

    @Test func markersBecomeCheckboxes() {
        let html = normalisedHTML(render(parse("- [ ] Doelgroep bepalen\n- [x] Budget vastleggen\n- [X] Planning maken\n")))
        #expect(html == "<ul><li>\(Self.open) Doelgroep bepalen</li><li>\(Self.done) Budget vastleggen</li><li>\(Self.done) Planning maken</li></ul>")
    }

    @Test func looseAndNestedAndOrderedLists() {
        let html = normalisedHTML(render(parse("1. [ ] Eerst\n\n   - [x] daarna *dit*\n\n2. [x] Dan [[persbericht-schrijven]]\n")))
        #expect(html.contains("<li><p>\(Self.open) Eerst</p>"))
        #expect(html.contains("<li>\(Self.done) daarna <em>dit</em></li>"))
        #expect(html.contains("<li><p>\(Self.done) Dan <a href=\"persbericht-schrijven\">"))
    }

    @Test func onlyARealMarkerCounts() {
        for markdown in ["- [] leeg\n", "- [ ]zonder spatie\n", "- [y] andere letter\n", "- tekst [ ] midden\n", "[ ] geen lijst\n", "- `[ ]` code\n", "- [ ]\n"] {
            #expect(!render(parse(markdown)).contains("checkbox"), "\(markdown)")
        }
        // A defined reference named x is a link, as on GitHub.
        #expect(!render(parse("- [x] tekst\n\n[x]: https://example.org\n")).contains("checkbox"))
    }

    @Test func theMarkerIsNotText() {
        let document = parse("## Checklist\n\n- [ ] Doelgroep bepalen\n- [x] Budget\n")
        #expect(!document.plainText.contains("["))
        #expect(document.plainText.contains("Doelgroep bepalen"))
        #expect(document.wordCount == 3)  // running text: the heading is not counted
    }
}
