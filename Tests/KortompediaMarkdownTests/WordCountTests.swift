import KortompediaCore
import Testing

@testable import KortompediaMarkdown

/// `MarkdownDocument.countWords`, which looks at eight bytes at a time, against the byte by
/// byte rule: a word is a run of bytes other than space, tab and line feed.
@Suite struct WordCountTests {
    static func wordsByteByByte(_ bytes: [UInt8]) -> Int {
        var count = 0, inWord = false
        for byte in bytes {
            let blank = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !blank && !inWord { count += 1 }
            inWord = !blank
        }
        return count
    }

    @Test func countsWhatTheByteRuleCounts() {
        var random = SplitMix64(seed: 8)
        // Blanks, their neighbours in value, the bytes the carry-free test could confuse, and
        // the bytes of multibyte characters.
        let alphabet: [UInt8] = [0x20, 0x0A, 0x09, 0x00, 0x08, 0x0B, 0x0D, 0x1F, 0x21, 0x29, 0x2A, 0x61, 0x7F, 0x80, 0x89, 0x8A, 0xA0, 0xC3, 0xFF]
        for _ in 0..<10_000 {
            let bytes = (0..<Int(random.next() % 48)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let counted = bytes.withUnsafeBufferPointer(MarkdownDocument.countWords)
            #expect(counted == Self.wordsByteByByte(bytes), "\(bytes)")
        }
        let text = Array("  een\ttwee\n\ndrie   vier vijf zes zeven acht negen tien ".utf8)
        #expect(text.withUnsafeBufferPointer(MarkdownDocument.countWords) == 10)
    }
}
