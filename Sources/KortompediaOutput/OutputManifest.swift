import Foundation
import KortompediaCore

/// What `build --incremental` knows of an audience folder it wrote: for every file its size,
/// modification time and content digest, and for a rendered page the fingerprint it was
/// rendered from (see `RenderReuse`). Kept beside the folder, never in it (it is not part of
/// the site): `<output>/.kortompedia-manifest-<audience>`.
///
/// A file is trusted only while its size and modification time are the ones recorded: a file
/// edited, replaced or deleted by hand is written again by the next incremental build.
public struct OutputManifest: Sendable, Equatable {
    /// One file of the folder.
    public struct Entry: Sendable, Equatable {
        /// The fingerprint of what the page was rendered from; nil for files that are not
        /// rendered pages (search index, feeds, copies).
        public var fingerprint: ContentDigest?
        public var content: ContentDigest
        public var size: Int64
        /// Nanoseconds since 1970.
        public var modified: Int64

        public init(fingerprint: ContentDigest?, content: ContentDigest, size: Int64, modified: Int64) {
            self.fingerprint = fingerprint
            self.content = content
            self.size = size
            self.modified = modified
        }
    }

    /// What else the folder depends on (the program that wrote it): a manifest written with
    /// other settings is not used.
    public var settings: String
    /// Entries by path relative to the audience folder.
    public var entries: [String: Entry]

    public init(settings: String, entries: [String: Entry] = [:]) {
        self.settings = settings
        self.entries = entries
    }

    static let firstLine = "kortompedia output manifest 1"

    /// Where the manifest of the audience folder `folder` under `outputRoot` lives.
    public static func location(outputRoot: URL, folder: String) -> URL {
        outputRoot.appendingPathComponent(".kortompedia-manifest-\(folder)")
    }

    /// The manifest at `url`, or nil when there is none, or it is damaged or of other settings.
    public static func load(from url: URL, settings: String) -> OutputManifest? {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(validating: data, as: UTF8.self) else { return nil }
        guard let manifest = OutputManifest(text: text), manifest.settings == settings else { return nil }
        return manifest
    }

    /// The text form: two header lines, then one line per file, sorted by path:
    /// `content size modified fingerprint-or-dash path`.
    public var text: String {
        var lines = [Self.firstLine, "settings " + settings]
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            lines.append("\(entry.content) \(entry.size) \(entry.modified) \(entry.fingerprint?.description ?? "-") \(path)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads `text`; nil for anything `text` would not have written.
    public init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "" else { return nil }
        lines.removeLast()
        guard lines.count >= 2, lines[0] == Self.firstLine, lines[1].hasPrefix("settings ") else { return nil }
        settings = String(lines[1].dropFirst("settings ".count))
        entries = [:]
        entries.reserveCapacity(lines.count - 2)
        for line in lines.dropFirst(2) {
            let fields = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let content = ContentDigest(hex: fields[0]), let size = Int64(fields[1]), let modified = Int64(fields[2]),
                !fields[4].isEmpty, entries[String(fields[4])] == nil
            else { return nil }
            let fingerprint = ContentDigest(hex: fields[3])
            guard fingerprint != nil || fields[3] == "-" else { return nil }
            entries[String(fields[4])] = Entry(fingerprint: fingerprint, content: content, size: size, modified: modified)
        }
    }

    /// Writes the manifest atomically (a temporary file renamed over the old one). A path with
    /// a line break cannot be written down: then there is no manifest, and the next
    /// incremental build writes everything.
    public func write(to url: URL) throws(WriteError) {
        guard !entries.keys.contains(where: { $0.utf8.contains(10) || $0.utf8.contains(13) }) else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw WriteError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Whether the file at `path` in `folder` is still the one recorded (same size and
    /// modification time).
    public func isIntact(_ path: String, in folder: URL) -> Bool {
        guard let entry = entries[path], let status = Self.status(of: path, in: folder) else { return false }
        return status.size == entry.size && status.modified == entry.modified
    }

    /// The entry for bytes just written to `path` in `folder`; nil when the file cannot be read back.
    static func entry(for bytes: [UInt8], at path: String, in folder: URL, fingerprint: ContentDigest?) -> Entry? {
        guard let status = status(of: path, in: folder) else { return nil }
        return Entry(fingerprint: fingerprint, content: ContentDigest(of: bytes), size: status.size, modified: status.modified)
    }

    /// The status of the regular file at `path` in `folder` (a symbolic link is not followed);
    /// nil for anything else.
    private static func status(of path: String, in folder: URL) -> FileStatus? {
        FileStatus(folder.path + "/" + path, followingLinks: false).flatMap { $0.isRegularFile ? $0 : nil }
    }
}
