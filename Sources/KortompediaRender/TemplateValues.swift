import Mustache

/// The values handed to swift-mustache, converted once from the plain dictionaries, arrays and
/// strings that `TemplateContext` builds.
///
/// swift-mustache asks every value it meets what it is by dynamic casts: a `[String: Any]` only
/// through a conditional conformance, a `String` only after it failed to be a template, a
/// custom renderable, a lambda and an optional (and then once more inside
/// `String(describing:)`). Profiles at 10,000 articles put a third of the render stage in
/// those casts. A `TemplateObject` is a parent at the first cast and a `TemplateString` is
/// rendered at the second; everything else is passed on as it was. What is rendered is the
/// same, and so is what a section does with it.
enum TemplateValues {
    /// Each of `values` prepared: for the few pages (lists, redirects) whose values are built
    /// in plain form. `TemplateContext` builds the values of every page ready.
    static func preparedEach(_ values: [String: Any]) -> [String: Any] {
        values.mapValues(prepared)
    }

    /// `value` with its dictionaries and strings, at any depth, in the cheaper forms.
    static func prepared(_ value: Any) -> Any {
        switch value {
        case let string as String:
            return TemplateString(string)
        case let dictionary as [String: Any]:
            return TemplateObject(dictionary.mapValues(prepared))
        case let array as [Any]:
            return array.map(prepared)
        default:
            return value
        }
    }
}

/// A dictionary as a template sees it (`{{page.title}}`).
struct TemplateObject: MustacheParent {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? { values[name] }
}

/// A string as a template sees it: printed like the `String` it holds (escaped by `{{x}}`),
/// true in a section even when empty, and open to the same transforms (`{{uppercased(x)}}`).
struct TemplateString: MustacheCustomRenderable, MustacheTransformable, CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
