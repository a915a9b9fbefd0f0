import Foundation
import KortompediaCore
import KortompediaRender
import KortompediaSite
import KortompediaSource

/// What `kortompedia check` runs: everything the build validates (sources, links, templates)
/// without writing output, plus the editorial warnings of `EditorialChecker`.
public struct SiteCheck: Sendable {
    /// The site and the build settings checked (nothing is written).
    public let options: BuildOptions
    /// The day the check runs (for overdue reviews); the command line passes today.
    public let today: Day

    /// A check of the site in `options` as of `today`.
    public init(options: BuildOptions, today: Day) {
        self.options = options
        self.today = today
    }

    /// Every diagnostic, errors and warnings, sorted and without repeats, but for the warnings
    /// `site.json` ignores.
    public func run() -> [Diagnostic] { findings().diagnostics }

    /// What `run()` returns, and apart from it the warnings `site.json` ignores
    /// (`ignoreWarnings`), which `check` counts so that nobody forgets they are there.
    public func findings() -> (diagnostics: [Diagnostic], ignored: [Diagnostic]) {
        let editorial = EditorialChecker(today: today)
        var diagnostics: [Diagnostic]
        var ignoredCodes: Set<WarningCode> = []
        do {
            let (site, buildDiagnostics) = try BuildPipeline(options: options).check()
            diagnostics = buildDiagnostics + editorial.check(site)
            ignoredCodes = site.config.ignoredWarnings
        } catch {
            diagnostics = error.diagnostics
            // The site as a whole has errors, but the pages that loaded can still be checked
            // for what needs front matter only (reviews, summaries, titles).
            let loader = SourceTreeLoader(root: options.root, includeDrafts: options.includeDrafts, workers: options.workers)
            if let sources = try? loader.load() {
                diagnostics += editorial.check(sources.pages)
                ignoredCodes = sources.config.ignoredWarnings
            }
        }
        do { _ = try Theme.load(from: options.root) } catch { diagnostics += error.diagnostics }
        var seen = Set<Diagnostic>()
        let all = diagnostics.filter { seen.insert($0).inserted }.sorted()
        let kept = all.removingWarnings(ignoredCodes)
        let keptSet = Set(kept)
        return (kept, all.filter { !keptSet.contains($0) })
    }
}

/// One diagnostic as `check --format json` prints it.
public struct DiagnosticRecord: Codable, Hashable, Sendable {
    /// Path relative to the site root.
    public var file: String
    /// 1-based; 0 when the diagnostic is about the file as a whole.
    public var line: Int
    /// 1-based column in UTF-8 bytes; 0 when the line is 0.
    public var column: Int
    /// `error` or `warning`.
    public var severity: Diagnostic.Severity
    /// A short stable code (`broken-link`, `review-overdue`, ...).
    public var code: String
    /// The message, as the text format prints it.
    public var message: String

    /// The record of one diagnostic.
    public init(_ diagnostic: Diagnostic) {
        file = diagnostic.location.path
        line = diagnostic.location.line
        column = diagnostic.location.line > 0 ? max(diagnostic.location.column, 1) : 0
        severity = diagnostic.severity
        code = diagnostic.code
        message = diagnostic.message
    }

    /// A JSON array of the diagnostics in their stable order, keys sorted, one object a line.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = diagnostics.sorted().map { diagnostic in
            // Encoding a struct of strings and integers cannot fail.
            String(decoding: (try? encoder.encode(DiagnosticRecord(diagnostic))) ?? Data("{}".utf8), as: UTF8.self)
        }
        return lines.isEmpty ? "[]" : "[\n  " + lines.joined(separator: ",\n  ") + "\n]"
    }
}
