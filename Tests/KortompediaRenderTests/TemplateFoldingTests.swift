import Foundation
import KortompediaCore
import KortompediaSite
import KortompediaSource
import Mustache
import Testing

@testable import KortompediaRender

/// The values that are the same on every page at one depth, written into the templates
/// (`TemplateFolding`): only where the page comes out byte for byte as it would without.
@Suite struct TemplateFoldingTests {
    /// Site values as `TemplateContext.siteValues` gives them, for pages two folders deep.
    static var siteValues: [String: Any] {
        TemplateValues.preparedEach([
            "root": "../../",
            "searchURL": "../../zoeken/",
            "site": [
                "title": "Kortom & co", "language": "nl", "description": TemplateText("Twee\nregels"),
                "joinURL": " https://kortom.be/lid", "loginURL": "https://kortom.be/{login}", "isPublic": true,
            ] as [String: Any],
        ])
    }

    /// Page values over the site values: one with objects that answer `root` themselves, so that
    /// a tag folded where it should not have been would show.
    static func pages(over siteValues: [String: Any]) -> [[String: Any]] {
        [
            siteValues.merging(["title": TemplateString("Een <pagina>")]) { $1 },
            siteValues.merging([
                "title": TemplateString("Andere"), "s": true,
                "page": TemplateObject(["root": TemplateString("PAGE-ROOT"), "title": TemplateString("T")]),
                "items": [TemplateObject(["root": TemplateString("ITEM-ROOT")])],
            ]) { $1 },
        ]
    }

    static func library(_ templates: [String: String]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        _ = EscapingHTML.registered
        for (name, text) in templates { try library.register(EscapingHTML.pragma + text, named: name) }
        return library
    }

    /// Folds `templates` for `siteValues`, checks that every template renders the same bytes
    /// through the folded library for every page, and returns the folded texts by name.
    static func folded(_ templates: [String: String], siteValues: [String: Any] = siteValues) throws -> [String: String] {
        let original = try library(templates)
        let folding = TemplateFolding(sources: templates)
        let folded = folding.library(for: siteValues, original: original)
        for page in pages(over: siteValues) {
            #expect(folded?.holds(for: page) ?? true)
            for name in templates.keys.sorted() {
                let expected = original.render(TemplateObject(page), withTemplate: name)
                #expect((folded?.library ?? original).render(TemplateObject(page), withTemplate: name) == expected, "\(name)")
            }
        }
        return templates.keys.reduce(into: [:]) { texts, name in
            texts[name] = folding.foldedText(of: name, siteValues: siteValues)?.text ?? templates[name]
        }
    }

    @Test func variablesOutsideSectionsAreWrittenInAsTheyPrint() throws {
        let texts = try Self.folded([
            "t": "<a href=\"{{root}}x\">{{site.title}}</a> {{{site.title}}}|{{& site.title}}|{{ root }}|{{searchURL}}|{{title}}|{{site.missing}}|{{site}}|{{.}}|{{uppercased(site.title)}}\n"
        ])
        #expect(
            texts["t"]
                == "<a href=\"../../x\">Kortom &amp; co</a> Kortom & co|Kortom & co|../../|../../zoeken/|{{title}}|{{site.missing}}|{{site}}|{{.}}|{{uppercased(site.title)}}\n"
        )
    }

    @Test func insideASectionAnObjectMayAnswerFirst() throws {
        let text = "{{#page}}{{root}}{{/page}}{{#items}}{{root}}{{/items}}{{^none}}{{root}}{{/none}}{{#s}}{{root}}{{/s}}{{root}}"
        #expect(try Self.folded(["t": text])["t"] == "{{#page}}{{root}}{{/page}}{{#items}}{{root}}{{/items}}{{^none}}{{root}}{{/none}}{{#s}}{{root}}{{/s}}../../")
    }

    @Test func aPartialIsFoldedOnlyWhenNoSectionEverEnclosesIt() throws {
        let texts = try Self.folded([
            "t": "{{>top}}{{#page}}{{>inside}}{{/page}}",
            "top": "[{{root}}]",
            "inside": "({{root}}{{>deeper}})",
            "deeper": "<{{root}}>",
        ])
        #expect(texts["top"] == "[../../]")
        #expect(texts["inside"] == "({{root}}{{>deeper}})")
        #expect(texts["deeper"] == "<{{root}}>")
    }

    @Test func onlyTextThatKeepsTheLinesAsTheyWereIsWrittenIn() throws {
        let texts = try Self.folded([
            "t": "{{site.description}}|{{site.joinURL}}|{{site.loginURL}}|{{site.isPublic}}|{{site.language}}\n"
        ])
        #expect(texts["t"] == "{{site.description}}|{{site.joinURL}}|{{site.loginURL}}|{{site.isPublic}}|nl\n")
        // At the root `root` is empty: written in, the section tag after it would stand alone
        // on its line and take the line break with it.
        let atRoot = Self.siteValues.merging(["root": TemplateString("")]) { $1 }
        let standalone = "<p>\n{{root}}{{#s}}\nx\n{{/s}}\n"
        #expect(try Self.folded(["t": standalone], siteValues: atRoot)["t"] == standalone)
        #expect(try Self.folded(["t": standalone])["t"] == "<p>\n../../{{#s}}\nx\n{{/s}}\n")
    }

    @Test func aThemeTheScanCannotFollowIsLeftAsItIs() throws {
        for text in ["{{=<% %>=}}<% root %>{{root}}", "{{% CONTENT_TYPE: TEXT }}{{root}}", "{{>*name}}{{root}}"] {
            let folding = TemplateFolding(sources: ["t": text, "other": "{{root}}"])
            #expect(folding.foldable.isEmpty, "\(text)")
        }
        // A comment ends at its first closing braces: what follows is text, not a tag.
        #expect(try Self.folded(["t": "{{! a {{root}} b }}{{root}}"])["t"] == "{{! a {{root}} b }}../../")
    }

    @Test func aParentsBlocksAreFoldedWhenEveryBlockExpandsOutsideSections() throws {
        let texts = try Self.folded([
            "base": "<html lang=\"{{site.language}}\">{{$main}}{{root}}{{/main}}</html>\n",
            "page": "{{<base}}{{$main}}<a href=\"{{root}}\">{{title}}</a>{{#page}}{{root}}{{/page}}{{/main}}{{/base}}",
        ])
        #expect(texts["base"] == "<html lang=\"nl\">{{$main}}../../{{/main}}</html>\n")
        #expect(texts["page"] == "{{<base}}{{$main}}<a href=\"../../\">{{title}}</a>{{#page}}{{root}}{{/page}}{{/main}}{{/base}}")

        let nested = try Self.folded([
            "base": "{{#page}}{{$main}}{{/main}}{{/page}}{{root}}",
            "page": "{{<base}}{{$main}}{{root}}{{/main}}{{/base}}",
        ])
        #expect(nested["base"] == "{{#page}}{{$main}}{{/main}}{{/page}}../../")
        #expect(nested["page"] == "{{<base}}{{$main}}{{root}}{{/main}}{{/base}}")
    }

    /// A page whose values answer a folded name otherwise is rendered as the theme wrote it.
    @Test func aPageThatAnswersOtherwiseGetsTheTemplatesAsWritten() throws {
        let folding = TemplateFolding(sources: ["t": "{{root}}|{{site.title}}"])
        let folded = try #require(folding.library(for: Self.siteValues, original: Self.library(["t": "{{root}}|{{site.title}}"])))
        #expect(folded.holds(for: Self.siteValues))
        #expect(!folded.holds(for: Self.siteValues.merging(["root": TemplateString("../")]) { $1 }))
        #expect(!folded.holds(for: Self.siteValues.merging(["site": TemplateObject(["title": TemplateString("Anders")])]) { $1 }))
    }

    /// Every file of every fixture site, both builds, with the fixture theme and with the
    /// example site's own theme: the same bytes with folding as without.
    @Test func foldedThemesRenderTheSameSites() throws {
        for theme in [try fixtureTheme(), try Theme.load(from: exampleSite())] {
            #expect(!theme.folding.foldable.isEmpty)
            let unfolded = Theme(library: theme.library, assets: theme.assets, templatesDigest: theme.templatesDigest, sharedFragments: theme.sharedFragments)
            #expect(unfolded.folding.foldable.isEmpty)
            // What every page two folders deep starts from folds, and holds for such a page.
            let (site, _) = SiteResolver().resolve(try SourceTreeLoader(root: fixtureSite("basic")).load())
            let context = TemplateContext(view: site.view(for: .members))
            let folded = try #require(theme.folding.library(for: context.siteValues(root: "../../"), original: theme.library))
            #expect(folded.constants.contains { $0.path == ["root"] && $0.text == "../../" })
            #expect(folded.holds(for: context.base(path: "kortompedia/woordvoering/", title: "T", description: nil)))
            try expectSameFiles(theme, unfolded)
        }
    }
}
