import Foundation
import Testing

/// Runs the JavaScript side of the cross-checks from `swift test` when Node is installed, so one
/// command proves that `search.js` analyses like `DutchAnalyzer` and finds what the Swift writer
/// indexed (`Tests/JavaScript/search-*.test.js`, which read the committed fixtures).
struct JavaScriptCrossCheckTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static var node: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/node"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    @Test(.enabled(if: node != nil, "node is not installed"))
    func javaScriptSearchTestsPass() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.node!)
        process.arguments = ["--test", "Tests/JavaScript/search-analyzer.test.js", "Tests/JavaScript/search-engine.test.js"]
        process.currentDirectoryURL = Self.repository
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "node --test failed:\n\(text.split(separator: "\n").filter { $0.contains("not ok") || $0.contains("rror") }.prefix(20).joined(separator: "\n"))")
        #expect(text.contains("# fail 0"))
    }
}
