import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore
import KortompediaRender

/// `kortompedia build`: both audiences into the output folder, or nothing at all.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the members site and the public site.")

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: "The output folder (default: <root>/_site).")
    var output: String?

    @Option(name: .long, help: "Build one audience only: members or public.")
    var only: Audience?

    @Flag(help: "Update the previous output in place: render and write only what changed (same bytes as a full build; for local use, deploy a full build).")
    var incremental = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print the time of every stage and of every template.")
    var verbose = false

    func run() async throws {
        let root = site.rootURL
        let outputURL = output.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
            ?? root.appendingPathComponent("_site")
        var options = BuildOptions(
            root: root, output: outputURL, audiences: only.map { [$0] } ?? Audience.allCases,
            includeDrafts: site.drafts, workers: site.threads ?? Parallel.availableCores, incremental: incremental)
        let printer = DiagnosticPrinter()
        if !quiet { options.progress = BuildProgress(terminal: printer.colour).report }
        options.measuresTemplates = verbose
        let start = DispatchTime.now()
        do {
            let report = try BuildPipeline(options: options).run()
            if !quiet { printer.print(report.diagnostics) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            if verbose {
                let width = max(22, report.timings.map(\.stage.count).max() ?? 0)
                for (stage, time) in report.timings {
                    let padded = stage.padding(toLength: width, withPad: " ", startingAt: 0)
                    printer.printLine("  \(padded) \(String(format: "%7.3f", time)) s")
                }
                for line in TemplateMetrics.table(report.templates) { printer.printLine(line) }
            }
            if !quiet {
                let parts = report.pageCounts.keys.sorted().map { "\(report.pageCounts[$0]!) pages for \($0.rawValue)" }
                let files = report.fileCounts.values.reduce(0, +)
                let written = report.writtenCounts.values.reduce(0, +)
                let kept = report.keptCounts.values.reduce(0, +)
                let parsed = report.parsedCount.map { "\($0) parsed, " } ?? ""
                let detail = incremental ? "\(files) files, \(written) written, \(parsed)\(kept) pages not rendered again" : "\(files) files"
                print("Built \(parts.joined(separator: ", ")) (\(detail)) in \(String(format: "%.2f", seconds)) s → \(outputURL.standardizedFileURL.path)")
            }
        } catch {
            printer.print(error.diagnostics)
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            printer.printLine("error: build failed with \(errors) error\(errors == 1 ? "" : "s"); the previous output was left as it was")
            throw ExitCode.failure
        }
    }
}

extension Audience: ExpressibleByArgument {}

/// Progress of a large build: a bar redrawn in place on a terminal, plain lines elsewhere (CI
/// logs). Sites of up to a few hundred pages build too fast to need it and show nothing.
struct BuildProgress: Sendable {
    static let threshold = 300
    let terminal: Bool

    func report(stage: String, done: Int, total: Int, pages: Int) {
        guard pages > Self.threshold else { return }
        if terminal {
            let width = 24
            let filled = width * done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = "\r\u{1B}[2K\(bar) \(done)/\(total) \(stage) (\(pages) pages)" + (done == total ? "\n" : "")
            FileHandle.standardError.write(Data(line.utf8))
        } else {
            FileHandle.standardError.write(Data("[\(done)/\(total)] \(stage) (\(pages) pages)\n".utf8))
        }
    }
}
