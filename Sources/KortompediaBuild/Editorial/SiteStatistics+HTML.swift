import KortompediaCore

extension SiteStatistics {
    /// A self-contained HTML report (Dutch, inline CSS, bar charts as inline SVG, no script) that
    /// an editor can open in a browser or attach to a report. Written as well-formed XML
    /// (self-closed empty elements, no named entities) so that any XML parser can read it too.
    /// `generatedOn` is printed in the footer.
    public func htmlReport(generatedOn: Day) -> String {
        let isYear = period.from == period.from.startOfYear && period.to == period.from.endOfYear
        let heading = isYear ? "\(siteTitle) in cijfers \(period.from.year)" : "\(siteTitle) in cijfers"
        var html = """
            <!DOCTYPE html>
            <html lang="nl" xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(e(heading))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <main>
            <h1>\(e(heading))</h1>
            <p class="periode">Periode: \(e(period.from.dutchDescription)) tot en met \(e(period.to.dutchDescription))</p>

            """

        let kpis: [(Int, String)] = [
            (articles, "artikels op \(period.to.dutchDescription)"),
            (newArticles, "nieuwe artikels"),
            (updatedArticles, "bijgewerkte artikels"),
            (rewrittenArticles, "herschreven artikels"),
            (blogPosts, "blogberichten"),
            (overdueReviews.count, "achterstallige reviews"),
        ]
        html += "<section class=\"kerncijfers\" aria-label=\"Kerncijfers\">\n"
        for (value, label) in kpis {
            html += "<div class=\"kerncijfer\"><span class=\"waarde\">\(value)</span> <span class=\"label\">\(e(label))</span></div>\n"
        }
        html += "</section>\n"

        html += section("Artikels per thema", note: "Een artikel met meer dan één thema telt mee bij elk van zijn thema's.") {
            Self.barChart(
                title: "Artikels per thema op \(period.to.dutchDescription)",
                series: [("artikels", Self.colours[0])],
                rows: themes.map { ($0.title, [$0.articles]) })
                + Self.htmlTable(
                    header: ["Thema", "Artikels", "Nieuw", "Bijgewerkt", "Herschreven"],
                    rows: themes.map { [$0.title, "\($0.articles)", "\($0.new)", "\($0.updated)", "\($0.rewritten)"] })
        }
        html += section("Nieuw, bijgewerkt en herschreven per thema", note: "Nieuw: eerste publicatie (date) in de periode. Bijgewerkt: updated in de periode. Herschreven: rewritten in de periode, apart geteld.") {
            Self.barChart(
                title: "Nieuwe, bijgewerkte en herschreven artikels per thema",
                series: [("nieuw", Self.colours[1]), ("bijgewerkt", Self.colours[2]), ("herschreven", Self.colours[3])],
                rows: themes.map { ($0.title, [$0.new, $0.updated, $0.rewritten]) })
        }
        html += section("Toegang", note: nil) {
            Self.barChart(
                title: "Artikels per toegang",
                series: [("artikels", Self.colours[0]), ("nieuw", Self.colours[1])],
                rows: access.map { (Self.label($0.access), [$0.articles, $0.new]) })
                + Self.htmlTable(header: ["Toegang", "Artikels", "Nieuw"], rows: access.map { [Self.label($0.access), "\($0.articles)", "\($0.new)"] })
        }
        html += section("Meest gelinkte artikels", note: "Het aantal verschillende pagina's dat naar het artikel linkt.") {
            mostLinked.isEmpty
                ? "<p>Geen enkel artikel krijgt links van andere pagina's.</p>\n"
                : Self.barChart(
                    title: "Meest gelinkte artikels",
                    series: [("pagina's", Self.colours[0])],
                    rows: mostLinked.map { ($0.title, [$0.linkingPages ?? 0]) })
                    + Self.htmlTable(header: ["Artikel", "Pagina's", "Bestand"], rows: mostLinked.map { [$0.title, "\($0.linkingPages ?? 0)", $0.path] })
        }
        html += section("Achterstallige reviews", note: "Artikels met een reviewdatum vóór \(reviewsDueBefore.dutchDescription).") {
            overdueReviews.isEmpty
                ? "<p>Geen achterstallige reviews.</p>\n"
                : Self.htmlTable(header: ["Artikel", "Review", "Bestand"], rows: overdueReviews.map { [$0.title, $0.review?.description ?? "", $0.path] })
        }
        html += """
            </main>
            <footer>Gemaakt met kortompedia stats op \(e(generatedOn.dutchDescription)).</footer>
            </body>
            </html>

            """
        return html
    }

    private func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func section(_ title: String, note: String?, _ content: () -> String) -> String {
        var out = "<section>\n<h2>\(e(title))</h2>\n"
        if let note { out += "<p class=\"toelichting\">\(e(note))</p>\n" }
        return out + content() + "</section>\n"
    }

    static let colours = ["#1f5f8b", "#2e9d5b", "#e0a100", "#b8443b"]

    static let css = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#fff;margin:0}\
        main{max-width:760px;margin:0 auto;padding:2rem 1rem}\
        h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2.5rem 0 .5rem;border-bottom:2px solid #1f5f8b}\
        .periode,.toelichting{color:#50575e;margin:.25rem 0 1rem}\
        .kerncijfers{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:.75rem;margin:1.5rem 0}\
        .kerncijfer{border:1px solid #dcdcde;border-radius:6px;padding:.75rem 1rem}\
        .waarde{display:block;font-size:2rem;font-weight:700;color:#1f5f8b}.label{color:#50575e}\
        svg{display:block;width:100%;height:auto;margin:1rem 0}\
        table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}\
        th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #dcdcde}\
        td.getal,th.getal{text-align:right;font-variant-numeric:tabular-nums}\
        footer{max-width:760px;margin:0 auto;padding:1rem;color:#50575e;font-size:.85rem}\
        @media print{h2{break-after:avoid}svg,table{break-inside:avoid}}
        """

    /// A table; every column but the first whose cells are all numbers is right-aligned.
    static func htmlTable(header: [String], rows: [[String]]) -> String {
        let numeric = Set(header.indices.dropFirst().filter { column in rows.allSatisfy { Int($0[column]) != nil } })
        var out = "<table>\n<thead><tr>"
        for (column, cell) in header.enumerated() {
            out += numeric.contains(column) ? "<th class=\"getal\">\(HTMLEscaping.escape(cell))</th>" : "<th>\(HTMLEscaping.escape(cell))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (column, cell) in row.enumerated() {
                out += numeric.contains(column) ? "<td class=\"getal\">\(HTMLEscaping.escape(cell))</td>" : "<td>\(HTMLEscaping.escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A horizontal bar chart as inline SVG: one group of bars per row, one bar per series,
    /// a legend when there is more than one series, each bar labelled with its value.
    static func barChart(title: String, series: [(name: String, colour: String)], rows: [(label: String, values: [Int])]) -> String {
        let width = 740, labelWidth = 270, barArea = 400, barHeight = 18, barGap = 3, groupGap = 12
        let legendHeight = series.count > 1 ? 28 : 0
        let groupHeight = series.count * barHeight + (series.count - 1) * barGap
        let height = legendHeight + rows.count * (groupHeight + groupGap) + groupGap
        let maximum = max(1, rows.flatMap(\.values).max() ?? 1)
        func x(_ value: Int) -> Int { value * barArea / maximum }
        let e = HTMLEscaping.escape
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n"
        svg += "<title>\(e(title))</title>\n"
        if series.count > 1 {
            var legendX = labelWidth + 10
            for item in series {
                svg += "<rect x=\"\(legendX)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(item.colour)\"/><text x=\"\(legendX + 18)\" y=\"17\" fill=\"#1d2327\">\(e(item.name))</text>\n"
                legendX += 30 + item.name.count * 8
            }
        }
        for (rowIndex, row) in rows.enumerated() {
            let top = legendHeight + groupGap + rowIndex * (groupHeight + groupGap)
            let label = row.label.count > 36 ? String(row.label.prefix(35)) + "…" : row.label
            svg += "<g><title>\(e(row.label)): \(row.values.map(String.init).joined(separator: ", "))</title>\n"
            svg += "<text x=\"\(labelWidth)\" y=\"\(top + groupHeight / 2 + 5)\" text-anchor=\"end\" fill=\"#1d2327\">\(e(label))</text>\n"
            for (seriesIndex, value) in row.values.enumerated() {
                let y = top + seriesIndex * (barHeight + barGap)
                let colour = series.indices.contains(seriesIndex) ? series[seriesIndex].colour : colours[0]
                svg += "<rect x=\"\(labelWidth + 10)\" y=\"\(y)\" width=\"\(max(x(value), value > 0 ? 2 : 0))\" height=\"\(barHeight)\" rx=\"2\" fill=\"\(colour)\"/>"
                svg += "<text x=\"\(labelWidth + 16 + x(value))\" y=\"\(y + barHeight - 4)\" fill=\"#1d2327\">\(value)</text>\n"
            }
            svg += "</g>\n"
        }
        return svg + "</svg>\n"
    }
}
