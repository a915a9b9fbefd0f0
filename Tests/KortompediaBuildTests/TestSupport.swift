import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// `Tests/Fixtures/sites`, and the repository root with the example site, found from this file's
/// path (never the current directory).
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let sites = tests.appendingPathComponent("Fixtures/sites")
    static let repository = tests.deletingLastPathComponent()
}

/// A fresh temporary folder, removed when the value is dropped.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kortompedia-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A copy of the fixture site `name` (its sources, without `expected/`) with the fixture
    /// theme as `theme/`, under `site/`; builds go to `output/`.
    static func fixture(_ name: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let source = Paths.sites.appendingPathComponent(name)
        let root = folder.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where item != "expected" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        try FileManager.default.copyItem(at: Paths.sites.appendingPathComponent("_theme"), to: root.appendingPathComponent("theme"))
        return folder
    }

    var site: URL { url.appendingPathComponent("site") }
    var output: URL { url.appendingPathComponent("output") }

    func write(_ path: String, _ text: String) throws {
        let file = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}

/// Builds `root` into `output` and returns the report; a failure is a test issue.
@discardableResult
func build(_ root: URL, into output: URL, workers: Int = 2) throws(BuildFailure) -> BuildReport {
    try BuildPipeline(options: BuildOptions(root: root, output: output, workers: workers)).run()
}

/// Every file under `folder` with its bytes, for byte-for-byte comparisons.
func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for path in Golden.files(under: folder) {
        result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
    }
    return result
}
