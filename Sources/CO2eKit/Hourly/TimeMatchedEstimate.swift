/// The single factor a time-matched result is compared with.
public enum AverageFactor: Sendable, Hashable {
    /// The mean of the factor series' own values (over the whole file: a year for the samples).
    case seriesMean
    /// An intensity the caller gives.
    case given(Intensity)
    /// An annual grid factor from a table.
    case gridFactor(GridFactor)
}

extension TimeMatchedEmissions {
    /// The estimate with its trail: load, energy, factor series and gaps, the load-weighted
    /// factor, the time-matched and average-factor emissions and their difference, and the
    /// market-based figure when `market` is given.
    public func estimate(load: TimeSeries, factors: TimeSeries, average: AverageFactor = .seriesMean,
                         market: MarketInstruments? = nil) throws -> Estimate {
        var estimate = Estimate(subject: "Time-matched emissions (hour by hour)")
        let energy = Energy.kilowattHours(Interval(kilowattHours))
        let mass = Mass.kilograms(Interval(kilograms))
        let minutes = load.stepSeconds / 60
        estimate.steps.append(.init("Load profile", .count(Interval(Double(slots.count)), of: slots.count == 1 ? "interval" : "intervals"),
                                    how: "\(load.origin), column \(load.valueColumn), every \(minutes) min, \(load.first.iso8601) to \(load.last.iso8601) (start times, UTC)"))
        estimate.steps.append(.init("Energy", Measure(energy), how: "sum of the load profile"))
        var seriesHow = "\(factors.origin), column \(factors.valueColumn), every \(factors.stepSeconds / 60) min, \(factors.first.iso8601) to \(factors.last.iso8601); \(gapsInSeries) gap\(gapsInSeries == 1 ? "" : "s") in the series"
        if !gapsInPeriod.isEmpty {
            seriesHow += ", \(gapsInPeriod.count) in the load's period, filled (\(filling.rawValue))"
        }
        estimate.steps.append(.init("Factor series", .count(Interval(Double(factors.points.count)), of: "values"), how: seriesHow))
        if !gapsInPeriod.isEmpty {
            let shown = gapsInPeriod.prefix(5).map(\.iso8601).joined(separator: ", ")
            estimate.warnings.append("\(gapsInPeriod.count) interval\(gapsInPeriod.count == 1 ? "" : "s") of the load fell in gaps of the factor series and took a filled value (--fill-gaps \(filling.rawValue)): \(shown)\(gapsInPeriod.count > 5 ? " and \(gapsInPeriod.count - 5) more" : "").")
        }
        let weighted: Intensity = kilowattHours > 0 ? mass / energy : .gramsPerKilowattHour(0)
        estimate.steps.append(.init("Load-weighted factor", Measure(weighted), how: "time-matched emissions / energy"))

        let averageIntensity: Intensity
        switch average {
        case .seriesMean:
            let known = factors.points.compactMap(\.value)
            averageIntensity = .gramsPerKilowattHour(Interval(Summation.sum(known) / Double(max(1, known.count))))
            estimate.steps.append(.init("Average factor", Measure(averageIntensity),
                                        how: "plain mean of the series' \(NumberText.format(Double(known.count), decimals: 0)) values"))
        case let .given(i):
            averageIntensity = i
            estimate.steps.append(.init("Average factor", Measure(i), how: "given"))
        case let .gridFactor(f):
            averageIntensity = f.intensity
            estimate.factors.append(f)
            estimate.warnings.append("The average factor \(f.zone) \(f.year) is \(f.basisDescription); an hourly series' file does not say how it was built (grid-factors/SOURCES.md does for the bundled samples). If the two differ in basis or area, the difference mixes those with timing: compare like with like, or against the series' own mean (the default).")
            if f.year != load.first.year {
                estimate.warnings.append("The load is for \(load.first.year) but the average factor is for \(f.year).")
            }
            estimate.steps.append(.init("Average factor: \(f.zone) \(f.year)", Measure(f.intensity),
                                        how: "\(f.zoneName); \(f.basisDescription); source \(f.source.id)"))
        }
        estimate.figures.append(.init(key: .locationBased, label: "Location-based emissions, time-matched", mass: mass,
                                      how: "sum over \(NumberText.format(Double(slots.count), decimals: 0)) intervals of kWh × g/kWh"))
        let flat = energy * averageIntensity
        estimate.figures.append(.init(key: .averageFactor, label: "Emissions at the average factor", mass: flat,
                                      how: "\(energy) × \(averageIntensity)"))
        let difference = Mass(baseValue: mass.baseValue - flat.baseValue)
        let percent = flat.baseValue.upper > 0 ? (mass.baseValue.lower / flat.baseValue.lower - 1) * 100 : 0
        estimate.figures.append(.init(key: .difference, label: "Difference (time-matched − average)", mass: difference,
                                      how: "\(percent >= 0 ? "+" : "")\(NumberText.format(percent, decimals: 2)) % of the average-factor figure"))
        if let market {
            try market.addMarketBased(energy: energy, locationIntensity: weighted, to: &estimate)
        }
        try estimate.checkFinite(.invalidData)
        return estimate
    }

    /// The matched intervals as CSV: `timestamp,kwh,g_co2e_per_kwh,kg_co2e,filled`.
    public var csv: String {
        var out = "timestamp,kwh,g_co2e_per_kwh,kg_co2e,filled\n"
        out.reserveCapacity(slots.count * 60)
        for s in slots {
            out += "\(s.start.iso8601),\(NumberText.exact(s.kilowattHours)),\(NumberText.exact(s.gramsPerKilowattHour)),\(NumberText.exact(s.kilograms)),\(s.filled)\n"
        }
        return out
    }
}
