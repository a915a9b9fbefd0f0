import CCmark
import KortompediaCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Footnotes as GitHub, Hugo and MkDocs write them, which cmark does not know:
///
/// ```
/// Een bewering[^1] en nog een[^bron].
///
/// [^1]: De eerste voetnoot.
/// [^bron]: Kortom, *Jaarverslag 2024*, p. 12.
/// ```
///
/// A definition is a top-level paragraph that starts with `[^label]: `; it runs to the next line
/// that starts another definition, or to the paragraph's end. Definitions leave their place and
/// become a numbered list at the end of the body, in the order of their first reference, each
/// with a link back to every reference. A reference `[^label]` in running text (not in a link,
/// not in code) becomes a superscript number linking to its footnote.
///
/// Problems are reported, never fatal: a reference with no definition stays as it was written,
/// a definition no reference uses is left out, and a second definition of a label is ignored.
struct FootnoteTransformer {
    let sourceLines: SourceLines

    /// A problem found, at a line and column of the body.
    struct Issue {
        var kind: FootnoteIssue.Kind
        var label: String
        var line: Int
        var column: Int
    }

    private struct Definition {
        var paragraph: CmarkNode
        var line: Int
        var column: Int
        /// The reference ids that point here (`fnref:1`, `fnref:1-2`), in document order.
        var references: [String] = []
        var number = 0
    }

    /// Whether `bytes` may hold a footnote at all (`[^`): most bodies have none.
    static func mayHaveFootnotes(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard var base = buffer.baseAddress else { return false }
            var remaining = buffer.count
            while remaining > 1, let found = memchr(base, Int32(UInt8(ascii: "[")), remaining - 1) {
                let bracket = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if bracket[1] == UInt8(ascii: "^") { return true }
                remaining -= base.distance(to: bracket) + 1
                base = bracket + 1
            }
            return false
        }
    }

    /// Edits the tree; `walk` is `MarkdownDocument.walkWithContext` (positions mapped into table
    /// cells). Returns the problems found.
    func transform(_ root: CmarkNode, walk: ((cmark_node_type, _ isInsideLink: Bool) -> Bool) -> [NodeContext]) -> [Issue] {
        cmark_consolidate_text_nodes(root)
        // The lines blocks stand on, before the definitions' paragraphs leave the tree.
        var covered = Set<Int>()
        for block in root.children where block.startLine > 0 {
            for line in block.startLine...max(block.startLine, block.endLine) { covered.insert(line) }
        }
        var issues: [Issue] = []
        var definitions: [String: Definition] = [:]
        for block in root.children where block.type == CMARK_NODE_PARAGRAPH {
            guard let first = block.firstChild, first.type == CMARK_NODE_TEXT, Self.definitionMarker(first.literal) != nil else { continue }
            var current: String?
            var startsLine = true
            var child = block.firstChild
            while let node = child {
                child = node.next
                let isLineBreak = node.type == CMARK_NODE_SOFTBREAK
                defer { startsLine = isLineBreak }
                if startsLine, node.type == CMARK_NODE_TEXT, let (label, length) = Self.definitionMarker(node.literal) {
                    // The line break that ended the definition before this one.
                    if let current, let last = cmark_node_last_child(definitions[current]!.paragraph), last.type == CMARK_NODE_SOFTBREAK {
                        cmark_node_unlink(last)
                        cmark_node_free(last)
                    }
                    let rest = String(decoding: node.literal.utf8.dropFirst(length).drop(while: { $0 == UInt8(ascii: " ") }), as: UTF8.self)
                    let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                    if definitions[label] == nil {
                        definitions[label] = Definition(paragraph: paragraph, line: node.startLine, column: node.startColumn)
                    } else {
                        issues.append(Issue(kind: .duplicate, label: label, line: node.startLine, column: node.startColumn))
                    }
                    current = definitions[label]?.paragraph == paragraph ? label : nil
                    cmark_node_unlink(node)
                    if rest.isEmpty || current == nil {
                        cmark_node_free(node)
                    } else {
                        cmark_node_set_literal(node, rest)
                        cmark_node_append_child(paragraph, node)
                    }
                    if current == nil { cmark_node_free(paragraph) }
                } else if let current, let paragraph = definitions[current]?.paragraph {
                    cmark_node_unlink(node)
                    cmark_node_append_child(paragraph, node)
                } else {
                    // A second definition of a label goes on to the next one: dropped with it.
                    cmark_node_unlink(node)
                    cmark_node_free(node)
                }
            }
            cmark_node_unlink(block)
            cmark_node_free(block)
        }

        issues += readLinkDefinitionStyle(outside: covered, into: &definitions)

        var numbered: [String] = []
        for entry in walk({ type, isInsideLink in (type == CMARK_NODE_TEXT && !isInsideLink) || type == CMARK_NODE_LINK }) {
            if entry.node.type == CMARK_NODE_LINK {
                replaceLinkReference(entry, definitions: &definitions, numbered: &numbered)
                continue
            }
            guard let literal = cmark_node_get_literal(entry.node), strstr(literal, "[^") != nil else { continue }
            issues += replaceReferences(in: entry, definitions: &definitions, numbered: &numbered)
        }

        for (label, definition) in definitions where definition.number == 0 {
            issues.append(Issue(kind: .unused, label: label, line: definition.line, column: definition.column))
            cmark_node_free(definition.paragraph)
        }
        guard !numbered.isEmpty else { return issues }
        let section = Cmark.customBlock(enter: "<section class=\"footnotes\" aria-label=\"Voetnoten\">\n<ol>\n", exit: "</ol>\n</section>\n")
        for label in numbered {
            let definition = definitions[label]!
            let item = Cmark.customBlock(enter: "<li id=\"fn:\(definition.number)\">\n", exit: "</li>\n")
            for (index, reference) in definition.references.enumerated() {
                let which = definition.references.count == 1 ? "" : " (\(index + 1))"
                let mark = index == 0 ? "↩" : "↩\(index + 1)"
                cmark_node_append_child(definition.paragraph, Cmark.customInline(
                    enter: " <a href=\"#\(reference)\" class=\"footnote-backref\" aria-label=\"Terug naar verwijzing \(definition.number)\(which)\">\(mark)</a>",
                    exit: ""))
            }
            cmark_node_append_child(item, definition.paragraph)
            cmark_node_append_child(section, item)
        }
        cmark_node_append_child(root, section)
        return issues
    }

    /// A definition whose text is one word or a URL (`[^1]: Ibidem.`) is, to CommonMark, a link
    /// reference definition: cmark leaves no node for it, and makes each `[^1]` a link to
    /// `Ibidem.`. Such definitions are read from the source lines that no block covers (a URL
    /// becomes a link, checked like any other); their references are those links.
    private func readLinkDefinitionStyle(outside covered: Set<Int>, into definitions: inout [String: Definition]) -> [Issue] {
        var issues: [Issue] = []
        for index in 0..<sourceLines.count where !covered.contains(index + 1) {
            let bytes = sourceLines[index]
            let indent = bytes.prefix(while: { $0 == UInt8(ascii: " ") }).count
            guard indent <= 3, let (label, length) = Self.definitionMarker(String(decoding: bytes.dropFirst(indent), as: UTF8.self)) else { continue }
            let line = index + 1, column = indent + 1
            guard definitions[label] == nil else {
                issues.append(Issue(kind: .duplicate, label: label, line: line, column: column))
                continue
            }
            let text = String(decoding: bytes.dropFirst(indent + length), as: UTF8.self).trimmingBlanks()
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            let lower = text.lowercased()
            if (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !text.utf8.contains(UInt8(ascii: " ")) {
                let link = cmark_node_new(CMARK_NODE_LINK)!
                cmark_node_set_url(link, text)
                cmark_node_append_child(link, Cmark.text(text))
                cmark_node_append_child(paragraph, link)
            } else {
                cmark_node_append_child(paragraph, Cmark.text(text))
            }
            definitions[label] = Definition(paragraph: paragraph, line: line, column: column)
        }
        return issues
    }

    /// Replaces the link of `entry` by a footnote reference when it is one that cmark made of
    /// `[^label]` (see `readLinkDefinitionStyle`): its text is `^label`, and the source holds
    /// `[^label]` where it stands, with no destination after it.
    private func replaceLinkReference(_ entry: NodeContext, definitions: inout [String: Definition], numbered: inout [String]) {
        let link = entry.node
        guard let text = link.firstChild, text.type == CMARK_NODE_TEXT, text.next == nil else { return }
        let literal = text.literal
        guard literal.hasPrefix("^") else { return }
        let label = String(literal.dropFirst())
        guard definitions[label] != nil else { return }
        let (line, column) = entry.position
        let written = Array("[^\(label)]".utf8)
        guard sourceLines.line(line - 1, holds: written, at: column - 1),
            !sourceLines.line(line - 1, holds: [UInt8(ascii: "(")], at: column - 1 + written.count),
            !sourceLines.line(line - 1, holds: [UInt8(ascii: "[")], at: column - 1 + written.count)
        else { return }
        let reference = makeReference(to: label, definitions: &definitions, numbered: &numbered)
        cmark_node_replace(link, reference)
        cmark_node_free(link)
    }

    /// A reference to the footnote `label`, numbered at its first use.
    private func makeReference(to label: String, definitions: inout [String: Definition], numbered: inout [String]) -> CmarkNode {
        if definitions[label]!.number == 0 {
            numbered.append(label)
            definitions[label]!.number = numbered.count
        }
        let number = definitions[label]!.number
        let count = definitions[label]!.references.count
        let id = count == 0 ? "fnref:\(number)" : "fnref:\(number)-\(count + 1)"
        definitions[label]!.references.append(id)
        return Cmark.customInline(
            enter: "<sup class=\"footnote-ref\"><a href=\"#fn:\(number)\" id=\"\(id)\" aria-label=\"Voetnoot \(number)\">\(number)</a></sup>", exit: "")
    }

    /// Splits the text node of `entry` around each `[^label]` in it: a defined one becomes a
    /// reference, numbered at its label's first use; an undefined one stays text, with an issue.
    private func replaceReferences(in entry: NodeContext, definitions: inout [String: Definition], numbered: inout [String]) -> [Issue] {
        var issues: [Issue] = []
        var node = entry.node
        var text = Array(node.literal.utf8)
        var searchFrom = 0
        var sourceSearchFrom = max(0, entry.position.column - 1)
        while let (start, label, length) = Self.nextReference(in: text, from: searchFrom) {
            let column = sourceColumn(of: Array(text[start..<(start + length)]), line: entry.position.line, from: &sourceSearchFrom)
                ?? entry.position.column + start
            guard definitions[label] != nil else {
                issues.append(Issue(kind: .undefined, label: label, line: entry.position.line, column: column))
                searchFrom = start + length
                continue
            }
            let reference = makeReference(to: label, definitions: &definitions, numbered: &numbered)
            let after = Array(text[(start + length)...])
            cmark_node_set_literal(node, String(decoding: text[..<start], as: UTF8.self))
            cmark_node_insert_after(node, reference)
            let rest = Cmark.text(String(decoding: after, as: UTF8.self))
            cmark_node_insert_after(reference, rest)
            if start == 0 { cmark_node_unlink(node); cmark_node_free(node) }
            node = rest
            text = after
            searchFrom = 0
        }
        if text.isEmpty, node != entry.node { cmark_node_unlink(node); cmark_node_free(node) }
        return issues
    }

    /// Where `written` (`[^label]`) stands on `line` of the source, searching on from a byte
    /// offset: the text node's bytes may differ from the source's (smart punctuation).
    private func sourceColumn(of written: [UInt8], line: Int, from offset: inout Int) -> Int? {
        guard let start = sourceLines.firstOffset(of: written, inLine: line - 1, from: offset) else { return nil }
        offset = start + written.count
        return start + 1
    }

    /// The label and the length of `[^label]:` (with the spaces after it) at the start of a
    /// definition line, or nil.
    static func definitionMarker(_ line: String) -> (label: String, length: Int)? {
        let bytes = Array(line.utf8)
        guard let (start, label, length) = nextReference(in: bytes, from: 0), start == 0,
            bytes.count > length, bytes[length] == UInt8(ascii: ":")
        else { return nil }
        guard bytes.count == length + 1 || bytes[length + 1] == UInt8(ascii: " ") else { return nil }
        return (label, length + 1)
    }

    /// The next `[^label]` in `bytes` from `offset`: its start, label and length. A label is one
    /// or more characters without blanks or brackets.
    static func nextReference(in bytes: [UInt8], from offset: Int) -> (start: Int, label: String, length: Int)? {
        var index = offset
        while index + 3 < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") else { index += 1; continue }
            var end = index + 2
            while end < bytes.count, !Self.endsLabel(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "]"), end > index + 2 {
                return (index, String(decoding: bytes[(index + 2)..<end], as: UTF8.self), end + 1 - index)
            }
            index += 1
        }
        return nil
    }

    private static func endsLabel(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "]") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}

/// A footnote problem found while parsing (see `MarkdownDocument.footnoteIssues`).
public struct FootnoteIssue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `[^label]` with no definition: it stays as written.
        case undefined
        /// A definition that no reference uses: it is left out.
        case unused
        /// A second definition of a label: it is ignored.
        case duplicate
    }

    public var kind: Kind
    public var label: String
    public var location: SourceLocation

    /// The warning's text.
    public var message: String {
        switch kind {
        case .undefined: "footnote '[^\(label)]' has no definition: add a line '[^\(label)]: …' after the text"
        case .unused: "footnote '[^\(label)]' is never referred to: it is left out"
        case .duplicate: "footnote '[^\(label)]' is defined twice: the first definition is used"
        }
    }
}
