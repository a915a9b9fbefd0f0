import KortompediaCore
import Mustache
import Testing

@testable import KortompediaRender

@Suite struct TemplateFingerprintTests {
    let templates = ContentDigest(of: Array("templates".utf8))

    func fingerprint(_ values: [String: Any], template: String = "article", script: String = "") -> ContentDigest? {
        TemplateFingerprint.of(templates: templates, template: template, injectedScript: script, values: values)
    }

    @Test func dependsOnEveryValueButNotOnTheOrderOfKeys() throws {
        var first: [String: Any] = ["title": "A", "count": 2]
        first["page"] = ["body": "<p>x</p>", "tags": [["name": "pers"]], "isTeaser": false] as [String: Any]
        var second: [String: Any] = [:]
        second["page"] = ["isTeaser": false, "tags": [["name": "pers"]], "body": "<p>x</p>"] as [String: Any]
        second["count"] = 2
        second["title"] = "A"
        let digest = try #require(fingerprint(first))
        #expect(fingerprint(second) == digest)

        second["title"] = "B"
        #expect(fingerprint(second) != digest)
        #expect(fingerprint(first, template: "teaser") != digest)
        #expect(fingerprint(first, script: "<script></script>") != digest)
        #expect(TemplateFingerprint.of(templates: ContentDigest(of: [1]), template: "article", injectedScript: "", values: first) != digest)
    }

    @Test func tellsKindsApart() {
        // In a section, an empty TemplateText is false and an empty String true; 1 and true differ too.
        #expect(fingerprint(["x": TemplateText("")]) != fingerprint(["x": ""]))
        #expect(fingerprint(["x": 1]) != fingerprint(["x": true]))
        #expect(fingerprint(["x": ["a"]]) != fingerprint(["x": "a"]))
    }

    @Test func anUnknownKindIsNeverReused() {
        #expect(fingerprint(["x": 1.5]) == nil)
        #expect(fingerprint(["page": ["y": [Character("c")]] as [String: Any]]) == nil)
    }
}

@Suite struct TemplateEscapingTests {
    /// `{{x}}` escapes as swift-mustache's HTML content type does, and also a `<` that a
    /// combining mark joins into one Character (which mustache's Character loop lets through).
    @Test func variablesAreEscapedByteForByte() throws {
        _ = EscapingHTML.registered
        var library = MustacheLibrary()
        try library.register(EscapingHTML.pragma + "<p title=\"{{x}}\">{{x}}</p>{{{x}}}", named: "t")
        let value = "Tom & Jerry's <b>\"dag\"</b> a<\u{338}b é"
        let html = try #require(library.render(["x": value], withTemplate: "t"))
        let escaped = "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;dag&quot;&lt;/b&gt; a&lt;\u{338}b é"
        #expect(html == "<p title=\"\(escaped)\">\(escaped)</p>\(value)")
    }
}

@Suite struct TemplateValuesTests {
    /// The converted values render exactly as the plain ones, in every construct a theme may
    /// use on them: printing, sections on empty and non-empty strings, lists, dotted names,
    /// climbing out of a section, inverted sections and transforms.
    @Test func renderLikeThePlainValues() throws {
        _ = EscapingHTML.registered
        var library = MustacheLibrary()
        let template = """
            {{title}}|{{{title}}}|{{#empty}}[leeg is waar]{{/empty}}|{{^empty}}[niet]{{/empty}}|\
            {{#title}}[{{.}}/{{count}}]{{/title}}|{{#page.tags}}<{{name}}:{{title}}>{{/page.tags}}|\
            {{page.nested.deep}}|{{^page.none}}geen{{/page.none}}|{{uppercased(title)}}|{{#page.flag}}ja{{/page.flag}}|\
            {{#text}}tekst:{{text}}{{/text}}|{{#page.list}}{{.}},{{/page.list}}|{{page.missing}}|{{count}}
            """
        try library.register(EscapingHTML.pragma + template, named: "t")
        let values: [String: Any] = [
            "title": "Tom & <Jerry>", "empty": "", "count": 3, "text": TemplateText("x"),
            "page": [
                "tags": [["name": "pers"], ["name": "crisis & co"]], "nested": ["deep": "diep"] as [String: Any],
                "none": [String](), "flag": true, "list": ["a", "b"],
            ] as [String: Any],
        ]
        let plain = try #require(library.render(values, withTemplate: "t"))
        #expect(library.render(TemplateValues.prepared(values), withTemplate: "t") == plain)
        #expect(plain == ("Tom &amp; &lt;Jerry&gt;|Tom & <Jerry>|[leeg is waar]||[Tom &amp; &lt;Jerry&gt;/3]|<pers:Tom &amp; &lt;Jerry&gt;><crisis &amp; co:Tom &amp; &lt;Jerry&gt;>|diep|geen|TOM &amp; &lt;JERRY&gt;|ja|tekst:x|a,b,||3"))
    }
}
