import Foundation
import KortompediaCore

extension SiteStatistics {
    /// Dutch names of the access levels, as the site shows them.
    static func label(_ access: Access) -> String {
        switch access {
        case .members: "alleen voor leden"
        case .public: "publiek"
        }
    }

    /// The figures as pretty-printed JSON with sorted keys (dates as `YYYY-MM-DD`).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and days cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// The figures as aligned plain-text tables, with Dutch labels, for a terminal.
    public func textTable() -> String {
        var out = "\(siteTitle) in cijfers: \(period.from.dutchDescription) – \(period.to.dutchDescription)\n\n"
        let summary: [(String, Int)] = [
            ("Artikels op \(period.to.dutchDescription)", articles),
        ] + access.map { ("  \(Self.label($0.access))", $0.articles) } + [
            ("Nieuwe artikels", newArticles),
            ("Bijgewerkte artikels", updatedArticles),
            ("Herschreven artikels", rewrittenArticles),
            ("Blogberichten", blogPosts),
            ("Reviews achterstallig op \(reviewsDueBefore.dutchDescription)", overdueReviews.count),
        ]
        out += Self.alignedTable(header: nil, rows: summary.map { [$0.0, String($0.1)] })
        out += "\n"
        out += Self.alignedTable(
            header: ["Thema", "artikels", "nieuw", "bijgewerkt", "herschreven"],
            rows: themes.map { [$0.title, String($0.articles), String($0.new), String($0.updated), String($0.rewritten)] })
        out += "(Een artikel met meer dan één thema telt mee bij elk van zijn thema's.)\n"
        if !overdueReviews.isEmpty {
            out += "\n"
            out += Self.alignedTable(header: ["Review achterstallig", "review", "bestand"], rows: overdueReviews.map { [$0.title, $0.review?.description ?? "", $0.path] }, numericColumns: [])
        }
        if !mostLinked.isEmpty {
            out += "\n"
            out += Self.alignedTable(header: ["Meest gelinkt", "pagina's", "bestand"], rows: mostLinked.map { [$0.title, String($0.linkingPages ?? 0), $0.path] }, numericColumns: [1])
        }
        return out
    }

    /// Columns padded to their widest cell; numbers right-aligned (all but the first column
    /// unless `numericColumns` says otherwise).
    static func alignedTable(header: [String]?, rows: [[String]], numericColumns: Set<Int>? = nil) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        guard let columns = all.map(\.count).max() else { return "" }
        let numeric = numericColumns ?? Set(1..<columns)
        let widths = (0..<columns).map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        var out = ""
        if let header {
            out += line(header)
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        }
        for row in rows { out += line(row) }
        return out
    }
}
