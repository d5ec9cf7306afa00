import CO2eKit

/// `co2e hourly`: a load profile against an hourly factor series.
struct HourlyCommand: Command {
    static let name = "hourly"
    static let abstract = "Match a load profile (timestamp, kWh) hour by hour with an hourly factor series, and compare with an average factor."
    static let discussion = """
    FILES:
      --load: CSV with a time column (timestamp, time, datetime, start, from_utc) and kwh
              (or energy_kwh, mwh, wh), one row per interval, no interval missing.
      --factors: CSV with a time column and g_co2e_per_kwh (also read: avg_CI as in the EIA-930
              samples, actual_gco2_per_kwh as in the NESO Carbon Intensity API).
      Each time is the START of its interval, in ISO 8601 with a UTC offset
      (2022-01-01T00:00:00Z, 2022-07-01 09:00+02:00). Times without an offset are refused unless
      --utc-offset says which fixed offset they use: local daylight-saving times repeat an hour
      in autumn and skip one in spring, so export them with their offsets. Steps may differ when
      one divides the other (an hourly load against half-hourly factors uses the mean of each
      hour's two values). Gaps in the factor series are reported, never filled silently.
      --supply: CSV with a time column and supply_kwh (or generation_kwh, supply_mwh,
              generation_mwh), optionally g_co2e_per_kwh (the supply's own rate; 0 without
              it), at the load's step or one that divides it, covering the load's period.
              With --supply the market-based figure is shown both ways: hourly matching
              (draft revision, consultation 2025), where each hour's load is met only by that
              hour's supply and the rest counts at --residual-mix (or the hour's location
              factor, with a warning), and annual matching (GHG Protocol Scope 2 Guidance,
              2015), where the supply's total (or --annual-recs) is claimed against the year.
      --grid-cfe: CSV with a time column and cfe_share (the grid's carbon-free share, 0 to 1),
              at the load's step or one that divides it; with --supply, the CFE score also
              counts the grid's carbon-free share of the load the contracts do not meet
              (Google's 24/7 CFE method). grid-factors/hourly/eia930-*-2022-cfe.csv are
              derived from EIA-930 generation by fuel (wind, solar, hydro, nuclear).
      Example series are files in the co2e repository, not built into the binary:
      grid-factors/hourly/ (EIA-930 PJM, ERCOT and CAISO 2022; NESO GB), paths relative to the
      repository's root; give the path to your copy.

    EXAMPLES:
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-pjm-2022.csv
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-pjm-2022.csv --fill-gaps linear --out hours.csv
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-erco-2022.csv --recs 50%
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-pjm-2022.csv --supply ppa.csv --residual-mix 450g/kWh
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-erco-2022.csv --supply solar.csv --supply wind.csv --annual-recs 100%
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-pjm-2022.csv --grid-cfe grid-factors/hourly/eia930-pjm-2022-cfe.csv --supply ppa.csv
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-pjm-2022.csv --supply solar.csv --supply-scale tri:0.8,1,1.1 --samples 1e4

    """ + SamplingOptions.help

    static let load = Option<String>("load", "FILE", "The load profile: CSV of start time and energy per interval.")
    static let factors = Option<String>("factors", "FILE", "The factor series: CSV of start time and g CO2e/kWh per interval.")
    static let loadColumn = Option<String>("load-column", "NAME", "The load file's energy column in kWh, if not kwh/energy_kwh/mwh/wh.")
    static let factorColumn = Option<String>("factor-column", "NAME", "The factor file's column in g CO2e/kWh, if not g_co2e_per_kwh/avg_CI/actual_gco2_per_kwh.")
    static let utcOffset = Option<Int>("utc-offset", "OFFSET", "Fixed UTC offset (+00:00, +01:00) for times written without one.") { try Timestamp.parseOffset($0) }
    static let fillGaps = Option<GapFilling>("fill-gaps", "HOW", "Fill gaps in the factor series: none (default: report them and stop), previous, linear, mean.") { text in
        guard let f = GapFilling(rawValue: text.lowercased()) else {
            throw CO2eError(.invalidInput, "is not a way to fill gaps", value: text, accepted: "none, previous, linear, mean")
        }
        return f
    }
    static let annualFactor = Option<Uncertain<IntensityDimension>>.quantity("annual-factor", "INTENSITY", "The average factor to compare with (default: the mean of the series), e.g. 367g/kWh or 300..400g/kWh.", distributions: false)
    static let grid = Option<String>("grid", "ZONE", "Compare with this zone's annual grid factor instead (e.g. US, eGRID:RFCE).")
    static let year = Option<Int>("year", "YEAR", "Year of the --grid factor (default: the load's year if the zone has it, else the newest).") { try Year.parse($0) }
    static let supply = Option<String>("supply", "FILE", "A contracted supply series (PPA, on-site generation): CSV of start time and supply_kwh, optionally g_co2e_per_kwh. Shows the market-based figure by hourly and by annual matching, and the CFE score.", repeatable: true)
    static let annualRecs = Option<MarketInstruments.Instrument.Coverage>("annual-recs", "SHARE|ENERGY", "For annual matching beside the hourly one: certificates covering a share (100%) or an amount (8.8GWh) of the year's load at 0 g/kWh (default: the supply's total, claimed as one annual amount).", parse: ElectricityOptions.coverage)
    static let supplyScale = Option<Uncertain<RatioDimension>>.quantity("supply-scale", "X", "Scale every supply series by X: its capacity factor against the profile's own, a range (0.8..1.1) or a distribution (tri:0.8,1,1.1, normal:1,0.1,0.7..1.3) for the spread of the CFE score and the hourly-matched emissions (sampled with --samples or a distribution).")
    static let gridCFE = Option<String>("grid-cfe", "FILE", "The grid's carbon-free share by interval: CSV of start time and cfe_share (0 to 1). With --supply, adds the CFE score that counts it for the load the contracts do not meet.")
    static let chart = Option<String>("chart", "FILE.svg", "With --supply, write an SVG heat map of the CFE share of each hour's load, day by day (the grid's share counted with --grid-cfe); loads of up to \(HourlySupply.heatMapMaximumDays) days.")
    static let out = Option<String>("out", "FILE", "Write every matched interval to FILE as CSV (timestamp,kwh,g_co2e_per_kwh,kg_co2e,filled; with --supply also supply_kwh,matched_kwh,unmatched_kwh,surplus_kwh,supply_kg_co2e).")

    static var options: [any OptionDeclaration] {
        [load, factors, supply, supplyScale, gridCFE, annualRecs, loadColumn, factorColumn, utcOffset, fillGaps, annualFactor, grid, year, out, chart]
            + ElectricityOptions.marketOptions + [EquivalentsOption.flag] + SamplingOptions.options
    }

    static var rules: [Rule] {
        [.oneOf([load], hint: "the load profile"), .oneOf([factors], hint: "the hourly factor series"),
         .conflicts(annualFactor, grid), .requires(year, grid), .requires(annualRecs, supply), .requires(gridCFE, supply),
         .requires(supplyScale, supply), .requires(chart, supply), .requires(SamplingOptions.samples, supply), .requires(SamplingOptions.seed, supply),
         .requires(SamplingOptions.threads, supply), .requires(SamplingOptions.percentiles, supply),
         .conflicts(supply, ElectricityOptions.recs, because: "the supply series are the contracts; give annual certificates for the comparison with --annual-recs"),
         .conflicts(supply, ElectricityOptions.ppa, because: "the supply series are the contracts"),
         .conflicts(supply, ElectricityOptions.supplierFactor, because: "the load supply does not meet counts at --residual-mix or the location factor")]
            + ElectricityOptions.marketRules
    }

    static func run(_ a: Arguments) throws -> Output {
        let loadPath = a.text(load)!, factorPath = a.text(factors)!
        for writer in [out, chart] {
            guard let path = a.text(writer) else { continue }
            for (option, input) in [(load, loadPath), (factors, factorPath)] + (try a.all(supply)).map({ (supply, $0) }) + (a.text(gridCFE).map { [(gridCFE, $0)] } ?? [])
            where FileIO.sameFile(path, input) {
                throw CO2eError(.invalidInput, "is the \(option.flagName) file; write the hourly results to another file", field: writer.field, value: path)
            }
        }
        if let c = a.text(chart), let o = a.text(out), FileIO.sameOutput(c, o) {
            throw CO2eError(.invalidInput, "is the --out file too; write the chart and the intervals to two files", field: chart.field, value: c)
        }
        let supplyPaths = try a.all(supply)
        for (n, path) in supplyPaths.enumerated() {
            if FileIO.sameFile(path, loadPath) {
                throw CO2eError(.invalidInput, "is the --load file; a supply series is the contracted generation, CSV of start time and supply_kwh", field: "supply", value: path)
            }
            if FileIO.sameFile(path, factorPath) {
                throw CO2eError(.invalidInput, "is the --factors file; a supply series is CSV of start time and supply_kwh", field: "supply", value: path)
            }
            if let earlier = supplyPaths.prefix(n).first(where: { FileIO.sameFile($0, path) }) {
                throw CO2eError(.invalidInput, "is given twice (also as '\(earlier)'); each supply counts once", field: "supply", value: path)
            }
        }
        if let path = a.text(gridCFE) {
            for (option, input) in [(load, loadPath), (factors, factorPath)] + supplyPaths.map({ (supply, $0) }) where FileIO.sameFile(path, input) {
                throw CO2eError(.invalidInput, "is the \(option.flagName) file; the grid CFE series is CSV of start time and cfe_share (0 to 1)", field: "grid_cfe", value: path)
            }
        }
        let offset = try a.value(utcOffset)
        let filling = try a.value(fillGaps) ?? .none
        let market = try ElectricityOptions.market(a)
        let loadSeries = try TimeSeries.read(try FileIO.read(loadPath), origin: loadPath, layout: .load,
                                             valueColumn: a.text(loadColumn), assumedOffsetSeconds: offset)
        var average = AverageFactor.seriesMean
        if let i = try a.value(annualFactor) { average = .given(i) }
        if let zone = a.text(grid) {
            // Default to the load's own year where the zone has it, else its newest.
            let catalog = FactorCatalog.bundled
            do {
                let match = try catalog.resolve(zone)
                let chosen = try a.value(year)
                    ?? (try catalog.factors(for: match.zone).contains { $0.year == loadSeries.first.year } ? loadSeries.first.year : nil)
                average = .gridFactor(try catalog.factor(for: match.zone, year: chosen))
            } catch let error as CO2eError {
                throw error.attributed(to: grid.field)
            }
        }
        let factorSeries = try TimeSeries.read(try FileIO.read(factorPath), origin: factorPath, layout: .factors,
                                               valueColumn: a.text(factorColumn), assumedOffsetSeconds: offset)
        let matched = try TimeMatchedEmissions.match(load: loadSeries, factors: factorSeries, filling: filling)
        let result: (trail: Estimate, masses: [(key: String, label: String, mass: Figure<MassDimension>)])
        var hourly: HourlySupply?
        if supplyPaths.isEmpty {
            result = try matched.result(load: loadSeries, factors: factorSeries, average: average, market: market)
        } else {
            let supplies = try supplyPaths.map {
                try TimeSeries.read(try FileIO.read($0), origin: $0, layout: .supply, assumedOffsetSeconds: offset)
            }
            let gridShare = try a.text(gridCFE).map {
                try TimeSeries.read(try FileIO.read($0), origin: $0, layout: .gridCFE, assumedOffsetSeconds: offset)
            }
            let supplied = try HourlySupply.match(matched, loadStepSeconds: loadSeries.stepSeconds, supplies: supplies, gridCFE: gridShare)
            let claim = try a.value(annualRecs).map(HourlySupply.AnnualClaim.certificates) ?? .supplyTotal
            let scale = try a.value(supplyScale) ?? .exact(.number(1))
            func isDistribution<D>(_ u: Uncertain<D>?) -> Bool { if case .distribution = u { return true } else { return false } }
            let sampling = try SamplingOptions.settings(a, distributions: isDistribution(scale) || isDistribution(market?.residualMix))
            result = try supplied.result(matched, load: loadSeries, factors: factorSeries, average: average,
                                         residualMix: market?.residualMix, annual: claim, supplyScale: scale, sampling: sampling)
            // --out writes the supply at the scale the tables show.
            hourly = scale.centralValue == 1 ? supplied : supplied.scaled(by: scale.centralValue)
        }
        var estimate = result.trail
        try EquivalentsOption.apply(a, to: &estimate, masses: result.masses)
        // A chart that cannot be drawn is refused before anything is written.
        if let path = a.text(chart), estimate.heatMaps.isEmpty {
            throw CO2eError(.invalidInput, "cannot be drawn: the load spans more than \(HourlySupply.heatMapMaximumDays) days", field: chart.field, value: path,
                            accepted: "a load of up to \(HourlySupply.heatMapMaximumDays) days")
        }
        var notes: [String] = []
        if let out = a.text(out) {
            let csv = hourly?.table(matched).csv ?? matched.csv
            try FileIO.writeAtomically(csv, to: out)
            let rows = csv.utf8.reduce(0) { $1 == 10 ? $0 + 1 : $0 } - 1
            notes.append("Intervals written to \(out): \(rows) row\(rows == 1 ? "" : "s").")
        }
        if let path = a.text(chart), let map = estimate.heatMaps.first {
            try FileIO.writeAtomically(SVGChart.heatMap(map, source: "co2e hourly; " + loadPath + " against " + supplyPaths.joined(separator: ", ")), to: path)
            notes.append("Chart written to \(path).")
        }
        return .estimate(estimate, notes: notes)
    }
}
