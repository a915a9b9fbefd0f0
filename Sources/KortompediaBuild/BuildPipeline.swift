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
    /// `build --incremental`: update the previous output in place, rendering and writing only
    /// what changed (see `OutputManifest`). The result is byte-identical to a full build; but a
    /// write that fails half-way (a full disk) leaves the output part updated, where a full
    /// build leaves it untouched.
    public var incremental: Bool
    /// Let stages overlap on threads of their own (with more than one worker): each audience's
    /// search index is built while its pages render, and an audience is written to its staging
    /// folder while the next one is viewed and rendered. A shorter build, at the price of more
    /// threads than cores for a while, and of holding one audience's files a little longer.
    /// The dev server turns it off: its rebuilds run behind the preview, whose fast path and
    /// HTTP replies must not wait for a core (a saved edit was served 0.7-1.7 s late instead
    /// of 10-25 ms). Output is identical either way.
    public var overlapsStages: Bool
    /// Count and time every template render, into `BuildReport.templates` (`build --verbose`).
    /// It reads the thread's CPU clock twice per render; output is identical either way.
    public var measuresTemplates = false

    public init(
        root: URL, output: URL, audiences: [Audience] = Audience.allCases, includeDrafts: Bool = false,
        workers: Int = Parallel.availableCores, injectedScript: String = "", cache: CompiledPageCache? = nil,
        incremental: Bool = false, overlapsStages: Bool = true
    ) {
        self.cache = cache
        self.incremental = incremental
        self.overlapsStages = overlapsStages
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
    /// Files of the output per audience.
    public var fileCounts: [Audience: Int]
    /// Files written per audience: all of them, but for an incremental build.
    public var writtenCounts: [Audience: Int] = [:]
    /// Pages not rendered again per audience, because the output held them already (an
    /// incremental build).
    public var keptCounts: [Audience: Int] = [:]
    /// Pages parsed afresh, when compiled pages were kept from earlier builds (an incremental
    /// build, the dev server); nil when every page was parsed.
    public var parsedCount: Int?
    /// Seconds per stage, in the order the stages ran.
    public var timings: [(stage: String, seconds: Double)]
    /// Renders and CPU time per template over every audience, the most time first; empty
    /// unless `BuildOptions.measuresTemplates`.
    public var templates: [TemplateMetrics.Entry] = []
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

    /// Checks the sources without writing anything (what `kortompedia check` runs). Its
    /// diagnostics include the warnings `site.json` ignores (`SiteCheck` leaves them out and
    /// counts them); a build's leave them out.
    public func check() throws(BuildFailure) -> (Site, [Diagnostic]) {
        var clock = StageClock()
        let (_, site, diagnostics) = try loadAndResolve(&clock, cache: options.cache, keepingIgnoredWarnings: true)
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
        var clock = StageClock(total: 4 + 3 * options.audiences.count, progress: options.progress)
        let overlaps = options.workers > 1 && options.overlapsStages
        // `--incremental` parses only the pages that changed since its last run, whose
        // compiled pages it keeps on disk.
        let cache = options.cache ?? (options.incremental ? CompiledPageCache(folder: CompiledPageCache.location(outputRoot: options.output), settings: ProgramIdentity.current) : nil)
        let (loaded, site, diagnostics) = try loadAndResolve(&clock, cache: cache, keepingIgnoredWarnings: false)
        // The Markdown is parsed (compiled pages keep none of it): only the preview's fast path
        // needs the sources again. Other builds drop them here, so that their 80 MB at 10,000
        // articles are reused by the stages that follow instead of being held to the end.
        let sources = keepingPreviewState ? loaded : nil
        release(consume loaded, inBackground: overlaps)

        let theme: Theme
        do { theme = try Theme.load(from: options.root) } catch { throw BuildFailure(diagnostics: diagnostics + error.diagnostics) }
        clock.lap("theme")

        let metrics = options.measuresTemplates ? TemplateMetrics() : nil
        let renderer = SiteRenderer(theme: theme, workers: options.workers, injectedScript: options.injectedScript, metrics: metrics)
        let indexer = SearchIndexWriter(workers: options.workers)
        let writer = SiteWriter(siteRoot: options.root, outputRoot: options.output, workers: options.workers)
        var transaction: SiteWriter.WriteTransaction
        do { transaction = try writer.begin() } catch { throw writeFailure(error, diagnostics) }
        var report = BuildReport(diagnostics: diagnostics, pageCounts: [:], fileCounts: [:], timings: [])
        if let cache {
            report.parsedCount = cache.lastCompiled.count
            if let problem = cache.lastWriteProblem, let folder = cache.folderURL {
                // Not an error: the output is right; the next incremental build parses more.
                report.diagnostics += [.warning(SourceLocation(path: folder.path), problem, code: .write)].removingWarnings(site.config.ignoredWarnings)
            }
        }
        var views: [Audience: AudienceView] = [:]
        var manifests: [Audience: OutputManifest] = [:]
        var previousManifests: [Audience: OutputManifest] = [:]
        // The audience being written on a thread of its own; `transaction` is its until then.
        var pendingStage: (audience: Audience, work: Concurrent<Result<StagedAudience, WriteError>>)?
        func finishWrite(of audience: Audience, _ result: Result<StagedAudience, WriteError>) throws(BuildFailure) {
            switch result {
            case .success(let staged):
                if let staged = staged.transaction { transaction = staged }
                manifests[audience] = staged.manifest
                report.writtenCounts[audience] = staged.written
            case .failure(let error):
                throw writeFailure(error, diagnostics)
            }
            clock.lap("write \(audience.rawValue)")
        }
        func finishPendingStage() throws(BuildFailure) {
            guard let (audience, work) = pendingStage else { return }
            pendingStage = nil
            try finishWrite(of: audience, work.wait())
        }
        let audiences = options.audiences.sorted()
        // The words the previous audience's search index found: the next one scans only the
        // pages whose text differs (see `SearchIndexWriter.files(for:reusing:)`).
        var searchWords: SearchIndexWriter.CollectedWords?
        for audience in audiences {
            let view = site.view(for: audience, workers: options.workers)
            if keepingPreviewState { views[audience] = view }
            clock.lap("view \(audience.rawValue)")
            let previous = options.incremental ? previousManifest(of: audience) : nil
            previousManifests[audience] = previous
            let folder = options.output.appendingPathComponent(audience.rawValue)
            // Incremental builds fingerprint every page, for the next one to compare with.
            let reuse = !options.incremental ? nil : RenderReuse { path, fingerprint in
                guard let previous, previous.entries[path]?.fingerprint == fingerprint else { return false }
                return previous.isIntact(path, in: folder)
            }
            // The search index is built on a thread of its own while the pages render: its
            // merges and sorts run on one core, and the render's work fills the other.
            let search = overlaps ? Concurrent { [view, searchWords] in indexer.files(for: view, reusing: searchWords) } : nil
            // A full build writes each page into the staging folder as soon as it is rendered,
            // rather than holding them all until the write (see `StagingFolder`).
            let opened: StagingFolder?
            do { opened = overlaps && !options.incremental ? try transaction.open(audience.rawValue) : nil } catch {
                _ = try? finishPendingStage()
                throw writeFailure(error, diagnostics)
            }
            let emit: (@Sendable (OutputFile) -> Void)? = opened.map { folder in { @Sendable file in folder.write(file) } }
            let rendered = renderer.render(view, reuse: reuse, emit: emit)
            let index: [OutputFile]
            (index, searchWords) = search?.wait() ?? indexer.files(for: view, reusing: searchWords)
            // The last audience's words have no one to reuse them.
            if audience == audiences.last { release(searchWords.take(), inBackground: overlaps) }
            clock.lap("render and search \(audience.rawValue)")
            let files = rendered.files + index
            let plan = OutputPlan(
                folder: audience.rawValue, files: files, copies: rendered.copies.map { ($0.source, $0.destination) },
                kept: rendered.kept, fingerprints: rendered.fingerprints, written: rendered.emitted)
            do { try finishPendingStage() } catch {
                if let opened { transaction.abandon(opened) }
                throw error
            }
            // In place, only what changed (`--incremental` over its earlier output), or into the
            // staging folder, whose transaction comes back with what it now lists.
            let staging = transaction, recording = options.incremental
            let fileCount = files.count + plan.copies.count + plan.written.count
            // The plan is passed, not captured: the last audience's files are freed with it below.
            let write = { @Sendable (plan: OutputPlan) throws(WriteError) -> StagedAudience in
                if let previous {
                    let (manifest, written) = try writer.update(plan, previous: previous)
                    return StagedAudience(manifest: manifest, written: written)
                }
                var transaction = staging
                let manifest = try transaction.stage(plan, into: opened, recording: recording)
                return StagedAudience(transaction: transaction, manifest: manifest, written: fileCount)
            }
            if overlaps && audience != audiences.last {
                // Written while the next audience (another folder) is viewed and rendered; its
                // lap is the wait.
                pendingStage = (audience, Concurrent { [plan] in Result { () throws(WriteError) in try write(plan) } })
            } else {
                // Written at once, so that its files can be freed.
                try finishWrite(of: audience, Result { () throws(WriteError) in try write(plan) })
            }
            report.pageCounts[audience] = view.pages.count
            report.fileCounts[audience] = fileCount + plan.kept.count
            report.keptCounts[audience] = rendered.kept.count
            release((consume view, consume rendered, consume index, consume files, consume plan), inBackground: overlaps)
        }
        try finishPendingStage()
        do { try transaction.commit() } catch { throw writeFailure(error, diagnostics) }
        // The manifests describe the folders now in place; a full build leaves none behind.
        for audience in options.audiences {
            let location = OutputManifest.location(outputRoot: options.output, folder: audience.rawValue)
            if var manifest = manifests[audience] {
                manifest.settings = ProgramIdentity.current
                // A build that changed nothing leaves every file as it was, the manifest too.
                guard manifest != previousManifests[audience] else { continue }
                do { try manifest.write(to: location) } catch { throw writeFailure(error, diagnostics) }
            } else {
                try? FileManager.default.removeItem(at: location)
            }
        }
        clock.lap("swap")
        report.timings = clock.laps
        report.templates = metrics?.entries ?? []
        release(consume site, inBackground: overlaps)
        return (report, sources.map { PreviewState(options: options, sources: $0, theme: theme, views: views) })
    }

    /// The manifest of the audience's folder in the output, when both are there and the
    /// manifest was written by this program.
    private func previousManifest(of audience: Audience) -> OutputManifest? {
        guard FileManager.default.fileExists(atPath: options.output.appendingPathComponent(audience.rawValue).path) else { return nil }
        return OutputManifest.load(from: OutputManifest.location(outputRoot: options.output, folder: audience.rawValue), settings: ProgramIdentity.current)
    }

    private func writeFailure(_ error: WriteError, _ diagnostics: [Diagnostic]) -> BuildFailure {
        BuildFailure(diagnostics: diagnostics + [.error(SourceLocation(path: options.output.path), error.description, code: "write")])
    }

    /// Loads and resolves the sources; `cache` holds compiled pages of earlier builds. The
    /// warnings `site.json` ignores are left out of what it returns and throws, unless
    /// `keepingIgnoredWarnings`.
    private func loadAndResolve(_ clock: inout StageClock, cache: CompiledPageCache?, keepingIgnoredWarnings: Bool) throws(BuildFailure) -> (LoadedSources, Site, [Diagnostic]) {
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

        let (site, resolveDiagnostics) = SiteResolver(workers: options.workers, cache: cache).resolve(sources)
        diagnostics += resolveDiagnostics
        clock.lap("parse and resolve")
        if !keepingIgnoredWarnings { diagnostics = diagnostics.removingWarnings(sources.config.ignoredWarnings) }
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

/// Drops `value`, `inBackground` on a thread of its own (`BackgroundRelease`), so that freeing
/// what a stage is done with does not hold up the next. Without overlapping stages (the dev
/// server) it is dropped here, as before.
private func release<Value: Sendable>(_ value: consuming Value, inBackground: Bool) {
    guard inBackground else { return }
    BackgroundRelease.drop(consume value)
}

/// An audience written, at once or on a thread of its own: staged, with the transaction that
/// now lists it, or updated in place.
private struct StagedAudience: Sendable {
    /// The transaction, back from staging the audience; nil after an update in place
    /// (`build --incremental`), which does not use it.
    var transaction: SiteWriter.WriteTransaction?
    var manifest: OutputManifest?
    /// The files written: all of them when staged, only those that changed in place.
    var written: Int
}

/// Work started on a thread of its own when made, its result taken with `wait()` (once).
final class Concurrent<Result: Sendable>: @unchecked Sendable {
    /// Written by the thread before it signals `done`, read only after waiting for it.
    private var result: Result?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Result) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    func wait() -> Result {
        done.wait()
        return result!
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
