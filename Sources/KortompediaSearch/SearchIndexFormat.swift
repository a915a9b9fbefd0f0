/// The encodings of the search index files, shared by the writer and mirrored by `search.js`.
///
/// Layout under the index folder (`zoeken/index/`):
/// - `manifest.json`: format version, audience, the way back to the site root, the themes, the
///   page count, one fixed-width flag code per page (kind, members-only, themes: for filters)
///   and the list of shard keys. Small: a few bytes per page.
/// - `t/<key>.json`: a term shard. It holds every term that a word starting with `key` can
///   reach: `terms` (sorted), `postings` (one string per term, see ``Postings``) and `words`
///   (surface words starting with `key` whose term differs from the word, mapped to the index of
///   their term in `terms`), for prefix and typo matching.
/// - `p/<id>.json`: one page: title, URL, kind, access, themes, dates, summary and (where the
///   audience may read the body) its text by section, for excerpts, deep links and phrase checks.
///   Loaded only for the results on screen.
public enum SearchIndexFormat {
    /// Bumped whenever a reader of the previous version would misread the files.
    public static let version = 1

    /// The 64 characters of the compact number encoding (URL- and JSON-safe).
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Appends `value` (≥ 0) as a little-endian base-32 varint: each character carries five bits,
    /// and characters from the upper half of ``alphabet`` mean "more follows".
    static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        var v = value
        while v >= 32 {
            out.append(alphabet[32 + (v & 31)])
            v >>= 5
        }
        out.append(alphabet[v])
    }

    /// Appends `value` (0..<64^width) as `width` characters, most significant first.
    static func appendFixed(_ value: Int, width: Int, to out: inout [UInt8]) {
        for k in stride(from: width - 1, through: 0, by: -1) {
            out.append(alphabet[(value >> (6 * k)) & 63])
        }
    }

    /// The shard key of a folded word or term: its first `length` scalars, each kept when it is
    /// `a`–`z` or `0`–`9` and written `_` otherwise (shorter words give shorter keys).
    static func key(of text: String, length: Int) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == length { break }
            let v = scalar.value
            out.unicodeScalars.append((v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) ? scalar : "_")
            count += 1
        }
        return out
    }

    /// The shard of a word among `keys`: the longest key (up to ``maximumKeyLength``) that is a
    /// key of the word; the two-letter key when there is none.
    static func shard(of text: String, keys: Set<String>) -> String {
        for length in stride(from: maximumKeyLength, through: 1, by: -1) {
            let key = key(of: text, length: length)
            if key.unicodeScalars.count == length && keys.contains(key) { return key }
        }
        return key(of: text, length: 2)
    }

    /// Shards never get keys longer than this.
    static let maximumKeyLength = 4
    /// Shard keys start at this length.
    static let baseKeyLength = 2
}

/// A posting list as written in a shard: for each page (ascending id) the gap to the previous
/// id minus one as a varint (the first gap counts from -1), then one character for the impact
/// (1...63, see ``Impact``).
enum Postings {
    static func encode(pages: ArraySlice<Int32>, impacts: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(pages.count * 2 + 2)
        var previous = -1
        for (page, impact) in zip(pages, impacts) {
            let page = Int(page)
            SearchIndexFormat.appendVarint(page - previous - 1, to: &out)
            out.append(SearchIndexFormat.alphabet[Int(impact)])
            previous = page
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A tiny deterministic JSON writer: objects are written with their keys in the order given
/// (callers give them sorted), strings escaped minimally, no whitespace.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escaping are copied whole; the fragments' text is
            // most of an index's bytes, with a line break in every paragraph.
            var runStart = 0, index = 0
            while true {
                index = Self.firstToEscape(in: utf8, from: index)
                guard index < utf8.count else { break }
                let byte = utf8[index]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 15)])
                }
                index += 1
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The index of the first byte at or after `start` that a JSON string must escape (a
    /// control character, `"` or `\\`), or the count. Eight bytes at a time: a word has such a
    /// byte when one of its bytes is below 0x20 or equal to 0x22 or 0x5C, which is known from
    /// the word with the borrow trick of "Bit Twiddling Hacks" (`hasless`, `haszero`); only
    /// then are its bytes looked at one by one.
    static func firstToEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ limit: UInt64, _ word: UInt64) -> Bool { (word &- ones &* limit) & ~word & highs != 0 }
        var index = start
        if let base = utf8.baseAddress {
            while index + 8 <= utf8.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if hasByteBelow(0x20, word) || hasByteBelow(1, word ^ (ones &* 0x22)) || hasByteBelow(1, word ^ (ones &* 0x5C)) { break }
                index += 8
            }
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return index
    }

    mutating func int(_ value: Int) { raw(String(value)) }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    /// Writes `"key":` (after a comma unless `first`).
    mutating func key(_ key: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func stringArray(_ items: [String]) { array(items) { $0.string($1) } }
}
