#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one `stat` tells of a path, without reading it or looking up its owner: enough to see
/// that a file changed (`serve`'s watcher, `build --incremental`'s manifest).
public struct FileStatus: Sendable {
    public var size: Int64
    /// Modification time in nanoseconds since 1970 (as fine as the file system keeps it).
    public var modified: Int64
    /// The inode: editors that save by writing a new file and renaming it change it.
    public var fileNumber: UInt64
    public var isFolder: Bool
    public var isRegularFile: Bool
    /// Only ever true without `followingLinks`.
    public var isSymbolicLink: Bool

    /// The status of `path`, or nil when nothing is there. With `followingLinks` (`stat`), a
    /// symbolic link answers for its target; without (`lstat`), for itself.
    public init?(_ path: String, followingLinks: Bool) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        size = Int64(info.st_size)
        modified = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        fileNumber = UInt64(info.st_ino)
        isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
        isSymbolicLink = (info.st_mode & S_IFMT) == S_IFLNK
    }
}
