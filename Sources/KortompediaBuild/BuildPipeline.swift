import Foundation
import KortompediaCore
import KortompediaOutput
import KortompediaRender
import KortompediaSearch
import KortompediaSite
import KortompediaSource

/// What a build is asked to do. Everything library code needs comes in here: no current
/// directory, no clock, no environment.
public struct BuildOptions: Sendable {
    /// The site folder (holds `site.json`).
    public var root: URL
    /// The output root; each audience goes into a folder below it.
    public var output: URL
    public var audiences: [Audience]
    public var includeDrafts: Bool
    /// Worker threads; 1 runs everything on the calling thread.
    public var workers: Int
    /// HTML added before `</body>` of every page (the dev server's reload script).
    public var injectedScript: String
    /// Called after every stage with its name, the number of stages done and the total, and the
    /// number of pages (0 until they are loaded): the CLI draws its progress from this.
    public var progress: (@Sendable (_ stage: String, _ done: Int, _ total: Int, _ pages: Int) -> Void)?
    /// Compiled pages kept between builds of one process (the dev server): a page whose bytes
    /// and link table did not change is not parsed again. Output is identical either way.
    public var cache: CompiledPageCache?

    public init(
        root: URL, output: URL, audiences: [Audience] = Audience.allCases, includeDrafts: Bool = false,
        workers: Int = Parallel.availableCores, injectedScript: String = "", cache: CompiledPageCache? = nil
    ) {
        self.cache = cache
        self.root = root.standardizedFileURL
        self.output = output.standardizedFileURL
        self.audiences = audiences
        self.includeDrafts = includeDrafts
        self.workers = workers
        self.injectedScript = injectedScript
    }
}

/// The result of a build: what was written and every diagnostic (warnings included).
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Pages (articles and blog posts) per audience, teasers included.
    public var pageCounts: [Audience: Int]
    /// Files written per audience.
    public var fileCounts: [Audience: Int]
    /// Seconds per stage, in the order the stages ran.
    public var timings: [(stage: String, seconds: Double)]
}

/// A build that stopped: every diagnostic that made it stop (and the warnings seen so far).
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.sorted().map(\.description).joined(separator: "\n") }
}

/// The whole build as a list of named stages: load, resolve, then per audience view, render and
/// index, and finally write (staged, swapped in only when everything succeeded).
public struct BuildPipeline: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Checks the sources without writing anything (what `kortompedia check` runs).
    public func check() throws(BuildFailure) -> (Site, [Diagnostic]) {
        var clock = StageClock()
        let (_, site, diagnostics) = try loadAndResolve(&clock)
        return (site, diagnostics)
    }

    /// Builds the site: every stage, every audience, written and swapped in.
    public func run() throws(BuildFailure) -> BuildReport {
        try run(keepingPreviewState: false).report
    }

    /// Builds the site like `run()` and keeps what the preview's fast path needs to update one
    /// page afterwards (the sources, the resolved site, the theme and each audience's view).
    public func runForPreview() throws(BuildFailure) -> (report: BuildReport, state: PreviewState) {
        let (report, state) = try run(keepingPreviewState: true)
        return (report, state!)
    }

    private func run(keepingPreviewState: Bool) throws(BuildFailure) -> (report: BuildReport, state: PreviewState?) {
        var clock = StageClock(total: 4 + 4 * options.audiences.count, progress: options.progress)
        let (sources, site, diagnostics) = try loadAndResolve(&clock)

        let theme: Theme
        do { theme = try Theme.load(from: options.root) } catch { throw BuildFailure(diagnostics: diagnostics + error.diagnostics) }
        clock.lap("theme")

        let renderer = SiteRenderer(theme: theme, workers: options.workers, injectedScript: options.injectedScript)
        let indexer = SearchIndexWriter(workers: options.workers)
        let writer = SiteWriter(siteRoot: options.root, outputRoot: options.output, workers: options.workers)
        var transaction: SiteWriter.WriteTransaction
        do { transaction = try writer.begin() } catch { throw writeFailure(error, diagnostics) }
        var pageCounts: [Audience: Int] = [:]
        var fileCounts: [Audience: Int] = [:]
        var views: [Audience: AudienceView] = [:]
        for audience in options.audiences.sorted() {
            let view = site.view(for: audience, workers: options.workers)
            if keepingPreviewState { views[audience] = view }
            clock.lap("view \(audience.rawValue)")
            let rendered = renderer.render(view)
            clock.lap("render \(audience.rawValue)")
            let index = indexer.files(for: view)
            clock.lap("search \(audience.rawValue)")
            let files = rendered.files + index
            // Each audience is written to its staging folder at once, so its files can be freed.
            let plan = OutputPlan(folder: audience.rawValue, files: files, copies: rendered.copies.map { ($0.source, $0.destination) })
            do { try transaction.stage(plan) } catch { throw writeFailure(error, diagnostics) }
            clock.lap("write \(audience.rawValue)")
            pageCounts[audience] = view.pages.count
            fileCounts[audience] = files.count + rendered.copies.count
        }
        do { try transaction.commit() } catch { throw writeFailure(error, diagnostics) }
        clock.lap("swap")
        let report = BuildReport(diagnostics: diagnostics, pageCounts: pageCounts, fileCounts: fileCounts, timings: clock.laps)
        guard keepingPreviewState else { return (report, nil) }
        return (report, PreviewState(options: options, sources: sources, theme: theme, views: views))
    }

    private func writeFailure(_ error: WriteError, _ diagnostics: [Diagnostic]) -> BuildFailure {
        BuildFailure(diagnostics: diagnostics + [.error(SourceLocation(path: options.output.path), error.description, code: "write")])
    }

    private func loadAndResolve(_ clock: inout StageClock) throws(BuildFailure) -> (LoadedSources, Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let excluded = outputFolderInsideSite()
        if let excluded, PageKind.allCases.contains(where: { excluded == $0.sourceFolder || excluded.hasPrefix($0.sourceFolder + "/") }) {
            throw BuildFailure(diagnostics: [.error(SourceLocation(path: excluded), "the output folder must not be inside \(excluded.split(separator: "/")[0])/: choose another --output", code: "output-inside-sources")])
        }
        let loader = SourceTreeLoader(root: options.root, includeDrafts: options.includeDrafts, workers: options.workers, excludedFolders: excluded.map { [$0] } ?? [])
        let sources: LoadedSources
        do { sources = try loader.load() } catch { throw BuildFailure(diagnostics: error.diagnostics) }
        diagnostics += sources.diagnostics
        clock.pages = sources.pages.count
        clock.lap("load")
        // Pages that loaded are still resolved after load errors, so that one run reports every
        // problem (broken links included); the build stops below.

        let (site, resolveDiagnostics) = SiteResolver(workers: options.workers, cache: options.cache).resolve(sources)
        diagnostics += resolveDiagnostics
        clock.lap("parse and resolve")
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics) }
        return (sources, site, diagnostics.sorted())
    }

    /// The output folder relative to the site root, when it lies inside it.
    private func outputFolderInsideSite() -> String? {
        let root = options.root.resolvingSymlinksInPath().path + "/"
        let output = options.output.resolvingSymlinksInPath().path
        guard output.hasPrefix(root) else { return nil }
        return String(output.dropFirst(root.count))
    }
}

/// Wall-clock time per stage, for `--verbose` and the benchmark. The only clock in the library:
/// it measures, it never changes what is built.
struct StageClock {
    var total: Int
    var progress: (@Sendable (String, Int, Int, Int) -> Void)?
    var pages = 0
    private var last = DispatchTime.now().uptimeNanoseconds

    init(total: Int = 0, progress: (@Sendable (String, Int, Int, Int) -> Void)? = nil) {
        self.total = total
        self.progress = progress
    }
    private(set) var laps: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
        progress?(stage, laps.count, max(total, laps.count), pages)
    }
}
