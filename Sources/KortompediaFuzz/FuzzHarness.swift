import Foundation
import KortompediaCore
import KortompediaMarkdown
import KortompediaSite
import KortompediaSource

/// Runs one input through every stage that reads text an editor wrote: front-matter splitting,
/// YAML mapping, `site.json`, slugs, site paths, dates, link parsing and resolution, Markdown
/// rendering and the audience split. Besides crashes (which the sanitizers catch), it checks
/// invariants that must hold for any input and traps when one does not, so that libFuzzer keeps
/// the input: a slug that is not a slug, an alias that climbs out of the site, a `<script>` from
/// a body without `allowRawHTML`, or anything of the members-only page in the public view.
enum FuzzHarness {
    /// Stops the run with a message; libFuzzer (or the replay driver) records the input.
    static func fail(_ message: String) -> Never {
        fatalError("fuzz invariant violated: \(message)")
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }

    static let theme = Slug(validating: "thema")!

    static func config(allowRawHTML: Bool) -> SiteConfig {
        SiteConfig(
            title: "Fuzz", baseURL: "https://example.org/", allowRawHTML: allowRawHTML,
            themes: [.init(slug: theme, title: "Thema", description: "")],
            membership: .init(joinURL: "https://example.org/lid", loginURL: "https://example.org/login"))
    }

    /// Text that only the members-only page holds; the public view must never contain it.
    static let secretWord = "fuzzsecret"
    static let secretHeadingID = "kop-geheim"
    static let secretAttachment = "articles/img/geheim.png"
    static let attachments = [secretAttachment, "articles/img/open.png", "articles/bestand.pdf"]

    /// A members-only article with a secret in every place a body can hold one.
    static let secretPage = SourcePage(
        kind: .article, path: "articles/geheim.md",
        frontMatter: FrontMatter(
            title: "Geheim", themes: [theme], access: .members, date: Day("2024-01-01")!,
            slug: Slug(validating: "geheim")!, extra: ["bron": .string("FUZZSECRET bron")]),
        body: """
            FUZZSECRET eerste alinea, de bron van een afgeleide samenvatting.

            ## Kop geheim

            Tekst met ![alt FUZZSECRET](img/geheim.png), `FUZZSECRET code` en [[openbaar]].

            | kolom | FUZZSECRET |
            | --- | --- |
            | cel FUZZSECRET | [FUZZSECRET](https://example.org/FUZZSECRET) |

            """,
        bodyFirstLine: 6, contentDigest: 1)

    /// A public article that links to the secret page's heading.
    static let publicPage = SourcePage(
        kind: .article, path: "articles/openbaar.md",
        frontMatter: FrontMatter(
            title: "Openbaar", themes: [theme], access: .public, date: Day("2024-01-02")!,
            slug: Slug(validating: "openbaar")!),
        body: "Openbaar: [[geheim#kop-geheim]], [[geheim#kop-geheim|lees]] en [meer](geheim.md#kop-geheim) ![x](img/open.png).\n",
        bodyFirstLine: 6, contentDigest: 2)

    /// The stack of the thread the Markdown and site stages run on: an eighth of what a build's
    /// worker threads get (8 MiB), so that recursion that grows with the input overflows on
    /// inputs short enough for the fuzzer to find (a recursive walk of 10,000 nested block quotes
    /// overflowed a worker). YAML stays on the caller's thread: libyaml stops at 1,000 levels,
    /// and Yams' recursion to that depth needs more than this.
    static let markdownStackSize = 1 << 20

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let flags = bytes.first ?? 0
        checkLines(text)
        checkSplit(text)
        let decoded = checkDecode(bytes)
        checkSiteConfig(text)
        onSmallStack {
            checkSite(text: text, decoded: decoded, allowRawHTML: flags & 2 != 0, fallbackAccess: flags & 1 == 0 ? .public : .members)
        }
    }

    static func onSmallStack(_ work: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            work()
            done.signal()
        }
        thread.stackSize = markdownStackSize
        thread.start()
        done.wait()
    }

    // MARK: - Slugs, site paths, dates, links: one line at a time

    static let table = LinkTable(pages: [secretPage, publicPage], attachments: attachments)

    static func checkLines(_ text: String) {
        // The first lines only: enough for every construct, and keeps a run fast.
        for line in text.split(separator: "\n").prefix(16).map(String.init) {
            let slug = Slug(slugifying: line)
            check(slug.isEmpty || Slug.isValid(slug.rawValue), "slugify gave an invalid slug \(slug.rawValue.debugDescription)")
            check(Slug(slugifying: slug.rawValue) == slug, "slugify is not idempotent on \(line.debugDescription)")
            if let valid = Slug(validating: line) {
                check(valid.rawValue == line && Slug(slugifying: line) == valid, "a valid slug changes when slugified: \(line.debugDescription)")
            }

            switch SitePathValidator.normalise(line) {
            case .success(let path):
                check(isSafeSitePath(path), "alias \(line.debugDescription) normalised to unsafe \(path.debugDescription)")
                check(SitePathValidator.normalise(path) == .success(path), "alias normalisation is not idempotent: \(path.debugDescription)")
            case .failure: break
            }

            if let day = Day(line) {
                check(day.description == line, "date \(line.debugDescription) prints as \(day)")
                check(Day(day.description) == day, "date does not round-trip: \(line.debugDescription)")
            }

            for kind in [LinkOccurrence.Kind.link, .wiki, .image] {
                let link = LinkOccurrence(kind: kind, destination: line, location: SourceLocation(path: "articles/openbaar.md", line: 1, column: 1))
                checkResolution(table.resolve(link, from: 0), of: link)
            }
        }
    }

    /// What `SiteWriter` accepts: relative, no empty, `.` or `..` segment, no backslash or drive.
    static func isSafeSitePath(_ path: String) -> Bool {
        guard path.hasSuffix("/"), !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"), !path.contains(":") else { return false }
        let segments = path.dropLast().split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && !segments.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    static func checkResolution(_ result: Result<LinkTarget, LinkProblem>, of link: LinkOccurrence) {
        guard case .success(let target) = result else { return }
        switch target {
        case .attachment(let path):
            check(attachments.contains(path), "link \(link.destination.debugDescription) resolved to an unknown attachment \(path)")
        case .external(let url):
            let lower = url.lowercased()
            check(lower.hasPrefix("http://") || lower.hasPrefix("https://"), "external link with another scheme: \(url.debugDescription)")
        case .unchecked(let url):
            let lower = url.lowercased()
            check(!lower.hasPrefix("javascript:") && !lower.hasPrefix("vbscript:"), "script URL accepted: \(url.debugDescription)")
            check(link.kind == .image || !lower.hasPrefix("data:"), "data: link accepted: \(url.debugDescription)")
        case .page(let index, _):
            check(index >= 0 && index < table.pages.count, "page index out of range")
        case .ownHeading:
            break
        }
    }

    // MARK: - Front matter

    static func checkSplit(_ text: String) {
        let normalised = FrontMatterSplitter.normalise(text)
        check(!normalised.contains("\r"), "normalised text still holds a carriage return")
        guard case .success(let split) = FrontMatterSplitter.split(normalised) else { return }
        check(normalised.hasPrefix("---"), "split text that does not start with ---")
        let yamlLines = split.yaml.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        check(split.bodyFirstLine == split.yamlFirstLine + yamlLines + 1, "body line \(split.bodyFirstLine) does not follow \(yamlLines) YAML lines")
        check(normalised.hasSuffix(split.body), "the body is not the end of the file")
    }

    static func checkDecode(_ bytes: [UInt8]) -> SourcePage? {
        var article: SourcePage?
        for kind in PageKind.allCases {
            let path = "\(kind.sourceFolder)/fuzz.md"
            let (page, diagnostics) = SourceTreeLoader.decodePage(kind: kind, path: path, bytes: bytes, decoder: FrontMatterDecoder(config: config(allowRawHTML: false)))
            check((page != nil) == !diagnostics.hasErrors, "a page came back \(page == nil ? "missing without an error" : "with errors")")
            for diagnostic in diagnostics {
                check(diagnostic.location.path == path, "diagnostic names another file: \(diagnostic)")
                check(diagnostic.location.line >= 0 && diagnostic.location.column >= 0, "negative position: \(diagnostic)")
                check(!diagnostic.message.isEmpty, "empty diagnostic message")
            }
            guard let page else { continue }
            let frontMatter = page.frontMatter
            check(Slug.isValid(page.slug.rawValue), "page slug \(page.slug) is not valid")
            check(!frontMatter.title.isEmpty, "empty title accepted")
            check(frontMatter.themes.allSatisfy { $0 == theme }, "unknown theme accepted")
            check(kind == .blog || !frontMatter.themes.isEmpty, "article without a theme accepted")
            for alias in frontMatter.aliases { check(isSafeSitePath(alias), "unsafe alias accepted: \(alias.debugDescription)") }
            check(frontMatter.lastModified >= frontMatter.date, "last modified before the date")
            if kind == .article { article = page }
        }
        return article
    }

    static func checkSiteConfig(_ text: String) {
        guard case .success(let config) = SiteConfigLoader.decode(text) else { return }
        check(config.baseURL.hasSuffix("/"), "baseURL without a trailing slash")
        check(Set(config.themes.map(\.slug)).count == config.themes.count, "duplicate theme accepted")
        check(config.themes.allSatisfy { Slug.isValid($0.slug.rawValue) }, "invalid theme slug accepted")
    }

    // MARK: - The site: resolve, render, split by audience

    static func checkSite(text: String, decoded: SourcePage?, allowRawHTML: Bool, fallbackAccess: Access) {
        let fuzzPage =
            decoded.map { page -> SourcePage in
                var page = page
                page.path = "articles/fuzz.md"
                return page
            }
            ?? SourcePage(
                kind: .article, path: "articles/fuzz.md",
                frontMatter: FrontMatter(title: "Fuzz", themes: [theme], access: fallbackAccess, date: Day("2024-01-03")!, slug: Slug(validating: "fuzz")!),
                body: FrontMatterSplitter.normalise(text), bodyFirstLine: 1, contentDigest: 3)
        let config = config(allowRawHTML: allowRawHTML)
        let pages = [secretPage, publicPage, fuzzPage]
        let table = LinkTable(pages: pages, attachments: attachments)
        let compiler = PageCompiler(table: table, config: config)
        var compiled: [CompiledPage] = []
        for index in pages.indices {
            let (page, diagnostics) = compiler.compile(index)
            for diagnostic in diagnostics { check(diagnostic.location.path == pages[index].path, "link diagnostic names another file: \(diagnostic)") }
            let ids = page.headings.map(\.id)
            check(Set(ids).count == ids.count, "duplicate heading ids \(ids)")
            check(ids.allSatisfy { Slug.isValid($0) }, "heading id that is not a slug: \(ids)")
            check(page.access == .public || page.publicHTML == nil, "a members-only page has public HTML")
            if !allowRawHTML {
                for html in [page.membersHTML, page.publicHTML ?? ""] { checkNoScript(html) }
            }
            compiled.append(page)
        }

        // The fuzzed text may itself name the secrets; only check when it does not.
        let lower = text.lowercased()
        let mayMentionSecret = lower.contains("fuzzsecret") || lower.contains("geheim")
        let site = Site(config: config, pages: compiled, staticFiles: [])
        let view = site.view(for: .public)
        for page in view.pages {
            if page.frontMatter.access == .members {
                check(page.body == nil, "the public view has the body of members-only \(page.sourcePath)")
                check(page.extra.isEmpty, "the public view has the extra values of members-only \(page.sourcePath)")
                check(page.ref.summary == page.frontMatter.summary, "the public view has a derived summary of members-only \(page.sourcePath)")
            }
            guard !mayMentionSecret else { continue }
            var texts = [page.ref.summary ?? ""] + page.backlinks.map { $0.summary ?? "" } + page.related.map { $0.summary ?? "" }
            if let body = page.body {
                texts.append(body.html)
                texts += body.sections.map { ($0.heading ?? "") + " " + $0.text }
                texts += body.headings.map(\.id)
            }
            for text in texts {
                let lowered = text.lowercased()
                check(!lowered.contains(secretWord), "the public view of \(page.sourcePath) holds members-only text: \(text.prefix(200).debugDescription)")
                check(!lowered.contains(secretHeadingID), "the public view of \(page.sourcePath) holds a members-only heading id: \(text.prefix(200).debugDescription)")
            }
        }
        if !mayMentionSecret {
            check(!view.attachmentCopies.values.contains(secretAttachment), "the public view copies a members-only attachment")
        }
        let members = site.view(for: .members)
        check(members.pages.allSatisfy { $0.body != nil }, "the members view has a teaser")
    }

    /// Without `allowRawHTML` no element or handler can come from the body.
    static func checkNoScript(_ html: String) {
        let bytes = Array(html.utf8)
        let bad = ["<script", "<iframe", "<style", "=\"javascript:", "=\"vbscript:"].map { Array($0.utf8) }
        var index = bytes.startIndex
        // Every pattern starts with `<` or `=`: look closer only there, ignoring ASCII case.
        while let start = bytes[index...].firstIndex(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "=") }) {
            for pattern in bad where start + pattern.count <= bytes.count {
                let window = bytes[start..<(start + pattern.count)].lazy.map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
                check(!window.elementsEqual(pattern), "rendered HTML holds \(String(decoding: pattern, as: UTF8.self)): \(html.prefix(300).debugDescription)")
            }
            index = start + 1
        }
    }
}
