import CO2eCore
import CO2eData

/// The method labels, so that no reader takes the draft for the standard.
package enum MatchingMethod {
    /// The market-based method of the GHG Protocol Scope 2 Guidance (WRI/WBCSD 2015): contracts
    /// are claimed against the year's consumption, whenever their energy was produced.
    package static let annual = "annual matching (GHG Protocol Scope 2 Guidance, 2015)"
    /// The hourly market-based method of the Scope 2 revision (public consultation October to
    /// December 2025; a draft, not the standard): contracted energy counts only in the hour it
    /// is produced, within the same grid.
    package static let hourly = "hourly matching (draft revision, consultation 2025)"
}

/// Contracted supply series (PPAs, on-site generation) matched to a load interval by interval:
/// in each interval the load met by that interval's supply, what is left unmet, and what is
/// supplied beyond the load. Surplus in one interval is never carried to another.
package struct HourlySupply: Sendable {
    /// One interval of the load with the supply that falls in it.
    package struct Slot: Sendable, Hashable {
        /// The interval's start (UTC).
        package let start: Timestamp
        /// The load, kWh.
        package let loadKWh: Double
        /// All supply in the interval, kWh.
        package let supplyKWh: Double
        /// Load met by supply in the same interval: min(load, supply), kWh.
        package let matchedKWh: Double
        /// The carbon-free part of the matched energy (supply at 0 g CO2e/kWh), kWh.
        package let carbonFreeKWh: Double
        /// Emissions of the matched energy at the supplies' own rates, kg.
        package let matchedKilograms: Double
        /// The location-based factor of the interval, g CO2e/kWh.
        package let locationGramsPerKWh: Double
        /// The grid's carbon-free share in the interval (0 to 1), when a grid CFE series is
        /// given and has a value for it; nil otherwise.
        package var gridCFEShare: Double? = nil
        /// Emissions of all the interval's supply at its rates (matched and surplus), g.
        package var supplyGrams: Double = 0
        /// The carbon-free part of all the interval's supply (at 0 g CO2e/kWh), kWh.
        package var supplyCarbonFreeKWh: Double = 0

        /// The interval with `supply` kWh (of which `carbonFree` at 0 g/kWh, `grams` in all)
        /// matched to `load` kWh: matched min(load, supply), its emissions and carbon-free part
        /// pro rata.
        package init(start: Timestamp, loadKWh: Double, supplyKWh: Double, supplyGrams: Double, supplyCarbonFreeKWh: Double,
                     locationGramsPerKWh: Double, gridCFEShare: Double?) {
            let m = min(loadKWh, supplyKWh)
            let ratio = supplyKWh > 0 ? m / supplyKWh : 0
            self.start = start
            self.loadKWh = loadKWh
            self.supplyKWh = supplyKWh
            matchedKWh = m
            carbonFreeKWh = supplyCarbonFreeKWh * ratio
            matchedKilograms = supplyGrams * ratio / UnitTable.gramsPerKilogram
            self.locationGramsPerKWh = locationGramsPerKWh
            self.gridCFEShare = gridCFEShare
            self.supplyGrams = supplyGrams
            self.supplyCarbonFreeKWh = supplyCarbonFreeKWh
        }

        /// This interval with its supply scaled by `scale`.
        package func scaled(by scale: Double) -> Slot {
            Slot(start: start, loadKWh: loadKWh, supplyKWh: supplyKWh * scale, supplyGrams: supplyGrams * scale,
                 supplyCarbonFreeKWh: supplyCarbonFreeKWh * scale, locationGramsPerKWh: locationGramsPerKWh, gridCFEShare: gridCFEShare)
        }

        /// The carbon-free part of the load the grid meets (the unmatched load × the grid's
        /// carbon-free share), kWh; 0 without a share.
        package var gridCarbonFreeKWh: Double { unmatchedKWh * (gridCFEShare ?? 0) }

        /// Load no supply in the interval meets, kWh.
        package var unmatchedKWh: Double { loadKWh - matchedKWh }
        /// Supply beyond the interval's load, kWh (not carried to another interval).
        package var surplusKWh: Double { supplyKWh - matchedKWh }
    }

    /// Every interval of the load, in time order.
    package let intervals: [Slot]

    /// The same matching with every supply series scaled by `scale`.
    package func scaled(by scale: Double) -> HourlySupply {
        HourlySupply(intervals: intervals.map { $0.scaled(by: scale) }, series: series, unusedIntervals: unusedIntervals,
                     supplyGrams: supplyGrams * scale, gridCFE: gridCFE, gridCFEGaps: gridCFEGaps)
    }
    /// The supply series, as read.
    package let series: [TimeSeries]
    /// For each series, its intervals outside the load's period (not used).
    package let unusedIntervals: [Int]
    /// All supply over the load's period at its rates, g CO2e (the matched part and the surplus).
    package let supplyGrams: Double
    /// The grid's carbon-free share series, when given.
    package var gridCFE: TimeSeries? = nil
    /// Load intervals the grid CFE series leaves empty (their grid energy counts as not
    /// carbon-free).
    package var gridCFEGaps: Int = 0

    /// Total supply over the load's period, kWh.
    package var supplyKWh: Double { Summation.sum(intervals.map { $0.supplyKWh }) }
    /// Load met hour by hour, kWh.
    package var matchedKWh: Double { Summation.sum(intervals.map { $0.matchedKWh }) }
    /// Carbon-free energy met hour by hour, kWh.
    package var carbonFreeKWh: Double { Summation.sum(intervals.map { $0.carbonFreeKWh }) }
    /// Load left unmet hour by hour, kWh.
    package var unmatchedKWh: Double { Summation.sum(intervals.map { $0.unmatchedKWh }) }
    /// Supply beyond each hour's load, kWh.
    package var surplusKWh: Double { Summation.sum(intervals.map { $0.surplusKWh }) }
    /// Emissions of the matched energy at the supplies' rates, kg.
    package var matchedKilograms: Double { Summation.sum(intervals.map { $0.matchedKilograms }) }
    /// Emissions of the unmatched energy at each interval's location factor, kg.
    package var unmatchedLocationKilograms: Double {
        Summation.sum(intervals.map { $0.unmatchedKWh * $0.locationGramsPerKWh / UnitTable.gramsPerKilogram })
    }
    /// Carbon-free energy the grid meets beyond the contracts, kWh.
    package var gridCarbonFreeKWh: Double { Summation.sum(intervals.map { $0.gridCarbonFreeKWh }) }
    /// Intervals with load and no matched supply.
    package var intervalsNeverMatched: Int { intervals.reduce(0) { $0 + ($1.loadKWh > 0 && $1.matchedKWh == 0 ? 1 : 0) } }

    /// Matches `supplies` to the load intervals of `matched` (the load already matched with its
    /// location factors), each of `loadStepSeconds`.
    ///
    /// A supply series may come at the load's step or a step that divides it (its intervals in a
    /// load interval are summed). It must cover every load interval; its intervals outside the
    /// load's period are counted and left out. Where several series meet less than their total
    /// in an interval, each is matched pro rata to its energy in that interval, so the matched
    /// energy's emissions are min(load, supply) times the supplies' energy-weighted rate.
    ///
    /// `gridCFE`, the grid's carbon-free share by interval (Google's CFE method counts it for
    /// the load contracts leave to the grid), follows the same step and coverage rules; an
    /// interval is the mean of its shares, and a load interval with an empty share is counted
    /// (`gridCFEGaps`) and its grid energy taken as not carbon-free.
    ///
    /// - Throws: `CO2eError.invalidData` naming the series: a step that does not divide the
    ///   load's, times off the load's grid, load intervals the series does not cover.
    package static func match(_ matched: TimeMatchedEmissions, loadStepSeconds lStep: Int64,
                              supplies: [TimeSeries], gridCFE: TimeSeries? = nil) throws -> HourlySupply {
        let slots = matched.slots
        var supply = [Double](repeating: 0, count: slots.count)
        var grams = [Double](repeating: 0, count: slots.count)
        var carbonFree = [Double](repeating: 0, count: slots.count)
        var unused: [Int] = []
        for s in supplies {
            try forEachInterval(of: s, named: "supply series", slots, loadStepSeconds: lStep, emptyMeans: "with 0 kWh for intervals without supply") { i, points in
                for p in points {
                    let kWh = p.value ?? 0
                    let g = p.extra ?? 0
                    supply[i] += kWh
                    grams[i] += kWh * g
                    if g == 0 { carbonFree[i] += kWh }
                }
            }
            unused.append(s.points.count - slots.count * Int(lStep / s.stepSeconds))
        }
        var gridShare = [Double?](repeating: nil, count: gridCFE == nil ? 0 : slots.count)
        var gridGaps = 0
        if let g = gridCFE {
            try forEachInterval(of: g, named: "grid CFE series", slots, loadStepSeconds: lStep, emptyMeans: "with an empty share for an hour without data") { i, points in
                var sum = 0.0
                for p in points {
                    guard let v = p.value else { gridGaps += 1; return }
                    sum += v
                }
                gridShare[i] = sum / Double(points.count)
            }
        }
        var intervals: [Slot] = []
        intervals.reserveCapacity(slots.count)
        for (i, slot) in slots.enumerated() {
            intervals.append(Slot(start: slot.start, loadKWh: slot.kilowattHours, supplyKWh: supply[i], supplyGrams: grams[i],
                                  supplyCarbonFreeKWh: carbonFree[i], locationGramsPerKWh: slot.gramsPerKilowattHour,
                                  gridCFEShare: gridShare.isEmpty ? nil : gridShare[i]))
        }
        return HourlySupply(intervals: intervals, series: supplies, unusedIntervals: unused, supplyGrams: Summation.sum(grams),
                            gridCFE: gridCFE, gridCFEGaps: gridGaps)
    }

    /// Calls `body` with each load interval's index and the points of `s` that fall in it (one
    /// point at the load's step, several at a step that divides it).
    ///
    /// - Throws: `CO2eError.invalidData` naming the series: a step that does not divide the
    ///   load's, a start off the load's grid, load intervals the series does not cover.
    private static func forEachInterval(of s: TimeSeries, named what: String, _ slots: [TimeMatchedEmissions.Slot], loadStepSeconds lStep: Int64,
                                        emptyMeans: String, _ body: (Int, ArraySlice<TimeSeries.Point>) -> Void) throws {
        let sStep = s.stepSeconds
        guard lStep % sStep == 0 else {
            throw CO2eError.data("the \(what) \(s.origin) comes every \(TimeSeries.describeStep(sStep)) step and the load every \(TimeSeries.describeStep(lStep)) step; give the series at the load's step or at a step that divides it")
        }
        let per = Int(lStep / sStep)
        let t0 = s.first.secondsSinceEpoch
        if let first = slots.first, (first.start.secondsSinceEpoch - t0) % sStep != 0 {
            throw CO2eError.data("the \(what) \(s.origin) starts at \(s.first.iso8601), off the load's \(TimeSeries.describeStep(lStep)) grid (the load starts at \(first.start.iso8601))")
        }
        var missing: [Timestamp] = []
        var missingCount = 0
        for (i, slot) in slots.enumerated() {
            let k0 = (slot.start.secondsSinceEpoch - t0) / sStep
            guard k0 >= 0, Int(k0) + per <= s.points.count else {
                if missing.count < 3 { missing.append(slot.start) }
                missingCount += 1
                continue
            }
            body(i, s.points[Int(k0)..<(Int(k0) + per)])
        }
        if missingCount > 0 {
            let shown = missing.map(\.iso8601).joined(separator: ", ")
            throw CO2eError.data("the \(what) \(s.origin) has no rows for \(missingCount) load interval\(missingCount == 1 ? "" : "s") (\(shown)\(missingCount > 3 ? ", ..." : "")); its rows run from \(s.first.iso8601) to \(s.last.iso8601): cover the load's period (\(slots[0].start.iso8601) to \(slots[slots.count - 1].start.iso8601)), \(emptyMeans)")
        }
    }

    /// What the annual method claims against the year's load.
    package enum AnnualClaim: Sendable, Hashable {
        /// The supply series' total over the period, as one annual amount at the supplies'
        /// energy-weighted rate.
        case supplyTotal
        /// Certificates covering a share or an amount of the load, at 0 g CO2e/kWh.
        case certificates(MarketInstruments.Instrument.Coverage)
    }

    /// The hour of the day (UTC) of each interval's start, 0 to 23.
    private func hourOfDay(_ t: Timestamp) -> Int {
        Int(((t.secondsSinceEpoch % 86_400) + 86_400) % 86_400 / 3_600)
    }

    /// The trail and typed masses of `matched` (the load against its location factors), with
    /// the supply matched hour by hour: the hourly-matched and the annual market-based figures
    /// side by side and their difference, the CFE score, matched, unmatched and surplus
    /// energy, the intervals never matched, and a table by hour of the day.
    ///
    /// `residualMix` prices the load supply does not meet; without it each interval's location
    /// factor does, with a warning.
    ///
    /// - Throws: `CO2eError.invalidInput` for an out-of-range residual mix or claim.
    package func result(_ matched: TimeMatchedEmissions, load: TimeSeries, factors: TimeSeries, average: AverageFactor = .seriesMean,
                        residualMix: Uncertain<IntensityDimension>?, annual: AnnualClaim = .supplyTotal,
                        supplyScale: Uncertain<RatioDimension> = .exact(.number(1)), sampling: MonteCarloSettings? = nil) throws
        -> (trail: Estimate, masses: [(key: String, label: String, mass: Figure<MassDimension>)]) {
        if let r = residualMix { try Check.nonNegative(r, field: "residual_mix") }
        try Check.positive(supplyScale, field: "supply_scale")
        // The tables and the never-matched hours show the supply at the scale's central value.
        let central = supplyScale.centralValue
        let shown = central == 1 ? self : scaled(by: central)
        var (estimate, masses) = try matched.result(load: load, factors: factors, average: average, market: nil)
        let curve = SupplyCurve(intervals)
        let supplyTotal = supplyKWh
        // The supplies' energy-weighted rate over the period, for the annual claim of their total.
        let weightedRate = supplyTotal > 0 ? supplyGrams / supplyTotal : 0
        let instrument: MarketInstruments.Instrument
        switch annual {
        case .supplyTotal:
            instrument = .init(.ppa, covering: .energy(.exact(.kilowattHours(supplyTotal))), at: .exact(.gramsPerKilowattHour(weightedRate)))
        case let .certificates(c):
            switch c {
            case let .share(x): try Check.share(x, field: "annual_recs")
            case let .energy(x): try Check.nonNegative(x, field: "annual_recs")
            }
            instrument = .init(.certificates, covering: c)
        }
        let market = MarketInstruments(instruments: [instrument], residualMix: residualMix)
        try market.validate()

        var formula = Formula()
        let energy = formula.input("energy", Energy.kilowattHours(matched.kilowattHours))
        let location = formula.input("location_based", Mass.kilograms(matched.kilograms))
        // Every total below is piecewise linear in the scale, turning where an interval's scaled
        // supply meets its load (and where the annual claim fills the year's load): those are the
        // scale's kinks, so the range's ends are exact.
        let energyIndex = energy.index
        let kinkPoints = curve.breakpoints
        let scale = formula.input("supply_scale", supplyScale, kinks: { v in
            supplyTotal > 0 ? kinkPoints + [v[raw: energyIndex] / supplyTotal] : kinkPoints
        })
        let supply = formula.value("supply_energy", EnergyDimension.self)
        let met = formula.value("matched_energy", EnergyDimension.self)
        let cfe = formula.value("carbon_free_matched", EnergyDimension.self)
        let unmet = formula.value("unmatched_energy", EnergyDimension.self)
        let surplus = formula.value("surplus_energy", EnergyDimension.self)
        let gridFree = formula.value("grid_carbon_free", EnergyDimension.self)
        let metMass = formula.value("matched_emissions", MassDimension.self)
        let unmetLocation = formula.value("unmatched_location_emissions", MassDimension.self)
        formula.compute { v in
            // A normal's tail may reach below 0; no supply is less than none.
            let t = curve.totals(scale: max(0, v[scale].baseValue))
            v[supply] = .kilowattHours(t.supplyKWh)
            v[met] = .kilowattHours(t.matchedKWh)
            v[cfe] = .kilowattHours(t.carbonFreeKWh)
            v[unmet] = .kilowattHours(t.unmatchedKWh)
            v[surplus] = .kilowattHours(t.surplusKWh)
            v[gridFree] = .kilowattHours(t.gridCarbonFreeKWh)
            v[metMass] = .grams(t.matchedGrams)
            v[unmetLocation] = .grams(t.unmatchedLocationGrams)
        }
        let scoreWithGrid = formula.value("cfe_score_with_grid", ShareDimension.self)
        let weighted = formula.value("load_weighted_factor", IntensityDimension.self)
        formula.compute { v in v[weighted] = v[energy].baseValue > 0 ? v[location] / v[energy] : .zero }
        // The annual method first: its residual-mix input is the one the hourly method uses too,
        // so a range moves both figures together; the supply's total it claims is scaled with
        // the hourly supply, one draw for both.
        let annualScales: [Int: Variable<RatioDimension>] = annual == .supplyTotal ? [0: scale] : [:]
        let annualVars = market.addFormula(to: &formula, energy: energy, location: weighted, amountScales: annualScales)
        let unmetFactor = residualMix == nil ? formula.value("unmatched_factor", IntensityDimension.self) : annualVars.remainderFactor
        let unmetMass = formula.value("unmatched_emissions", MassDimension.self)
        let hourly = formula.value("market_based_hourly", MassDimension.self)
        let score = formula.value("cfe_score", ShareDimension.self)
        let usesLocation = residualMix == nil
        let difference = formula.value("market_difference", MassDimension.self)
        formula.compute { v in
            if usesLocation {
                v[unmetFactor] = v[unmet].baseValue > 0 ? v[unmetLocation] / v[unmet] : .zero
                v[unmetMass] = v[unmetLocation]
            } else {
                v[unmetMass] = v[unmet] * v[unmetFactor]
            }
            v[hourly] = v[metMass] + v[unmetMass]
            v[score] = .fraction(v[energy].baseValue > 0 ? v[cfe] / v[energy] : 0)
            v[scoreWithGrid] = .fraction(v[energy].baseValue > 0 ? (v[cfe] + v[gridFree]) / v[energy] : 0)
            v[difference] = v[hourly] - v[annualVars.mass]
        }
        var figures = [SampledFigure(score, key: "cfe_score", label: "CFE score"),
                       SampledFigure(hourly, key: "market_based_hourly", label: "Market-based, hourly matching"),
                       SampledFigure(annualVars.mass, key: "market_based_annual", label: "Market-based, annual matching"),
                       SampledFigure(difference, key: "market_difference", label: "Difference (hourly − annual)")]
        if gridCFE != nil { figures.insert(SampledFigure(scoreWithGrid, key: "cfe_score_with_grid", label: "CFE score with the grid"), at: 1) }
        let e = try formula.evaluate(sampling: sampling, figures: figures)

        // Supply, matching and the CFE score.
        for (n, (s, unused)) in zip(series, unusedIntervals).enumerated() {
            var how = "\(s.origin), column \(s.valueColumn), every \(s.stepSeconds / 60) min"
            how += s.extraColumn.map { ", rates from column \($0)" } ?? ", at 0 g CO2e/kWh (no rate column)"
            if unused > 0 { how += "; \(unused) interval\(unused == 1 ? "" : "s") outside the load's period left out" }
            estimate.steps.append(.init("supply_series_\(n + 1)", "Supply series \(n + 1)", Value(Count.number(Double(s.points.count))), how: how))
        }
        if !(supplyScale.isExact && central == 1) {
            var how = "every supply series times this (an uncertain capacity factor against the profile's own); given"
            if !supplyScale.isExact { how += "; the tables by interval and by hour show the supply at \(NumberText.format(central, significantDigits: 4))x" }
            estimate.steps.append(.init("supply_scale", "Supply scale", e.value(scale), how: how))
        }
        estimate.steps.append(.init("supply_energy", "Supply over the load's period", e.value(supply),
                                    how: supplyScale.isExact && central == 1 ? "sum of the supply series" : "sum of the supply series × the supply scale"))
        estimate.steps.append(.init("matched_energy", "Load met by supply in the same hour", e.value(met),
                                    how: "sum over intervals of min(load, supply); surplus is not carried to another interval"))
        estimate.steps.append(.init("unmatched_energy", "Load not met in its hour", e.value(unmet), how: "load less matched energy"))
        estimate.steps.append(.init("surplus_energy", "Supply beyond each hour's load", e.value(surplus), how: "supply less matched energy, hour by hour"))
        let never = shown.intervalsNeverMatched
        let neverHours = shown.hoursNeverMatched()
        estimate.steps.append(.init("intervals_never_matched", "Intervals with load and no supply", Value(Count.number(Double(never))),
                                    how: "of \(count(intervals.count)); hours of the day (UTC) never matched on any day: \(neverHours.isEmpty ? "none" : neverHours)"))
        estimate.steps.append(.init("matched_emissions", "Matched energy at the supplies' rates", e.value(metMass),
                                    how: "per interval, min(load, supply) × the supplies' energy-weighted rate (several series share an interval pro rata)"))
        let unmetHow = usesLocation ? "each interval's location-based factor (no residual mix given or bundled); load-weighted mean" : "residual-mix factor, given"
        estimate.steps.append(.init("unmatched_factor", "Factor for the load not met in its hour", e.value(unmetFactor), how: unmetHow))
        if usesLocation && e.interval(unmet).upper > 0 {
            estimate.warn("no_residual_mix_hourly", "No residual-mix factor given or bundled: the \(e.text(unmet)) supply does not meet in its hour is counted at each hour's location-based factor. A residual mix excludes renewable energy claimed by others and is usually higher, so the hourly-matched figure is likely too low; give a residual-mix factor.")
        }
        estimate.results.append(.init("cfe_score", "CFE score (load met hour by hour by contracted carbon-free supply)", e.value(score),
                                      how: "\(e.text(cfe)) carbon-free matched / \(e.text(energy)) load; supply at 0 g CO2e/kWh counts as carbon-free"))
        if let g = gridCFE {
            var how = "\(g.origin), column \(g.valueColumn), every \(g.stepSeconds / 60) min; per interval, the load contracts leave to the grid × the grid's carbon-free share"
            if gridCFEGaps > 0 { how += "; \(count(gridCFEGaps)) load interval\(gridCFEGaps == 1 ? " has" : "s have") no share in the series and count no grid carbon-free energy (a lower bound)" }
            estimate.steps.append(.init("grid_carbon_free", "Carbon-free energy from the grid, hour by hour", e.value(gridFree), how: how))
            estimate.results.append(.init("cfe_score_with_grid", "CFE score with the grid's carbon-free share (Google's 24/7 CFE method)", e.value(scoreWithGrid),
                                          how: "(\(e.text(cfe)) contracted + \(e.text(gridFree)) from the grid) / \(e.text(energy)) load"))
            if gridCFEGaps > 0 {
                estimate.warn("grid_cfe_gaps", "The grid CFE series \(g.origin) has no share for \(count(gridCFEGaps)) of \(count(intervals.count)) load intervals; their grid energy counts as not carbon-free, so the CFE score with the grid is a lower bound.")
            }
        }

        // The two market-based methods and their difference.
        var annualSteps = Estimate(key: "annual", title: "")
        market.describe(e, annualVars, energy: energy, into: &annualSteps)
        estimate.steps += annualSteps.steps.enumerated().map { n, s in
            .init(s.key, s.label + " (annual)", s.value, how: (n == 0 ? annualHowPrefix(annual) : "") + s.how)
        }
        for w in annualSteps.warnings { estimate.warn(w.key, w.text) }
        let annualResult = annualSteps.results.last!
        let hourlyLabel = "Market-based, " + MatchingMethod.hourly
        let annualLabel = "Market-based, " + MatchingMethod.annual
        estimate.results.append(.init("market_based_hourly", hourlyLabel, e.value(hourly),
                                      how: "\(e.text(metMass)) matched + \(e.text(unmet)) × \(e.text(unmetFactor))"))
        estimate.results.append(.init("market_based_annual", annualLabel, annualResult.value, how: annualResult.how))
        estimate.results.append(.init("market_difference", "Difference (hourly − annual matching)", e.value(difference),
                                      how: "hourly-matched − annual market-based"))
        let claimed: String
        switch annual {
        case .supplyTotal: claimed = "claims the \(e.text(supply)) of supply against the \(e.text(energy)) of load over the period, whenever it was produced"
        case .certificates: claimed = "claims certificates for \(e.text(annualVars.claimed[0])) of the \(e.text(energy)) of load over the period, whenever their energy was produced"
        }
        let why = "Why the two differ: annual matching \(claimed); hourly matching counts supply only in the hour it is produced, so the \(e.text(surplus)) supplied beyond the load in some hours cannot meet the \(e.text(unmet)) unmet in others (\(count(never)) of \(count(intervals.count)) intervals had no supply), which count at \(usesLocation ? "the location-based factor" : "the residual mix"). The hourly method is a draft of the GHG Protocol's scope 2 revision, not the standard."
        estimate.assumptions.append(Note("methods_differ", why))
        estimate.tables.append(shown.byHourOfDay())
        if let map = shown.heatMap(withGrid: gridCFE != nil) { estimate.heatMaps.append(map) }
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        masses.append((key: "market_based_hourly", label: hourlyLabel, mass: e.figure(hourly)))
        masses.append((key: "market_based_annual", label: annualLabel, mass: e.figure(annualVars.mass)))
        try estimate.checkFinite(.invalidData)
        return (estimate, masses)
    }

    private func annualHowPrefix(_ claim: AnnualClaim) -> String {
        switch claim {
        case .supplyTotal: return "the supply's total claimed as one annual amount: "
        case .certificates: return "annual certificates: "
        }
    }

    /// Every interval of `matched` with its supply, as a table (what `--out` writes with supply):
    /// the matched columns, then `supply_kwh`, `matched_kwh`, `unmatched_kwh`, `surplus_kwh` and
    /// `supply_kg_co2e` (the matched energy at the supplies' rates).
    package func table(_ matched: TimeMatchedEmissions) -> Table {
        let base = matched.table
        var t = Table(key: base.key, title: base.title,
                      columns: base.columns + [.init("supply_kwh", "Supply kWh"), .init("matched_kwh", "Matched kWh"),
                                               .init("unmatched_kwh", "Unmatched kWh"), .init("surplus_kwh", "Surplus kWh"),
                                               .init("supply_kg_co2e", "Matched kg CO2e")])
        t.rows = zip(base.rows, intervals).map { row, i in
            row + [.number(i.supplyKWh), .number(i.matchedKWh), .number(i.unmatchedKWh), .number(i.surplusKWh), .number(i.matchedKilograms)]
        }
        return t
    }

    /// `8,760`.
    private func count(_ n: Int) -> String { NumberText.format(Double(n), decimals: 0) }

    /// `00-05, 20-23` for the hours of the day (UTC) no interval was ever matched in.
    package func hoursNeverMatched() -> String {
        var matchedAt = [Bool](repeating: false, count: 24), present = [Bool](repeating: false, count: 24)
        for i in intervals {
            let h = hourOfDay(i.start)
            present[h] = true
            if i.matchedKWh > 0 { matchedAt[h] = true }
        }
        var runs: [String] = []
        var h = 0
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        while h < 24 {
            guard present[h] && !matchedAt[h] else { h += 1; continue }
            var end = h
            while end + 1 < 24 && present[end + 1] && !matchedAt[end + 1] { end += 1 }
            runs.append(end == h ? two(h) : "\(two(h))-\(two(end))")
            h = end + 1
        }
        return runs.joined(separator: ", ")
    }

    /// The most days a heat map draws (a year and a month); a longer load gets none.
    package static let heatMapMaximumDays = 400

    /// The CFE share of each hour's load, day by day (rows, UTC dates) and hour of the day
    /// (columns, UTC): carbon-free matched energy, plus the grid's carbon-free share of the rest
    /// when `withGrid`, over the hour's load; nil for an hour without load or outside the load's
    /// period. Nil when the load spans more than `heatMapMaximumDays` days.
    package func heatMap(withGrid: Bool) -> HeatMap? {
        guard let first = intervals.first, let last = intervals.last else { return nil }
        let day0 = first.start.secondsSinceEpoch.floorDivided(by: 86_400)
        let days = Int(last.start.secondsSinceEpoch.floorDivided(by: 86_400) - day0) + 1
        guard days <= Self.heatMapMaximumDays else { return nil }
        var load = [Double](repeating: 0, count: days * 24), free = load
        for i in intervals {
            let d = Int(i.start.secondsSinceEpoch.floorDivided(by: 86_400) - day0)
            let k = d * 24 + hourOfDay(i.start)
            load[k] += i.loadKWh
            free[k] += i.carbonFreeKWh + (withGrid ? i.gridCarbonFreeKWh : 0)
        }
        let rows = (0..<days).map { d in String(Timestamp(secondsSinceEpoch: (day0 + Int64(d)) * 86_400).iso8601.prefix(10)) }
        let title = withGrid ? "CFE share by day and hour, contracts and the grid's carbon-free share" : "CFE share by day and hour (contracted supply)"
        return HeatMap(key: withGrid ? "cfe_with_grid_by_day_and_hour" : "cfe_by_day_and_hour", title: title,
                       rowLabel: "Day (UTC)", rows: rows, columnLabel: "Hour of the day (UTC)",
                       columns: (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" },
                       valueLabel: withGrid ? "CFE share of the hour's load, with the grid's" : "CFE share of the hour's load",
                       cells: zip(load, free).map { l, f in l > 0 ? Swift.min(1, f / l) : nil })
    }

    /// Load, supply, matched, unmatched and surplus energy and the CFE share by hour of the day (UTC).
    package func byHourOfDay() -> Table {
        var load = [[Double]](repeating: [], count: 24), supply = load, met = load, cfe = load, unmet = load, surplus = load, grid = load
        for i in intervals {
            let h = hourOfDay(i.start)
            load[h].append(i.loadKWh); supply[h].append(i.supplyKWh); met[h].append(i.matchedKWh)
            cfe[h].append(i.carbonFreeKWh); unmet[h].append(i.unmatchedKWh); surplus[h].append(i.surplusKWh)
            grid[h].append(i.gridCarbonFreeKWh)
        }
        var columns: [Table.Column] = [.init("hour", "Hour (UTC)"), .init("load", "Load"), .init("supply", "Supply"),
                                       .init("matched", "Matched"), .init("unmatched", "Unmatched"),
                                       .init("surplus", "Surplus"), .init("cfe", "CFE", unit: "%")]
        if gridCFE != nil { columns.append(.init("cfe_with_grid", "CFE with grid", unit: "%")) }
        var t = Table(key: "cfe_by_hour", title: "Hourly matching by hour of the day (UTC), over the load's period", columns: columns)
        let perMWh = 1 / kWhPerMWh
        for h in 0..<24 where !load[h].isEmpty {
            let l = Summation.sum(load[h])
            var row: [Table.Cell] = [.text("\(h < 10 ? "0" : "")\(h):00"), .number(l * perMWh), .number(Summation.sum(supply[h]) * perMWh),
                                      .number(Summation.sum(met[h]) * perMWh), .number(Summation.sum(unmet[h]) * perMWh),
                                      .number(Summation.sum(surplus[h]) * perMWh), .number(l > 0 ? Summation.sum(cfe[h]) / l * 100 : 0)]
            if gridCFE != nil { row.append(.number(l > 0 ? (Summation.sum(cfe[h]) + Summation.sum(grid[h])) / l * 100 : 0)) }
            t.rows.append(row)
        }
        return t
    }
}

/// kWh in one MWh, from the unit table.
private let kWhPerMWh = Energy(1, "MWh")!.kilowattHours
