import Foundation
import KortompediaCore
import Synchronization
import Testing

@Suite struct ParallelTests {
    /// Every size around the chunk boundaries, on one to five workers: the results of a plain
    /// `map`, in order, each made once.
    @Test func mapGivesThePlainMapsResultsInOrder() {
        for workers in 1...5 {
            for count in [0, 1, 2, 3, 31, 32, 33, 63, 64, 65, 159, 160, 161, 1000, 10_007] {
                let items = Array(0..<count)
                let results = Parallel.map(items, workers: workers) { "\($0)·" + String(repeating: "x", count: $0 % 7) }
                #expect(results == items.map { "\($0)·" + String(repeating: "x", count: $0 % 7) }, "workers \(workers), count \(count)")
            }
        }
    }

    /// Results that own memory (arrays of strings) survive the map intact and are released
    /// once: a double initialisation or a missed slot would show here or under a sanitizer.
    @Test func resultsThatOwnMemoryAreKeptWhole() {
        let items = Array(0..<5_000)
        let results = Parallel.map(items, workers: 2) { index in (0..<(index % 13)).map { "woord \($0) van \(index)" } }
        for (index, words) in results.enumerated() {
            #expect(words.count == index % 13)
            #expect(words.last == (index % 13 == 0 ? nil : "woord \(index % 13 - 1) van \(index)"))
        }
    }

    /// A chunk's state is its own: each item sees the state its chunk left, never another
    /// thread's, so a counter kept in it counts only the items of one chunk, in order.
    @Test func eachChunkHasAStateOfItsOwn() {
        for workers in [1, 2, 3] {
            let items = Array(0..<1_000)
            let results = Parallel.map(items, workers: workers, state: { [Int]() }) { seen, item in
                seen.append(item)
                return seen
            }
            for (item, seen) in zip(items, results) {
                // What this chunk saw so far: consecutive items ending at this one.
                #expect(seen.last == item && seen == Array((item - seen.count + 1)...item), "workers \(workers), item \(item)")
            }
            // One state on one thread; on more, at least one per worker.
            let states = results.filter { $0.count == 1 }.count
            #expect(workers == 1 ? states == 1 : states >= workers, "workers \(workers): \(states) states")
        }
    }

    #if os(Linux)
        /// The threads that help with a map take on the caller's priority: the dev server's
        /// full rebuild runs at a lower one, and its helpers must not take the cores from the
        /// requests it serves meanwhile (`FullSiteBuilder.buildNiceness`). Two items on two
        /// workers: each waits until the other's thread has arrived, so both threads take part.
        @Test func helpersRunAtTheCallersPriority() async {
            let seen = await withCheckedContinuation { (continuation: CheckedContinuation<[ThreadSeen], Never>) in
                Thread.detachNewThread {
                    ThreadNiceness.raise(to: 3)
                    let arrived = Atomic<Int>(0)
                    let results = Parallel.map([0, 1], workers: 2) { _ in
                        arrived.add(1, ordering: .sequentiallyConsistent)
                        let deadline = ContinuousClock.now + .seconds(30)
                        while arrived.load(ordering: .sequentiallyConsistent) < 2, ContinuousClock.now < deadline { usleep(1000) }
                        return ThreadSeen(thread: pthread_self(), niceness: ThreadNiceness.current)
                    }
                    continuation.resume(returning: results)
                }
            }
            #expect(Set(seen.map(\.thread)).count == 2)
            #expect(seen.map(\.niceness) == [3, 3])
        }

        /// A thread's nice value only goes up: lowering it again needs a privilege, and what
        /// was meant to run in the background stays there.
        @Test func nicenessOnlyGoesUp() async {
            let values = await withCheckedContinuation { (continuation: CheckedContinuation<[Int32], Never>) in
                Thread.detachNewThread {
                    let before = ThreadNiceness.current
                    ThreadNiceness.raise(to: before + 4)
                    let raised = ThreadNiceness.current
                    ThreadNiceness.raise(to: before + 1)
                    continuation.resume(returning: [before, raised, ThreadNiceness.current])
                }
            }
            #expect(values[1] == values[0] + 4)
            #expect(values[2] == values[1])
        }
    #endif
}

/// Which thread ran an item of `helpersRunAtTheCallersPriority`, at what nice value.
private struct ThreadSeen: Sendable {
    let thread: pthread_t
    let niceness: Int32
}
