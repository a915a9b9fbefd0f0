import Foundation
import KortompediaCore
import KortompediaRender
import KortompediaSite
import KortompediaSource

/// What the preview keeps of its last full build, so that an edit to the body of one page can be
/// shown at once: the page alone is read, parsed and rendered again against the last build, like
/// Hugo's "fast render", in milliseconds even on a site of 10,000 articles. The dev server then
/// runs the full (cached) rebuild, which brings lists, backlinks, related articles and the search
/// index up to date and is byte-identical to `kortompedia build`.
public struct PreviewState: Sendable {
    let options: BuildOptions
    let sources: LoadedSources
    let theme: Theme
    let views: [Audience: AudienceView]
    /// Built once here, so that an update only swaps one page in.
    let table: LinkTable

    init(options: BuildOptions, sources: LoadedSources, theme: Theme, views: [Audience: AudienceView]) {
        self.options = options
        self.sources = sources
        self.theme = theme
        self.views = views
        table = LinkTable(pages: sources.pages, attachments: sources.attachments, failedPages: sources.failedPages)
    }

    /// The output file (`kortompedia/<slug>/index.html`) of each page of `audience`'s build, by
    /// its source path (`articles/<slug>.md`): where the preview shows a page's warnings.
    public func outputFiles(of audience: Audience) -> [String: String] {
        Dictionary((views[audience]?.pages ?? []).map { ($0.sourcePath, SitePath.file(for: $0.ref.sitePath)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The page at `path` (relative to the site root) rendered again for every audience built,
    /// when the edit changed its body only: the same front matter (so the same title, slug,
    /// access, dates, themes and tags, and nothing any other page shows of it can change except
    /// a derived summary), and a body whose links all resolve. Nil when the change needs the
    /// full build: another kind of file, a new or deleted page, changed front matter, or any
    /// error (the full build reports it).
    public func quickUpdate(path: String) -> [Audience: OutputFile]? {
        guard let index = sources.pages.firstIndex(where: { $0.path == path }) else { return nil }
        let previous = sources.pages[index]
        let decoder = FrontMatterDecoder(config: sources.config)
        let (loaded, loadDiagnostics) = SourceTreeLoader.loadPage(kind: previous.kind, path: path, root: options.root, decoder: decoder)
        // The same front matter, and nothing a link resolves by changed (`canReplace`).
        guard let page = loaded, !loadDiagnostics.hasErrors, page.frontMatter == previous.frontMatter,
            table.canReplace(pageAt: index, with: page)
        else { return nil }
        let (compiled, diagnostics) = PageCompiler(table: table, config: sources.config).compile(page, at: index)
        guard !diagnostics.hasErrors else { return nil }

        let renderer = SiteRenderer(theme: theme, workers: 1, injectedScript: options.injectedScript)
        var files: [Audience: OutputFile] = [:]
        for (audience, view) in views {
            guard view.pages.indices.contains(index), view.pages[index].sourcePath == path else { return nil }
            let pageView = compiled.view(for: audience, keepingListsOf: view.pages[index])
            files[audience] = renderer.renderPage(pageView, of: view)
        }
        return files
    }
}
