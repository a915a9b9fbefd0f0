import KortompediaCore
import Testing

@Suite struct ByteSearchTests {
    func index(_ needle: String, _ text: String, from start: Int = 0) -> Int? {
        ByteSearch.firstIndex(of: Array(needle.utf8), in: Array(text.utf8), from: start)
    }

    @Test func findsTheFirstPlaceAtOrAfterTheStart() {
        #expect(index("{{", "a {{b}} {{c}}") == 2)
        #expect(index("{{", "a {{b}} {{c}}", from: 3) == 8)
        #expect(index("}}}", "{{{x}} }}}") == 7)
        // At both ends, and a first byte that recurs before the match.
        #expect(index("ab", "ab") == 0)
        #expect(index("ab", "xaab") == 2)
        #expect(index("é", "café") == 3)
    }

    @Test func findsNothingWhereItIsNot() {
        #expect(index("{{", "a {b} }") == nil)
        #expect(index("abc", "ab") == nil)
        #expect(index("ab", "xab", from: 2) == nil)
        #expect(index("ab", "ab", from: 5) == nil)
        #expect(index("ab", "ab", from: -1) == nil)
        #expect(index("", "ab") == nil)
        #expect(index("a", "") == nil)
    }
}
