import KortompediaCore
import KortompediaMarkdown
import KortompediaSource

/// Where a link leads, once resolved.
public enum LinkTarget: Sendable, Hashable {
    /// Another page (index into the site's pages), with an optional heading id.
    case page(Int, fragment: String?)
    /// A heading of the same page.
    case ownHeading(String)
    /// A file under `articles/` or `blogs/` (source path), copied next to the page.
    case attachment(String)
    /// A link off the site.
    case external(String)
    /// A site-absolute path or other URL we do not check (`/contact/`, `mailto:`).
    case unchecked(String)
}

/// Everything needed to resolve a link before any body is parsed: pages by source path, by
/// slug, and the attachments. Built once from the front matter of all pages.
public struct LinkTable: Sendable {
    public let pages: [SourcePage]
    let indexByPath: [String: Int]
    let articleBySlug: [Slug: Int]
    let blogBySlug: [Slug: Int]
    let attachments: Set<String>
    /// Source files that failed to load, and their file-name slugs: links to them are left
    /// unchecked, since the load error already stops the build.
    let failedPaths: Set<String>
    let failedSlugs: Set<Slug>

    public init(pages: [SourcePage], attachments: [String], failedPages: [String] = []) {
        failedPaths = Set(failedPages)
        failedSlugs = Set(failedPages.map { Slug(slugifying: String(($0.split(separator: "/").last ?? "").dropLast(3))) })
        self.pages = pages
        var byPath: [String: Int] = [:]
        var articles: [Slug: Int] = [:]
        var blogs: [Slug: Int] = [:]
        for (index, page) in pages.enumerated() {
            byPath[page.path] = index
            switch page.kind {
            case .article: if articles[page.slug] == nil { articles[page.slug] = index }
            case .blog: if blogs[page.slug] == nil { blogs[page.slug] = index }
            }
        }
        indexByPath = byPath
        articleBySlug = articles
        blogBySlug = blogs
        self.attachments = Set(attachments)
    }

    /// Whether `page` can stand in for the page at `index` without building the table again:
    /// it differs in nothing a link resolves by (path, kind, slug, access, title).
    public func canReplace(pageAt index: Int, with page: SourcePage) -> Bool {
        guard pages.indices.contains(index) else { return false }
        let old = pages[index]
        return old.path == page.path && old.kind == page.kind && old.slug == page.slug && old.access == page.access
            && old.frontMatter.title == page.frontMatter.title
    }

    /// Resolves one link of the page at `pageIndex`. A failure carries the diagnostic message.
    public func resolve(_ link: LinkOccurrence, from pageIndex: Int) -> Result<LinkTarget, LinkProblem> {
        resolve(link, inDirectory: pages[pageIndex].directory, pageIndex: pageIndex)
    }

    /// Resolves one link of a page in `directory` (`articles/digitaal`): the page at
    /// `pageIndex`, or with nil one the table does not hold (a page that failed to load, whose
    /// body is still checked).
    public func resolve(_ link: LinkOccurrence, inDirectory directory: String, pageIndex: Int?) -> Result<LinkTarget, LinkProblem> {
        let destination = link.destination.trimmingBlanks()
        switch link.kind {
        case .wiki:
            let (slugText, fragment) = Self.splitFragment(destination)
            let slug = Slug(slugifying: slugText)
            let article = articleBySlug[slug], blog = blogBySlug[slug]
            if let article, let blog {
                return .failure(LinkProblem("ambiguous wiki link '[[\(destination)]]': both \(pages[article].path) and \(pages[blog].path) have slug '\(slug)'"))
            }
            if article == nil, blog == nil, failedSlugs.contains(slug) { return .success(.unchecked("#")) }
            guard !slug.isEmpty, let target = article ?? blog else {
                return .failure(LinkProblem("broken link '[[\(destination)]]': no article or blog post has slug '\(slugText)'"))
            }
            return .success(.page(target, fragment: fragment))
        case .link, .image:
            if destination.isEmpty { return .failure(LinkProblem("empty link destination")) }
            if destination.hasPrefix("#") { return .success(.ownHeading(String(destination.dropFirst()))) }
            if Self.hasScheme(destination) {
                let lower = destination.lowercased()
                if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return .success(.external(destination)) }
                if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:") && link.kind == .link {
                    return .failure(LinkProblem("unsafe link '\(destination)'"))
                }
                return .success(.unchecked(destination))
            }
            if destination.hasPrefix("/") || destination.hasPrefix("?") { return .success(.unchecked(destination)) }
            let (pathPart, fragment) = Self.splitFragment(destination)
            let decoded = pathPart.removingPercentEncodingSafely()
            guard let path = Self.join(directory, decoded) else {
                return .failure(LinkProblem("broken link '\(destination)': it points outside the site's articles and blogs"))
            }
            if path.lowercased().hasSuffix(".md") {
                if indexByPath[path] == nil, failedPaths.contains(path) { return .success(.unchecked("#")) }
                guard let target = indexByPath[path] else {
                    return .failure(LinkProblem("broken link '\(destination)': \(path) does not exist (or is a draft)"))
                }
                if link.kind == .image { return .failure(LinkProblem("image '\(destination)' is a Markdown page")) }
                return .success(target == pageIndex && fragment != nil ? .ownHeading(fragment!) : .page(target, fragment: fragment))
            }
            guard attachments.contains(path) else {
                let what = link.kind == .image ? "missing image" : "broken link"
                return .failure(LinkProblem("\(what) '\(destination)': \(path) does not exist"))
            }
            return .success(.attachment(path))
        }
    }

    /// The title of the page a wiki link names, when exactly one page has that slug.
    public func wikiTitle(_ slugText: String) -> String? {
        let slug = Slug(slugifying: slugText)
        let article = articleBySlug[slug], blog = blogBySlug[slug]
        guard (article == nil) != (blog == nil), let index = article ?? blog else { return nil }
        return pages[index].frontMatter.title
    }

    // Links are split on ASCII bytes (`#`, `:`, `/`), which stand for themselves in UTF-8:
    // no grapheme breaking (a tenth of the parse stage went to it).

    static func splitFragment(_ text: String) -> (String, String?) {
        guard let hash = text.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (text, nil) }
        let fragment = String(text[text.utf8.index(after: hash)...])
        return (String(text[..<hash]), fragment.isEmpty ? nil : fragment)
    }

    static func hasScheme(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = bytes[..<colon]
        guard scheme.allSatisfy({ $0 < 0x80 }) else { return hasLetterScheme(text[..<colon]) }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = scheme.first, isLetter(first), scheme.count > 1 else { return false }
        return scheme.allSatisfy {
            isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".")
        }
    }

    /// `hasScheme` for a scheme with non-ASCII characters: any letters and numbers count.
    private static func hasLetterScheme(_ scheme: Substring) -> Bool {
        guard let first = scheme.first, first.isLetter, scheme.count > 1 else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// Joins a relative path to a directory, resolving `.` and `..`; nil when it climbs above
    /// the site root or the result would not be under `articles/` or `blogs/`.
    static func join(_ directory: String, _ relative: String) -> String? {
        var parts = directory.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        for segment in relative.utf8.split(separator: UInt8(ascii: "/")).map({ Substring($0) }) {
            if segment == "." { continue }
            if segment == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(segment)
            }
        }
        guard parts.count >= 2, let first = parts.first, PageKind.allCases.contains(where: { $0.sourceFolder == first }) else {
            return nil
        }
        return parts.joined(separator: "/")
    }
}

/// Why a link could not be resolved: the message of its diagnostic.
public struct LinkProblem: Error, Sendable, Hashable {
    public let message: String
    init(_ message: String) { self.message = message }
}

extension String {
    /// `%20` and friends decoded; the text unchanged when it is not valid percent-encoding.
    func removingPercentEncodingSafely() -> String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return self }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
