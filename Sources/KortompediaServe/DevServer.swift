import Foundation
import Hummingbird
import KortompediaBuild
import KortompediaCore
import Synchronization

/// How `kortompedia serve` runs. Everything comes in here: no current directory, no clock.
public struct DevServerOptions: Sendable {
    /// The site folder (holds `site.json`).
    public var root: URL
    /// Which build to show: members (everything) or public (what a visitor sees).
    public var audience: Audience
    /// The address to listen on; loopback unless asked otherwise.
    public var host: String
    /// The port; 0 picks a free one (reported in `ServeMessage.listening`).
    public var port: Int
    /// Whether pages with `draft: true` are built.
    public var includeDrafts: Bool
    /// Worker threads of each build.
    public var workers: Int
    /// Where builds are written (a temporary folder); removed when the server stops.
    public var workFolder: URL
    /// How often the sources are polled for changes where there is no change notifier; with
    /// one (Linux), how long one wait for a change lasts.
    public var pollInterval: Duration
    /// How often an idle event stream gets a heartbeat.
    public var heartbeatInterval: Duration

    /// Options with the defaults of `kortompedia serve` (members, 127.0.0.1:1313, 200 ms polling).
    public init(
        root: URL, audience: Audience = .members, host: String = "127.0.0.1", port: Int = 1313,
        includeDrafts: Bool = false, workers: Int = Parallel.availableCores, workFolder: URL,
        pollInterval: Duration = .milliseconds(200), heartbeatInterval: Duration = .seconds(15)
    ) {
        self.root = root.standardizedFileURL
        self.audience = audience
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
        self.workers = workers
        self.workFolder = workFolder.standardizedFileURL
        self.pollInterval = pollInterval
        self.heartbeatInterval = heartbeatInterval
    }
}

/// What the server reports while it runs; the command line prints it.
public enum ServeMessage: Sendable {
    /// The server accepts connections on this address.
    case listening(host: String, port: Int)
    /// A build succeeded and is served. `changed` is empty for the first build.
    case built(pages: Int, seconds: Double, changed: [String], warnings: [Diagnostic])
    /// The fast path showed the edited page at once (`SiteBuilder.quickBuild`); the full
    /// rebuild follows.
    case previewed(seconds: Double, changed: [String])
    /// A build failed; the previous build (if any) is still served.
    case failed(seconds: Double, changed: [String], diagnostics: [Diagnostic])
}

/// The preview server of `kortompedia serve`: builds the site, serves it over HTTP with
/// Hummingbird, watches the sources, rebuilds after every change and tells the open pages to
/// reload (server-sent events). A failed rebuild keeps the last good site served and shows the
/// diagnostics in the terminal (through `log`) and as an overlay on the page.
public struct DevServer: Sendable {
    /// What the server was started with.
    public let options: DevServerOptions
    private let builder: any SiteBuilder
    private let log: @Sendable (ServeMessage) -> Void

    /// A server over `builder`, by default a `FullSiteBuilder` for the options.
    public init(options: DevServerOptions, builder: (any SiteBuilder)? = nil, log: @escaping @Sendable (ServeMessage) -> Void) {
        self.options = options
        self.builder = builder ?? FullSiteBuilder(
            root: options.root, audience: options.audience, workFolder: options.workFolder,
            includeDrafts: options.includeDrafts, workers: options.workers)
        self.log = log
    }

    /// Serves and builds until the task is cancelled (or the server cannot listen, which
    /// throws). Removes the work folder when it returns.
    public func run() async throws {
        let state = ServeState(serverToken: String(UInt64.random(in: 0...UInt64.max), radix: 36))
        let watcher = SourceWatcher(root: options.root)
        defer { try? FileManager.default.removeItem(at: options.workFolder) }

        // Listen first (a port in use is reported at once, and the browser can open while the
        // first build runs); the listing is taken before the first build, so that an edit
        // made during it is seen.
        let initialSnapshot = watcher.snapshot()
        let notifier = ChangeNotifier.make(root: options.root)

        let log = self.log, host = options.host, port = options.port
        var configured = Application(
            responder: DevResponder(state: state),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "kortompedia"),
            onServerRunning: { channel in log(.listening(host: host, port: channel.localAddress?.port ?? port)) })
        // Hummingbird logs cancelled connections at shutdown as errors; a failure to listen is
        // thrown from `run` and reported by the caller.
        configured.logger.logLevel = .critical
        let app = configured

        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService(gracefulShutdownSignals: []) }
                group.addTask {
                    await rebuild(changed: [], state: state, queue: nil)
                    await watch(from: initialSnapshot, watcher: watcher, notifier: notifier, state: state)
                }
                // The server only returns when it stops or cannot listen; then stop watching.
                defer { group.cancelAll() }
                try await group.next()
            }
        } onCancel: {
            // Open event streams would keep the HTTP server waiting for their responses to end.
            state.close()
        }
    }

    /// Watches the sources until the task is cancelled: every change goes to the fast path,
    /// then to a full rebuild. Full rebuilds run one at a time beside the watcher, so that an
    /// edit made during one is still shown at once by the fast path; the edits seen meanwhile
    /// are rebuilt together when it ends.
    private func watch(from initialSnapshot: [String: FileStamp], watcher: SourceWatcher, notifier: ChangeNotifier?, state: ServeState) async {
        let queue = RebuildQueue()
        let listing = BackgroundListing()
        await withTaskGroup(of: Void.self) { rebuilds in
            var snapshot = initialSnapshot
            var sinceHeartbeat = Duration.zero
            var sinceListing = Self.listingInterval  // list at once: edits made during the first build
            while !Task.isCancelled {
                let started = ContinuousClock.now
                let hint = await waitForChanges(notifier)
                if Task.isCancelled { break }
                let waited = ContinuousClock.now - started
                sinceHeartbeat += waited
                sinceListing += waited
                if sinceHeartbeat >= options.heartbeatInterval {
                    sinceHeartbeat = .zero
                    state.heartbeat()
                }
                var changed: [String]
                switch hint {
                case .paths(let paths):
                    changed = watcher.changes(of: paths, in: &snapshot)
                case .timeout:
                    changed = []
                case .rescan:
                    // The full listing, at once: the notifier lost track (or there is none).
                    sinceListing = .zero
                    let next = watcher.snapshot()
                    changed = SourceWatcher.changes(from: snapshot, to: next)
                    snapshot = next
                }
                // Now and then the full listing too, in case the notifier missed something. It
                // runs on a thread of its own: on a large site it is thousands of `stat` calls,
                // and a save noticed meanwhile must not wait for them. What it finds may be
                // older than what the notifier reported since: each path is checked again.
                if sinceListing >= Self.listingInterval, listing.startIfIdle(watcher, against: snapshot) {
                    sinceListing = .zero
                }
                if let suspects = listing.takeSuspects() {
                    changed = Set(changed).union(watcher.changes(of: suspects, in: &snapshot)).sorted()
                }
                if !changed.isEmpty {
                    // Queued first: a running build that already read this save and fails
                    // on it then knows that a newer build follows (see `rebuild`).
                    queue.add(changed)
                    await showQuickly(changed, state: state)
                }
                if !Task.isCancelled, let paths = queue.startIfIdle() {
                    rebuilds.addTask {
                        await rebuild(changed: paths, state: state, queue: queue)
                        queue.finish()
                    }
                }
            }
        }
    }

    /// How often the whole site is listed while the change notifier works.
    static let listingInterval = Duration.seconds(2)

    /// Waits for the next change: the notifier's hint, or (without one) the poll interval and
    /// then a full listing.
    private func waitForChanges(_ notifier: ChangeNotifier?) async -> ChangeHint {
        guard let notifier else {
            try? await Task.sleep(for: options.pollInterval)
            return .rescan
        }
        // `wait` blocks in poll(2): on a thread of its own, off the pool that serves requests.
        let timeout = options.pollInterval
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: notifier.wait(timeout: timeout)) }
        }
    }

    /// The fast path: shows an edit it can handle alone at once (see `SiteBuilder.quickBuild`).
    private func showQuickly(_ changed: [String], state: ServeState) async {
        let start = ContinuousClock.now
        guard let page = await builder.quickBuild(changedPaths: changed) else { return }
        state.publish(folder: page.folder, changed: changed, page: page)
        log(.previewed(seconds: (ContinuousClock.now - start).seconds, changed: changed))
    }

    /// A full build, served when it succeeds. Edits made while it ran (waiting in `queue`) may
    /// be missing from it: the fast path applies them to the new build before it is served, so
    /// that a page shown early never goes back to older text; their own full build follows.
    private func rebuild(changed: [String], state: ServeState, queue: RebuildQueue?) async {
        let start = ContinuousClock.now
        let result = await builder.build(changedPaths: changed)
        let seconds = (ContinuousClock.now - start).seconds
        switch result {
        case .success(let folder, let pages, let diagnostics, let pageWarnings):
            var patched: QuickPage?
            if let waiting = queue?.waiting, !waiting.isEmpty, let page = await builder.quickBuild(changedPaths: waiting), page.folder == folder {
                patched = page
            }
            state.publish(folder: folder, changed: changed, page: patched, pageWarnings: pageWarnings)
            log(.built(pages: pages, seconds: seconds, changed: changed, warnings: diagnostics))
        case .failure(let diagnostics):
            // Superseded: the sources changed again while this build ran (a fix saved right
            // after a mistake, or an editor's temporary file). The build of the newer state,
            // next, reports for itself; an error the editor has already moved past is noise.
            if let waiting = queue?.waiting, !waiting.isEmpty { return }
            state.publishFailure(diagnostics)
            log(.failed(seconds: seconds, changed: changed, diagnostics: diagnostics))
        }
    }
}

/// Answers every request: the event stream, or a file of the current build.
struct DevResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: ServeState

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "405 method not allowed\n", extra: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        if path == ReloadScript.eventsPath { return eventStream() }

        let current = state.current
        guard let folder = current.folder else {
            // No build has succeeded yet: the first is running, or the site has errors.
            let page = current.failure.map { ReloadScript.errorPage($0, build: current.build) } ?? ReloadScript.buildingPage(build: current.build)
            return Self.response(.serviceUnavailable, Array(page.utf8), contentType: "text/html; charset=utf-8", head: request.method == .head)
        }
        switch StaticSite.resolve(path, in: folder) {
        case .file(let url):
            let file = String(url.path.dropFirst(folder.path.count + 1))
            let warnings = current.pageWarnings[file] ?? []
            if let page = current.pages[file] {
                return Self.file(.ok, Data(page), path: url.path, build: current.build, warnings: warnings, head: request.method == .head)
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { return notFound(folder, current.build, request) }
            return Self.file(.ok, data, path: url.path, build: current.build, warnings: warnings, head: request.method == .head)
        case .redirect(let location):
            var response = Self.text(.movedPermanently, "moved to \(location)\n")
            response.headers[.location] = location
            return response
        case .notFound:
            return notFound(folder, current.build, request)
        }
    }

    private func notFound(_ folder: URL, _ build: String, _ request: Request) -> Response {
        let page = folder.appendingPathComponent("404.html")
        guard let data = FileManager.default.contents(atPath: page.path) else { return Self.text(.notFound, "404 not found\n") }
        return Self.file(.notFound, data, path: page.path, build: build, head: request.method == .head)
    }

    private func eventStream() -> Response {
        let events = state.subscribe()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            for await event in events {
                try await writer.write(ByteBuffer(string: event.wireFormat))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
            body: body)
    }


    /// A file of the build; HTML pages learn which build they come from and the warnings of
    /// their source (see `ReloadScript`).
    private static func file(
        _ status: HTTPResponse.Status, _ data: Data, path: String, build: String, warnings: [DiagnosticRecord] = [], head: Bool
    ) -> Response {
        let contentType = StaticSite.contentType(for: path)
        var bytes = Array(data)
        if contentType.hasPrefix("text/html") { bytes = ReloadScript.filled(bytes, build: build, warnings: warnings) }
        return response(status, bytes, contentType: contentType, head: head)
    }

    private static func response(_ status: HTTPResponse.Status, _ bytes: [UInt8], contentType: String, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff"]
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var response = response(status, Array(text.utf8), contentType: "text/plain; charset=utf-8", head: false)
        response.headers.append(contentsOf: extra)
        return response
    }
}

/// The changed paths waiting for a full rebuild, and whether one is running.
final class RebuildQueue: Sendable {
    private let state = Mutex<(waiting: [String], isRunning: Bool)>(([], false))

    func add(_ paths: [String]) {
        state.withLock { state in
            for path in paths where !state.waiting.contains(path) { state.waiting.append(path) }
        }
    }

    /// The paths to rebuild, now marked as running; nil while a rebuild runs or nothing waits.
    func startIfIdle() -> [String]? {
        state.withLock { state in
            guard !state.isRunning, !state.waiting.isEmpty else { return nil }
            state.isRunning = true
            defer { state.waiting = [] }
            return state.waiting
        }
    }

    /// The paths that changed since the running rebuild started.
    var waiting: [String] { state.withLock { $0.waiting } }

    func finish() { state.withLock { $0.isRunning = false } }
}

/// The watcher's periodic full listing, taken on a thread of its own; at most one at a time.
/// It compares the listing with the snapshot it was started with there too, and hands over
/// only the paths that differ: suspects, to be checked again against the newer snapshot.
final class BackgroundListing: Sendable {
    private let state = Mutex<(isRunning: Bool, suspects: [String]?)>((false, nil))

    /// Starts a listing by `watcher`, to compare with `snapshot`, unless one is running or
    /// its suspects wait to be taken; whether it started.
    func startIfIdle(_ watcher: SourceWatcher, against snapshot: [String: FileStamp]) -> Bool {
        let started = state.withLock { state in
            guard !state.isRunning, state.suspects == nil else { return false }
            state.isRunning = true
            return true
        }
        if started {
            Thread.detachNewThread { [self] in
                let suspects = SourceWatcher.changes(from: snapshot, to: watcher.snapshot())
                state.withLock { $0 = (false, suspects) }
            }
        }
        return started
    }

    /// The suspects of the finished listing, once: nil while it runs or when none was started.
    func takeSuspects() -> [String]? {
        state.withLock { state in
            defer { state.suspects = nil }
            return state.suspects
        }
    }
}
