import KortompediaCore
import Yams

/// Reads `site.json`. JSON is parsed through Yams (a JSON document is valid YAML) so that every
/// problem gets the line and column where it stands.
public enum SiteConfigLoader {
    public static let fileName = "site.json"

    /// The keys `site.json` reads: at the top, in each theme, in `membership`.
    static let knownKeys = ["title", "description", "baseURL", "language", "defaultAccess", "allowRawHTML", "brokenLinks", "ignoreWarnings", "themes", "membership"]
    static let knownThemeKeys = ["slug", "title", "description"]
    static let knownMembershipKeys = ["joinURL", "loginURL"]

    /// Decodes the text of `site.json`; all problems are returned together.
    public static func decode(_ text: String) -> Result<SiteConfig, DiagnosticsError> {
        decodeReportingWarnings(text).map(\.config)
    }

    /// `decode(_:)`, and the warnings about the settings: a key `site.json` does not read
    /// (`ignoreWarning`, `baseUrl`), which would otherwise change nothing without a word. With
    /// errors, the warnings come with them.
    public static func decodeReportingWarnings(_ text: String) -> Result<(config: SiteConfig, warnings: [Diagnostic]), DiagnosticsError> {
        let text = FrontMatterSplitter.normalise(text)
        let file = SourceLocation(path: fileName, line: 1, column: 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func location(_ mark: Mark?) -> SourceLocation {
            mark.map { SourceLocation(path: fileName, line: $0.line, column: $0.byteColumn(in: lines)) } ?? file
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let keys, let context) = error {
                return .failure(DiagnosticsError([.error(location(context.mark), FrontMatterDecoder.duplicateKeysMessage(keys), code: "site-json")]))
            }
            let (mark, problem) = FrontMatterDecoder.describe(error)
            return .failure(DiagnosticsError([.error(location(mark), "invalid JSON: \(problem)", code: "site-json")]))
        } catch {
            return .failure(DiagnosticsError([.error(file, "invalid JSON: \(error)", code: "site-json")]))
        }
        guard let root, let mapping = root.mapping else {
            return .failure(DiagnosticsError([.error(file, "site.json must hold a JSON object", code: "site-json")]))
        }

        var diagnostics: [Diagnostic] = []
        func checkKeys(of object: Node.Mapping, known: [String], in place: String) {
            for (keyNode, _) in object {
                guard let key = keyNode.scalar?.string, !known.contains(key) else { continue }
                let hint = EditDistance.nearest(to: key, among: known).map { "; did you mean '\($0)'?" } ?? " (\(place) reads \(known.joined(separator: ", ")))"
                diagnostics.append(.warning(location(keyNode.mark), "unknown key '\(key)' in \(place), left unused\(hint)", code: .unknownKey))
            }
        }
        checkKeys(of: mapping, known: knownKeys, in: "site.json")
        func string(_ node: Node?, _ key: String, required: Bool, default value: String = "") -> String {
            // JSON `null` is YAML's null: the key counts as absent.
            guard let node, node.null == nil else {
                if required { diagnostics.append(.error(file, "missing required key '\(key)'", code: "site-json")) }
                return value
            }
            guard let text = node.scalar?.string else {
                diagnostics.append(.error(location(node.mark), "'\(key)' must be a string", code: "site-json"))
                return value
            }
            return text
        }

        let title = string(mapping["title"], "title", required: true)
        let baseURL = string(mapping["baseURL"], "baseURL", required: true, default: "/")
        if !baseURL.isEmpty, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("/")) {
            diagnostics.append(.error(location(mapping["baseURL"]?.mark), "'baseURL' must be an absolute URL such as https://www.kortom.be/", code: "site-json"))
        }
        let description = string(mapping["description"], "description", required: false)
        let language = string(mapping["language"], "language", required: false, default: "nl")

        var defaultAccess = Access.members
        if let node = mapping["defaultAccess"], node.null == nil {
            let text = string(node, "defaultAccess", required: false)
            if let access = Access(rawValue: text) { defaultAccess = access } else {
                diagnostics.append(.error(location(node.mark), "'defaultAccess' must be 'members' or 'public'", code: "site-json"))
            }
        }
        var allowRawHTML = false
        if let node = mapping["allowRawHTML"], node.null == nil {
            if let flag = node.bool { allowRawHTML = flag } else {
                diagnostics.append(.error(location(node.mark), "'allowRawHTML' must be true or false", code: "site-json"))
            }
        }
        var brokenLinks = SiteConfig.BrokenLinkPolicy.error
        if let node = mapping["brokenLinks"], node.null == nil {
            if let policy = SiteConfig.BrokenLinkPolicy(rawValue: string(node, "brokenLinks", required: false)) {
                brokenLinks = policy
            } else {
                diagnostics.append(.error(location(node.mark), "'brokenLinks' must be 'error' or 'warn'", code: "site-json"))
            }
        }
        var ignoredWarnings: Set<WarningCode> = []
        if let node = mapping["ignoreWarnings"], node.null == nil {
            if let sequence = node.sequence {
                for item in sequence {
                    guard let text = item.scalar?.string else {
                        diagnostics.append(.error(location(item.mark), "each entry of 'ignoreWarnings' must be the code of a warning, such as \"link-text\"", code: "site-json"))
                        continue
                    }
                    if let code = WarningCode(rawValue: text) {
                        ignoredWarnings.insert(code)
                    } else {
                        let known = WarningCode.allCases.sorted().map(\.rawValue).joined(separator: ", ")
                        let hint = WarningCode.nearest(to: text).map { "did you mean '\($0.rawValue)'?" } ?? "errors cannot be ignored; the warning codes are \(known)"
                        diagnostics.append(.error(location(item.mark), "'\(text)' in 'ignoreWarnings' is not a warning code; \(hint)", code: "site-json"))
                    }
                }
            } else {
                diagnostics.append(.error(location(node.mark), "'ignoreWarnings' must be a list of warning codes, such as [\"link-text\"]", code: "site-json"))
            }
        }

        var themes: [SiteConfig.Theme] = []
        if let node = mapping["themes"], node.null == nil {
            if let sequence = node.sequence {
                for item in sequence {
                    guard let theme = item.mapping else {
                        diagnostics.append(.error(location(item.mark), "each theme must be an object with 'slug' and 'title'", code: "site-json"))
                        continue
                    }
                    checkKeys(of: theme, known: knownThemeKeys, in: "a theme")
                    let slugText = string(theme["slug"], "slug", required: false)
                    guard let slug = Slug(validating: slugText) else {
                        diagnostics.append(.error(location(theme["slug"]?.mark ?? item.mark), "theme slug '\(slugText)' must match [a-z0-9]+(-[a-z0-9]+)*", code: "site-json"))
                        continue
                    }
                    guard slug.fitsInFolderName else {
                        diagnostics.append(.error(location(theme["slug"]?.mark), "theme slug '\(slug)' is \(slugText.utf8.count) characters long; a folder name takes at most \(SitePathValidator.maximumSegmentBytes)", code: "site-json"))
                        continue
                    }
                    if themes.contains(where: { $0.slug == slug }) {
                        diagnostics.append(.error(location(theme["slug"]?.mark), "theme '\(slug)' is declared twice", code: "site-json"))
                        continue
                    }
                    let themeTitle = string(theme["title"], "title", required: false, default: slugText)
                    themes.append(.init(slug: slug, title: themeTitle, description: string(theme["description"], "description", required: false)))
                }
            } else {
                diagnostics.append(.error(location(node.mark), "'themes' must be a list", code: "site-json"))
            }
        } else {
            diagnostics.append(.error(file, "missing required key 'themes'", code: "site-json"))
        }

        var membership = SiteConfig.Membership(joinURL: "", loginURL: "")
        if let node = mapping["membership"], node.null == nil {
            if let object = node.mapping {
                checkKeys(of: object, known: knownMembershipKeys, in: "'membership'")
                membership.joinURL = string(object["joinURL"], "joinURL", required: false)
                membership.loginURL = string(object["loginURL"], "loginURL", required: false)
            } else {
                diagnostics.append(.error(location(node.mark), "'membership' must be an object with 'joinURL' and 'loginURL'", code: "site-json"))
            }
        }

        if diagnostics.hasErrors { return .failure(DiagnosticsError(diagnostics)) }
        let config = SiteConfig(
            title: title, description: description, baseURL: baseURL, language: language,
            defaultAccess: defaultAccess, allowRawHTML: allowRawHTML, brokenLinks: brokenLinks,
            ignoredWarnings: ignoredWarnings, themes: themes, membership: membership)
        return .success((config, diagnostics))
    }
}
