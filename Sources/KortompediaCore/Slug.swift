/// A URL-safe identifier: lowercase ASCII letters and digits in runs joined by single dashes
/// (`[a-z0-9]+(-[a-z0-9]+)*`). Used for page slugs, theme and tag slugs and heading ids.
public struct Slug: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The slug text, always valid.
    public let rawValue: String

    /// Accepts `text` only when it already is a valid slug.
    public init?(validating text: String) {
        guard Slug.isValid(text) else { return nil }
        rawValue = text
    }

    /// Slugifies free text: diacritics folded (`enquête` → `enquete`), lowercased, every run of
    /// other characters replaced by one dash, dashes trimmed at both ends. An apostrophe
    /// between two letters or digits joins them, as it does in a search word (`foto's` and
    /// `foto’s` → `fotos`, not `foto-s`). Empty when nothing is left.
    public init(slugifying text: String) {
        // Most text slugified is a slug already (`[[slug]]`, file names): it stays as it is.
        if Slug.isValid(text) {
            rawValue = text
            return
        }
        // Byte by byte over the folded text (TextFolding lowers ASCII text byte by byte too):
        // every byte of a character left outside ASCII is a separator. Appending scalar by
        // scalar cost some ten times more, and slugs of headings were a twentieth of parsing.
        var folded = TextFolding.fold(text)
        rawValue = folded.withUTF8 { utf8 in
            /// The length of the apostrophe at `index` (`'`, or `’` in three bytes), or 0.
            func apostropheLength(at index: Int) -> Int {
                if utf8[index] == UInt8(ascii: "'") { return 1 }
                let isRightQuote = utf8[index] == 0xE2 && index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] == 0x99
                return isRightQuote ? 3 : 0
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            var pendingDash = false
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if Self.isLetterOrDigit(byte) {
                    if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                    pendingDash = false
                    bytes.append(byte)
                    index += 1
                    continue
                }
                // Right after a letter or digit (nothing pending), and right before one.
                let apostrophe = pendingDash || bytes.isEmpty ? 0 : apostropheLength(at: index)
                if apostrophe > 0, index + apostrophe < utf8.count, Self.isLetterOrDigit(utf8[index + apostrophe]) {
                    index += apostrophe
                    continue
                }
                pendingDash = true
                index += 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Whether the slug can name a folder (`kortompedia/<slug>/`, `tags/<slug>/`): at most
    /// `SitePathValidator.maximumSegmentBytes` long.
    public var fitsInFolderName: Bool { rawValue.utf8.count <= SitePathValidator.maximumSegmentBytes }

    /// Whether `text` matches `[a-z0-9]+(-[a-z0-9]+)*`.
    public static func isValid(_ text: String) -> Bool {
        var previousWasDash = true
        for byte in text.utf8 {
            if isLetterOrDigit(byte) {
                previousWasDash = false
            } else if byte == UInt8(ascii: "-") {
                if previousWasDash { return false }
                previousWasDash = true
            } else {
                return false
            }
        }
        return !previousWasDash
    }

    /// Whether `byte` is one a slug is made of, besides the dash: `a`–`z` or `0`–`9`.
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// True when slugifying left nothing (text without letters or digits).
    public var isEmpty: Bool { rawValue.isEmpty }
    public var description: String { rawValue }
    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.rawValue < rhs.rawValue }
}
