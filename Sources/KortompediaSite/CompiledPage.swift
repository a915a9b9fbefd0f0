import KortompediaCore
import KortompediaMarkdown
import KortompediaSource

/// A link of a page after resolution, kept for backlinks, fragment checks and reports.
public struct ResolvedLink: Sendable, Hashable {
    public var target: LinkTarget
    /// The destination as the editor wrote it (`b.md#kop`, `b#kop` for `[[b#kop]]`), for messages.
    public var destination: String
    public var location: SourceLocation
    public var kind: LinkOccurrence.Kind
}

/// A page after the parse stage: its front matter, what its body holds, and its body rendered
/// to HTML for each audience that may read it. A value: safe to share between threads.
public struct CompiledPage: Sendable, Equatable {
    /// The source page, its Markdown body already dropped (empty).
    public var source: SourcePage
    /// Site path of the page (`kortompedia/slug/`).
    public var sitePath: String
    public var headings: [Heading]
    public var links: [ResolvedLink]
    public var sections: [TextSection]
    /// The default summary: the first paragraph cut near 200 characters (used only where the
    /// audience may read the body).
    public var derivedSummary: String
    public var wordCount: Int
    /// Body HTML as members see it.
    public var membersHTML: String
    /// Body HTML for the public build: nil for members-only pages (they never have one).
    public var publicHTML: String?
    /// Attachments this body uses: source path → output path (relative to the site root).
    public var attachments: [String: String]

    public var frontMatter: FrontMatter { source.frontMatter }
    public var kind: PageKind { source.kind }
    public var slug: Slug { source.slug }
    public var access: Access { source.access }
    public var title: String { source.frontMatter.title }

    /// Reading time in minutes at 200 words a minute, at least 1.
    public var readingMinutes: Int { max(1, (wordCount + 199) / 200) }

    /// Cuts text at a word boundary near `limit` characters, adding an ellipsis when cut.
    public static func cut(_ text: String, near limit: Int = 200) -> String {
        if let cut = cutCountingBytes(text, near: limit) { return cut }
        // Only the words that can matter are split and joined: the result is the same, and a
        // long first paragraph no longer costs its whole length (a tenth of the parse stage).
        let end = wordBreak(in: text, after: limit)
        var collapsed = text[..<end].split(whereSeparator: isSpace).joined(separator: " ")
        // A combining mark after a space joins the space into one character: the words then
        // count shorter than the scan counted them, and the whole text is needed after all.
        if end < text.endIndex, collapsed.count <= limit {
            collapsed = text.split(whereSeparator: isSpace).joined(separator: " ")
        }
        guard collapsed.count > limit else { return collapsed }
        var result = ""
        var resultCount = 0  // result.count, kept up as words are added
        for word in collapsed.split(separator: " ") {
            let wordCount = word.count
            if resultCount + wordCount + 1 > limit { break }
            if result.isEmpty {
                result = String(word)
                resultCount = wordCount
            } else {
                // Between two ASCII characters a space joins nothing: the counts add. Otherwise
                // (a combining mark after the space, say) the joined text is counted again.
                let countsAdd = (result.utf8.last ?? 0) < 0x80 && (word.utf8.first ?? 0) < 0x80
                result += " " + word
                resultCount = countsAdd ? resultCount + 1 + wordCount : result.count
            }
        }
        if result.isEmpty { result = String(collapsed.prefix(limit)) }
        while let last = result.last, ",;:.-–".contains(last) { result.removeLast() }
        return result + "…"
    }

    /// `cut` for text whose characters, as far as `cut` looks, are each one Unicode scalar
    /// below U+0300 other than CR: ASCII and the Latin letters Dutch uses (é, ë, ĳ), but no
    /// combining mark, emoji or CR LF. Then a character starts at every byte that is not a
    /// UTF-8 continuation byte, and words and counts come from the bytes alone, with no
    /// grapheme breaking. Nil when the text needs graphemes; the result is otherwise the same.
    private static func cutCountingBytes(_ text: String, near limit: Int) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            // Lead bytes from 0xCC on start scalars from U+0300 on; 0x0D is CR.
            func isPlain(_ byte: UInt8) -> Bool { byte < 0xCC && byte != 0x0D }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 }
            var words: [(bytes: Range<Int>, characters: Int)] = []
            var joinedLength = -1  // the words so far joined by single spaces, in characters
            var wordStart = -1, wordCharacters = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard isPlain(byte) else { return nil }
                if isSpace(byte) {
                    if wordStart >= 0 {
                        words.append((wordStart..<index, wordCharacters))
                        joinedLength += wordCharacters + 1
                        wordStart = -1
                        wordCharacters = 0
                        // As `wordBreak`: no word past this one can be kept. The character
                        // after this space must be plain too, or the space is not one.
                        if joinedLength > limit {
                            if index + 1 < bytes.count, !isPlain(bytes[index + 1]) { return nil }
                            break
                        }
                    }
                } else {
                    if wordStart < 0 { wordStart = index }
                    if byte & 0xC0 != 0x80 { wordCharacters += 1 }
                }
                index += 1
            }
            if wordStart >= 0 {
                words.append((wordStart..<bytes.count, wordCharacters))
                joinedLength += wordCharacters + 1
            }
            func text(of ranges: ArraySlice<(bytes: Range<Int>, characters: Int)>) -> [UInt8] {
                var result: [UInt8] = []
                for (offset, word) in ranges.enumerated() {
                    if offset > 0 { result.append(0x20) }
                    result.append(contentsOf: bytes[word.bytes])
                }
                return result
            }
            guard joinedLength > limit else { return String(decoding: text(of: words[...]), as: UTF8.self) }
            // As many words as fit in `limit` characters (the first one in `limit - 1`).
            var kept = 0
            var keptLength = 0
            for word in words {
                let length = kept == 0 ? word.characters + 1 : keptLength + 1 + word.characters
                if length > limit { break }
                keptLength = kept == 0 ? word.characters : length
                kept += 1
            }
            var result: [UInt8]
            if kept > 0 {
                result = text(of: words[..<kept])
            } else {
                // The first word alone is too long: its first `limit` characters.
                result = []
                var characters = 0
                for byte in bytes[words[0].bytes] {
                    if byte & 0xC0 != 0x80 {
                        if characters == limit { break }
                        characters += 1
                    }
                    result.append(byte)
                }
            }
            while let last = result.last, ",;:.-".utf8.contains(last) { result.removeLast() }
            return String(decoding: result, as: UTF8.self) + "…"
        } ?? nil
    }

    private static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\n" || character == "\t"
    }

    /// The end of the first word after which the words so far, joined by single spaces, are
    /// longer than `limit` characters; the end of `text` when they never are. `cut` takes no
    /// word past it: the last of these words already makes the line too long.
    private static func wordBreak(in text: String, after limit: Int) -> String.Index {
        var joinedLength = -1
        var wordLength = 0
        var index = text.startIndex
        while index < text.endIndex {
            if isSpace(text[index]) {
                if wordLength > 0 {
                    joinedLength += wordLength + 1
                    wordLength = 0
                    if joinedLength > limit { return index }
                }
            } else {
                wordLength += 1
            }
            index = text.index(after: index)
        }
        return text.endIndex
    }
}
