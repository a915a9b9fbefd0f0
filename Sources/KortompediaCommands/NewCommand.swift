import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore

/// `kortompedia new article|blog "Titel"`: a new page with complete front matter.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a new article or blog post with complete front matter.",
        discussion: """
            Writes articles/<slug>.md (or blogs/<slug>.md) with the slug made from the title, \
            today's date, a review date a year ahead (articles), the themes you give and the \
            access of site.json's defaultAccess (blog posts: public). Never overwrites a file. \
            Prints the path of the new file.
            """)

    /// What to create.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case article
        case blog

        var pageKind: PageKind { self == .article ? .article : .blog }
    }

    @Argument(help: "article or blog.")
    var kind: Kind

    @Argument(help: "The title.")
    var title: String

    @Option(name: .long, help: ArgumentHelp("A theme slug from site.json; repeat for more (articles need one).", valueName: "slug"))
    var theme: [String] = []

    @Flag(name: .customLong("public"), help: "Make the article public instead of site.json's defaultAccess.")
    var isPublic = false

    @Option(name: .long, help: ArgumentHelp("An author; repeat for more.", valueName: "name"))
    var author: [String] = []

    @Option(name: .long, help: "Use this slug (and file name) instead of one made from the title.")
    var slug: String?

    @Option(name: .long, help: ArgumentHelp("Put the file in this sub-folder of articles/ or blogs/.", valueName: "path"))
    var folder: String?

    @Option(name: .long, help: "The site folder (holds site.json).")
    var root: String = "."

    func run() async throws {
        let rootURL = URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let themes = theme.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        let request = NewPageRequest(
            kind: kind.pageKind, title: title, themes: themes, isPublic: isPublic, authors: author, slug: slug, folder: folder)
        do {
            let path = try PageScaffold.create(request, root: rootURL, today: Day.current())
            print(path)
        } catch {
            DiagnosticPrinter().printLine("error: \(error.description)")
            throw ExitCode.failure
        }
    }
}
