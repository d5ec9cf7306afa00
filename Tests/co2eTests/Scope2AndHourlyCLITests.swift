// The command line for scope 2 options and hourly runs: what it prints, what it refuses, and that
// the printed hourly difference is the one a hand computation gives.
import Foundation
import Testing
import CO2eKit
@testable import co2e

private func run(_ arguments: [String]) -> CLIRun { runCLI(arguments) }

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A 2022 hourly load written to a temporary file: 1,000 kWh, 1,200 from 08:00 to 20:00 UTC.
private func loadFile() throws -> (path: String, kWh: [Double]) {
    var text = "timestamp,kwh\n"
    var kWh: [Double] = []
    for h in 0..<8_760 {
        let v = (8..<20).contains(h % 24) ? 1_200.0 : 1_000.0
        kWh.append(v)
        text += Timestamp(secondsSinceEpoch: 1_640_995_200 + Int64(h) * 3_600).iso8601 + ",\(Int(v))\n"
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-load-\(UUID().uuidString).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return (url.path, kWh)
}

@Suite struct Scope2AndHourlyCLITests {
    @Test(arguments: [
        (["training", "--energy", "2GWh", "--grid", "DE", "--supplier-factor", "300g/kWh", "--residual-mix", "500g/kWh"], "either --supplier-factor or --residual-mix"),
        (["factors", "US", "--all-years", "--year", "2020"], "either --year or --all-years"),
        (["training", "--energy", "1e300GWh", "--grid", "US"], "out of range"),
        (["training", "--energy", "2GWh", "--intensity", "-5g/kWh"], "--intensity"),
        (["training", "--energy", "2GWh", "--grid", "US", "--cfe", "published"], "no published carbon-free share"),
    ])
    func refuses(_ arguments: [String], _ expected: String) {
        let r = run(arguments)
        #expect(r.code == 2, "\(r)")
        #expect(r.err.hasPrefix("co2e: error:") && r.err.contains(expected), "\(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func percentAfterARangeAppliesToBothEnds() throws {
        let r = run(["training", "--energy", "2GWh", "--intensity", "300g/kWh", "--recs", "50..60%", "--residual-mix", "400g/kWh", "--json"])
        #expect(r.code == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let market = try #require(results.first { $0["key"] as? String == "market_based" }?["value"] as? [String: Any])
        // 60 %: 0.8 GWh x 400 g = 320 t; 50 %: 1 GWh x 400 g = 400 t.
        #expect(abs((market["low"] as! Double) - 320_000) < 1e-6)
        #expect(abs((market["high"] as! Double) - 400_000) < 1e-6)
    }

    @Test func lifecycleFactorsWarnThatScope2CountsCombustionOnly() {
        let owid = run(["training", "--energy", "2GWh", "--grid", "US"])
        #expect(owid.out.contains("is a lifecycle factor"), "\(owid.out)")
        let egrid = run(["training", "--energy", "2GWh", "--grid", "eGRID:SRVC"])
        #expect(egrid.code == 0)
        #expect(!egrid.out.contains("lifecycle factor"), "\(egrid.out)")
    }

    @Test func publishedCarbonFreeShareNamesItsSource() {
        // Google's 2024 CFE for us-central1 is in grid-factors/gcp.csv.
        let r = run(["training", "--energy", "2GWh", "--grid", "us-central1", "--cfe", "published"])
        #expect(r.code == 0, "\(r.err)")
        let line = r.out.split(separator: "\n").first { $0.contains("Carbon-free energy share") } ?? ""
        #expect(line.contains("google-region-carbon") && line.contains("gcp:us-central1 2024"), "\(line)")
    }

    @Test func hourlyPrintsTheDifferenceAHandComputationGives() throws {
        let (load, kWh) = try loadFile()
        defer { try? FileManager.default.removeItem(atPath: load) }
        let series = root.appendingPathComponent("grid-factors/hourly/eia930-erco-2022.csv").path
        let r = run(["hourly", "--load", load, "--factors", series])
        #expect(r.code == 0, "\(r.err)")
        // Independently: sum of kWh x g/kWh per hour, minus total kWh x the series' plain mean.
        let rows = try String(contentsOfFile: series, encoding: .utf8).split(separator: "\n").dropFirst()
        let factors = rows.map { Double($0.split(separator: ",")[1])! }
        var timeMatched = 0.0
        for (k, f) in factors.enumerated() { timeMatched += kWh[k] * f / 1_000 }
        let average = kWh.reduce(0, +) * (factors.reduce(0, +) / Double(factors.count)) / 1_000
        let expected = Mass.kilograms(timeMatched - average).formatted()
        let line = try #require(r.out.split(separator: "\n").first { $0.contains("Difference (time-matched − average)") })
        #expect(line.contains(expected), "printed: \(line); expected \(expected)")
    }

    @Test func hourlyComparesWithTheLoadsYearByDefault() throws {
        let (load, _) = try loadFile()
        defer { try? FileManager.default.removeItem(atPath: load) }
        let series = root.appendingPathComponent("grid-factors/hourly/eia930-erco-2022.csv").path
        let r = run(["hourly", "--load", load, "--factors", series, "--grid", "eGRID:ERCT"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Average factor: eGRID:ERCT 2022"), "\(r.out)")
        #expect(r.out.contains("does not say how it was built"))
    }

    @Test func hourlyOverflowFromAFileIsADataError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-big-\(UUID().uuidString).csv")
        try "timestamp,kwh\n2022-01-01T00:00:00Z,1e308\n2022-01-01T01:00:00Z,1e308\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = run(["hourly", "--load", url.path, "--factors", root.appendingPathComponent("grid-factors/hourly/eia930-erco-2022.csv").path])
        #expect(r.code == 1, "\(r)")
        #expect(r.err.contains("too large"))
    }

    @Test func withJSONAnErrorIsAJSONObjectOnStandardError() throws {
        let r = run(["training", "--energy", "50", "--grid", "US", "--json"])
        #expect(r.code == 2)
        #expect(r.out.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.err.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "usage")
        #expect((object["exit_code"] as? NSNumber)?.intValue == 2)
        #expect((object["error"] as? String)?.contains("--energy") == true)
        #expect(r.err.split(separator: "\n").count == 1)
        let data = run(["factors", "Germny", "--json"])
        #expect(data.code == 1)
        #expect(data.err.contains("\"kind\":\"data\""))
    }
}
