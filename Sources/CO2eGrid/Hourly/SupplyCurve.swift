import CO2eCore

/// The hour-by-hour matching of a load to its supply, as a function of one number: the scale
/// applied to every supply series (an uncertain capacity factor against the profile's own).
///
/// In each interval the matched energy is min(load, scale × supply): the interval is
/// supply-limited while scale ≤ load / supply (its breakpoint) and load-limited above. With the
/// intervals sorted by breakpoint, every total (matched, carbon-free, unmatched, surplus and the
/// emissions of each) is a sum over the load-limited prefix plus scale times a sum over the
/// supply-limited suffix, so it is read from prefix and suffix sums, found by binary search:
/// O(log n) per evaluation and no allocation, which is what lets a Monte Carlo draw the scale
/// thousands of times over a year of hours. At scale 1 the totals are the sums `HourlySupply`
/// gives interval by interval (to rounding).
package struct SupplyCurve: Sendable {
    /// The totals at one scale; energies in kWh, masses in grams.
    package struct Totals: Sendable, Equatable {
        package var supplyKWh = 0.0
        package var matchedKWh = 0.0
        package var carbonFreeKWh = 0.0
        package var unmatchedKWh = 0.0
        package var surplusKWh = 0.0
        /// The matched energy at the supplies' own rates.
        package var matchedGrams = 0.0
        /// The unmatched energy at each interval's location factor.
        package var unmatchedLocationGrams = 0.0
        /// The unmatched energy times each interval's grid carbon-free share.
        package var gridCarbonFreeKWh = 0.0
    }

    /// Breakpoints (load / supply) of the intervals with supply, ascending.
    package let breakpoints: [Double]
    /// The sums over the first k intervals in breakpoint order (index k, 0...n), for the
    /// load-limited part: load, supply, matched energy's grams (rate × load), carbon-free energy
    /// (carbon-free fraction × load).
    private let prefixLoad, prefixSupply, prefixGrams, prefixCarbonFree: [Double]
    /// The sums over the intervals from k on (index k, 0...n), for the supply-limited part:
    /// load, supply, supply grams, supply carbon-free energy, load × location factor, supply ×
    /// location factor, load × grid share, supply × grid share.
    private let suffixLoad, suffixSupply, suffixGrams, suffixCarbonFree: [Double]
    private let suffixLoadLocation, suffixSupplyLocation, suffixLoadShare, suffixSupplyShare: [Double]
    /// Intervals without supply: load, load × location factor, load × grid share.
    private let idleLoad, idleLoadLocation, idleLoadShare: Double
    private let totalSupply: Double

    /// The curve of `intervals` (at scale 1).
    package init(_ intervals: [HourlySupply.Slot]) {
        var idle = Accumulator(), idleLoc = Accumulator(), idleShare = Accumulator(), supply = Accumulator()
        var supplied: [(b: Double, slot: HourlySupply.Slot)] = []
        supplied.reserveCapacity(intervals.count)
        for s in intervals {
            supply.add(s.supplyKWh)
            if s.supplyKWh > 0 {
                supplied.append((s.loadKWh / s.supplyKWh, s))
            } else {
                idle.add(s.loadKWh)
                idleLoc.add(s.loadKWh * s.locationGramsPerKWh)
                idleShare.add(s.loadKWh * (s.gridCFEShare ?? 0))
            }
        }
        supplied.sort { $0.b < $1.b }
        let n = supplied.count
        func prefix(_ term: (HourlySupply.Slot) -> Double) -> [Double] {
            var out = [Double](repeating: 0, count: n + 1)
            var acc = Accumulator()
            for (k, e) in supplied.enumerated() { acc.add(term(e.slot)); out[k + 1] = acc.value }
            return out
        }
        func suffix(_ term: (HourlySupply.Slot) -> Double) -> [Double] {
            var out = [Double](repeating: 0, count: n + 1)
            var acc = Accumulator()
            for k in stride(from: n - 1, through: 0, by: -1) { acc.add(term(supplied[k].slot)); out[k] = acc.value }
            return out
        }
        breakpoints = supplied.map(\.b)
        // Load-limited: the whole load is met, at the supply's rate and carbon-free fraction.
        prefixLoad = prefix { $0.loadKWh }
        prefixSupply = prefix { $0.supplyKWh }
        prefixGrams = prefix { $0.supplyGrams / $0.supplyKWh * $0.loadKWh }
        prefixCarbonFree = prefix { $0.supplyCarbonFreeKWh / $0.supplyKWh * $0.loadKWh }
        suffixLoad = suffix { $0.loadKWh }
        suffixSupply = suffix { $0.supplyKWh }
        suffixGrams = suffix { $0.supplyGrams }
        suffixCarbonFree = suffix { $0.supplyCarbonFreeKWh }
        suffixLoadLocation = suffix { $0.loadKWh * $0.locationGramsPerKWh }
        suffixSupplyLocation = suffix { $0.supplyKWh * $0.locationGramsPerKWh }
        suffixLoadShare = suffix { $0.loadKWh * ($0.gridCFEShare ?? 0) }
        suffixSupplyShare = suffix { $0.supplyKWh * ($0.gridCFEShare ?? 0) }
        idleLoad = idle.value
        idleLoadLocation = idleLoc.value
        idleLoadShare = idleShare.value
        totalSupply = supply.value
    }

    /// The totals with every supply series scaled by `scale` (0 or more).
    package func totals(scale c: Double) -> Totals {
        // k: the first interval still supply-limited (breakpoint ≥ c); those before are load-limited.
        var lo = 0, hi = breakpoints.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if breakpoints[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        let k = lo
        var t = Totals()
        t.supplyKWh = c * totalSupply
        t.matchedKWh = prefixLoad[k] + c * suffixSupply[k]
        t.carbonFreeKWh = prefixCarbonFree[k] + c * suffixCarbonFree[k]
        t.matchedGrams = prefixGrams[k] + c * suffixGrams[k]
        // Differences of sums that are each at least 0 term by term: kept from rounding below 0.
        t.unmatchedKWh = idleLoad + max(0, suffixLoad[k] - c * suffixSupply[k])
        t.surplusKWh = max(0, c * prefixSupply[k] - prefixLoad[k])
        t.unmatchedLocationGrams = idleLoadLocation + max(0, suffixLoadLocation[k] - c * suffixSupplyLocation[k])
        t.gridCarbonFreeKWh = idleLoadShare + max(0, suffixLoadShare[k] - c * suffixSupplyShare[k])
        return t
    }

    /// Neumaier's compensated running sum (as `Summation` does for an array).
    private struct Accumulator {
        private var sum = 0.0, compensation = 0.0
        var value: Double { sum + compensation }
        mutating func add(_ v: Double) {
            let t = sum + v
            compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
            sum = t
        }
    }
}
