// The uncertainty issue from the command line: the commands, the peer-bench job's one
// JSON line, the same output twice for a seed, and clear errors for bad distributions and
// settings.
import Foundation
import Testing
@testable import co2e
import CO2eKit

@Suite struct UncertaintyCLITests {
    func json(_ r: CLIRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r)")
    }

    @Test func montecarloPrintsOneJSONLineBenchPyReads() throws {
        let r = runCLI(["montecarlo", "--samples", "200000", "--seed", "5"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.split(separator: "\n").count == 1)
        let j = try json(r)
        #expect(Array(j.keys).sorted() == ["mean", "p5", "p50", "p95", "samples"])
        #expect(j["samples"] as? Int == 200_000)
        let (p5, p50, p95, mean) = try (#require(j["p5"] as? Double), #require(j["p50"] as? Double), #require(j["p95"] as? Double), #require(j["mean"] as? Double))
        #expect(p5 < p50 && p50 < p95)
        // The mean within 4 standard errors (sd of the job ≈ 9,000 t, from numpy's 10 M run).
        #expect(abs(mean - ReferenceJob.analyticMeanTonnes) < 4 * 9_000 / 200_000.0.squareRoot(), "\(mean)")
        // The same seed, the same line; another thread count, the same line.
        #expect(runCLI(["montecarlo", "--samples", "200000", "--seed", "5"]).out == r.out)
        #expect(runCLI(["montecarlo", "--samples", "200000", "--seed", "5", "--threads", "1"]).out == r.out)
        #expect(runCLI(["montecarlo", "--samples", "200000", "--seed", "6"]).out != r.out)
    }

    @Test func trainingWithDistributionsShowsTheSpreadAndWhatDrivesIt() throws {
        let args = ["training", "--energy", "50..60GWh", "--pue", "tri:1.1,1.2,1.4", "--intensity", "lognormal:400g/kWh,0.25", "--samples", "1e5"]
        let r = runCLI(args)
        #expect(r.code == 0, "\(r)")
        for text in ["Spread over 100,000 samples", "Mean", "SD", "p5", "p50", "p95", "What drives the spread", "lognormal median 400 g/kWh, σ 0.25",
                     "triangular 1.1, mode 1.2, 1.4", "uniform 50–60 GWh", "seed 42"] {
            #expect(r.out.contains(text), "\(text)\n\(r.out)")
        }
        // The intensity (sigma 0.25) drives the spread more than PUE or energy (±5 %).
        let drivers = r.out.split(separator: "\n").filter { $0.contains("Location-based emissions") && ($0.contains("grid_factor") || $0.contains("pue") || $0.contains("it_energy")) }
        #expect(drivers.first?.contains("grid_factor") == true, "\(drivers)")
        #expect(runCLI(args).out == r.out)

        let j = try json(runCLI(args + ["--json", "--percentiles", "1,99"]))
        let result = try #require((j["results"] as? [[String: Any]])?.first { $0["key"] as? String == "location_based" }?["value"] as? [String: Any])
        #expect(result["spread"] as? String == "percentiles")
        for key in ["mean", "sd", "p1", "p5", "p50", "p95", "p99"] { #expect(result[key] is Double, "\(key)") }
        let tables = try #require(j["tables"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        #expect(tables == ["monte_carlo", "contributions"])
    }

    @Test func withoutSamplesRangesKeepTheirExactEndsAsBefore() {
        let r = runCLI(["training", "--energy", "50..60GWh", "--grid", "US"])
        #expect(r.out.contains("19,177–23,013 tCO2e"), "\(r)")
        #expect(!r.out.contains("Monte Carlo"))
    }

    @Test(arguments: [
        (["--pue", "tri:1.1,1.5,1.4"], "--pue: 'tri:1.1,1.5,1.4' has its mode outside its bounds"),
        (["--intensity", "lognormal:400g/kWh,0"], "--intensity: 'lognormal:400g/kWh,0' has sigma 0"),
        (["--intensity", "choice:380g/kWh@0,420g/kWh@0"], "weights that sum to 0"),
        (["--pue", "normal:1.2,0"], "standard deviation of 0"),
        (["--samples", "0"], "--samples: '0' must be at least 1"),
        (["--samples", "2.5"], "is not a whole number"),
        (["--samples", "uniform:1,5"], "--samples: 'uniform:1,5' is a distribution; this input takes no distribution"),
        (["--threads", "0"], "--threads: '0' is not a number of threads"),
        (["--seed", "-1"], "--seed: '-1' is not a seed (accepted: a whole number from 0 to 18446744073709551615)"),
        (["--percentiles", "5,101"], "is not a percentile"),
        (["--pue", "normal:1.2,0.1"], "is below 1; PUE is facility energy / IT energy (the distribution's central 99 % spans 0.9424–1.458; truncate"),
    ])
    func badInputIsOneClearLineAndExitTwo(_ c: ([String], String)) {
        var args = ["training", "--energy", "50GWh", "--intensity", "400g/kWh"]
        if c.0[0] == "--intensity" { args.removeLast(2) }
        let r = runCLI(args + c.0)
        #expect(r.code == 2, "\(r)")
        #expect(r.err.contains(c.1), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.out.isEmpty)
    }

    @Test func gridSourcesDrawsTheFactorFromEverySourceForThePlace() throws {
        let r = runCLI(["training", "--energy", "50GWh", "--grid", "US", "--grid-sources", "all", "--samples", "1e4"])
        #expect(r.code == 0, "\(r)")
        // The bundled US figures (co2e factors US --compare): OWID/Ember 2024, eGRID 2022 and 2023.
        #expect(r.out.contains("Grid factor US, 3 sources"), "\(r.out)")
        for id in ["owid-ember-2025", "epa-egrid2022", "epa-egrid2023-rev2"] { #expect(r.out.contains(id + ":"), "\(id)") }
        let j = try json(runCLI(["training", "--energy", "50GWh", "--grid", "US", "--grid-sources", "all", "--samples", "1e4", "--json"]))
        let value = try #require((j["results"] as? [[String: Any]])?.first { $0["key"] as? String == "location_based" }?["value"] as? [String: Any])
        // Each sample is one of the three figures: the 5th and 95th percentiles are the lowest and highest.
        let p5: Double = try #require(value["p5"] as? Double), p95: Double = try #require(value["p95"] as? Double)
        let (low, high): (Double, Double) = (50e6 * 349.667 / 1000, 50e6 * 383.549 / 1000)
        #expect(abs(p5 - low) < 1e-6 * low, "\(p5)")
        #expect(abs(p95 - high) < 1e-6 * high, "\(p95)")
        let bad = runCLI(["training", "--energy", "50GWh", "--grid", "US", "--grid-sources", "some"])
        #expect(bad.code == 2 && bad.err.contains("--grid-sources: 'some' is not a choice of sources (accepted: all)"), "\(bad)")
    }

    @Test func inferenceSamplesThePerQueryEnergy() throws {
        let args = ["inference", "--queries", "1e9/day", "--per-query", "uniform:0.24Wh,2.9Wh", "--grid", "US", "--period", "1y", "--samples", "1e5"]
        let j = try json(runCLI(args + ["--json"]))
        let value = try #require((j["results"] as? [[String: Any]])?.first { $0["key"] as? String == "location_based" }?["value"] as? [String: Any])
        #expect(value["spread"] as? String == "percentiles")
        // Mean: 3.65e11 queries x 1.57 Wh (the uniform's mean) x 383.549 g/kWh = 219,775 t, within
        // 4 standard errors: sd of the uniform 0.768 Wh / sqrt(1e5), scaled the same way.
        let mean = try #require(value["mean"] as? Double)
        let kgPerWh = 3.65e11 * 383.549 / 1e6
        #expect(abs(mean - 1.57 * kgPerWh) < 4 * (2.66 / 12.0.squareRoot()) / 1e5.squareRoot() * kgPerWh, "\(mean)")
        #expect(runCLI(args).out == runCLI(args).out)
    }

    @Test func anInputThatIsNotSampledRefusesADistribution() {
        #expect(throws: CO2eError.self) { try HourlyCommand.annualFactor.parse("tri:300g/kWh,350g/kWh,400g/kWh") }
        #expect(throws: Never.self) { try HourlyCommand.annualFactor.parse("300..400g/kWh") }
        let r = runCLI(["montecarlo", "--samples", "0"])
        #expect(r.code == 2 && r.err.contains("must be at least 1"), "\(r)")
    }
}
