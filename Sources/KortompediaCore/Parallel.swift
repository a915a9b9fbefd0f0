import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Data-parallel helpers over all cores. Results keep the input order, so output built from
/// them is identical to a one-threaded run.
///
/// The work runs on the calling thread and on threads it starts for the call, not on
/// dispatch's shared pool: started by the caller, they take on its priority (on Linux, its nice
/// value). The dev server runs its full rebuilds at a lower priority than the Swift
/// concurrency pool that answers requests (`ThreadNiceness`); through dispatch's threads, which
/// that pool shares, lowering the one would have lowered the other.
public enum Parallel {
    /// The number of online cores: the default for `BuildOptions.threads`.
    public static var availableCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `items.map(transform)` on `workers` threads (the caller and `workers - 1` it starts), in
    /// chunks; `workers == 1` runs inline.
    ///
    /// Each chunk writes its results straight into their places in the result array: no
    /// gathering of the parts afterwards, which for 10,000 parsed pages was a copy on one core.
    /// Thirty-two chunks per worker keep both cores busy to the end when items differ in cost.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, _ transform: @Sendable (T) -> R
    ) -> [R] {
        map(items, workers: workers, state: {}) { _, item in transform(item) }
    }

    /// `map(_:workers:_:)` where each chunk first makes a `State` of its own (`makeState`) and
    /// lends it to `transform` for each of its items in turn: scratch space reused from item to
    /// item without being shared between threads. One thread makes one.
    public static func map<T: Sendable, R: Sendable, State>(
        _ items: [T], workers: Int, state makeState: @Sendable () -> State, _ transform: @Sendable (inout State, T) -> R
    ) -> [R] {
        if workers <= 1 || items.count < 2 {
            var state = makeState()
            return items.map { transform(&state, $0) }
        }
        let chunkCount = min(items.count, workers * 32)
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initializedCount in
            let results = ResultSlots(base: buffer.baseAddress!)
            let chunks = ChunkCounter()
            // Each thread takes the next chunk until none is left.
            func work() {
                while true {
                    let chunk = chunks.next()
                    guard chunk < chunkCount else { return }
                    let start = chunk * chunkSize
                    let end = min(items.count, start + chunkSize)
                    guard start < end else { continue }
                    var state = makeState()
                    for index in start..<end {
                        (results.base + index).initialize(to: transform(&state, items[index]))
                    }
                }
            }
            withoutActuallyEscaping(work) { work in
                // `work` does not outlive this call: every thread is joined before it returns.
                // A thread that cannot be started (the system's limit reached) is not needed:
                // the others take its chunks.
                let helpers = (1..<min(workers, chunkCount)).compactMap { _ in HelperThread(work) }
                work()
                for helper in helpers { helper.join() }
            }
            // Every index lies in exactly one chunk, and every chunk ran to its end.
            initializedCount = items.count
        }
    }
}

/// Hands out chunk numbers 0, 1, 2, … to the threads of one `Parallel.map`.
private final class ChunkCounter: Sendable {
    private let counter = Atomic<Int>(0)
    func next() -> Int { counter.add(1, ordering: .relaxed).oldValue }
}

/// A POSIX thread running `body` from the moment it is made, until `join()` returns. A thread
/// made by another inherits its scheduling priority.
private final class HelperThread {
    private var thread: pthread_t

    /// Starts the thread; nil when the system refuses one.
    init?(_ body: @escaping () -> Void) {
        let context = Unmanaged.passRetained(ThreadBody(body))
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context.toOpaque())
        guard status == 0 else {
            context.release()
            return nil
        }
        #if canImport(Glibc)
            self.thread = thread
        #else
            self.thread = thread!
        #endif
    }

    func join() { pthread_join(thread, nil) }
}

/// The closure a `HelperThread` runs, passed through `pthread_create`'s context pointer.
private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// The result array's storage, written by the chunks of `Parallel.map` at indices no two chunks
/// share.
private struct ResultSlots<R>: @unchecked Sendable {
    let base: UnsafeMutablePointer<R>
}
