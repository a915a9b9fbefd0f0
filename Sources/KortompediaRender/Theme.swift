import Foundation
import KortompediaCore
import Mustache

/// The templates of a theme (`theme/templates/*.mustache`, partials included) and the list of
/// its assets (`theme/assets/**`, copied as they are).
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Asset paths relative to `theme/assets/`, sorted.
    public let assets: [String]
    /// The digest of every template's name and text (nil when not loaded from files): part of
    /// each page's fingerprint, so that a changed template renders every page again.
    public let templatesDigest: ContentDigest?
    /// The keys of the shared fragments (`header` for `shared-header.mustache`), sorted: see
    /// `SharedFragments`.
    public let sharedFragments: [String]
    /// Where the templates print what is the same on every page at one depth (see
    /// `TemplateFolding`); nothing without the templates' texts.
    let folding: TemplateFolding
    /// Whether a page's card may be rendered once for every depth (see `DepthlessCard`).
    let cardsRenderOnceForEveryDepth: Bool

    /// The name prefix of a template rendered once per depth rather than once per page.
    public static let sharedFragmentPrefix = "shared-"

    /// The template names every theme must provide.
    public static let requiredTemplates = [
        "base", "home", "article", "teaser", "blog", "list", "themes", "search", "404", "redirect", "card",
    ]

    /// `sharedFragments`: keys of templates in `library` named with `sharedFragmentPrefix`.
    /// `templateTexts`: the text of each template of `library` as written, by name, for
    /// `TemplateFolding`; without them every page renders through `library` as it is.
    public init(
        library: MustacheLibrary, assets: [String], templatesDigest: ContentDigest? = nil, sharedFragments: [String] = [],
        templateTexts: [String: String] = [:]
    ) {
        self.library = library
        self.assets = assets
        self.templatesDigest = templatesDigest
        self.sharedFragments = sharedFragments.sorted()
        folding = TemplateFolding(sources: templateTexts)
        cardsRenderOnceForEveryDepth = DepthlessCard.suits(templateTexts: templateTexts)
    }

    /// Loads `theme/` under `root`. Parse errors and missing templates are reported together.
    public static func load(from root: URL) throws(DiagnosticsError) -> Theme {
        let templatesFolder = root.appendingPathComponent("theme/templates")
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var digest = ContentHasher()
        var sharedFragments: [String] = []
        var texts: [String: String] = [:]
        EscapingHTML.registered
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templatesFolder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = "theme/templates/\(name)"
            guard let data = FileManager.default.contents(atPath: templatesFolder.appendingPathComponent(name).path),
                let text = String(validating: data, as: UTF8.self)
            else {
                diagnostics.append(.error(SourceLocation(path: path), "cannot read template", code: "template"))
                continue
            }
            digest.add(tag: 0, name)
            digest.add(tag: 1, text)
            let templateName = String(name.dropLast(".mustache".count))
            if templateName.hasPrefix(sharedFragmentPrefix), templateName.count > sharedFragmentPrefix.count {
                sharedFragments.append(String(templateName.dropFirst(sharedFragmentPrefix.count)))
            }
            texts[templateName] = text
            do {
                try library.register(EscapingHTML.pragma + text, named: templateName)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma stands before the first line's text: not in the editor's columns.
                let line = error.context.lineNumber, column = error.context.columnNumber
                let location = SourceLocation(path: path, line: line, column: line == 1 ? max(1, column - EscapingHTML.pragma.count) : column)
                diagnostics.append(.error(location, "template error: \(error.error)", code: "template"))
            } catch {
                diagnostics.append(.error(SourceLocation(path: path), "template error: \(error)", code: "template"))
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil && !diagnostics.contains(where: { $0.location.path.hasSuffix("/\(required).mustache") }) {
            diagnostics.append(.error(SourceLocation(path: "theme/templates/\(required).mustache"), "missing template '\(required)'", code: "template"))
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return Theme(
            library: library, assets: listFiles(under: root.appendingPathComponent("theme/assets")), templatesDigest: digest.finalize(),
            sharedFragments: sharedFragments, templateTexts: texts)
    }

    static func listFiles(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [String] = []
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                !url.lastPathComponent.hasPrefix("."), path.hasPrefix(base)
            else { continue }
            files.append(String(path.dropFirst(base.count)))
        }
        return files.sorted()
    }
}

/// The escaping of `{{x}}` in every theme template: the same five characters as
/// swift-mustache's HTML content type (`&`, `<`, `>`, `"`, `'`), by `HTMLEscaping`, which
/// returns a string with none of them as it is instead of building it again Character by
/// Character (a third of the time of rendering a page, measured). `Theme.load` puts `pragma`
/// in front of each template; a template may still choose another content type itself.
struct EscapingHTML: MustacheContentType {
    static let name = "KORTOMPEDIA_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"
    static let registered: Void = MustacheContentTypes.register(EscapingHTML(), named: name)

    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}
