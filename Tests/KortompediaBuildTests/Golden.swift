import Foundation
import Testing

/// Compares an output tree with the expected tree beside the fixture; with the environment
/// variable `KORTOMPEDIA_RECORD=1` it records the output as the new expected tree instead (a
/// re-recording is a diff to review). Paths the search stage writes are left out: search has its
/// own tests, and these goldens should not churn with its index format.
enum Golden {
    static func isIgnored(_ path: String) -> Bool {
        path.hasPrefix("zoeken/index/") || path == "assets/search.js" || path == "assets/stemmer-nl.js"
    }

    static func check(_ actual: URL, expected: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actualFiles = files(under: actual).filter { !isIgnored($0) }
        if ProcessInfo.processInfo.environment["KORTOMPEDIA_RECORD"] == "1" {
            try? FileManager.default.removeItem(at: expected)
            for path in actualFiles {
                let target = expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: actual.appendingPathComponent(path), to: target)
            }
            return
        }
        let expectedFiles = files(under: expected)
        for path in actualFiles.subtracting(expectedFiles).sorted() {
            Issue.record("Unexpected output file \(path)", sourceLocation: sourceLocation)
        }
        for path in expectedFiles.subtracting(actualFiles).sorted() {
            Issue.record("Missing output file \(path)", sourceLocation: sourceLocation)
        }
        for path in actualFiles.intersection(expectedFiles).sorted() {
            let a = try Data(contentsOf: actual.appendingPathComponent(path))
            let e = try Data(contentsOf: expected.appendingPathComponent(path))
            guard a != e else { continue }
            Issue.record("Output file \(path) differs:\n\(lineDiff(expected: e, actual: a))", sourceLocation: sourceLocation)
        }
    }

    /// Removed lines as `-`, added ones as `+`, with their line numbers.
    static func lineDiff(expected: Data, actual: Data) -> String {
        let old = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return new.difference(from: old).map { change in
            switch change {
            case .remove(let offset, let line, _): "-\(offset + 1): \(line)"
            case .insert(let offset, let line, _): "+\(offset + 1): \(line)"
            }
        }.joined(separator: "\n")
    }

    /// Relative paths of the regular files under `folder`.
    static func files(under folder: URL) -> Set<String> {
        let base = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var result = Set<String>()
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            result.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return result
    }
}
