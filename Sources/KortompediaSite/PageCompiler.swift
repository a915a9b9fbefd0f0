import KortompediaCore
import KortompediaMarkdown
import KortompediaSource

/// The parse stage for one page: parses the body with cmark, resolves its links against the
/// `LinkTable`, and renders the body HTML for each audience that may read it, in one pass, so
/// that the cmark tree is freed before the next page. Pure: safe to run on many pages at once.
public struct PageCompiler: Sendable {
    public let table: LinkTable
    public let config: SiteConfig

    public init(table: LinkTable, config: SiteConfig) {
        self.table = table
        self.config = config
    }

    /// Compiles the page at `index` of the table. Link problems come back as diagnostics,
    /// errors or warnings as `site.json`'s `brokenLinks` says.
    public func compile(_ index: Int) -> (CompiledPage, [Diagnostic]) {
        compile(table.pages[index], at: index)
    }

    /// Compiles `source`, a new version of the page at `index` of the table with the same
    /// path, slug, kind, access and title (an edited body), without a new table.
    public func compile(_ source: SourcePage, at index: Int) -> (CompiledPage, [Diagnostic]) {
        compile(source, tableIndex: index)
    }

    /// Compiles the body of a page that failed to load (`LoadedSources.failedPageBodies`), for
    /// its diagnostics and its links and headings, which `SiteResolver` checks like any page's.
    /// The table does not hold it, and the result is never built.
    public func check(failedPage source: SourcePage) -> (CompiledPage, [Diagnostic]) {
        compile(source, tableIndex: nil)
    }

    private func compile(_ source: SourcePage, tableIndex index: Int?) -> (CompiledPage, [Diagnostic]) {
        let sitePath = SitePath.page(source.kind, source.slug)
        let document = MarkdownDocument(
            source.body,
            options: MarkdownOptions(path: source.path, firstLine: source.bodyFirstLine, allowRawHTML: config.allowRawHTML),
            wikiTitle: table.wikiTitle)
        var diagnostics = document.droppedHTML.map { dropped in
            Diagnostic.warning(
                dropped.location, "raw HTML left out: '\(dropped.excerpt())' (site.json has \"allowRawHTML\": false)", code: .rawHTML)
        }
        diagnostics += document.footnoteIssues.map { Diagnostic.warning($0.location, $0.message, code: .footnote) }
        diagnostics += document.accessibilityNotes.map { Diagnostic.warning($0.location, $0.message, code: $0.kind.code) }
        var resolved: [ResolvedLink] = []
        var targets: [LinkTarget?] = []
        var attachments: [String: String] = [:]
        let severity: Diagnostic.Severity = config.brokenLinks == .error ? .error : .warning
        for link in document.links {
            switch table.resolve(link, inDirectory: source.directory, pageIndex: index) {
            case .success(let target):
                targets.append(target)
                resolved.append(ResolvedLink(target: target, destination: link.destination, location: link.location, kind: link.kind))
                if case .attachment(let path) = target {
                    attachments[path] = sitePath + AttachmentNaming.fileName(for: path, in: source.directory)
                }
            case .failure(let problem):
                targets.append(nil)
                diagnostics.append(Diagnostic(severity, link.location, problem.message, code: WarningCode.brokenLink.rawValue))
            }
        }

        func render(for audience: Audience) -> String {
            var position = 0
            return document.renderHTML { _ in
                defer { position += 1 }
                guard let target = targets[position] else { return .broken }
                return rendering(of: target, from: sitePath, audience: audience, attachments: attachments)
            }
        }
        let membersHTML = render(for: .members)
        var publicHTML: String?
        if source.access == .public {
            let differs = targets.contains { target in
                if case .page(let other, _)? = target { return table.pages[other].access == .members }
                return false
            }
            publicHTML = differs ? render(for: .public) : membersHTML
        }

        var compiledSource = source
        compiledSource.body = ""  // the Markdown is not needed any more: keep memory flat on large sites
        let page = CompiledPage(
            source: compiledSource, sitePath: sitePath, headings: document.headings, links: resolved,
            sections: document.sections, derivedSummary: CompiledPage.cut(document.firstParagraph),
            wordCount: document.wordCount, membersHTML: membersHTML, publicHTML: publicHTML,
            attachments: attachments)
        return (page, diagnostics)
    }

    /// What a resolved link becomes for an audience. In the public build a link to a members-only
    /// page points at its teaser, without a heading fragment, and says it is for members.
    func rendering(of target: LinkTarget, from sitePath: String, audience: Audience, attachments: [String: String]) -> LinkRendering {
        switch target {
        case .page(let index, let fragment):
            let page = table.pages[index]
            let targetPath = SitePath.page(page.kind, page.slug)
            let readable = audience.canRead(page.access)
            var href = SitePath.relative(from: sitePath, to: targetPath)
            if let fragment, readable { href += "#" + fragment }
            if page.access == .members && audience == .public {
                return .internal(href: href, classes: ["members-only"], note: "alleen voor leden", targetTitle: page.frontMatter.title)
            }
            return .internal(href: href, targetTitle: page.frontMatter.title)
        case .ownHeading(let id):
            return .internal(href: "#" + id)
        case .attachment(let path):
            let output = attachments[path] ?? path
            return .internal(href: SitePath.relative(from: sitePath, to: output))
        case .external(let url):
            return .external(href: url)
        case .unchecked(let url):
            return .internal(href: url)
        }
    }
}

/// Names of copied attachments: the path as written relative to the page's folder when it stays
/// below it (`img/schema.png`), else its file name prefixed by a short digest of its source path.
enum AttachmentNaming {
    static func fileName(for sourcePath: String, in directory: String) -> String {
        let prefix = directory + "/"
        if sourcePath.hasPrefix(prefix) { return String(sourcePath.dropFirst(prefix.count)) }
        let name = sourcePath.split(separator: "/").last.map(String.init) ?? sourcePath
        let digest = String(StableDigest.of(sourcePath.utf8) & 0xffff_ffff, radix: 16)
        return "bestanden-\(digest)/\(name)"
    }
}
