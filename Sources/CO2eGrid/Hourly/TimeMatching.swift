import CO2eCore
import CO2eData

/// How to treat intervals the factor series has no value for.
package enum GapFilling: String, Sendable, CaseIterable {
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
package struct TimeMatchedEmissions: Sendable {
    /// One interval of the load with its matched factor.
    package struct Slot: Sendable, Hashable {
        /// The interval's start (UTC).
        package let start: Timestamp
        /// The interval's energy, kWh.
        package let kilowattHours: Double
        /// The matched factor, g CO2e/kWh.
        package let gramsPerKilowattHour: Double
        /// Whether the factor was filled in for a gap.
        package let filled: Bool
        /// kWh x g/kWh / 1000.
        package var kilograms: Double { kilowattHours * gramsPerKilowattHour / UnitTable.gramsPerKilogram }
    }

    /// Every interval of the load with its matched factor.
    package let slots: [Slot]
    /// Gaps in the factor series over the load's period (filled or not needed).
    package let gapsInPeriod: [Timestamp]
    /// Gaps in the whole factor series.
    package let gapsInSeries: Int
    /// How gaps were filled.
    package let filling: GapFilling

    /// Total energy, kWh (compensated sum).
    package var kilowattHours: Double { Summation.sum(slots.map { $0.kilowattHours }) }
    /// Total emissions, kg (compensated sum of each slot's kWh x g/kWh / 1000).
    package var kilograms: Double { Summation.sum(slots.map { $0.kilograms }) }

    /// Matches `load` with `factors`.
    ///
    /// The two may have different steps when one divides the other: an hourly load against
    /// half-hourly factors takes the mean of the two factor values in each hour; a 15-minute
    /// load against hourly factors takes the factor of the hour that holds it.
    ///
    /// - Throws: `CO2eError.invalidData` listing the intervals without a factor (gaps, unless
    ///   `filling` fills them, or times outside the series) and steps that do not divide.
    ///
    /// Time and memory grow with the rows of the two files, never with the span of their
    /// times: the series is kept as its known values keyed by slot, and gap slots are
    /// counted, not laid out. Filling may invent at most as many values as the two files have
    /// rows (`fillLimit`); more is refused.
    package static func match(load: TimeSeries, factors: TimeSeries, filling: GapFilling = .none) throws -> TimeMatchedEmissions {
        let fStep = factors.stepSeconds, lStep = load.stepSeconds
        guard lStep % fStep == 0 || fStep % lStep == 0 else {
            throw CO2eError.data("the load comes every \(lStep / 60) min and the factors every \(fStep / 60) min; one step must divide the other")
        }
        // The factor series as the slots that have a value, in time order (slot k is the
        // interval starting at t0 + k * fStep); every other slot in 0..<count is a gap.
        let t0 = factors.first.secondsSinceEpoch
        let count = (factors.last.secondsSinceEpoch - t0) / fStep + 1
        var knownSlots: [Int64] = []
        var knownValues: [Double] = []
        for p in factors.points {
            guard let v = p.value else { continue }
            knownSlots.append((p.time.secondsSinceEpoch - t0) / fStep)
            knownValues.append(v)
        }
        let gapsInSeries = Int(count) - knownSlots.count
        let mean = knownValues.isEmpty ? nil : Summation.sum(knownValues) / Double(knownValues.count)
        /// The first position in `knownSlots` at or after slot `k`.
        func position(_ k: Int64) -> Int {
            var lo = 0, hi = knownSlots.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if knownSlots[mid] < k { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        /// The filled value of gap slot `k`, whose neighbours with values are at positions
        /// `p - 1` and `p` of `knownSlots` (when they exist).
        func filledValue(_ k: Int64, _ p: Int) -> Double? {
            let before = p > 0 ? (knownSlots[p - 1], knownValues[p - 1]) : nil
            let after = p < knownSlots.count ? (knownSlots[p], knownValues[p]) : nil
            switch filling {
            case .none: return nil
            case .mean: return mean
            case .previous: return before?.1 ?? knownValues.first
            case .linear:
                switch (before, after) {
                case let ((i, b)?, (j, a)?):
                    let f = Double(k - i) / Double(j - i)
                    return b + (a - b) * f
                case let ((_, b)?, nil): return b
                case let (nil, (_, a)?): return a
                default: return nil
                }
            }
        }

        // First pass: each load interval's slots, without visiting them one by one.
        struct Span { let first: Int64, last: Int64, position: Int }
        var spans: [Span] = []
        spans.reserveCapacity(load.points.count)
        var missing: [Timestamp] = []
        var missingCount = 0
        var outside: [Timestamp] = []
        var outsideCount = 0
        var gapSlotsToFill = 0
        for p in load.points {
            let start = p.time.secondsSinceEpoch
            let first: Int64, last: Int64
            if lStep >= fStep {
                guard (start - t0) % fStep == 0 || start < t0 else {
                    throw CO2eError.data("\(load.origin):\(p.line): \(p.time.iso8601) does not start on the factor series' \(TimeSeries.describeStep(fStep)) grid")
                }
                first = (start - t0).floorDivided(by: fStep)
                last = first + lStep / fStep - 1
            } else {
                first = (start - t0).floorDivided(by: fStep)
                last = first
            }
            guard first >= 0 && last < count else {
                if outside.isEmpty { outside.append(p.time) }
                outsideCount += 1
                continue
            }
            let from = position(first)
            let known = position(last + 1) - from
            let gaps = Int(last - first + 1) - known
            if gaps > 0 && (filling == .none || knownValues.isEmpty) {
                if missing.count < 5 { missing.append(p.time) }
                missingCount += 1
                continue
            }
            gapSlotsToFill += gaps
            spans.append(Span(first: first, last: last, position: from))
        }
        if outsideCount > 0 {
            throw CO2eError.data("\(outsideCount) load interval\(outsideCount == 1 ? " (\(outside[0].iso8601)) falls" : "s (first \(outside[0].iso8601)) fall") outside the factor series, whose intervals start from \(factors.first.iso8601) to \(factors.last.iso8601)")
        }
        if missingCount > 0 {
            let shown = missing.map(\.iso8601).joined(separator: ", ")
            var error = CO2eError.data("the factor series \(factors.origin) has no value for \(missingCount) load interval\(missingCount == 1 ? "" : "s") (\(shown)\(missingCount > 5 ? ", ..." : "")); co2e does not fill gaps silently: choose how to fill them (previous, linear or mean)")
            error.seeAlso = "fill_gaps"
            throw error
        }
        let limit = fillLimit(load: load, factors: factors)
        if gapSlotsToFill > limit {
            throw CO2eError.data("filling the gaps of \(factors.origin) under the load would invent \(gapSlotsToFill) factor values, more than the \(limit) rows the two files have; give a factor series that covers the load's period")
        }

        // Second pass: the slots, in time order; gap slots are at most `limit`.
        var slots: [Slot] = []
        slots.reserveCapacity(spans.count)
        var gapSlots: [Int64] = []
        // Every load interval has its span (any other outcome threw above), in the same order.
        for (p, span) in zip(load.points, spans) {
            var sum = 0.0
            var usedFill = false
            var k = span.first
            var q = span.position
            while k <= span.last {
                if q < knownSlots.count && knownSlots[q] == k {
                    sum += knownValues[q]
                    q += 1
                    k += 1
                    continue
                }
                // A gap slot (bounded in number by `limit`).
                usedFill = true
                if gapSlots.last.map({ $0 < k }) ?? true { gapSlots.append(k) }
                sum += filledValue(k, q)!
                k += 1
            }
            slots.append(Slot(start: p.time, kilowattHours: p.value ?? 0,
                              gramsPerKilowattHour: sum / Double(span.last - span.first + 1), filled: usedFill))
        }
        let gapTimes = gapSlots.map { Timestamp(secondsSinceEpoch: t0 + $0 * fStep) }
        return TimeMatchedEmissions(slots: slots, gapsInPeriod: gapTimes, gapsInSeries: gapsInSeries, filling: filling)
    }

    /// The most factor values filling may invent for one match: the number of rows of the two
    /// files together.
    static func fillLimit(load: TimeSeries, factors: TimeSeries) -> Int {
        load.points.count + factors.points.count
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
