import Foundation
import KortompediaCore
import KortompediaRender
import KortompediaSite
import KortompediaSource
import Testing

/// The theme's `shared-*` templates, rendered once per depth and handed to every page as
/// `{{{shared.<name>}}}`.
@Suite struct SharedFragmentsTests {
    @Test func theThemeListsItsSharedFragments() throws {
        #expect(try fixtureTheme().sharedFragments == ["menu"])
        // `shared-.mustache` names no fragment; it stays an ordinary template.
        let theme = try fixtureTheme(editing: ["shared-b": "b", "shared-a": "a", "shared-": "none", "sharedx": "x"])
        #expect(theme.sharedFragments == ["a", "b", "menu"])
    }

    /// The fixture theme's menu is a shared fragment; put back inline in the layout, every
    /// file of both builds is the same, at every depth, the 404 page's absolute links included.
    @Test func aSharedFragmentGivesTheBytesOfTheSameTextInline() throws {
        let fixture = try fixtureTheme()
        let layout = try String(contentsOf: fixtureSite("_theme").appendingPathComponent("templates/base.mustache"), encoding: .utf8)
        let menu = try String(contentsOf: fixtureSite("_theme").appendingPathComponent("templates/shared-menu.mustache"), encoding: .utf8)
        #expect(layout.contains("{{{shared.menu}}}\n"))
        let inline = try fixtureTheme(editing: ["base": layout.replacingOccurrences(of: "{{{shared.menu}}}\n", with: menu), "shared-menu": nil])
        #expect(inline.sharedFragments.isEmpty)
        try expectSameFiles(fixture, inline)
    }

    /// A fragment sees what is the same on every page of a depth, not the page's own values,
    /// and loses the one line break that ends its file.
    @Test func aFragmentSeesTheSiteValuesOfItsDepthOnly() throws {
        let layout = try String(contentsOf: fixtureSite("_theme").appendingPathComponent("templates/base.mustache"), encoding: .utf8)
        let theme = try fixtureTheme(editing: [
            "shared-probe": "[{{title}}|{{page.title}}|{{root}}|{{searchURL}}|{{site.title}}|{{#nav}}{{url}} {{/nav}}]\n\n",
            "base": layout.replacingOccurrences(of: "<main>", with: "{{{shared.probe}}}<main>"),
        ])
        let site = try render("basic", for: .members, theme: theme, workers: 2)
        let article = try #require(site.text("kortompedia/woordvoering/index.html"))
        #expect(article.contains("[||../../|../../zoeken/|Basis|../../themas/crisiscommunicatie/ ../../themas/digitale-communicatie/ ]\n<main>"))
        let home = try #require(site.text("index.html"))
        #expect(home.contains("[|||zoeken/|Basis|themas/crisiscommunicatie/ themas/digitale-communicatie/ ]\n<main>"))
        let notFound = try #require(site.text("404.html"))
        #expect(notFound.contains("[||/|/zoeken/|Basis|/themas/crisiscommunicatie/ /themas/digitale-communicatie/ ]\n<main>"))
    }
}
