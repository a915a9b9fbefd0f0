import KortompediaCore
import KortompediaSite

/// Writes the Atom feed (`feed.xml`, the 50 most recent pages) and, for the public build, the
/// sitemap. Entries carry the audience-safe summary only, never a body.
struct FeedWriter {
    let view: AudienceView

    func files() -> [OutputFile] {
        var files = [OutputFile(path: "feed.xml", text: feed())]
        if view.audience == .public { files.append(OutputFile(path: "sitemap.xml", text: sitemap())) }
        return files
    }

    private func absolute(_ path: String) -> String { view.config.baseURL + path }

    func feed() -> String {
        let entries = view.pages.map(\.ref).sorted { a, b in
            a.lastModified != b.lastModified ? a.lastModified > b.lastModified : a.sitePath < b.sitePath
        }.prefix(50)
        let updated = entries.first?.lastModified.description ?? "2000-01-01"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(view.config.language))">
              <title>\(escape(view.config.title))</title>
              <id>\(escape(absolute("")))</id>
              <link href="\(escape(absolute("")))"/>
              <link rel="self" href="\(escape(absolute("feed.xml")))"/>
              <updated>\(updated)T00:00:00Z</updated>

            """
        for ref in entries {
            xml += """
                  <entry>
                    <title>\(escape(ref.title))</title>
                    <id>\(escape(absolute(ref.sitePath)))</id>
                    <link href="\(escape(absolute(ref.sitePath)))"/>
                    <published>\(ref.date)T00:00:00Z</published>
                    <updated>\(ref.lastModified)T00:00:00Z</updated>

                """
            if let summary = ref.summary { xml += "    <summary>\(escape(summary))</summary>\n" }
            if ref.access == .members { xml += "    <category term=\"alleen-voor-leden\" label=\"Alleen voor leden\"/>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    func sitemap() -> String {
        var paths = [SitePath.home, SitePath.themes, SitePath.tags, SitePath.articleIndex, SitePath.blogIndex]
        paths += view.themes.map { SitePath.theme($0.theme.slug) }
        paths += view.pages.map(\.ref.sitePath)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let modified = Dictionary(view.pages.map { ($0.ref.sitePath, $0.ref.lastModified) }, uniquingKeysWith: { a, _ in a })
        for path in paths {
            xml += "  <url><loc>\(escape(absolute(path)))</loc>"
            if let day = modified[path] { xml += "<lastmod>\(day)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
