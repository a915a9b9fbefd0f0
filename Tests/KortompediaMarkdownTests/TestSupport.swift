import KortompediaCore
import KortompediaMarkdown

/// Parses `markdown` as the body of `articles/a.md` starting on file line `firstLine`.
func parse(_ markdown: String, firstLine: Int = 1, allowRawHTML: Bool = false, smart: Bool = false) -> MarkdownDocument {
    MarkdownDocument(markdown, options: MarkdownOptions(path: "articles/a.md", firstLine: firstLine, allowRawHTML: allowRawHTML, smartPunctuation: smart))
}

/// Renders with every link pointing at its destination as written (wiki links: `slug#kop`).
func render(_ document: MarkdownDocument) -> String {
    document.renderHTML { link in .internal(href: link.destination) }
}

/// Whitespace between tags removed and the ends trimmed, so that layout does not count.
func normalisedHTML(_ html: String) -> String {
    var out = ""
    var pendingSpace = ""
    var previous: Character?
    for character in html {
        if character == " " || character == "\n" || character == "\t" {
            pendingSpace.append(character)
            continue
        }
        if !pendingSpace.isEmpty {
            if !(previous == ">" && character == "<") && previous != nil { out += pendingSpace }
            pendingSpace = ""
        }
        out.append(character)
        previous = character
    }
    return out
}

/// Locations of links as `line:column destination`.
func linkPositions(_ document: MarkdownDocument) -> [String] {
    document.links.map { "\($0.location.line):\($0.location.column) \($0.kind.rawValue) \($0.destination)" }
}
