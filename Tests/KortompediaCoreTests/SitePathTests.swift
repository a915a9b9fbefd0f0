import KortompediaCore
import Testing

@Suite struct SitePathTests {
    @Test(arguments: [
        ("kortompedia/a/", "themas/x/", "../../themas/x/"),
        ("kortompedia/a/", "kortompedia/b/", "../../kortompedia/b/"),  // always via the root: simple and mount-independent
        ("kortompedia/a/", "", "../../"),
        ("", "", "./"),
        ("", "kortompedia/a/", "kortompedia/a/"),
        ("themas/", "themas/x/", "../themas/x/"),
        ("feed.xml", "blog/", "blog/"),
        ("oud/pad/naar/", "kortompedia/a/", "../../../kortompedia/a/"),
        ("blog/post/", "blog/post/img/a.png", "../../blog/post/img/a.png"),
    ])
    func relative(from: String, to: String, expected: String) {
        #expect(SitePath.relative(from: from, to: to) == expected)
    }

    @Test(arguments: [
        ("", 0), ("index.html", 0), ("feed.xml", 0), ("kortompedia/", 1), ("kortompedia/a/", 2),
        ("kortompedia/a/index.html", 2), ("oud/pad/naar/", 3), ("a//b/", 2), ("/", 0), ("a/b", 1), ("/a/", 1), ("a/b.html/", 2),
    ])
    func depth(path: String, expected: Int) {
        #expect(SitePath.depth(of: path) == expected)
        #expect(SitePath.up(depth: expected) == String(repeating: "../", count: expected))
    }

    @Test(arguments: [
        ("  titel \t", "titel"), ("\u{00A0}titel\u{2003}", "titel"), ("\n\n", ""), ("a b", "a b"), ("", ""),
    ])
    func trimmingBlanks(text: String, expected: String) {
        #expect(text.trimmingBlanks() == expected)
    }

    @Test func pagePaths() throws {
        let slug = try #require(Slug(validating: "persbericht"))
        #expect(SitePath.page(.article, slug) == "kortompedia/persbericht/")
        #expect(SitePath.page(.blog, slug) == "blog/persbericht/")
        #expect(SitePath.theme(slug) == "themas/persbericht/")
        #expect(SitePath.tag(slug) == "tags/persbericht/")
        #expect(SitePath.file(for: "kortompedia/persbericht/") == "kortompedia/persbericht/index.html")
        #expect(SitePath.file(for: "") == "index.html")
        #expect(SitePath.file(for: "feed.xml") == "feed.xml")
    }
}

@Suite struct SitePathValidatorTests {
    @Test(arguments: [
        ("kortompedia/oude-naam", "kortompedia/oude-naam/"),
        ("/kortompedia/oude-naam/", "kortompedia/oude-naam/"),
        ("//", nil),
        ("a//b", "a/b/"),
        ("oud", "oud/"),
        // 255 bytes is the longest folder name; `é` is two bytes.
        ("oud/" + String(repeating: "x", count: 255), "oud/" + String(repeating: "x", count: 255) + "/"),
        ("oud/" + String(repeating: "é", count: 127) + "x", "oud/" + String(repeating: "é", count: 127) + "x/"),
    ] as [(String, String?)])
    func normalise(path: String, expected: String?) {
        switch SitePathValidator.normalise(path) {
        case .success(let normalised): #expect(normalised == expected)
        case .failure: #expect(expected == nil)
        }
    }

    @Test(arguments: [
        ("", SitePathValidator.Rejection.empty),
        ("/", .empty),
        ("../buiten", .parentSegment),
        ("a/../../b", .parentSegment),
        ("a/./b", .parentSegment),
        ("..", .parentSegment),
        ("C:", .absoluteOrDrive),
        ("C:/Windows", .absoluteOrDrive),
        ("c:\\x", .absoluteOrDrive),
        ("https://example.org/x", .absoluteOrDrive),
        ("//example.org/x", .absoluteOrDrive),
        ("a\\b", .invalidCharacter("\\")),
        ("..\\..\\x", .invalidCharacter("\\")),
        ("a?b", .invalidCharacter("?")),
        ("a#b", .invalidCharacter("#")),
        ("a%2e%2e/b", .invalidCharacter("%")),
        ("ab:c", .invalidCharacter(":")),
        ("a\nb", .invalidCharacter("\n")),
        ("a\0b", .invalidCharacter("\0")),
        ("oud/" + String(repeating: "x", count: 256), .segmentTooLong(bytes: 256)),
        (String(repeating: "é", count: 128) + "/b", .segmentTooLong(bytes: 256)),
    ])
    func rejections(path: String, reason: SitePathValidator.Rejection) {
        #expect(SitePathValidator.normalise(path) == .failure(reason))
    }

    @Test func rejectionMessages() {
        #expect(SitePathValidator.Rejection.empty.message == "is empty")
        #expect(SitePathValidator.Rejection.parentSegment.message == "must not contain '.' or '..' segments")
        #expect(SitePathValidator.Rejection.absoluteOrDrive.message == "must be a path on this site, not a URL or a drive")
        #expect(SitePathValidator.Rejection.invalidCharacter("\\").message == "contains a character not allowed in a site path: '\\'")
        #expect(SitePathValidator.Rejection.segmentTooLong(bytes: 300).message == "has a segment of 300 bytes; a folder name takes at most 255")
    }
}
