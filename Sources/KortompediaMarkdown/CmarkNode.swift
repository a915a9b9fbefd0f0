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
    static func plainText(of root: CmarkNode, bareWikiLinks: [CmarkNode: String] = [:]) -> String {
        // Bytes first, one String at the end: a String per text node was most of this.
        var out: [UInt8] = []
        guard let iterator = cmark_iter_new(root) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    let count = strlen(literal)
                    literal.withMemoryRebound(to: UInt8.self, capacity: count) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append(UInt8(ascii: " "))
            case CMARK_NODE_LINK:
                if !bareWikiLinks.isEmpty, let text = bareWikiLinks[node] { out.append(contentsOf: text.utf8) }
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
