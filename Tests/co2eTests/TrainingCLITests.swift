// The training command: published runs recomputed, year lengths said.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct TrainingCLITests {
    @Test func meta_llama31_model_card_location_vs_market_405B() throws {
        let r = runCLI(["training", "--device-hours", "30.84M", "--device-power", "700W", "--pue-included",
                        "--intensity", "0.4137kg/kWh", "--json"])
        let results = try #require(try jsonObject(r)["results"] as? [[String: Any]])
        let kg = try #require((results.first { $0["key"] as? String == "location_based" }?["value"] as? [String: Any])?["value"] as? Double)
        #expect(abs(kg / 1_000 - 8_930) / 8_930 < 0.001, "\(kg / 1_000) t")
    }

    @Test func aYearTypedIntoTrainingSaysHowLongAYearIs() {
        let withYear = runCLI(["training", "--devices", "1", "--device-power", "400W", "--hours", "1y", "--pue", "1", "--intensity", "400g/kWh"])
        #expect(withYear.code == 0 && withYear.out.contains("8,760 h"), "\(withYear)")
        #expect(withYear.out.contains("a year is 365 days"), "\(withYear.out)")
        let withoutYear = runCLI(["training", "--devices", "1", "--device-power", "400W", "--hours", "90d", "--pue", "1", "--intensity", "400g/kWh"])
        #expect(!withoutYear.out.contains("a year is 365 days"))
    }
}
