/// How to treat intervals the factor series has no value for.
public enum GapFilling: String, Sendable, CaseIterable {
    /// Refuse: report the gaps (the default; nothing is filled silently).
    case none
    /// Carry the last value before the gap forward (the first value, for a leading gap).
    case previous
    /// Interpolate linearly between the values either side of the gap.
    case linear
    /// Use the mean of the series' values.
    case mean
}

/// Emissions of a load profile hour by hour against an hourly factor series, and the
/// difference against one average factor for the same energy.
public struct TimeMatchedEmissions: Sendable {
    /// One interval of the load with its matched factor.
    public struct Slot: Sendable, Hashable {
        public let start: Timestamp
        public let kilowattHours: Double
        public let gramsPerKilowattHour: Double
        /// Whether the factor was filled in for a gap.
        public let filled: Bool
        /// kWh x g/kWh / 1000.
        public var kilograms: Double { kilowattHours * gramsPerKilowattHour / UnitTable.gramsPerKilogram }
    }

    public let slots: [Slot]
    /// Gaps in the factor series over the load's period (filled or not needed).
    public let gapsInPeriod: [Timestamp]
    /// Gaps in the whole factor series.
    public let gapsInSeries: Int
    public let filling: GapFilling

    /// Total energy, kWh (compensated sum).
    public var kilowattHours: Double { Summation.sum(slots.lazy.map(\.kilowattHours)) }
    /// Total emissions, kg (compensated sum of each slot's kWh x g/kWh / 1000).
    public var kilograms: Double { Summation.sum(slots.lazy.map(\.kilograms)) }

    /// Matches `load` with `factors`.
    ///
    /// The two may have different steps when one divides the other: an hourly load against
    /// half-hourly factors takes the mean of the two factor values in each hour; a 15-minute
    /// load against hourly factors takes the factor of the hour that holds it.
    ///
    /// - Throws: `CO2eError.invalidData` listing the intervals without a factor (gaps, unless
    ///   `filling` fills them, or times outside the series) and steps that do not divide.
    public static func match(load: TimeSeries, factors: TimeSeries, filling: GapFilling = .none) throws -> TimeMatchedEmissions {
        let fStep = factors.stepSeconds, lStep = load.stepSeconds
        guard lStep % fStep == 0 || fStep % lStep == 0 else {
            throw CO2eError.data("the load comes every \(lStep / 60) min and the factors every \(fStep / 60) min; one step must divide the other")
        }
        // The factor series on its full grid, gaps as nil.
        let t0 = factors.first.secondsSinceEpoch
        let count = Int((factors.last.secondsSinceEpoch - t0) / fStep) + 1
        var dense = [Double?](repeating: nil, count: count)
        for p in factors.points { dense[Int((p.time.secondsSinceEpoch - t0) / fStep)] = p.value }
        let gapIndices = Set(dense.indices.filter { dense[$0] == nil })
        let filled = fill(dense, filling)

        var slots: [Slot] = []
        slots.reserveCapacity(load.points.count)
        var missing: [Timestamp] = []
        var outside: [Timestamp] = []
        var gapsInPeriod = Set<Int>()
        for p in load.points {
            let start = p.time.secondsSinceEpoch
            // The factor slots this load interval covers.
            var indices: [Int] = []
            if lStep >= fStep {
                guard (start - t0) % fStep == 0 || start < t0 else {
                    throw CO2eError.data("\(load.origin):\(p.line): \(p.time.iso8601) does not start on the factor series' \(fStep / 60)-minute grid")
                }
                var t = start
                while t < start + lStep {
                    indices.append(Int((t - t0).floorDivided(by: fStep)))
                    t += fStep
                }
            } else {
                indices.append(Int((start - t0).floorDivided(by: fStep)))
            }
            guard indices.allSatisfy({ $0 >= 0 && $0 < count }) else {
                outside.append(p.time)
                continue
            }
            var sum = 0.0
            var usedFill = false
            var complete = true
            for k in indices {
                if gapIndices.contains(k) { gapsInPeriod.insert(k); usedFill = true }
                guard let v = filled[k] else { complete = false; break }
                sum += v
            }
            guard complete else {
                missing.append(p.time)
                continue
            }
            slots.append(Slot(start: p.time, kilowattHours: p.value ?? 0,
                              gramsPerKilowattHour: sum / Double(indices.count), filled: usedFill))
        }
        if !outside.isEmpty {
            throw CO2eError.data("\(outside.count) load interval\(outside.count == 1 ? " (\(outside[0].iso8601)) falls" : "s (first \(outside[0].iso8601)) fall") outside the factor series, which covers \(factors.first.iso8601) to \(Timestamp(secondsSinceEpoch: factors.last.secondsSinceEpoch + fStep).iso8601)")
        }
        if !missing.isEmpty {
            let shown = missing.prefix(5).map(\.iso8601).joined(separator: ", ")
            var error = CO2eError.data("the factor series \(factors.origin) has no value for \(missing.count) load interval\(missing.count == 1 ? "" : "s") (\(shown)\(missing.count > 5 ? ", ..." : "")); co2e does not fill gaps silently: choose how to fill them (previous, linear or mean)")
            error.seeAlso = "fill_gaps"
            throw error
        }
        let gapTimes = gapsInPeriod.sorted().map { Timestamp(secondsSinceEpoch: t0 + Int64($0) * fStep) }
        return TimeMatchedEmissions(slots: slots, gapsInPeriod: gapTimes, gapsInSeries: gapIndices.count, filling: filling)
    }

    static func fill(_ values: [Double?], _ filling: GapFilling) -> [Double?] {
        switch filling {
        case .none:
            return values
        case .mean:
            let known = values.compactMap { $0 }
            guard !known.isEmpty else { return values }
            let mean = Summation.sum(known) / Double(known.count)
            return values.map { $0 ?? mean }
        case .previous:
            var out = values
            var last = values.first { $0 != nil } ?? nil
            for k in out.indices {
                if let v = out[k] { last = v } else { out[k] = last }
            }
            return out
        case .linear:
            var out = values
            var k = 0
            while k < out.count {
                guard out[k] == nil else { k += 1; continue }
                var end = k
                while end < out.count && out[end] == nil { end += 1 }
                let before = k > 0 ? out[k - 1] : nil
                let after = end < out.count ? out[end] : nil
                for j in k..<end {
                    switch (before, after) {
                    case let (b?, a?):
                        let f = Double(j - k + 1) / Double(end - k + 1)
                        out[j] = b + (a - b) * f
                    case let (b?, nil): out[j] = b
                    case let (nil, a?): out[j] = a
                    default: break
                    }
                }
                k = end
            }
            return out
        }
    }
}

/// Neumaier's compensated summation: the sum of many terms without the rounding drift of a
/// plain loop.
public enum Summation {
    public static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var sum = 0.0
        var compensation = 0.0
        for v in values {
            let t = sum + v
            if abs(sum) >= abs(v) {
                compensation += (sum - t) + v
            } else {
                compensation += (v - t) + sum
            }
            sum = t
        }
        return sum + compensation
    }
}
