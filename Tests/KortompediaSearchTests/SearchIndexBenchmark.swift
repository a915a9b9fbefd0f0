import Foundation
import KortompediaCore
import KortompediaSearch
import KortompediaSite
import KortompediaSource
import Testing

/// Times the index writer on a generated site and writes the index for the comparison script.
/// Runs only when `KORTOMPEDIA_SEARCH_BENCH_SITE` names a site folder (see
/// `bench/search/README.md`); `KORTOMPEDIA_SEARCH_BENCH_OUT` receives both audiences' files.
struct SearchIndexBenchmark {
    static let site = ProcessInfo.processInfo.environment["KORTOMPEDIA_SEARCH_BENCH_SITE"]
    static let out = ProcessInfo.processInfo.environment["KORTOMPEDIA_SEARCH_BENCH_OUT"]

    /// CPU time of this process (all threads), to judge speed on a busy machine.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test(.enabled(if: site != nil, "set KORTOMPEDIA_SEARCH_BENCH_SITE to run"))
    func indexGeneratedSite() throws {
        let workers = Int(ProcessInfo.processInfo.environment["KORTOMPEDIA_SEARCH_BENCH_WORKERS"] ?? "2") ?? 2
        let clock = ContinuousClock()
        let sources = try SourceTreeLoader(root: URL(fileURLWithPath: Self.site!), workers: workers).load()
        let (site, _) = SiteResolver(workers: workers).resolve(sources)
        for audience in [Audience.public, .members] {
            let view = site.view(for: audience)
            let writer = SearchIndexWriter(workers: workers)
            _ = writer.files(for: view)  // warm up
            var files: [OutputFile] = []
            let cpuBefore = Self.cpuSeconds()
            let elapsed = clock.measure { files = writer.files(for: view) }
            let cpu = Self.cpuSeconds() - cpuBefore
            let index = files.filter { $0.path.hasPrefix(SearchIndexWriter.indexFolder) }
            let bytes = index.reduce(0) { $0 + $1.contents.count }
            let shards = index.filter { $0.path.contains("/t/") }
            let manifest = index.first { $0.path.hasSuffix("manifest.json") }!.contents.count
            print(
                "search-bench \(audience.rawValue): \(view.pages.count) pages, \(elapsed) on \(workers) workers (\(cpu) s CPU), "
                    + "\(index.count) files, \(bytes) bytes, manifest \(manifest) bytes, \(shards.count) shards, "
                    + "largest shard \(shards.map(\.contents.count).max() ?? 0) bytes")
            if let out = Self.out {
                let root = URL(fileURLWithPath: out).appendingPathComponent(audience.rawValue)
                for file in files {
                    let url = root.appendingPathComponent(file.path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.contents).write(to: url)
                }
            }
        }
    }
}
