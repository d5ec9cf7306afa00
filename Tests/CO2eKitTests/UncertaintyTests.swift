// Monte Carlo: each distribution's draws against its analytic moments (bounds from the sample
// size: 4 standard errors), the peer-bench job against its analytic mean and numpy's
// percentiles, determinism, selection against a full sort, contributions, and bad input.
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eData
@testable import CO2eGrid
@testable import CO2eTraining
@testable import CO2eInference
@testable import CO2eProjections
@testable import CO2eRemovals
@testable import CO2eEquivalents
@testable import CO2eBatch
@testable import CO2eClaims

@Suite struct UncertaintyTests {
    /// Draws `n` samples of one input through a formula that copies it; returns the evaluation
    /// and the copy's variable.
    func sample<D>(_ given: Uncertain<D>, _ n: Int, seed: UInt64 = 7, threads: Int = 2) throws -> Percentiles {
        var f = Formula()
        let x = f.input("x", given)
        let y = f.value("y", D.self)
        f.compute { v in v[y] = v[x] }
        let e = try MonteCarlo.evaluate(f, output: y, settings: MonteCarloSettings(samples: n, seed: seed, threads: threads))
        guard case let .percentiles(p) = e[y] else { Issue.record("not sampled: \(e[y])"); throw CO2eError.input("not sampled") }
        return p
    }

    static let shapes: [(String, String)] = [
        ("uniform", "uniform:0.24Wh,2.9Wh"), ("triangular", "tri:1.1,1.2,1.4"), ("normal", "normal:0.15,0.03"),
        ("truncated normal", "normal:1.2,0.1,1..1.3"), ("lognormal", "lognormal:400,0.25"),
        ("lognormal by percentiles", "lognormal:p5=300,p95=520"), ("choice", "choice:380@2,420@1,500@0.5"),
        ("range as uniform", "50..60"),
    ]

    @Test(arguments: shapes) func sampleMeanIsWithinFourStandardErrorsOfTheAnalyticMean(_ c: (String, String)) throws {
        let given = try Ratio.parseRange(c.1.replacingOccurrences(of: "Wh", with: ""))
        let shape = try #require(given.samplingShape)
        let n = 200_000
        let p = try sample(given, n)
        let se = shape.variance.squareRoot() / Double(n).squareRoot()
        #expect(abs(p.mean - shape.mean) <= 4 * se, "\(c.0): mean \(p.mean) vs \(shape.mean), 4 SE = \(4 * se)")
    }

    @Test func uniformMedianIsWithinFourStandardErrors() throws {
        // SE of a sample median: sqrt(p(1-p)/n) / density = 0.5/sqrt(n) x width.
        let n = 100_000
        let p = try sample(Uncertain<RatioDimension>.distribution(.uniform(.number(10), .number(20))), n)
        let median = try #require(p.values.first { $0.percent == 50 }).value
        #expect(abs(median - 15) <= 4 * 0.5 / Double(n).squareRoot() * 10)
    }

    @Test func lognormalByPercentilesHasThosePercentiles() throws {
        let given = try Intensity.parseRange("lognormal:p5=300g/kWh,p95=520g/kWh")
        guard case let .distribution(d) = given, case let .lognormal(mu, s) = d.shape else { Issue.record("\(given)"); return }
        #expect(abs(exp(mu - DistributionShape.z95 * s) - 300) < 1e-9)
        #expect(abs(exp(mu + DistributionShape.z95 * s) - 520) < 1e-9)
    }

    // numpy 2.x, mc_numpy.py --samples 10000000 --seed 42 (default_rng, np.percentile default):
    static let numpy = (mean: 33805.95607794121, p5: 21237.8359505548, p50: 32664.064195142564, p95: 50257.838587646365)

    @Test func peerBenchJobMatchesItsAnalyticMeanAndNumpysPercentilesAt10MSamples() throws {
        let job = ReferenceJob()
        // The README rounds the product to 33,800.6 t; it is 33,803.5 t (0.009 % apart). Both are checked.
        #expect(abs(ReferenceJob.analyticMeanTonnes - 33_803.525) < 0.001)
        let e = try MonteCarlo.evaluate(job.formula, output: job.emissions,
                                        settings: MonteCarloSettings(samples: 10_000_000, seed: 42, keptSamples: 0))
        guard case let .percentiles(p) = e[job.emissions] else { Issue.record("not sampled"); return }
        let t = 1000.0
        #expect(abs(p.mean / t / ReferenceJob.analyticMeanTonnes - 1) < 0.001, "mean \(p.mean / t) t")
        #expect(abs(p.mean / t / 33_800.6 - 1) < 0.001, "mean \(p.mean / t) t")
        let got = Dictionary(uniqueKeysWithValues: p.values.map { ($0.percent, $0.value / t) })
        for (percent, numpy) in [(5.0, Self.numpy.p5), (50, Self.numpy.p50), (95, Self.numpy.p95)] {
            let v = try #require(got[percent])
            #expect(abs(v / numpy - 1) < 0.005, "p\(percent): \(v) vs numpy \(numpy)")
        }
    }

    @Test func sameSeedGivesTheSameNumbersTwiceAndOnAnyNumberOfThreads() throws {
        let job = ReferenceJob()
        func run(_ threads: Int, seed: UInt64 = 3) throws -> Spread {
            try MonteCarlo.evaluate(job.formula, output: job.emissions, settings: MonteCarloSettings(samples: 300_001, seed: seed, threads: threads))[job.emissions]
        }
        let one = try run(1)
        #expect(try run(1) == one)
        #expect(try run(2) == one)
        #expect(try run(3) == one)
        #expect(try run(1, seed: 4) != one)
    }

    @Test func histogramSelectionEqualsAFullSort() throws {
        var g = Xoshiro256PlusPlus(seed: 11)
        let percents: [Double] = [0, 0.1, 5, 25, 50, 50.5, 95, 99.9, 100]
        for n in [1, 2, 7, 1000, 300_000] {
            // Heavy ties (values on a coarse grid) and a long tail.
            var data = (0..<n).map { _ in (g.nextDouble() * 50).rounded() * exp(g.nextDouble() * 3) }
            let expected = Percentiles(of: data, at: percents).values.map(\.value)
            let (lo, hi) = (data.min()!, data.max()!)
            let got = data.withUnsafeMutableBufferPointer {
                Selection.percentiles($0.baseAddress!, count: n, percents, threads: 2, lowest: lo, highest: hi)
            }
            #expect(got == expected, "n = \(n)")
            let quick = data.withUnsafeMutableBufferPointer { Selection.percentiles($0, percents) }
            #expect(quick == expected, "quickselect, n = \(n)")
        }
    }

    @Test func ranksShareTiesAndTheSortAgreesWithTheStandardOne() {
        let x: [Double] = [3, 1, 3, 2, 3]
        #expect(x.withUnsafeBufferPointer { MonteCarlo.ranks($0) } == [4, 1, 4, 2, 4])
        var g = Xoshiro256PlusPlus(seed: 2)
        for n in [0, 1, 15, 16, 17, 10_000] {
            var data = (0..<n).map { _ in (g.nextDouble() * 100).rounded() }
            let expected = data.sorted()
            data.withUnsafeMutableBufferPointer { Selection.sort($0, by: <) }
            #expect(data == expected, "n = \(n)")
        }
    }

    @Test func theInputWithTheWidestSpreadDrivesTheOutput() throws {
        let job = ReferenceJob()
        let e = try MonteCarlo.evaluate(job.formula, output: job.emissions, settings: MonteCarloSettings(samples: 100_000))
        let c = try #require(e.monteCarlo).contributions(to: "emissions")
        // Coefficients of variation: intensity 0.25 (log sd), PUE 0.052, energy 0.052, T&D 0.011, embodied 0.026.
        #expect(c.map(\.input).first == "intensity")
        #expect(c.map(\.input).last == "td_loss")
        #expect(abs(c.reduce(0) { $0 + $1.varianceShare } - 1) < 1e-9)
    }

    @Test func aMonteCarloRunOfFixedInputsAgreesWithTheFixedRun() throws {
        let run = TrainingRun(energy: .itEquipment(.exact(.gigawattHours(50)), pue: .exact(.number(1.1))),
                              electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))), carbonFree: .share(.exact(.percent(30)))))
        let fixed = try run.estimate()
        let sampled = try run.estimate(sampling: MonteCarloSettings(samples: 1000))
        for key in ["location_based", "net"] {
            #expect(sampled.result(key)?.value == fixed.result(key)?.value, "\(key)")
            guard case let .exact(kg)? = fixed.result(key)?.value.spread else { Issue.record("\(key) not exact"); continue }
            #expect(abs(kg / (key == "net" ? 15_400_000 : 22_000_000) - 1) < 1e-12)
        }
        #expect(sampled.assumptions.contains { $0.key == "monte_carlo" })
    }

    @Test func aDistributionInputSamplesWithoutBeingAskedAndRangesStayExactEnds() throws {
        let ranged = TrainingRun(energy: .facility(try Energy.parseRange("50..60GWh")),
                                 electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400)))))
        #expect(try ranged.estimate().result("location_based")?.value.spread == .bounds(20_000_000, 24_000_000))
        let distributed = TrainingRun(energy: .facility(try Energy.parseRange("tri:50GWh,55GWh,60GWh")),
                                      electricity: ranged.electricity)
        guard case let .percentiles(p)? = try distributed.estimate().result("location_based")?.value.spread else {
            Issue.record("not sampled"); return
        }
        #expect(p.samples == MonteCarloSettings.defaultSamples)
    }

    @Test(arguments: [
        ("tri:1.1,1.5,1.4", "mode outside its bounds"), ("tri:1.4,1.2,1.1", "low end above its high end"),
        ("lognormal:400,0", "sigma 0"), ("lognormal:400,-0.1", "must be more than zero"), ("lognormal:0,0.2", "median of zero"),
        ("normal:1,0", "standard deviation of 0"), ("normal:1,-1", "standard deviation of -1"),
        ("normal:0,1,5..6", "keeps"), ("choice:1@0,2@0", "sum to 0"), ("choice:1@-1,2@2", "weight -1"),
        ("choice:1@x", "not a plain number"), ("weibull:1,2", "not a distribution"), ("tri:1,2", "needs 3 parameters"),
        ("uniform:2,1", "high end first"), ("normal:1,0.1,1.5..1", "low end not below the high end"), ("lognormal:p5=5,p95=4", "p95 at or below p5"),
    ])
    func badDistributionsAreRefusedWithTheReason(_ c: (String, String)) {
        do {
            _ = try Ratio.parseRange(c.0)
            Issue.record("\(c.0) was accepted")
        } catch let e as CO2eError {
            #expect(e.kind == .invalidInput)
            #expect(e.reason.contains(c.1), "\(e.reason)")
            #expect(e.value == c.0)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func unitsAreSharedAsInRanges() throws {
        let u = try EnergyPerItem.parseRange("uniform:0.24,2.9Wh/query")
        #expect(u.samplingShape == .uniform(low: try EnergyPerItem.parse("0.24Wh/query").baseValue, high: try EnergyPerItem.parse("2.9Wh/query").baseValue))
        let c = try Intensity.parseRange("choice:0.38kg/kWh@1,420g/kWh@3")
        #expect(c.samplingShape == .choice(values: [380, 420], weights: [0.25, 0.75]))
        #expect(throws: CO2eError.self) { try Energy.parseRange("uniform:50,60") }
        #expect(try Energy.parseRange("fixed:50GWh") == .exact(.gigawattHours(50)))
        // A single-value input refuses a distribution.
        #expect(throws: CO2eError.self) { try Energy.parse("tri:1GWh,2GWh,3GWh") }
    }

    @Test func badSettingsAreRefused() {
        for s in [MonteCarloSettings(samples: 0), MonteCarloSettings(threads: 0), MonteCarloSettings(percents: [101])] {
            #expect(throws: CO2eError.self) { try s.validate() }
        }
    }

    @Test func jumpedStreamsDiffer() {
        var a = Xoshiro256PlusPlus(seed: 1)
        var b = a
        b.jump()
        #expect((0..<4).map { _ in a.next() } != (0..<4).map { _ in b.next() })
        // The reference splitmix64 output for seed 0 (Vigna's splitmix64.c): 0xe220a8397b1dcdaf.
        var sm = Xoshiro256PlusPlus(seed: 0)
        #expect(sm.s0 == 0xe220_a839_7b1d_cdaf)
        _ = sm.next()
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
