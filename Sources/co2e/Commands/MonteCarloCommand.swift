import CO2eKit

/// `co2e montecarlo`: the peer benchmark's Monte Carlo job, one JSON line out.
struct MonteCarloCommand: Command {
    static let name = "montecarlo"
    static let abstract = "Run the peer benchmark's Monte Carlo job (a training run with five uncertain factors); one JSON line."
    static let discussion = """
    THE JOB (shared/peer-bench/README.md; the same as mc_numpy.py):
      tCO2e = energy x PUE x intensity x T&D loss x (1 + embodied share)
      energy U(50,60) GWh, PUE Tri(1.1,1.2,1.4), intensity LogN(median 400 g/kWh, sigma 0.25),
      T&D loss U(1.03,1.07), embodied share N(0.15,0.03). Analytic mean 33,800.6 t.
    Prints {"samples":N,"mean":t,"p5":t,"p50":t,"p95":t} (tonnes; percentiles as numpy's
    default, linear interpolation). The same formula machinery as every estimate's --samples.

    EXAMPLES:
      co2e montecarlo --samples 10000000
      co2e montecarlo --samples 1e6 --seed 7 --threads 1
    """

    static let samples = Option<Int>("samples", "N", "Number of samples (default 10M, the benchmark's): 1e6, 10000000.", parse: SamplingOptions.parseSamples)

    static var options: [any OptionDeclaration] {
        [samples, SamplingOptions.seed, SamplingOptions.threads, SamplingOptions.percentiles]
    }

    static func run(_ a: Arguments) throws -> Output {
        var settings = try SamplingOptions.settings(a, distributions: true)!
        settings.samples = try a.value(samples) ?? 10_000_000
        settings.keptSamples = 0
        let p = try ReferenceJob().run(settings)
        let tonnes = Mass.tonnes(1).baseValue
        var members: [(String, JSONValue)] = [("samples", .number(Double(p.samples))), ("mean", .number(p.mean / tonnes))]
        for v in p.values { members.append(("p" + NumberText.exact(v.percent), .number(v.value / tonnes))) }
        return Output(.measured(JSONValue.object(members).serialized() + "\n", estimate(p, settings)))
    }

    /// The job as an estimate, for `--html` and `--value`: its inputs (the distributions) and
    /// the emissions' mean and percentiles, with a histogram when the settings count one.
    static func estimate(_ p: Percentiles, _ settings: MonteCarloSettings) -> Estimate {
        var e = Estimate(key: "montecarlo", title: "Peer benchmark Monte Carlo job")
        let inputs = [("energy", "Energy", "uniform 50 to 60 GWh"), ("pue", "PUE", "triangular 1.1, 1.2, 1.4"),
                      ("intensity", "Grid intensity", "lognormal, median 400 g/kWh, sigma 0.25"),
                      ("td_loss", "T&D loss factor", "uniform 1.03 to 1.07"), ("embodied_share", "Embodied share", "normal, mean 0.15, sd 0.03")]
        for (key, label, drawn) in inputs { e.steps.append(.init(key, label, .text(drawn), how: "drawn (shared/peer-bench/README.md)")) }
        e.results.append(.init("emissions", "Emissions", Value(.percentiles(p), MassDimension.self, unit: "t"),
                               how: "energy × PUE × intensity × T&D loss × (1 + embodied share), per sample"))
        e.assume("benchmark", "The job's distributions define a benchmark (shared/peer-bench/README.md), not a model of a real training run.")
        e.assume("sampling", "\(NumberText.format(Double(p.samples), significantDigits: 12)) samples, seed \(settings.seed); percentiles as numpy's default (linear interpolation).")
        return e
    }
}
