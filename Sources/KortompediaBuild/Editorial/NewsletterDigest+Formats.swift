import Foundation
import KortompediaCore

extension NewsletterDigest {
    /// The sections in the order the newsletter shows them, without the empty ones.
    var sections: [(heading: String, items: [Item])] {
        [("Nieuwe artikels", newArticles), ("Bijgewerkte artikels", updatedArticles), ("Op de blog", blogPosts)]
            .filter { !$0.1.isEmpty }
    }

    /// "van 1 oktober 2026 tot en met 31 oktober 2026".
    var periodText: String { "van \(period.from.dutchDescription) tot en met \(period.to.dutchDescription)" }

    /// What the newsletter says when there is nothing new.
    static let nothingText = "Niets nieuw in deze periode."

    /// The line under an item's title: its themes and what happened when.
    static func detail(of item: Item) -> String {
        let what = switch item.event {
        case .new: "gepubliceerd op"
        case .updated: "bijgewerkt op"
        case .rewritten: "herschreven op"
        }
        let themes = item.themes.isEmpty ? "" : item.themes.joined(separator: ", ") + " · "
        return themes + what + " " + item.day.dutchDescription
    }

    /// Markdown to paste into a newsletter tool or to read: a heading with the period, a
    /// section per kind of news, each page a list item with its link, summary and detail line.
    public func markdown() -> String {
        var lines = ["# \(escapeMarkdown(siteTitle)): nieuw \(periodText)", ""]
        if isEmpty { lines += [Self.nothingText, ""] }
        for section in sections {
            lines += ["## \(section.heading)", ""]
            for item in section.items {
                let badge = item.membersOnly ? " (alleen voor leden)" : ""
                // A backslash at the end of a line is a line break within the item.
                lines.append("- [\(escapeMarkdown(item.title))](<\(item.url)>)\(badge)\\")
                if let summary = item.summary { lines.append("  \(escapeMarkdown(summary))\\") }
                lines.append("  *\(escapeMarkdown(Self.detail(of: item)))*")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// An HTML fragment for the body of an e-mail: inline styles only (mail programs drop style
    /// sheets), no script, no image, every link absolute.
    public func html() -> String {
        let audienceText = audience == .members ? "voor leden" : "voor iedereen"
        var html = """
            <!-- \(escape(siteTitle)), nieuwsbrief \(audienceText): \(escape(periodText)) -->
            <div style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">
            <h1 style="font-size: 22px; margin: 0 0 16px;">\(escape(siteTitle)): nieuw \(escape(periodText))</h1>

            """
        if isEmpty { html += "<p style=\"margin: 0 0 16px;\">\(Self.nothingText)</p>\n" }
        for section in sections {
            html += "<h2 style=\"font-size: 18px; margin: 24px 0 8px;\">\(escape(section.heading))</h2>\n"
            html += "<ul style=\"margin: 0; padding-left: 20px;\">\n"
            for item in section.items {
                html += "<li style=\"margin: 0 0 12px;\"><a href=\"\(escape(item.url))\" style=\"color: #0b5cad; font-weight: bold;\">\(escape(item.title))</a>"
                if item.membersOnly {
                    html += " <span style=\"font-size: 13px; color: #6b3e00; background: #fff1d6; padding: 1px 6px;\">Alleen voor leden</span>"
                }
                if let summary = item.summary { html += "<br>\(escape(summary))" }
                html += "<br><span style=\"font-size: 14px; color: #555555;\">\(escape(Self.detail(of: item)))</span></li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</div>\n"
    }

    /// The digest as JSON (keys sorted), for a newsletter tool's import.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, days and arrays of them cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// `text` with the characters that Markdown would read as syntax escaped, also a list
    /// marker it starts with (`- …`, `+ …`, `1. …`), which would start a list of its own.
    func escapeMarkdown(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        if let first = escaped.first, first == "-" || first == "+" { return "\\" + escaped }
        let digits = escaped.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let marker = escaped.dropFirst(digits.count).first, marker == "." || marker == ")" {
            return digits + "\\" + escaped.dropFirst(digits.count)
        }
        return escaped
    }
}
