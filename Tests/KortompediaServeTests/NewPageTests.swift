import Foundation
import KortompediaCore
import Testing

@testable import KortompediaBuild
@testable import KortompediaCommands

extension AllServeTests {
    /// `kortompedia new`: a complete file that builds, and refusals with exact messages.
    @Suite struct NewPageTests {
        let today = Day("2026-03-15")!

        @Test func newArticleHasCompleteFrontMatterAndBuilds() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let request = NewPageRequest(kind: .article, title: "Een \"nieuw\" artikel: AI & ethiek", themes: ["digitaal", "communicatie"], authors: ["An Peeters"])
            let path = try PageScaffold.create(request, root: site, today: today)
            #expect(path == "articles/een-nieuw-artikel-ai-ethiek.md")
            let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            #expect(text == """
                ---
                title: "Een \\"nieuw\\" artikel: AI & ethiek"
                summary: ""  # één of twee zinnen: wat de lezer hier leert (niet-leden zien enkel dit)
                themes: [digitaal, communicatie]
                tags: []
                access: members
                date: 2026-03-15
                review: 2027-03-15
                author: "An Peeters"
                ---

                Schrijf hier de inleiding van het artikel.

                """)

            let output = site.deletingLastPathComponent().appendingPathComponent("out")
            let report = try BuildPipeline(options: BuildOptions(root: site, output: output, workers: 2)).run()
            #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty)
            let page = try String(contentsOf: output.appendingPathComponent("members/kortompedia/een-nieuw-artikel-ai-ethiek/index.html"), encoding: .utf8)
            #expect(page.contains("Schrijf hier de inleiding van het artikel."))
            #expect(page.contains("Een &quot;nieuw&quot; artikel: AI &amp; ethiek"))
            // The new members-only article has no summary yet: check says so.
            let warnings = SiteCheck(options: BuildOptions(root: site, output: output), today: today).run()
            #expect(warnings.contains { $0.location.path == path && $0.code == "missing-summary" })
        }

        @Test func newPublicArticleAndBlogPost() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let article = try PageScaffold.create(.init(kind: .article, title: "Open data", themes: ["digitaal"], isPublic: true, folder: "digitaal/data"), root: site, today: Day("2024-02-29")!)
            #expect(article == "articles/digitaal/data/open-data.md")
            let articleText = try String(contentsOf: site.appendingPathComponent(article), encoding: .utf8)
            #expect(articleText.contains("\naccess: public\ndate: 2024-02-29\nreview: 2025-02-28\n"))

            let blog = try PageScaffold.create(.init(kind: .blog, title: "Terugblik op het congres", authors: ["An", "Bo"]), root: site, today: today)
            #expect(blog == "blogs/terugblik-op-het-congres.md")
            #expect(try String(contentsOf: site.appendingPathComponent(blog), encoding: .utf8) == """
                ---
                title: "Terugblik op het congres"
                summary: ""  # één of twee zinnen voor overzichten en zoekresultaten
                themes: []
                tags: []
                access: public
                date: 2026-03-15
                author: ["An", "Bo"]
                ---

                Schrijf hier het blogbericht.

                """)
            let output = site.deletingLastPathComponent().appendingPathComponent("out")
            let report = try BuildPipeline(options: BuildOptions(root: site, output: output, workers: 2)).run()
            #expect(report.pageCounts[.public] == 12)  // 10 pages of the fixture + 2 new
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("public/blog/terugblik-op-het-congres/index.html").path))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("public/kortompedia/open-data/index.html").path))
        }

        @Test func refusesToOverwriteOrToWriteWhatWouldNotBuild() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            func message(_ request: NewPageRequest) -> String? {
                do {
                    _ = try PageScaffold.create(request, root: site, today: today)
                    return nil
                } catch {
                    return error.description
                }
            }
            let before = try String(contentsOf: site.appendingPathComponent("articles/internet.md"), encoding: .utf8)
            #expect(message(.init(kind: .article, title: "Internet", themes: ["digitaal"])) == "articles/internet.md already exists; nothing was written")
            #expect(try String(contentsOf: site.appendingPathComponent("articles/internet.md"), encoding: .utf8) == before)
            #expect(message(.init(kind: .article, title: "Crisisplan", themes: ["crisis"])) == "slug 'crisisplan' is already used by articles/crisis/crisisplan.md; choose another title or pass --slug")
            #expect(message(.init(kind: .blog, title: "Intranet")) == "slug 'intranet' is already used by articles/intranet.md; choose another title or pass --slug")
            #expect(message(.init(kind: .article, title: "Nieuw", themes: ["digitale"])) == "unknown theme 'digitale' (site.json has: communicatie, digitaal, crisis); did you mean 'digitaal'?")
            #expect(message(.init(kind: .article, title: "Nieuw")) == "an article needs at least one theme: pass --theme (site.json has: communicatie, digitaal, crisis)")
            #expect(message(.init(kind: .article, title: "?!", themes: ["crisis"])) == "the title '?!' gives no slug: pass --slug")
            #expect(message(.init(kind: .article, title: "Nieuw", themes: ["crisis"], slug: "Nieuw Artikel")) == "--slug must match [a-z0-9]+(-[a-z0-9]+)*, not 'Nieuw Artikel'")
            let longTitle = Array(repeating: "Woord", count: 43).joined(separator: " ")
            #expect(message(.init(kind: .article, title: longTitle, themes: ["crisis"])) == "the slug would be 257 characters long, more than a file name takes (252 before '.md'): pass a shorter --slug")
            #expect(message(.init(kind: .article, title: longTitle, themes: ["crisis"], slug: String(repeating: "a", count: 253))) == "the slug would be 253 characters long, more than a file name takes (252 before '.md'): pass a shorter --slug")
            #expect(message(.init(kind: .article, title: "Nieuw", themes: ["crisis"], folder: "../buiten")) == "--folder must be a plain sub-folder of articles/, not '../buiten'")
            #expect(message(.init(kind: .article, title: "   ", themes: ["crisis"])) == "the title is empty")
            let leftOver = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("articles").path).sorted()
            #expect(leftOver == ["concept.md", "crisis", "crisiscommunicatie.md", "internet.md", "intranet.md", "persbericht-schrijven.md", "persberichten.md"])
        }

        @Test func commandPrintsThePathAndRefusesASecondTime() async throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let arguments = ["new", "article", "Toegankelijke pdf's", "--theme", "digitaal,communicatie", "--author", "An", "--root", site.path]
            #expect(await KortompediaCommand.exitStatus(for: arguments) == 0)
            let text = try String(contentsOf: site.appendingPathComponent("articles/toegankelijke-pdfs.md"), encoding: .utf8)
            #expect(text.contains("\nthemes: [digitaal, communicatie]\ntags: []\naccess: members\n"))
            #expect(await KortompediaCommand.exitStatus(for: arguments) == 1)
            #expect(await KortompediaCommand.exitStatus(for: ["new", "pagina", "X", "--root", site.path]) == 64)
        }

        @Test func yearLaterAndQuoting() {
            #expect(Day("2024-02-29")!.adding(years: 1) == Day("2025-02-28")!)
            #expect(Day("2024-02-29")!.adding(years: 4) == Day("2028-02-29")!)
            #expect(PageScaffold.yamlQuoted("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
        }
    }
}
