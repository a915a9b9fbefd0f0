import CCmark

/// Task lists, as GitHub writes them: a list item whose text begins with `[ ]` or `[x]` (`[X]`)
/// and a space is a checklist entry. The marker becomes a checkbox that readers see ticked or
/// not (disabled: the page is a document, not a form), and leaves the text, so that search,
/// summaries and word counts do not see it. cmark (unlike cmark-gfm) has no such extension:
/// the tree is edited once, at parse time.
struct TaskListTransformer {
    /// The HTML of the checkbox.
    static func checkbox(checked: Bool) -> String {
        checked ? "<input type=\"checkbox\" class=\"task\" checked disabled> " : "<input type=\"checkbox\" class=\"task\" disabled> "
    }

    /// Turns every task marker under `root` into a checkbox; returns how many it found.
    @discardableResult
    func transform(_ root: CmarkNode) -> Int {
        var count = 0
        for item in Cmark.blocks(of: root, ofType: CMARK_NODE_ITEM) {
            guard let paragraph = item.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH else { continue }
            // cmark splits `[ ] text` into several text nodes (a bracket is a link opener that
            // found no link): read the leading ones together.
            var texts: [(node: CmarkNode, bytes: [UInt8])] = []
            var leading: [UInt8] = []
            var node = paragraph.firstChild
            while let current = node, current.type == CMARK_NODE_TEXT, leading.count < 4 {
                let bytes = Array(current.literal.utf8)
                texts.append((current, bytes))
                leading += bytes
                node = current.next
            }
            guard leading.count >= 4, leading[0] == UInt8(ascii: "["), leading[2] == UInt8(ascii: "]"),
                [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(leading[1]),
                leading[3] == UInt8(ascii: " ") || leading[3] == UInt8(ascii: "\t")
            else { continue }

            // Drop the four bytes of the marker from the text nodes that hold them.
            var left = 4
            for (textNode, bytes) in texts where left > 0 {
                if bytes.count <= left {
                    left -= bytes.count
                    cmark_node_unlink(textNode)
                    cmark_node_free(textNode)
                } else {
                    cmark_node_set_literal(textNode, String(decoding: bytes[left...], as: UTF8.self))
                    left = 0
                }
            }
            let box = Cmark.customInline(enter: Self.checkbox(checked: leading[1] != UInt8(ascii: " ")), exit: "")
            cmark_node_prepend_child(paragraph, box)
            count += 1
        }
        return count
    }
}
