import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore

/// `kortompedia check`: everything the build validates, without writing output.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the sources without writing output.")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Exit non-zero on warnings too.")
    var strict = false

    func run() async throws {
        let options = BuildOptions(
            root: site.rootURL, output: site.rootURL.appendingPathComponent("_site"),
            includeDrafts: site.drafts, workers: site.threads ?? Parallel.availableCores)
        let printer = DiagnosticPrinter()
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try BuildPipeline(options: options).check().1
        } catch {
            diagnostics = error.diagnostics
        }
        printer.print(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        printer.printLine("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 || (strict && warnings > 0) { throw ExitCode.failure }
    }
}
