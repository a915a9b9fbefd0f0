import KortompediaCore
import Testing

@Suite struct DiagnosticTests {
    @Test func errorFormatting() {
        let diagnostic = Diagnostic.error(SourceLocation(path: "articles/a.md", line: 12, column: 5), "broken link 'foo.md'", code: "broken-link")
        #expect(diagnostic.description == "articles/a.md:12:5: error: broken link 'foo.md'")
    }

    @Test func warningFormatting() {
        let diagnostic = Diagnostic.warning(SourceLocation(path: "blogs/b.md", line: 3, column: 1), "unknown key 'theme'; did you mean 'themes'?", code: .unknownKey)
        #expect(diagnostic.description == "blogs/b.md:3:1: warning: unknown key 'theme'; did you mean 'themes'?")
    }

    @Test func aFileWithoutALineIsPrintedAlone() {
        #expect(Diagnostic.error(SourceLocation(path: "site.json"), "cannot read site.json", code: "x").description == "site.json: error: cannot read site.json")
        #expect(SourceLocation(path: "a.md", line: 4, column: 0).description == "a.md:4:1")
    }

    @Test func diagnosticsSortByFileThenPositionThenSeverity() {
        let list = [
            Diagnostic.warning(SourceLocation(path: "b.md", line: 1, column: 1), "w", code: .footnote),
            Diagnostic.error(SourceLocation(path: "a.md", line: 10, column: 1), "late", code: "e"),
            Diagnostic.warning(SourceLocation(path: "a.md", line: 2, column: 3), "w", code: .footnote),
            Diagnostic.error(SourceLocation(path: "a.md", line: 2, column: 3), "e", code: "e"),
            Diagnostic.error(SourceLocation(path: "a.md", line: 2, column: 1), "first", code: "e"),
        ]
        #expect(list.sorted().map(\.description) == [
            "a.md:2:1: error: first",
            "a.md:2:3: error: e",
            "a.md:2:3: warning: w",
            "a.md:10:1: error: late",
            "b.md:1:1: warning: w",
        ])
        #expect(list.hasErrors)
        #expect(![list[0]].hasErrors)
    }

    @Test func diagnosticsErrorPrintsOneLineEachInOrder() {
        let error = DiagnosticsError([
            .error(SourceLocation(path: "b.md", line: 1, column: 1), "two", code: "x"),
            .error(SourceLocation(path: "a.md", line: 1, column: 1), "one", code: "x"),
        ])
        #expect(error.description == "a.md:1:1: error: one\nb.md:1:1: error: two")
    }

    @Test func htmlEscaping() {
        #expect(HTMLEscaping.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("enquête") == "enquête")
    }

    @Test func editDistance() {
        #expect(EditDistance.between("theme", "themes") == 1)
        #expect(EditDistance.between("acces", "access") == 1)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("kitten", "sitting") == 3)
    }

    /// Only warnings are left out, and only those named; an error keeps its place whatever its
    /// code (a broken link is an error unless `brokenLinks` is `warn`).
    @Test func removingWarningsKeepsErrorsAndOtherWarnings() {
        let place = SourceLocation(path: "a.md", line: 1, column: 1)
        let list = [
            Diagnostic.warning(place, "vague", code: .linkText),
            Diagnostic.warning(place, "no alt", code: .imageAlt),
            Diagnostic(.warning, place, "broken, as a warning", code: WarningCode.brokenLink.rawValue),
            Diagnostic(.error, place, "broken, as an error", code: WarningCode.brokenLink.rawValue),
        ]
        #expect(list.removingWarnings([]) == list)
        #expect(list.removingWarnings([.linkText, .brokenLink]).map(\.message) == ["no alt", "broken, as an error"])
    }

    @Test func theNearestWarningCode() {
        #expect(WarningCode.nearest(to: "link-txt") == .linkText)
        #expect(WarningCode.nearest(to: "Image-Alt") == .imageAlt)
        #expect(WarningCode.nearest(to: "footnotes") == .footnote)
        #expect(WarningCode.nearest(to: "yaml") == nil)
    }
}
