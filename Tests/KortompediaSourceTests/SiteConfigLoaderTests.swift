import KortompediaCore
import KortompediaSource
import Testing

@Suite struct SiteConfigLoaderTests {
    static func messages(_ json: String) -> [String] {
        switch SiteConfigLoader.decode(json) {
        case .success: []
        case .failure(let error): error.diagnostics.map(\.description)
        }
    }

    @Test func aFullConfig() throws {
        let config = try SiteConfigLoader.decode("""
            {
              "title": "Kortompedia",
              "description": "De kennisbank",
              "baseURL": "https://www.kortom.be/kortompedia",
              "language": "nl",
              "defaultAccess": "public",
              "allowRawHTML": true,
              "brokenLinks": "warn",
              "themes": [
                { "slug": "crisiscommunicatie", "title": "Crisiscommunicatie", "description": "Als het misloopt." },
                { "slug": "verkiezingen" }
              ],
              "membership": { "joinURL": "https://www.kortom.be/lid-worden", "loginURL": "https://www.kortom.be/login" }
            }
            """).get()
        #expect(config.title == "Kortompedia")
        #expect(config.description == "De kennisbank")
        #expect(config.baseURL == "https://www.kortom.be/kortompedia/")
        #expect(config.defaultAccess == .public)
        #expect(config.allowRawHTML)
        #expect(config.brokenLinks == .warn)
        #expect(config.themes.map(\.slug.rawValue) == ["crisiscommunicatie", "verkiezingen"])
        #expect(config.themes.map(\.title) == ["Crisiscommunicatie", "verkiezingen"])
        #expect(config.themes[0].description == "Als het misloopt.")
        #expect(config.membership == .init(joinURL: "https://www.kortom.be/lid-worden", loginURL: "https://www.kortom.be/login"))
    }

    @Test func defaults() throws {
        let config = try SiteConfigLoader.decode(minimalSiteJSON).get()
        #expect(config.defaultAccess == .members)
        #expect(config.allowRawHTML == false)
        #expect(config.brokenLinks == .error)
        #expect(config.language == "nl")
        #expect(config.description == "")
    }

    @Test func tabsCRLFAndEscapedSlashesAsJSONWritersProduceThem() throws {
        let json = "{\r\n\t\"title\": \"Caf\\u00e9\",\r\n\t\"baseURL\": \"https:\\/\\/example.org\\/\",\r\n\t\"themes\": [\r\n\t\t{\"slug\": \"a\", \"title\": \"A\"}\r\n\t]\r\n}\r\n"
        let config = try SiteConfigLoader.decode(json).get()
        #expect(config.title == "Café")
        #expect(config.baseURL == "https://example.org/")
    }

    @Test func jsonNullMeansAbsent() throws {
        let config = try SiteConfigLoader.decode("""
            {"title": "T", "baseURL": "https://example.org/", "description": null, "themes": []}
            """).get()
        #expect(config.description == "")
    }

    @Test func invalidJSON() {
        #expect(Self.messages("{\n  \"title\": \"T\",\n  \"themes\": [\n}\n") == [
            "site.json:4:1: error: invalid JSON: while parsing a flow node: did not find expected node content"
        ])
    }

    @Test func notAnObject() {
        #expect(Self.messages("[1, 2]") == ["site.json:1:1: error: site.json must hold a JSON object"])
        #expect(Self.messages("") == ["site.json:1:1: error: site.json must hold a JSON object"])
    }

    @Test func missingKeys() {
        #expect(Self.messages("{}") == [
            "site.json:1:1: error: missing required key 'baseURL'",
            "site.json:1:1: error: missing required key 'themes'",
            "site.json:1:1: error: missing required key 'title'",
        ])
    }

    @Test func wrongValues() {
        let json = """
            {
              "title": ["x"],
              "baseURL": "www.kortom.be",
              "defaultAccess": "leden",
              "allowRawHTML": "misschien",
              "brokenLinks": "ignore",
              "themes": [
                "crisis",
                { "slug": "Crisis Communicatie", "title": "C" },
                { "slug": "a", "title": "A" },
                { "slug": "a", "title": "A again" }
              ],
              "membership": "https://www.kortom.be/lid-worden"
            }
            """
        #expect(Self.messages(json) == [
            "site.json:2:12: error: 'title' must be a string",
            "site.json:3:14: error: 'baseURL' must be an absolute URL such as https://www.kortom.be/",
            "site.json:4:20: error: 'defaultAccess' must be 'members' or 'public'",
            "site.json:5:19: error: 'allowRawHTML' must be true or false",
            "site.json:6:18: error: 'brokenLinks' must be 'error' or 'warn'",
            "site.json:8:5: error: each theme must be an object with 'slug' and 'title'",
            "site.json:9:15: error: theme slug 'Crisis Communicatie' must match [a-z0-9]+(-[a-z0-9]+)*",
            "site.json:11:15: error: theme 'a' is declared twice",
            "site.json:13:17: error: 'membership' must be an object with 'joinURL' and 'loginURL'",
        ])
    }

    /// A theme slug names the folder of the theme's page, `themas/<slug>/`.
    @Test func themeSlugLongerThanAFolderName() {
        let slug = Array(repeating: "thema", count: 43).joined(separator: "-")
        let json = "{\n  \"title\": \"K\", \"baseURL\": \"https://www.kortom.be/\",\n  \"themes\": [{ \"slug\": \"\(slug)\", \"title\": \"Lang\" }]\n}"
        #expect(Self.messages(json) == ["site.json:3:24: error: theme slug '\(slug)' is 257 characters long; a folder name takes at most 255"])
    }

    @Test func duplicateKey() {
        #expect(Self.messages("{\n  \"title\": \"A\",\n  \"title\": \"B\"\n}") == ["site.json:2:3: error: duplicate key 'title'"])
    }

    @Test func ignoredWarnings() throws {
        let config = try SiteConfigLoader.decode("""
            {"title": "T", "baseURL": "/", "themes": [], "ignoreWarnings": ["link-text", "image-alt", "link-text"]}
            """).get()
        #expect(config.ignoredWarnings == [.linkText, .imageAlt])
        #expect(try SiteConfigLoader.decode(minimalSiteJSON).get().ignoredWarnings.isEmpty)
    }

    /// A misspelt code gets a hint; the code of an error, which cannot be ignored, gets the list.
    @Test func ignoredWarningsMustBeWarningCodes() {
        let json = """
            {"title": "T", "baseURL": "/", "themes": [],
             "ignoreWarnings": ["link-txt", "broken-link", "yaml", {"code": "x"}]}
            """
        let codes = WarningCode.allCases.map(\.rawValue).sorted().joined(separator: ", ")
        #expect(Self.messages(json) == [
            "site.json:2:21: error: 'link-txt' in 'ignoreWarnings' is not a warning code; did you mean 'link-text'?",
            "site.json:2:48: error: 'yaml' in 'ignoreWarnings' is not a warning code; errors cannot be ignored; the warning codes are \(codes)",
            "site.json:2:56: error: each entry of 'ignoreWarnings' must be the code of a warning, such as \"link-text\"",
        ])
        #expect(Self.messages(#"{"title": "T", "baseURL": "/", "themes": [], "ignoreWarnings": "link-text"}"#) == [
            #"site.json:1:64: error: 'ignoreWarnings' must be a list of warning codes, such as ["link-text"]"#
        ])
    }

    /// A key `site.json` does not read would change nothing without a word: a warning, with a
    /// hint when it is one or two edits (letter case aside) from a key it reads.
    @Test func unknownKeysAreWarnings() throws {
        let json = """
            {"title": "T", "baseUrl": "https://example.org/", "baseURL": "/", "ignoreWarning": ["link-text"], "_comment": "x",
             "themes": [{"slug": "a", "titel": "A"}],
             "membership": {"joinUrl": "https://example.org/lid"}}
            """
        let (config, warnings) = try SiteConfigLoader.decodeReportingWarnings(json).get()
        #expect(config.ignoredWarnings.isEmpty)
        #expect(warnings.map(\.description) == [
            "site.json:1:16: warning: unknown key 'baseUrl' in site.json, left unused; did you mean 'baseURL'?",
            "site.json:1:67: warning: unknown key 'ignoreWarning' in site.json, left unused; did you mean 'ignoreWarnings'?",
            "site.json:1:99: warning: unknown key '_comment' in site.json, left unused (site.json reads title, description, baseURL, language, defaultAccess, allowRawHTML, brokenLinks, ignoreWarnings, themes, membership)",
            "site.json:2:27: warning: unknown key 'titel' in a theme, left unused; did you mean 'title'?",
            "site.json:3:17: warning: unknown key 'joinUrl' in 'membership', left unused; did you mean 'joinURL'?",
        ])
        #expect(warnings.allSatisfy { $0.code == WarningCode.unknownKey.rawValue })
        // With an error, the warnings come along, all in one report.
        #expect(Self.messages(#"{"title": "T", "baseURL": "/", "thems": []}"#) == [
            "site.json:1:1: error: missing required key 'themes'",
            "site.json:1:32: warning: unknown key 'thems' in site.json, left unused; did you mean 'themes'?",
        ])
    }

    @Test func themesMustBeAList() {
        #expect(Self.messages("{\"title\": \"T\", \"baseURL\": \"/\", \"themes\": {}}") == ["site.json:1:42: error: 'themes' must be a list"])
    }
}
