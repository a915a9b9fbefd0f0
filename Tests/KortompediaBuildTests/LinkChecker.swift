import Foundation

/// An independent link checker for a built site: every internal `href`/`src` of every HTML page
/// must name an existing file of the same build, every `#fragment` an `id` on its page, and no
/// page may use an `id` twice (a heading id equal to one of the theme's would break both).
struct LinkChecker {
    let root: URL

    /// What a run found: the number of internal links checked and one line per problem.
    struct Result {
        var checked = 0
        var problems: [String] = []
    }

    func run() throws -> Result {
        var result = Result()
        let files = Golden.files(under: root)
        var idsByPage: [String: Set<String>] = [:]
        func ids(of page: String) throws -> Set<String> {
            if let known = idsByPage[page] { return known }
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            let found = Set(Self.attributeValues("id", in: text))
            idsByPage[page] = found
            return found
        }
        for page in files.sorted() where page.hasSuffix(".html") {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            var seen = Set<String>()
            for id in Self.attributeValues("id", in: text) where !seen.insert(id).inserted {
                result.problems.append("\(page): id '\(id)' used twice")
            }
            for url in Self.attributeValues("href", in: text) + Self.attributeValues("src", in: text) {
                guard let target = Self.resolve(url, from: page) else { continue }
                result.checked += 1
                let file = target.path.isEmpty || target.path.hasSuffix("/") ? target.path + "index.html" : target.path
                let existing = files.contains(file) ? file : files.contains(file + "/index.html") ? file + "/index.html" : nil
                guard let existing else {
                    result.problems.append("\(page): \(url)")
                    continue
                }
                if let fragment = target.fragment, existing.hasSuffix(".html"), !(try ids(of: existing)).contains(fragment) {
                    result.problems.append("\(page): \(url) (no id '\(fragment)')")
                }
            }
        }
        return result
    }

    /// The site path a URL on `page` points at, with its fragment; nil for external URLs.
    static func resolve(_ url: String, from page: String) -> (path: String, fragment: String?)? {
        let unescaped = url.replacingOccurrences(of: "&amp;", with: "&")
        if unescaped.hasPrefix("//") || unescaped.range(of: "^[a-zA-Z][a-zA-Z0-9+.-]*:", options: .regularExpression) != nil { return nil }
        var rest = Substring(unescaped)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...]).removingPercentEncoding
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        if rest.isEmpty { return (page, fragment) }  // `#kop` on the page itself
        var parts = rest.hasPrefix("/") ? [] : page.split(separator: "/").dropLast().map(String.init)
        for segment in rest.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if parts.isEmpty { return ("../" + rest, fragment) }  // above the root: dead
                parts.removeLast()
            } else {
                parts.append(String(segment).removingPercentEncoding ?? String(segment))
            }
        }
        let path = parts.joined(separator: "/") + (rest.hasSuffix("/") && !parts.isEmpty ? "/" : "")
        return (path, fragment)
    }

    /// The values of `name="..."` attributes in HTML text.
    static func attributeValues(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        let marker = " \(name)=\""
        while let start = rest.range(of: marker) {
            let valueStart = start.upperBound
            guard let end = rest[valueStart...].firstIndex(of: "\"") else { break }
            values.append(String(rest[valueStart..<end]))
            rest = rest[end...]
        }
        return values
    }
}
