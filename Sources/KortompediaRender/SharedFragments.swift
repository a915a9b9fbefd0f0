import Mustache
import Synchronization

/// The theme's shared fragments (`theme/templates/shared-<name>.mustache`, such as the site
/// header and footer), each rendered once per audience and depth instead of once per page.
///
/// A shared fragment sees only `TemplateContext.siteValues`: what is the same on every page
/// at one depth (`root`, `site`, `nav`, `searchURL`). Every template gets the results as
/// `{{{shared.<name>}}}`, without the one line break that ends the fragment's file, like a
/// partial on a line of its own. The layout's header and footer were a fifth of every
/// page's template lookups; rendering them once per depth gives the same bytes.
final class SharedFragments: Sendable {
    private let renderer: TemplateRenderer
    private let context: TemplateContext
    /// Template names (`shared-header`) by the key templates use (`header`).
    private let templates: [(key: String, template: String)]
    /// Rendered fragments by `root`, then by key.
    private let rendered = Mutex<[String: [String: String]]>([:])

    init(theme: Theme, renderer: TemplateRenderer, context: TemplateContext) {
        self.renderer = renderer
        self.context = context
        templates = theme.sharedFragments.map { (key: $0, template: Theme.sharedFragmentPrefix + $0) }
    }

    /// The value of `shared` for a page `root` (`../../`) below the site root, or nil when
    /// the theme has no shared fragments.
    func values(root: String) -> TemplateObject? {
        guard !templates.isEmpty else { return nil }
        if let ready = rendered.withLock({ $0[root] }) { return Self.object(ready) }
        // Rendered outside the lock: two workers may both render a depth first seen at the
        // same time, with the same result.
        let siteValues = TemplateObject(context.siteValues(root: root))
        var fragments: [String: String] = [:]
        for (key, template) in templates {
            var html = renderer.render(template, siteValues)
            if html.last?.isNewline == true { html.removeLast() }
            fragments[key] = html
        }
        rendered.withLock { $0[root] = fragments }
        return Self.object(fragments)
    }

    private static func object(_ fragments: [String: String]) -> TemplateObject {
        TemplateObject(fragments.mapValues { TemplateString($0) })
    }
}
