import Foundation
import KortompediaCore

/// Everything the load stage read from a site folder.
public struct LoadedSources: Sendable {
    public var config: SiteConfig
    /// Articles and blog posts, sorted by path; drafts already left out unless asked for.
    public var pages: [SourcePage]
    /// Other files under `articles/` and `blogs/` (images, PDFs), relative paths, sorted.
    public var attachments: [String]
    /// Files under `static/`, relative to `static/`, sorted.
    public var staticFiles: [String]
    /// Problems found while loading; errors mean the build must not go on.
    public var diagnostics: [Diagnostic]
    /// Markdown files that exist but could not be loaded (their errors are in `diagnostics`).
    /// Links to them are not reported again as broken.
    public var failedPages: [String] = []
    /// The bodies of the failed pages whose front matter could be split off but not decoded,
    /// as pages with stand-in front matter (`FrontMatter.standIn`). They are never built; their
    /// bodies are still checked, so that one run reports their broken links too.
    public var failedPageBodies: [SourcePage] = []
}

/// The load stage: reads `site.json`, walks `articles/` and `blogs/` in a stable order, splits and
/// decodes every page (on all cores), and reports every problem in one pass.
public struct SourceTreeLoader: Sendable {
    public let root: URL
    public let includeDrafts: Bool
    public let workers: Int
    /// Folders inside the site that must not be read (the output folder, when it lies inside).
    public let excludedFolders: [String]

    public init(root: URL, includeDrafts: Bool = false, workers: Int = 1, excludedFolders: [String] = []) {
        self.root = root.standardizedFileURL
        self.includeDrafts = includeDrafts
        self.workers = workers
        self.excludedFolders = excludedFolders
    }

    /// Loads the site. Throws `DiagnosticsError` only when `site.json` itself is unusable;
    /// page problems come back in `diagnostics`.
    public func load() throws(DiagnosticsError) -> LoadedSources {
        let (config, configWarnings) = try loadConfig()
        var diagnostics: [Diagnostic] = configWarnings
        var markdown: [(PageKind, String)] = []
        var attachments: [String] = []
        for kind in PageKind.allCases {
            let listing = SourceFolderWalker(root: root, excluded: excludedFolders).files(under: kind.sourceFolder)
            diagnostics += listing.diagnostics
            for path in listing.files {
                if path.lowercased().hasSuffix(".md") { markdown.append((kind, path)) } else { attachments.append(path) }
            }
        }
        let staticListing = SourceFolderWalker(root: root, excluded: excludedFolders).files(under: "static")
        diagnostics += staticListing.diagnostics

        let decoder = FrontMatterDecoder(config: config)
        let root = self.root
        let results = Parallel.map(markdown, workers: workers) { kind, path in
            Self.read(kind: kind, path: path, root: root, decoder: decoder)
        }
        var pages: [SourcePage] = []
        var failed: [String] = []
        var failedBodies: [SourcePage] = []
        for ((_, path), result) in zip(markdown, results) {
            diagnostics += result.diagnostics
            if let page = result.page {
                if includeDrafts || !page.frontMatter.draft { pages.append(page) }
            } else {
                failed.append(path)
                if let body = result.failedBody { failedBodies.append(body) }
            }
        }
        return LoadedSources(
            config: config, pages: pages, attachments: attachments.sorted(),
            staticFiles: staticListing.files.map { String($0.dropFirst("static/".count)) },
            diagnostics: diagnostics, failedPages: failed, failedPageBodies: failedBodies)
    }

    /// `site.json`, decoded, with its warnings.
    func loadConfig() throws(DiagnosticsError) -> (SiteConfig, [Diagnostic]) {
        let url = root.appendingPathComponent(SiteConfigLoader.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticsError([.error(SourceLocation(path: SiteConfigLoader.fileName), "cannot read site.json (is this a Kortompedia site folder?)", code: "site-json")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticsError([.error(SourceLocation(path: SiteConfigLoader.fileName), "site.json is not valid UTF-8", code: "site-json")])
        }
        return try SiteConfigLoader.decodeReportingWarnings(text).get()
    }

    /// Reads, splits and decodes one page. Pure apart from reading the one file.
    public static func loadPage(kind: PageKind, path: String, root: URL, decoder: FrontMatterDecoder) -> (SourcePage?, [Diagnostic]) {
        let result = read(kind: kind, path: path, root: root, decoder: decoder)
        return (result.page, result.diagnostics)
    }

    /// What reading one Markdown file gave: the page, or the diagnostics that say why there is
    /// none and, when only its front matter could not be decoded, its body (`failedBody`).
    struct PageResult {
        var page: SourcePage?
        var failedBody: SourcePage?
        var diagnostics: [Diagnostic]
    }

    static func read(kind: PageKind, path: String, root: URL, decoder: FrontMatterDecoder) -> PageResult {
        let file = SourceLocation(path: path)
        let fullPath = root.path + "/" + path
        // Checked before reading, so that a huge file costs no memory at all.
        if let size = FileStatus(fullPath, followingLinks: true)?.size, size > maximumPageSize {
            return PageResult(diagnostics: [tooLarge(file, size: Int(size))])
        }
        guard let data = FileManager.default.contents(atPath: fullPath) else {
            return PageResult(diagnostics: [.error(file, "cannot read file", code: "unreadable")])
        }
        return decode(kind: kind, path: path, bytes: Array(data), decoder: decoder)
    }

    /// The largest Markdown file a page may be: 5 MiB. Real articles stay far below 1 MiB; every
    /// stage after loading holds the body several times over, and the build runs unattended, so
    /// a runaway file (a pasted data dump, a generated file) must fail fast instead of taking
    /// minutes and gigabytes.
    public static let maximumPageSize = 5 * 1024 * 1024

    static func tooLarge(_ file: SourceLocation, size: Int) -> Diagnostic {
        let megabytes = (Double(size) / 1_048_576 * 10).rounded() / 10
        return .error(file, "file is too large (\(megabytes) MiB): a page may be at most \(maximumPageSize / 1_048_576) MiB", code: "file-too-large")
    }

    /// Splits and decodes the bytes of one page; what tests and the dev server call directly.
    public static func decodePage(kind: PageKind, path: String, bytes: [UInt8], decoder: FrontMatterDecoder) -> (SourcePage?, [Diagnostic]) {
        let result = decode(kind: kind, path: path, bytes: bytes, decoder: decoder)
        return (result.page, result.diagnostics)
    }

    static func decode(kind: PageKind, path: String, bytes: [UInt8], decoder: FrontMatterDecoder) -> PageResult {
        let file = SourceLocation(path: path)
        if bytes.count > maximumPageSize { return PageResult(diagnostics: [tooLarge(file, size: bytes.count)]) }
        if bytes.isEmpty {
            return PageResult(diagnostics: [.error(file, "file is empty: a page needs front matter with 'title' and 'date'", code: "empty-file")])
        }
        // By memchr: a byte loop here was a fifth of this function's own time.
        if ByteSearch.firstIndex(of: [0], in: bytes, from: 0) != nil {
            return PageResult(diagnostics: [.error(file, "not a text file (it holds NUL bytes)", code: "binary-file")])
        }
        guard let raw = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Line(bytes)
            return PageResult(diagnostics: [.error(SourceLocation(path: path, line: offset, column: 1), "file is not valid UTF-8", code: "invalid-utf8")])
        }
        let text = FrontMatterSplitter.normalise(raw)
        let split: SplitSource
        switch FrontMatterSplitter.split(text) {
        case .success(let value): split = value
        case .failure(.missing):
            return PageResult(diagnostics: [.error(SourceLocation(path: path, line: 1, column: 1), "missing front matter: the first line must be '---'", code: "no-front-matter")])
        case .failure(.notClosed):
            return PageResult(diagnostics: [.error(SourceLocation(path: path, line: 1, column: 1), "front matter is not closed: no '---' line after the opening one", code: "front-matter-not-closed")])
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let fileSlug = Slug(slugifying: String(fileName.dropLast(3)))
        let (frontMatter, diagnostics) = decoder.decode(yaml: split.yaml, firstLine: split.yamlFirstLine, path: path, kind: kind, fileSlug: fileSlug)
        // SHA-256 (hardware-assisted in swift-crypto), twice as fast here as FNV over 8 KB.
        let digest = ContentDigest(of: bytes).high
        guard let frontMatter else {
            let body = SourcePage(
                kind: kind, path: path, frontMatter: .standIn(fileSlug: fileSlug), body: split.body,
                bodyFirstLine: split.bodyFirstLine, contentDigest: digest)
            return PageResult(failedBody: body, diagnostics: diagnostics)
        }
        let page = SourcePage(
            kind: kind, path: path, frontMatter: frontMatter, body: split.body,
            bodyFirstLine: split.bodyFirstLine, contentDigest: digest)
        return PageResult(page: page, diagnostics: diagnostics)
    }

    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
