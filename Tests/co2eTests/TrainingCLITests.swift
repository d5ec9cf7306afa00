// Training, inference, factors and grid comparisons on the command line: findings from trying
// the tool as a new user would.
import Testing
@testable import co2e

@Suite struct TrainingCLITests {
    private func location(_ run: CLIRun) -> String? {
        run.out.split(separator: "\n").first { $0.contains("Location-based emissions") }.map(String.init)
    }

    @Test func hoursInScientificNotationReadAsHours() throws {
        let base = ["training", "--devices", "1", "--device-power", "700W", "--pue-included", "--intensity", "425g/kWh", "--hours"]
        let plain = runCLI(base + ["1300000"])
        #expect(plain.code == 0, "\(plain)")
        #expect(location(plain)?.contains("386.8 tCO2e") == true, "\(plain)")
        for text in ["1.3e6", "1.3M"] {
            let r = runCLI(base + [text])
            #expect(r.code == 0, "\(r)")
            #expect(location(r) == location(plain), "\(text): \(r)")
        }
    }

    @Test func aSampledPPAAmountGivesASpread() throws {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "DE", "--ppa", "0.5..1.5GWh", "--samples", "1e4"])
        #expect(r.code == 0, "\(r)")
        let line = try #require(r.out.split(separator: "\n").last { $0.contains("Market-based emissions") })
        #expect(line.contains("p5–p95"), "\(line)")
    }
}
