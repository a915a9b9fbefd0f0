import Foundation
import KortompediaBuild
import KortompediaCore

/// Looks at a built site as a reader would: serves a build over HTTP on 127.0.0.1 and loads
/// pages in a real headless Chromium, returning the DOM after scripts ran.
enum BrowserHarness {
    /// The repository root (the example site), found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Builds the example site once into a temporary folder.
    static let exampleBuild: URL = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-browser-\(UUID().uuidString)")
        do {
            _ = try BuildPipeline(options: BuildOptions(root: repositoryRoot, output: output, workers: 2)).run()
        } catch {
            fatalError("the example site must build: \(error)")
        }
        return output
    }()

    /// A static file server (Python's http.server) over `folder`, on a free loopback port.
    final class StaticServer {
        let process = Process()
        let port: Int

        init(folder: URL) throws {
            port = Self.freePort()
            // Debian's own Python, not a version-manager shim that would outlive `terminate()`.
            let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/bin/env"
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where !Self.answers(port: port) { usleep(50_000) }
        }

        deinit { stop() }

        func stop() {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }

        var baseURL: String { "http://127.0.0.1:\(port)/" }

        static func answers(port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }

        static func freePort() -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// The DOM of `url` after its scripts ran (Chromium's `--dump-dom` with a virtual time budget).
    static func dom(of url: String, windowWidth: Int = 1280) throws -> String {
        guard let chromium else { throw HarnessError("no chromium installed (scripts/install-deps.sh test installs it)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-chromium-\(UUID().uuidString)")
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--window-size=\(windowWidth),1000",
            "--virtual-time-budget=5000", "--dump-dom", url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
        return String(decoding: data, as: UTF8.self)
    }

    /// The `href`s of the result links in `#search-results`, in order.
    static func resultLinks(in dom: String) -> [String] {
        guard let start = dom.range(of: "id=\"search-results\"") else { return [] }
        let tail = dom[start.upperBound...]
        let list = tail[..<(tail.range(of: "</ol>")?.lowerBound ?? tail.endIndex)]
        var links: [String] = []
        var rest = list[...]
        while let li = rest.range(of: "<li") {
            rest = rest[li.upperBound...]
            guard let href = rest.range(of: "href=\"") else { break }
            let value = rest[href.upperBound...]
            guard let end = value.firstIndex(of: "\"") else { break }
            links.append(String(value[..<end]))
            rest = value[end...]
        }
        return links
    }

    /// The text of the `#search-status` element.
    static func status(in dom: String) -> String {
        guard let start = dom.range(of: "id=\"search-status\"") else { return "" }
        let tail = dom[start.upperBound...]
        guard let open = tail.firstIndex(of: ">"), let close = tail.range(of: "</p>") else { return "" }
        return String(tail[tail.index(after: open)..<close.lowerBound])
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
