import CCmark
import KortompediaCore

/// Recognises GitHub-style pipe tables, which plain CommonMark parses as paragraphs, and
/// rebuilds them as tables. Works on the parsed tree: a paragraph whose source lines hold a
/// header row followed by a matching delimiter row becomes (an optional paragraph of the lines
/// before it and) a table; every later line of the paragraph is a body row. Cells are parsed as
/// inline Markdown. Follows the "Tables (extension)" section of the GFM spec.
struct PipeTableTransformer {
    let sourceLines: [Substring]
    let smartPunctuation: Bool

    enum Alignment {
        case none, left, center, right

        var attribute: String {
            switch self {
            case .none: ""
            case .left: " align=\"left\""
            case .center: " align=\"center\""
            case .right: " align=\"right\""
            }
        }
    }

    func transform(_ root: CmarkNode) {
        for node in Cmark.allNodes(of: root) where node.type == CMARK_NODE_PARAGRAPH {
            transformParagraph(node)
        }
    }

    private func transformParagraph(_ paragraph: CmarkNode) {
        let first = paragraph.startLine, last = paragraph.endLine
        guard first >= 1, last >= first + 1, last <= sourceLines.count else { return }
        let indent = max(0, paragraph.startColumn - 1)
        let lines = (first...last).map { contentOf(line: $0, indent: indent, isFirst: $0 == first) }
        guard lines.contains(where: { $0.contains("|") }) else { return }

        for headerIndex in 0..<(lines.count - 1) {
            let header = Self.cells(of: lines[headerIndex])
            guard lines[headerIndex].contains("|"),
                let alignments = Self.delimiterRow(lines[headerIndex + 1]),
                alignments.count == header.count
            else { continue }
            let bodyRows = lines[(headerIndex + 2)...].map(Self.cells(of:))
            let table = buildTable(header: header, alignments: alignments, rows: bodyRows)
            if headerIndex > 0 {
                let before = lines[0..<headerIndex].joined(separator: "\n")
                let intro = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                InlineFragment.parse(before, smart: smartPunctuation).forEach { cmark_node_append_child(intro, $0) }
                cmark_node_insert_before(paragraph, intro)
            }
            cmark_node_replace(paragraph, table)
            cmark_node_free(paragraph)
            return
        }
    }

    /// The paragraph's text on one source line, without the container prefix (`> `, list indent).
    private func contentOf(line: Int, indent: Int, isFirst: Bool) -> String {
        let bytes = Array(sourceLines[line - 1].utf8)
        var start = 0
        if isFirst {
            start = min(indent, bytes.count)
        } else {
            while start < min(indent, bytes.count),
                bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: ">") || bytes[start] == UInt8(ascii: "\t")
            {
                start += 1
            }
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    private func buildTable(header: [String], alignments: [Alignment], rows: [[String]]) -> CmarkNode {
        let table = Cmark.customBlock(enter: "<table>", exit: "</table>")
        let head = Cmark.customBlock(enter: "<thead>", exit: "</thead>")
        head.append(row(header, tag: "th", alignments: alignments))
        table.append(head)
        if !rows.isEmpty {
            let body = Cmark.customBlock(enter: "<tbody>", exit: "</tbody>")
            for cells in rows { body.append(row(cells, tag: "td", alignments: alignments)) }
            table.append(body)
        }
        return table
    }

    private func row(_ cells: [String], tag: String, alignments: [Alignment]) -> CmarkNode {
        let row = Cmark.customBlock(enter: "<tr>", exit: "</tr>")
        for (column, alignment) in alignments.enumerated() {
            let cell = Cmark.customInline(enter: "<\(tag)\(alignment.attribute)>", exit: "</\(tag)>")
            let text = column < cells.count ? cells[column] : ""
            InlineFragment.parse(text, smart: smartPunctuation).forEach { cmark_node_append_child(cell, $0) }
            row.append(cell)
            // A space between cells keeps the plain text of a row readable for search.
            if column < alignments.count - 1 { row.append(Cmark.customInline(enter: "\n", exit: "")) }
        }
        return row
    }

    /// Splits a row at unescaped pipes, dropping one leading and one trailing pipe, trimming
    /// each cell and turning `\|` into `|` (also inside code spans, as GFM does).
    static func cells(of line: String) -> [String] {
        var text = Substring(line.trimmingCharacters(in: " \t"))
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character == "|" ? "|" : "\\\(character)")
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: " \t"))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current.trimmingCharacters(in: " \t"))
        return cells
    }

    /// The alignments of a delimiter row (`| :-- | --: | :-: |`), or nil if it is not one.
    static func delimiterRow(_ line: String) -> [Alignment]? {
        guard line.contains("-") else { return nil }
        let cells = Self.cells(of: line)
        var result: [Alignment] = []
        for cell in cells {
            guard !cell.isEmpty else { return nil }
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        // A lone `---` without pipes is a thematic break or setext underline, not a table.
        if cells.count == 1 && !line.contains("|") { return nil }
        return result
    }
}

extension OpaquePointer {
    fileprivate func append(_ child: CmarkNode) { cmark_node_append_child(self, child) }
}

/// Parses a piece of inline Markdown (a table cell) into detached inline nodes. Characters that
/// would open a block at the start of a line are escaped first, so a cell is always inline.
enum InlineFragment {
    static func parse(_ text: String, smart: Bool) -> [CmarkNode] {
        guard !text.isEmpty else { return [] }
        let source = escapingBlockStart(text)
        var flags = CMARK_OPT_DEFAULT
        if smart { flags |= CMARK_OPT_SMART }
        let utf8 = Array(source.utf8)
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, flags)
            }
        }) else { return [] }
        defer { cmark_node_free(document) }
        guard let paragraph = document.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH else {
            return [Cmark.text(text)]
        }
        var nodes: [CmarkNode] = []
        while let child = paragraph.firstChild {
            cmark_node_unlink(child)
            nodes.append(child)
        }
        return nodes
    }

    /// Escapes a leading `#`, `>`, list marker, fence or thematic break, and an ordered-list
    /// number's delimiter, so that cmark reads the text as a paragraph.
    static func escapingBlockStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "#>=".contains(first) { return "\\" + text }
        if "-+*".contains(first) {
            let rest = text.dropFirst()
            if rest.isEmpty || rest.first == " " || rest.allSatisfy({ $0 == first || $0 == " " }) { return "\\" + text }
        }
        if text.hasPrefix("```") || text.hasPrefix("~~~") { return "\\" + text }
        if first.isNumber, let delimiter = text.firstIndex(where: { !$0.isNumber }),
            text[delimiter] == "." || text[delimiter] == ")"
        {
            return text[..<delimiter] + "\\" + text[delimiter...]
        }
        return text
    }
}
