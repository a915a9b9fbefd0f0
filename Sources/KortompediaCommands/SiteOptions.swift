import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holds site.json).")
    var root: String = "."

    @Flag(name: .long, help: "Include pages with 'draft: true'.")
    var drafts = false

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var threads: Int?

    var rootURL: URL { URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }
}

/// Prints diagnostics the one way they are printed: `path:line:col: severity: message`,
/// coloured on a terminal.
struct DiagnosticPrinter {
    let colour: Bool

    init() { colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sorted() { printLine(format(diagnostic)) }
    }

    func format(_ diagnostic: Diagnostic) -> String {
        guard colour else { return diagnostic.description }
        let colourCode = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        return "\u{1B}[1m\(diagnostic.location):\u{1B}[0m \(colourCode)\(diagnostic.severity.rawValue):\u{1B}[0m \(diagnostic.message)"
    }

    func printLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// `-o FILE` of the commands that make one document (`stats`, `newsletter`): where it goes,
/// standard output or that file, written whole or not at all.
struct OutputFileOption: ParsableArguments {
    /// The path as given (relative to the current folder), or nil for standard output.
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var path: String?

    func write(_ text: String, printer: DiagnosticPrinter) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            printer.printLine("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        printer.printLine("Wrote \(url.standardizedFileURL.path)")
    }
}

/// The period of a report (`stats`, `newsletter`) from `--from` and `--to`: both days as
/// given; from `--from` to today; from the start of the year or month of `--to`; or, with
/// neither, the last full calendar year or month.
enum ReportPeriod {
    case year
    case month

    /// `--to` before `--from` is a usage error.
    static func validate(from: Day?, to: Day?) throws {
        if let from, let to, to < from { throw ValidationError("--to (\(to)) lies before --from (\(from))") }
    }

    func period(from: Day?, to: Day?, today: Day) -> StatsPeriod {
        switch (from, to) {
        case (nil, nil): self == .year ? .lastCalendarYear(before: today) : .lastCalendarMonth(before: today)
        case (let from?, nil): StatsPeriod(from: from, to: max(from, today))
        case (nil, let to?): StatsPeriod(from: self == .year ? to.startOfYear : to.startOfMonth, to: to)
        case (let from?, let to?): StatsPeriod(from: from, to: to)
        }
    }
}
