import Yams

/// A way out of the YAML mistakes editors make most, added to Yams's own words when the line it
/// points at shows one of them: a value with `: ` in it and no quotes (`title: Crisis: wat
/// nu?`), the quote that a value starts with used inside it (`'Foto's maken'`, `"Een "goed"
/// plan"`), or a line indented with a tab; in a `key: value` line or a list item (`- 'Foto's'`).
/// The hint shows the line as it should be. A list item with `: ` in it is no YAML error but
/// a mapping, where text was meant (`hint(forItem:)`).
enum FrontMatterHint {
    /// The hint for a list item that YAML read as `key: value` (`- Crisis: wat nu?`), or nil.
    static func hint(forItem item: Node) -> String? {
        guard let mapping = item.mapping, mapping.count == 1, let (key, value) = mapping.first,
            let keyText = key.scalar?.string, let valueText = value.scalar?.string, !valueText.isEmpty
        else { return nil }
        return "an item with ': ' in it needs quotes: \(doubleQuoted(Substring(keyText + ": " + valueText)))"
    }

    /// The hint for `problem` (Yams's text) reported on `line` of the YAML, or nil.
    static func hint(problem: String, line: Substring) -> String? {
        if line.first == "\t" {
            return "indent with spaces, not with a tab"
        }
        guard let (lead, value) = leadAndValue(line) else { return nil }
        if let quote = value.first, quote == "'" || quote == "\"" {
            let inner = value.dropFirst().dropLast(value.count > 1 && value.last == quote ? 1 : 0)
            // A quote written the way YAML allows inside (`''`, `\"`) ends nothing.
            let unescaped = quote == "'" ? inner.replacing("''", with: "") : inner.replacing("\\\"", with: "")
            guard unescaped.contains(quote) else { return nil }
            if quote == "'" {
                return "a ' inside '…' ends the value: put it in double quotes: \(lead)\(doubleQuoted(inner.replacing("''", with: "'")))"
            }
            return "a \" inside \"…\" ends the value: put it in single quotes: \(lead)'\(inner.replacing("'", with: "''"))'"
        }
        if problem.contains("mapping values are not allowed"), value.contains(": ") || value.hasSuffix(":") {
            return "a value with ': ' in it needs quotes: \(lead)\(doubleQuoted(value))"
        }
        return nil
    }

    /// `title: ` and `Crisis: wat nu?` of `title: Crisis: wat nu?` (the key up to the first
    /// `: `), or `- ` and `Crisis: wat nu?` of the list item `  - Crisis: wat nu?`; the value
    /// trimmed. Nil for a line that is neither.
    private static func leadAndValue(_ line: Substring) -> (lead: String, value: Substring)? {
        let item = line.drop(while: { $0 == " " })
        if item.hasPrefix("- ") {
            let value = Substring(String(item.dropFirst(2)).trimmingBlanks())
            return value.isEmpty ? nil : ("- ", value)
        }
        guard let separator = line.firstRange(of: ": ") else { return nil }
        let key = line[..<separator.lowerBound]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let value = Substring(String(line[separator.upperBound...]).trimmingBlanks())
        return value.isEmpty ? nil : (key + ": ", value)
    }

    /// `text` in double quotes, with `\` and `"` escaped as YAML wants.
    private static func doubleQuoted(_ text: Substring) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
