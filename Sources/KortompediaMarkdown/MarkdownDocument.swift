import CCmark
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KortompediaCore

/// One parsed Markdown body. Parsing runs cmark with source positions on and then edits the
/// tree: pipe tables built, raw HTML dropped (unless allowed), `[[wiki links]]` made into links,
/// task list markers made into checkboxes, footnotes numbered and moved to the end, heading ids
/// assigned. The resolve stage reads `headings` and `links`; `renderHTML` then writes the body
/// with each link's destination decided by the caller.
///
/// The cmark tree is owned by this object and freed with it. It is not `Sendable`: a document is
/// parsed, read and rendered by one task, and only the value results leave it.
public final class MarkdownDocument {
    public let options: MarkdownOptions
    /// Headings in document order, ids unique within the body.
    public private(set) var headings: [Heading] = []
    /// Every link, wiki link and image, in document order.
    public private(set) var links: [LinkOccurrence] = []
    /// The body as plain text, cut at headings, for search and summaries.
    public private(set) var sections: [TextSection] = []
    /// Plain text of the first top-level paragraph (the default summary source).
    public private(set) var firstParagraph: String = ""
    /// Number of words of running text (for reading time).
    public private(set) var wordCount: Int = 0
    /// Raw HTML left out because `options.allowRawHTML` is off, in document order.
    public private(set) var droppedHTML: [DroppedHTML] = []
    /// Footnote references without a definition, definitions without a reference, and labels
    /// defined twice (see `FootnoteTransformer`), in document order.
    public private(set) var footnoteIssues: [FootnoteIssue] = []
    /// Images without alt text and links whose text names no destination, in document order.
    public private(set) var accessibilityNotes: [AccessibilityNote] = []

    private let root: CmarkNode
    /// The placeholder node of each entry of `links`, same index.
    private var linkNodes: [CmarkNode] = []
    /// Title attribute and label (images: alt text) of each link, same index.
    private var linkTitles: [String] = []
    private var imageAlts: [String] = []
    /// For a bare `[[slug]]`, the label to use when the target has no title (the slug).
    private var bareWikiLabels: [String?] = []
    private var headingNodes: [CmarkNode] = []
    /// The link nodes of bare `[[slug]]` wiki links, with their text until they are rendered:
    /// the target's title (for headings, sections, summaries) and the slug (for heading ids,
    /// which must not change when another page's title does).
    private var bareWikiTitles: [CmarkNode: String] = [:]
    private var bareWikiSlugs: [CmarkNode: String] = [:]
    /// Where the text of re-parsed table cells stands in the source (see `walkWithContext`).
    private var fragmentOrigins: [CmarkNode: FragmentOrigin] = [:]
    private let sourceLines: SourceLines

    /// Parses `markdown` (LF line endings). `wikiTitle` gives the title of the page a bare
    /// `[[slug]]` names (nil when there is none), so that plain text reads as the page will.
    public init(_ markdown: String, options: MarkdownOptions, wikiTitle: (String) -> String? = { _ in nil }) {
        self.options = options
        var flags = CMARK_OPT_SOURCEPOS
        if options.smartPunctuation { flags |= CMARK_OPT_SMART }
        let utf8 = Array(markdown.utf8)
        root = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, flags)
            }
        }
        sourceLines = SourceLines(utf8)

        fragmentOrigins = PipeTableTransformer(sourceLines: sourceLines, smartPunctuation: options.smartPunctuation).transform(root)
        // After the tables: their cells are parsed anew and may hold raw HTML too. Raw HTML,
        // block or inline, starts with `<`: a body without one has none to drop.
        if !options.allowRawHTML, utf8.contains(UInt8(ascii: "<")) { removeRawHTML() }
        let wikiPositions = WikiLinkExpander(sourceLines: sourceLines).expand(root, walk: walkWithContext)
        for node in wikiPositions.keys where node.firstChild == nil {
            let slug = node.url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            bareWikiSlugs[node] = slug
            bareWikiTitles[node] = wikiTitle(slug) ?? slug
        }
        TaskListTransformer().transform(root)
        // After the wiki links, which a footnote may hold; before links and text are collected.
        if FootnoteTransformer.mayHaveFootnotes(utf8) {
            footnoteIssues = FootnoteTransformer(sourceLines: sourceLines).transform(root, walk: walkWithContext)
                .map { FootnoteIssue(kind: $0.kind, label: $0.label, location: location(line: $0.line, column: $0.column)) }
                .sorted { $0.location < $1.location }
        }
        collectHeadings()
        collectText()
        collectLinks(wikiPositions: wikiPositions)
        replaceHeadingNodes()
        bareWikiTitles = [:]
        bareWikiSlugs = [:]
        fragmentOrigins = [:]
    }

    deinit { cmark_node_free(root) }

    /// The table of contents: headings of levels 2 and 3.
    public var tableOfContents: [Heading] { headings.filter { $0.level == 2 || $0.level == 3 } }

    /// All text of the body joined, for search indexing and word counts.
    public var plainText: String {
        sections.map { [$0.heading, $0.text].compactMap { $0 }.joined(separator: "\n") }.joined(separator: "\n")
    }

    /// Renders the body to HTML. `resolve` is called once per entry of `links` (same order) and
    /// decides what each becomes. Can be called more than once (e.g. once per audience).
    public func renderHTML(resolve: (LinkOccurrence) -> LinkRendering) -> String {
        for (index, link) in links.enumerated() {
            let node = linkNodes[index]
            let rendering = resolve(link)
            var (enter, exit) = Self.tags(for: rendering, kind: link.kind, title: linkTitles[index], alt: imageAlts[index])
            if let fallback = bareWikiLabels[index] {
                var label = fallback
                if case .internal(_, _, _, let title?) = rendering { label = title }
                enter += HTMLEscaping.escape(label)
            }
            cmark_node_set_on_enter(node, enter)
            cmark_node_set_on_exit(node, exit)
        }
        var flags = CMARK_OPT_DEFAULT
        if options.allowRawHTML { flags |= CMARK_OPT_UNSAFE }
        guard let html = cmark_render_html(root, flags) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    static func tags(for rendering: LinkRendering, kind: LinkOccurrence.Kind, title: String, alt: String) -> (String, String) {
        let titleAttribute = title.isEmpty ? "" : " title=\"\(HTMLEscaping.escape(title))\""
        switch (rendering, kind) {
        case (.internal(let href, _, _, _), .image), (.external(let href), .image):
            return ("<img src=\"\(HTMLEscaping.escape(href))\" alt=\"\(HTMLEscaping.escape(alt))\"\(titleAttribute) loading=\"lazy\">", "")
        case (.broken, .image):
            return ("<span class=\"broken-link\">\(HTMLEscaping.escape(alt))</span>", "")
        case (.internal(let href, let classes, let note, _), _):
            let classAttribute = classes.isEmpty ? "" : " class=\"\(HTMLEscaping.escape(classes.joined(separator: " ")))\""
            let noteHTML = note.map { "<span class=\"visually-hidden\"> (\(HTMLEscaping.escape($0)))</span>" } ?? ""
            return ("<a href=\"\(HTMLEscaping.escape(href))\"\(titleAttribute)\(classAttribute)>", "\(noteHTML)</a>")
        case (.external(let href), _):
            return (
                "<a href=\"\(HTMLEscaping.escape(href))\"\(titleAttribute) class=\"external\" rel=\"noopener\">",
                "<span class=\"visually-hidden\"> (externe link)</span></a>"
            )
        case (.broken, _):
            return ("<span class=\"broken-link\">", "</span>")
        }
    }

    // MARK: - Tree edits made once, at parse time

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: options.path, line: line + options.firstLine - 1, column: column)
    }

    /// Every node in document order (entering only), with its body line and byte column and
    /// whether it lies inside a link or image. Nodes of a table cell were parsed apart from the
    /// document and know only their place in the cell: the innermost origin maps it back.
    /// One walk that keeps what encloses the current node: asking each node for its ancestors
    /// costs the depth of the tree per node, quadratic in a body nested thousands deep (a
    /// quarter megabyte took half a minute).
    /// Only the nodes `keep` accepts (by type, and whether inside a link) are listed.
    private func walkWithContext(keeping keep: (cmark_node_type, _ isInsideLink: Bool) -> Bool) -> [NodeContext] {
        var result: [NodeContext] = []
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        var enclosingOrigins: [(node: CmarkNode, origin: FragmentOrigin)] = []
        var linkDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = node.type
            let isLink = type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
            if event == CMARK_EVENT_EXIT {
                if isLink { linkDepth -= 1 }
                if enclosingOrigins.last?.node == node { enclosingOrigins.removeLast() }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            let own = fragmentOrigins.isEmpty ? nil : fragmentOrigins[node]
            if keep(type, linkDepth > 0) {
                let line = isLink ? node.linkStartLine : node.startLine
                let position = (own ?? enclosingOrigins.last?.origin)?.position(line: line, column: node.startColumn)
                    ?? (line, node.startColumn)
                result.append(NodeContext(node: node, position: position, isInsideLink: linkDepth > 0))
            }
            // Only containers are left again (an exit event): leaves push nothing.
            if isLink { linkDepth += 1 }
            if let own, !Self.isLeaf(type) { enclosingOrigins.append((node, own)) }
        }
        return result
    }

    /// Node types cmark's iterator enters without leaving again.
    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            true
        default:
            false
        }
    }

    /// Drops every HTML block and inline HTML tag, keeping each in `droppedHTML` with its place.
    private func removeRawHTML() {
        let nodes = walkWithContext { type, _ in type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE }
        for entry in nodes {
            droppedHTML.append(DroppedHTML(html: entry.node.literal, location: location(line: entry.position.line, column: entry.position.column)))
            cmark_node_unlink(entry.node)
            cmark_node_free(entry.node)
        }
    }

    private func collectHeadings() {
        var used: [String: Int] = [:]
        for node in Cmark.blocks(of: root, ofType: CMARK_NODE_HEADING) {
            let plain = Cmark.plainText(of: node, bareWikiLinks: bareWikiTitles)
            let text = plain.trimmingSpacesAndTabs()
            // Ids come from a bare `[[slug]]`'s slug, not its target's title; without one the
            // two texts are the same.
            var base = Slug(slugifying: bareWikiSlugs.isEmpty ? plain : Cmark.plainText(of: node, bareWikiLinks: bareWikiSlugs)).rawValue
            if base.isEmpty { base = "kop" }
            var id = base
            if let count = used[base] {
                var n = count + 1
                while used[base + "-\(n)"] != nil { n += 1 }
                id = base + "-\(n)"
                used[base] = n
            }
            used[id] = used[id] ?? 1
            headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: id, location: location(line: node.startLine, column: node.startColumn)))
            headingNodes.append(node)
        }
    }

    private func collectText() {
        // The running section's text as bytes, each paragraph appended in place: a String per
        // paragraph, joined to the section's, was most of this.
        var text: [UInt8] = []
        var heading: (id: String, text: String)?
        var headingIndex = 0
        var words = 0
        func endSection() {
            if !text.isEmpty || heading != nil {
                sections.append(TextSection(headingID: heading?.id, heading: heading?.text, text: String(decoding: text, as: UTF8.self)))
                words += text.withUnsafeBufferPointer(Self.countWords)
            }
            text.removeAll(keepingCapacity: true)
        }
        // Depth first in document order with a stack of its own: block quotes and lists can nest
        // ten thousand deep, more than a worker thread's stack holds as recursion.
        var stack: [(node: CmarkNode, isTopLevel: Bool)] = root.children.reversed().map { ($0, true) }
        while let (node, isTopLevel) = stack.popLast() {
            switch node.type {
            case CMARK_NODE_HEADING:
                endSection()
                heading = (headings[headingIndex].id, headings[headingIndex].text)
                headingIndex += 1
            case CMARK_NODE_PARAGRAPH:
                let start = text.count
                Cmark.appendPlainText(of: node, bareWikiLinks: bareWikiTitles, to: &text)
                if isTopLevel && firstParagraph.isEmpty { firstParagraph = String(decoding: text[start...], as: UTF8.self) }
                text.append(UInt8(ascii: "\n"))
            case CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) { Cmark.append(literal, to: &text) }
            case CMARK_NODE_CUSTOM_BLOCK:
                // Tables: one line per cell row, cells separated by spaces.
                Cmark.appendPlainText(of: node, bareWikiLinks: bareWikiTitles, to: &text)
                text.append(UInt8(ascii: "\n"))
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                break
            default:
                stack += node.children.reversed().map { ($0, false) }
            }
        }
        endSection()
        wordCount = words
    }

    private func collectLinks(wikiPositions: [CmarkNode: (line: Int, column: Int)]) {
        for entry in walkWithContext(keeping: { type, _ in type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE }) {
            let node = entry.node
            let type = node.type
            let wikiPosition = wikiPositions[node]
            let isWiki = wikiPosition != nil
            let kind: LinkOccurrence.Kind = type == CMARK_NODE_IMAGE ? .image : (isWiki ? .wiki : .link)
            let position = wikiPosition ?? entry.position
            let linkLocation = location(line: position.line, column: position.column)
            links.append(LinkOccurrence(kind: kind, destination: node.url, location: linkLocation))
            linkTitles.append(node.title)
            if kind == .image {
                let alt = Cmark.plainText(of: node)
                imageAlts.append(alt)
                if alt.trimmingBlanks().isEmpty {
                    accessibilityNotes.append(AccessibilityNote(kind: .imageWithoutAlt, subject: node.url, location: linkLocation))
                }
            } else {
                imageAlts.append("")
                // Most link texts are one text node, read as it is; only the few with emphasis
                // or code in them (`[*hier*]`) have their plain text made.
                if let first = node.firstChild {
                    let text = first.type == CMARK_NODE_TEXT && first.next == nil ? first.literal : Cmark.plainText(of: node)
                    if let vague = AccessibilityNote.vagueLinkText(text) {
                        accessibilityNotes.append(AccessibilityNote(kind: .vagueLinkText, subject: vague, location: linkLocation))
                    }
                }
            }
            let isBare = isWiki && node.firstChild == nil
            bareWikiLabels.append(isBare ? String(node.url.split(separator: "#", maxSplits: 1).first ?? "") : nil)
            let placeholder = Cmark.customInline(enter: "", exit: "")
            if kind != .image { node.moveChildren(to: placeholder) }
            cmark_node_replace(node, placeholder)
            cmark_node_free(node)
            linkNodes.append(placeholder)
        }
    }

    /// Runs of bytes other than space, tab and line feed: the words of running text. Eight
    /// bytes at a time: each byte's high bit is set when it is not blank (exactly, with the
    /// carry-free test of "Bit Twiddling Hacks"), and a word starts at a set bit whose
    /// byte before is blank.
    static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let highs: UInt64 = 0x8080_8080_8080_8080, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, ones: UInt64 = 0x0101_0101_0101_0101
        /// The high bit of each byte of `word` that is zero.
        func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & lows) &+ lows) | word) & highs }
        var count = 0
        var inWord = false
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let blank = zeroBytes(word ^ (ones &* 0x20)) | zeroBytes(word ^ (ones &* 0x0A)) | zeroBytes(word ^ (ones &* 0x09))
                let nonBlank = ~blank & highs
                let nonBlankBefore = (nonBlank << 8) | (inWord ? 0x80 : 0)
                count += (nonBlank & ~nonBlankBefore).nonzeroBitCount
                inWord = nonBlank >> 63 == 1
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            let blank = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !blank && !inWord { count += 1 }
            inWord = !blank
            index += 1
        }
        return count
    }

    /// A heading becomes `<hN id="...">text<a class="heading-anchor" href="#id">#</a></hN>`.
    private func replaceHeadingNodes() {
        for (heading, node) in zip(headings, headingNodes) {
            let id = HTMLEscaping.escape(heading.id)
            let block = Cmark.customBlock()
            let inline = Cmark.customInline(
                enter: "<h\(heading.level) id=\"\(id)\">",
                exit: "<a class=\"heading-anchor\" href=\"#\(id)\" aria-label=\"Link naar deze kop\">#</a></h\(heading.level)>")
            node.moveChildren(to: inline)
            cmark_node_append_child(block, inline)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
        headingNodes = []
    }
}

extension StringProtocol where SubSequence == Substring, UTF8View: BidirectionalCollection {
    /// The text without spaces and tabs at either end, trimmed on its UTF-8 bytes.
    func trimmingSpacesAndTabs() -> String {
        let bytes = utf8
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// A node seen by `MarkdownDocument.walkWithContext`: where it stands in the body and whether a
/// link or image encloses it.
struct NodeContext {
    var node: CmarkNode
    var position: (line: Int, column: Int)
    var isInsideLink: Bool
}
