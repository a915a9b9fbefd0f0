import Foundation
import KortompediaCore
@testable import KortompediaRender
import KortompediaSite
import KortompediaSource
import Testing

@Suite struct TemplateMetricsTests {
    /// Every page is counted once under the template it was rendered with, and its bytes are
    /// those of its file. Counts and bytes are the same on one thread and on two, and the
    /// output is the same as without metrics.
    @Test(arguments: [(Audience.members, 1), (.members, 2), (.public, 1), (.public, 2)])
    func everyPageIsCountedUnderItsTemplate(audience: Audience, workers: Int) throws {
        let sources = try SourceTreeLoader(root: fixtureSite("audiences")).load()
        let (site, _) = SiteResolver().resolve(sources)
        let view = site.view(for: audience)
        let theme = try fixtureTheme()
        let metrics = TemplateMetrics()
        let rendered = SiteRenderer(theme: theme, workers: workers, metrics: metrics).render(view)
        #expect(rendered.files == SiteRenderer(theme: theme, workers: workers).render(view).files)

        let entries = Dictionary(uniqueKeysWithValues: metrics.entries.map { ($0.template, $0) })
        let templates = audience == .public ? ["article", "blog", "teaser"] : ["article", "blog"]
        #expect(!view.pages.contains { !templates.contains(SiteRenderer.template(for: $0)) })
        for template in templates {
            let pages = view.pages.filter { SiteRenderer.template(for: $0) == template }
            let files = pages.map { page in rendered.files.first { $0.path == SitePath.file(for: page.ref.sitePath) }! }
            #expect(!pages.isEmpty)
            #expect(entries[template]?.renders == pages.count)
            #expect(entries[template]?.bytes == files.map { $0.contents.count }.reduce(0, +))
            #expect((entries[template]?.seconds ?? 0) > 0)
        }
        // Every HTML file is one render of one template; cards and shared fragments are parts.
        let pageTemplates = metrics.entries.filter { $0.template != "card" && !$0.template.hasPrefix(Theme.sharedFragmentPrefix) }
        let html = rendered.files.filter { $0.path.hasSuffix(".html") }
        let renders: Int = pageTemplates.map(\.renders).reduce(0, +)
        let bytes: Int = pageTemplates.map(\.bytes).reduce(0, +)
        let htmlBytes: Int = html.map { $0.contents.count }.reduce(0, +)
        #expect(renders == html.count)
        #expect(bytes == htmlBytes)
        #expect((entries["card"]?.renders ?? 0) >= view.pages.count)
        if audience == .members { #expect(entries["teaser"] == nil) }

        let again = TemplateMetrics()
        _ = SiteRenderer(theme: theme, workers: 3 - workers, metrics: again).render(view)
        // Shared fragments aside: two workers may both render one first seen at the same time.
        func counts(_ metrics: TemplateMetrics) -> [String] {
            metrics.entries.filter { !$0.template.hasPrefix(Theme.sharedFragmentPrefix) }.map { "\($0.template) \($0.renders) \($0.bytes)" }.sorted()
        }
        #expect(counts(again) == counts(metrics))
    }

    @Test func entriesAreSortedByTimeThenName() {
        let metrics = TemplateMetrics()
        metrics.record("b", seconds: 0.5, bytes: 10)
        metrics.record("a", seconds: 0.25, bytes: 5)
        metrics.record("a", seconds: 0.25, bytes: 7)
        metrics.record("c", seconds: 2, bytes: 1)
        #expect(metrics.entries == [
            .init(template: "c", renders: 1, seconds: 2, bytes: 1),
            .init(template: "a", renders: 2, seconds: 0.5, bytes: 12),
            .init(template: "b", renders: 1, seconds: 0.5, bytes: 10),
        ])
    }

    @Test func theTableHasARowPerTemplateAndTheSum() {
        let lines = TemplateMetrics.table([
            .init(template: "article", renders: 4, seconds: 0.002, bytes: 40_000),
            .init(template: "card", renders: 10, seconds: 0.001, bytes: 5_000),
        ])
        #expect(lines == [
            "  template             renders       CPU  per render  HTML each",
            "  article                    4   0.002 s      500 µs    10.0 kB",
            "  card                      10   0.001 s      100 µs     0.5 kB",
            "  all templates             14   0.003 s      214 µs     3.2 kB",
        ])
        #expect(TemplateMetrics.table([]).isEmpty)
    }
}
