import Foundation
import KortompediaCore

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
        let fileManager = FileManager.default
        let token = "\(getpid())"
        var staged: [(URL, URL)] = []
        do {
            try fileManager.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        } catch {
            throw WriteError("cannot create output folder \(outputRoot.path): \(error.localizedDescription)")
        }
        do throws(WriteError) {
            for plan in plans {
                guard Self.isSafe(plan.folder) else { throw WriteError("unsafe output folder '\(plan.folder)'") }
                let staging = outputRoot.appendingPathComponent(".staging-\(plan.folder)-\(token)")
                try? fileManager.removeItem(at: staging)
                try write(plan, into: staging)
                staged.append((staging, outputRoot.appendingPathComponent(plan.folder)))
            }
        } catch {
            for (staging, _) in staged { try? fileManager.removeItem(at: staging) }
            try? fileManager.removeItem(at: outputRoot.appendingPathComponent(".staging-\(plans.last?.folder ?? "")-\(token)"))
            throw error
        }
        // Swap: move the old folder aside, the new one in, then delete the old one.
        for (staging, final) in staged {
            let old = outputRoot.appendingPathComponent(".old-\(final.lastPathComponent)-\(token)")
            if fileManager.fileExists(atPath: final.path) {
                do { try fileManager.moveItem(at: final, to: old) } catch {
                    throw WriteError("cannot replace \(final.path): \(error.localizedDescription)")
                }
            }
            do { try fileManager.moveItem(at: staging, to: final) } catch {
                try? fileManager.moveItem(at: old, to: final)
                throw WriteError("cannot move new output into \(final.path): \(error.localizedDescription)")
            }
            try? fileManager.removeItem(at: old)
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
            let ok = file.contents.withUnsafeBytes { fileManager.createFile(atPath: url.path, contents: Data($0)) }
            return ok ? nil : "cannot write \(url.path)"
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

    /// A relative path with no empty, `.` or `..` segment, no backslash and no drive letter.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        if path.count >= 2, path.dropFirst().first == ":" { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
