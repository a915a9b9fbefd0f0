import CCmark
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin helpers over cmark's C node API. Every `cmark_node *` stays inside this module
/// (`OpaquePointer`); nothing here is public.
typealias CmarkNode = OpaquePointer

extension OpaquePointer {
    var type: cmark_node_type { cmark_node_get_type(self) }
    var parent: CmarkNode? { cmark_node_parent(self) }
    var firstChild: CmarkNode? { cmark_node_first_child(self) }
    var next: CmarkNode? { cmark_node_next(self) }
    var literal: String { cmark_node_get_literal(self).map { String(cString: $0) } ?? "" }
    var url: String { cmark_node_get_url(self).map { String(cString: $0) } ?? "" }
    var title: String { cmark_node_get_title(self).map { String(cString: $0) } ?? "" }
    var startLine: Int { Int(cmark_node_get_start_line(self)) }
    var startColumn: Int { Int(cmark_node_get_start_column(self)) }
    var endLine: Int { Int(cmark_node_get_end_line(self)) }

    /// The line a link or image starts on. cmark (0.30) gives one whose label runs over a line
    /// break the line of its closing bracket (with the column of its opening one); the first
    /// leaf of its label was scanned where it stands.
    var linkStartLine: Int {
        var line = startLine
        var node = firstChild
        while let current = node {
            let childLine = current.startLine
            if childLine > 0 && childLine < line { line = childLine }
            node = current.firstChild
        }
        return line
    }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.next
        }
        return result
    }

    /// Whether any ancestor has one of the given types.
    func hasAncestor(_ types: Set<UInt32>) -> Bool {
        var node = parent
        while let current = node {
            if types.contains(current.type.rawValue) { return true }
            node = current.parent
        }
        return false
    }

    /// Moves all children of `self` to the end of `target`.
    func moveChildren(to target: CmarkNode) {
        while let child = firstChild {
            cmark_node_unlink(child)
            cmark_node_append_child(target, child)
        }
    }
}

enum Cmark {
    static func new(_ type: cmark_node_type) -> CmarkNode { cmark_node_new(type) }

    static func customInline(enter: String, exit: String) -> CmarkNode {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    static func customBlock(enter: String = "", exit: String = "") -> CmarkNode {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    static func text(_ literal: String) -> CmarkNode {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, literal)
        return node
    }

    /// The blocks of `type` under `root` (itself included), in document order, collected before
    /// any edit. Only blocks that hold blocks are entered: the inline content of paragraphs
    /// and headings, most of a tree's nodes, is never visited. Without recursion: lists and
    /// block quotes can nest ten thousand deep.
    static func blocks(of root: CmarkNode, ofType type: cmark_node_type) -> [CmarkNode] {
        var nodes: [CmarkNode] = []
        var node = root
        walk: while true {
            let nodeType = node.type
            if nodeType == type { nodes.append(node) }
            if holdsBlocks(nodeType), let child = node.firstChild {
                node = child
                continue
            }
            while node != root {
                if let sibling = node.next {
                    node = sibling
                    continue walk
                }
                guard let parent = node.parent else { break walk }
                node = parent
            }
            break
        }
        return nodes
    }

    /// Node types whose children are blocks (a custom block, as tables build them, may also
    /// hold custom inlines: those are seen, not entered).
    private static func holdsBlocks(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CUSTOM_BLOCK: true
        default: false
        }
    }

    /// All nodes in document order (entering events only), collected before any edit.
    static func allNodes(of root: CmarkNode) -> [CmarkNode] {
        var nodes: [CmarkNode] = []
        guard let iterator = cmark_iter_new(root) else { return nodes }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { nodes.append(node) }
        }
        return nodes
    }

    /// Plain text of a node's inline content: text and code literals, breaks as spaces. A bare
    /// `[[slug]]` has no children until it is rendered: its text in `bareWikiLinks` stands in,
    /// so that headings, summaries and search text keep the words.
    ///
    /// A table (`PipeTableTransformer`: custom blocks for the table and its rows, a custom
    /// inline per cell) gives one line per row with its cells separated by spaces, so that the
    /// words of neighbouring cells stay apart for search, excerpts and word counts.
    static func plainText(of root: CmarkNode, bareWikiLinks: [CmarkNode: String] = [:]) -> String {
        // Bytes first, one String at the end: a String per text node was most of this.
        var out: [UInt8] = []
        appendPlainText(of: root, bareWikiLinks: bareWikiLinks, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `plainText(of:bareWikiLinks:)` appended to `out` as UTF-8: the same bytes, whatever
    /// `out` held before.
    static func appendPlainText(of root: CmarkNode, bareWikiLinks: [CmarkNode: String] = [:], to out: inout [UInt8]) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        let start = out.count
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        /// The length of `out` right after its last separator.
        var lengthAfterSeparator = -1
        /// Ends a word (`space`) or a line (`newline`) unless the text is empty or already ends
        /// one; a line end replaces a space before it.
        func separate(with separator: UInt8) {
            guard out.count > start, let last = out.last, last != newline else { return }
            if last == space {
                if separator == newline { out[out.count - 1] = newline }
            } else {
                out.append(separator)
            }
            lengthAfterSeparator = out.count
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = node.type
            if event == CMARK_EVENT_EXIT {
                // The end of a table row (or of the table, its head or body).
                if type == CMARK_NODE_CUSTOM_BLOCK, node != root { separate(with: newline) }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { append(literal, to: &out) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append(space)
            case CMARK_NODE_LINK:
                if !bareWikiLinks.isEmpty, let text = bareWikiLinks[node] { out.append(contentsOf: text.utf8) }
            case CMARK_NODE_CUSTOM_INLINE:
                // A table cell: an inline directly in a row. (Inlines elsewhere, such as a
                // link's placeholder or a task's checkbox, are part of the running text.)
                if node.parent?.type == CMARK_NODE_CUSTOM_BLOCK { separate(with: space) }
            default: break
            }
        }
        // No separator after the last cell: only the text's own spaces stay.
        if out.count == lengthAfterSeparator { out.removeLast() }
    }

    /// A C string's bytes (a node's literal) appended to `out`.
    static func append(_ cString: UnsafePointer<CChar>, to out: inout [UInt8]) {
        let count = strlen(cString)
        cString.withMemoryRebound(to: UInt8.self, capacity: count) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
    }
}
