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
