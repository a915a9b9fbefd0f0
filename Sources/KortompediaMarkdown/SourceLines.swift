#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a Markdown body as UTF-8 bytes, for the tree edits that go back to the source
/// of a node by its line (pipe tables, wiki links). The line feeds are found once, with
/// `memchr`: splitting the text as a collection was a tenth of the parse stage.
struct SourceLines {
    private let bytes: [UInt8]
    /// Where each line starts; line `i` ends one byte before line `i + 1` starts.
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.starts = starts
    }

    /// The number of lines: one more than the number of line feeds.
    var count: Int { starts.count }

    /// The bytes of line `index` (0-based), without its line feed.
    subscript(index: Int) -> [UInt8] { Array(bytes[range(of: index)]) }

    /// Whether line `index` (0-based) holds `byte`.
    func line(_ index: Int, contains byte: UInt8) -> Bool { bytes[range(of: index)].contains(byte) }

    /// Whether `pattern` stands at byte `offset` (0-based) of line `index` (0-based); false for
    /// a line or offset out of range.
    func line(_ index: Int, holds pattern: [UInt8], at offset: Int) -> Bool {
        guard index >= 0, index < count, offset >= 0 else { return false }
        let line = range(of: index)
        let start = line.lowerBound + offset
        return start + pattern.count <= line.upperBound && bytes[start..<(start + pattern.count)].elementsEqual(pattern)
    }

    /// The first byte offset (0-based) at or after `offset` where `pattern` stands on line
    /// `index` (0-based), or nil.
    func firstOffset(of pattern: [UInt8], inLine index: Int, from offset: Int) -> Int? {
        guard index >= 0, index < count, offset >= 0 else { return nil }
        let length = range(of: index).count
        var candidate = offset
        while candidate + pattern.count <= length {
            if line(index, holds: pattern, at: candidate) { return candidate }
            candidate += 1
        }
        return nil
    }

    private func range(of index: Int) -> Range<Int> {
        starts[index]..<(index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count)
    }
}
