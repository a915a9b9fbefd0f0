import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// The audience split, proven on a generated site: thousands of articles, most members-only,
/// each members-only body full of unique markers and made-up words in every place Markdown
/// offers. Both audiences are built through `BuildPipeline`; then every file of `public/` is
/// scanned (whatever the search stage or a later stage adds) for anything of those bodies, and
/// the same scan over `members/` must find all of it, so that the scan itself is proven to see.
@Suite struct LeakTests {
    @Test func noMembersOnlyBodyReachesThePublicBuild() throws {
        let seed = UInt64.random(in: 1...UInt64.max)
        var generator = LeakSiteGenerator(seed: seed)
        let folder = try TemporaryFolder("leak", inMemory: true)
        try generator.write(to: folder.site)

        let clock = ContinuousClock()
        let start = clock.now
        let report = try BuildPipeline(options: BuildOptions(root: folder.site, output: folder.output)).run()
        let buildTime = clock.now - start
        #expect(!report.diagnostics.hasErrors)
        #expect(report.pageCounts[.public] == generator.pageCount)
        #expect(report.pageCounts[.members] == generator.pageCount)

        let scanner = LeakScanner(tokens: generator.secretTokens, headingIDs: generator.secretHeadingIDs, sentences: generator.secretSentences)
        let publicRoot = folder.output.appendingPathComponent("public")
        let membersRoot = folder.output.appendingPathComponent("members")

        // 1. Nothing of a members-only body anywhere in public/ (any file, any path).
        let (leaks, publicFiles, publicBytes) = try scanner.scanTree(publicRoot)
        #expect(publicFiles > generator.pageCount, "public/ holds only \(publicFiles) files")
        #expect(
            leaks.isEmpty,
            """
            public/ leaks members-only content (seed \(seed)): \(leaks.tokens.count) tokens, \(leaks.ids.count) heading ids, \
            \(leaks.sentences.count) sentences. First hits:
            \(leaks.examples.joined(separator: "\n"))
            """)

        // 2. No members-only attachment, by name or by path.
        let publicPaths = try Self.files(under: publicRoot)
        let publicNames = Set(publicPaths.map { ($0 as NSString).lastPathComponent })
        let leakedFiles = generator.secretAttachmentNames.filter { publicNames.contains($0) }
        #expect(leakedFiles.isEmpty, "members-only attachments in public/: \(leakedFiles.sorted().prefix(5))")
        #expect(publicNames.contains(LeakSiteGenerator.publicAttachmentName), "the public attachment was not copied: the attachment check sees nothing")

        // 3. Every members-only page has its teaser: title, explicit summary, the way to log in.
        var teaserProblems: [String] = []
        for page in generator.membersPages {
            let url = publicRoot.appendingPathComponent("\(page.folder)/\(page.slug)/index.html")
            guard let html = try? String(contentsOf: url, encoding: .utf8) else {
                teaserProblems.append("\(page.slug): no teaser")
                continue
            }
            if !html.contains(page.title) { teaserProblems.append("\(page.slug): title missing") }
            if let summary = page.summary, !html.contains(summary) { teaserProblems.append("\(page.slug): summary missing") }
            if !html.contains("https://example.org/login") { teaserProblems.append("\(page.slug): no login link") }
            if html.contains("class=\"prose\"") { teaserProblems.append("\(page.slug): has a body") }
        }
        #expect(teaserProblems.isEmpty, "\(teaserProblems.prefix(10))")

        // 4. Public pages link to members-only pages without the heading fragment.
        let sample = try String(contentsOf: publicRoot.appendingPathComponent("kortompedia/openbaar-0/index.html"), encoding: .utf8)
        #expect(sample.contains("href=\"../../kortompedia/leden-0/\""), "the public page does not link to the teaser")

        // 5. The scan can fail: the members build holds every marker, heading id, sentence and file.
        // (Only the members-only pages: they hold all of it, and the scan is the slow part.)
        let (found, membersFiles, membersBytes) = try scanner.scanTree(membersRoot) {
            $0.hasSuffix("/index.html") && ($0.hasPrefix("kortompedia/leden-") || $0.hasPrefix("blog/ledenblog-"))
        }
        let missingTokens = generator.renderedTokens.subtracting(found.tokens)
        let missingIDs = generator.secretHeadingIDs.subtracting(found.ids)
        let missingSentences = scanner.allSentencePrefixes.subtracting(found.sentences)
        #expect(missingTokens.isEmpty, "members/ lacks \(missingTokens.count) secret tokens, e.g. \(missingTokens.sorted().prefix(5))")
        #expect(missingIDs.isEmpty, "members/ lacks \(missingIDs.count) heading ids, e.g. \(missingIDs.sorted().prefix(5))")
        #expect(missingSentences.isEmpty, "members/ lacks \(missingSentences.count) sentences, e.g. \(missingSentences.sorted().prefix(3))")
        let membersNames = Set(try Self.files(under: membersRoot).map { ($0 as NSString).lastPathComponent })
        #expect(generator.secretAttachmentNames.isSubset(of: membersNames), "members/ lacks members-only attachments")
        let rawScript = try String(contentsOf: membersRoot.appendingPathComponent("kortompedia/leden-1/index.html"), encoding: .utf8)
        #expect(rawScript.contains("<script>var geheim"), "raw HTML is allowed in this site: members/ must keep it")

        // 6. The newsletter for non-members, in every format, over all time: nothing of a
        // members-only body, and no members-only page of its own, while every public page is in it.
        let allTime = StatsPeriod(from: Day("1900-01-01")!, to: Day("2999-12-31")!)
        let digest = try NewsletterDigest.compute(options: BuildOptions(root: folder.site, output: folder.output), audience: .public, period: allTime)
        let listed = digest.newArticles + digest.updatedArticles + digest.blogPosts
        #expect(listed.count == LeakSiteGenerator.publicArticleCount + LeakSiteGenerator.publicBlogCount)
        let membersURLs = Set(generator.membersPages.map { "https://example.org/kortompedia/\($0.folder)/\($0.slug)/" })
        #expect(!listed.contains { membersURLs.contains($0.url) || $0.membersOnly })
        for (format, text) in [("markdown", digest.markdown()), ("html", digest.html()), ("json", digest.json())] {
            let findings = Array(text.utf8).withUnsafeBytes { scanner.scan($0, name: "newsletter.\(format)") }
            #expect(findings.isEmpty, "the public newsletter (\(format)) leaks: \(findings.examples.prefix(3))")
        }
        // The same scan sees the members' newsletter, whose summaries come from the bodies.
        let members = try NewsletterDigest.compute(options: BuildOptions(root: folder.site, output: folder.output), audience: .members, period: allTime)
        #expect(!Array(members.markdown().utf8).withUnsafeBytes { scanner.scan($0, name: "members newsletter") }.isEmpty)

        print(
            "leak test: \(generator.pageCount) pages (\(generator.membersPages.count) members-only), built in \(buildTime); "
                + "scanned public/ \(publicFiles) files, \(publicBytes / 1024) KiB; members/ \(membersFiles) pages, \(membersBytes / 1024) KiB; "
                + "\(generator.secretTokens.count) secret tokens, \(generator.secretHeadingIDs.count) heading ids, \(generator.secretSentences.count) sentences; "
                + "total \(clock.now - start)")
    }

    static func files(under root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }
    }
}

/// Writes the generated site and remembers its secrets.
struct LeakSiteGenerator {
    /// The number of pages: 2,000 unless `KORTOMPEDIA_LEAK_PAGES` asks for more (or fewer),
    /// 85% of them members-only.
    static let pageTarget = ProcessInfo.processInfo.environment["KORTOMPEDIA_LEAK_PAGES"].flatMap { Int($0) }.map { max($0, 100) } ?? 2_000
    static let membersArticleCount = pageTarget * 80 / 100
    static let publicArticleCount = pageTarget * 12 / 100
    static let membersBlogCount = pageTarget * 5 / 100
    static let publicBlogCount = pageTarget - membersArticleCount - publicArticleCount - membersBlogCount
    static let publicAttachmentName = "openbaar-overzicht.pdf"

    struct MembersPage {
        var folder: String
        var slug: String
        var title: String
        var summary: String?
    }

    var generator: SplitMix64
    private(set) var membersPages: [MembersPage] = []
    private(set) var secretTokens: Set<String> = ["leakmarker"]
    private(set) var secretHeadingIDs: Set<String> = []
    private(set) var secretSentences: [String] = []
    private(set) var secretAttachmentNames: Set<String> = []

    var pageCount: Int { Self.membersArticleCount + Self.publicArticleCount + Self.membersBlogCount + Self.publicBlogCount }

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func random() -> UInt64 { generator.next() }

    mutating func below(_ n: Int) -> Int { Int(random() % UInt64(n)) }

    /// A made-up word that only members-only bodies use: consonant-vowel three times, vowels
    /// a, o, u only. No Dutch stemming rule changes such a word, and no public text has one.
    mutating func secretWord(rendered: Bool = true) -> String {
        let consonants = Array("bkmpzfvl"), vowels = Array("aou")
        var word = ""
        for _ in 0..<3 { word.append(consonants[below(consonants.count)]); word.append(vowels[below(vowels.count)]) }
        secretTokens.insert(word)
        if rendered { renderedTokens.insert(word) }
        return word
    }

    /// Secret tokens that the members build shows (`extra` values are not shown by the theme).
    private(set) var renderedTokens: Set<String> = ["leakmarker"]

    /// A sentence of made-up words, at least 40 characters, remembered as a secret.
    mutating func secretSentence() -> String {
        var words: [String] = []
        while words.joined(separator: " ").count < 60 { words.append(secretWord()) }
        let sentence = words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst()
        secretSentences.append(sentence)
        return sentence + "."
    }

    /// Eight random letters and digits: the unguessable part of a marker.
    mutating func randomToken() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var token = "q"  // never all digits
        for _ in 0..<8 { token.append(alphabet[below(alphabet.count)]) }
        secretTokens.insert(token)
        renderedTokens.insert(token)
        return token
    }

    static let publicWords = [
        "de", "het", "een", "communicatie", "beleid", "inwoners", "website", "tekst", "helder", "schrijven",
        "overheid", "diensten", "nieuwsbrief", "digitale", "sociale", "media", "plannen", "evalueren", "meten",
        "kiezen", "lezer", "gemeente", "bestuur", "participatie", "netwerk", "team", "strategie", "doelen",
    ]

    mutating func publicSentence() -> String {
        var words: [String] = []
        for _ in 0..<(8 + below(6)) { words.append(Self.publicWords[below(Self.publicWords.count)]) }
        return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }

    static let themes = ["beleid", "digitaal", "crisis"]

    func date(_ index: Int) -> String {
        let year = 2019 + index % 6, month = 1 + index % 12, day = 1 + index % 28
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The heading without a marker of members-only page `index`: its id is linked from elsewhere.
    private(set) var plainHeadings: [String: String] = [:]

    mutating func write(to site: URL) throws {
        try TestSite.copyTheme(into: site)
        try site.appendingPathComponent("site.json").write(TestSite.siteJSON(allowRawHTML: true))
        try site.appendingPathComponent("articles/bijlagen/\(Self.publicAttachmentName)").write("%PDF openbaar overzicht\n")

        // Headings first, so that every page can link to any other page's heading.
        let membersSlugs = (0..<Self.membersArticleCount).map { "leden-\($0)" } + (0..<Self.membersBlogCount).map { "ledenblog-\($0)" }
        for slug in membersSlugs {
            let heading = [secretWord(), secretWord(), secretWord()].joined(separator: " ").capitalizedFirst
            plainHeadings[slug] = heading
            secretHeadingIDs.insert(Slug(slugifying: heading).rawValue)
        }

        for index in 0..<Self.membersArticleCount {
            let theme = Self.themes[index % 3]
            let slug = "leden-\(index)"
            let path = "articles/\(theme)/\(slug).md"
            let next = "leden-\((index + 1) % Self.membersArticleCount)"
            try site.appendingPathComponent(path).write(membersBody(index: index, slug: slug, kind: "article", theme: theme, linkTo: next, attachmentFolder: "../bijlagen"))
        }
        for index in 0..<Self.membersBlogCount {
            let slug = "ledenblog-\(index)"
            try site.appendingPathComponent("blogs/\(slug).md").write(
                membersBody(index: index, slug: slug, kind: "blog", theme: Self.themes[index % 3], linkTo: "leden-\(index * 7)", attachmentFolder: "../articles/bijlagen"))
        }
        for index in 0..<Self.publicArticleCount {
            let theme = Self.themes[index % 3]
            let target = "leden-\(index * 5 % Self.membersArticleCount)"
            let targetTheme = Self.themes[(index * 5 % Self.membersArticleCount) % 3]
            try site.appendingPathComponent("articles/\(theme)/openbaar-\(index).md").write(
                publicBody(title: "Openbaar artikel \(index)", slug: "openbaar-\(index)", theme: theme, date: date(index + 3), links: """
                    Lees ook [[\(target)#\(Slug(slugifying: plainHeadings[target]!).rawValue)]], \
                    [[\(target)#\(Slug(slugifying: plainHeadings[target]!).rawValue)|het ledenartikel]] en \
                    [de leden](../\(targetTheme)/\(target).md#\(Slug(slugifying: plainHeadings[target]!).rawValue)). \
                    Bijlage: [overzicht](../bijlagen/\(Self.publicAttachmentName)).
                    """))
        }
        for index in 0..<Self.publicBlogCount {
            let target = "leden-\(index * 11 % Self.membersArticleCount)"
            try site.appendingPathComponent("blogs/openbaar-blog-\(index).md").write(
                publicBody(title: "Openbare blog \(index)", slug: "openbaar-blog-\(index)", theme: nil, date: date(index + 5), links: """
                    Zie [[\(target)#\(Slug(slugifying: plainHeadings[target]!).rawValue)]] en [[ledenblog-\(index % Self.membersBlogCount)]].
                    """))
        }
        try writeAttachments(to: site)
    }

    mutating func membersBody(index: Int, slug: String, kind: String, theme: String, linkTo other: String, attachmentFolder: String) -> String {
        let marker = "LEAKMARKER-\(index)-\(randomToken())"
        let file = "geheim-\(slug)-\(randomToken())"
        secretAttachmentNames.insert(file + ".pdf")
        secretAttachmentNames.insert(file + ".png")
        let title = kind == "article" ? "Ledenartikel \(index) over \(theme)" : "Ledenblog \(index)"
        let summary: String? = index % 3 == 2 ? nil : "Samenvatting van \(slug) voor de teaser."
        membersPages.append(MembersPage(folder: kind == "article" ? "kortompedia" : "blog", slug: slug, title: title, summary: summary))
        let otherHeadingID = Slug(slugifying: plainHeadings[other]!).rawValue
        attachmentsToWrite.append(("articles/bijlagen/\(file)", marker))
        let markedHeading = "\(secretWord().capitalizedFirst) \(secretWord()) \(marker)-kop"
        secretHeadingIDs.insert(Slug(slugifying: markedHeading).rawValue)
        return """
            ---
            title: \(title)
            \(summary.map { "summary: \($0)\n" } ?? "")themes: [\(theme)]
            access: members
            date: \(date(index))
            tags: [ledenkennis, thema \(theme)]
            bron: \(marker)-extra \(secretWord(rendered: false))
            details:
              sleutel: \(marker)-nested
              lijst: [\(marker)-lijst, \(secretWord(rendered: false))]
            ---
            \(secretSentence()) \(marker)-alinea \(secretSentence())

            ## \(markedHeading)

            - \(secretSentence()) \(marker)-lijst
            - [[\(other)#\(otherHeadingID)]] en [[\(other)]]

            > \(secretSentence()) \(marker)-citaat

            ## \(plainHeadings[slug]!)

            | Kolom | Waarde |
            | --- | --- |
            | \(marker)-cel | \(secretSentence()) |

            Zie [\(marker)-linktekst \(secretWord())](https://example.org/\(marker)-url) en \
            ![\(marker)-alt \(secretWord())](\(attachmentFolder)/\(file).png) en \
            [de bijlage](\(attachmentFolder)/\(file).pdf) en `\(marker)-code`.

            ```
            \(marker)-codeblok \(secretSentence())
            ```

            <div class="kader">\(marker)-raw \(secretSentence())</div>

            <script>var geheim = "\(marker)-script";</script>

            """
    }

    private(set) var attachmentsToWrite: [(String, String)] = []

    mutating func publicBody(title: String, slug: String, theme: String?, date: String, links: String) -> String {
        """
        ---
        title: \(title)
        \(theme.map { "themes: [\($0)]\n" } ?? "")access: public
        date: \(date)
        tags: [ledenkennis]
        ---
        \(publicSentence()) \(publicSentence())

        ## Meer lezen

        \(links)

        \(publicSentence())

        """
    }
}

extension LeakSiteGenerator {
    /// Writes the attachments gathered while writing the pages (called by `write(to:)`).
    func writeAttachments(to site: URL) throws {
        for (path, marker) in attachmentsToWrite {
            try site.appendingPathComponent(path + ".pdf").write("%PDF-1.4 \(marker)-bestand\n")
            try site.appendingPathComponent(path + ".png").write("PNG \(marker)-afbeelding\n")
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
