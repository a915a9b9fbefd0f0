import Foundation
import KortompediaBuild
import KortompediaCore
import KortompediaSite

/// The outcome of one (re)build for the dev server.
public enum SiteBuildResult: Sendable {
    /// The site built: serve `folder`. Warnings are in `diagnostics`; those about a page's
    /// source, also in `pageWarnings` by the page's file in `folder`, for the page to show.
    case success(folder: URL, pageCount: Int, diagnostics: [Diagnostic], pageWarnings: [String: [DiagnosticRecord]] = [:])
    /// The site did not build; the server keeps serving the previous folder.
    case failure(diagnostics: [Diagnostic])
}

/// Builds the site for the dev server. `DevServer` calls it once at start and after every
/// change, one call at a time, with the changed paths (relative to the site root; empty for
/// the first build). A builder that rebuilds only what a change touches (issue 6) plugs in
/// here; `FullSiteBuilder` rebuilds everything.
public protocol SiteBuilder: Sendable {
    func build(changedPaths: [String]) async -> SiteBuildResult

    /// The fast path, tried before `build` after a change: the page of an edit it can handle
    /// alone (the body of one page), rendered again, or nil when only the full build will do.
    /// `build` always follows.
    func quickBuild(changedPaths: [String]) async -> QuickPage?
}

extension SiteBuilder {
    public func quickBuild(changedPaths: [String]) async -> QuickPage? { nil }
}

/// A page the fast path rendered again. The server serves it from memory in place of the file
/// at `path` in `folder`, until it serves another folder: nothing is written, so a save is
/// never kept waiting behind a disk that the full rebuild keeps busy.
public struct QuickPage: Sendable, Equatable {
    /// The build folder the page belongs to.
    public var folder: URL
    /// The page's file, relative to `folder`.
    public var path: String
    public var contents: [UInt8]

    public init(folder: URL, path: String, contents: [UInt8]) {
        self.folder = folder
        self.path = path
        self.contents = contents
    }
}

/// Rebuilds the site for one audience (unchanged pages come from the compile cache) into a fresh folder under `workFolder` each time,
/// so that the previous build stays intact (and served) until the new one is complete. The
/// build before the current one is kept a little longer for requests still reading it.
public actor FullSiteBuilder: SiteBuilder {
    /// The site folder.
    public let root: URL
    /// The audience built (and served).
    public let audience: Audience
    /// Where the builds go, one sub-folder each (`build-1`, `build-2`, ...).
    public let workFolder: URL
    /// Whether pages with `draft: true` are built.
    public let includeDrafts: Bool
    /// Worker threads of each build.
    public let workers: Int
    /// HTML put before `</body>` of every page: the reload script.
    public let injectedScript: String
    private var builds = 0
    private var kept: [URL] = []
    /// The last good build, for the fast path: what it kept, the folder served, and how long it
    /// took (compared with `quickBuildThreshold`).
    private var preview: (state: PreviewState, folder: URL, seconds: Double)?
    /// Seconds a full build must have taken for the fast path to be tried; 0 (the default)
    /// tries it after every save. The page it showed is not reloaded again by the full build
    /// when that build serves it unchanged (see `ServeEvent.reload`). It used to be 0.5 s, so
    /// that a page would not reload twice in a blink; but at 1,000 articles, where a full build
    /// takes about that long, four saves of twenty were then served after 0.57-0.72 s instead of
    /// 5-12 ms (the bench at 3d71dd0).
    public let quickBuildThreshold: Double
    /// Pages compiled by earlier builds: after an edit only the changed page is parsed again
    /// (all of them when a title, slug or access changed; see `CompiledPageCache`).
    public let cache = CompiledPageCache()

    /// A builder for the site at `root`, writing under `workFolder`.
    public init(
        root: URL, audience: Audience, workFolder: URL, includeDrafts: Bool = false,
        workers: Int = Parallel.availableCores, injectedScript: String = ReloadScript.html, quickBuildThreshold: Double = 0
    ) {
        self.quickBuildThreshold = quickBuildThreshold
        self.root = root
        self.audience = audience
        self.workFolder = workFolder
        self.includeDrafts = includeDrafts
        self.workers = workers
        self.injectedScript = injectedScript
    }

    /// The nice value full builds run at. Both cores are theirs while nothing else runs; a
    /// save's fast path, the event stream and the browser's requests come first. At 10,000
    /// articles, with builds at the server's own priority, a request for one page took 10-14 ms
    /// during a rebuild, and one save in fifty was served after more than 100 ms.
    public static let buildNiceness: Int32 = 10

    /// Builds the site on a thread of its own; only pages whose sources changed are parsed again.
    public func build(changedPaths: [String]) async -> SiteBuildResult {
        builds += 1
        let output = workFolder.appendingPathComponent("build-\(builds)")
        let options = BuildOptions(
            root: root, output: output, audiences: [audience], includeDrafts: includeDrafts,
            workers: workers, injectedScript: injectedScript, cache: cache, overlapsStages: false)
        // The build is CPU work that blocks: run it on its own thread, off the Swift
        // concurrency pool that serves requests, and at a lower priority (`buildNiceness`),
        // which its helper threads take on (`Parallel`). What is made of its report runs there
        // too: the actor stays free for the fast path of a save that comes meanwhile.
        let start = ContinuousClock.now
        let audience = self.audience
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<FinishedBuild, BuildFailure>, Never>) in
            Thread.detachNewThread {
                ThreadNiceness.raise(to: FullSiteBuilder.buildNiceness)
                continuation.resume(returning: Result { () throws(BuildFailure) in
                    let (report, state) = try BuildPipeline(options: options).runForPreview()
                    return FinishedBuild(report: report, state: state, audience: audience)
                })
            }
        }
        switch result {
        case .success(let build):
            // The state it replaces holds the whole previous site: freeing it took 60-90 ms at
            // 10,000 articles, and a save noticed meanwhile waited for the actor that long.
            let replaced = preview
            preview = (build.state, output.appendingPathComponent(audience.rawValue), (ContinuousClock.now - start).seconds)
            BackgroundRelease.drop(consume replaced)
            kept.append(output)
            // Deleting a few hundred files can take a second on a busy disk: do it in the
            // background, so that the new build is served at once.
            let old = kept.count > 2 ? kept.removeFirst() : nil
            if let old {
                Thread.detachNewThread {
                    ThreadNiceness.raise(to: FullSiteBuilder.buildNiceness)
                    try? FileManager.default.removeItem(at: old)
                }
            }
            return .success(
                folder: output.appendingPathComponent(audience.rawValue),
                pageCount: build.report.pageCounts[audience] ?? 0, diagnostics: build.report.diagnostics, pageWarnings: build.pageWarnings)
        case .failure(let failure):
            try? FileManager.default.removeItem(at: output)
            return .failure(diagnostics: failure.diagnostics)
        }
    }

    /// The page of a body-only edit (see `PreviewState.quickUpdate`) for the folder being
    /// served, when the last full build took longer than `quickBuildThreshold`.
    public func quickBuild(changedPaths: [String]) async -> QuickPage? {
        guard changedPaths.count == 1, let preview, preview.seconds >= quickBuildThreshold,
            let files = preview.state.quickUpdate(path: changedPaths[0]), let file = files[audience]
        else { return nil }
        return QuickPage(folder: preview.folder, path: file.path, contents: file.contents)
    }
}

/// A successful build of `FullSiteBuilder` with what the server needs of it, made on the
/// build's thread.
private struct FinishedBuild: Sendable {
    let report: BuildReport
    let state: PreviewState
    /// The build's warnings by the output file of the page they are about.
    let pageWarnings: [String: [DiagnosticRecord]]

    init(report: BuildReport, state: PreviewState, audience: Audience) {
        self.report = report
        self.state = state
        let files = state.outputFiles(of: audience)
        var warningsByFile: [String: [Diagnostic]] = [:]
        for diagnostic in report.diagnostics {
            if let file = files[diagnostic.location.path] { warningsByFile[file, default: []].append(diagnostic) }
        }
        pageWarnings = warningsByFile.mapValues { $0.sorted().map(DiagnosticRecord.init) }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
