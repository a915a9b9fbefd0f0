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
