import ArgumentParser
import Foundation
import KortompediaBuild
import KortompediaCore

/// `kortompedia newsletter`: what one of the two newsletters tells about the knowledge base.
struct NewsletterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsletter", abstract: "The knowledge-base part of a newsletter: new and updated articles, new blog posts.",
        discussion: """
            Lists, for a period (default: the last full calendar month), the articles first \
            published in it, the articles updated or rewritten in it and the new blog posts, with \
            links, summaries and themes. --audience is required: the newsletter for members lists \
            everything; the one for non-members (public) leaves members-only articles out, titles \
            included. As Markdown, as an HTML fragment for an e-mail (inline styles only), or as JSON.
            """)

    /// How the digest is written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case html
        case json
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Whose newsletter: members or public.")
    var audience: Audience

    @Option(name: .long, help: ArgumentHelp("First day of the period (default: the first day of last month).", valueName: "YYYY-MM-DD"))
    var from: Day?

    @Option(name: .long, help: ArgumentHelp("Last day of the period (default: the last day of last month, or today after --from).", valueName: "YYYY-MM-DD"))
    var to: Day?

    @Option(name: .long, help: ArgumentHelp("The address the links start with (default: site.json's baseURL); the members' site often has its own.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: "markdown, html or json.")
    var format: Format = .markdown

    @OptionGroup var output: OutputFileOption

    @OptionGroup var today: TodayOption

    func validate() throws {
        if site.drafts { throw ValidationError("--drafts: a newsletter never lists drafts") }
        try ReportPeriod.validate(from: from, to: to)
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute URL such as https://www.kortom.be/leden/")
        }
    }

    func run() async throws {
        let today = today.day
        let period = ReportPeriod.month.period(from: from, to: to, today: today)
        let options = BuildOptions(
            root: site.rootURL, output: site.rootURL.appendingPathComponent("_site"),
            includeDrafts: false, workers: site.threads ?? Parallel.availableCores)
        let printer = DiagnosticPrinter()
        let digest: NewsletterDigest
        do {
            digest = try NewsletterDigest.compute(options: options, audience: audience, period: period, baseURL: baseURL)
        } catch {
            printer.print(error.diagnostics)
            printer.printLine("error: the site has errors; fix them first (a newsletter must not link to a broken site)")
            throw ExitCode.failure
        }
        let text = switch format {
        case .markdown: digest.markdown()
        case .html: digest.html()
        case .json: digest.json()
        }
        try output.write(text, printer: printer)
    }
}
