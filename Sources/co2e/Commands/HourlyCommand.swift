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

    EXAMPLES:
      co2e hourly --load load.csv --factors ../shared/reference-data/hourly-samples/eia930_PJM_2022_hourly.csv
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-pjm-2022.csv --fill-gaps linear --out hours.csv
      co2e hourly --load load.csv --factors grid-factors/hourly/eia930-erco-2022.csv --recs 50%
    """

    static let options: [OptionSpec] = [
        .value("load", "FILE", "The load profile: CSV of start time and energy per interval."),
        .value("factors", "FILE", "The factor series: CSV of start time and g CO2e/kWh per interval."),
        .value("load-column", "NAME", "The load file's energy column in kWh, if not kwh/energy_kwh/mwh/wh."),
        .value("factor-column", "NAME", "The factor file's column in g CO2e/kWh, if not g_co2e_per_kwh/avg_CI/actual_gco2_per_kwh."),
        .value("utc-offset", "OFFSET", "Fixed UTC offset (+00:00, +01:00) for times written without one."),
        .value("fill-gaps", "HOW", "Fill gaps in the factor series: none (default: report them and stop), previous, linear, mean."),
        .value("annual-factor", "INTENSITY", "The average factor to compare with (default: the mean of the series), e.g. 367g/kWh."),
        .value("grid", "ZONE", "Compare with this zone's annual grid factor instead (e.g. US, eGRID:RFCE)."),
        .value("year", "YEAR", "Year of the --grid factor (default: the load's year if the zone has it, else the newest)."),
        .value("out", "FILE", "Write every matched interval to FILE as CSV (timestamp,kwh,g_co2e_per_kwh,kg_co2e,filled)."),
    ] + ElectricityOptions.marketOptions + [
        .flag("json", "Print the estimate as JSON (same content as the table)."),
    ]

    static func run(_ a: ParsedArguments, _ console: Console) throws {
        guard let loadPath = a.value("load") else { throw CO2eError.input("give the load profile: --load FILE") }
        guard let factorPath = a.value("factors") else { throw CO2eError.input("give the hourly factor series: --factors FILE") }
        if let out = a.value("out") {
            for (option, input) in [("--load", loadPath), ("--factors", factorPath)] where FileIO.sameFile(out, input) {
                throw CO2eError.input("--out \(out) is the \(option) file; write the hourly results to another file")
            }
        }
        let offset = try a.parsed("utc-offset", Timestamp.parseOffset)
        let filling: GapFilling = try a.parsed("fill-gaps") { text in
            guard let f = GapFilling(rawValue: text.lowercased()) else {
                throw CO2eError.input("'\(text)' is not a way to fill gaps; choose none, previous, linear or mean")
            }
            return f
        } ?? .none
        if a.has("annual-factor") && a.has("grid") { throw CO2eError.input("give either --annual-factor or --grid, not both") }
        if a.has("year") && !a.has("grid") { throw CO2eError.input("--year goes with --grid") }
        let market = try ElectricityOptions.market(a)
        let load = try TimeSeries.read(try FileIO.read(loadPath), origin: loadPath, layout: .load,
                                       valueColumn: a.value("load-column"), assumedOffsetSeconds: offset)
        var average = AverageFactor.seriesMean
        if let i = try a.nonNegative("annual-factor", Intensity.self) { average = .given(i) }
        if let zone = a.value("grid") {
            // Default to the load's own year where the zone has it, else its newest.
            let catalog = FactorCatalog.bundled
            let match = try catalog.resolve(zone)
            let year = try a.parsed("year", PlainNumber.parseYear)
                ?? (try catalog.factors(for: match.zone).contains { $0.year == load.first.year } ? load.first.year : nil)
            average = .gridFactor(try catalog.factor(for: match.zone, year: year))
        }
        let factors = try TimeSeries.read(try FileIO.read(factorPath), origin: factorPath, layout: .factors,
                                          valueColumn: a.value("factor-column"), assumedOffsetSeconds: offset)
        let matched = try TimeMatchedEmissions.match(load: load, factors: factors, filling: filling)
        let estimate = try matched.estimate(load: load, factors: factors, average: average, market: market)
        if let out = a.value("out") { try FileIO.writeAtomically(matched.csv, to: out) }
        console.out(a.flag("json") ? estimate.json.prettySerialized() + "\n" : Rendering.table(estimate))
    }
}
