import CCmark
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns `[[slug]]`, `[[slug|tekst]]` and `[[slug#kop]]` in text nodes into link nodes whose URL
/// is the `slug#kop` part. Text inside code spans, code blocks and existing links is left alone
/// (cmark keeps code as separate node types, so only text nodes are searched).
struct WikiLinkExpander {
    let sourceLines: SourceLines

    /// Edits the tree; returns the source position (line, column of `[[`) of each new link node.
    /// `walk` lists the nodes its predicate keeps (by type, and whether inside a link) with their
    /// body line and byte column (cmark's, or mapped for table cells); it runs after the shortcut
    /// references are undone.
    func expand(_ root: CmarkNode, walk: ((cmark_node_type, _ isInsideLink: Bool) -> Bool) -> [NodeContext]) -> [CmarkNode: (line: Int, column: Int)] {
        restoreShortcutReferences(root)
        var positions: [CmarkNode: (line: Int, column: Int)] = [:]
        for entry in walk({ type, isInsideLink in type == CMARK_NODE_TEXT && !isInsideLink }) {
            let node = entry.node
            // Looked for in cmark's bytes: most text nodes have no `[[` and need no String.
            guard let literal = cmark_node_get_literal(node), strstr(literal, "[[") != nil else { continue }
            var text = node.literal
            guard text.utf8.count >= 4 else { continue }
            let (line, column) = entry.position
            var searchFrom = max(0, column - 1)
            // `[[slug|*tekst*]]`: cmark made the emphasis before the brackets were looked at,
            // so the label goes on in the nodes after this one. The link is made of them here;
            // this node keeps the text before `[[`, its position is found after the others.
            var spanning: (link: CmarkNode, written: String)?
            if let tail = Self.spanningLabel(after: node, text: text) {
                let link = cmark_node_new(CMARK_NODE_LINK)!
                cmark_node_set_url(link, tail.target)
                if !tail.labelStart.isEmpty { cmark_node_append_child(link, Cmark.text(tail.labelStart)) }
                while let moved = node.next, moved != tail.end {
                    cmark_node_unlink(moved)
                    cmark_node_append_child(link, moved)
                }
                if !tail.labelEnd.isEmpty { cmark_node_append_child(link, Cmark.text(tail.labelEnd)) }
                cmark_node_insert_after(node, link)
                // Kept even when empty: the walk lists it, and it is looked at later.
                cmark_node_set_literal(tail.end, tail.after)
                spanning = (link, String(text[tail.start...]))
                text = String(text[..<tail.start])
            }
            let matches = Self.matches(in: text)
            defer {
                if let spanning { positions[spanning.link] = (line, sourceColumn(of: spanning.written, line: line, from: &searchFrom)) }
            }
            guard !matches.isEmpty else {
                guard spanning != nil else { continue }
                if text.isEmpty {
                    cmark_node_unlink(node)
                    cmark_node_free(node)
                } else {
                    cmark_node_set_literal(node, text)
                }
                continue
            }
            var cursor = text.startIndex
            for match in matches {
                if cursor < match.range.lowerBound {
                    cmark_node_insert_before(node, Cmark.text(String(text[cursor..<match.range.lowerBound])))
                }
                let link = cmark_node_new(CMARK_NODE_LINK)!
                cmark_node_set_url(link, match.target)
                // A bare [[slug]] gets no children: the renderer writes the target's title.
                if let label = match.label { cmark_node_append_child(link, Cmark.text(label)) }
                cmark_node_insert_before(node, link)
                let column = sourceColumn(of: String(text[match.range]), line: line, from: &searchFrom)
                positions[link] = (line, column)
                cursor = match.range.upperBound
            }
            if cursor < text.endIndex {
                cmark_node_insert_before(node, Cmark.text(String(text[cursor...])))
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return positions
    }

    /// When the document defines a reference `[slug]: ...`, cmark reads the inner `[slug]` of
    /// `[[slug]]` as a shortcut reference link, leaving `[` and `]` around it. Such a link is
    /// turned back into the text `[[slug]]` (when the source holds exactly that) so that it
    /// becomes the wiki link the editor wrote.
    private func restoreShortcutReferences(_ root: CmarkNode) {
        // Only link nodes are collected: the text nodes freed below are never visited.
        for link in Cmark.allNodes(of: root).filter({ $0.type == CMARK_NODE_LINK }) {
            guard let previous = cmark_node_previous(link), previous.type == CMARK_NODE_TEXT,
                let next = link.next, next.type == CMARK_NODE_TEXT,
                let label = link.firstChild, label.type == CMARK_NODE_TEXT, label.next == nil,
                previous.literal.hasSuffix("["), next.literal.hasPrefix("]"),
                // The link's `[` is the second of `[[`, one byte before its column.
                sourceLines.line(link.startLine - 1, holds: Array("[[\(label.literal)]]".utf8), at: link.startColumn - 2)
            else { continue }
            cmark_node_set_literal(previous, previous.literal + "[" + label.literal + "]" + next.literal)
            cmark_node_unlink(link)
            cmark_node_free(link)
            cmark_node_unlink(next)
            cmark_node_free(next)
        }
    }

    /// The 1-based byte column of `needle` in the source line, searching from `from` (so that
    /// repeated links get their own columns); falls back to the text node's column.
    private func sourceColumn(of needle: String, line: Int, from: inout Int) -> Int {
        guard line >= 1, line <= sourceLines.count else { return max(1, from + 1) }
        let pattern = Array(needle.utf8)
        if let found = sourceLines.firstOffset(of: pattern, inLine: line - 1, from: from) {
            from = found + pattern.count
            return found + 1
        }
        // Not found verbatim (escapes or entities changed the text): point at the first `[[`.
        let bytes = sourceLines[line - 1]
        var index = from
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "[") {
                from = index + 2
                return index + 1
            }
            index += 1
        }
        return max(1, from + 1)
    }

    /// Where a wiki link whose label goes on past `node` lies: `node` ends in `[[target|` and
    /// maybe the label's first words, followed by emphasis, strong emphasis or code (no other
    /// nodes, no brackets, no line break) up to the text node `end` holding `]]`.
    struct SpanningLabel {
        /// The `[[` in `node`'s text.
        var start: String.Index
        var target: String
        /// The label's text in `node` after `|`, and in `end` before `]]`.
        var labelStart: String, labelEnd: String
        var end: CmarkNode
        /// What `end` holds after `]]`.
        var after: String
    }

    static func spanningLabel(after node: CmarkNode, text: String) -> SpanningLabel? {
        let bytes = text.utf8
        guard let open = Self.lastRange(of: "[[", in: text) else { return nil }
        let rest = bytes[open.upperBound...]
        guard let bar = rest.firstIndex(of: UInt8(ascii: "|")), !rest.contains(where: Self.isBracket) else { return nil }
        let target = text[open.upperBound..<bar].trimmingSpacesAndTabs()
        guard !target.isEmpty else { return nil }
        var sibling = node.next
        while let current = sibling {
            switch current.type {
            case CMARK_NODE_TEXT:
                let literal = current.literal
                if let close = literal.firstRange(of: "]]", from: literal.startIndex) {
                    guard !literal.utf8[..<close.lowerBound].contains(where: Self.isBracket) else { return nil }
                    let labelStart = String(text[bytes.index(after: bar)...].drop { $0 == " " || $0 == "\t" })
                    var labelEnd = literal[..<close.lowerBound]
                    while let last = labelEnd.last, last == " " || last == "\t" { labelEnd.removeLast() }
                    return SpanningLabel(
                        start: open.lowerBound, target: target, labelStart: labelStart, labelEnd: String(labelEnd), end: current,
                        after: String(literal[close.upperBound...]))
                }
                if literal.utf8.contains(where: Self.isBracket) { return nil }
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_CODE:
                for inner in Cmark.allNodes(of: current) {
                    guard [CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_CODE, CMARK_NODE_TEXT].contains(inner.type),
                        !inner.literal.utf8.contains(where: Self.isBracket)
                    else { return nil }
                }
            default:
                return nil
            }
            sibling = current.next
        }
        return nil
    }

    private static func isBracket(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") }

    /// The last `needle` in `text`.
    private static func lastRange(of needle: StaticString, in text: String) -> Range<String.Index>? {
        var found: Range<String.Index>?
        var index = text.startIndex
        while let range = text.firstRange(of: needle, from: index) {
            found = range
            index = text.utf8.index(after: range.lowerBound)
        }
        return found
    }

    struct Match {
        var range: Range<String.Index>
        /// `slug` or `slug#kop`, trimmed.
        var target: String
        /// The text after `|`; nil for a bare `[[slug]]`.
        var label: String?
    }

    /// Finds `[[target]]` and `[[target|label]]`; the target has no brackets or line breaks.
    static func matches(in text: String) -> [Match] {
        // On UTF-8 bytes: brackets and `|` are ASCII, and stand for themselves.
        let bytes = text.utf8
        var result: [Match] = []
        var index = text.startIndex
        while let open = text.firstRange(of: "[[", from: index) {
            guard let close = text.firstRange(of: "]]", from: open.upperBound) else { break }
            let inner = bytes[open.upperBound..<close.lowerBound]
            if inner.isEmpty || inner.contains(where: Self.isBracket) {
                index = bytes.index(after: open.lowerBound)
                continue
            }
            let bar = inner.firstIndex(of: UInt8(ascii: "|"))
            let target = text[open.upperBound..<(bar ?? close.lowerBound)].trimmingSpacesAndTabs()
            let written = bar.map { text[bytes.index(after: $0)..<close.lowerBound].trimmingSpacesAndTabs() } ?? ""
            let label: String? = written.isEmpty ? nil : written
            if !target.isEmpty {
                result.append(Match(range: open.lowerBound..<close.upperBound, target: target, label: label))
            }
            index = close.upperBound
        }
        return result
    }
}

extension String {
    /// The first range of a two-byte ASCII `needle` at or after `start`, scanning UTF-8 bytes
    /// (Foundation's `range(of:)` bridges through NSString and dominated profiles).
    func firstRange(of needle: StaticString, from start: String.Index) -> Range<String.Index>? {
        let pattern = needle.utf8Start
        let first = pattern[0], second = pattern[1]
        var index = start
        let end = utf8.endIndex
        while index < end {
            if utf8[index] == first {
                let next = utf8.index(after: index)
                if next < end, utf8[next] == second { return index..<utf8.index(after: next) }
            }
            index = utf8.index(after: index)
        }
        return nil
    }
}
