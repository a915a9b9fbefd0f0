import Foundation
import KortompediaCore

#if canImport(Glibc)
    import Glibc
    private let posixWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let posixWrite = Darwin.write
#endif

/// One audience's complete output, ready to be written.
public struct OutputPlan: Sendable {
    /// The folder name under the output root (`members`, `public`).
    public var folder: String
    public var files: [OutputFile]
    /// Files copied from the site folder: (path relative to the site root, destination).
    public var copies: [(source: String, destination: String)]

    public init(folder: String, files: [OutputFile], copies: [(source: String, destination: String)]) {
        self.folder = folder
        self.files = files
        self.copies = copies
    }
}

/// Why writing failed.
public struct WriteError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The write stage. Every audience is written into a staging folder beside its final place and
/// swapped in only when all of them were written, so a failed build leaves the previous output
/// as it was. Paths are checked: nothing is written outside the output folder.
public struct SiteWriter: Sendable {
    public let siteRoot: URL
    public let outputRoot: URL
    public let workers: Int

    public init(siteRoot: URL, outputRoot: URL, workers: Int = 1) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.outputRoot = outputRoot.standardizedFileURL
        self.workers = workers
    }

    /// Writes all plans, then swaps them in. Throws without touching the previous output.
    public func write(_ plans: [OutputPlan]) throws(WriteError) {
        var transaction = try begin()
        for plan in plans { try transaction.stage(plan) }
        try transaction.commit()
    }

    /// Starts a write: plans are staged one by one (so each can be freed once written) and
    /// swapped in together by `commit()`. A transaction dropped without commit leaves staging
    /// folders that `abort()` removes; the previous output is never touched before `commit()`.
    public func begin() throws(WriteError) -> WriteTransaction {
        do {
            try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        } catch {
            throw WriteError("cannot create output folder \(outputRoot.path): \(error.localizedDescription)")
        }
        return WriteTransaction(writer: self, token: "\(getpid())")
    }

    /// Audiences staged so far; see `SiteWriter.begin()`.
    public struct WriteTransaction: Sendable {
        let writer: SiteWriter
        let token: String
        var staged: [(staging: URL, final: URL)] = []

        /// Writes one audience into its staging folder beside the output.
        public mutating func stage(_ plan: OutputPlan) throws(WriteError) {
            guard SiteWriter.isSafe(plan.folder) else {
                abort()
                throw WriteError("unsafe output folder '\(plan.folder)'")
            }
            let staging = writer.outputRoot.appendingPathComponent(".staging-\(plan.folder)-\(token)")
            try? FileManager.default.removeItem(at: staging)
            do throws(WriteError) {
                try writer.write(plan, into: staging)
            } catch {
                try? FileManager.default.removeItem(at: staging)
                abort()
                throw error
            }
            staged.append((staging, writer.outputRoot.appendingPathComponent(plan.folder)))
        }

        /// Removes everything staged; the previous output stays as it was.
        public func abort() {
            for (staging, _) in staged { try? FileManager.default.removeItem(at: staging) }
        }

        /// Swaps every staged audience in: the old folder aside, the new one in, the old one deleted.
        public func commit() throws(WriteError) {
            let fileManager = FileManager.default
            for (staging, final) in staged {
                let old = writer.outputRoot.appendingPathComponent(".old-\(final.lastPathComponent)-\(token)")
                if fileManager.fileExists(atPath: final.path) {
                    do { try fileManager.moveItem(at: final, to: old) } catch {
                        abort()
                        throw WriteError("cannot replace \(final.path): \(error.localizedDescription)")
                    }
                }
                do { try fileManager.moveItem(at: staging, to: final) } catch {
                    try? fileManager.moveItem(at: old, to: final)
                    abort()
                    throw WriteError("cannot move new output into \(final.path): \(error.localizedDescription)")
                }
                try? fileManager.removeItem(at: old)
            }
        }
    }

    private func write(_ plan: OutputPlan, into folder: URL) throws(WriteError) {
        var directories = Set<String>()
        var seen = Set<String>()
        for path in plan.files.map(\.path) + plan.copies.map(\.destination) {
            guard Self.isSafe(path) else { throw WriteError("refusing to write outside the output folder: '\(path)'") }
            guard seen.insert(path).inserted else { throw WriteError("two outputs want the same path '\(path)'") }
            if let slash = path.lastIndex(of: "/") { directories.insert(String(path[..<slash])) }
        }
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            for directory in directories.sorted() {
                try fileManager.createDirectory(at: folder.appendingPathComponent(directory), withIntermediateDirectories: true)
            }
        } catch {
            throw WriteError("cannot create folders in \(folder.path): \(error.localizedDescription)")
        }
        let failures = Parallel.map(plan.files, workers: workers) { file -> String? in
            let url = folder.appendingPathComponent(file.path)
            return Self.writeFile(file.contents, to: url.path) ? nil : "cannot write \(url.path)"
        }.compactMap { $0 }
        if let first = failures.first { throw WriteError(first) }
        for copy in plan.copies {
            let source = siteRoot.appendingPathComponent(copy.source)
            let destination = folder.appendingPathComponent(copy.destination)
            do { try fileManager.copyItem(at: source, to: destination) } catch {
                throw WriteError("cannot copy \(copy.source): \(error.localizedDescription)")
            }
        }
    }

    /// Writes bytes with plain open/write/close. `FileManager.createFile` writes a temporary
    /// file, fsyncs and renames it, with a dozen stat calls: on a 10,000-article build that was a
    /// third of all CPU time. Atomicity comes from the staging folder and the swap instead.
    static func writeFile(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// A relative path with no empty, `.` or `..` segment, no backslash and no drive letter.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        if path.count >= 2, path.dropFirst().first == ":" { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
