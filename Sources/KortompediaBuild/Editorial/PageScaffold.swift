import Foundation
import KortompediaCore
import KortompediaSource

/// What `kortompedia new article|blog "Titel"` asks for.
public struct NewPageRequest: Sendable, Hashable {
    /// Article or blog post.
    public var kind: PageKind
    /// The title as typed; the slug is made from it.
    public var title: String
    /// Theme slugs; checked against `site.json`. Articles need at least one.
    public var themes: [String]
    /// Public instead of `site.json`'s `defaultAccess` (articles); blog posts are public anyway.
    public var isPublic: Bool
    /// Authors for `author`; none leaves the key out.
    public var authors: [String]
    /// A slug instead of the one made from the title.
    public var slug: String?
    /// A sub-folder of `articles/` or `blogs/` (`digitaal`), made if needed.
    public var folder: String?

    /// A request with the defaults of the command line.
    public init(
        kind: PageKind, title: String, themes: [String] = [], isPublic: Bool = false, authors: [String] = [],
        slug: String? = nil, folder: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.themes = themes
        self.isPublic = isPublic
        self.authors = authors
        self.slug = slug
        self.folder = folder
    }
}

/// Why `new` wrote nothing; the message is printed as it is.
public struct NewPageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, ready to print after `error: `.
    public let description: String
    /// An error with this message.
    public init(_ description: String) { self.description = description }
}

/// Writes a new page with complete front matter, refusing to overwrite anything or to create a
/// page that would not build (unknown theme, article without theme, a slug already in use).
public enum PageScaffold {
    /// Validates the request against the site at `root` and writes the file. Returns its path
    /// relative to the root (`articles/nieuwe-titel.md`).
    public static func create(_ request: NewPageRequest, root: URL, today: Day) throws(NewPageError) -> String {
        let sources: LoadedSources
        do {
            sources = try SourceTreeLoader(root: root, includeDrafts: true).load()
        } catch {
            throw NewPageError(error.description)
        }
        let config = sources.config
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw NewPageError("the title is empty") }

        let slug: Slug
        if let text = request.slug {
            guard let valid = Slug(validating: text) else { throw NewPageError("--slug must match [a-z0-9]+(-[a-z0-9]+)*, not '\(text)'") }
            slug = valid
        } else {
            slug = Slug(slugifying: title)
            guard !slug.isEmpty else { throw NewPageError("the title '\(title)' gives no slug: pass --slug") }
        }
        // The file is `<slug>.md`, and its page the folder `<slug>/`.
        let longest = SitePathValidator.maximumSegmentBytes - ".md".utf8.count
        guard slug.rawValue.utf8.count <= longest else {
            throw NewPageError("the slug would be \(slug.rawValue.utf8.count) characters long, more than a file name takes (\(longest) before '.md'): pass a shorter --slug")
        }

        let known = config.themes.map(\.slug.rawValue)
        var themes: [Slug] = []
        for text in request.themes {
            guard let theme = Slug(validating: text), config.theme(theme) != nil else {
                let hint = EditDistance.nearest(to: text, among: known, limit: 3).map { "; did you mean '\($0)'?" } ?? ""
                throw NewPageError("unknown theme '\(text)' (site.json has: \(known.joined(separator: ", ")))\(hint)")
            }
            if !themes.contains(theme) { themes.append(theme) }
        }
        if request.kind == .article && themes.isEmpty {
            throw NewPageError("an article needs at least one theme: pass --theme (site.json has: \(known.joined(separator: ", ")))")
        }

        var folder = request.kind.sourceFolder
        if let sub = request.folder {
            let segments = sub.split(separator: "/", omittingEmptySubsequences: true)
            guard !segments.isEmpty, segments.allSatisfy({ !$0.hasPrefix(".") && !$0.contains("\\") }) else {
                throw NewPageError("--folder must be a plain sub-folder of \(folder)/, not '\(sub)'")
            }
            folder += "/" + segments.joined(separator: "/")
        }
        let path = "\(folder)/\(slug).md"
        let url = root.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) {
            throw NewPageError("\(path) already exists; nothing was written")
        }
        if let clash = sources.pages.first(where: { $0.slug == slug }) {
            throw NewPageError("slug '\(slug)' is already used by \(clash.path); choose another title or pass --slug")
        }

        let access: Access = request.kind == .blog || request.isPublic ? .public : config.defaultAccess
        let text = contents(kind: request.kind, title: title, themes: themes, access: access, authors: request.authors, today: today)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw NewPageError("cannot write \(path): \(error.localizedDescription)")
        }
        return path
    }

    /// The text of a new page: every front-matter key of the contract that an editor fills in,
    /// an empty summary to write, and a placeholder paragraph. Articles get a review date a
    /// year from `today`.
    public static func contents(kind: PageKind, title: String, themes: [Slug], access: Access, authors: [String], today: Day) -> String {
        var lines = ["---", "title: \(yamlQuoted(title))"]
        switch kind {
        case .article:
            lines.append("summary: \"\"  # één of twee zinnen: wat de lezer hier leert (niet-leden zien enkel dit)")
        case .blog:
            lines.append("summary: \"\"  # één of twee zinnen voor overzichten en zoekresultaten")
        }
        lines.append("themes: [\(themes.map(\.rawValue).joined(separator: ", "))]")
        lines.append("tags: []")
        lines.append("access: \(access.rawValue)")
        lines.append("date: \(today)")
        if kind == .article { lines.append("review: \(today.adding(years: 1))") }
        switch authors.count {
        case 0: break
        case 1: lines.append("author: \(yamlQuoted(authors[0]))")
        default: lines.append("author: [\(authors.map(yamlQuoted).joined(separator: ", "))]")
        }
        lines.append("---")
        lines.append("")
        lines.append(kind == .article ? "Schrijf hier de inleiding van het artikel." : "Schrijf hier het blogbericht.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (the JSON escapes, which YAML shares).
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
