import CO2eCore
import CO2eData

/// The single factor a time-matched result is compared with.
package enum AverageFactor: Sendable, Hashable {
    /// The mean of the factor series' own values (over the whole file: a year for the samples).
    case seriesMean
    /// An intensity the caller gives, a value or a range.
    case given(Uncertain<IntensityDimension>)
    /// An annual grid factor from a table.
    case gridFactor(GridFactor)
}

extension TimeMatchedEmissions {
    /// The estimate with its trail: load, energy, factor series and gaps, the load-weighted
    /// factor, the time-matched and average-factor emissions, their difference, and the
    /// market-based figure when `market` is given.
    ///
    /// - Throws: `CO2eError.invalidInput` for an out-of-range average factor or instrument.
    package func estimate(load: TimeSeries, factors: TimeSeries, average: AverageFactor = .seriesMean,
                         market: MarketInstruments? = nil) throws -> Estimate {
        try result(load: load, factors: factors, average: average, market: market).trail
    }

    /// The estimate's trail and its emission figures, typed, with the keys and labels the trail
    /// gives them (time-matched location-based, then market-based when `market` is given).
    package func result(load: TimeSeries, factors: TimeSeries, average: AverageFactor = .seriesMean,
                        market: MarketInstruments? = nil) throws
        -> (trail: Estimate, masses: [(key: String, label: String, mass: Figure<MassDimension>)]) {
        let averageGiven: Uncertain<IntensityDimension>
        var averageHow: String
        switch average {
        case .seriesMean:
            let known = factors.points.compactMap(\.value)
            averageGiven = .exact(.gramsPerKilowattHour(Summation.sum(known) / Double(max(1, known.count))))
            averageHow = "plain mean of the series' \(NumberText.format(Double(known.count), decimals: 0)) values"
        case let .given(i):
            try Check.nonNegative(i, field: "annual_factor")
            averageGiven = i
            averageHow = "given"
        case let .gridFactor(f):
            averageGiven = .exact(f.intensity)
            averageHow = "\(f.zoneName); \(f.basisDescription); source \(f.source.id)"
        }
        try market?.validate()
        guard kilowattHours.isFinite, kilograms.isFinite else {
            throw CO2eError(.invalidData, "the load's energy or its emissions are too large to compute; check the values and their unit", file: load.origin)
        }

        var formula = Formula()
        let energy = formula.input("energy", Energy.kilowattHours(kilowattHours))
        let matched = formula.input("location_based", Mass.kilograms(kilograms))
        let averageFactor = formula.input("average_factor_intensity", averageGiven)
        let weighted = formula.value("load_weighted_factor", IntensityDimension.self)
        let flat = formula.value("average_factor", MassDimension.self)
        let difference = formula.value("difference", MassDimension.self)
        let change = formula.value("difference_share", ShareDimension.self)
        formula.compute { v in
            v[weighted] = v[energy].baseValue > 0 ? v[matched] / v[energy] : .zero
            v[flat] = v[energy] * v[averageFactor]
            v[difference] = v[matched] - v[flat]
            // Undefined (NaN) where the average-factor figure is 0: no percentage of nothing.
            v[change] = v[flat].baseValue > 0 ? .fraction(v[matched] / v[flat] - 1) : .fraction(.nan)
        }
        let marketVars = market?.addFormula(to: &formula, energy: energy, location: weighted)
        let e = try formula.evaluate()

        var estimate = Estimate(key: "hourly", title: "Time-matched emissions (hour by hour)")
        let minutes = load.stepSeconds / 60
        estimate.steps.append(.init("load_profile", "Load profile", Value(Count.number(Double(slots.count)), unit: ""),
                                    how: "\(load.origin), column \(load.valueColumn), \(slots.count == 1 ? "one interval" : "intervals") of \(minutes) min, \(load.first.iso8601) to \(load.last.iso8601) (start times, UTC)"))
        estimate.steps.append(.init("energy", "Energy", e.value(energy), how: "sum of the load profile"))
        var seriesHow = "\(factors.origin), column \(factors.valueColumn), every \(factors.stepSeconds / 60) min, \(factors.first.iso8601) to \(factors.last.iso8601); \(gapsInSeries) gap\(gapsInSeries == 1 ? "" : "s") in the series"
        if !gapsInPeriod.isEmpty {
            seriesHow += ", \(gapsInPeriod.count) in the load's period, filled (\(filling.rawValue))"
        }
        estimate.steps.append(.init("factor_series", "Factor series", Value(Count.number(Double(factors.points.count))), how: seriesHow))
        if !gapsInPeriod.isEmpty {
            let shown = gapsInPeriod.prefix(5).map(\.iso8601).joined(separator: ", ")
            estimate.warn("filled_gaps", "\(gapsInPeriod.count) interval\(gapsInPeriod.count == 1 ? "" : "s") of the load fell in gaps of the factor series and took a filled value (\(filling.rawValue)): \(shown)\(gapsInPeriod.count > 5 ? " and \(gapsInPeriod.count - 5) more" : "").")
        }
        estimate.steps.append(.init("load_weighted_factor", "Load-weighted factor", e.value(weighted), how: "time-matched emissions / energy"))
        switch average {
        case let .gridFactor(f):
            estimate.gridFactors.append(f)
            estimate.cite(f.source)
            estimate.warn("average_basis", "The average factor \(f.zone) \(f.year) is \(f.basisDescription); an hourly series' file does not say how it was built (grid-factors/SOURCES.md does for the bundled samples). If the two differ in basis or area, the difference mixes those with timing: compare like with like, or against the series' own mean (the default).")
            if f.year != load.first.year {
                estimate.warn("average_year", "The load is for \(load.first.year) but the average factor is for \(f.year).")
            }
            estimate.steps.append(.init("average_factor_intensity", "Average factor: \(f.zone) \(f.year)", e.value(averageFactor), how: averageHow,
                                        citations: [Citation(source: f.source.id, at: f.origin)]))
        default:
            estimate.steps.append(.init("average_factor_intensity", "Average factor", e.value(averageFactor), how: averageHow))
        }
        var masses = [(EmissionResult.locationBased.key, "Location-based emissions, time-matched", e.figure(matched))]
        estimate.results.append(.init(masses[0].0, masses[0].1, e.value(matched),
                                      how: "sum over \(NumberText.format(Double(slots.count), decimals: 0)) intervals of kWh × g/kWh"))
        estimate.results.append(.init("average_factor", "Emissions at the average factor", e.value(flat),
                                      how: "\(e.text(energy)) × \(e.text(averageFactor))"))
        let changeInterval = e.interval(change)
        let changeText: String
        if !changeInterval.isFinite {
            changeText = e.interval(flat).upper > 0
                ? "no percentage: the average-factor figure reaches 0 within the range given"
                : "no percentage: the average-factor figure is 0"
        } else {
            changeText = signedPercent(changeInterval) + " of the average-factor figure"
        }
        estimate.results.append(.init("difference", "Difference (time-matched − average)", e.value(difference), how: changeText))
        if changeInterval.isFinite {
            estimate.results.append(.init("difference_share", "Difference, share of the average-factor figure", e.value(change),
                                          how: "time-matched / average-factor − 1"))
        }
        if let market, let marketVars {
            market.describe(e, marketVars, energy: energy, into: &estimate)
            masses.append((EmissionResult.marketBased.key, EmissionResult.marketBased.label, e.figure(marketVars.mass)))
        }
        estimate.charts.append(profile(average: e.interval(averageFactor), averageLabel: averageHow == "given" ? "Average factor (given)" : "Average factor"))
        try estimate.checkFinite(.invalidData)
        return (estimate, masses.map { (key: $0.0, label: $0.1, mass: $0.2) })
    }

    /// The matched factors through the period against the average factor: one point per UTC
    /// day (the day's plain mean, from its lowest to its highest interval), or one per interval
    /// when the load covers two weeks or less; ticks on the first of each month (each day for a
    /// short load).
    func profile(average: Interval, averageLabel: String) -> Chart {
        guard let first = slots.first?.start.secondsSinceEpoch, let last = slots.last?.start.secondsSinceEpoch else {
            return Chart(key: "profile", title: "Grid factor through the period", xLabel: "Day (UTC)", yLabel: "Grid factor (g CO2e/kWh)",
                         bandLabel: "lowest to highest interval of the day", lines: [])
        }
        let daily = last - first > 14 * 86_400
        let day0 = first.floorDivided(by: 86_400)
        var points: [Chart.Point] = []
        if daily {
            var k = 0
            while k < slots.count {
                let day = slots[k].start.secondsSinceEpoch.floorDivided(by: 86_400)
                var sum = 0.0, n = 0.0, lo = Double.infinity, hi = -Double.infinity
                while k < slots.count && slots[k].start.secondsSinceEpoch.floorDivided(by: 86_400) == day {
                    let g = slots[k].gramsPerKilowattHour
                    sum += g; n += 1; lo = min(lo, g); hi = max(hi, g)
                    k += 1
                }
                points.append(Chart.Point(x: Double(day - day0), low: lo, center: sum / n, high: hi))
            }
        } else {
            points = slots.map { s in
                let g = s.gramsPerKilowattHour
                return Chart.Point(x: Double(s.start.secondsSinceEpoch - day0 * 86_400) / 86_400, low: g, center: g, high: g)
            }
        }
        let grams = average.scaled(by: 1 / Intensity.gramsPerKilowattHour(1).baseValue)
        let span = (points.first?.x ?? 0, points.last?.x ?? 0)
        let flat = [span.0, span.1].map { Chart.Point(x: $0, low: grams.lower, center: grams.midpoint, high: grams.upper) }
        var ticks: [Chart.Tick] = []
        var d = Int(day0)
        while Double(d) - Double(day0) <= span.1 {
            let (_, m, dd) = Timestamp.civilFromDays(d)
            if !daily || dd == 1 {
                let date = String(Timestamp(secondsSinceEpoch: Int64(d) * 86_400).iso8601.prefix(10))
                ticks.append(Chart.Tick(x: Double(d) - Double(day0), label: daily ? (m == 1 || ticks.isEmpty ? String(date.prefix(7)) : Self.months[m - 1]) : date))
            }
            d += 1
        }
        let unit = daily ? "daily mean of the \(slots.count) intervals' factors" : "each interval's factor"
        return Chart(key: "profile", title: "Grid factor through the period against the average factor", xLabel: daily ? "Day (UTC)" : "Time (days, UTC)",
                     yLabel: "Grid factor (g CO2e/kWh)", bandLabel: daily ? "lowest to highest interval of the day" : "range",
                     lines: [Chart.Line(label: "Matched factor, \(unit)", points: points), Chart.Line(label: averageLabel, points: flat)],
                     ticks: ticks)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `+15.44 %`, or `−12.5 % to +16.67 %` for a range that spans zero.
    private func signedPercent(_ share: Interval) -> String {
        func one(_ x: Double) -> String {
            let p = x * 100
            return (p > 0 ? "+" : p < 0 ? "-" : "") + NumberText.format(abs(p), decimals: 2) + " %"
        }
        return share.isPoint ? one(share.lower) : one(share.lower) + " to " + one(share.upper)
    }

    /// Every matched interval, as a table (what `--out` writes as CSV).
    package var table: Table {
        var t = Table(key: "intervals", title: "Matched intervals",
                      columns: [.init("timestamp", "Start (UTC)"), .init("kwh", "kWh"), .init("g_co2e_per_kwh", "g/kWh"),
                                .init("kg_co2e", "kg CO2e"), .init("filled", "Filled")])
        t.rows.reserveCapacity(slots.count)
        for s in slots {
            t.rows.append([.text(s.start.iso8601), .number(s.kilowattHours), .number(s.gramsPerKilowattHour),
                           .number(s.kilograms), .text(s.filled ? "true" : "false")])
        }
        return t
    }

    /// The matched intervals as CSV: `timestamp,kwh,g_co2e_per_kwh,kg_co2e,filled`.
    package var csv: String { table.csv }
}
