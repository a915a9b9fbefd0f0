import Foundation
import KortompediaBuild
import KortompediaCore
import Synchronization

/// A message on the dev server's event stream (`/__kortompedia/events`, server-sent events).
public enum ServeEvent: Sendable, Hashable {
    /// Sent first on every connection: the build the server serves now. A page that was served
    /// from another build (or by an earlier server) reloads.
    case hello(build: String)
    /// A new build is served: reload. A page whose URL path (`/kortompedia/a/`) is in
    /// `unchanged` shows what the new build serves already, byte for byte and with the same
    /// warnings (the fast path had shown the edit), and stays as it is.
    case reload(build: String, changed: [String], unchanged: [String] = [])
    /// The last rebuild failed; the previous site is still served. Shown as an overlay.
    case buildError([DiagnosticRecord])
    /// A comment line that keeps idle connections open and finds closed ones.
    case heartbeat

    /// The event as it goes over the wire: `event:` and one `data:` line of JSON.
    public var wireFormat: String {
        switch self {
        case .hello(let build): Self.frame("hello", ["build": build])
        case .reload(let build, let changed, let unchanged): Self.frame("reload", Reload(build: build, changed: changed, unchanged: unchanged))
        case .buildError(let diagnostics): Self.frame("build-error", BuildErrorPayload(diagnostics: diagnostics))
        case .heartbeat: ": heartbeat\n\n"
        }
    }

    private struct Reload: Encodable {
        var build: String
        var changed: [String]
        var unchanged: [String]
    }

    private struct BuildErrorPayload: Encodable {
        var diagnostics: [DiagnosticRecord]
    }

    private static func frame(_ name: String, _ payload: some Encodable) -> String {
        // JSON holds no raw newline: one `data:` line.
        "event: \(name)\ndata: \(ServeJSON.string(payload) ?? "{}")\n\n"
    }
}

/// How the dev server writes JSON, in events and in a page's warnings: keys sorted, `/` left
/// as it is.
enum ServeJSON {
    /// `value` as JSON; nil only for a value that cannot be encoded (the server's payloads,
    /// strings, integers and arrays of them, always can).
    static func string(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// What the server shows and who listens: the folder of the last good build, the diagnostics
/// of a failed rebuild, and the open event streams. Shared by the request handlers and the
/// rebuild loop; one lock, held briefly.
final class ServeState: Sendable {
    private struct State {
        var folder: URL?
        /// Pages of `folder` that the fast path rendered again, by path in it.
        var pages: [String: [UInt8]] = [:]
        /// The warnings of the pages of `folder`, by path in it.
        var pageWarnings: [String: [DiagnosticRecord]] = [:]
        var generation = 0
        var failure: [DiagnosticRecord]?
        var subscribers: [Int: AsyncStream<ServeEvent>.Continuation] = [:]
        var nextSubscriber = 0
        var closed = false
    }

    /// Tells servers apart, so that a page served by a previous `serve` reloads.
    let serverToken: String
    private let state = Mutex(State())

    init(serverToken: String) { self.serverToken = serverToken }

    /// The folder to serve (nil until a first build succeeded), the pages served in place of
    /// its files (by path in it), its build id, the diagnostics of the last failed rebuild
    /// (nil when the last build succeeded) and the warnings of its pages (by path in it).
    var current: (folder: URL?, pages: [String: [UInt8]], build: String, failure: [DiagnosticRecord]?, pageWarnings: [String: [DiagnosticRecord]]) {
        state.withLock { ($0.folder, $0.pages, "\(serverToken)-\($0.generation)", $0.failure, $0.pageWarnings) }
    }

    /// Serves a new build with the warnings of its pages, or `page` of the fast path in the
    /// build served, and tells every open page to reload. Pages of the fast path last until
    /// another folder is served; so do the warnings of a build.
    ///
    /// When another folder is served, the pages the fast path had shown that it holds byte for
    /// byte, with the same warnings, are sent as `unchanged`: the full rebuild after a saved
    /// body edit mostly serves the very page the editor sees already, and reloading it again
    /// would only make it blink.
    func publish(folder: URL, changed: [String], page: QuickPage? = nil, pageWarnings: [String: [DiagnosticRecord]]? = nil) {
        // The new folder's files are read outside the lock; what is claimed from them is
        // checked again inside it, against the pages served then.
        let shown = state.withLock { $0.folder != folder ? $0.pages : [:] }
        let kept = shown.filter { path, bytes in
            path != page?.path && FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map { $0.elementsEqual(bytes) } ?? false
        }
        state.withLock { state in
            var unchanged: [String] = []
            // A page showing a failed build's overlay reloads, whatever it shows under it.
            if state.folder != folder && state.failure == nil {
                let warnings = pageWarnings ?? [:]
                for (path, bytes) in kept where state.pages[path] == bytes && (warnings[path] ?? []) == (state.pageWarnings[path] ?? []) {
                    unchanged.append(Self.urlPath(of: path))
                }
            }
            state.generation += 1
            if state.folder != folder { state.pages = [:] }
            if let pageWarnings { state.pageWarnings = pageWarnings } else if state.folder != folder { state.pageWarnings = [:] }
            if let page { state.pages[page.path] = page.contents }
            state.folder = folder
            state.failure = nil
            let event = ServeEvent.reload(build: "\(serverToken)-\(state.generation)", changed: changed, unchanged: unchanged.sorted())
            for continuation in state.subscribers.values { continuation.yield(event) }
        }
    }

    /// The URL path a browser shows for the file at `path` in a build: `/kortompedia/a/` for
    /// `kortompedia/a/index.html`, `/` for `index.html`.
    static func urlPath(of path: String) -> String {
        "/" + (path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path)
    }

    /// Keeps the current build and shows the diagnostics on every open page. The same
    /// diagnostics as those shown already are not sent again: a build that read a save the
    /// previous one had also read fails the same way, and the pages need no second overlay.
    func publishFailure(_ diagnostics: [Diagnostic]) {
        state.withLock { state in
            let records = diagnostics.sorted().map(DiagnosticRecord.init)
            guard state.failure != records else { return }
            state.failure = records
            for continuation in state.subscribers.values { continuation.yield(.buildError(records)) }
        }
    }

    func heartbeat() {
        state.withLock { state in
            for continuation in state.subscribers.values { continuation.yield(.heartbeat) }
        }
    }

    /// A new event stream: `hello` (and the current failure, if any) first, then every event.
    func subscribe() -> AsyncStream<ServeEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServeEvent.self, bufferingPolicy: .bufferingNewest(64))
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            continuation.yield(.hello(build: "\(serverToken)-\(state.generation)"))
            if let failure = state.failure { continuation.yield(.buildError(failure)) }
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Open event streams (for tests and the shutdown).
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Ends every event stream, so that the HTTP server can stop.
    func close() {
        let continuations = state.withLock { state in
            state.closed = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
