/// A table of distinct words keyed by their UTF-8 bytes: ids in order of first insertion,
/// open addressing with FNV-1a hashes, all bytes in one arena. The index writer's word counter:
/// it never makes a `String` for a word it has seen before.
struct WordTable: Sendable {
    private var arena: [UInt8] = []
    private var ends: [Int32] = []
    private(set) var hashes: [UInt32] = []
    /// Open-addressing slots: the hash in the high half and id + 1 in the low half; 0 is empty.
    /// Keeping the hash beside the id saves a cache miss per probe.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
    }

    var count: Int { ends.count }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
        return h
    }

    /// The id of `bytes`, inserting them when new.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(of: bytes, hash: Self.hash(bytes))
    }

    /// The id of `bytes` whose hash is already known.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        var i = Int(hash) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if UInt32(truncatingIfNeeded: slot >> 32) == hash {
                let id = Int(UInt32(truncatingIfNeeded: slot)) - 1
                if equals(id, bytes) { return Int32(id) }
            }
            i = (i + 1) & mask
        }
        let id = Int32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(Int32(arena.count))
        hashes.append(hash)
        slots[i] = UInt64(hash) << 32 | UInt64(id + 1)
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : Int(ends[id - 1])
        let end = Int(ends[id])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { all in
            var k = 0
            while k < bytes.count {
                if all[start + k] != bytes[k] { return false }
                k += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (id, hash) in hashes.enumerated() {
            var i = Int(hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt64(hash) << 32 | UInt64(id + 1)
        }
    }

    /// Calls `body` with the bytes of word `id`.
    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = id == 0 ? 0 : Int(ends[id - 1])
        let end = Int(ends[id])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Word `id` as a string.
    func word(_ id: Int) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }
}
