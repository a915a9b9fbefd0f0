import Foundation
import KortompediaCore

/// Scans output files for anything of the members-only bodies, in one pass over the bytes of
/// each file, whatever its format (HTML, JSON, JavaScript, XML, text, binary):
///
/// - secret tokens: runs of ASCII letters and digits (case folded) that only members-only bodies
///   hold: the random part of every marker, the word `leakmarker`, and every made-up word of the
///   members-only sentences. Escaping (HTML, JSON, XML, URLs) and tokenising for search leave
///   such runs intact, so a leak in any encoding shows up;
/// - heading ids: runs of `[a-z0-9-]` equal to the id of a members-only heading;
/// - sentences: the first 40 characters of every members-only sentence, matched in the text
///   with everything but letters and digits folded to single spaces (so markup between the
///   words does not hide it).
///
/// Hashes keep the inner loop cheap; every hit is confirmed on the text before it is reported.
struct LeakScanner {
    static let window = 40

    private let tokens: Set<String>
    private let tokenHashes: Set<UInt64>
    private let ids: Set<String>
    private let idHashes: Set<UInt64>
    private let sentencePrefixes: [UInt64: [String]]

    /// What was found, by category: the matched texts.
    struct Findings {
        var tokens: Set<String> = []
        var ids: Set<String> = []
        var sentences: Set<String> = []
        /// Where each hit was seen (first few only), for the failure message.
        var examples: [String] = []

        var isEmpty: Bool { tokens.isEmpty && ids.isEmpty && sentences.isEmpty }

        mutating func merge(_ other: Findings) {
            tokens.formUnion(other.tokens)
            ids.formUnion(other.ids)
            sentences.formUnion(other.sentences)
            if examples.count < 20 { examples += other.examples.prefix(20 - examples.count) }
        }
    }

    init(tokens: Set<String>, headingIDs: Set<String>, sentences: [String]) {
        self.tokens = Set(tokens.map { $0.lowercased() })
        tokenHashes = Set(self.tokens.map { Self.fnv(Array($0.utf8)) })
        ids = headingIDs
        idHashes = Set(headingIDs.map { Self.fnv(Array($0.utf8)) })
        var prefixes: [UInt64: [String]] = [:]
        for sentence in sentences {
            let normalised = Self.normalise(sentence)
            precondition(normalised.utf8.count >= Self.window, "sentence too short to check: \(sentence)")
            let prefix = String(normalised.utf8.prefix(Self.window))!
            prefixes[Self.rolling(Array(prefix.utf8)), default: []].append(prefix)
        }
        sentencePrefixes = prefixes
    }

    /// The sentence prefixes the scanner looks for (normalised), to check the members build.
    var allSentencePrefixes: Set<String> { Set(sentencePrefixes.values.joined()) }

    static func fnv<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    static let base: UInt64 = 1_000_003
    static let basePower: UInt64 = {
        var power: UInt64 = 1
        for _ in 0..<(window - 1) { power = power &* base }
        return power
    }()

    static func rolling(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0) { $0 &* base &+ UInt64($1) }
    }

    /// Lowercase ASCII letters and digits; every other run of bytes becomes one space.
    static func normalise(_ text: String) -> String {
        var out: [UInt8] = []
        var lastWasSpace = true
        for byte in text.utf8 {
            if let folded = alnum(byte) {
                out.append(folded)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(UInt8(ascii: " "))
                lastWasSpace = true
            }
        }
        while out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func alnum(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x61...0x7A, 0x30...0x39: byte
        case 0x41...0x5A: byte | 0x20
        default: nil
        }
    }

    /// Letters and digits folded to lowercase; 0 for every other byte.
    private static let foldTable: [UInt8] = (0...255).map { alnum(UInt8($0)) ?? 0 }

    /// Scans one file's bytes. `name` only labels the examples. Written as one flat loop over
    /// raw pointers: it runs over tens of megabytes in debug builds.
    func scan(_ bytes: UnsafeRawBufferPointer, name: String) -> Findings {
        var findings = Findings()
        let count = bytes.count
        let window = Self.window
        let offset: UInt64 = 0xcbf2_9ce4_8422_2325, prime: UInt64 = 0x100_0000_01b3
        let base = Self.base, basePower = Self.basePower
        let dash = UInt8(ascii: "-"), space = UInt8(ascii: " ")

        var tokenHash = offset, tokenStart = -1
        var idHash = offset, idStart = -1
        // The last `window` normalised characters, and whether each began a word.
        let ring = UnsafeMutablePointer<UInt8>.allocate(capacity: window)
        let startsWord = UnsafeMutablePointer<Bool>.allocate(capacity: window)
        defer { ring.deallocate(); startsWord.deallocate() }
        var ringCount = 0, slot = 0
        var rollingHash: UInt64 = 0
        var lastWasSpace = true

        Self.foldTable.withUnsafeBufferPointer { fold in
            for index in 0...count {
                let byte: UInt8 = index < count ? bytes[index] : space
                let folded = fold[Int(byte)]

                // Tokens: letters and digits.
                if folded != 0 {
                    if tokenStart < 0 { tokenStart = index; tokenHash = offset }
                    tokenHash = (tokenHash ^ UInt64(folded)) &* prime
                } else if tokenStart >= 0 {
                    if tokenHashes.contains(tokenHash) {
                        let text = String(decoding: (tokenStart..<index).map { fold[Int(bytes[$0])] }, as: UTF8.self)
                        if tokens.contains(text), findings.tokens.insert(text).inserted, findings.examples.count < 5 {
                            findings.examples.append("\(name): token '\(text)'")
                        }
                    }
                    tokenStart = -1
                }

                // Heading ids: letters, digits and dashes.
                if folded != 0 || byte == dash {
                    if idStart < 0 { idStart = index; idHash = offset }
                    idHash = (idHash ^ UInt64(folded != 0 ? folded : dash)) &* prime
                } else if idStart >= 0 {
                    if idHashes.contains(idHash) {
                        let text = String(decoding: (idStart..<index).map { fold[Int(bytes[$0])] == 0 ? dash : fold[Int(bytes[$0])] }, as: UTF8.self)
                        if ids.contains(text), findings.ids.insert(text).inserted, findings.examples.count < 5 {
                            findings.examples.append("\(name): heading id '\(text)'")
                        }
                    }
                    idStart = -1
                }

                // Sentences: the normalised stream, one space for every run of other bytes.
                let value: UInt8
                let wordStart: Bool
                if folded != 0 {
                    value = folded
                    wordStart = lastWasSpace
                    lastWasSpace = false
                } else if !lastWasSpace {
                    value = space
                    wordStart = false
                    lastWasSpace = true
                } else {
                    continue
                }
                if ringCount >= window { rollingHash = rollingHash &- UInt64(ring[slot]) &* basePower }
                rollingHash = rollingHash &* base &+ UInt64(value)
                ring[slot] = value
                startsWord[slot] = wordStart
                ringCount += 1
                slot = slot + 1 == window ? 0 : slot + 1
                // `slot` now holds the oldest character: the first of the window.
                if ringCount >= window, startsWord[slot], let candidates = sentencePrefixes[rollingHash] {
                    let text = String(decoding: (0..<window).map { ring[(slot + $0) % window] }, as: UTF8.self)
                    if candidates.contains(text), findings.sentences.insert(text).inserted, findings.examples.count < 5 {
                        findings.examples.append("\(name): sentence '\(text)'")
                    }
                }
            }
        }
        return findings
    }

    /// Scans every regular file under `root` (any name, any extension) and every file's path;
    /// `include` can narrow the files by their path relative to `root`.
    func scanTree(_ root: URL, include: (String) -> Bool = { _ in true }) throws -> (findings: Findings, files: Int, bytes: Int) {
        var findings = Findings()
        var files = 0, total = 0
        // Relative paths straight from the enumerator. A symbolic link is read through (what it
        // points at is served too), a folder behind one is not walked.
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return (findings, 0, 0) }
        while let relative = enumerator.nextObject() as? String {
            let type = enumerator.fileAttributes?[.type] as? FileAttributeType
            guard type == .typeRegular || type == .typeSymbolicLink, include(relative) else { continue }
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else {
                if type == .typeRegular { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: relative]) }
                continue
            }
            files += 1
            total += data.count
            findings.merge(data.withUnsafeBytes { scan($0, name: relative) })
            var path = Array(relative.utf8)
            findings.merge(path.withUnsafeMutableBytes { scan(UnsafeRawBufferPointer($0), name: "path of \(relative)") })
        }
        return (findings, files, total)
    }
}
