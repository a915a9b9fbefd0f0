import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Data-parallel helpers over all cores. Results keep the input order, so output built from
/// them is identical to a one-threaded run.
public enum Parallel {
    /// The number of online cores: the default for `BuildOptions.threads`.
    public static var availableCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `items.map(transform)` on `workers` threads, in chunks; `workers == 1` runs inline.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, _ transform: @Sendable (T) -> R
    ) -> [R] {
        if workers <= 1 || items.count < 2 { return items.map(transform) }
        let chunkCount = min(items.count, workers * 8)
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        let results = Mutex<[[R]]>(Array(repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(items.count, start + chunkSize)
            guard start < end else { return }
            let part = items[start..<end].map(transform)
            results.withLock { $0[chunk] = part }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}
