import Foundation
import KortompediaCore
import KortompediaSite
import KortompediaSource
import Testing

@testable import KortompediaRender

/// A page's card rendered once and cut where the way up goes (`DepthlessCard`).
@Suite struct DepthlessCardTests {
    /// Every card of every fixture site, at every depth, with the fixture theme and the example
    /// site's theme: the same bytes as the card rendered for that depth.
    @Test func aCardRenderedOnceIsTheCardOfEveryDepth() throws {
        for theme in [try fixtureTheme(), try Theme.load(from: exampleSite())] {
            #expect(theme.cardsRenderOnceForEveryDepth)
            let templates = TemplateRenderer(library: theme.library, metrics: nil)
            for site in ["basic", "audiences", "links"] {
                let (resolved, _) = SiteResolver().resolve(try SourceTreeLoader(root: fixtureSite(site)).load())
                for audience in Audience.allCases {
                    let view = resolved.view(for: audience)
                    let context = TemplateContext(view: view)
                    for page in view.pages {
                        let card = try #require(DepthlessCard(page.ref, templates: templates, context: context))
                        for depth in 0...3 {
                            let up = SitePath.up(depth: depth)
                            let expected = templates.render("card", TemplateObject(context.card(page.ref, up: up)))
                            #expect(card.html(up: up) == expected, "\(site) \(page.ref.sitePath) \(depth)")
                        }
                    }
                }
            }
        }
    }

    @Test func aThemeThatTransformsOrATextWithTheMarkerRendersEachDepth() throws {
        #expect(DepthlessCard.suits(templateTexts: ["card": "<a href=\"{{url}}\">{{title}}</a>"]))
        #expect(!DepthlessCard.suits(templateTexts: ["card": "<a href=\"{{uppercased(url)}}\">{{title}}</a>"]))
        #expect(!DepthlessCard.suits(templateTexts: ["card": "{{#reversed(url)}}x{{/reversed(url)}}"]))
        #expect(!DepthlessCard.suits(templateTexts: ["card": "x\(DepthlessCard.marker){{url}}"]))
        #expect(!DepthlessCard.suits(templateTexts: [:]))
        // Parentheses in text, outside tags, change nothing; in a comment they count.
        #expect(DepthlessCard.suits(templateTexts: ["card": "(zie {{url}})"]))
        #expect(!DepthlessCard.suits(templateTexts: ["card": "{{! uppercased(url) kan ook }}{{url}}"]))
        // Other delimiters could hide a transform from the scan: such a theme renders each depth.
        #expect(!DepthlessCard.suits(templateTexts: ["card": "{{=<% %>=}}<a href=\"<% uppercased(url) %>\"><% title %></a>"]))
        #expect(DepthlessCard.suits(templateTexts: ["card": "{{{url}}} {{&title}} {{#themes}}{{title}}{{/themes}}"]))

        let theme = try fixtureTheme()
        let (site, _) = SiteResolver().resolve(try SourceTreeLoader(root: fixtureSite("basic")).load())
        let view = site.view(for: .members)
        let page = try #require(view.pages.first?.ref)
        let templates = TemplateRenderer(library: theme.library, metrics: nil), context = TemplateContext(view: view)
        #expect(DepthlessCard(page, templates: templates, context: context) != nil)
        for (title, summary) in [(page.title + DepthlessCard.marker, page.summary), (page.title, DepthlessCard.marker)] {
            let ref = PageRef(
                kind: page.kind, slug: page.slug, title: title, sitePath: page.sitePath, summary: summary, access: page.access,
                themes: page.themes, date: page.date, lastModified: page.lastModified)
            #expect(DepthlessCard(ref, templates: templates, context: context) == nil)
        }
    }
}
