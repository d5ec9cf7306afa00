// The core issue's acceptance checks, from the command line: estimates side by side with their
// ratio, counts with suffixes, keys in JSON steps and results, errors as values in JSON,
// version spellings, a split value's hint, the hourly percentage over a range, no uncovered row
// for 0 kWh, hints that point somewhere, mixed bases said, wrapped notes, and no command-line
// flag inside the library.
import Foundation
import Testing
@testable import co2e

@Suite struct CoreIssueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func json(_ r: CLIRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r)")
    }

    @Test func twoGridsSideBySideWithTheirRatio() throws {
        let r = runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("2,209–2,651 tCO2e"))
        #expect(r.out.contains("19,177–23,013 tCO2e"))
        let ratioLine = try #require(r.out.split(separator: "\n").first { $0.contains("US / FR") })
        #expect(ratioLine.contains("8.682x"), "\(ratioLine)")

        let j = try json(runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US", "--json"]))
        let parts = try #require(j["parts"] as? [[String: Any]])
        #expect(parts.map { $0["key"] as? String } == ["grid_1", "grid_2"])
        let ratio = try #require((j["results"] as? [[String: Any]])?.first { $0["key"] as? String == "ratio" }?["value"] as? [String: Any])
        // One value, not a range: the energy is one input of one formula, so it cancels out.
        #expect(ratio["spread"] as? String == "exact")
        let value = try #require(ratio["value"] as? Double)
        #expect(abs(value - 383.549 / 44.179) < 1e-9)
    }

    /// meta_llama31_model_card_location_vs_market: Llama 3.1 405B, 30.84M GPU-hours at 700 W,
    /// PUE included, 0.4137 kg/kWh (location-based): 8,930 t.
    @Test func meta_llama31_model_card_location_vs_market_405B() throws {
        let r = runCLI(["training", "--device-hours", "30.84M", "--device-power", "700W", "--pue-included",
                        "--intensity", "0.4137kg/kWh", "--json"])
        let results = try #require(try json(r)["results"] as? [[String: Any]])
        let kg = try #require((results.first { $0["key"] as? String == "location_based" }?["value"] as? [String: Any])?["value"] as? Double)
        #expect(abs(kg / 1_000 - 8_930) / 8_930 < 0.001, "\(kg / 1_000) t")
    }

    @Test func stepsAndResultsCarryStableKeys() throws {
        let j = try json(runCLI(["training", "--devices", "10000", "--device-power", "400W", "--hours", "2160",
                                 "--pue", "1.1", "--grid", "IE", "--recs", "50%", "--json"]))
        let steps = try #require(j["steps"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        let results = try #require(j["results"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        #expect(steps == ["devices", "device_power", "time", "device_energy", "pue", "facility_energy", "grid_factor",
                          "recs_1_claimed", "uncovered_energy", "uncovered_factor"])
        #expect(results == ["location_based", "market_based"])
    }

    @Test func jsonErrorsCarryFieldAndValue() throws {
        let r = runCLI(["training", "--energy", "0GWh", "--grid", "US", "--json"])
        #expect(r.code == 2)
        let e = try #require(JSONSerialization.jsonObject(with: Data(r.err.utf8)) as? [String: Any])
        #expect(e["field"] as? String == "energy")
        #expect(e["option"] as? String == "--energy")
        #expect(e["value"] as? String == "0GWh")
        #expect((e["reason"] as? String)?.contains("more than zero") == true)
        #expect(e["kind"] as? String == "usage")
    }

    @Test(arguments: ["-V", "--version", "version"])
    func versionSpellings(_ argument: String) {
        let r = runCLI([argument])
        #expect(r.code == 0 && r.out == "co2e \(CLI.version)\n")
    }

    @Test func aValueSplitByASpaceIsExplained() {
        let r = runCLI(["training", "--energy", "5", "GWh", "--grid", "US"])
        #expect(r.code == 2)
        #expect(r.err.contains("--energy: '5' is followed by 'GWh'") && r.err.contains("(5GWh)"), "\(r.err)")
    }

    @Test func hourlyPercentageOverARangeThatSpansZero() throws {
        let load = Self.root.appendingPathComponent(".build-test-load-\(UUID().uuidString).csv")
        var text = "timestamp,kwh\n"
        for h in 0..<24 { text += "2022-01-01T\(h < 10 ? "0" : "")\(h):00:00Z,1000\n" }
        try text.write(to: load, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: load) }
        let series = Self.root.appendingPathComponent("grid-factors/hourly/eia930-erco-2022.csv").path
        func difference(_ factor: String) -> String {
            let r = runCLI(["hourly", "--load", load.path, "--factors", series, "--annual-factor", factor])
            return r.out.split(separator: "\n").first { $0.contains("Difference") }.map(String.init) ?? r.description
        }
        // The first day of 2022 in ERCOT, time-matched, comes to about 289 g/kWh: the difference spans zero.
        let spanning = difference("250..350g/kWh")
        #expect(spanning.contains(" to +") && spanning.contains("−"), "\(spanning)")
        for factor in ["0..100g/kWh", "0g/kWh"] {
            let line = difference(factor)
            #expect(line.contains("no percentage") && !line.contains("inf") && !line.contains("nan"), "\(line)")
        }
    }

    @Test func aYearTypedIntoTrainingSaysHowLongAYearIs() {
        let withYear = runCLI(["training", "--devices", "1", "--device-power", "400W", "--hours", "1y", "--pue", "1", "--intensity", "400g/kWh"])
        #expect(withYear.code == 0 && withYear.out.contains("8,760 h"), "\(withYear)")
        #expect(withYear.out.contains("a year is 365 days"), "\(withYear.out)")
        let withoutYear = runCLI(["training", "--devices", "1", "--device-power", "400W", "--hours", "90d", "--pue", "1", "--intensity", "400g/kWh"])
        #expect(!withoutYear.out.contains("a year is 365 days"))
    }

    @Test func fullCoverageHasNoUncoveredFactorRow() {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "DE", "--recs", "100%"])
        #expect(r.code == 0)
        #expect(!r.out.contains("Factor for the uncovered energy"))
        #expect(r.out.contains("Not covered by instruments"))
    }

    @Test func theLifecycleHintPointsToAComparisonOnlyWhereThereIsOne() {
        let ie = runCLI(["training", "--energy", "2GWh", "--grid", "IE"])
        #expect(ie.out.contains("lifecycle factor") && !ie.out.contains("--compare"), "\(ie.out)")
        let us = runCLI(["training", "--energy", "2GWh", "--grid", "US"])
        #expect(us.out.contains("co2e factors US --compare"))
    }

    @Test func mixedBasesAreSaid() {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "IE", "--grid", "us-east-1"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("count different things"), "\(r.out)")
    }

    @Test func notesAndSourcesWrapToTheWidth() {
        var out = ""
        let console = Console(out: { out += $0 }, err: { _ in }, width: 80)
        #expect(CLI.run(["training", "--energy", "2GWh", "--grid", "us-east-1", "--recs", "10%"], console: console) == 0)
        let notes = out.components(separatedBy: "\nSources:\n")[1]
        for line in notes.split(separator: "\n") where !line.contains("http") {
            #expect(line.count <= 80, "longer than 80: \(line)")
        }
    }

    /// The library names no command-line flag: its messages speak of fields (`energy`), and the
    /// CLI spells them as options.
    @Test func theLibraryNamesNoFlag() throws {
        // Every library target: Sources/ less the command line, the generator and the data.
        let sources = Self.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .filter { !["co2e", "embed-data", "CO2eData"].contains($0) }
        #expect(targets.count >= 10)
        var files: [String] = []
        for t in targets {
            files += try #require(FileManager.default.enumerator(atPath: sources.appendingPathComponent(t).path))
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { t + "/" + $0 }
        }
        #expect(files.count > 40)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                // Swift has no `--` operator: any `--name` or `--\(` on a code line is in a string.
                #expect(code.range(of: #"--([a-z]|\\\()"#, options: .regularExpression) == nil,
                        "Sources/\(file):\(n + 1) names a flag: \(code)")
            }
        }
    }
}
