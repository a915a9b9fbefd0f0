import Foundation
import Testing

@testable import KortompediaServe

extension AllBrowserTests {
    /// The reload script of `serve` in headless Chromium, against a scripted event stream: a page
    /// the `reload` event names as unchanged stays as it is (the fast path showed the edit
    /// already, and the full build serves the same bytes); any other page loads again.
    @Suite struct PreviewReloadTests {
        /// Serves the same page (with the reload script, build `b-1`) at every path, and on
        /// `/__kortompedia/events` once `hello` and a `reload` to build `b-2` that names
        /// `unchanged`, later connections only `hello` (so that a page that reloads settles).
        /// Every request's path goes to a log, one a line.
        static let server = #"""
            import http.server, json, sys
            port, log_path, page_path, unchanged = int(sys.argv[1]), sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
            page = open(page_path, "rb").read()
            streams = []
            class Handler(http.server.BaseHTTPRequestHandler):
                def log_message(self, *args): pass
                def do_GET(self):
                    with open(log_path, "a") as log: log.write(self.path + "\n")
                    if self.path.startswith("/__kortompedia/events"):
                        events = 'retry: 600000\n\nevent: hello\ndata: {"build":"b-1"}\n\n'
                        if not streams:
                            events += "event: reload\ndata: " + json.dumps({"build": "b-2", "changed": ["articles/a.md"], "unchanged": unchanged}) + "\n\n"
                        streams.append(self.path)
                        self.send_response(200)
                        self.send_header("Content-Type", "text/event-stream")
                        self.end_headers()
                        self.wfile.write(events.encode())
                        return  # the stream ends here; the page reconnects only after `retry`
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
            http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
            """#

        /// How often Chromium asked for `path` while it showed it, with `unchanged` in the
        /// stream's `reload` event.
        static func loads(of path: String, unchanged: [String]) throws -> Int {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-reload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>T</title></head><body><p>Tekst.</p>\n\(ReloadScript.filled(ReloadScript.html, build: "b-1"))</body></html>\n"
            let script = folder.appendingPathComponent("server.py"), pagePath = folder.appendingPathComponent("page.html"), log = folder.appendingPathComponent("requests.log")
            try Data(Self.server.utf8).write(to: script)
            try Data(page.utf8).write(to: pagePath)
            try Data().write(to: log)
            let port = BrowserHarness.StaticServer.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            let list = String(decoding: try JSONEncoder().encode(unchanged), as: UTF8.self)
            process.arguments = [script.path, String(port), log.path, pagePath.path, list]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            for _ in 0..<100 where !BrowserHarness.StaticServer.answers(port: port) { usleep(50_000) }

            let dom = try BrowserHarness.dom(of: "http://127.0.0.1:\(port)\(path)")
            #expect(dom.contains("Tekst."))
            let requests = String(decoding: try Data(contentsOf: log), as: UTF8.self).split(separator: "\n")
            #expect(requests.contains { $0.hasPrefix("/__kortompedia/events") }, "the page never listened: \(requests)")
            return requests.filter { $0 == path }.count
        }

        @Test func aPageTheBuildLeavesUnchangedStaysAsItIs() throws {
            #expect(try Self.loads(of: "/kortompedia/a/", unchanged: ["/kortompedia/a/"]) == 1)
            // Asked for by its file name, it is the same page.
            #expect(try Self.loads(of: "/kortompedia/a/index.html", unchanged: ["/kortompedia/a/"]) == 1)
        }

        @Test func anyOtherPageLoadsAgain() throws {
            #expect(try Self.loads(of: "/kortompedia/b/", unchanged: ["/kortompedia/a/"]) == 2)
            #expect(try Self.loads(of: "/kortompedia/a/", unchanged: []) == 2)
        }
    }
}
