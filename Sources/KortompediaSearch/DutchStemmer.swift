// Dutch stemmer for Kortompedia search.
//
// An independent Swift implementation of the Snowball Dutch stemming algorithm
// as shipped by Snowball 3.x (`algorithms/dutch.sbl`), which is based on the
// algorithm by Wessel Kraaij and Renée Pohlmann. It is NOT the older
// Porter-style Snowball Dutch stemmer (now called `dutch_porter`).
//
// The JavaScript port in `Resources/stemmer-nl.js` follows this file step for
// step; both are checked against the Snowball reference vocabulary in
// `Tests/Fixtures/snowball-dutch`.
//
// Terminology used below (borrowed from Snowball):
// - Positions are gaps between characters: position `c` sits between
//   `s[c - 1]` and `s[c]`. Suffix steps look at the characters *before* a
//   position, the prefix steps at the characters *after* it.
// - `p1` / `p2` are the starts of regions R1 / R2: after the first (second)
//   "consonant(s), vowel(s), consonant" group, where "ij" counts as a vowel.
//   A suffix is "in R1" when it starts at or after `p1`.

/// A stemmer for Dutch words that reproduces the Snowball Dutch stemmer.
///
/// The algorithm is the current default Snowball Dutch stemmer (Snowball 3.x,
/// `algorithms/dutch.sbl`), based on the stemmer by Wessel Kraaij and Renée
/// Pohlmann; it is not the older Porter-based Snowball Dutch stemmer
/// (`dutch_porter`). It removes inflectional and common derivational suffixes
/// (plurals, diminutives, `-heid`, `-ing`, `-lijk`, `-ig`, ...), the `ge-`
/// prefix and a `ge` infix of past participles, and normalises the remaining
/// stem (vowel lengthening, undoubling, final `v`→`f` and `z`→`s`).
/// For example `opleidingen` → `opleid`, `maken` → `maak`,
/// `huizen` → `huis`, `gemeentelijke` → `meentelijk`.
///
/// Input must already be lowercase; the caller folds case. Do **not** strip
/// diacritics first: like Snowball, the stemmer treats accented vowels
/// (`ä á à â`, `ë é è ê`, `ï í ì î`, `ö ó ò ô`, `ü ú ù û`) as vowels and
/// handles `ë`/`ï` itself (for example `geënt` → `ent`, `geïnd` → `inn`).
/// Characters are compared as Unicode scalars, so input should be in NFC
/// (precomposed) form, as Snowball expects.
///
/// Differences from Snowball: none known. The output agrees with the Snowball
/// reference vocabulary (45,670 words) on every word. Snowball counts
/// characters as Unicode code points; so does this implementation.
public struct DutchStemmer: Sendable {
    /// Creates a stemmer. The stemmer holds no state and can be shared freely.
    public init() {}

    /// Returns the stem of `word`, which must be a single lowercase word
    /// (NFC, diacritics kept). Words the algorithm does not change, including
    /// the empty string, are returned as they are.
    public func stem(_ word: String) -> String {
        var w = DutchWord(word)
        guard w.stem() else { return word }
        return w.string
    }
}

// MARK: - Character classes

/// Bit flags for the letter groups the algorithm uses.
private enum Letter {
    static let a: UInt8 = 1, e: UInt8 = 2, i: UInt8 = 4, o: UInt8 = 8, u: UInt8 = 16
    static let y: UInt8 = 32, wx: UInt8 = 64
    static let aeiou: UInt8 = a | e | i | o | u
    static let aiou: UInt8 = a | i | o | u
    static let aou: UInt8 = a | o | u
    /// Snowball `v`: the vowels plus `y`.
    static let vowel: UInt8 = aeiou | y

    @inline(__always)
    static func flags(_ c: Unicode.Scalar) -> UInt8 {
        switch c.value {
        case 0x61, 0xE4, 0xE1, 0xE0, 0xE2: return a  // a ä á à â
        case 0x65, 0xEB, 0xE9, 0xE8, 0xEA: return e  // e ë é è ê
        case 0x69, 0xEF, 0xED, 0xEC, 0xEE: return i  // i ï í ì î
        case 0x6F, 0xF6, 0xF3, 0xF2, 0xF4: return o  // o ö ó ò ô
        case 0x75, 0xFC, 0xFA, 0xF9, 0xFB: return u  // u ü ú ù û
        case 0x79: return y
        case 0x77, 0x78: return wx
        default: return 0
        }
    }
}

// MARK: - Working buffer

/// The word being stemmed, as Unicode scalars, plus the region starts.
private struct DutchWord {
    var s: [Unicode.Scalar]
    var p1 = 0
    var p2 = 0

    init(_ word: String) {
        s = []
        s.reserveCapacity(word.utf8.count + 4)
        for c in word.unicodeScalars { s.append(c) }
    }

    /// The current word as a String (encoded straight to UTF-8).
    var string: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.count * 2)
        for c in s { UTF8.encode(c) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Tests on single characters

    /// True if position `i` holds a character with one of `flags`.
    @inline(__always)
    func isIn(_ i: Int, _ flags: UInt8) -> Bool {
        i >= 0 && i < s.count && Letter.flags(s[i]) & flags != 0
    }

    /// True if position `i` holds a character that is not in `flags`
    /// (false when there is no character there).
    @inline(__always)
    func isNotIn(_ i: Int, _ flags: UInt8) -> Bool {
        i >= 0 && i < s.count && Letter.flags(s[i]) & flags == 0
    }

    // MARK: Literal matching

    /// True if the ASCII string `lit` ends at position `c`.
    @inline(__always)
    func ends(_ lit: StaticString, at c: Int) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard c - n >= 0, c <= s.count else { return false }
        let p = lit.utf8Start
        for k in 0..<n where s[c - n + k].value != UInt32(p[k]) { return false }
        return true
    }

    /// True if the ASCII string `lit` ends the word.
    @inline(__always)
    func ends(_ lit: StaticString) -> Bool { ends(lit, at: s.count) }

    /// True if the ASCII string `lit` starts at position `c`.
    @inline(__always)
    func starts(_ lit: StaticString, at c: Int) -> Bool {
        ends(lit, at: c + lit.utf8CodeUnitCount)
    }

    // MARK: Conditions used by the suffix steps (all look before position c)

    /// Snowball `R1`: position `c` lies in region R1.
    @inline(__always) func r1(_ c: Int) -> Bool { p1 <= c }
    /// Snowball `R2`: position `c` lies in region R2.
    @inline(__always) func r2(_ c: Int) -> Bool { p2 <= c }

    /// Snowball `V`: a vowel, or `ij`, precedes `c`.
    func vowelBefore(_ c: Int) -> Bool {
        isIn(c - 1, Letter.vowel) || ends("ij", at: c)
    }

    /// Snowball `VX`: skipping one character before `c`, a vowel or `ij` precedes.
    func vowelBeforeNext(_ c: Int) -> Bool {
        c >= 1 && vowelBefore(c - 1)
    }

    /// Snowball `C`: a consonant (a non-vowel that is not the `j` of `ij`) precedes `c`.
    func consonantBefore(_ c: Int) -> Bool {
        !ends("ij", at: c) && isNotIn(c - 1, Letter.vowel)
    }

    // MARK: Editing

    mutating func replace(_ from: Int, _ to: Int, with scalars: [Unicode.Scalar]) {
        s.replaceSubrange(from..<to, with: scalars)
    }

    /// Removes the suffix starting at `from`.
    mutating func cut(_ from: Int) {
        s.removeSubrange(from..<s.count)
    }

    /// Replaces the suffix starting at `from` with the ASCII string `lit`.
    mutating func cut(_ from: Int, adding lit: StaticString) {
        s.removeSubrange(from..<s.count)
        let p = lit.utf8Start
        for k in 0..<lit.utf8CodeUnitCount { s.append(Unicode.Scalar(p[k])) }
    }

    // MARK: - Vowel lengthening

    /// Snowball `lengthen_V`, applied at the end of the word: in a stem ending
    /// in vowel + consonant (not `w`/`x`), a single `a`/`o`/`u` or `e` is
    /// doubled (`mak` → `maak`), with extra conditions for `e`; `eë` becomes
    /// `eëe` and `ië` becomes `iee`.
    mutating func lengthenVowel() {
        let end = s.count
        // The last character must be a consonant other than w and x.
        guard isNotIn(end - 1, Letter.vowel | Letter.wx) else { return }
        let ket = end - 1
        // Longest match first: the two-character entries.
        if ket >= 2 && s[ket - 1] == "ë" {
            if s[ket - 2] == "e" {
                replace(ket - 2, ket, with: ["e", "ë", "e"])
            } else if s[ket - 2] == "i" {
                replace(ket - 2, ket, with: ["i", "e", "e"])
            }
            return
        }
        let bra = ket - 1
        guard bra >= 0 else { return }
        let vowel = s[bra]
        let f = Letter.flags(vowel)
        if f & Letter.aou != 0 {
            // Only a single vowel: preceded by a non-vowel or the word start.
            if bra == 0 || isNotIn(bra - 1, Letter.aeiou) {
                s.insert(vowel, at: bra)
            }
        } else if vowel == "e" || vowel == "é" || vowel == "è" || vowel == "ê" {
            // Preceded by a non-vowel (then look from before it) or the word start.
            let q: Int
            if isNotIn(bra - 1, Letter.aeiou) {
                q = bra - 1
            } else if bra == 0 {
                q = 0
            } else {
                return
            }
            // ...but not by an a/i/o/u there, nor by an e that starts the word...
            if isIn(q - 1, Letter.aiou) || (q - 1 == 0 && isIn(0, Letter.e)) { return }
            // ...nor by a/i/o/u + non-vowel one further back.
            if q >= 3 && isIn(q - 2, Letter.aiou) && isNotIn(q - 3, Letter.aeiou) { return }
            s.insert(vowel, at: bra)
        }
    }

    // MARK: - Regions

    /// Snowball `measure`: sets `p1` and `p2` from the start of the word.
    mutating func measure() {
        let n = s.count
        p1 = n
        p2 = n
        var i = 0
        for region in 0..<2 {
            while isNotIn(i, Letter.vowel) { i += 1 }
            var vowels = 0
            while true {
                if starts("ij", at: i) {
                    i += 2
                } else if isIn(i, Letter.vowel) {
                    i += 1
                } else {
                    break
                }
                vowels += 1
            }
            guard vowels > 0, isNotIn(i, Letter.vowel) else { return }
            i += 1
            if region == 0 { p1 = i } else { p2 = i }
        }
    }

    // MARK: - Suffix steps

    /// Snowball `Step_1`: plural and other inflectional endings.
    mutating func step1() -> Bool {
        let n = s.count
        if ends("ies") {
            let b = n - 3
            guard r1(b) else { return false }
            cut(b, adding: "ie")
        } else if ends("aus") {
            let b = n - 3
            guard r1(b) && vowelBefore(b) else { return false }
            cut(b, adding: "au")
        } else if ends("nde") {
            cut(n - 3, adding: "nd")
        } else if ends("'s") {
            cut(n - 2)
        } else if ends("es") {
            let b = n - 2
            if ends("ar", at: b) && r1(b - 2) && consonantBefore(b - 2) {
                cut(b)
                lengthenVowel()
            } else if ends("er", at: b) && r1(b - 2) && consonantBefore(b - 2) {
                cut(b)
            } else if r1(b) && consonantBefore(b) {
                cut(b, adding: "e")
            } else {
                return false
            }
        } else if n >= 2 && s[n - 2] == "é" && s[n - 1] == "s" {
            let b = n - 2
            guard r1(b) else { return false }
            replace(b, n, with: ["é"])
        } else if ends("en") {
            let b = n - 2
            if ends("hed", at: b) && r1(b - 3) {
                cut(b - 3, adding: "heid")
            } else if ends("nd", at: b) {
                cut(b)
            } else if ends("d", at: b) && r1(b - 1) && consonantBefore(b - 1) {
                cut(b - 1)
            } else if (ends("i", at: b) || ends("j", at: b)) && vowelBefore(b - 1) {
                cut(b)
            } else if r1(b) && consonantBefore(b) {
                cut(b)
                lengthenVowel()
            } else {
                return false
            }
        } else if ends("s") {
            let b = n - 1
            guard r1(b), !(ends("t", at: b) && r1(b - 1)), consonantBefore(b) else { return false }
            cut(b)
        } else {
            return false
        }
        return true
    }

    /// Snowball `Step_2`: diminutives (`-je`) and `-e` endings.
    mutating func step2() -> Bool {
        let n = s.count
        if ends("lijke") {
            guard r1(n - 5) else { return false }
            cut(n - 5, adding: "lijk")
        } else if ends("ische") {
            guard r1(n - 5) else { return false }
            cut(n - 5, adding: "isch")
        } else if ends("ieve") {
            let b = n - 4
            guard r1(b) && consonantBefore(b) else { return false }
            cut(b, adding: "ief")
        } else if ends("ene") {
            let b = n - 3
            guard r1(b) && consonantBefore(b) else { return false }
            cut(b, adding: "en")
            lengthenVowel()
        } else if ends("je") {
            let b = n - 2
            if ends("'t", at: b) {
                cut(b - 2)
            } else if ends("et", at: b) && r1(b - 2) && consonantBefore(b - 2) {
                cut(b - 2)
            } else if ends("rnt", at: b) {
                cut(b - 3, adding: "rn")
            } else if ends("t", at: b) && r1(b - 1) && vowelBeforeNext(b - 1) {
                cut(b - 1)
            } else if ends("ink", at: b) {
                cut(b - 3, adding: "ing")
            } else if ends("mp", at: b) {
                cut(b - 2, adding: "m")
            } else if ends("'", at: b) && r1(b - 1) {
                cut(b - 1)
            } else if r1(b) && consonantBefore(b) {
                cut(b)
            } else {
                return false
            }
        } else if ends("ge") || ends("te") || ends("se") || ends("re") {
            // Drop the final e.
            guard r1(n - 2) else { return false }
            cut(n - 1)
        } else if ends("de") {
            let b = n - 2
            guard r1(b) && consonantBefore(b) else { return false }
            cut(b)
        } else if ends("le") {
            guard r1(n - 2) else { return false }
            cut(n - 1)
            lengthenVowel()
        } else {
            return false
        }
        return true
    }

    /// Snowball `Step_3`: derivational suffixes such as `-heid`, `-ing`, `-atie`.
    mutating func step3() -> Bool {
        let n = s.count
        if ends("iteit") {
            guard r1(n - 5) else { return false }
            cut(n - 5)
            lengthenVowel()
        } else if ends("atie") {
            guard r1(n - 4) else { return false }
            cut(n - 4, adding: "eer")
        } else if ends("heid") || ends("ster") || ends("sel") {
            let b = ends("sel") ? n - 3 : n - 4
            guard r1(b) else { return false }
            cut(b)
        } else if ends("rder") {
            cut(n - 4, adding: "r")
        } else if ends("isme") || ends("erij") || ends("ing") {
            let b = ends("ing") ? n - 3 : n - 4
            if ends("ild", at: b) {
                // Keeps `schilderij` (painting) apart from `schild` (shield).
                cut(b, adding: "er")
            } else if r1(b) {
                cut(b)
                lengthenVowel()
            } else {
                return false
            }
        } else if ends("arij") {
            let b = n - 4
            guard r1(b) && consonantBefore(b) else { return false }
            cut(b, adding: "aar")
        } else if ends("fie") || ends("gie") {
            let b = n - 3
            guard r2(b) else { return false }
            cut(b + 1)  // keep the f or g
            lengthenVowel()
        } else if ends("tst") || ends("dst") {
            let b = n - 3
            guard r1(b) && consonantBefore(b) else { return false }
            cut(b + 1)  // keep the t or d
        } else {
            return false
        }
        return true
    }

    /// Snowball `Step_4`: adjective suffixes (`-baar`, `-achtig`, `-ig`, ...).
    mutating func step4() -> Bool {
        if step4Main() { return true }
        // Only if the first list had no match or its condition failed.
        let n = s.count
        let b: Int
        if ends("iger") || ends("igst") {
            b = n - 4
        } else if ends("ig") {
            b = n - 2
        } else {
            return false
        }
        // `innig` (intimate) is not reduced to `in` (in).
        guard r1(b), !(b == 3 && ends("inn", at: b)), consonantBefore(b) else { return false }
        cut(b)
        lengthenVowel()
        return true
    }

    private mutating func step4Main() -> Bool {
        let n = s.count
        if ends("achtiger") || ends("achtigst") {
            guard r1(n - 8) else { return false }
            cut(n - 8)
        } else if ends("ioneel") {
            guard r1(n - 6) else { return false }
            cut(n - 6, adding: "ie")
        } else if ends("lijker") || ends("lijkst") {
            guard r1(n - 6) else { return false }
            cut(n - 6, adding: "lijk")
        } else if ends("achtig") {
            guard r1(n - 6) else { return false }
            cut(n - 6)
        } else if ends("eriger") || ends("erigst") || ends("erig") || ends("end") {
            let b = ends("end") ? n - 3 : (ends("erig") ? n - 4 : n - 6)
            guard r1(b) && consonantBefore(b) else { return false }
            cut(b)
            lengthenVowel()
        } else if ends("atief") {
            guard r1(n - 5) else { return false }
            cut(n - 5, adding: "eer")
        } else if ends("baar") {
            guard r1(n - 4) else { return false }
            cut(n - 4)
        } else if ends("naar") || ends("laar") || ends("raar") {
            let b = n - 4
            guard r1(b) && vowelBefore(b) else { return false }
            cut(b + 1)  // keep the n, l or r
        } else if ends("tant") {
            guard r1(n - 4) else { return false }
            cut(n - 4, adding: "teer")
        } else {
            return false
        }
        return true
    }

    /// Snowball `Step_7`: `-kt`, `-ft`, `-pt` lose the `t`.
    mutating func step7() -> Bool {
        guard ends("kt") || ends("ft") || ends("pt") else { return false }
        cut(s.count - 1)
        return true
    }

    /// Snowball `Step_6`: undouble a final consonant, final `v`→`f`, `z`→`s`.
    mutating func step6() {
        let n = s.count
        guard n >= 1 else { return }
        let last = s[n - 1]
        if n >= 2 && s[n - 2] == last && Letter.flags(last) & Letter.vowel == 0
            && "a"..."z" ~= last {
            // `innen` (to collect) is not reduced to `in` (in).
            if last == "n" && n == 3 && s[0] == "i" { return }
            cut(n - 1)
        } else if last == "v" {
            s[n - 1] = "f"
        } else if last == "z" {
            s[n - 1] = "s"
        }
    }

    /// Snowball `Step_1c`, run after a `ge` prefix or infix was removed:
    /// drop a participle's final `d` or `t`.
    mutating func step1c() {
        let n = s.count
        let b = n - 1
        guard b >= 0, s[b] == "d" || s[b] == "t", r1(b), consonantBefore(b) else { return }
        if s[b] == "d" {
            if ends("n", at: b) && r1(b - 1) { return }
            if b == 2 && ends("in", at: b) {
                // `geïnd` (collected) goes with `innen`, not with `in`.
                s[b] = "n"
            } else {
                cut(b)
            }
        } else {
            if ends("h", at: b) && r1(b - 1) { return }
            // `geënt` (grafted) is not reduced to `en` (and).
            if b == 2 && ends("en", at: b) { return }
            cut(b)
        }
    }

    // MARK: - Prefix steps

    /// True if, from position `c`, the word has a vowel (or `ij`) group that
    /// is followed by at least one more character.
    func hasVowelThenMore(from c: Int) -> Bool {
        let n = s.count
        var i = c
        // Go past the first vowel or ij.
        while true {
            if i >= n { return false }
            if starts("ij", at: i) { i += 2; break }
            if isIn(i, Letter.vowel) { i += 1; break }
            i += 1
        }
        // Skip any further vowels.
        while true {
            if starts("ij", at: i) { i += 2 } else if isIn(i, Letter.vowel) { i += 1 } else { break }
        }
        return i < n
    }

    /// After deleting `ge` at `at`, turn a following `ë`/`ï` into `e`/`i`.
    mutating func dropDiaeresis(at c: Int) {
        guard c < s.count else { return }
        if s[c] == "ë" { s[c] = "e" } else if s[c] == "ï" { s[c] = "i" }
    }

    /// Snowball `Lose_prefix`: remove a leading `ge` (`gemaakt` → `maakt`).
    mutating func losePrefix() -> Bool {
        let n = s.count
        guard starts("ge", at: 0), n >= 5, hasVowelThenMore(from: 2) else { return false }
        var after = 2
        if starts("vali", at: 2) {
            after = 6
        } else if starts("vare", at: 2) || starts("eft", at: 2) || starts("val", at: 2)
            || starts("vaa", at: 2) {
            // Exceptions: geeft, geval(len), gevaar, gevaren.
            return false
        }
        s.removeSubrange(0..<2)
        dropDiaeresis(at: after - 2)
        return true
    }

    /// Snowball `Lose_infix`: remove the first `ge` after the first letter
    /// (`opgemaakt` → `opmaakt`).
    mutating func loseInfix() -> Bool {
        let n = s.count
        guard n >= 1 else { return false }
        var i = 1
        while i + 1 < n && !starts("ge", at: i) { i += 1 }
        guard i + 1 < n, i + 5 <= n, hasVowelThenMore(from: i + 2) else { return false }
        s.removeSubrange(i..<(i + 2))
        dropDiaeresis(at: i)
        return true
    }

    // MARK: - Driver

    /// Runs the whole algorithm. Returns false if no step applied, in which
    /// case the word is unchanged (every edit happens in a step that reports
    /// success).
    mutating func stem() -> Bool {
        var stemmed = false
        measure()
        if step1() { stemmed = true }
        if step2() { stemmed = true }
        if step3() { stemmed = true }
        if step4() { stemmed = true }
        if losePrefix() {
            measure()
            stemmed = true
            step1c()
        }
        if loseInfix() {
            measure()
            stemmed = true
            step1c()
        }
        if step7() { stemmed = true }
        if stemmed { step6() }
        return stemmed
    }
}
