import KortompediaSource
import Testing

@Suite struct FrontMatterSplitterTests {
    @Test func splitsAtTheFirstFenceLine() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: Een\ndate: 2025-01-01\n---\n# Kop\n\nTekst.\n").get()
        #expect(split.yaml == "title: Een\ndate: 2025-01-01\n")
        #expect(split.body == "# Kop\n\nTekst.\n")
        #expect(split.yamlFirstLine == 2)
        #expect(split.bodyFirstLine == 5)
    }

    @Test func aTitleHoldingThreeDashesIsNotAFence() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: x --- y\n---\nbody\n").get()
        #expect(split.yaml == "title: x --- y\n")
        #expect(split.body == "body\n")
    }

    @Test func aThematicBreakInTheBodyStaysInTheBody() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: x\n---\nvoor\n\n---\n\nna\n---\n").get()
        #expect(split.yaml == "title: x\n")
        #expect(split.body == "voor\n\n---\n\nna\n---\n")
        #expect(split.bodyFirstLine == 4)
    }

    @Test func fencesMayHaveTrailingBlanks() throws {
        let split = try FrontMatterSplitter.split("--- \ntitle: x\n---\t\nbody").get()
        #expect(split.yaml == "title: x\n")
        #expect(split.body == "body")
    }

    @Test func aClosingFenceAtTheEndOfTheFileGivesAnEmptyBody() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: x\n---").get()
        #expect(split.yaml == "title: x\n")
        #expect(split.body == "")
        #expect(split.bodyFirstLine == 4)
    }

    @Test func emptyFrontMatter() throws {
        let split = try FrontMatterSplitter.split("---\n---\nbody\n").get()
        #expect(split.yaml == "")
        #expect(split.body == "body\n")
        #expect(split.bodyFirstLine == 3)
    }

    @Test(arguments: ["", "title: x\n---\n", "\n---\ntitle: x\n---\n", "----\ntitle: x\n----\n", " ---\ntitle: x\n---\n", "# Kop\n"])
    func missing(text: String) {
        #expect(FrontMatterSplitter.split(text) == .failure(.missing))
    }

    @Test(arguments: ["---", "---\n", "---\ntitle: x\n", "---\ntitle: x\n----\nbody\n", "---\ntitle: x\n ---\n"])
    func notClosed(text: String) {
        #expect(FrontMatterSplitter.split(text) == .failure(.notClosed))
    }

    @Test func normaliseTurnsCRLFAndCRIntoLF() {
        #expect(FrontMatterSplitter.normalise("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n")
    }

    @Test func normaliseDropsAByteOrderMark() {
        #expect(FrontMatterSplitter.normalise("\u{FEFF}---\ntitle: x\n") == "---\ntitle: x\n")
        #expect(FrontMatterSplitter.normalise("a\u{FEFF}b") == "a\u{FEFF}b")
    }

    @Test func crlfFilesWithAByteOrderMarkSplit() throws {
        let text = FrontMatterSplitter.normalise("\u{FEFF}---\r\ntitle: x\r\n---\r\nregel 1\r\nregel 2\r\n")
        let split = try FrontMatterSplitter.split(text).get()
        #expect(split.yaml == "title: x\n")
        #expect(split.body == "regel 1\nregel 2\n")
        #expect(split.bodyFirstLine == 4)
    }
}
