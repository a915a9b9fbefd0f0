import CCmark
import KortompediaCore

/// Recognises GitHub-style pipe tables, which plain CommonMark parses as paragraphs, and
/// rebuilds them as tables. Works on the parsed tree: a paragraph whose source lines hold a
/// header row followed by a matching delimiter row becomes (an optional paragraph of the lines
/// before it and) a table; every later line of the paragraph is a body row. Cells are parsed as
/// inline Markdown. Follows the "Tables (extension)" section of the GFM spec.
struct PipeTableTransformer {
    let sourceLines: SourceLines
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

    /// Rebuilds the tables of the document. Returns, for each node holding re-parsed inline
    /// Markdown (a cell, or the paragraph before a table), where its text stands in the source:
    /// nodes parsed apart from the document know only their place in that text.
    func transform(_ root: CmarkNode) -> [CmarkNode: FragmentOrigin] {
        var origins: [CmarkNode: FragmentOrigin] = [:]
        for node in Cmark.blocks(of: root, ofType: CMARK_NODE_PARAGRAPH) {
            transformParagraph(node, origins: &origins)
        }
        return origins
    }

    private func transformParagraph(_ paragraph: CmarkNode, origins: inout [CmarkNode: FragmentOrigin]) {
        let first = paragraph.startLine, last = paragraph.endLine
        guard first >= 1, last >= first + 1, last <= sourceLines.count else { return }
        // No `|` in the source lines, none in their text: most paragraphs stop here.
        guard (first...last).contains(where: { sourceLines.line($0 - 1, contains: UInt8(ascii: "|")) }) else { return }
        let indent = max(0, paragraph.startColumn - 1)
        let lines = (first...last).map { contentOf(line: $0, indent: indent, isFirst: $0 == first) }
        guard lines.contains(where: { $0.text.contains("|") }) else { return }

        for headerIndex in 0..<(lines.count - 1) {
            // The delimiter row first: splitting a line into cells costs more, and most lines
            // with a `|` are not followed by one.
            guard lines[headerIndex].text.contains("|"), let alignments = Self.delimiterRow(lines[headerIndex + 1].text) else { continue }
            let header = Self.splitCells(lines[headerIndex])
            guard alignments.count == header.count else { continue }
            let table = Cmark.customBlock(enter: "<table>", exit: "</table>")
            let head = Cmark.customBlock(enter: "<thead>", exit: "</thead>")
            head.append(row(header, tag: "th", alignments: alignments, line: first + headerIndex, origins: &origins))
            table.append(head)
            if headerIndex + 2 < lines.count {
                let body = Cmark.customBlock(enter: "<tbody>", exit: "</tbody>")
                for index in (headerIndex + 2)..<lines.count {
                    body.append(row(Self.splitCells(lines[index]), tag: "td", alignments: alignments, line: first + index, origins: &origins))
                }
                table.append(body)
            }
            if headerIndex > 0 {
                let before = lines[0..<headerIndex]
                let intro = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                let (nodes, escapedAt) = InlineFragment.parse(before.map(\.text).joined(separator: "\n"), smart: smartPunctuation)
                nodes.forEach { cmark_node_append_child(intro, $0) }
                var fragmentLines = before.enumerated().map { index, line in
                    (line: first + index, offsets: Array(line.offset..<(line.offset + line.text.utf8.count)))
                }
                if let escapedAt { fragmentLines[0].offsets.insert(fragmentLines[0].offsets[escapedAt], at: escapedAt) }
                origins[intro] = FragmentOrigin(lines: fragmentLines)
                cmark_node_insert_before(paragraph, intro)
            }
            cmark_node_replace(paragraph, table)
            cmark_node_free(paragraph)
            return
        }
    }

    /// The paragraph's text on one source line, without the container prefix (`> `, list
    /// indent), and the byte offset in the source line where that text starts.
    private func contentOf(line: Int, indent: Int, isFirst: Bool) -> (text: String, offset: Int) {
        let bytes = sourceLines[line - 1]
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
        return (String(decoding: bytes[start...], as: UTF8.self), start)
    }

    private func row(
        _ cells: [Cell], tag: String, alignments: [Alignment], line: Int, origins: inout [CmarkNode: FragmentOrigin]
    ) -> CmarkNode {
        let row = Cmark.customBlock(enter: "<tr>", exit: "</tr>")
        for (column, alignment) in alignments.enumerated() {
            let cell = Cmark.customInline(enter: "<\(tag)\(alignment.attribute)>", exit: "</\(tag)>")
            if column < cells.count {
                let (nodes, escapedAt) = InlineFragment.parse(cells[column].text, smart: smartPunctuation)
                nodes.forEach { cmark_node_append_child(cell, $0) }
                var offsets = cells[column].offsets
                if let escapedAt { offsets.insert(offsets[escapedAt], at: escapedAt) }
                origins[cell] = FragmentOrigin(lines: [(line, offsets)])
            }
            row.append(cell)
            // A space between cells keeps the plain text of a row readable for search.
            if column < alignments.count - 1 { row.append(Cmark.customInline(enter: "\n", exit: "")) }
        }
        return row
    }

    /// The text of one cell and, for each of its bytes, the byte offset in the source line.
    struct Cell {
        var text: String
        var offsets: [Int]
    }

    /// Splits a row at unescaped pipes, dropping one leading and one trailing pipe, trimming
    /// each cell and turning `\|` into `|` (also inside code spans, as GFM does).
    static func cells(of line: String) -> [String] {
        splitCells((line, 0)).map(\.text)
    }

    /// `cells(of:)`, keeping where each byte of each cell stands in the source line. Works on
    /// bytes: the separators are ASCII and never part of a multi-byte character.
    static func splitCells(_ line: (text: String, offset: Int)) -> [Cell] {
        let bytes = Array(line.text.utf8)
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
        var start = 0, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        if start < end, bytes[start] == pipe { start += 1 }
        if end > start, bytes[end - 1] == pipe, !(end - 2 >= start && bytes[end - 2] == backslash) { end -= 1 }

        var cells: [Cell] = []
        var text: [UInt8] = [], offsets: [Int] = []
        func finishCell() {
            var from = 0, to = text.count
            while from < to, isBlank(text[from]) { from += 1 }
            while to > from, isBlank(text[to - 1]) { to -= 1 }
            cells.append(Cell(text: String(decoding: text[from..<to], as: UTF8.self), offsets: Array(offsets[from..<to])))
            text = []
            offsets = []
        }
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == backslash && index + 1 < end {
                if bytes[index + 1] != pipe {
                    text.append(backslash)
                    offsets.append(line.offset + index)
                }
                text.append(bytes[index + 1])
                offsets.append(line.offset + index + 1)
                index += 2
            } else if byte == pipe {
                finishCell()
                index += 1
            } else {
                text.append(byte)
                offsets.append(line.offset + index)
                index += 1
            }
        }
        finishCell()
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

/// Where a piece of re-parsed inline Markdown stands in the source: for each of its lines, the
/// body line and the byte offset (0-based) in that line of each byte of the piece.
struct FragmentOrigin {
    var lines: [(line: Int, offsets: [Int])]

    /// The body position (1-based line and byte column) of a position inside the piece.
    func position(line: Int, column: Int) -> (line: Int, column: Int) {
        guard let entry = lines.indices.contains(line - 1) ? lines[line - 1] : lines.last else { return (line, column) }
        guard let last = entry.offsets.last else { return (entry.line, 1) }
        let index = max(0, column - 1)
        return (entry.line, index < entry.offsets.count ? entry.offsets[index] + 1 : last + 1 + index - entry.offsets.count + 1)
    }
}

extension OpaquePointer {
    fileprivate func append(_ child: CmarkNode) { cmark_node_append_child(self, child) }
}

/// Parses a piece of inline Markdown (a table cell) into detached inline nodes. Characters that
/// would open a block at the start of a line are escaped first, so a cell is always inline.
enum InlineFragment {
    /// The nodes, and the byte index where a backslash was inserted to keep the text inline.
    static func parse(_ text: String, smart: Bool) -> ([CmarkNode], escapedAt: Int?) {
        guard !text.isEmpty else { return ([], nil) }
        // Most cells are words and numbers: cmark would make them one text node of the same
        // text, at the cost of a parser of its own for each cell.
        if isPlainText(text, smart: smart) { return ([Cmark.text(text)], nil) }
        return parseWithCmark(text, smart: smart)
    }

    /// `parse(_:smart:)` through cmark, whatever the text.
    static func parseWithCmark(_ text: String, smart: Bool) -> ([CmarkNode], escapedAt: Int?) {
        guard !text.isEmpty else { return ([], nil) }
        let (source, escapedAt) = escapingBlockStart(text)
        var flags = CMARK_OPT_DEFAULT
        if smart { flags |= CMARK_OPT_SMART }
        let utf8 = Array(source.utf8)
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, flags)
            }
        }) else { return ([], nil) }
        defer { cmark_node_free(document) }
        guard let paragraph = document.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH else {
            return ([Cmark.text(text)], nil)
        }
        var nodes: [CmarkNode] = []
        while let child = paragraph.firstChild {
            cmark_node_unlink(child)
            nodes.append(child)
        }
        return (nodes, escapedAt)
    }

    /// Whether cmark would read `text` (trimmed, on one line) as nothing but that text: it starts
    /// with an ASCII letter or a non-ASCII character (nothing cmark gives a meaning to at the
    /// start of a line) and holds no byte that can begin inline Markdown (emphasis, code, links,
    /// escapes, entities, raw HTML) or, with smart punctuation, a quote, `--` or `...`.
    static func isPlainText(_ text: String, smart: Bool) -> Bool {
        var utf8 = text.utf8.makeIterator()
        guard let first = utf8.next(), isLetter(first) else { return false }
        var previous = first
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                0x80...0xFF, UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "/"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "="),
                UInt8(ascii: "#"), UInt8(ascii: "@"):
                break
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                if smart && byte == previous { return false }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if smart { return false }
            default:
                return false
            }
            previous = byte
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte >= 0xC0
    }

    /// Escapes a leading `#`, `>`, list marker, fence or thematic break, and an ordered-list
    /// number's delimiter, so that cmark reads the text as a paragraph.
    /// Returns the text and the byte index where the backslash went, if one was added.
    static func escapingBlockStart(_ text: String) -> (String, Int?) {
        guard let first = text.first else { return (text, nil) }
        if "#>=".contains(first) { return ("\\" + text, 0) }
        if "-+*".contains(first) {
            let rest = text.dropFirst()
            if rest.isEmpty || rest.first == " " || rest.allSatisfy({ $0 == first || $0 == " " }) { return ("\\" + text, 0) }
        }
        if text.hasPrefix("```") || text.hasPrefix("~~~") { return ("\\" + text, 0) }
        if first.isNumber, let delimiter = text.firstIndex(where: { !$0.isNumber }),
            text[delimiter] == "." || text[delimiter] == ")"
        {
            return (text[..<delimiter] + "\\" + text[delimiter...], text[..<delimiter].utf8.count)
        }
        return (text, nil)
    }
}
