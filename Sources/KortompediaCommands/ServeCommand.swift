import ArgumentParser
import Dispatch
import Foundation
import KortompediaBuild
import KortompediaCore
import KortompediaServe
import Synchronization

/// `kortompedia serve`: the live preview.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build and serve the site on 127.0.0.1, rebuilding and reloading on every change.",
        discussion: """
            Watches articles/, blogs/, theme/, static/ and site.json. After a change the site is \
            rebuilt and open pages reload by themselves. A change that breaks the build does not \
            take the preview down: the last good site stays served, and the errors show here and \
            as an overlay on the page until the next good save. The reload script is added only \
            here, never by `build`.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: "The port to listen on (0: any free port).")
    var port: Int = 1313

    @Option(name: .long, help: "The address to listen on. Keep the default unless others on your network must see the preview.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Show the members site (default) or the public site, as a visitor sees it.")
    var audience: Audience = .members

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("kortompedia-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let options = DevServerOptions(
            root: site.rootURL, audience: audience, host: host, port: port, includeDrafts: site.drafts,
            workers: site.threads ?? Parallel.availableCores, workFolder: work)
        let reporter = ServeReporter(quiet: quiet, audience: audience)
        let server = DevServer(options: options) { reporter.report($0) }

        let task = Task { try await server.run() }
        // Ctrl-C and SIGTERM stop the server cleanly (closing event streams, removing the
        // temporary build folder) instead of killing the process.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch is CancellationError {
        } catch {
            DiagnosticPrinter().printLine("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode.failure
        }
        reporter.status("Stopped.")
    }
}

/// Prints what the dev server reports: status lines on standard output, diagnostics on
/// standard error. Warnings are printed when they differ from the previous build's.
final class ServeReporter: Sendable {
    private let quiet: Bool
    private let audience: Audience
    private let printer = DiagnosticPrinter()
    private let lastWarnings = Mutex<[Diagnostic]?>(nil)

    init(quiet: Bool, audience: Audience) {
        self.quiet = quiet
        self.audience = audience
    }

    func report(_ message: ServeMessage) {
        switch message {
        case .listening(let host, let port):
            status("Serving the \(audience.rawValue) site at http://\(host):\(port)/ (Ctrl-C to stop)")
        case .built(let pages, let seconds, let changed, let warnings):
            let isNew = lastWarnings.withLock { last in
                defer { last = warnings }
                return last != warnings
            }
            if isNew && !quiet { printer.print(warnings) }
            let what = changed.isEmpty ? "Built" : "\(Self.describe(changed)): rebuilt"
            status("\(what) \(pages) pages in \(Self.milliseconds(seconds)) ms")
        case .previewed(let seconds, let changed):
            status("\(Self.describe(changed)): page shown in \(Self.milliseconds(seconds)) ms; rebuilding the rest")
        case .failed(let seconds, let changed, let diagnostics):
            lastWarnings.withLock { $0 = nil }
            printer.print(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let what = changed.isEmpty ? "build" : "rebuild after \(Self.describe(changed))"
            printer.printLine("error: \(what) failed with \(errors) error\(errors == 1 ? "" : "s") (\(Self.milliseconds(seconds)) ms); still serving the last good site")
        }
    }

    /// A status line with the time, on standard output, unbuffered (it is often a pipe).
    func status(_ line: String) {
        guard !quiet else { return }
        FileHandle.standardOutput.write(Data("\(Self.clock()) \(line)\n".utf8))
    }

    static func describe(_ changed: [String]) -> String {
        changed.count == 1 ? changed[0] : "\(changed[0]) and \(changed.count - 1) more"
    }

    static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    static func clock() -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: Date())
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
