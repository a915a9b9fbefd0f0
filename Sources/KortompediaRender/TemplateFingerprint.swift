import KortompediaCore

/// The digest of everything one rendered file depends on: the theme's templates, the template
/// used, the script injected by `serve`, and the values the template sees. Two renders with
/// the same fingerprint give the same bytes, which is what lets `build --incremental` skip
/// a page whose fingerprint it has seen before. The values are walked in a canonical order
/// (dictionary keys sorted), so the fingerprint does not depend on how they were built, nor on
/// whether they are already in the form templates get (`TemplateValues`).
struct TemplateFingerprint {
    /// The fingerprint, or nil when a value is of a kind it does not know (such a file is
    /// always rendered).
    static func of(templates: ContentDigest, template: String, injectedScript: String, values: [String: Any]) -> ContentDigest? {
        var hasher = ContentHasher()
        hasher.add(tag: 0, templates)
        hasher.add(tag: 0, template)
        hasher.add(tag: 0, injectedScript)
        guard add(values, to: &hasher) else { return nil }
        return hasher.finalize()
    }

    private static func add(_ value: Any, to hasher: inout ContentHasher) -> Bool {
        switch value {
        case let text as TemplateText:
            hasher.add(tag: 1, text.text)
        case let string as String:
            hasher.add(tag: 2, string)
        case let string as TemplateString:
            hasher.add(tag: 2, string.text)
        case let bool as Bool:
            hasher.add(tag: 3, count: bool ? 1 : 0)
        case let int as Int:
            hasher.add(tag: 4, count: int)
        case let dictionary as [String: Any]:
            hasher.add(tag: 5, count: dictionary.count)
            for key in dictionary.keys.sorted() {
                hasher.add(tag: 6, key)
                guard add(dictionary[key]!, to: &hasher) else { return false }
            }
        case let object as TemplateObject:
            guard add(object.values, to: &hasher) else { return false }
        case let array as [Any]:
            hasher.add(tag: 7, count: array.count)
            for element in array {
                guard add(element, to: &hasher) else { return false }
            }
        default:
            return false
        }
        return true
    }
}
