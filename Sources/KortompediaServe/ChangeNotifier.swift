import Foundation
import KortompediaCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What the notifier saw while waiting.
public enum ChangeHint: Sendable, Equatable {
    /// Nothing changed before the timeout.
    case timeout
    /// These files (relative to the site root) were written, created, moved or deleted.
    case paths([String])
    /// Something the notifier cannot pin down (a new folder, lost events): list everything.
    case rescan
}

/// Wakes the preview as soon as a source changes, through Linux's inotify, so that a save is
/// seen in milliseconds rather than at the next poll, and names the files to look at instead
/// of listing the whole site (10,000 `stat` calls on a large one). The listing of
/// `SourceWatcher` stays the source of truth: the server still takes it now and then, and
/// whenever the notifier asks for a rescan. Elsewhere (macOS) `make` returns nil and the
/// server polls.
public final class ChangeNotifier: Sendable {
    #if canImport(Glibc)
    private let descriptor: Int32
    #endif
    private let root: String
    /// Watched folder by watch descriptor: `""` for the site root, else a path like `articles/digitaal`.
    private let folders = Mutex<[Int32: String]>([:])

    /// A notifier for the site at `root`, or nil where inotify is not available.
    public static func make(root: URL) -> ChangeNotifier? {
        #if canImport(Glibc)
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let notifier = ChangeNotifier(descriptor: descriptor, root: root.standardizedFileURL.path)
        notifier.watch("")
        for folder in SourceWatcher.watchedFolders { notifier.watchTree(folder) }
        return notifier
        #else
        return nil
        #endif
    }

    #if canImport(Glibc)
    private init(descriptor: Int32, root: String) {
        self.descriptor = descriptor
        self.root = root
    }

    deinit { close(descriptor) }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_ONLYDIR)

    private func watch(_ folder: String) {
        let path = folder.isEmpty ? root : root + "/" + folder
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { folders.withLock { $0[watch] = folder } }
    }

    /// Watches `folder` and every folder below it (hidden ones left out, as the build does; a
    /// symbolic link back up the tree is followed once).
    private func watchTree(_ folder: String) {
        var pending = [folder]
        var visited = Set<UInt64>()
        while let next = pending.popLast() {
            let path = root + "/" + next
            guard let (stamp, isFolder) = SourceWatcher.stamp(path), isFolder, visited.insert(stamp.fileNumber).inserted else { continue }
            watch(next)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !IgnoredFileNames.contains(name) {
                pending.append(next + "/" + name)
            }
        }
    }
    #endif

    /// Blocks until a source changes or `timeout` passes. Call it from a thread of its own.
    public func wait(timeout: Duration) -> ChangeHint {
        #if canImport(Glibc)
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: Int64(timeout.seconds * 1000))
        guard poll(&request, 1, milliseconds) > 0 else { return .timeout }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return .timeout }
        var paths: [String] = []
        var rescan = false
        var offset = 0
        let watched = folders.withLock { $0 }
        while offset + 16 <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { bytes in
                (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += 16 + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 { rescan = true; continue }
            guard let folder = watched[watch], !name.isEmpty, !IgnoredFileNames.contains(name) else { continue }
            if mask & UInt32(IN_ISDIR) != 0 {
                // A new, moved or deleted folder: its files were never seen one by one.
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(folder.isEmpty ? name : folder + "/" + name) }
                rescan = true
                continue
            }
            if folder.isEmpty {
                if SourceWatcher.watchedFiles.contains(name) { paths.append(name) }
            } else {
                paths.append(folder + "/" + name)
            }
        }
        if rescan { return .rescan }
        return paths.isEmpty ? .timeout : .paths(Array(Set(paths)).sorted())
        #else
        Thread.sleep(forTimeInterval: timeout.seconds)
        return .rescan
        #endif
    }
}
