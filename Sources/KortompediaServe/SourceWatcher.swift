import Foundation
import KortompediaCore

/// What identifies a version of a file without reading it.
public struct FileStamp: Hashable, Sendable {
    /// Modification time in nanoseconds since 1970 (as fine as the file system keeps it).
    public var modified: Int64
    /// Size in bytes.
    public var size: Int64
    /// The inode: editors that save by writing a new file and renaming it change it.
    public var fileNumber: UInt64
}

/// Finds changes to the sources by polling: a listing with the modification time, size and
/// inode of every file under `articles/`, `blogs/`, `theme/` and `static/`, and `site.json`.
/// One `stat` per file and folder (no owner lookups, no reading), portable, and cheap at the
/// site's size. Hidden files and editor scratch files (`IgnoredFileNames`) are left out, as the
/// build leaves them out.
public struct SourceWatcher: Sendable {
    /// The folders watched, relative to the site root.
    public static let watchedFolders = ["articles", "blogs", "theme", "static"]
    /// The single files watched.
    public static let watchedFiles = ["site.json"]

    /// The site folder.
    public let root: URL

    /// A watcher of the site at `root`.
    public init(root: URL) { self.root = root.standardizedFileURL }

    /// Every watched file (path relative to the root) with its stamp.
    public func snapshot() -> [String: FileStamp] {
        var files: [String: FileStamp] = [:]
        for file in Self.watchedFiles {
            if let (stamp, isDirectory) = Self.stamp(root.path + "/" + file), !isDirectory { files[file] = stamp }
        }
        var visited = Set<UInt64>()
        for folder in Self.watchedFolders {
            if let (stamp, isDirectory) = Self.stamp(root.path + "/" + folder), isDirectory {
                visited.insert(stamp.fileNumber)
                walk(folder, visited: &visited, into: &files)
            }
        }
        return files
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    public static func changes(from old: [String: FileStamp], to new: [String: FileStamp]) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    /// The paths among `paths` (relative to the root, as `ChangeNotifier` names them) whose
    /// stamp differs from `snapshot`, sorted; `snapshot` is brought up to date for them.
    /// Paths outside the watched folders and files, or of `IgnoredFileNames`, are left out.
    public func changes(of paths: [String], in snapshot: inout [String: FileStamp]) -> [String] {
        var changed: [String] = []
        for path in paths {
            let components = path.split(separator: "/")
            guard let first = components.first, !components.contains(where: { IgnoredFileNames.contains(String($0)) }),
                components.count == 1 ? Self.watchedFiles.contains(path) : Self.watchedFolders.contains(String(first))
            else { continue }
            let current = Self.stamp(root.path + "/" + path).flatMap { $0.1 ? nil : $0.0 }
            guard current != snapshot[path] else { continue }
            snapshot[path] = current
            changed.append(path)
        }
        return changed.sorted()
    }

    private func walk(_ relative: String, visited: inout Set<UInt64>, into files: inout [String: FileStamp]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path + "/" + relative) else { return }
        for name in names where !IgnoredFileNames.contains(name) {
            let child = relative + "/" + name
            guard let (stamp, isDirectory) = Self.stamp(root.path + "/" + child) else { continue }
            if isDirectory {
                // A symbolic link back up the tree must not loop.
                if visited.insert(stamp.fileNumber).inserted { walk(child, visited: &visited, into: &files) }
            } else {
                files[child] = stamp
            }
        }
    }

    /// `stat` of a path (following symbolic links): its stamp and whether it is a folder.
    static func stamp(_ path: String) -> (FileStamp, Bool)? {
        guard let status = FileStatus(path, followingLinks: true) else { return nil }
        return (FileStamp(modified: status.modified, size: status.size, fileNumber: status.fileNumber), status.isFolder)
    }
}
