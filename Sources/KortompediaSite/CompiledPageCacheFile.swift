import Foundation
import KortompediaCore
import KortompediaMarkdown

/// Where `build --incremental` keeps its compiled pages between runs, so that a run after one
/// edit parses that page only: one file per page in a folder beside the output's audience
/// folders (`<output>/.kortompedia-parsed/`, never deployed, deleted at will). A page's file is
/// named by its cache key and source path, so that an edit writes one small file, not the
/// whole cache again.
///
/// A file is two text lines (a format line and the settings: the program that wrote it), then
/// the source path and the compiled page in binary: lengths and numbers as LEB128 varints,
/// strings as their length and UTF-8 bytes, and an end mark. A file that is missing, damaged,
/// of another format or of other settings is a miss: the page is parsed again.
struct CompiledPageFolder: Sendable {
    let url: URL
    /// The program that writes and reads the files: files of another one are not used.
    let settings: String

    static let formatLine = "kortompedia parsed page 1"
    static let endMark: UInt64 = 0x6b6f_7274_6f6d_7065  // "kortompe"

    /// The file name of the page at `path` compiled under `key`.
    static func name(key: UInt64, path: String) -> String {
        let digest = StableDigest.of(path.utf8, seed: key)
        let hex = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private var header: [UInt8] { Array("\(Self.formatLine)\nsettings \(settings)\n".utf8) }

    /// The entry of the page at `path` compiled under `key`, when its file is there and usable.
    func read(key: UInt64, path: String) -> CachedCompilation? {
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(Self.name(key: key, path: path)).path) else { return nil }
        return Self.decode(data, header: header, path: path)
    }

    /// Makes the folder, when it is not there yet.
    func create() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes the entry of the page at `path`, atomically (a temporary file renamed).
    func write(_ entry: CachedCompilation, path: String) throws {
        try Data(Self.encode(entry, path: path, header: header)).write(to: url.appendingPathComponent(Self.name(key: entry.key, path: path)), options: .atomic)
    }

    /// Removes every file but those of `kept` (file names): the pages of earlier builds that
    /// changed or went.
    func removeAll(except kept: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        for name in names where !kept.contains(name) {
            try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
    }

    static func encode(_ entry: CachedCompilation, path: String, header: [UInt8]) -> [UInt8] {
        var writer = CacheFileWriter()
        writer.bytes = header
        writer.string(path)
        writer.entry(entry)
        writer.fixed(endMark)
        return writer.bytes
    }

    /// The entry of `data`; nil when it is not what `encode` wrote with `header` for `path`.
    static func decode(_ data: Data, header: [UInt8], path: String) -> CachedCompilation? {
        data.withUnsafeBytes { raw -> CachedCompilation? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= header.count, bytes.prefix(header.count).elementsEqual(header) else { return nil }
            var reader = CacheFileReader(bytes: bytes, position: header.count)
            guard reader.string() == path, let entry = reader.entry(), reader.fixed() == endMark, reader.isAtEnd else { return nil }
            return entry
        }
    }
}

/// Appends the values of cache entries to `bytes`.
struct CacheFileWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }

    mutating func optional(_ value: String?) {
        if let value {
            bytes.append(1)
            string(value)
        } else {
            bytes.append(0)
        }
    }

    mutating func location(_ value: SourceLocation) {
        string(value.path)
        int(value.line)
        int(value.column)
    }

    /// The count of `values`, then each as `write` writes it.
    mutating func list<Value>(_ values: [Value], _ write: (inout CacheFileWriter, Value) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }

    mutating func entry(_ entry: CachedCompilation) {
        fixed(entry.key)
        string(entry.sitePath)
        list(entry.headings) { writer, heading in
            writer.int(heading.level)
            writer.string(heading.text)
            writer.string(heading.id)
            writer.location(heading.location)
        }
        list(entry.links) { writer, link in
            writer.target(link.target)
            writer.string(link.destination)
            writer.location(link.location)
            writer.string(link.kind.rawValue)
        }
        list(entry.sections) { writer, section in
            writer.optional(section.headingID)
            writer.optional(section.heading)
            writer.string(section.text)
        }
        string(entry.derivedSummary)
        int(entry.wordCount)
        string(entry.membersHTML)
        // Most public pages have the members' HTML: said so, not written twice.
        switch entry.publicHTML {
        case nil: bytes.append(0)
        case entry.membersHTML?: bytes.append(1)
        case let html?:
            bytes.append(2)
            string(html)
        }
        list(entry.attachments.sorted { $0.key < $1.key }) { writer, attachment in
            writer.string(attachment.key)
            writer.string(attachment.value)
        }
        list(entry.diagnostics) { writer, diagnostic in
            writer.string(diagnostic.severity.rawValue)
            writer.location(diagnostic.location)
            writer.string(diagnostic.message)
            writer.string(diagnostic.code)
        }
    }

    mutating func target(_ target: LinkTarget) {
        switch target {
        case .page(let index, let fragment):
            bytes.append(0)
            int(index)
            optional(fragment)
        case .ownHeading(let id):
            bytes.append(1)
            string(id)
        case .attachment(let path):
            bytes.append(2)
            string(path)
        case .external(let url):
            bytes.append(3)
            string(url)
        case .unchecked(let url):
            bytes.append(4)
            string(url)
        }
    }
}

/// Reads what `CacheFileWriter` wrote; every read is nil past the end or on a value the writer
/// cannot have written.
struct CacheFileReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func int() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = byte() {
            guard shift < 64 else { return nil }
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return Int(Int64(bitPattern: value)) }
            shift += 7
        }
        return nil
    }

    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= bytes.count - position else { return nil }
        return value
    }

    mutating func fixed() -> UInt64? {
        guard bytes.count - position >= 8 else { return nil }
        var value: UInt64 = 0
        for offset in (0..<8).reversed() { value = value << 8 | UInt64(bytes[position + offset]) }
        position += 8
        return value
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        defer { position += length }
        return String(validating: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
    }

    mutating func optional() -> String?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func location() -> SourceLocation? {
        guard let path = string(), let line = int(), let column = int() else { return nil }
        return SourceLocation(path: path, line: line, column: column)
    }

    /// A count, then that many values as `read` reads them.
    mutating func list<Value>(_ read: (inout CacheFileReader) -> Value?) -> [Value]? {
        guard let count = count() else { return nil }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = read(&self) else { return nil }
            values.append(value)
        }
        return values
    }

    mutating func entry() -> CachedCompilation? {
        guard let key = fixed(), let sitePath = string(),
            let headings = list({ reader -> Heading? in
                guard let level = reader.int(), let text = reader.string(), let id = reader.string(), let location = reader.location() else { return nil }
                return Heading(level: level, text: text, id: id, location: location)
            }),
            let links = list({ reader -> ResolvedLink? in
                guard let target = reader.target(), let destination = reader.string(), let location = reader.location(),
                    let kind = reader.string().flatMap(LinkOccurrence.Kind.init(rawValue:))
                else { return nil }
                return ResolvedLink(target: target, destination: destination, location: location, kind: kind)
            }),
            let sections = list({ reader -> TextSection? in
                guard let headingID = reader.optional(), let heading = reader.optional(), let text = reader.string() else { return nil }
                return TextSection(headingID: headingID, heading: heading, text: text)
            }),
            let derivedSummary = string(), let wordCount = int(), let membersHTML = string()
        else { return nil }
        let publicHTML: String?
        switch byte() {
        case 0: publicHTML = nil
        case 1: publicHTML = membersHTML
        case 2:
            guard let html = string() else { return nil }
            publicHTML = html
        default: return nil
        }
        guard
            let attachments = list({ reader -> (String, String)? in
                guard let source = reader.string(), let output = reader.string() else { return nil }
                return (source, output)
            }),
            let diagnostics = list({ reader -> Diagnostic? in
                guard let severity = reader.string().flatMap(Diagnostic.Severity.init(rawValue:)), let location = reader.location(),
                    let message = reader.string(), let code = reader.string()
                else { return nil }
                return Diagnostic(severity, location, message, code: code)
            })
        else { return nil }
        return CachedCompilation(
            key: key, sitePath: sitePath, headings: headings, links: links, sections: sections, derivedSummary: derivedSummary,
            wordCount: wordCount, membersHTML: membersHTML, publicHTML: publicHTML,
            attachments: Dictionary(attachments, uniquingKeysWith: { first, _ in first }), diagnostics: diagnostics)
    }

    mutating func target() -> LinkTarget? {
        switch byte() {
        case 0:
            guard let index = int(), index >= 0, let fragment = optional() else { return nil }
            return .page(index, fragment: fragment)
        case 1: return string().map(LinkTarget.ownHeading)
        case 2: return string().map(LinkTarget.attachment)
        case 3: return string().map(LinkTarget.external)
        case 4: return string().map(LinkTarget.unchecked)
        default: return nil
        }
    }
}
