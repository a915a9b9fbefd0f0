/// Splits Dutch compounds into words the site itself uses, so that `communicatie` finds
/// `crisiscommunicatie` and `communicatieplan`. Runs at index time only: a compound gets
/// postings for its parts' terms as well as its own (at a lower weight).
///
/// A folded word of at least ``minimumCompoundLength`` letters is split as `head + tail` or
/// `head + link + tail`, where `link` is one of the Dutch linking sounds `s`, `e`, `en`, `head`
/// is a word of the vocabulary and `tail` a word of the vocabulary or itself such a compound,
/// each at least ``minimumPartLength`` letters (the tail not one of a few suffix-like words such
/// as `lijk`, `heid`, `baar`). The longest head
/// wins; heads and tails that are themselves compounds are split again. The result lists every
/// part found, outermost first, without repeats. The same vocabulary always gives the same parts.
public struct CompoundSplitter: Sendable {
    /// Parts are at least this many letters long.
    public static let minimumPartLength = 4
    /// Words shorter than this are not split.
    public static let minimumCompoundLength = 8
    /// Linking sounds allowed between head and tail, tried in this order after none.
    static let links: [String] = ["s", "e", "en"]
    /// Tails that are derivational suffixes rather than words (`gemeente|lijk`).
    static let suffixTails: Set<String> = [
        "lijk", "lijke", "lijker", "lijkheid", "heid", "heden", "schap", "schappen", "achtig", "achtige",
        "baar", "bare", "zaam", "zame", "loos", "loze", "ling", "lingen", "isch", "ische",
    ]

    /// The folded words (stop words excluded) a part may be.
    public let vocabulary: Set<String>

    /// Creates a splitter over the site's folded words; words shorter than
    /// ``minimumPartLength`` are ignored.
    public init(vocabulary: Set<String>) {
        self.vocabulary = vocabulary.filter { $0.unicodeScalars.count >= Self.minimumPartLength }
    }

    /// The parts of `word` (folded), outermost first; empty when it is not a compound.
    public func parts(of word: String) -> [String] {
        var found: [String] = []
        collect(Array(word.utf8), depth: 0, into: &found)
        return found
    }

    private func collect(_ bytes: [UInt8], depth: Int, into found: inout [String]) {
        guard depth < 3, let (head, tail) = split(bytes[...]) else { return }
        let parts = [String(decoding: head, as: UTF8.self), String(decoding: tail, as: UTF8.self)]
        for part in parts where !found.contains(part) {
            found.append(part)
        }
        collect(Array(head), depth: depth + 1, into: &found)
        collect(Array(tail), depth: depth + 1, into: &found)
    }

    /// The number of scalars in UTF-8 bytes.
    private static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
        vocabulary.contains(String(decoding: bytes, as: UTF8.self))
    }

    /// The split with the longest head, or nil.
    private func split(_ s: ArraySlice<UInt8>, depth: Int = 0) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        let minimum = Self.minimumPartLength
        guard Self.scalarCount(s) >= Self.minimumCompoundLength else { return nil }
        var headEnd = s.endIndex - minimum
        while headEnd - s.startIndex >= minimum {
            // Only at scalar boundaries, with a long enough head.
            if s[headEnd] & 0xC0 != 0x80, Self.scalarCount(s[s.startIndex..<headEnd]) >= minimum,
                contains(s[s.startIndex..<headEnd])
            {
                let head = s[s.startIndex..<headEnd]
                let rest = s[headEnd...]
                if acceptTail(rest, depth: depth) { return (head, rest) }
                for link in Self.links {
                    let linkBytes = Array(link.utf8)
                    if rest.starts(with: linkBytes) {
                        let tail = rest.dropFirst(linkBytes.count)
                        if acceptTail(tail, depth: depth) { return (head, tail) }
                    }
                }
            }
            headEnd -= 1
        }
        return nil
    }

    /// A tail is a word of the vocabulary (not a suffix), or itself a compound of such words.
    private func acceptTail(_ rest: ArraySlice<UInt8>, depth: Int) -> Bool {
        guard Self.scalarCount(rest) >= Self.minimumPartLength else { return false }
        let tail = String(decoding: rest, as: UTF8.self)
        if Self.suffixTails.contains(tail) { return false }
        if vocabulary.contains(tail) { return true }
        return depth < 2 && split(rest, depth: depth + 1) != nil
    }
}
