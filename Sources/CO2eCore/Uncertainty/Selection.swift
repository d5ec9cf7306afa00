/// Percentiles of a large buffer without sorting it: each needed order statistic is put in place
/// by quickselect (Hoare, 1961; median-of-three pivot), nearest targets first found inside the
/// ranges the earlier ones split off, then the neighbour each linear interpolation needs is the
/// minimum of the part between two targets. About 2-3 passes over the data instead of a sort's
/// log2(n) ≈ 23.
enum Selection {
    /// numpy's default percentile (linear interpolation between the order statistics at
    /// floor(p/100 (n-1)) and the next) for each of `percents`, in their order. Reorders `data`.
    /// NaN when the data hold a NaN.
    static func percentiles(_ data: UnsafeMutableBufferPointer<Double>, _ percents: [Double]) -> [Double] {
        let n = data.count
        guard n > 0 else { return percents.map { _ in .nan } }
        if data.contains(where: { $0.isNaN }) { return percents.map { _ in .nan } }
        let ranks = percents.map { $0 / 100 * Double(n - 1) }
        let targets = Array(Set(ranks.map { Int($0.rounded(.down)) })).sorted()
        multiselect(data, 0, n, targets[...])
        return ranks.map { rank in
            let lo = Int(rank.rounded(.down))
            let fraction = rank - Double(lo)
            guard lo + 1 < n, fraction > 0 else { return data[lo] }
            // The next order statistic: the smallest value after `lo` up to the next target.
            let next = targets.first { $0 > lo } ?? n
            var m = data[lo + 1]
            if next > lo + 1 {
                var k = lo + 2
                while k < next { if data[k] < m { m = data[k] }; k += 1 }
                if next < n && data[next] < m { m = data[next] }
            }
            return data[lo] + (m - data[lo]) * fraction
        }
    }

    /// Puts each of `targets` (sorted) at its sorted place within [lo, hi).
    private static func multiselect(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ targets: ArraySlice<Int>) {
        guard !targets.isEmpty else { return }
        let mid = targets.startIndex + targets.count / 2
        let k = targets[mid]
        select(a, lo, hi, k)
        multiselect(a, lo, k, targets[targets.startIndex..<mid])
        multiselect(a, k + 1, hi, targets[(mid + 1)...])
    }

    /// Quickselect: afterwards a[k] holds the value it would hold sorted, a[lo..<k] <= a[k] <=
    /// a[k+1..<hi].
    static func select(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ k: Int) {
        var left = lo, right = hi - 1
        while right > left {
            if right - left < 16 {
                // Insertion sort for a short range.
                var i = left + 1
                while i <= right {
                    let x = a[i]
                    var j = i - 1
                    while j >= left && a[j] > x { a[j + 1] = a[j]; j -= 1 }
                    a[j + 1] = x
                    i += 1
                }
                return
            }
            // Median of three as pivot.
            let m = left + (right - left) / 2
            if a[m] < a[left] { a.swapAt(m, left) }
            if a[right] < a[left] { a.swapAt(right, left) }
            if a[right] < a[m] { a.swapAt(right, m) }
            let pivot = a[m]
            var i = left, j = right
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { right = j } else if k >= i { left = i } else { return }
        }
    }
}

extension Selection {
    /// Bins of the histogram pass.
    static let bins = 1 << 16

    /// The same percentiles as `percentiles`, found with every thread: a histogram of 65,536
    /// equal bins between the smallest and largest value counts where each needed order
    /// statistic falls (bins are monotone in the value, so the k-th smallest value lies in the
    /// bin where the running count passes k), then only the values of those bins are gathered
    /// and sorted. Two parallel passes instead of a serial quickselect. Falls back to
    /// quickselect when the needed bins hold more than an eighth of the data (a very skewed
    /// output). Does not reorder `data`.
    static func percentiles(_ data: UnsafeMutablePointer<Double>, count n: Int, _ percents: [Double], threads: Int,
                            lowest: Double, highest: Double) -> [Double] {
        guard n > 0, !lowest.isNaN, !highest.isNaN else { return percents.map { _ in .nan } }
        guard lowest < highest, lowest.isFinite, highest.isFinite else {
            if lowest == highest { return percents.map { _ in lowest } }
            return percentiles(UnsafeMutableBufferPointer(start: data, count: n), percents)
        }
        let bins = Self.bins
        let scale = Double(bins) / (highest - lowest)
        @Sendable @inline(__always) func bin(_ x: Double) -> Int { Swift.min(bins - 1, Int((x - lowest) * scale)) }
        let threads = Swift.max(1, Swift.min(threads, n / 65_536 + 1))
        let chunk = (n + threads - 1) / threads
        let shared = Buffers(data: data, counts: .allocate(capacity: bins * threads))
        defer { shared.counts.deallocate() }
        MonteCarlo.parallel(threads) { t in
            let counts = shared.counts + t * bins
            counts.initialize(repeating: 0, count: bins)
            let end = Swift.min(n, (t + 1) * chunk)
            var i = t * chunk
            while i < end { counts[bin(shared.data[i])] += 1; i += 1 }
        }
        // Cumulative counts; the bin of each needed rank.
        var below = [Int](repeating: 0, count: bins + 1)
        for b in 0..<bins {
            var c = 0
            for t in 0..<threads { c += shared.counts[t * bins + b] }
            below[b + 1] = below[b] + c
        }
        func binOf(_ rank: Int) -> Int {
            var lo = 0, hi = bins - 1
            while lo < hi { let mid = (lo + hi) / 2; if below[mid + 1] > rank { hi = mid } else { lo = mid + 1 } }
            return lo
        }
        let ranks = percents.map { $0 / 100 * Double(n - 1) }
        var needed = Set<Int>()
        for r in ranks {
            let lo = Int(r.rounded(.down))
            needed.insert(binOf(lo))
            if lo + 1 < n { needed.insert(binOf(lo + 1)) }
        }
        let wanted = needed.sorted()
        let total = wanted.reduce(0) { $0 + below[$1 + 1] - below[$1] }
        guard total <= n / 8 + 1024 else { return percentiles(UnsafeMutableBufferPointer(start: data, count: n), percents) }
        var isWanted = [Bool](repeating: false, count: bins)
        for b in wanted { isWanted[b] = true }
        let flags = isWanted
        let gathered = GatherBox(threads)
        MonteCarlo.parallel(threads) { t in
            var mine: [Double] = []
            let end = Swift.min(n, (t + 1) * chunk)
            var i = t * chunk
            while i < end {
                let x = shared.data[i]
                if flags[bin(x)] { mine.append(x) }
                i += 1
            }
            gathered.set(t, mine)
        }
        // Each wanted bin's values, sorted.
        var sortedBins: [Int: [Double]] = [:]
        for b in wanted { sortedBins[b] = [] }
        for part in gathered.parts { for x in part { sortedBins[bin(x)]!.append(x) } }
        for b in wanted { sortedBins[b]!.sort() }
        func order(_ rank: Int) -> Double { let b = binOf(rank); return sortedBins[b]![rank - below[b]] }
        return ranks.map { r in
            let lo = Int(r.rounded(.down))
            let fraction = r - Double(lo)
            let a = order(lo)
            guard lo + 1 < n, fraction > 0 else { return a }
            return a + (order(lo + 1) - a) * fraction
        }
    }
}

private final class Buffers: @unchecked Sendable {
    let data: UnsafeMutablePointer<Double>
    let counts: UnsafeMutablePointer<Int>
    init(data: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) { self.data = data; self.counts = counts }
}

/// Per-thread results; each thread writes only its own slot.
private final class GatherBox: @unchecked Sendable {
    let slots: UnsafeMutablePointer<[Double]>
    let count: Int
    init(_ n: Int) { count = n; slots = .allocate(capacity: n); slots.initialize(repeating: [], count: n) }
    deinit { slots.deinitialize(count: count); slots.deallocate() }
    func set(_ t: Int, _ values: [Double]) { slots[t] = values }
    var parts: UnsafeBufferPointer<[Double]> { UnsafeBufferPointer(start: slots, count: count) }
}

extension Selection {
    /// Sorts in place (not stable): quicksort (median-of-three pivot, Hoare partition as `select`), insertion
    /// sort below 16 elements, recursing into the smaller part. For the kept samples' ranks;
    /// faster here than the standard library's stable merge sort.
    static func sort<T>(_ a: UnsafeMutableBufferPointer<T>, by less: (T, T) -> Bool) {
        var stack: [(Int, Int)] = [(0, a.count - 1)]
        while let (l, r) = stack.popLast() {
            var left = l, right = r
            while right - left >= 16 {
                let m = left + (right - left) / 2
                if less(a[m], a[left]) { a.swapAt(m, left) }
                if less(a[right], a[left]) { a.swapAt(right, left) }
                if less(a[right], a[m]) { a.swapAt(right, m) }
                let pivot = a[m]
                var i = left, j = right
                while i <= j {
                    while less(a[i], pivot) { i += 1 }
                    while less(pivot, a[j]) { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                // Loop on the smaller part, push the larger (bounded stack depth).
                if j - left < right - i {
                    stack.append((i, right)); right = j
                } else {
                    stack.append((left, j)); left = i
                }
            }
            if right > left {
                var i = left + 1
                while i <= right {
                    let x = a[i]
                    var j = i - 1
                    while j >= left && less(x, a[j]) { a[j + 1] = a[j]; j -= 1 }
                    a[j + 1] = x
                    i += 1
                }
            }
        }
    }
}
