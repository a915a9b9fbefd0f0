import Crypto

/// What identifies a piece of content across builds and processes: the first 128 bits of its
/// SHA-256 (swift-crypto). `build --incremental` keeps one per output file, of its bytes and of
/// everything its template saw, to tell what must be written again.
public struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The digest of `bytes`.
    public init(of bytes: some Sequence<UInt8>) {
        var hasher = ContentHasher()
        hasher.add(bytes: bytes)
        self = hasher.finalize()
    }

    /// 32 lowercase hexadecimal digits.
    public var description: String {
        let high = String(high, radix: 16), low = String(low, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }

    /// Reads what `description` wrote; nil for anything else.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else { return nil }
        self.init(high: high, low: low)
    }
}

/// Builds a `ContentDigest` from several pieces. Each piece is framed (a tag and a length
/// before its bytes), so that `["ab", "c"]` and `["a", "bc"]` differ.
public struct ContentHasher {
    private var sha = SHA256()

    public init() {}

    /// Adds raw bytes as they are (no framing).
    public mutating func add(bytes: some Sequence<UInt8>) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ sha.update(bufferPointer: UnsafeRawBufferPointer($0)) }) { return done }
        sha.update(data: Array(bytes))
    }

    /// Adds one framed piece: `tag`, the byte count, the bytes.
    public mutating func add(tag: UInt8, _ text: String) {
        var text = text
        add(tag: tag, count: text.utf8.count)
        text.withUTF8 { sha.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Adds a tag and a number (a count, an integer value).
    public mutating func add(tag: UInt8, count: Int) {
        update(tag, UInt64(bitPattern: Int64(count)))
    }

    /// Adds another digest, framed.
    public mutating func add(tag: UInt8, _ digest: ContentDigest) {
        update(tag, digest.high, digest.low)
    }

    /// A tag and one or two words, little-endian, with no padding between them.
    private mutating func update(_ tag: UInt8, _ first: UInt64, _ second: UInt64? = nil) {
        var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = second == nil ? 9 : 17
        withUnsafeMutableBytes(of: &bytes) { buffer in
            buffer[0] = tag
            for byte in 0..<8 {
                buffer[1 + byte] = UInt8(truncatingIfNeeded: first >> UInt64(8 * byte))
                buffer[9 + byte] = UInt8(truncatingIfNeeded: (second ?? 0) >> UInt64(8 * byte))
            }
            sha.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    public func finalize() -> ContentDigest {
        let bytes = Array(sha.finalize())
        func word(_ start: Int) -> UInt64 { bytes[start..<start + 8].reduce(0) { $0 << 8 | UInt64($1) } }
        return ContentDigest(high: word(0), low: word(8))
    }
}
