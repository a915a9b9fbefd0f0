import Foundation
import KortompediaCore

/// Lists the files under one folder of the site, sorted, skipping hidden entries. Symbolic links
/// are followed only when they stay inside the site; a link out of it or in a loop is an error.
struct SourceFolderWalker {
    let root: URL
    let excluded: [String]

    struct Listing {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    func files(under folder: String) -> Listing {
        var listing = Listing()
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root.appendingPathComponent(folder).path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return listing }
        let realRoot = root.resolvingSymlinksInPath().path
        var visited = Set<String>()
        walk(folder, realRoot: realRoot, visited: &visited, into: &listing)
        listing.files.sort()
        return listing
    }

    private func walk(_ relative: String, realRoot: String, visited: inout Set<String>, into listing: inout Listing) {
        let fileManager = FileManager.default
        let rootPath = root.path
        let url = root.appendingPathComponent(relative)
        let real = url.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            listing.diagnostics.append(.error(SourceLocation(path: relative), "symbolic link loop", code: "symlink"))
            return
        }
        defer { visited.remove(real) }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            listing.diagnostics.append(.error(SourceLocation(path: relative), "cannot read folder", code: "unreadable"))
            return
        }
        for name in names where !IgnoredFileNames.contains(name) {
            let child = relative + "/" + name
            if excluded.contains(where: { child == $0 || child.hasPrefix($0 + "/") }) { continue }
            // lstat, not FileManager.attributesOfItem: that also looks up owner and group names,
            // which made the walk a tenth of the load stage on a large site. The path is joined
            // as text, not by URL.appendingPathComponent, which cost as much again.
            let childPath = rootPath + "/" + child
            var target = childPath
            if FileStatus(target, followingLinks: false)?.isSymbolicLink == true {
                let resolved = URL(fileURLWithPath: childPath).resolvingSymlinksInPath().path
                if resolved == childPath || !fileManager.fileExists(atPath: resolved) {
                    listing.diagnostics.append(.error(SourceLocation(path: child), "symbolic link is broken or loops", code: "symlink"))
                    continue
                }
                guard resolved == realRoot || resolved.hasPrefix(realRoot + "/") else {
                    listing.diagnostics.append(.error(SourceLocation(path: child), "symbolic link points outside the site: \(resolved)", code: "symlink"))
                    continue
                }
                target = resolved
            }
            guard let status = FileStatus(target, followingLinks: true) else { continue }
            if status.isFolder {
                walk(child, realRoot: realRoot, visited: &visited, into: &listing)
            } else {
                listing.files.append(child)
            }
        }
    }
}
