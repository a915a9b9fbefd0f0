import KortompediaCore
import Mustache
import Synchronization

/// Where a theme's templates print a value that is the same on every page at one depth
/// (`{{root}}`, `{{site.title}}`), so that those tags can be replaced by the text they print
/// before the templates are parsed again for that depth (`library(for:original:)`).
///
/// swift-mustache spends about 3 µs on each lookup, and a page's `{{root}}`s and `{{site.*}}`s
/// are about a fifth of its lookups. A compiler would call this constant folding. It is done
/// only where the result is certain to be the same bytes:
///
/// - only a variable tag (`{{x}}`, `{{{x}}}`, `{{&x}}`) outside every section, in a template
///   that is never rendered inside a section (every partial and parent that includes it is
///   outside sections too), and inside a parent's block only when every block is expanded
///   outside sections: anywhere else, an object a section pushed could answer the name first;
/// - only a value that is text, not empty, without a line break, without a space or tab at its
///   start and without a brace: such a text keeps every line of the template as it was (which
///   tags stand alone on their line, where a partial's indentation goes) and cannot form a tag
///   with what surrounds it;
/// - not at all in a theme that changes delimiters, sets a content type or names a partial
///   dynamically, whose tags this scan would have to interpret further.
///
/// The text is checked again for every page (`FoldedLibrary.holds(for:)`): a page whose values
/// answer a folded name otherwise is rendered with the templates as written.
struct TemplateFolding: Sendable {
    /// A variable tag that may be folded: its byte range in the template's text, the name it
    /// looks up, split at its dots, and whether it escapes.
    struct Tag: Sendable, Equatable {
        var range: Range<Int>
        var path: [String]
        var escapes: Bool
    }

    /// Template texts by name, as written (without `EscapingHTML.pragma`).
    private let sources: [String: [UInt8]]
    /// The tags that may be folded, by template name, in text order.
    let foldable: [String: [Tag]]

    init(sources: [String: String]) {
        self.sources = sources.mapValues { Array($0.utf8) }
        var scans: [String: TemplateScan] = [:]
        for (name, text) in self.sources {
            guard let scan = TemplateScan(text) else {
                foldable = [:]
                return
            }
            scans[name] = scan
        }
        // Templates that may be rendered inside a section: included from inside one, or
        // included, at any depth, by such a template.
        var insideSections = Set(scans.values.flatMap { $0.inclusions.filter { $0.sectionDepth > 0 }.map(\.name) })
        func spread() {
            var pending = Array(insideSections)
            while let name = pending.popLast() {
                for inclusion in scans[name]?.inclusions ?? [] where insideSections.insert(inclusion.name).inserted {
                    pending.append(inclusion.name)
                }
            }
        }
        spread()
        // A block's text given in a parent tag is rendered where the parent expands the block.
        let blocksExpandOutsideSections = scans.allSatisfy { name, scan in
            scan.blockExpansionDepths.isEmpty || (!insideSections.contains(name) && scan.blockExpansionDepths.allSatisfy { $0 == 0 })
        }
        if !blocksExpandOutsideSections {
            insideSections.formUnion(scans.values.flatMap { $0.inclusions.filter(\.isInBlockOfParent).map(\.name) })
            spread()
        }
        var foldable: [String: [Tag]] = [:]
        for (name, scan) in scans where !insideSections.contains(name) {
            let tags = scan.variables.filter { $0.sectionDepth == 0 && (blocksExpandOutsideSections || !$0.isInBlockOfParent) }.map(\.tag)
            if !tags.isEmpty { foldable[name] = tags }
        }
        self.foldable = foldable
    }

    /// `original` with every foldable tag whose name `siteValues` answers with a text that is
    /// safe to write in (see the type's notes) replaced by that text, escaped where the tag
    /// escapes; nil when no tag is. Templates without such a tag are `original`'s own.
    func library(for siteValues: [String: Any], original: MustacheLibrary) -> FoldedLibrary? {
        var constants: [FoldedLibrary.Constant] = []
        var templates: [String: MustacheTemplate] = [:]
        for name in sources.keys.sorted() {
            guard let template = original.getTemplate(named: name) else { continue }
            templates[name] = template
            guard let (text, used) = foldedText(of: name, siteValues: siteValues) else { continue }
            // The folded text parses whenever the original did; if not, the original stays.
            guard let parsed = try? MustacheTemplate(string: EscapingHTML.pragma + text) else { continue }
            templates[name] = parsed
            for constant in used where !constants.contains(constant) { constants.append(constant) }
        }
        guard !constants.isEmpty else { return nil }
        return FoldedLibrary(library: MustacheLibrary(templates: templates), constants: constants)
    }

    /// The text of template `name` with its tags folded for `siteValues`, and the values it
    /// took; nil when no tag folds.
    func foldedText(of name: String, siteValues: [String: Any]) -> (text: String, constants: [FoldedLibrary.Constant])? {
        guard let tags = foldable[name], let text = sources[name] else { return nil }
        var folded: [UInt8] = []
        var constants: [FoldedLibrary.Constant] = []
        var copied = 0
        for tag in tags {
            guard let value = FoldedLibrary.text(at: tag.path, in: siteValues) else { continue }
            let printed = tag.escapes ? HTMLEscaping.escape(value) : value
            guard Self.isSafeToWriteIn(printed) else { continue }
            folded += text[copied..<tag.range.lowerBound]
            folded += printed.utf8
            copied = tag.range.upperBound
            constants.append(FoldedLibrary.Constant(path: tag.path, text: value))
        }
        guard copied > 0 else { return nil }
        folded += text[copied...]
        return (String(decoding: folded, as: UTF8.self), constants)
    }

    /// Text that keeps every line of a template as it was and forms no tag with its
    /// neighbours: not empty, no line break, no space or tab first, no brace.
    static func isSafeToWriteIn(_ text: String) -> Bool {
        guard let first = text.first, first != " ", first != "\t" else { return false }
        return !text.contains { $0.isNewline || $0 == "{" || $0 == "}" }
    }
}

/// A theme's templates for the pages at one depth, with the values that are the same on all of
/// them folded in (see `TemplateFolding`).
struct FoldedLibrary: Sendable {
    /// A folded name and the text its value had (before escaping).
    struct Constant: Sendable, Equatable {
        var path: [String]
        var text: String
    }

    let library: MustacheLibrary
    let constants: [Constant]

    /// Whether `values`, a page's values, answer every folded name with the folded text, so
    /// that this library renders the page exactly as the theme's own would.
    func holds(for values: [String: Any]) -> Bool {
        constants.allSatisfy { Self.text(at: $0.path, in: values) == $0.text }
    }

    /// The text at `path` (`site`, `title`) in `values`, as swift-mustache finds it from the
    /// bottom of its stack: the first name in `values`, the others each in the object before.
    static func text(at path: [String], in values: [String: Any]) -> String? {
        guard let first = path.first else { return nil }
        var value = values[first]
        for name in path.dropFirst() {
            value = (value as? TemplateObject)?.child(named: name)
        }
        switch value {
        case let text as TemplateString: return text.text
        case let text as TemplateText: return text.text
        case let text as String: return text
        default: return nil
        }
    }
}

/// The folded libraries of one audience's render, made the first time a depth is asked for.
final class FoldedTemplates: Sendable {
    private let folding: TemplateFolding
    private let original: MustacheLibrary
    private let context: TemplateContext
    /// The folded library by `root`; nil where nothing folds.
    private let libraries = Mutex<[String: FoldedLibrary?]>([:])

    init(folding: TemplateFolding, original: MustacheLibrary, context: TemplateContext) {
        self.folding = folding
        self.original = original
        self.context = context
    }

    /// The library to render a page with `values` at `root`: the folded one when there is one
    /// and it holds for the page, else nil (the theme's own).
    func library(root: String, values: [String: Any]) -> MustacheLibrary? {
        // Made under the lock: a second worker asking for the same depth needs it as much.
        let folded = libraries.withLock { libraries in
            if let known = libraries[root] { return known }
            let made = folding.library(for: context.siteValues(root: root), original: original)
            libraries[root] = made
            return made
        }
        guard let folded, folded.holds(for: values) else { return nil }
        return folded.library
    }
}

/// One template's tags as swift-mustache will parse them, for `TemplateFolding` and
/// `DepthlessCard.suits(templateTexts:)`: the variables, the partials and parents it includes,
/// and where it expands blocks, each with the number of sections around it; and whether a tag
/// transforms. Nil for a template that uses what the scan does not follow: other
/// delimiters, a content type, a dynamic partial, or sections that do not close.
struct TemplateScan {
    struct Variable {
        var tag: TemplateFolding.Tag
        var sectionDepth: Int
        var isInBlockOfParent: Bool
    }

    struct Inclusion {
        var name: String
        var sectionDepth: Int
        var isInBlockOfParent: Bool
    }

    private(set) var variables: [Variable] = []
    private(set) var inclusions: [Inclusion] = []
    /// The section depth of each `{{$block}}` expanded here (not given to a parent).
    private(set) var blockExpansionDepths: [Int] = []
    /// Whether a tag holds `(`: a transform (`{{uppercased(url)}}`, `{{#reversed(list)}}`), or a
    /// comment that mentions one, counted alike.
    private(set) var hasTransforms = false

    private enum Scope {
        case section, parent, blockOfParent, block
    }

    init?(_ text: [UInt8]) {
        let open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8), tripleClose: [UInt8] = Array("}}}".utf8)
        var scopes: [(name: String, scope: Scope)] = []
        var position = 0
        while let start = ByteSearch.firstIndex(of: open, in: text, from: position) {
            let sigilIndex = start + 2
            guard sigilIndex < text.count else { return nil }
            let sigil = text[sigilIndex]
            let sectionDepth = scopes.count { $0.scope == .section }
            let isInBlockOfParent = scopes.contains { $0.scope == .blockOfParent }
            if sigil == UInt8(ascii: "{") {
                guard let end = ByteSearch.firstIndex(of: tripleClose, in: text, from: sigilIndex + 1) else { return nil }
                hasTransforms = hasTransforms || text[sigilIndex..<end].contains(UInt8(ascii: "("))
                let tag = TemplateFolding.Tag(range: start..<end + 3, path: Self.path(text[sigilIndex + 1..<end]), escapes: false)
                variables.append(Variable(tag: tag, sectionDepth: sectionDepth, isInBlockOfParent: isInBlockOfParent))
                position = end + 3
                continue
            }
            guard let end = ByteSearch.firstIndex(of: close, in: text, from: sigilIndex) else { return nil }
            hasTransforms = hasTransforms || text[sigilIndex..<end].contains(UInt8(ascii: "("))
            let name = Self.trimmed(text[sigilIndex + 1..<end])
            switch sigil {
            case UInt8(ascii: "!"):
                break
            case UInt8(ascii: "="), UInt8(ascii: "%"):
                return nil
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                scopes.append((name, .section))
            case UInt8(ascii: "/"):
                guard scopes.last?.name == name else { return nil }
                scopes.removeLast()
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                guard !name.hasPrefix("*") else { return nil }
                inclusions.append(Inclusion(name: name, sectionDepth: sectionDepth, isInBlockOfParent: isInBlockOfParent))
                if sigil == UInt8(ascii: "<") { scopes.append((name, .parent)) }
            case UInt8(ascii: "$"):
                if case .parent = scopes.last?.scope {
                    scopes.append((name, .blockOfParent))
                } else {
                    blockExpansionDepths.append(sectionDepth)
                    scopes.append((name, .block))
                }
            case UInt8(ascii: "&"):
                let tag = TemplateFolding.Tag(range: start..<end + 2, path: Self.path(text[sigilIndex + 1..<end]), escapes: false)
                variables.append(Variable(tag: tag, sectionDepth: sectionDepth, isInBlockOfParent: isInBlockOfParent))
            default:
                let tag = TemplateFolding.Tag(range: start..<end + 2, path: Self.path(text[sigilIndex..<end]), escapes: true)
                variables.append(Variable(tag: tag, sectionDepth: sectionDepth, isInBlockOfParent: isInBlockOfParent))
            }
            position = end + 2
        }
        guard scopes.isEmpty else { return nil }
    }

    /// A variable's name split at its dots; empty for `.` and names with transforms, which are
    /// never folded.
    private static func path(_ bytes: ArraySlice<UInt8>) -> [String] {
        let name = trimmed(bytes)
        guard name != ".", !name.hasPrefix("."), !name.contains("(") else { return [] }
        return name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

}
