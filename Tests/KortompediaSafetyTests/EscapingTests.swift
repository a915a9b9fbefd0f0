import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Text from front matter goes into HTML text, HTML attributes, JSON and XML: everywhere it must
/// come out as the same text, never as markup. Raw HTML from Markdown only with `allowRawHTML`,
/// and then a members-only `<script>` still never reaches `public/`.
@Suite struct EscapingTests {
    /// Breaks out of every context it is not escaped for: element text, a double- or
    /// single-quoted attribute, an entity, a `<script>` element.
    static let hostile = #"<script>alert("x")</script> "><img src=x onerror=alert(1)> ' onmouseover='alert(2) &amp; & &#x3C; </script>"#

    /// A YAML double-quoted scalar.
    static func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func page(title: String, slug: String, access: String, body: String) -> String {
        """
        ---
        title: \(yaml(title))
        slug: \(slug)
        summary: \(yaml("Samenvatting " + hostile))
        themes: [beleid]
        tags: [\(yaml("<b>tag</b> & \"co\""))]
        author: [\(yaml("Jan & Piet <jp@example.org>")), \(yaml(hostile))]
        access: \(access)
        date: 2024-05-01
        bron: \(yaml(hostile))
        ---
        \(body)

        """
    }

    static func buildHostileSite(allowRawHTML: Bool) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("escaping")
        try TestSite.copyTheme(into: folder.site)
        try folder.site.appendingPathComponent("site.json").write(
            TestSite.siteJSON(allowRawHTML: allowRawHTML, title: "Site " + hostile, description: "Beschrijving " + hostile))
        try folder.site.appendingPathComponent("articles/openbaar.md").write(
            page(title: "Openbaar " + hostile, slug: "openbaar", access: "public", body: """
                Openbare tekst met <b>vet</b> en [[leden]].

                ## Kop \(hostile.replacingOccurrences(of: "<", with: "\\<"))

                Meer tekst.

                ## Tweede kop & "meer"

                Nog meer tekst.
                """))
        try folder.site.appendingPathComponent("articles/leden.md").write(
            page(title: "Leden " + hostile, slug: "leden", access: "members", body: """
                Ledentekst RAWSCRIPTMARKER.

                <script>alert("RAWSCRIPTMARKER")</script>

                <iframe src="https://example.org/RAWSCRIPTMARKER"></iframe>

                Inline <span onclick="alert('RAWSCRIPTMARKER')">klik</span> en <img src=x onerror=alert("RAWSCRIPTMARKER")>.
                """))
        try folder.site.appendingPathComponent("blogs/blog.md").write(
            page(title: "Blog " + hostile, slug: "blog", access: "public", body: "Een blog over [[openbaar]]."))
        _ = try BuildPipeline(options: BuildOptions(root: folder.site, output: folder.output, workers: 2)).run()
        return folder
    }

    /// Every file of an audience's build with its text.
    static func files(_ root: URL) throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        var result: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            guard enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            let data = try Data(contentsOf: root.appendingPathComponent(relative))
            result.append((relative, String(decoding: data, as: UTF8.self)))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Decodes the character references HTML and XML use, in one pass.
    static func decodeEntities(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    @Test func frontMatterTextIsEscapedInHTMLJSONAndXML() throws {
        let folder = try Self.buildHostileSite(allowRawHTML: false)
        for audience in ["public", "members"] {
            let files = try Self.files(folder.output.appendingPathComponent(audience))
            var htmlPages = 0, jsonFiles = 0, xmlFiles = 0
            var jsonStrings: [String] = []
            for (path, text) in files {
                // In markup the hostile text never appears as it was written: it is always escaped.
                // (JSON holds it as it is, in strings: checked below by parsing.)
                if path.hasSuffix(".html") || path.hasSuffix(".xml") {
                    for raw in [#"<script>alert("x")"#, #""><img src=x onerror"#, "<img src=x", "&#x3C;", "<b>tag</b>", "<jp@example.org>"] {
                        #expect(!text.contains(raw), "\(audience)/\(path) holds unescaped \(raw.debugDescription)")
                    }
                }
                if path.hasSuffix(".html") {
                    htmlPages += 1
                    // The theme's own script elements only: none from the text.
                    for match in text.ranges(of: "<script") {
                        let element = text[match.lowerBound...].prefix(80)
                        #expect(element.hasPrefix("<script src="), "\(audience)/\(path): \(element)")
                    }
                } else if path.hasSuffix(".json") {
                    jsonFiles += 1
                    let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
                    jsonStrings += Self.strings(in: value)
                } else if path.hasSuffix(".xml") {
                    xmlFiles += 1
                    let parsed = try #require(XMLTextCollector.parse(Data(text.utf8)), "\(audience)/\(path) is not well-formed XML")
                    if path == "feed.xml" {
                        #expect(parsed.contains("Openbaar " + Self.hostile), "the feed does not carry the title as text")
                        #expect(parsed.contains("Samenvatting " + Self.hostile), "the feed does not carry the summary as text")
                    }
                }
            }
            #expect(htmlPages > 5 && jsonFiles > 0 && xmlFiles > 0, "\(audience): \(htmlPages) HTML, \(jsonFiles) JSON, \(xmlFiles) XML files")
            #expect(jsonStrings.contains { $0.contains("Openbaar " + Self.hostile) }, "\(audience): no JSON string holds the title exactly")

            // The article page: title, summary, tag, authors and site title come back exactly as
            // text (in element content and in attributes) once the entities are decoded.
            let article = try String(contentsOf: folder.output.appendingPathComponent("\(audience)/kortompedia/openbaar/index.html"), encoding: .utf8)
            let decoded = Self.decodeEntities(article)
            for text in ["Openbaar " + Self.hostile, "Samenvatting " + Self.hostile, "<b>tag</b> & \"co\"", "Jan & Piet <jp@example.org>", "Site " + Self.hostile] {
                #expect(decoded.contains(text), "\(audience): the article page does not show \(text.debugDescription)")
            }
            #expect(article.contains(#"<meta name="description" content="Samenvatting &lt;script&gt;alert(&quot;x&quot;)"#) || article.contains(#"content="Samenvatting &lt;script&gt;alert(&#34;x&#34;)"#),
                "the summary is not escaped inside the description attribute")
        }
    }

    static func strings(in value: Any) -> [String] {
        switch value {
        case let string as String: [string]
        case let array as [Any]: array.flatMap { strings(in: $0) }
        case let dictionary as [String: Any]: dictionary.keys.map { $0 } + dictionary.values.flatMap { strings(in: $0) }
        default: []
        }
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() throws {
        let folder = try Self.buildHostileSite(allowRawHTML: false)
        let members = try String(contentsOf: folder.output.appendingPathComponent("members/kortompedia/leden/index.html"), encoding: .utf8)
        #expect(members.contains("Ledentekst RAWSCRIPTMARKER"))
        #expect(!members.contains("alert(\"RAWSCRIPTMARKER\")"), "raw HTML kept without allowRawHTML")
        #expect(!members.contains("<iframe"))
        #expect(!members.contains("onclick="))
        #expect(!members.contains("onerror=alert(\"RAWSCRIPTMARKER"))
        let openbaar = try String(contentsOf: folder.output.appendingPathComponent("public/kortompedia/openbaar/index.html"), encoding: .utf8)
        #expect(!openbaar.contains("<b>vet</b>"))
    }

    @Test func membersOnlyScriptNeverReachesPublicEvenWithRawHTML() throws {
        let folder = try Self.buildHostileSite(allowRawHTML: true)
        let members = try String(contentsOf: folder.output.appendingPathComponent("members/kortompedia/leden/index.html"), encoding: .utf8)
        #expect(members.contains("<script>alert(\"RAWSCRIPTMARKER\")</script>"), "allowRawHTML keeps raw HTML for members")
        let openbaar = try String(contentsOf: folder.output.appendingPathComponent("public/kortompedia/openbaar/index.html"), encoding: .utf8)
        #expect(openbaar.contains("<b>vet</b>"), "allowRawHTML keeps raw HTML in public bodies")
        for (path, text) in try Self.files(folder.output.appendingPathComponent("public")) {
            #expect(!text.localizedCaseInsensitiveContains("rawscriptmarker"), "public/\(path) holds the members-only raw HTML")
        }
    }
}

/// Collects the text of an XML document (nil when it is not well-formed).
final class XMLTextCollector: NSObject, XMLParserDelegate {
    private var texts: [String] = []
    private var current = ""

    static func parse(_ data: Data) -> [String]? {
        let collector = XMLTextCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return collector.texts
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        texts.append(current)
        current = ""
    }
}
