import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore

/// `kortompedia check`: everything the build validates, without writing output, plus the
/// editorial warnings (overdue reviews, missing summaries, orphans, duplicate titles).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the sources without writing output, with editorial warnings.",
        discussion: """
            Reports every error the build would report, and warnings an editor should look at: \
            review date passed, members-only article without summary, orphan article, duplicate \
            or near-duplicate titles, front-matter keys one or two edits from a known one.
            """)

    /// How diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Exit non-zero on warnings too.")
    var strict = false

    @Option(name: .long, help: "text (path:line:col: severity: message, on standard error) or json (an array on standard output).")
    var format: Format = .text

    @OptionGroup var today: TodayOption

    func run() async throws {
        let options = BuildOptions(
            root: site.rootURL, output: site.rootURL.appendingPathComponent("_site"),
            includeDrafts: site.drafts, workers: site.threads ?? Parallel.availableCores)
        let (diagnostics, ignored) = SiteCheck(options: options, today: today.day).findings()
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        switch format {
        case .text:
            let printer = DiagnosticPrinter()
            printer.print(diagnostics)
            printer.printLine("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(Self.ignoredSummary(ignored))")
        case .json:
            print(DiagnosticRecord.json(diagnostics))
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode.failure }
    }

    /// `; 14 more ignored (site.json ignoreWarnings: link-text 12, image-alt 2)`, or nothing.
    static func ignoredSummary(_ ignored: [Diagnostic]) -> String {
        guard !ignored.isEmpty else { return "" }
        let counts = Dictionary(grouping: ignored, by: \.code).map { (code: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.code) < ($0.count, $1.code) }
        return "; \(ignored.count) more ignored (site.json ignoreWarnings: \(counts.map { "\($0.code) \($0.count)" }.joined(separator: ", ")))"
    }
}

/// `--today`, for the commands whose answer depends on the date (`check`, `stats`, `newsletter`). The
/// command line is the only place that reads the clock; the library gets the day.
struct TodayOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Take this day (YYYY-MM-DD) as today.", valueName: "date"))
    var today: Day?

    /// `--today`, or the current date in the local time zone.
    var day: Day { today ?? Day.current() }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    /// Today in the local time zone. Only the command line calls this.
    static func current() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day("1970-01-01")!
    }
}

extension KortompediaCommand {
    /// Parses and runs `arguments` as `main` would, but returns the exit status instead of
    /// exiting: how tests run a whole command line.
    static func exitStatus(for arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch {
            return exitCode(for: error).rawValue
        }
    }
}
