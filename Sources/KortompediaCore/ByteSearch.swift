#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finding a run of bytes in bytes: `memchr` to the next place its first byte stands, `memcmp`
/// for the rest. What the dev server's replies, the theme scan and the cards search for.
public enum ByteSearch {
    /// Where `needle` (not empty) starts in `bytes` at or after `start`, or nil.
    public static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, let base = bytes.baseAddress, let needleBase = needle.baseAddress, start >= 0 else { return nil }
        let last = bytes.count - needle.count
        var index = start
        while index <= last {
            guard let found = memchr(base + index, Int32(first), last - index + 1) else { return nil }
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + index, needleBase, needle.count) == 0 { return index }
            index += 1
        }
        return nil
    }

    /// `firstIndex(of:in:from:)` for arrays.
    public static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        needle.withUnsafeBufferPointer { needle in bytes.withUnsafeBufferPointer { firstIndex(of: needle, in: $0, from: start) } }
    }
}
