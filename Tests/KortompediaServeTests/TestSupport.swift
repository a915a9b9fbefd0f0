import Foundation
import KortompediaBuild
import KortompediaCore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fixture sites for these tests: copied into a fresh temporary folder (tests never touch the
/// repository or the current directory), with the repository's theme beside them.
enum Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let editorial = repository.appendingPathComponent("Tests/Fixtures/editorial")

    /// The day the editorial fixture's expectations were counted for.
    static let today = Day("2026-03-15")!

    /// A copy of `Tests/Fixtures/editorial/site` plus `theme/`, in a new temporary folder.
    static func editorialSite() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kortompedia-serve-tests-\(UUID().uuidString)")
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: editorial.appendingPathComponent("site"), to: site)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("theme"), to: site.appendingPathComponent("theme"))
        return site
    }

    /// Removes a folder made by `editorialSite()` (its parent).
    static func remove(_ site: URL) {
        try? FileManager.default.removeItem(at: site.deletingLastPathComponent())
    }

    static func options(_ site: URL) -> BuildOptions {
        BuildOptions(root: site, output: site.deletingLastPathComponent().appendingPathComponent("out"), workers: 2)
    }

    /// Compares `actual` with the file `expected/<name>` beside the fixture site; with
    /// `KORTOMPEDIA_RECORD=1` in the environment, writes it instead (review the diff).
    static func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = editorial.appendingPathComponent("expected/\(name)")
        if ProcessInfo.processInfo.environment["KORTOMPEDIA_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard expected != actual else { return }
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var diff: [String] = []
        for index in 0..<max(a.count, b.count) where index >= a.count || index >= b.count || a[index] != b[index] {
            if index < a.count { diff.append("-\(index + 1): \(a[index])") }
            if index < b.count { diff.append("+\(index + 1): \(b[index])") }
        }
        Issue.record("\(name) differs from the expected output:\n\(diff.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
}

/// Runs blocking work (sockets, in these tests) on its own thread, off the concurrency pool
/// that the server under test needs.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

struct HTTPTestError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal HTTP/1.1 client over a loopback socket, so that the tests can send any request
/// line (`GET /../site.json`) and read an event stream as it arrives.
final class LoopbackConnection: Sendable {
    private let socketDescriptor: Int32
    private let received = Mutex<[UInt8]>([])

    init(port: Int) throws {
        #if canImport(Glibc)
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socketDescriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socketDescriptor >= 0 else { throw HTTPTestError(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socketDescriptor)
            throw HTTPTestError(description: "cannot connect to 127.0.0.1:\(port)")
        }
    }

    deinit { close(socketDescriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(socketDescriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { throw HTTPTestError(description: "write failed") }
            sent += n
        }
    }

    /// Reads what arrives within `timeout` seconds; false when the peer closed the connection.
    @discardableResult
    func read(timeout: Double) throws -> Bool {
        var descriptor = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
        if n <= 0 { return false }
        received.withLock { $0 += buffer[0..<n] }
        return true
    }

    /// Everything received so far, as text.
    var text: String { received.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Reads until `needle` has arrived (after `offset` characters of `text`) or `timeout` passed.
    func waitFor(_ needle: String, after offset: Int = 0, timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if String(text.dropFirst(offset)).contains(needle) { return true }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return false }
            guard try read(timeout: min(left, 0.1)) else { return String(text.dropFirst(offset)).contains(needle) }
        }
    }

    /// Reads until the peer closes (or `timeout` passes).
    func readToEnd(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard try read(timeout: min(deadline.timeIntervalSinceNow, 0.1)) else { return }
        }
        throw HTTPTestError(description: "timed out")
    }
}

/// A complete HTTP response.
struct HTTPTestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
}

/// `GET path` (sent as written, no normalisation) and the whole response.
func httpGet(port: Int, _ path: String, method: String = "GET") async throws -> HTTPTestResponse {
    try await blocking {
        let connection = try LoopbackConnection(port: port)
        try connection.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        try connection.readToEnd(timeout: 5)
        return try parseResponse(connection.text)
    }
}

func parseResponse(_ text: String) throws -> HTTPTestResponse {
    guard let split = text.range(of: "\r\n\r\n") else { throw HTTPTestError(description: "no header end in \(text.prefix(200))") }
    let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
    let parts = head[0].split(separator: " ")
    guard parts.count >= 2, let status = Int(parts[1]) else { throw HTTPTestError(description: "bad status line \(head[0])") }
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var body = String(text[split.upperBound...])
    if headers["transfer-encoding"]?.lowercased() == "chunked" {
        var decoded = ""
        var rest = Substring(body)
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8)
            decoded += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        body = decoded
    }
    return HTTPTestResponse(status: status, headers: headers, body: body)
}
