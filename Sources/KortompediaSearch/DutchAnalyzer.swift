import KortompediaCore

/// The Dutch text analysis shared by the index writer (Swift) and the search page (`search.js`,
/// which mirrors this file step for step; `Tests/Fixtures/search/analyzer-sentences.txt` holds
/// the sentences both are checked against).
///
/// The pipeline, per word:
/// 1. **Split.** A word is a maximal run of word characters (letters and digits of any script
///    except symbols and punctuation; see ``isWordCharacter(_:)``). An apostrophe (`'`, `’`) or a
///    hyphen (`-`, `‐`, `‑`) between two word characters stays inside the word. A combining
///    mark right after a letter is composed with it (`o` + `◌̈` → `ö`) or dropped.
/// 2. **Lowercase**, scalar by scalar (Unicode full lowercase mapping), keeping diacritics.
///    Apostrophes become `'`; hyphens become `-`.
/// 3. **Hyphenated words** (`e-mail`, `social-profit`) yield each part and then the parts
///    joined without hyphens (`e`, `mail`, `email`); the joined form is flagged ``Token/isJoined``.
/// 4. **Surface form**: `TextFolding.fold` of the lowercase word (`coöperatie` → `cooperatie`).
///    Stop words are tested on this form.
/// 5. **Term**: `TextFolding.fold(DutchStemmer().stem(lowercase word))`: stem first (the
///    stemmer needs the diacritics), then fold. No term for stop words, for one-character
///    words other than digits, and for words longer than ``maximumTermLength`` scalars.
///
/// Compound splitting is not part of this per-word analysis: it needs the site's vocabulary and
/// happens in the index writer only (see ``CompoundSplitter``).
public struct DutchAnalyzer: Sendable {
    /// One word of a text after analysis.
    public struct Token: Sendable, Hashable {
        /// The folded surface form (`Coöperaties` → `cooperaties`).
        public var word: String
        /// The folded stem used as index term; nil for stop words and words too short or too long.
        public var term: String?
        /// True for the joined form of a hyphenated word (`email` from `e-mail`), which follows its parts.
        public var isJoined: Bool

        /// Creates a token.
        public init(word: String, term: String?, isJoined: Bool = false) {
            self.word = word
            self.term = term
            self.isJoined = isJoined
        }
    }

    /// The analysis of one lowercase word, independent of where it stands.
    public struct WordAnalysis: Sendable, Hashable {
        /// The folded surface form.
        public var word: String
        /// The folded stem, or nil when the word is not indexed.
        public var term: String?
        /// Whether the word is a stop word.
        public var isStopWord: Bool
    }

    /// Words longer than this (in Unicode scalars) get no term: URLs, hashes and other noise.
    public static let maximumTermLength = 40

    /// A short standard Dutch stop-word list (the Snowball Dutch list), already folded.
    public static let stopWords: Set<String> = [
        "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der",
        "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen",
        "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun",
        "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me", "meer",
        "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of", "om",
        "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen", "tot",
        "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen", "wie",
        "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
    ]

    private let stemmer = DutchStemmer()

    /// Creates an analyzer. It holds no state and can be shared freely.
    public init() {}

    /// All tokens of `text`, in order.
    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        forEachWord(in: text) { lowercase, isJoined in
            let analysis = analyze(lowercase)
            tokens.append(Token(word: analysis.word, term: analysis.term, isJoined: isJoined))
        }
        return tokens
    }

    /// The index terms of `text`, in order (stop words and noise left out).
    public func terms(in text: String) -> [String] {
        tokens(in: text).compactMap(\.term)
    }

    /// The folded surface words of `text` in reading order, stop words included and joined
    /// forms of hyphenated words left out: what phrase queries are matched against.
    public func words(in text: String) -> [String] {
        tokens(in: text).filter { !$0.isJoined }.map(\.word)
    }

    /// Analyzes one lowercase word as ``forEachWord(in:_:)`` yields it.
    public func analyze(_ lowercase: String) -> WordAnalysis {
        let word = TextFolding.fold(lowercase)
        if Self.stopWords.contains(word) { return WordAnalysis(word: word, term: nil, isStopWord: true) }
        var count = 0
        var allDigits = true
        for scalar in word.unicodeScalars {
            count += 1
            if !(scalar.value >= 0x30 && scalar.value <= 0x39) { allDigits = false }
        }
        if (count < 2 && !allDigits) || count > Self.maximumTermLength {
            return WordAnalysis(word: word, term: nil, isStopWord: false)
        }
        return WordAnalysis(word: word, term: TextFolding.fold(stemmer.stem(lowercase)), isStopWord: false)
    }

    /// Calls `body` with every word of `text` in lowercase (diacritics kept, apostrophes and
    /// hyphens normalised), hyphenated words as their parts followed by the joined form
    /// (`isJoined` true). This is steps 1–3 of the pipeline, on UTF-8 bytes.
    public func forEachWord(in text: String, _ body: (_ lowercase: String, _ isJoined: Bool) -> Void) {
        forEachWord(in: text, takingPlainWordsWhole: true, body)
    }

    /// `forEachWord`, with the plain-word shortcut of the scanner on or off (tests compare both).
    func forEachWord(in text: String, takingPlainWordsWhole: Bool, _ body: (_ lowercase: String, _ isJoined: Bool) -> Void) {
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            scanWords(in: text, into: &sink, takingPlainWordsWhole: takingPlainWordsWhole)
        }
    }

    /// ``forEachWord(in:_:)`` without making strings or calling closures: `sink` gets each word's
    /// lowercase UTF-8 bytes, valid only during the call. The index writer's hot loop.
    func scanWords<Sink: WordSink>(in text: String, into sink: inout Sink, takingPlainWordsWhole: Bool = true) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = WordScanner(bytes: bytes, takingPlainWordsWhole: takingPlainWordsWhole)
            scanner.run(&sink)
        }
    }

    /// Whether a Unicode scalar value counts as part of a word: ASCII letters and digits, Latin
    /// letters from U+00C0 on (not `×` `÷`), combining marks, the letters of the other alphabetic
    /// scripts below U+2000, and from U+3040 on everything but surrogates, private use,
    /// presentation forms, half- and full-width forms, emoji and tags. Punctuation and symbols
    /// (U+2000–U+303F) separate words.
    @inline(__always)
    public static func isWordCharacter(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v < 0xC0 { return false }
        if v == 0xD7 || v == 0xF7 { return false }
        if v < 0x2000 { return true }
        if v < 0x3040 { return false }
        if v >= 0xD800 && v <= 0xF8FF { return false }
        if v >= 0xFE00 && v <= 0xFFFF { return false }
        if v >= 0x1F000 && v <= 0x1FAFF { return false }
        if v >= 0xE0000 { return false }
        return true
    }

    /// A combining mark (U+0300–U+036F).
    @inline(__always)
    static func isCombiningMark(_ v: UInt32) -> Bool { v >= 0x300 && v <= 0x36F }

    /// `'` and `’` (U+2019).
    @inline(__always)
    static func isApostrophe(_ v: UInt32) -> Bool { v == 0x27 || v == 0x2019 }

    /// `-`, `‐` (U+2010) and `‑` (U+2011).
    @inline(__always)
    static func isHyphen(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2010 || v == 0x2011 }

    /// The precomposed lowercase letter for a lowercase base letter and a combining mark, for the
    /// marks Dutch and French use (grave, acute, circumflex, tilde, diaeresis, cedilla).
    static func compose(_ base: UInt32, _ mark: UInt32) -> UInt32? {
        switch (base, mark) {
        case (0x61, 0x300): 0xE0
        case (0x61, 0x301): 0xE1
        case (0x61, 0x302): 0xE2
        case (0x61, 0x308): 0xE4
        case (0x65, 0x300): 0xE8
        case (0x65, 0x301): 0xE9
        case (0x65, 0x302): 0xEA
        case (0x65, 0x308): 0xEB
        case (0x69, 0x300): 0xEC
        case (0x69, 0x301): 0xED
        case (0x69, 0x302): 0xEE
        case (0x69, 0x308): 0xEF
        case (0x6F, 0x300): 0xF2
        case (0x6F, 0x301): 0xF3
        case (0x6F, 0x302): 0xF4
        case (0x6F, 0x308): 0xF6
        case (0x75, 0x300): 0xF9
        case (0x75, 0x301): 0xFA
        case (0x75, 0x302): 0xFB
        case (0x75, 0x308): 0xFC
        case (0x6E, 0x303): 0xF1
        case (0x63, 0x327): 0xE7
        default: nil
        }
    }
}

/// Receives the words that ``DutchAnalyzer`` finds, as lowercase UTF-8 bytes.
protocol WordSink {
    /// One word; `isJoined` for the joined form of a hyphenated word (after its parts).
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, isJoined: Bool)
}

/// A sink that makes a string of every word for a closure.
private struct ClosureSink: WordSink {
    let body: (String, Bool) -> Void
    func word(_ bytes: UnsafeBufferPointer<UInt8>, isJoined: Bool) {
        body(String(decoding: bytes, as: UTF8.self), isJoined)
    }
}

/// Steps 1–3 of the analysis on UTF-8 bytes: finds words, composes, lowercases and normalises.
private struct WordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// The current word, lowercase UTF-8.
    var buffer: [UInt8] = []
    /// Where the last scalar of `buffer` starts, and its value (for composing combining marks).
    var lastStart = 0
    var lastValue: UInt32 = 0
    var hasHyphen = false
    /// Whether `plainWord` may hand words over as they stand in the text.
    let takingPlainWordsWhole: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, takingPlainWordsWhole: Bool) {
        self.bytes = bytes
        self.takingPlainWordsWhole = takingPlainWordsWhole
        buffer.reserveCapacity(64)
    }

    /// Decodes the scalar at `i`: its value and byte length (invalid bytes decode as U+FFFD).
    @inline(__always)
    func decode(at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = bytes.count
        if b0 & 0xE0 == 0xC0, i + 1 < n {
            return (((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            return (((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            return (
                ((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12) | ((UInt32(bytes[i + 2]) & 0x3F) << 6)
                    | (UInt32(bytes[i + 3]) & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    mutating func appendScalar(_ v: UInt32) {
        lastStart = buffer.count
        lastValue = v
        if v < 0x80 {
            buffer.append(UInt8(v))
        } else if let scalar = Unicode.Scalar(v) {
            UTF8.encode(scalar) { buffer.append($0) }
        }
    }

    /// Appends the lowercase form of a word character (not a combining mark).
    @inline(__always)
    mutating func appendLowercase(_ v: UInt32) {
        if v < 0x80 {
            appendScalar(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
        } else if v >= 0xC0 && v <= 0xDE && v != 0xD7 {
            appendScalar(v + 0x20)  // Latin-1 capitals
        } else if v >= 0xDF && v <= 0xFF {
            appendScalar(v)  // Latin-1 lowercase letters
        } else if let scalar = Unicode.Scalar(v) {
            for lower in scalar.properties.lowercaseMapping.unicodeScalars { appendScalar(lower.value) }
        }
    }

    mutating func run<Sink: WordSink>(_ sink: inout Sink) {
        let n = bytes.count
        while index < n {
            if takingPlainWordsWhole, buffer.isEmpty, let word = plainWord() {
                sink.word(word, isJoined: false)
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                // ASCII fast path: letters, digits, connectors, separators.
                let v = UInt32(byte)
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    index += 1
                    lastStart = buffer.count
                    lastValue = v
                    buffer.append(byte)
                    continue
                }
                if byte >= 0x41 && byte <= 0x5A {
                    index += 1
                    lastStart = buffer.count
                    lastValue = v + 0x20
                    buffer.append(byte + 0x20)
                    continue
                }
            }
            let (v, length) = decode(at: index)
            index += length
            if DutchAnalyzer.isCombiningMark(v) {
                // Composes with the letter before it, or is dropped; outside a word it separates.
                if buffer.isEmpty { continue }
                if let composed = DutchAnalyzer.compose(lastValue, v) {
                    buffer.removeSubrange(lastStart...)
                    appendScalar(composed)
                }
            } else if DutchAnalyzer.isWordCharacter(v) {
                appendLowercase(v)
            } else if !buffer.isEmpty && index < n
                && (DutchAnalyzer.isApostrophe(v) || DutchAnalyzer.isHyphen(v))
                && DutchAnalyzer.isWordCharacter(decode(at: index).0)
            {
                let connector: UInt32 = DutchAnalyzer.isApostrophe(v) ? 0x27 : 0x2D
                if connector == 0x2D { hasHyphen = true }
                appendScalar(connector)
            } else if !buffer.isEmpty {
                flush(&sink)
            }
        }
        flush(&sink)
    }

    /// Most words are lowercase ASCII letters and digits up to a space or punctuation: such a
    /// word at `index` is returned as it stands in the text, with `index` moved past it,
    /// without a copy into `buffer`. Anything else (a capital, a letter outside ASCII, a mark,
    /// an apostrophe or hyphen that may join a next part) is left to the scalar-by-scalar path:
    /// the letters read so far go into `buffer` as that path would have put them there.
    @inline(__always)
    mutating func plainWord() -> UnsafeBufferPointer<UInt8>? {
        let start = index
        let n = bytes.count
        var end = start
        while end < n {
            let byte = bytes[end]
            guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else { break }
            end += 1
        }
        guard end > start else { return nil }
        index = end
        if end < n {
            let next = bytes[end]
            let endsTheWord = next < 0x80 && !(next >= 0x41 && next <= 0x5A) && next != 0x27 && next != 0x2D
            if !endsTheWord {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                lastStart = buffer.count - 1
                lastValue = UInt32(bytes[end - 1])
                return nil
            }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    mutating func flush<Sink: WordSink>(_ sink: inout Sink) {
        guard !buffer.isEmpty else { return }
        if hasHyphen {
            var joined: [UInt8] = []
            joined.reserveCapacity(buffer.count)
            var partCount = 0
            var start = 0
            let count = buffer.count
            buffer.withUnsafeBufferPointer { all in
                for i in 0...count where i == count || all[i] == 0x2D {
                    let part = UnsafeBufferPointer(rebasing: all[start..<i])
                    if !part.isEmpty {
                        partCount += 1
                        joined.append(contentsOf: part)
                        sink.word(part, isJoined: false)
                    }
                    start = i + 1
                }
            }
            if partCount > 1 { joined.withUnsafeBufferPointer { sink.word($0, isJoined: true) } }
        } else {
            buffer.withUnsafeBufferPointer { sink.word($0, isJoined: false) }
        }
        buffer.removeAll(keepingCapacity: true)
        hasHyphen = false
        lastValue = 0
    }
}
