import Foundation
import Testing

/// The link checker itself must find what it is there to find.
@Suite struct LinkCheckerTests {
    @Test func itFindsDeadLinksMissingFragmentsAndDuplicateIds() throws {
        let folder = try TemporaryFolder()
        let files = [
            "index.html": ##"<a href="a/">a</a> <a href="a/#kop">kop</a> <a href="a/#weg">weg</a> <a href="b/">b</a> <img src="img/x.png"> <a href="https://example.org/">x</a> <a href="mailto:a@b">m</a>"##,
            "a/index.html": ##"<h2 id="kop">Kop</h2><main id="kop"></main><a href="../">terug</a> <a href="#kop">hier</a> <a href="../../buiten/">buiten</a> <a href="/a/">absoluut</a> <a href="?q=1">q</a>"##,
        ]
        for (path, text) in files {
            let url = folder.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let result = try LinkChecker(root: folder.url).run()
        #expect(result.problems == [
            "a/index.html: id 'kop' used twice",
            "a/index.html: ../../buiten/",
            "index.html: a/#weg (no id 'weg')",
            "index.html: b/",
            "index.html: img/x.png",
        ])
        #expect(result.checked == 10)
    }

    @Test(arguments: [
        ("../b/", "kortompedia/a/index.html", "kortompedia/b/"),
        ("../../themas/x/#kop", "kortompedia/a/index.html", "themas/x/"),
        ("img/a%20b.png", "kortompedia/a/index.html", "kortompedia/a/img/a b.png"),
        ("/zoeken/", "404.html", "zoeken/"),
        ("", "index.html", "index.html"),
    ])
    func resolve(url: String, page: String, path: String) {
        #expect(LinkChecker.resolve(url, from: page)?.path == path)
    }
}
