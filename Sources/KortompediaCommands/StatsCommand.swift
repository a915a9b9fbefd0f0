import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore

/// `kortompedia stats`: the figures of the yearly report on the knowledge base.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Figures for a report: articles per theme and access, new, updated, rewritten.",
        discussion: """
            Counts, for a period (default: the last full calendar year), the articles published by \
            its end (in total, per theme, per access), the articles new (date), updated (updated) \
            and rewritten (rewritten) in it, the blog posts, the overdue reviews and the most \
            linked articles. As a text table, JSON, or a self-contained HTML report with bar charts.
            """)

    /// How the figures are written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
        case html
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("First day of the period (default: 1 January of last year).", valueName: "YYYY-MM-DD"))
    var from: Day?

    @Option(name: .long, help: ArgumentHelp("Last day of the period (default: 31 December of last year, or today after --from).", valueName: "YYYY-MM-DD"))
    var to: Day?

    @Option(name: .long, help: "text, json or html.")
    var format: Format = .text

    @OptionGroup var output: OutputFileOption

    @OptionGroup var today: TodayOption

    func validate() throws {
        try ReportPeriod.validate(from: from, to: to)
    }

    func run() async throws {
        let today = today.day
        let period = ReportPeriod.year.period(from: from, to: to, today: today)
        let options = BuildOptions(
            root: site.rootURL, output: site.rootURL.appendingPathComponent("_site"),
            includeDrafts: site.drafts, workers: site.threads ?? Parallel.availableCores)
        let printer = DiagnosticPrinter()
        let statistics: SiteStatistics
        do {
            statistics = try SiteStatistics.compute(options: options, period: period, today: today)
        } catch {
            printer.print(error.diagnostics)
            printer.printLine("error: the site has errors; fix them first (figures over a broken site would mislead)")
            throw ExitCode.failure
        }
        let text = switch format {
        case .text: statistics.textTable()
        case .json: statistics.json()
        case .html: statistics.htmlReport(generatedOn: today)
        }
        try output.write(text, printer: printer)
    }
}
