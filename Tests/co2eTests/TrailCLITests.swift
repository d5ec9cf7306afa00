// The trail as printed: stable keys in JSON, notes and sources wrapped to the width.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct TrailCLITests {
    @Test func stepsAndResultsCarryStableKeys() throws {
        let j = try jsonObject(runCLI(["training", "--devices", "10000", "--device-power", "400W", "--hours", "2160",
                                 "--pue", "1.1", "--grid", "IE", "--recs", "50%", "--json"]))
        let steps = try #require(j["steps"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        let results = try #require(j["results"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        #expect(steps == ["devices", "device_power", "time", "device_energy", "pue", "facility_energy", "grid_factor",
                          "recs_1_claimed", "uncovered_energy", "uncovered_factor"])
        #expect(results == ["location_based", "market_based"])
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
}
