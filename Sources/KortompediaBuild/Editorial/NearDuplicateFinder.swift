import KortompediaCore

/// Finds pairs of strings at most two edits apart without comparing every pair, so that the
/// title check stays linear at ten thousand articles.
///
/// Why it is complete: cut a string `v` into three segments. Two edits can break at most two of
/// them, so one segment of `v` appears unchanged in any `u` within two edits, shifted by at most
/// two positions, and `u`'s length differs from `v`'s by at most two. Every string is indexed by
/// (length, segment number, segment text); every string then looks up the few keys such a
/// neighbour would have. Candidates are confirmed with the exact edit distance.
enum NearDuplicateFinder {
    /// The largest distance this finder is built for (three segments, pigeonhole).
    static let maxDistance = 2

    /// A pair `(first, second)` with `first < second` (indexes into the input) and its distance.
    struct Match: Hashable, Sendable {
        var first: Int
        var second: Int
        var distance: Int
    }

    private struct Key: Hashable {
        var length: Int
        var segment: Int
        var text: ArraySlice<Unicode.Scalar>

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.length == rhs.length && lhs.segment == rhs.segment && lhs.text.elementsEqual(rhs.text)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(length)
            hasher.combine(segment)
            for scalar in text { hasher.combine(scalar) }
        }
    }

    /// Segment `index` (0, 1 or 2) of a string of `length` scalars: its start and length.
    private static func segment(_ index: Int, of length: Int) -> (start: Int, count: Int) {
        let start = index * length / 3
        return (start, (index + 1) * length / 3 - start)
    }

    /// All pairs of `texts` whose edit distance (over Unicode scalars) is at most `maxDistance`,
    /// sorted by `first`, then `second`.
    static func matches(in texts: [String]) -> [Match] {
        let scalars = texts.map { Array($0.unicodeScalars) }
        var index: [Key: [Int]] = [:]
        for (position, text) in scalars.enumerated() {
            for number in 0..<3 {
                let (start, count) = segment(number, of: text.count)
                index[Key(length: text.count, segment: number, text: text[start..<start + count]), default: []].append(position)
            }
        }
        var found = Set<Match>()
        for (position, text) in scalars.enumerated() {
            var candidates = Set<Int>()
            for length in max(0, text.count - maxDistance)...(text.count + maxDistance) {
                for number in 0..<3 {
                    let (start, count) = segment(number, of: length)
                    for shift in -maxDistance...maxDistance {
                        let from = start + shift
                        guard from >= 0, from + count <= text.count else { continue }
                        let key = Key(length: length, segment: number, text: text[from..<from + count])
                        for other in index[key] ?? [] where other > position { candidates.insert(other) }
                    }
                }
            }
            for other in candidates {
                let distance = boundedDistance(text, scalars[other], limit: maxDistance)
                if distance <= maxDistance { found.insert(Match(first: position, second: other, distance: distance)) }
            }
        }
        return found.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }

    /// Levenshtein distance, or `limit + 1` as soon as it is certain to exceed `limit`.
    static func boundedDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return min(previous[b.count], limit + 1)
    }
}
