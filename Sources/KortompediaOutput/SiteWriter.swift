import Foundation
import KortompediaCore
import Synchronization

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
    /// Files the folder already holds as they should be (`build --incremental`): left alone.
    public var kept: [String]
    /// The fingerprint of each rendered or kept page, for the manifest (see `OutputManifest`).
    public var fingerprints: [String: ContentDigest]
    /// Files written already, as they were made, into the staging folder the plan is staged
    /// into (see `StagingFolder`).
    public var written: [String]

    public init(
        folder: String, files: [OutputFile], copies: [(source: String, destination: String)], kept: [String] = [],
        fingerprints: [String: ContentDigest] = [:], written: [String] = []
    ) {
        self.folder = folder
        self.files = files
        self.copies = copies
        self.kept = kept
        self.fingerprints = fingerprints
        self.written = written
    }

    /// Every path the plan puts in the folder, checked: inside the folder, and each once.
    func checkedPaths() throws(WriteError) -> [String] {
        var seen = Set<String>()
        let paths = files.map(\.path) + copies.map(\.destination) + kept + written
        for path in paths {
            guard SiteWriter.isSafe(path) else { throw WriteError("refusing to write outside the output folder: '\(path)'") }
            guard seen.insert(path).inserted else { throw WriteError("two outputs want the same path '\(path)'") }
        }
        return paths
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
///
/// The output a build replaces is not deleted: it is kept beside the audience folders as its
/// spare (`OUTPUT/.kortompedia-spare-<audience>`), and the next build stages into the spare,
/// writing only the files whose bytes differ and removing the ones it no longer makes. Deleting
/// and creating tens of thousands of files is what a rebuild of a large site spent most of its
/// time on (on a 10,000-article site, 16 seconds to delete the old output alone); the spare
/// costs the disk space of one more copy of the output, and can be deleted at any time.
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

        /// Writes one audience into its staging folder beside the output: the folder `opened`
        /// for the plan's folder, which holds the plan's `written` files, or else one opened
        /// here. With `recording`, it returns what a manifest of the folder needs
        /// (`build --incremental`), else nil.
        @discardableResult
        public mutating func stage(_ plan: OutputPlan, into opened: StagingFolder? = nil, recording: Bool = false) throws(WriteError) -> OutputManifest? {
            guard plan.kept.isEmpty, plan.written.isEmpty || (opened?.folder == plan.folder && !recording) else {
                if let opened { abandon(opened) }
                abort()
                throw WriteError(
                    !plan.kept.isEmpty ? "a new folder cannot keep files"
                        : "files written already must be in the folder opened for them, and are not recorded")
            }
            // Checked before anything is made: a refused plan leaves no trace.
            let paths: [String]
            do throws(WriteError) { paths = try plan.checkedPaths() } catch {
                if let opened { abandon(opened) }
                abort()
                throw error
            }
            let staging: StagingFolder
            if let opened {
                staging = opened
            } else {
                do throws(WriteError) { staging = try open(plan.folder) } catch {
                    abort()
                    throw error
                }
            }
            let manifest: OutputManifest?
            do throws(WriteError) {
                if let failure = staging.failure { throw failure }
                manifest = try writer.write(plan, paths: paths, into: staging.url, recording: recording, recycled: staging.recycled)
            } catch {
                abandon(staging)
                abort()
                throw error
            }
            staged.append((staging.url, writer.outputRoot.appendingPathComponent(plan.folder)))
            return manifest
        }

        /// Opens the staging folder of `folder` (an audience) for its files to be written into
        /// as they are made, before `stage(_:into:)` writes the rest: the spare of an earlier
        /// output when there is one (see `SiteWriter`), else a new folder. A build that stops
        /// before staging it gives it back with `abandon(_:)`.
        public func open(_ folder: String) throws(WriteError) -> StagingFolder {
            guard SiteWriter.isSafe(folder) else { throw WriteError("unsafe output folder '\(folder)'") }
            let staging = writer.outputRoot.appendingPathComponent(".staging-\(folder)-\(token)")
            try? FileManager.default.removeItem(at: staging)
            let spare = writer.spare(of: folder)
            let recycled = SiteWriter.isFolder(spare.path) == true && rename(spare.path, staging.path) == 0
            if !recycled {
                do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
                    throw WriteError("cannot create folders in \(staging.path): \(error.localizedDescription)")
                }
            }
            return StagingFolder(folder: folder, url: staging, recycled: recycled)
        }

        /// Keeps a staging folder that was opened and will not be staged as its folder's
        /// spare (or deletes it, when there is a spare already).
        public func abandon(_ staging: StagingFolder) {
            writer.keepAsSpare(staging.url, of: staging.folder)
        }

        /// Puts back everything staged as spares; the previous output stays as it was.
        public func abort() {
            for (staging, final) in staged { writer.keepAsSpare(staging, of: final.lastPathComponent) }
        }

        /// Swaps every staged audience in: the old folder aside, the new one in, the old one kept
        /// as the spare the next build writes into.
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
                if fileManager.fileExists(atPath: old.path) { writer.keepAsSpare(old, of: final.lastPathComponent) }
            }
        }
    }

    /// Where the previous output of `folder` is kept for the next build to write into.
    func spare(of folder: String) -> URL {
        outputRoot.appendingPathComponent(".kortompedia-spare-\(folder)")
    }

    /// Keeps `tree` (an output of `folder`, complete or not) as its spare, unless there is one
    /// already; else deletes it.
    func keepAsSpare(_ tree: URL, of folder: String) {
        let spare = spare(of: folder)
        if Self.isFolder(spare.path) != nil || rename(tree.path, spare.path) != 0 {
            try? FileManager.default.removeItem(at: tree)
        }
    }

    /// Writes a whole plan into a folder: a new one, or with `recycled` an earlier output, whose
    /// files are rewritten only where their bytes differ and removed where the plan has none.
    /// `paths` are all the plan puts there, checked (`OutputPlan.checkedPaths()`), its
    /// `written` files included: those are in the folder already. With `recording`, returns the
    /// manifest entries.
    private func write(_ plan: OutputPlan, paths: [String], into folder: URL, recording: Bool, recycled: Bool) throws(WriteError) -> OutputManifest? {
        if recycled { removeEverything(in: folder, except: Set(paths)) }
        // The written files' folders are there.
        try createFolders(for: plan.files.map(\.path) + plan.copies.map(\.destination) + plan.kept, in: folder)
        // Paths joined as text: URL.appendingPathComponent was a sixth of the stage.
        let folderPath = folder.path
        let results = Parallel.map(plan.files, workers: workers) { file -> Result<OutputManifest.Entry?, WriteError> in
            let path = folderPath + "/" + file.path
            guard Self.put(file.contents, at: path, recycled: recycled) else { return .failure(WriteError("cannot write \(path)")) }
            guard recording else { return .success(nil) }
            guard let entry = OutputManifest.entry(for: file.contents, at: file.path, in: folder, fingerprint: plan.fingerprints[file.path]) else {
                return .failure(WriteError("cannot read back \(path)"))
            }
            return .success(entry)
        }
        var manifest = OutputManifest(settings: "")
        for (file, result) in zip(plan.files, results) {
            switch result {
            case .failure(let error): throw error
            case .success(let entry): manifest.entries[file.path] = entry
            }
        }
        let fileManager = FileManager.default
        for copy in plan.copies {
            let source = siteRoot.appendingPathComponent(copy.source)
            let destination = folder.appendingPathComponent(copy.destination)
            if recycled {
                guard let bytes = fileManager.contents(atPath: source.path) else { throw WriteError("cannot copy \(copy.source): cannot read it") }
                guard Self.replaceContents(of: destination.path, with: Array(bytes)) else { throw WriteError("cannot write \(destination.path)") }
            } else {
                do { try fileManager.copyItem(at: source, to: destination) } catch {
                    throw WriteError("cannot copy \(copy.source): \(error.localizedDescription)")
                }
            }
            if recording {
                guard let bytes = fileManager.contents(atPath: destination.path),
                    let entry = OutputManifest.entry(for: Array(bytes), at: copy.destination, in: folder, fingerprint: nil)
                else { throw WriteError("cannot read back \(destination.path)") }
                manifest.entries[copy.destination] = entry
            }
        }
        return recording ? manifest : nil
    }

    /// Creates `folder` and every folder the paths need in it.
    private func createFolders(for paths: [String], in folder: URL) throws(WriteError) {
        var directories = Set<String>()
        for path in paths {
            // Every ancestor, so that a file in the way at any level is seen (sorted, parents first).
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/"), directories.insert(String(path[..<slash])).inserted {
                end = slash
            }
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError("cannot create folders in \(folder.path): \(error.localizedDescription)")
        }
        for directory in directories.sorted() {
            let path = folder.path + "/" + directory
            guard Self.makeFolder(path) else {
                throw WriteError("cannot create folder \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Makes the folder at `path`, whose parent is there, unless it is there already. A file (or
    /// a link) where it must go, left by an old output, gives way. Plain mkdir:
    /// FileManager.createDirectory stats every level of the path.
    static func makeFolder(_ path: String) -> Bool {
        if mkdir(path, 0o755) == 0 || (errno == EEXIST && isFolder(path) == true) { return true }
        if isFolder(path) != nil { try? FileManager.default.removeItem(atPath: path) }
        return mkdir(path, 0o755) == 0
    }

    /// Brings the audience folder of `plan` up to date in place (`build --incremental`): writes
    /// what changed (each file atomically: a new file renamed over the old), leaves what is
    /// as the manifest recorded it, and removes every file the plan does not have. Returns the
    /// new manifest and the number of files written. The folder must exist; a failure can leave
    /// it part updated, which the next build repairs (the manifest is then not renewed).
    public func update(_ plan: OutputPlan, previous: OutputManifest) throws(WriteError) -> (manifest: OutputManifest, written: Int) {
        guard Self.isSafe(plan.folder) else { throw WriteError("unsafe output folder '\(plan.folder)'") }
        let folder = outputRoot.appendingPathComponent(plan.folder)
        let paths = try plan.checkedPaths()
        try createFolders(for: paths, in: folder)
        var manifest = OutputManifest(settings: previous.settings)
        for path in plan.kept {
            guard var entry = previous.entries[path] else { throw WriteError("no record of kept file \(path)") }
            entry.fingerprint = plan.fingerprints[path]
            manifest.entries[path] = entry
        }
        // Copies are read here, so that all writes go one way.
        var updates = plan.files.map { (path: $0.path, bytes: $0.contents) }
        for copy in plan.copies {
            guard let bytes = FileManager.default.contents(atPath: siteRoot.appendingPathComponent(copy.source).path) else {
                throw WriteError("cannot copy \(copy.source): cannot read it")
            }
            updates.append((copy.destination, Array(bytes)))
        }
        let results = Parallel.map(updates, workers: workers) { update -> Result<(OutputManifest.Entry, Bool), WriteError> in
            let content = ContentDigest(of: update.bytes)
            let fingerprint = plan.fingerprints[update.path]
            if var entry = previous.entries[update.path], entry.content == content, previous.isIntact(update.path, in: folder) {
                entry.fingerprint = fingerprint
                return .success((entry, false))
            }
            let target = folder.appendingPathComponent(update.path)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).kortompedia-new")
            guard Self.writeFile(update.bytes, to: temporary.path) else { return .failure(WriteError("cannot write \(temporary.path)")) }
            if Self.isFolder(target.path) == true { try? FileManager.default.removeItem(at: target) }
            guard rename(temporary.path, target.path) == 0 else {
                unlink(temporary.path)
                return .failure(WriteError("cannot write \(target.path)"))
            }
            guard let entry = OutputManifest.entry(for: update.bytes, at: update.path, in: folder, fingerprint: fingerprint) else {
                return .failure(WriteError("cannot read back \(target.path)"))
            }
            return .success((entry, true))
        }
        var written = 0
        for (update, result) in zip(updates, results) {
            switch result {
            case .failure(let error): throw error
            case .success(let (entry, wrote)):
                manifest.entries[update.path] = entry
                if wrote { written += 1 }
            }
        }
        removeEverything(in: folder, except: Set(paths))
        return (manifest, written)
    }

    /// Removes the files under `folder` not in `keep` (paths relative to it), then the folders
    /// left empty.
    private func removeEverything(in folder: URL, except keep: Set<String>) {
        _ = Self.prune(folder.path, relative: "", keeping: keep)
    }

    /// One folder of `removeEverything`, depth first: removes what `keep` does not list and the
    /// sub-folders left empty; whether the folder itself is left empty. One `readdir` pass per
    /// folder, whose entry types save a `stat` per file: `build --incremental` runs it over
    /// the whole output (20,000 files at 10,000 articles), where FileManager's listing, a `stat`
    /// per entry and a listing per folder to see if it was empty took most of the write stage.
    private static func prune(_ path: String, relative: String, keeping keep: Set<String>) -> Bool {
        guard let directory = opendir(path) else { return false }
        var entries: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let type = entry.pointee.d_type
            // Some file systems leave the type unknown: ask for it then.
            let isFolder = type == DT_UNKNOWN ? Self.isFolder(path + "/" + name) == true : type == DT_DIR
            entries.append((name, isFolder))
        }
        closedir(directory)
        var remaining = 0
        for (name, isFolder) in entries {
            let child = path + "/" + name, childRelative = relative.isEmpty ? name : relative + "/" + name
            if isFolder {
                if !(prune(child, relative: childRelative, keeping: keep) && rmdir(child) == 0) { remaining += 1 }
            } else if keep.contains(childRelative) || unlink(child) != 0 {
                remaining += 1
            }
        }
        return remaining == 0
    }

    /// Whether what is at `path` is a folder (a symbolic link is not followed); nil when nothing is.
    static func isFolder(_ path: String) -> Bool? {
        FileStatus(path, followingLinks: false)?.isFolder
    }

    /// Writes `bytes` at `path`: into a recycled output with `replaceContents`, else as a new
    /// file with `writeFile`.
    static func put(_ bytes: [UInt8], at path: String, recycled: Bool) -> Bool {
        recycled ? replaceContents(of: path, with: bytes) : writeFile(bytes, to: path)
    }

    /// Writes bytes with plain open/write/close. `FileManager.createFile` writes a temporary
    /// file, fsyncs and renames it, with a dozen stat calls: on a 10,000-article build that was a
    /// third of all CPU time. Atomicity comes from the staging folder and the swap instead.
    static func writeFile(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return writeAll(bytes, to: descriptor)
    }

    /// Makes the file at `path` hold `bytes`, for a recycled output (see `SiteWriter`): a file
    /// that holds them already is left alone; one that holds others is overwritten in place,
    /// which spares the file system a delete and a create. What must not be written through is
    /// replaced by a new file: a folder, a symbolic link (it could lead out of the output), a
    /// file with more than one name (a hard-linked snapshot of an earlier deployment must keep
    /// its bytes).
    static func replaceContents(of path: String, with bytes: [UInt8]) -> Bool {
        let descriptor = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if descriptor >= 0 {
            var info = stat()
            if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 {
                defer { close(descriptor) }
                if Int(info.st_size) == bytes.count, holds(bytes, descriptor) { return true }
                return lseek(descriptor, 0, SEEK_SET) == 0 && writeAll(bytes, to: descriptor)
                    && ftruncate(descriptor, off_t(bytes.count)) == 0
            }
            close(descriptor)
        }
        if isFolder(path) != nil { try? FileManager.default.removeItem(atPath: path) }
        return writeFile(bytes, to: path)
    }

    /// Whether the open file, read from its start, holds exactly `bytes`.
    /// One byte more than `bytes` is asked for, so that a longer file does not pass.
    private static func holds(_ bytes: [UInt8], _ descriptor: Int32) -> Bool {
        let capacity = bytes.count + 1
        let held = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { held.deallocate() }
        var count = 0
        while count < capacity {
            let read = pread(descriptor, held + count, capacity - count, off_t(count))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { break }
            count += read
        }
        // memcmp: comparing element by element made writing into a spare twice as slow as
        // writing new files.
        return count == bytes.count && (count == 0 || bytes.withUnsafeBytes { memcmp(held, $0.baseAddress!, count) == 0 })
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer -> Bool in
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
        guard !path.isEmpty, !path.hasPrefix("/"), path.dropFirst().first != ":" else { return false }
        // One pass over the bytes (every output path is checked): each segment between
        // slashes must be non-empty and neither `.` nor `..`.
        var length = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), 0:
                return false
            case UInt8(ascii: "/"):
                if length == 0 || (dots == length && dots <= 2) { return false }
                length = 0
                dots = 0
            default:
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(length == 0 || (dots == length && dots <= 2))
    }
}

/// An audience's staging folder, opened (`SiteWriter.WriteTransaction.open(_:)`) before its
/// files are all made, so that each page can be written as soon as it is rendered instead of
/// being held to the write stage: at 10,000 articles that held 300 MB, and left the writing of
/// the last audience to the end of the build, with a core idle while its folders were made.
/// `stage(_:into:)` writes the rest of the plan into it and, in the spare of an earlier output,
/// removes what the plan does not have. Any thread may write into it.
public final class StagingFolder: Sendable {
    /// The folder name under the output root (`members`, `public`).
    public let folder: String
    let url: URL
    /// Whether this is the spare of an earlier output, whose files are rewritten only where
    /// their bytes differ (see `SiteWriter.replaceContents`).
    let recycled: Bool
    private let state = Mutex(State())

    private struct State {
        /// Folders made (or found) so far, relative.
        var folders: Set<String> = []
        var failure: WriteError?
    }

    init(folder: String, url: URL, recycled: Bool) {
        self.folder = folder
        self.url = url
        self.recycled = recycled
    }

    /// The first write that failed, if any: `stage(_:into:)` throws it.
    public var failure: WriteError? { state.withLock { $0.failure } }

    /// Writes `file` (its path relative to the folder), making the folders it needs. A failure
    /// is kept for `failure`; after one, nothing more is written.
    public func write(_ file: OutputFile) {
        guard failure == nil else { return }
        guard SiteWriter.isSafe(file.path) else {
            return fail("refusing to write outside the output folder: '\(file.path)'")
        }
        if let slash = file.path.lastIndex(of: "/"), !makeFolders(String(file.path[..<slash])) { return }
        let path = url.path + "/" + file.path
        if !SiteWriter.put(file.contents, at: path, recycled: recycled) { fail("cannot write \(path)") }
    }

    /// Makes `relative` and its parents, each unless made before.
    private func makeFolders(_ relative: String) -> Bool {
        if state.withLock({ $0.folders.contains(relative) }) { return true }
        if let slash = relative.lastIndex(of: "/"), !makeFolders(String(relative[..<slash])) { return false }
        let path = url.path + "/" + relative
        guard SiteWriter.makeFolder(path) else {
            fail("cannot create folder \(path): \(String(cString: strerror(errno)))")
            return false
        }
        state.withLock { _ = $0.folders.insert(relative) }
        return true
    }

    private func fail(_ description: String) {
        state.withLock { state in
            if state.failure == nil { state.failure = WriteError(description) }
        }
    }
}
