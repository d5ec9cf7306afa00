import CO2eKit

/// The options every estimate command shares for Monte Carlo sampling. A command opts in by
/// adding `SamplingOptions.options` to its options and calling `settings(_:sampling:)` with
/// whether its formula has a distribution input (`Formula.hasDistributions`); it then hands
/// the settings to `MonteCarlo.evaluate` instead of calling `formula.evaluate()`.
enum SamplingOptions {
    static let samples = Option<Int>("samples", "N", "Run a Monte Carlo with N samples: 1e5, 1e6, 10M. Ranges (50..60GWh) are then drawn as uniform; any input may be a distribution (see DISTRIBUTIONS). Default with a distribution input: \(NumberText.format(Double(MonteCarloSettings.defaultSamples), significantDigits: 6)).", parse: parseSamples)
    static let seed = Option<UInt64>("seed", "S", "Seed of the generator (default \(MonteCarloSettings.defaultSeed)); the same seed gives the same numbers.", parse: parseSeed)
    static let threads = Option<Int>("threads", "T", "Threads for sampling (default: every core, here \(MonteCarloSettings.availableCores)). Results do not depend on it.", parse: parseThreads)
    static let percentiles = Option<[Double]>("percentiles", "LIST", "Percentiles to report besides 5, 50 and 95: 1,99 or 2.5,97.5.", parse: parsePercents)

    static var options: [any OptionDeclaration] { [samples, seed, threads, percentiles] }

    /// Bins of the histograms an HTML page draws.
    static let histogramBins = 40

    /// How to write a distribution, for `--help`.
    static let help = """
    DISTRIBUTIONS (any option that takes a quantity; units as for a single value):
      50..60GWh or uniform:50GWh,60GWh   uniform (a range is sampled as uniform with --samples)
      tri:1.1,1.2,1.4                   triangular: low, mode, high
      normal:0.15,0.03                  normal: mean, standard deviation
      normal:1.2,0.1,1..1.5             normal truncated to 1..1.5
      lognormal:400g/kWh,0.25           lognormal: median, sigma of the log
      lognormal:p5=300g/kWh,p95=520g/kWh  lognormal by its 5th and 95th percentiles
      choice:380g/kWh@2,420g/kWh@1      one of several values, with weights
    With a distribution the estimate is sampled (Monte Carlo): mean, sd, p5, p50, p95 per
    figure, and each input's share of the spread (Spearman rank correlation).
    """

    /// The settings the options ask for; nil when nothing is to be sampled (no sampling option
    /// and `distributions` false).
    static func settings(_ a: Arguments, distributions: Bool) throws -> MonteCarloSettings? {
        guard distributions || options.contains(where: a.has) else { return nil }
        var s = MonteCarloSettings()
        if let n = try a.value(samples) { s.samples = n }
        if let seed = try a.value(seed) { s.seed = seed }
        if let t = try a.value(threads) { s.threads = t }
        if let p = try a.value(percentiles) { s.percents = Array(Set(MonteCarloSettings.defaultPercents + p)).sorted() }
        // A page draws each sampled figure's histogram; counting the bins is one more pass over
        // the samples, made only for it.
        if a.has(OutputOptions.html) { s.histogramBins = histogramBins }
        try s.validate()
        return s
    }

    /// A whole number of samples, 1 or more: `100000`, `1e5`, `10M`.
    @Sendable static func parseSamples(_ text: String) throws -> Int {
        let n = try Count.parse(text).number
        guard n == n.rounded(), n >= 1, n <= Double(MonteCarloSettings.maximumSamples) else {
            throw CO2eError(.invalidInput, n < 1 ? "must be at least 1" : n == n.rounded() ? "is more than co2e samples at once" : "is not a whole number",
                            value: EchoedText.value(text), accepted: "a whole number from 1 to 200,000,000 (2e8), such as 1e5")
        }
        return Int(n)
    }

    @Sendable static func parseSeed(_ text: String) throws -> UInt64 {
        guard let s = UInt64(text.filter { $0 != "_" }) else {
            throw CO2eError(.invalidInput, "is not a seed", value: EchoedText.value(text), accepted: "a whole number from 0 to 18446744073709551615")
        }
        return s
    }

    @Sendable static func parseThreads(_ text: String) throws -> Int {
        guard let t = Int(text), t >= 1, t <= MonteCarloSettings.maximumThreads else {
            throw CO2eError(.invalidInput, "is not a number of threads co2e runs", value: EchoedText.value(text), accepted: "1 to \(MonteCarloSettings.maximumThreads)")
        }
        return t
    }

    @Sendable static func parsePercents(_ text: String) throws -> [Double] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let p = Double(part.filter { $0 != " " }), p >= 0, p <= 100 else {
                let accepted = "numbers from 0 to 100, comma separated, such as 1,99"
                // One value: say what is wrong with it; in a list, which item.
                let reason = Double(part.filter { $0 != " " }).map { $0.isFinite } == true ? "is not a percentile: it is outside 0 to 100" : "is not a number"
                if part.count == text.count { throw CO2eError(.invalidInput, reason, value: EchoedText.value(text), accepted: accepted) }
                throw CO2eError(.invalidInput, "has '\(EchoedText.value(part))', which \(reason)", value: EchoedText.value(text), accepted: accepted)
            }
            return p
        }
    }
}
