import KortompediaCore
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
}
