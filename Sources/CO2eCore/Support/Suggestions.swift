/// "Did you mean" suggestions: the candidates nearest to a mistyped name.
package enum Suggestions {
    /// The longest text, in characters, for which suggestions are sought.
    package static let maximumLength = 100

    /// Up to `limit` candidates close to `text` (case-insensitive edit distance, or `text` as a
    /// prefix), nearest first. Empty when nothing is close enough to be a plausible typo.
    package static func nearest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let query = Array(text.lowercased().unicodeScalars)
        // Names are short; a long text is no typo of one, and skipping it keeps the work small.
        guard !query.isEmpty, query.count <= maximumLength else { return [] }
        let threshold = max(1, min(3, query.count / 3 + 1))
        var scored: [(distance: Int, candidate: String)] = []
        var seen = Set<String>()
        for candidate in candidates {
            let key = candidate.lowercased()
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            let c = Array(key.unicodeScalars)
            guard c.count <= maximumLength + threshold else { continue }
            let d = editDistance(query, c, cap: threshold + 1)
            if d <= threshold {
                scored.append((d, candidate))
            } else if query.count >= 3 && c.starts(with: query) {
                scored.append((threshold, candidate))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.candidate < $1.candidate }
        return Array(scored.prefix(max(0, limit)).map(\.candidate))
    }

    /// Levenshtein distance with transpositions counted as one edit, stopping early at `cap`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int) -> Int {
        if abs(a.count - b.count) >= cap { return cap }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = v
                rowMinimum = min(rowMinimum, v)
            }
            if rowMinimum >= cap { return cap }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
