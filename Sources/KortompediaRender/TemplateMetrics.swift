import Foundation
import Mustache
import Synchronization

/// The time each of the theme's templates took in one build, summed over every thread: what
/// `build --verbose` lists after its stages, as Hugo's `--templateMetrics` does. It tells a
/// theme's author which template to make lighter, and the build's profile how much of a
/// build is template work.
///
/// A template's time includes the partials and the parent layout it renders through (an
/// `article` includes `base` and `page-meta`). Times are CPU time of the rendering thread, so
/// another stage running alongside on the same core does not count.
public final class TemplateMetrics: Sendable {
    /// One template's renders in the build.
    public struct Entry: Sendable, Equatable {
        public var template: String
        public var renders: Int
        /// CPU seconds of the threads that rendered it.
        public var seconds: Double
        /// Bytes of HTML rendered, before the dev server's script is added to a page.
        public var bytes: Int
    }

    private let totals = Mutex<[String: Entry]>([:])

    public init() {}

    /// Every template rendered so far, the most time first (ties by name).
    public var entries: [Entry] {
        totals.withLock { Array($0.values) }.sorted {
            $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.template < $1.template
        }
    }

    /// `entries` as the lines `build --verbose` prints: one per template, then the sum.
    public static func table(_ entries: [Entry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        let width = max(20, entries.map(\.template.count).max() ?? 0)
        func line(_ name: String, _ renders: String, _ total: String, _ each: String, _ size: String) -> String {
            "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + [(renders, 8), (total, 10), (each, 12), (size, 11)].map { String(repeating: " ", count: max(1, $1 - $0.count)) + $0 }.joined()
        }
        func row(_ name: String, _ renders: Int, _ seconds: Double, _ bytes: Int) -> String {
            let each = renders == 0 ? 0 : seconds / Double(renders)
            let size = renders == 0 ? 0 : Double(bytes) / Double(renders) / 1000
            return line(name, "\(renders)", String(format: "%.3f s", seconds), String(format: "%.0f µs", each * 1e6), String(format: "%.1f kB", size))
        }
        return [line("template", "renders", "CPU", "per render", "HTML each")]
            + entries.map { row($0.template, $0.renders, $0.seconds, $0.bytes) }
            + [row("all templates", entries.map(\.renders).reduce(0, +), entries.map(\.seconds).reduce(0, +), entries.map(\.bytes).reduce(0, +))]
    }

    /// Counts one render of `template`.
    func record(_ template: String, seconds: Double, bytes: Int) {
        totals.withLock { totals in
            totals[template, default: Entry(template: template, renders: 0, seconds: 0, bytes: 0)].add(seconds: seconds, bytes: bytes)
        }
    }
}

extension TemplateMetrics.Entry {
    mutating func add(seconds: Double, bytes: Int) {
        renders += 1
        self.seconds += seconds
        self.bytes += bytes
    }
}

/// The theme's templates as the render stage calls them: one template with its values,
/// timed into `metrics` when the build keeps them.
struct TemplateRenderer: Sendable {
    let library: MustacheLibrary
    let metrics: TemplateMetrics?

    /// `template` rendered with `values`; empty when the theme has no such template.
    func render(_ template: String, _ values: TemplateObject) -> String {
        guard let metrics else { return library.render(values, withTemplate: template) ?? "" }
        let start = Self.threadCPUTime()
        let html = library.render(values, withTemplate: template) ?? ""
        metrics.record(template, seconds: Self.threadCPUTime() - start, bytes: html.utf8.count)
        return html
    }

    /// CPU seconds the calling thread has used.
    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
