import Foundation
import CCmark
import KortompediaCore
@testable import KortompediaMarkdown
import Testing

/// One example of the GFM spec: the Markdown and the HTML it must give.
struct SpecExample: CustomTestStringConvertible, Sendable {
    var number: Int
    var line: Int
    var markdown: String
    var html: String
    var testDescription: String { "example \(number) (line \(line))" }

    /// The ```` ```example table ```` blocks of `Tests/Fixtures/gfm/gfm-spec-tables.md`, where
    /// `→` stands for a tab.
    static func load(filePath: String = #filePath) -> [SpecExample] {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gfm/gfm-spec-tables.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var current: (line: Int, lines: [String])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line == fence + " example table" {
                current = (index + 1, [])
            } else if line == fence, let example = current {
                let dot = example.lines.firstIndex(of: ".") ?? example.lines.count
                let markdown = example.lines[..<dot].map { $0 + "\n" }.joined()
                let html = example.lines[min(dot + 1, example.lines.count)...].map { $0 + "\n" }.joined()
                examples.append(SpecExample(
                    number: examples.count + 1, line: example.line,
                    markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                    html: html.replacingOccurrences(of: "→", with: "\t")))
                current = nil
            } else if current != nil {
                current!.lines.append(String(line))
            }
        }
        return examples
    }
}

@Suite struct GFMTableSpecTests {
    @Test func theSpecFileHoldsTheTableExamples() {
        #expect(SpecExample.load().count == 8)
    }

    @Test(arguments: SpecExample.load())
    func example(_ example: SpecExample) {
        let document = MarkdownDocument(example.markdown, options: MarkdownOptions(path: "spec.md", smartPunctuation: false))
        let html = document.renderHTML { _ in .internal(href: "") }
        #expect(normalisedHTML(html) == normalisedHTML(example.html))
    }
}

@Suite struct PipeTableTests {
    @Test func cellsAreInlineMarkdownAndLinksInThemAreCollected() {
        let document = parse("| Naam | Link |\n| :--- | ---: |\n| *schuin* | [buur](buur.md) |\n", firstLine: 10)
        #expect(normalisedHTML(render(document)) == #"<table><thead><tr><th align="left">Naam</th><th align="right">Link</th></tr></thead><tbody><tr><td align="left"><em>schuin</em></td><td align="right"><a href="buur.md">buur</a></td></tr></tbody></table>"#)
        #expect(document.links.map(\.destination) == ["buur.md"])
    }

    @Test func aTableAfterAParagraphLineKeepsTheParagraph() {
        let document = parse("Cijfers per jaar:\n| Jaar | Aantal |\n| --- | --- |\n| 2024 | 12 |\n")
        #expect(normalisedHTML(render(document)) == "<p>Cijfers per jaar:</p><table><thead><tr><th>Jaar</th><th>Aantal</th></tr></thead><tbody><tr><td>2024</td><td>12</td></tr></tbody></table>")
    }

    @Test func aTableInsideABlockQuote() {
        let document = parse("> | a | b |\n> | - | - |\n> | 1 | 2 |\n")
        #expect(normalisedHTML(render(document)) == "<blockquote><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></blockquote>")
    }

    @Test func cellTextThatLooksLikeABlockStaysInline() {
        let document = parse("| a | b |\n| - | - |\n| # geen kop | 1. geen lijst |\n")
        #expect(normalisedHTML(render(document)) == "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td># geen kop</td><td>1. geen lijst</td></tr></tbody></table>")
    }

    @Test func aSetextHeadingIsNotATable() {
        let document = parse("Kop\n---\n\nTekst | met pijp\n")
        #expect(normalisedHTML(render(document)) == ##"<h2 id="kop">Kop<a class="heading-anchor" href="#kop" aria-label="Link naar deze kop">#</a></h2><p>Tekst | met pijp</p>"##)
    }

    @Test func tableTextIsSearchable() {
        let document = parse("| Jaar | Aantal |\n| --- | --- |\n| 2024 | twaalf |\n")
        #expect(document.plainText == "Jaar Aantal\n2024 twaalf\n")
        #expect(document.wordCount == 4)
    }

    /// Words of neighbouring cells and rows stay apart, whatever the cells hold: search, excerpts
    /// and reading times see them as words of their own.
    @Test func cellsAndRowsAreSeparatedInPlainText() {
        let document = parse("""
            Inleiding.

            | Strategie | Nieuwsbrief | Klacht |
            |---|:-:|---|
            | [buur](buur.md) en **vet** | `code` | [[gids]] |
            | | leeg ervoor | |
            | laatste rij |

            Slot.
            """)
        #expect(document.plainText == "Inleiding.\nStrategie Nieuwsbrief Klacht\nbuur en vet code gids\nleeg ervoor\nlaatste rij\nSlot.\n")
        #expect(document.wordCount == 14)
    }
}

@Suite struct PipeTablePositionTests {
    @Test func linksInCellsKeepTheirSourcePositions() {
        let document = parse("Tekst.\n\n| Artikel | Meer |\n| --- | --- |\n| [buur](buur.md) | zie [[gids]] |\n|   ![x](x.png) | `[[code]]` |\n", firstLine: 10)
        #expect(linkPositions(document) == ["14:3 link buur.md", "14:25 wiki gids", "15:5 image x.png"])
    }

    @Test func linksInTheHeaderRowAndInABlockQuote() {
        let document = parse("> | [[a]] | b |\n> | - | - |\n> | c | \\| [d](d.md) |\n", firstLine: 3)
        #expect(linkPositions(document) == ["3:5 wiki a", "5:12 link d.md"])
    }

    @Test func cellsThatStartLikeABlockAndTheLinesBeforeTheTable() {
        let document = parse("Zie [[a]] en\n[b](b.md):\n| x | y |\n| - | - |\n| 1. [c](c.md) | # [[d]] |\n")
        #expect(linkPositions(document) == ["1:5 wiki a", "2:1 link b.md", "5:6 link c.md", "5:20 wiki d"])
        #expect(normalisedHTML(render(document)) == "<p>Zie <a href=\"a\">a</a> en\n<a href=\"b.md\">b</a>:</p>" + #"<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td>1. <a href="c.md">c</a></td><td># <a href="d">d</a></td></tr></tbody></table>"#)
    }
}

/// Cells of plain words skip cmark (`InlineFragment.isPlainText`): for any text it lets
/// through, the one text node it makes must render as cmark's parse of the cell does.
@Suite struct PlainCellTests {
    @Test func plainCellsRenderAsCmarkParsesThem() {
        var generator = SplitMix64(seed: 7)
        // Letters, digits, blanks, the punctuation the fast path allows and the characters it
        // must refuse (emphasis, code, links, escapes, entities, HTML, quotes, dashes, dots).
        let alphabet = Array("aZé9 ,:;/()%?+=#@.-'\"*_`[]!<>&\\~ë—\u{00A0}1")
        var plain = 0
        for _ in 0..<6000 {
            let length = 1 + Int(generator.next() % 12)
            var text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            for smart in [false, true] where InlineFragment.isPlainText(text, smart: smart) {
                plain += 1
                #expect(html(InlineFragment.parse(text, smart: smart).0) == html(InlineFragment.parseWithCmark(text, smart: smart).0),
                        "\(text.debugDescription) smart: \(smart)")
            }
        }
        #expect(plain > 300)
    }

    @Test func markupAndSmartPunctuationGoThroughCmark() {
        for text in ["*a*", "a_b", "a `b`", "[a](b)", "a\\b", "a &amp; b", "a <b>", "1. a", "# a", "- a", "> a", "a!"] {
            #expect(!InlineFragment.isPlainText(text, smart: false), "\(text)")
        }
        for text in ["pagina's", "a -- b", "a...", "a \"b\""] {
            #expect(InlineFragment.isPlainText(text, smart: false), "\(text)")
            #expect(!InlineFragment.isPlainText(text, smart: true), "\(text)")
        }
        #expect(InlineFragment.isPlainText("e-mails (2024): 87 %", smart: true))
        #expect(!InlineFragment.isPlainText("87 % van de e-mails", smart: false), "a digit first may start an ordered list")
    }

    /// The nodes as the HTML of one paragraph (they are freed with it).
    private func html(_ nodes: [CmarkNode]) -> String {
        let document = cmark_node_new(CMARK_NODE_DOCUMENT)!
        let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
        cmark_node_append_child(document, paragraph)
        for node in nodes { cmark_node_append_child(paragraph, node) }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
