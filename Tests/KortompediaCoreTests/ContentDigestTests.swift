import KortompediaCore
import Testing

@Suite struct ContentDigestTests {
    @Test func isTheStartOfSHA256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad
        #expect(ContentDigest(of: Array("abc".utf8)).description == "ba7816bf8f01cfea414140de5dae2223")
        #expect(ContentDigest(hex: "ba7816bf8f01cfea414140de5dae2223") == ContentDigest(of: Array("abc".utf8)))
        #expect(ContentDigest(hex: "ba7816bf") == nil)
        #expect(ContentDigest(hex: "zz7816bf8f01cfea414140de5dae2223") == nil)
    }

    @Test func framedPiecesDoNotRunTogether() {
        func digest(_ pieces: [String]) -> ContentDigest {
            var hasher = ContentHasher()
            for piece in pieces { hasher.add(tag: 1, piece) }
            return hasher.finalize()
        }
        #expect(digest(["ab", "c"]) != digest(["a", "bc"]))
        #expect(digest(["ab", "c"]) == digest(["ab", "c"]))
        var number = ContentHasher(), text = ContentHasher()
        number.add(tag: 1, count: 7)
        text.add(tag: 2, count: 7)
        #expect(number.finalize() != text.finalize())
    }
}

@Suite struct IgnoredFileNamesTests {
    @Test func hiddenAndEditorScratchFilesAreNotSources() {
        for name in [".DS_Store", ".x.md.swp", ".#x.md", "x.md~", "#x.md#", "4913", "x.md.swp", "x.md.swx"] {
            #expect(IgnoredFileNames.contains(name), "\(name)")
        }
        for name in ["x.md", "logo.svg", "#", "#hashtag.md", "49131.md", "nota.txt"] {
            #expect(!IgnoredFileNames.contains(name), "\(name)")
        }
    }
}
