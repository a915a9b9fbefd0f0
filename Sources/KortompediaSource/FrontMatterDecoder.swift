import KortompediaCore
import Yams

/// Turns front-matter YAML into a validated `FrontMatter`, reporting every problem with the
/// line and column of the offending key or value. Yams parses; this type maps the node tree,
/// because the contract's rules (defaults that depend on the page kind, theme slugs checked
/// against `site.json`) and per-key positions do not fit a plain `Decodable`.
public struct FrontMatterDecoder: Sendable {
    public let config: SiteConfig

    public init(config: SiteConfig) { self.config = config }

    /// Decodes `yaml` of the file at `path`. `firstLine` is the file line where the YAML starts.
    /// Returns nil front matter when a required key is missing or unusable; diagnostics say why.
    public func decode(
        yaml: String, firstLine: Int, path: String, kind: PageKind, fileSlug: Slug
    ) -> (FrontMatter?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fileLocation = SourceLocation(path: path, line: 1, column: 1)
        // Split on bytes: a line feed is always a Character of its own, and comparing
        // Characters made this split a tenth of the decoding.
        let yamlLines = yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return fileLocation }
            return SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.byteColumn(in: yamlLines))
        }

        let root: Node?
        do {
            // The encoding is given: Yams's default reads the whole process environment on
            // every call, which was a quarter of decoding a front matter.
            root = try Yams.compose(yaml: yaml, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let keys, let context) = error {
                return (nil, [.error(location(context.mark), Self.duplicateKeysMessage(keys), code: "duplicate-key")])
            }
            let (mark, problem) = Self.describe(error)
            let hint = mark?.sourceLine(in: yamlLines).flatMap { FrontMatterHint.hint(problem: problem, line: $0) }.map { "; " + $0 } ?? ""
            return (nil, [.error(location(mark), "invalid front matter: \(problem)\(hint)", code: "yaml")])
        } catch {
            return (nil, [.error(fileLocation, "invalid front matter: \(error)", code: "yaml")])
        }
        guard let root else {
            return (nil, [.error(fileLocation, "front matter is empty: 'title' and 'date' are required", code: "missing-key")])
        }
        guard let mapping = root.mapping else {
            return (nil, [.error(location(root.mark), "front matter must be a mapping of keys to values", code: "yaml")])
        }

        var values: [String: Node] = [:]
        var keyLocations: [String: SourceLocation] = [:]
        var extra: [String: ExtraValue] = [:]
        // Keys written without a value (`updated:`) or as `~`/`null`: YAML nulls, taken as absent.
        var nullKeys = Set<String>()
        // `extra` values are copied out of the YAML tree. YAML aliases let a few lines stand for
        // millions of values ("billion laughs"), so the copy has a budget for the whole page.
        var extraBudget = Self.extraValueLimit
        var reportedTooLarge = false
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                diagnostics.append(.error(location(keyNode.mark), "front-matter keys must be plain text", code: "yaml"))
                continue
            }
            if values[key] != nil {
                diagnostics.append(.error(location(keyNode.mark), "duplicate key '\(key)'", code: "duplicate-key"))
                continue
            }
            keyLocations[key] = location(keyNode.mark)
            if FrontMatter.knownKeys.contains(key) {
                values[key] = valueNode
                if valueNode.null != nil { nullKeys.insert(key) }
            } else {
                guard let value = Self.extraValue(valueNode, budget: &extraBudget) else {
                    // Once the budget is spent every later key fails too: report the first.
                    if reportedTooLarge { continue }
                    reportedTooLarge = true
                    diagnostics.append(.error(location(keyNode.mark), "the value of '\(key)' is too large: front matter holds at most \(Self.extraValueLimit) values, each use of a YAML alias counted", code: "front-matter-too-large"))
                    continue
                }
                extra[key] = value
                if let near = Self.nearestKnownKey(to: key) {
                    diagnostics.append(.warning(location(keyNode.mark), "unknown key '\(key)'; did you mean '\(near)'?", code: .unknownKey))
                }
            }
        }

        func valueLocation(_ key: String) -> SourceLocation {
            if let node = values[key], !nullKeys.contains(key) { return location(node.mark) }
            return keyLocations[key] ?? fileLocation
        }
        /// Where item `index` of the list at `key` stands; where the value does when it is no list.
        func itemLocation(_ key: String, _ index: Int) -> SourceLocation {
            guard let items = values[key]?.sequence.map(Array.init), index < items.count else { return valueLocation(key) }
            return location(items[index].mark)
        }
        func string(_ key: String) -> String? {
            guard let node = values[key], !nullKeys.contains(key) else { return nil }
            guard let scalar = node.scalar else {
                diagnostics.append(.error(valueLocation(key), "'\(key)' must be text", code: "wrong-type"))
                return nil
            }
            return scalar.string
        }
        func stringList(_ key: String) -> [String]? {
            guard let node = values[key] else { return nil }
            if nullKeys.contains(key) { return [] }
            if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
            guard let sequence = node.sequence else {
                diagnostics.append(.error(valueLocation(key), "'\(key)' must be a list of text", code: "wrong-type"))
                return nil
            }
            var items: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    let hint = FrontMatterHint.hint(forItem: item).map { "; " + $0 } ?? ""
                    diagnostics.append(.error(location(item.mark ?? node.mark), "'\(key)' must be a list of text" + hint, code: "wrong-type"))
                    return nil
                }
                items.append(text)
            }
            return items
        }
        func day(_ key: String) -> Day? {
            guard let text = string(key) else { return nil }
            guard let day = Day(text) else {
                diagnostics.append(.error(valueLocation(key), "'\(key)' is not a valid date (YYYY-MM-DD): '\(text)'", code: "invalid-date"))
                return nil
            }
            return day
        }

        // title
        var title = string("title")?.trimmingBlanks()
        if values["title"] == nil {
            diagnostics.append(.error(fileLocation, "missing required key 'title'", code: "missing-key"))
        } else if title?.isEmpty == true || nullKeys.contains("title") {
            diagnostics.append(.error(valueLocation("title"), "'title' is empty", code: "missing-key"))
            title = nil
        }

        // date
        let date = day("date")
        if values["date"] == nil {
            diagnostics.append(.error(fileLocation, "missing required key 'date'", code: "missing-key"))
        } else if nullKeys.contains("date") {
            diagnostics.append(.error(valueLocation("date"), "'date' is empty", code: "missing-key"))
        }

        // access
        var access: Access = kind == .article ? config.defaultAccess : .public
        if let text = string("access") {
            if let parsed = Access(rawValue: text) {
                access = parsed
            } else {
                diagnostics.append(.error(valueLocation("access"), "'access' must be 'members' or 'public', not '\(text)'", code: "invalid-access"))
            }
        }

        // themes
        var themes: [Slug] = []
        let diagnosticsBeforeThemes = diagnostics.count
        if let list = stringList("themes") {
            for (index, text) in list.enumerated() {
                guard let slug = Slug(validating: text), config.theme(slug) != nil else {
                    let known = config.themes.map(\.slug.rawValue).joined(separator: ", ")
                    diagnostics.append(.error(itemLocation("themes", index), "unknown theme '\(text)' (site.json has: \(known))", code: "unknown-theme"))
                    continue
                }
                if !themes.contains(slug) { themes.append(slug) }
            }
        }
        if kind == .article && values["themes"] == nil {
            diagnostics.append(.error(fileLocation, "missing required key 'themes' (an article needs at least one theme)", code: "missing-key"))
        } else if kind == .article && values["themes"] != nil && themes.isEmpty && diagnostics.count == diagnosticsBeforeThemes {
            // Only when the list itself was fine: an unknown theme was already reported.
            diagnostics.append(.error(valueLocation("themes"), "an article needs at least one theme", code: "missing-key"))
        }

        // slug
        var slug = fileSlug
        if let text = string("slug") {
            if let valid = Slug(validating: text) {
                slug = valid
                if !valid.fitsInFolderName {
                    diagnostics.append(.error(valueLocation("slug"), "'slug' is \(text.utf8.count) characters long; a folder name takes at most \(SitePathValidator.maximumSegmentBytes)", code: "invalid-slug"))
                }
            } else {
                diagnostics.append(.error(valueLocation("slug"), "'slug' must match [a-z0-9]+(-[a-z0-9]+)*, not '\(text)'", code: "invalid-slug"))
            }
        } else if fileSlug.isEmpty {
            diagnostics.append(.error(fileLocation, "the file name gives no slug; set 'slug'", code: "invalid-slug"))
        }

        // draft
        var draft = false
        if let node = values["draft"], !nullKeys.contains("draft") {
            if let flag = node.bool {
                draft = flag
            } else {
                diagnostics.append(.error(location(node.mark), "'draft' must be true or false", code: "wrong-type"))
            }
        }

        // aliases
        var aliases: [String] = []
        for (index, alias) in (stringList("aliases") ?? []).enumerated() {
            switch SitePathValidator.normalise(alias) {
            case .success(let path): aliases.append(path)
            case .failure(let reason):
                diagnostics.append(.error(itemLocation("aliases", index), "alias '\(alias)' \(reason.message)", code: "invalid-alias"))
            }
        }

        let summary = string("summary")?.trimmingBlanks()
        let tagTexts = stringList("tags") ?? []
        let tags = tagTexts.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        // A tag names the folder of its list page, `tags/<slug>/`.
        for (index, tag) in tagTexts.enumerated() {
            let slug = Slug(slugifying: tag)
            guard !slug.fitsInFolderName else { continue }
            diagnostics.append(.error(itemLocation("tags", index), "tag makes a folder name of \(slug.rawValue.utf8.count) characters (tags/<slug>/); at most \(SitePathValidator.maximumSegmentBytes)", code: "invalid-tag"))
        }
        let authors = (stringList("author") ?? []).map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        let updated = day("updated")
        let review = day("review")
        let rewritten = day("rewritten")

        guard let title, let date, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let frontMatter = FrontMatter(
            title: title, summary: summary?.isEmpty == true ? nil : summary, themes: themes,
            tags: tags, access: access, date: date, updated: updated, review: review,
            rewritten: rewritten, authors: authors, slug: slug, draft: draft, aliases: aliases,
            extra: extra, keyLocations: keyLocations)
        return (frontMatter, diagnostics)
    }

    static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return (mark, text)
        case .reader(let problem, _, _, _):
            return (nil, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark, "duplicate keys \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }

    /// `duplicate key 'title'`, or `duplicate keys 'a', 'b'`.
    static func duplicateKeysMessage(_ keys: [String]) -> String {
        let quoted = keys.map { "'\($0)'" }.joined(separator: ", ")
        return keys.count == 1 ? "duplicate key \(quoted)" : "duplicate keys \(quoted)"
    }

    /// No implicit types: every plain scalar is text to the resolver. Yams resolves a key's
    /// type, one regular expression (ICU) per rule, when it hashes the key to look for
    /// duplicates: its default resolver's seven rules made that a tenth of loading, and the
    /// three kept after that (boolean, null, `=`) still a seventh of it. Nothing here needs
    /// them: `Node.bool` reads an unresolved plain scalar's text (`true`, `yes`, `on`, in any
    /// case), `Node.null` its text and style, keys are compared as text, and the `=` key of
    /// YAML's value type is no front-matter key.
    static let resolver = Resolver.basic

    /// How many values (scalars, lists and maps) the `extra` keys of one page may hold together.
    static let extraValueLimit = 10_000

    /// The value as `extra`, or nil when it would take more than `budget` values.
    static func extraValue(_ node: Node, budget: inout Int) -> ExtraValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [ExtraValue] = []
            for item in sequence {
                guard let value = extraValue(item, budget: &budget) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mapping(let mapping):
            var entries: [String: ExtraValue] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                guard let converted = extraValue(value, budget: &budget) else { return nil }
                if entries[name] == nil { entries[name] = converted }
            }
            return .map(entries)
        case .alias:
            return .string("")
        }
    }

    /// The known key one or two edits away from `key`, if any (`theme` → `themes`).
    static func nearestKnownKey(to key: String) -> String? {
        EditDistance.nearest(to: key, among: FrontMatter.knownKeys)
    }
}

extension Mark {
    /// The column in UTF-8 bytes, as cmark counts and as every diagnostic reports it; libyaml
    /// counts Unicode scalars. `lines` are the lines of the YAML text the mark points into.
    func byteColumn(in lines: [Substring]) -> Int {
        guard column > 1, let text = sourceLine(in: lines) else { return column }
        let prefix = text.unicodeScalars.prefix(column - 1)
        return prefix.reduce(0) { $0 + UTF8.width($1) } + 1 + max(0, column - 1 - prefix.count)
    }

    /// The line of `lines` the mark points into; nil when it lies outside them.
    func sourceLine(in lines: [Substring]) -> Substring? {
        line >= 1 && line <= lines.count ? lines[line - 1] : nil
    }
}
