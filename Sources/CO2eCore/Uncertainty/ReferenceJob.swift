/// The Monte Carlo job of the project's peer benchmark (shared/peer-bench/README.md, "Jobs",
/// and its numpy peer mc_numpy.py): a training run's emissions with five uncertain factors.
/// Its numbers define a benchmark, not a model of any real run:
///
///     tCO2e = energy x PUE x intensity x T&D loss x (1 + embodied share)
///     energy ~ U(50, 60) GWh, PUE ~ Tri(1.1, 1.2, 1.4), intensity ~ LogN(median 400 g/kWh, sigma 0.25),
///     T&D loss ~ U(1.03, 1.07), embodied share ~ N(0.15, 0.03)
///
/// Analytic mean: 55 x 1.2333 x 400 e^(0.25²/2) x 1.05 x 1.15 = 33,803.5 t (the README and
/// mc_numpy.py print 33,800.6 t, 0.009 % lower; the tests check the sampled mean against both).
package struct ReferenceJob: Sendable {
    package let formula: Formula
    /// The emissions, the job's one output.
    package let emissions: Variable<MassDimension>

    /// The analytic mean of the emissions in tonnes: 33,803.5.
    package static var analyticMeanTonnes: Double {
        55 * (1.1 + 1.2 + 1.4) / 3 * 400 * exp(0.25 * 0.25 / 2) * 1.05 * 1.15
    }

    package init() {
        var f = Formula()
        // The parameters are valid by construction; `try!` cannot fail on them.
        let energy = f.input("energy", Uncertain<EnergyDimension>.distribution(.uniform(.gigawattHours(50), .gigawattHours(60))))
        let pue = f.input("pue", Uncertain<RatioDimension>.distribution(try! .triangular(low: .number(1.1), mode: .number(1.2), high: .number(1.4))))
        let intensity = f.input("intensity", Uncertain<IntensityDimension>.distribution(try! .lognormal(median: .gramsPerKilowattHour(400), sigma: 0.25)))
        let loss = f.input("td_loss", Uncertain<RatioDimension>.distribution(.uniform(.number(1.03), .number(1.07))))
        let embodied = f.input("embodied_share", Uncertain<ShareDimension>.distribution(try! .normal(mean: .fraction(0.15), sd: .fraction(0.03))))
        let mass = f.value("emissions", MassDimension.self)
        f.compute { v in
            v[mass] = v[energy] * v[intensity] * (v[pue].number * v[loss].number * (1 + v[embodied].fraction))
        }
        formula = f
        emissions = mass
    }

    /// The emissions sampled with `settings`, summarised in base units (kg): mean, standard
    /// deviation and the settings' percentiles. One sample is a sample too: its mean and every
    /// percentile are that sample's value.
    ///
    /// - Throws: `CO2eError.invalidInput` for bad settings (`samples`, `threads`, `percentiles`).
    package func run(_ settings: MonteCarloSettings) throws -> Percentiles {
        let e = try MonteCarlo.evaluate(formula, output: emissions, settings: settings)
        switch e[emissions] {
        case let .percentiles(p): return p
        case let .exact(v):
            // Every draw gave the same value (one sample): the summary of that one value.
            return Percentiles(samples: settings.samples, mean: v, standardDeviation: 0,
                               values: settings.percents.map { Percentiles.Percentile(percent: $0, value: v) })
        case let .bounds(a, b):
            throw CO2eError(.invalidData, "the job gave bounds \(a)..\(b) kg instead of samples")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
