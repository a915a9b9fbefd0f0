import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// Paths, temporary sites and process helpers shared by the safety tests. Tests never touch the
/// current directory: sites are made in fresh temporary folders, and the repository is found
/// from this file's path.
enum Safety {
    /// The repository root (the example site lives there; its `theme/` is used by every test site).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    /// The folder of the built products (`kortompedia`, `KortompediaFuzz`): where the test
    /// executable itself lives.
    static var productsFolder: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On Linux the tests run as `<products>/KortompediaPackageTests.xctest`; on macOS inside a bundle.
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("kortompedia").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }

    /// A built product, or nil when it is not there (the test then says so and skips).
    static func product(_ name: String) -> URL? {
        let url = productsFolder.appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// The built executable `name`; a missing one fails the test that needs it.
    static func requireProduct(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try #require(product(name), "\(name) was not built next to the tests (\(productsFolder.path))", sourceLocation: sourceLocation)
    }

    /// Whether the tests run as root (where `chmod 000` does not stop reading).
    static var isRoot: Bool { getuid() == 0 }
}

/// A temporary folder removed when the value is released. Holds a `site/` and an `out/`
/// folder side by side, so that "nothing written outside the output folder" can be checked on
/// the whole container.
final class TemporaryFolder {
    let url: URL

    /// `inMemory` puts the folder on /dev/shm where there is one: for tests that write thousands
    /// of files, whose time would otherwise go to the disk.
    init(_ label: String = "safety", inMemory: Bool = false) throws {
        var parent = FileManager.default.temporaryDirectory
        if inMemory, access("/dev/shm", W_OK) == 0 { parent = URL(fileURLWithPath: "/dev/shm") }
        url = parent.appendingPathComponent("kortompedia-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Give back permissions taken away by a test, then remove everything.
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let path as String in enumerator {
                chmod(url.appendingPathComponent(path).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    var site: URL { url.appendingPathComponent("site") }
    var output: URL { url.appendingPathComponent("out") }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }
}

extension URL {
    /// Writes text, creating the folders on the way.
    func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    func write(_ data: Data) throws {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: self)
    }

    func write(bytes: [UInt8]) throws { try write(Data(bytes)) }
}

/// Builds small test sites.
enum TestSite {
    /// A `site.json` with three themes.
    static func siteJSON(allowRawHTML: Bool = false, title: String = "Testsite", description: String = "Een testsite.") -> String {
        """
        {
          "title": \(jsonString(title)),
          "description": \(jsonString(description)),
          "baseURL": "https://example.org/kortompedia/",
          "language": "nl",
          "defaultAccess": "members",
          "allowRawHTML": \(allowRawHTML),
          "brokenLinks": "error",
          "themes": [
            { "slug": "beleid", "title": "Beleid", "description": "Over beleid." },
            { "slug": "digitaal", "title": "Digitaal", "description": "Over digitaal." },
            { "slug": "crisis", "title": "Crisis", "description": "Over crisis." }
          ],
          "membership": { "joinURL": "https://example.org/lid-worden", "loginURL": "https://example.org/login" }
        }

        """
    }

    /// A JSON string literal (slashes kept: `site.json` is read by a YAML parser).
    static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try! encoder.encode(text)
        return String(decoding: data, as: UTF8.self)
    }

    /// Copies the repository's theme into `site/theme` (templates and assets as shipped).
    static func copyTheme(into site: URL) throws {
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Safety.repository.appendingPathComponent("theme"), to: site.appendingPathComponent("theme"))
    }

    /// A small valid site: `site.json`, the theme, one public and one members-only article and
    /// a blog post.
    static func makeValid(at site: URL, allowRawHTML: Bool = false) throws {
        try copyTheme(into: site)
        try site.appendingPathComponent("site.json").write(siteJSON(allowRawHTML: allowRawHTML))
        try site.appendingPathComponent("articles/welkom.md").write(
            """
            ---
            title: Welkom
            themes: [beleid]
            access: public
            date: 2024-03-01
            ---
            Een openbaar artikel dat naar [[ledenpagina]] verwijst.

            """)
        try site.appendingPathComponent("articles/ledenpagina.md").write(
            """
            ---
            title: Ledenpagina
            summary: Alleen voor leden.
            themes: [digitaal]
            date: 2024-03-02
            ---
            De inhoud voor leden.

            """)
        try site.appendingPathComponent("blogs/nieuws.md").write(
            """
            ---
            title: Nieuws
            date: 2024-03-03
            ---
            Een blogpost.

            """)
    }
}

/// A listing of every file and folder under a root with size and modification time, to prove
/// that a run changed nothing (or nothing outside one folder).
struct TreeSnapshot: Equatable {
    struct Entry: Equatable {
        var size: Int
        var modified: TimeInterval
        var digest: UInt64
    }

    var entries: [String: Entry]

    init(_ root: URL) {
        var entries: [String: Entry] = [:]
        let fileManager = FileManager.default
        func visit(_ relative: String) {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            guard let attributes = try? fileManager.attributesOfItem(atPath: url.path) else { return }
            let type = attributes[.type] as? FileAttributeType
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            var digest: UInt64 = 0
            if type == .typeRegular, size < 1_000_000, let data = fileManager.contents(atPath: url.path) {
                digest = StableDigest.of(data)
            }
            entries[relative.isEmpty ? "." : relative] = Entry(size: size, modified: modified, digest: digest)
            // Do not follow symbolic links: a link out of the site must not drag its target in.
            if type == .typeDirectory, let names = try? fileManager.contentsOfDirectory(atPath: url.path) {
                for name in names { visit(relative.isEmpty ? name : relative + "/" + name) }
            }
        }
        visit("")
        self.entries = entries
    }

    /// Paths added, removed or changed from `self` to `other`.
    func changes(to other: TreeSnapshot) -> [String] {
        let paths = Set(entries.keys).union(other.entries.keys)
        return paths.filter { entries[$0] != other.entries[$0] }.sorted()
    }
}

/// The outcome of running the `kortompedia` executable.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
    var seconds: Double
    /// The command's own peak resident memory in kilobytes (`ru_maxrss` from `wait4`, see `ProcessRunner`).
    var peakMemoryKB: Int
    var timedOut: Bool
}

enum ProcessRunner {
    /// Forks and execs the command, waits, writes the child's own peak memory to the file in
    /// argv[1] and exits with the child's status. Needed because glibc's `posix_spawn` runs the
    /// child in the parent's address space until `exec`, and Linux then counts the *parent's*
    /// peak (this test process, hundreds of megabytes after the in-process builds) as the
    /// child's `ru_maxrss`. A real `fork` from this small interpreter starts the count afresh.
    private static let peakMemoryWrapper = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            os.execv(sys.argv[2], sys.argv[2:])
        _, status, usage = os.wait4(pid, 0)
        with open(sys.argv[1], "w") as report:
            report.write(str(usage.ru_maxrss))
        sys.exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
        """
    private static let python = URL(fileURLWithPath: "/usr/bin/python3")

    /// Runs `executable` with `arguments` (standard input from /dev/null, output captured in
    /// files), killing it after `timeout` seconds. Spawned through `peakMemoryWrapper`, in a
    /// process group of its own, so that the child's peak memory is its own and a timeout kills
    /// everything it started.
    static func run(_ executable: URL, _ arguments: [String], timeout: Double = 120, environment extra: [String: String] = [:]) throws -> ProcessResult {
        let folder = try TemporaryFolder("process")
        let outPath = folder.path("stdout").path, errPath = folder.path("stderr").path
        let memoryPath = folder.path("peak-memory").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extra) { _, new in new }
        let command = [python.path, "-c", peakMemoryWrapper, memoryPath, executable.path] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let start = Date()
        var pid = pid_t()
        let spawned = posix_spawn(&pid, python.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var timedOut = false
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno != EINTR) { break }
            if Date().timeIntervalSince(start) > timeout {
                // TERM first, so that a script can clean up (stop the servers it started).
                kill(-pid, SIGTERM)
                timedOut = true
                for _ in 0..<100 where waitpid(pid, &status, WNOHANG) != pid { usleep(50_000) }
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        let signal = status & 0x7f
        let peak = (try? String(contentsOfFile: memoryPath, encoding: .utf8)).flatMap { Int($0) }
        return ProcessResult(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            seconds: Date().timeIntervalSince(start), peakMemoryKB: peak ?? Int.max, timedOut: timedOut)
    }
}
