import Foundation
import KortompediaCore
import Synchronization
import Testing

@testable import KortompediaBuild
@testable import KortompediaServe

extension AllServeTests {
    /// `kortompedia serve` end to end on 127.0.0.1: edits show within a second, a broken edit
    /// keeps the last good page and reports the error, the fix restores it.
    @Suite struct DevServerTests {
        static let page = "/kortompedia/persbericht-schrijven/"

        /// A running server over a copy of the editorial fixture.
        final class RunningServer: Sendable {
            let site: URL
            let task: Task<Void, any Error>
            let port: Int
            let messages: MessageLog

            init(
                audience: Audience = .members, builder: (@Sendable (DevServerOptions) -> any SiteBuilder)? = nil,
                waitForFirstBuild: Bool = true, prepare: (URL) throws -> Void = { _ in }
            ) async throws {
                site = try Fixture.editorialSite()
                try prepare(site)
                let work = site.deletingLastPathComponent().appendingPathComponent("serve")
                let options = DevServerOptions(
                    root: site, audience: audience, port: 0, workers: 2, workFolder: work,
                    pollInterval: .milliseconds(100), heartbeatInterval: .seconds(1))
                let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
                let messages = MessageLog()
                self.messages = messages
                let server = DevServer(options: options, builder: builder?(options)) { message in
                    messages.items.withLock { $0.append(message) }
                    if case .listening(_, let port) = message { portContinuation.yield(port) }
                }
                task = Task { try await server.run() }
                let found = try await withThrowingTaskGroup(of: Int?.self) { group in
                    group.addTask { await ports.first { _ in true } }
                    group.addTask {
                        try await Task.sleep(for: .seconds(180))
                        return nil
                    }
                    defer { group.cancelAll() }
                    return try await group.next() ?? nil
                }
                guard let found else {
                    task.cancel()
                    throw HTTPTestError(description: "the server did not start listening within 180 s")
                }
                port = found
                // The server listens before its first build is done; wait for that build.
                guard waitForFirstBuild else { return }
                let deadline = ContinuousClock.now + .seconds(180)
                while !messages.items.withLock({ $0.contains { if case .listening = $0 { false } else { true } } }) {
                    guard ContinuousClock.now < deadline else {
                        task.cancel()
                        throw HTTPTestError(description: "the first build did not finish within 180 s")
                    }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }

            /// Stops the server and checks that it stops promptly and cleans up.
            func stop() async throws {
                task.cancel()
                let stopped = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        _ = try? await self.task.value
                        return true
                    }
                    group.addTask {
                        try await Task.sleep(for: .seconds(10))
                        return false
                    }
                    defer { group.cancelAll() }
                    return try await group.next() ?? false
                }
                #expect(stopped, "the server did not stop within 10 s of cancellation")
                #expect(!FileManager.default.fileExists(atPath: site.deletingLastPathComponent().appendingPathComponent("serve").path))
                Fixture.remove(site)
            }

            func edit(_ path: String, _ change: (String) -> String) throws {
                let url = site.appendingPathComponent(path)
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data(change(text).utf8).write(to: url)
            }

            /// GETs `path` until `condition` holds or `timeout` seconds passed; the last response.
            func poll(_ path: String, timeout: Double, until condition: (HTTPTestResponse) -> Bool) async throws -> (HTTPTestResponse, Double) {
                let start = ContinuousClock.now
                while true {
                    let response = try await httpGet(port: port, path)
                    let elapsed = ContinuousClock.now - start
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    if condition(response) || seconds > timeout { return (response, seconds) }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
        }

        /// What the server reported.
        final class MessageLog: Sendable {
            let items = Mutex<[ServeMessage]>([])
        }

        /// An open event stream.
        func events(_ port: Int) async throws -> LoopbackConnection {
            try await blocking {
                let connection = try LoopbackConnection(port: port)
                try connection.send("GET \(ReloadScript.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                guard try connection.waitFor("event: hello", timeout: 5) else { throw HTTPTestError(description: "no hello event: \(connection.text)") }
                return connection
            }
        }

        func waitFor(_ needle: String, on connection: LoopbackConnection, after offset: Int, timeout: Double) async throws -> Bool {
            try await blocking { try connection.waitFor(needle, after: offset, timeout: timeout) }
        }

        @Test(.timeLimit(.minutes(2)))
        func editBreakAndFix() async throws {
            let server = try await RunningServer()
            do {
                // The first build is served, with the reload script and the id of its build.
                let first = try await httpGet(port: server.port, Self.page)
                #expect(first.status == 200)
                #expect(first.headers["content-type"] == "text/html; charset=utf-8")
                #expect(first.body.contains("Een persbericht begint met het nieuws."))
                #expect(first.body.contains(ReloadScript.eventsPath))
                #expect(!first.body.contains(ReloadScript.buildToken))

                let stream = try await events(server.port)
                #expect(stream.text.lowercased().contains("content-type: text/event-stream"))

                // An edit: the new text is served and the reload event is sent. (How soon is a
                // figure of the benchmark, `make bench`, not of a test that shares the machine.)
                var offset = stream.text.count
                try server.edit("articles/persbericht-schrijven.md") { $0.replacingOccurrences(of: "Een persbericht begint met het nieuws.", with: "Een goed persbericht begint altijd met het nieuws zelf.") }
                let (edited, _) = try await server.poll(Self.page, timeout: 10) { $0.body.contains("Een goed persbericht begint altijd met het nieuws zelf.") }
                #expect(edited.status == 200)
                #expect(edited.body.contains("Een goed persbericht begint altijd met het nieuws zelf."))
                #expect(try await waitFor("event: reload", on: stream, after: offset, timeout: 2))
                #expect(stream.text.dropFirst(offset).contains("\"changed\":[\"articles/persbericht-schrijven.md\"]"))

                // A broken front matter: the error event names file and line; the last good page stays.
                offset = stream.text.count
                try server.edit("articles/persbericht-schrijven.md") { $0.replacingOccurrences(of: "themes: [communicatie]", with: "themes: [communicatie") }
                #expect(try await waitFor("event: build-error", on: stream, after: offset, timeout: 3))
                #expect(try await waitFor("\"file\":\"articles/persbericht-schrijven.md\"", on: stream, after: offset, timeout: 1))
                #expect(stream.text.dropFirst(offset).contains("\"severity\":\"error\""))
                let stillGood = try await httpGet(port: server.port, Self.page)
                #expect(stillGood.status == 200)
                #expect(stillGood.body.contains("Een goed persbericht begint altijd met het nieuws zelf."))
                #expect(server.messages.items.withLock { $0.contains { if case .failed = $0 { true } else { false } } })

                // A page opened now learns about the error at once.
                let late = try await events(server.port)
                #expect(try await waitFor("event: build-error", on: late, after: 0, timeout: 2))

                // The fix: served again, reload sent (the overlay goes with the reload).
                offset = stream.text.count
                try server.edit("articles/persbericht-schrijven.md") {
                    $0.replacingOccurrences(of: "themes: [communicatie", with: "themes: [communicatie]")
                        .replacingOccurrences(of: "het nieuws zelf.", with: "het nieuws, hersteld.")
                }
                let (fixed, _) = try await server.poll(Self.page, timeout: 5) { $0.body.contains("het nieuws, hersteld.") }
                #expect(fixed.body.contains("het nieuws, hersteld."))
                #expect(try await waitFor("event: reload", on: stream, after: offset, timeout: 2))
                // Once the fix is served, the error is gone: no overlay comes after the reload,
                // and a page opened now hears of none. (A build that read the broken save just
                // before the fix may still end in between; it must not come after.)
                _ = try await waitFor("(read what has come)", on: stream, after: offset, timeout: 0.5)
                let sinceFix = String(stream.text.dropFirst(offset))
                let afterReload = sinceFix.range(of: "event: reload", options: .backwards).map { sinceFix[$0.upperBound...] } ?? ""
                #expect(!afterReload.contains("build-error"))
                #expect(server.messages.items.withLock { $0.last.map { if case .built = $0 { true } else { false } } ?? false })
                let afterTheFix = try await events(server.port)
                #expect(!(try await waitFor("event: build-error", on: afterTheFix, after: 0, timeout: 0.5)))

                // Heartbeats keep the stream alive.
                #expect(try await waitFor(": heartbeat", on: stream, after: 0, timeout: 3))
            } catch {
                try await server.stop()
                throw error
            }
            try await server.stop()
        }

        @Test(.timeLimit(.minutes(2)))
        func servesFilesSafely() async throws {
            let server = try await RunningServer(audience: .public)
            do {
                // The public view: a members-only article is a teaser.
                let teaser = try await httpGet(port: server.port, "/kortompedia/intranet/")
                #expect(teaser.status == 200)
                #expect(!teaser.body.contains("Een intranet dat medewerkers echt gebruiken."))

                let home = try await httpGet(port: server.port, "/")
                #expect(home.status == 200)
                #expect(home.body.contains(ReloadScript.eventsPath))

                let redirect = try await httpGet(port: server.port, "/kortompedia/internet")
                #expect(redirect.status == 301)
                #expect(redirect.headers["location"] == "/kortompedia/internet/")

                let css = try await httpGet(port: server.port, "/assets/style.css")
                #expect(css.status == 200)
                #expect(css.headers["content-type"] == "text/css; charset=utf-8")

                let missing = try await httpGet(port: server.port, "/bestaat/niet/")
                #expect(missing.status == 404)
                #expect(missing.body.contains(ReloadScript.eventsPath))  // the site's own 404.html

                for path in ["/../site.json", "/%2e%2e/site.json", "/..%2f..%2fsite.json", "/kortompedia/../../site.json", "/%00"] {
                    let response = try await httpGet(port: server.port, path)
                    #expect(response.status == 404, "\(path)")
                    #expect(!response.body.contains("Testpedia\","), "\(path)")
                }

                let post = try await httpGet(port: server.port, "/", method: "POST")
                #expect(post.status == 405)
            } catch {
                try await server.stop()
                throw error
            }
            try await server.stop()
        }

        @Test(.timeLimit(.minutes(2)))
        func aSiteThatNeverBuiltShowsItsErrorsUntilFixed() async throws {
            let server = try await RunningServer(prepare: { site in
                let url = site.appendingPathComponent("articles/internet.md")
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "date: 2025-08-14", with: "date: 2025-13-14").utf8).write(to: url)
            })
            do {
                let broken = try await httpGet(port: server.port, "/kortompedia/internet/")
                #expect(broken.status == 503)
                #expect(broken.body.contains("articles/internet.md:7:7: error: &#39;date&#39; is not a valid date (YYYY-MM-DD): &#39;2025-13-14&#39;"))
                #expect(broken.body.contains(ReloadScript.eventsPath))
                let stream = try await events(server.port)
                #expect(try await waitFor("event: build-error", on: stream, after: 0, timeout: 2))

                let offset = stream.text.count
                try server.edit("articles/internet.md") { $0.replacingOccurrences(of: "date: 2025-13-14", with: "date: 2025-08-14") }
                let (fixed, _) = try await server.poll("/kortompedia/internet/", timeout: 5) { $0.status == 200 }
                #expect(fixed.status == 200)
                #expect(fixed.body.contains("Het internet is geen kanaal maar een plek."))
                #expect(try await waitFor("event: reload", on: stream, after: offset, timeout: 2))
            } catch {
                try await server.stop()
                throw error
            }
            try await server.stop()
        }

        /// A builder that waits for a signal before each build from the `holdingFrom`-th on: a
        /// stand-in for a slow or incremental builder, plugged in through `SiteBuilder`. With
        /// `fastPath`, it is the real builder with the fast path always on.
        actor GatedBuilder: SiteBuilder {
            let inner: FullSiteBuilder
            let holdingFrom: Int
            private var waiting: CheckedContinuation<Void, Never>?
            private var isOpen = false
            private(set) var calls: [[String]] = []
            var isHoldingABuild: Bool { waiting != nil }

            init(_ options: DevServerOptions, holdingFrom: Int = 1, fastPath: Bool = false) {
                inner = FullSiteBuilder(
                    root: options.root, audience: options.audience, workFolder: options.workFolder, workers: 2,
                    quickBuildThreshold: fastPath ? 0 : .infinity)
                self.holdingFrom = holdingFrom
            }

            func quickBuild(changedPaths: [String]) async -> QuickPage? {
                await inner.quickBuild(changedPaths: changedPaths)
            }

            func build(changedPaths: [String]) async -> SiteBuildResult {
                calls.append(changedPaths)
                if calls.count >= holdingFrom && !isOpen { await withCheckedContinuation { waiting = $0 } }
                return await inner.build(changedPaths: changedPaths)
            }

            func open() {
                isOpen = true
                waiting?.resume()
                waiting = nil
            }
        }

        @Test(.timeLimit(.minutes(2)))
        func servesWhileTheFirstBuildRunsThroughAPluggedInBuilder() async throws {
            let gated = Mutex<GatedBuilder?>(nil)
            let server = try await RunningServer(builder: { options in
                let builder = GatedBuilder(options)
                gated.withLock { $0 = builder }
                return builder
            }, waitForFirstBuild: false)
            do {
                let builder = try #require(gated.withLock { $0 })
                let building = try await httpGet(port: server.port, Self.page)
                #expect(building.status == 503)
                #expect(building.body.contains("De site wordt gebouwd"))
                #expect(building.body.contains(ReloadScript.eventsPath))
                let stream = try await events(server.port)

                await builder.open()
                let (page, _) = try await server.poll(Self.page, timeout: 10) { $0.status == 200 }
                #expect(page.body.contains("Een persbericht begint met het nieuws."))
                #expect(try await waitFor("event: reload", on: stream, after: 0, timeout: 2))

                try server.edit("blogs/welkom.md") { $0 + "\nNog een zin.\n" }
                let deadline = ContinuousClock.now + .seconds(5)
                while await builder.calls.count < 2 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                #expect(await builder.calls == [[], ["blogs/welkom.md"]])
            } catch {
                try await server.stop()
                throw error
            }
            try await server.stop()
        }

        @Test(.timeLimit(.minutes(2)))
        func aBodyEditIsServedBeforeTheFullRebuild() async throws {
            let held = Mutex<GatedBuilder?>(nil)
            let server = try await RunningServer(builder: { options in
                let builder = GatedBuilder(options, holdingFrom: 2, fastPath: true)
                held.withLock { $0 = builder }
                return builder
            })
            let builder = try #require(held.withLock { $0 })
            do {
                let stream = try await events(server.port)
                let offset = stream.text.count
                try server.edit("articles/persbericht-schrijven.md") {
                    $0.replacingOccurrences(of: "Een persbericht begint met het nieuws.", with: "Snel getoond: het nieuws eerst.")
                }
                let (page, _) = try await server.poll(Self.page, timeout: 5) { $0.body.contains("Snel getoond: het nieuws eerst.") }
                #expect(page.status == 200)
                #expect(page.body.contains(ReloadScript.eventsPath))
                #expect(await builder.isHoldingABuild, "the page was served by the full rebuild, not the fast path")
                #expect(try await waitFor("event: reload", on: stream, after: offset, timeout: 2))
                #expect(server.messages.items.withLock { $0.contains { if case .previewed = $0 { true } else { false } } })

                // The full rebuild follows and serves the same text.
                await builder.open()
                let rebuilt = Date().addingTimeInterval(10)
                while !server.messages.items.withLock({ $0.contains { if case .built(_, _, let changed, _) = $0 { !changed.isEmpty } else { false } } }),
                    Date() < rebuilt
                {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let after = try await httpGet(port: server.port, Self.page)
                #expect(after.body.contains("Snel getoond: het nieuws eerst."))
                // Its reload names the page the fast path showed as unchanged: the editor's
                // page stays as it is instead of loading the same text again.
                #expect(try await waitFor("\"unchanged\":[\"\(Self.page)\"]", on: stream, after: offset, timeout: 2))
            } catch {
                await builder.open()
                try await server.stop()
                throw error
            }
            try await server.stop()
        }

        @Test func buildOutputNeverHasTheReloadScript() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let options = Fixture.options(site)
            _ = try BuildPipeline(options: options).run()
            let files = FileManager.default.enumerator(atPath: options.output.path)?.compactMap { $0 as? String } ?? []
            #expect(files.filter { $0.hasSuffix(".html") }.count > 20)
            for file in files {
                guard let data = FileManager.default.contents(atPath: options.output.appendingPathComponent(file).path) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                #expect(!text.contains("__kortompedia"), "\(file)")
                #expect(!text.contains("EventSource"), "\(file)")
            }
        }

        @Test func staticSiteResolution() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-static-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root.appendingPathComponent("a b/c"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: root.appendingPathComponent("index.html"))
            try Data("x".utf8).write(to: root.appendingPathComponent("a b/c/index.html"))
            try Data("x".utf8).write(to: root.appendingPathComponent("a b/plaatje.PNG"))
            try Data("geheim".utf8).write(to: root.deletingLastPathComponent().appendingPathComponent("\(root.lastPathComponent)-geheim.txt"))
            defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent().appendingPathComponent("\(root.lastPathComponent)-geheim.txt")) }
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("uit").path, withDestinationPath: root.deletingLastPathComponent().appendingPathComponent("\(root.lastPathComponent)-geheim.txt").path)

            #expect(StaticSite.resolve("/", in: root) == .file(root.appendingPathComponent("index.html")))
            #expect(StaticSite.resolve("/a%20b/c/", in: root) == .file(root.appendingPathComponent("a b/c/index.html")))
            #expect(StaticSite.resolve("/a%20b/c", in: root) == .redirect("/a%20b/c/"))
            #expect(StaticSite.resolve("//a%20b/c", in: root) == .redirect("/a%20b/c/"))
            #expect(StaticSite.resolve("/a%20b/plaatje.PNG", in: root) == .file(root.appendingPathComponent("a b/plaatje.PNG")))
            #expect(StaticSite.resolve("/a%20b/../index.html", in: root) == .notFound)
            #expect(StaticSite.resolve("/%2E%2E/x", in: root) == .notFound)
            #expect(StaticSite.resolve("/a%5Cb", in: root) == .notFound)
            #expect(StaticSite.resolve("/uit", in: root) == .notFound)
            #expect(StaticSite.resolve("/%ZZ", in: root) == .notFound)
            #expect(StaticSite.contentType(for: "a b/plaatje.PNG") == "image/png")
            #expect(StaticSite.contentType(for: "zoeken/index/shard-0.json") == "application/json")
            #expect(StaticSite.contentType(for: "feed.xml") == "application/xml; charset=utf-8")
            #expect(StaticSite.contentType(for: "LICENSE") == "application/octet-stream")
            #expect(StaticSite.contentType(for: ".htaccess") == "application/octet-stream")
        }

        @Test func watcherSeesAddedChangedAndRemovedFilesButNotHiddenOrScratchOnes() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let watcher = SourceWatcher(root: site)
            let before = watcher.snapshot()
            #expect(before.keys.contains("site.json"))
            #expect(before.keys.contains("articles/crisis/crisisplan.md"))
            #expect(before.keys.contains("theme/templates/base.mustache"))
            try Data("nieuw".utf8).write(to: site.appendingPathComponent("articles/nieuw.md"))
            try Data(".swp".utf8).write(to: site.appendingPathComponent("articles/.intranet.md.swp"))
            // What editors leave beside a saved file: emacs, vim and backup copies.
            for scratch in ["articles/internet.md~", "articles/#internet.md#", "articles/4913", "articles/internet.md.swp"] {
                try Data("kladje".utf8).write(to: site.appendingPathComponent(scratch))
            }
            try Data("langer dan eerst".utf8).write(to: site.appendingPathComponent("articles/internet.md"))
            try FileManager.default.removeItem(at: site.appendingPathComponent("blogs/welkom.md"))
            #expect(SourceWatcher.changes(from: before, to: watcher.snapshot()) == ["articles/internet.md", "articles/nieuw.md", "blogs/welkom.md"])
        }

        @Test func watcherChecksTheNamedPathsOnly() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let watcher = SourceWatcher(root: site)
            var snapshot = watcher.snapshot()
            try Data("langer dan eerst".utf8).write(to: site.appendingPathComponent("articles/internet.md"))
            try FileManager.default.removeItem(at: site.appendingPathComponent("blogs/welkom.md"))
            try Data("x".utf8).write(to: site.appendingPathComponent("README.md"))
            try Data("x".utf8).write(to: site.appendingPathComponent("articles/4913"))
            let named = ["articles/internet.md", "blogs/welkom.md", "articles/crisis/crisisplan.md", "README.md", "articles/.x.swp", "articles/crisis", "articles/4913"]
            #expect(watcher.changes(of: named, in: &snapshot) == ["articles/internet.md", "blogs/welkom.md"])
            #expect(snapshot == watcher.snapshot())
            #expect(watcher.changes(of: named, in: &snapshot).isEmpty)
        }

        /// The periodic listing runs beside the notifier's hints, so it can be older than a
        /// change they already recorded: it names suspects, and only what differs now counts.
        @Test func aListingOlderThanTheNamedChangesDoesNotUndoThem() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let watcher = SourceWatcher(root: site)
            var snapshot = watcher.snapshot()
            let startedWith = snapshot
            try Data("langer dan eerst".utf8).write(to: site.appendingPathComponent("articles/internet.md"))
            try Data("nieuw".utf8).write(to: site.appendingPathComponent("articles/nieuw.md"))
            let suspects = SourceWatcher.changes(from: startedWith, to: watcher.snapshot())
            #expect(suspects == ["articles/internet.md", "articles/nieuw.md"])
            // The notifier reported both before the listing's suspects were taken.
            #expect(watcher.changes(of: ["articles/internet.md", "articles/nieuw.md"], in: &snapshot) == ["articles/internet.md", "articles/nieuw.md"])
            let recorded = snapshot
            #expect(watcher.changes(of: suspects, in: &snapshot).isEmpty)
            #expect(snapshot == recorded)
        }

        /// What the notifier missed, the listing finds; the loop sees it within the listing
        /// interval and a poll.
        @Test(.timeLimit(.minutes(1)))
        func theBackgroundListingFindsWhatTheNotifierMissed() async throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let watcher = SourceWatcher(root: site)
            var snapshot = watcher.snapshot()
            try Data("ongemeld".utf8).write(to: site.appendingPathComponent("articles/ongemeld.md"))
            try FileManager.default.removeItem(at: site.appendingPathComponent("blogs/welkom.md"))
            let listing = BackgroundListing()
            #expect(listing.startIfIdle(watcher, against: snapshot))
            #expect(!listing.startIfIdle(watcher, against: snapshot), "one listing at a time")
            var suspects: [String]?
            while suspects == nil {
                try await Task.sleep(for: .milliseconds(5))
                suspects = listing.takeSuspects()
            }
            #expect(listing.takeSuspects() == nil, "taken once")
            #expect(watcher.changes(of: suspects ?? [], in: &snapshot) == ["articles/ongemeld.md", "blogs/welkom.md"])
            #expect(snapshot == watcher.snapshot())
        }

        #if os(Linux)
        @Test(.timeLimit(.minutes(1)))
        func notifierNamesChangedFilesAndAsksForARescanOnNewFolders() throws {
            let site = try Fixture.editorialSite()
            defer { Fixture.remove(site) }
            let notifier = try #require(ChangeNotifier.make(root: site))
            #expect(notifier.wait(timeout: .milliseconds(50)) == .timeout)

            try Data("nieuw".utf8).write(to: site.appendingPathComponent("articles/crisis/nieuw.md"))
            #expect(notifier.wait(timeout: .seconds(5)) == .paths(["articles/crisis/nieuw.md"]))
            try Data("{}".utf8).write(to: site.appendingPathComponent("site.json"))
            #expect(notifier.wait(timeout: .seconds(5)) == .paths(["site.json"]))
            try Data("genegeerd".utf8).write(to: site.appendingPathComponent("articles/.nieuw.md.swp"))
            try Data("genegeerd".utf8).write(to: site.appendingPathComponent("notities.txt"))
            #expect(notifier.wait(timeout: .milliseconds(200)) == .timeout)

            // A new folder: a rescan, and from then on its files are named too.
            try FileManager.default.createDirectory(at: site.appendingPathComponent("articles/nieuw"), withIntermediateDirectories: true)
            #expect(notifier.wait(timeout: .seconds(5)) == .rescan)
            try Data("diep".utf8).write(to: site.appendingPathComponent("articles/nieuw/diep.md"))
            #expect(notifier.wait(timeout: .seconds(5)) == .paths(["articles/nieuw/diep.md"]))
        }
        #endif

        /// Each page carries the warnings of its own source, for the preview to show in a
        /// corner: `crisiscommunicatie.md` has a vague link text, `crisisplan.md` an unknown
        /// key, `persbericht-schrijven.md` none.
        @Test(.timeLimit(.minutes(2)))
        func pagesCarryTheWarningsOfTheirSource() async throws {
            let server = try await RunningServer()
            do {
                func warnings(_ path: String) async throws -> [DiagnosticRecord] {
                    let body = try await httpGet(port: server.port, path).body
                    #expect(!body.contains(ReloadScript.warningsToken))
                    let open = #"<script type="application/json" id="kortompedia-warnings">"#
                    guard let start = body.range(of: open), let end = body.range(of: "</script>", range: start.upperBound..<body.endIndex) else {
                        Issue.record("no warnings element in \(path)")
                        return []
                    }
                    return try JSONDecoder().decode([DiagnosticRecord].self, from: Data(body[start.upperBound..<end.lowerBound].utf8))
                }
                #expect(try await warnings("/kortompedia/crisiscommunicatie/").map { "\($0.file):\($0.line):\($0.column) \($0.code)" } == [
                    "articles/crisiscommunicatie.md:9:69 link-text"
                ])
                #expect(try await warnings("/kortompedia/crisisplan/").map(\.code) == ["unknown-key"])
                #expect(try await warnings(Self.page).isEmpty)
                // Fixed and saved: the warning is gone with the rebuild.
                try server.edit("articles/crisiscommunicatie.md") { $0.replacingOccurrences(of: "[deze pagina]", with: "[het crisisplan]") }
                let (fixed, _) = try await server.poll("/kortompedia/crisiscommunicatie/", timeout: 10) { !$0.body.contains("link-text") }
                #expect(!fixed.body.contains("link-text"))
            } catch {
                try await server.stop()
                throw error
            }
            try await server.stop()
        }

        /// No message can end the `<script>` element that carries it.
        @Test func warningsJSONCannotCloseItsElement() throws {
            let record = DiagnosticRecord(.warning(KortompediaCore.SourceLocation(path: "articles/a.md", line: 1, column: 1), "raw HTML left out: '</script><!--<script>alert(1)'", code: .rawHTML))
            let json = ReloadScript.warningsJSON([record])
            #expect(!json.contains("<"))
            #expect(try JSONDecoder().decode([DiagnosticRecord].self, from: Data(json.utf8)) == [record])
            #expect(ReloadScript.warningsJSON([]) == "[]")
        }

        /// A page's tokens are filled in on its bytes: every occurrence, and nothing around them
        /// changed, not even bytes that are not UTF-8.
        @Test func pagesAreFilledInByteForByte() {
            let record = DiagnosticRecord(.warning(KortompediaCore.SourceLocation(path: "articles/a.md", line: 3, column: 2), "w", code: .linkText))
            let page = Array("<p>één \(ReloadScript.buildToken)</p>\(ReloadScript.buildToken)<script>\(ReloadScript.warningsToken)</script>".utf8) + [0xFF]
            let filled = ReloadScript.filled(page, build: "b7", warnings: [record])
            #expect(filled == Array("<p>één b7</p>b7<script>\(ReloadScript.warningsJSON([record]))</script>".utf8) + [0xFF])
            #expect(ReloadScript.filled(page, build: "b7") == Array("<p>één b7</p>b7<script>[]</script>".utf8) + [0xFF])
            let untouched = Array("geen token: __KORTOMPEDIA_BUIL".utf8)
            #expect(ReloadScript.filled(untouched, build: "b7") == untouched)
            #expect(ReloadScript.filled("<b>\(ReloadScript.buildToken)</b>", build: "b7") == "<b>b7</b>")
            // Occurrences do not overlap, and are found at both ends.
            #expect(ReloadScript.replacing(Array("aa".utf8), with: Array("b".utf8), in: Array("aaaXaa".utf8)) == Array("baXb".utf8))
            #expect(ReloadScript.replacing(Array("aa".utf8), with: [], in: Array("a".utf8)) == Array("a".utf8))
        }

        /// The warnings of a build last while its folder is served, through the fast path's pages.
        @Test func pageWarningsFollowTheFolderServed() {
            let state = ServeState(serverToken: "x")
            let first = URL(fileURLWithPath: "/tmp/build-1"), second = URL(fileURLWithPath: "/tmp/build-2")
            let record = DiagnosticRecord(.warning(KortompediaCore.SourceLocation(path: "articles/a.md", line: 2, column: 1), "w", code: .linkText))
            state.publish(folder: first, changed: [], pageWarnings: ["kortompedia/a/index.html": [record]])
            state.publish(folder: first, changed: ["articles/a.md"], page: QuickPage(folder: first, path: "kortompedia/a/index.html", contents: []))
            #expect(state.current.pageWarnings == ["kortompedia/a/index.html": [record]])
            state.publish(folder: second, changed: [])
            #expect(state.current.pageWarnings.isEmpty)
        }

        @Test func eventWireFormat() {
            #expect(ServeEvent.hello(build: "x-1").wireFormat == "event: hello\ndata: {\"build\":\"x-1\"}\n\n")
            #expect(ServeEvent.reload(build: "x-2", changed: ["articles/a.md"]).wireFormat == "event: reload\ndata: {\"build\":\"x-2\",\"changed\":[\"articles/a.md\"],\"unchanged\":[]}\n\n")
            #expect(ServeEvent.reload(build: "x-3", changed: [], unchanged: ["/kortompedia/a/"]).wireFormat == "event: reload\ndata: {\"build\":\"x-3\",\"changed\":[],\"unchanged\":[\"/kortompedia/a/\"]}\n\n")
            let record = DiagnosticRecord(.error(KortompediaCore.SourceLocation(path: "articles/a.md", line: 3, column: 7), "line\nbreak", code: "yaml"))
            #expect(ServeEvent.buildError([record]).wireFormat == "event: build-error\ndata: {\"diagnostics\":[{\"code\":\"yaml\",\"column\":7,\"file\":\"articles/a.md\",\"line\":3,\"message\":\"line\\nbreak\",\"severity\":\"error\"}]}\n\n")
        }

        /// After the fast path showed pages, the next folder served lists those it holds byte
        /// for byte, with the same warnings, as unchanged (their open pages need no reload); not
        /// a page that differs, whose warnings changed, that the same publish patches, or any
        /// page while a failed build's overlay is up.
        @Test func aFullBuildListsTheFastPathsPagesItServesUnchanged() async throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-unchanged-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let paths = ["index.html", "kortompedia/a/index.html", "kortompedia/b/index.html", "kortompedia/c/index.html", "kortompedia/d/index.html"]
            func folder(_ name: String, _ texts: [String: String]) throws -> URL {
                let url = root.appendingPathComponent(name)
                for (path, text) in texts {
                    let file = url.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: file)
                }
                return url
            }
            let quick = Dictionary(uniqueKeysWithValues: paths.map { ($0, "snel \($0)") })
            let first = try folder("build-1", Dictionary(uniqueKeysWithValues: paths.map { ($0, "oud \($0)") }))
            var rebuilt = quick
            rebuilt["kortompedia/b/index.html"] = "anders"
            let second = try folder("build-2", rebuilt)
            let warning = DiagnosticRecord(.warning(KortompediaCore.SourceLocation(path: "articles/c.md", line: 2, column: 1), "w", code: .linkText))

            let state = ServeState(serverToken: "x")
            let stream = state.subscribe()
            state.publish(folder: first, changed: [])
            for path in paths { state.publish(folder: first, changed: [], page: QuickPage(folder: first, path: path, contents: Array(quick[path]!.utf8))) }
            state.publish(
                folder: second, changed: ["articles/a.md"],
                page: QuickPage(folder: second, path: "kortompedia/d/index.html", contents: Array("nog sneller".utf8)),
                pageWarnings: ["kortompedia/c/index.html": [warning]])
            // Everything shown again, then the same once more while an overlay is up.
            for path in paths { state.publish(folder: second, changed: [], page: QuickPage(folder: second, path: path, contents: Array(rebuilt[path]!.utf8))) }
            state.publishFailure([.error(KortompediaCore.SourceLocation(path: "articles/a.md", line: 1, column: 1), "kapot", code: "yaml")])
            let third = try folder("build-3", rebuilt)
            state.publish(folder: third, changed: ["articles/a.md"])
            state.close()
            var reloads: [String] = []
            for await event in stream { if case .reload(_, _, let unchanged) = event { reloads.append(unchanged.joined(separator: " ")) } }
            #expect(reloads.count == 13)
            #expect(reloads[6] == "/ /kortompedia/a/")
            #expect(reloads.enumerated().allSatisfy { $0.offset == 6 || $0.element.isEmpty })
        }

        /// The fast path's pages are served from memory over the folder they were rendered
        /// for, each edit replacing the last, until a build of another folder is served.
        @Test func fastPathPagesLastUntilAnotherFolderIsServed() {
            let state = ServeState(serverToken: "x")
            let first = URL(fileURLWithPath: "/tmp/build-1"), second = URL(fileURLWithPath: "/tmp/build-2")
            func page(_ folder: URL, _ text: String) -> QuickPage {
                QuickPage(folder: folder, path: "kortompedia/a/index.html", contents: Array(text.utf8))
            }
            state.publish(folder: first, changed: [])
            #expect(state.current.pages.isEmpty)
            state.publish(folder: first, changed: ["articles/a.md"], page: page(first, "eerste"))
            state.publish(folder: first, changed: ["articles/a.md"], page: page(first, "tweede"))
            #expect(state.current.pages == ["kortompedia/a/index.html": Array("tweede".utf8)])
            state.publish(folder: second, changed: ["articles/a.md"])
            #expect(state.current.pages.isEmpty)
            state.publish(folder: first, changed: [], page: page(first, "derde"))
            state.publish(folder: second, changed: [], page: page(second, "vierde"))
            #expect(state.current.pages == ["kortompedia/a/index.html": Array("vierde".utf8)])
            #expect(state.current.folder == second)
        }

        /// Two builds that read the same broken save (one started before the save was seen)
        /// fail alike: the open pages get the overlay once, and a different error or a good
        /// build after it gets through.
        @Test func theSameFailureIsSentOnce() async {
            let state = ServeState(serverToken: "x")
            let stream = state.subscribe()
            let broken = Diagnostic.error(KortompediaCore.SourceLocation(path: "articles/a.md", line: 5, column: 7), "invalid front matter", code: "yaml")
            let other = Diagnostic.error(KortompediaCore.SourceLocation(path: "articles/a.md", line: 9, column: 1), "broken link", code: "broken-link")
            state.publishFailure([broken])
            state.publishFailure([broken])
            state.publishFailure([broken, other])
            state.publish(folder: URL(fileURLWithPath: "/tmp/site"), changed: ["articles/a.md"])
            state.publishFailure([broken])
            state.close()
            var names: [String] = []
            for await event in stream { names.append(String(event.wireFormat.prefix { $0 != "\n" })) }
            #expect(names == ["event: hello", "event: build-error", "event: build-error", "event: reload", "event: build-error"])
        }
    }
}
