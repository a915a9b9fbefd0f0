/// Levenshtein distance over Unicode scalars, for "did you mean" hints and near-duplicate titles.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `text`, at most `limit` edits away, for a "did you mean" hint;
    /// letter case does not count (`baseUrl` → `baseURL`). Ties go to the one listed first.
    public static func nearest(to text: String, among candidates: [String], limit: Int = 2) -> String? {
        let folded = text.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = between(candidate.lowercased(), folded)
            if distance <= limit, distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        return best?.candidate
    }
}
