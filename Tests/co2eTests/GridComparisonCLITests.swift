// Training and inference on several grids side by side: ratio, bases, difference.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct GridComparisonCLITests {
    @Test func twoGridsSideBySideWithTheirRatio() throws {
        let r = runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("2,209–2,651 tCO2e"))
        #expect(r.out.contains("19,177–23,013 tCO2e"))
        let ratioLine = try #require(r.out.split(separator: "\n").first { $0.contains("US / FR") })
        #expect(ratioLine.contains("8.682x"), "\(ratioLine)")

        let j = try jsonObject(runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US", "--json"]))
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

    @Test func mixedBasesAreSaid() {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "IE", "--grid", "us-east-1"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("count different things"), "\(r.out)")
    }

    @Test("the printed formula gives the printed result (was: 50 GWh × 383.5 printed as 19,177 t)")
    func printedFormulaChecks() {
        let r = runCLI(["training", "--energy", "50GWh", "--grid", "US"])
        #expect(r.out.contains("= 50 GWh × 383.549 g/kWh"), "\(r.out)")
        // 50e6 kWh x 383.549 g/kWh = 19,177.45 t, printed to 4 significant digits and whole tonnes.
        #expect(r.out.contains("19,177 tCO2e"))
    }
}
