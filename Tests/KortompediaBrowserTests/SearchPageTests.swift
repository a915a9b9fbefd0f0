import Foundation
import Testing

extension AllBrowserTests {
    /// The search page as a reader uses it: each build of the example site served over HTTP on
    /// 127.0.0.1, `zoeken/?q=…` opened in headless Chromium, the listed results read from the DOM.
    @Suite struct SearchPageTests {
        static func search(_ query: String, audience: String, extra: String = "") throws -> (links: [String], status: String, dom: String) {
            let server = try BrowserHarness.StaticServer(folder: BrowserHarness.exampleBuild.appendingPathComponent(audience))
            defer { server.stop() }
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query
            let dom = try BrowserHarness.dom(of: server.baseURL + "zoeken/?q=" + encoded + extra)
            return (BrowserHarness.resultLinks(in: dom), BrowserHarness.status(in: dom), dom)
        }

        @Test(arguments: ["members", "public"])
        func titleWordPutsTheArticleFirst(audience: String) throws {
            let result = try Self.search("crisiscommunicatieplan", audience: audience)
            #expect(result.links.first?.contains("/kortompedia/crisiscommunicatieplan/") == true, "\(result.links)")
            #expect(result.status.contains("resultat"), "status: \(result.status)")
        }

        @Test func membersOnlyArticleIsFoundByTitleInThePublicBuildAndLeadsToItsTeaser() throws {
            let result = try Self.search("woordvoerder", audience: "public")
            let hit = result.links.first { $0.contains("/kortompedia/woordvoerder-tijdens-een-crisis/") }
            #expect(hit != nil, "\(result.links)")
            // A teaser link never carries a heading fragment, and the result says it is for members.
            #expect(hit?.contains("#") == false)
            #expect(result.dom.contains("Alleen voor leden"))
        }

        @Test func bodyWordOfAMembersOnlyArticleIsFoundOnlyByMembers() throws {
            let members = try Self.search("beschermzone", audience: "members")
            #expect(members.links.contains { $0.contains("/kortompedia/huisstijl-bewaken/") }, "\(members.links)")
            let visitors = try Self.search("beschermzone", audience: "public")
            #expect(!visitors.links.contains { $0.contains("/kortompedia/huisstijl-bewaken/") }, "\(visitors.links)")
        }

        @Test func dutchInflectionsAndDiacriticsMeet() throws {
            // Singular query, plural in the text.
            let plural = try Self.search("brugfiguur", audience: "members")
            #expect(plural.links.contains { $0.contains("/kortompedia/inclusief-communiceren/") }, "\(plural.links)")
            // No diacritics in the query, `enquête` in the article.
            let folded = try Self.search("enquete", audience: "public")
            #expect(folded.links.contains { $0.contains("/kortompedia/online-enquete-opstellen/") }, "\(folded.links)")
        }

        /// A word that matches nothing, not even one typo away, offers the nearest word the index
        /// has, as a link that searches it (filters kept).
        @Test func aMisspeltWordGetsASuggestion() throws {
            let result = try Self.search("kommunikatie", audience: "public", extra: "&type=blog")
            #expect(result.links.isEmpty, "\(result.links)")
            #expect(result.status == #"Geen resultaten voor “kommunikatie”. Bedoelde je <a class="search-suggestion" href="/zoeken/?q=communicatie&amp;type=blog">communicatie</a>?"#)
            let followed = try Self.search("communicatie", audience: "public", extra: "&type=blog")
            #expect(!followed.links.isEmpty)
        }

        @Test func typeFilterKeepsOnlyBlogPosts() throws {
            let result = try Self.search("communicatie", audience: "public", extra: "&type=blog")
            #expect(!result.links.isEmpty)
            #expect(result.links.allSatisfy { $0.contains("/blog/") }, "\(result.links)")
        }
    }
}
