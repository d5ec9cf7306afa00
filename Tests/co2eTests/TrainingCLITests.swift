// The training command: published runs recomputed, year lengths said.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct TrainingCLITests {
    @Test("training --model gpt-4: the published inputs name the GPUs once, and the derived power says it is derived in its own step")
    func gpt4PublishedInputs() throws {
        let r = runCLI(["training", "--model", "gpt-4", "--json"])
        let steps = try #require(try jsonObject(r)["steps"] as? [[String: Any]])
        func step(_ key: String) -> [String: Any]? { steps.first { $0["key"] as? String == key } }
        let inputs = try #require((step("published_inputs")?["value"] as? [String: Any])?["text"] as? String)
        #expect(inputs.hasPrefix("25,000 GPUs (22 MW of equipment), 14wk, 739.2 W (derived from the source's totals)"), "\(inputs)")
        #expect((step("device_power")?["how"] as? String)?.hasPrefix("derived from the source's totals") == true, "\(String(describing: step("device_power")))")
        #expect((step("devices")?["how"] as? String)?.hasPrefix("published") == true)
    }

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

    // MARK: - Published runs (--model, --list-models)

    @Test func patterson2021_t4_gpt3_byModel() throws {
        let r = runCLI(["training", "--model", "gpt-3"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("Published vs recomputed") && r.out.contains("552.1 tCO2e") && r.out.contains("553.1 tCO2e"), "\(r.out)")
        #expect(r.out.contains("+0.19 %") && r.out.contains("patterson2021"), "\(r.out)")
    }

    @Test func aGridBesideTheModelReplacesItsIntensity() throws {
        let r = runCLI(["training", "--model", "gpt-3", "--grid", "FR"])
        #expect(r.code == 0 && r.out.contains("Grid factor FR") && r.out.contains("Inputs replaced by the caller: grid"), "\(r)")
        let hours = runCLI(["training", "--model", "gpt-3", "--hours", "30d"])
        #expect(hours.code == 0 && hours.out.contains("720 h") && hours.out.contains("given, in place of the published figure"), "\(hours)")
    }

    @Test func unknownModelListsTheAcceptedIDs() {
        let r = runCLI(["training", "--model", "gpt-5"])
        #expect(r.code != 0 && r.err.contains("--model: 'gpt-5' is not a known training run"), "\(r)")
        #expect(r.err.contains("accepted: transformer-base, transformer-big") && r.err.contains("llama-3.1-405b") && r.err.contains("see --list-models"), "\(r.err)")
    }

    @Test func listModelsFitsOneHundredColumns() {
        let r = runCLI(["training", "--list-models"])
        #expect(r.code == 0 && r.out.contains("llama-3.1-405b") && r.out.contains("mistral-large-2"), "\(r)")
        let tableLines = r.out.split(separator: "\n").filter { $0.hasPrefix("    ") }
        #expect(!tableLines.isEmpty && tableLines.allSatisfy { $0.count <= 100 }, "\(tableLines.filter { $0.count > 100 })")
    }

    @Test func modelBadInputs() {
        let cases: [([String], String)] = [
            (["--model", "gpt-3", "--energy", "1GWh"], "--model: cannot be given with --energy"),
            (["--model", "gpt-3", "--pue-included"], "--model: cannot be given with --pue-included"),
            (["--model", "gpt-3", "--grid", "FR", "--grid", "US"], "--grid: is given more than once with --model"),
            (["--model", "llama-3.1-405b", "--pue", "1.2"], "--pue: would count the overhead twice"),
            (["--model", "llama-3.1-405b", "--hours", "30d"], "--hours: does not fit llama-3.1-405b"),
            (["--model", "mistral-large-2", "--grid", "FR"], "--grid: cannot change mistral-large-2"),
            (["--model", "gpt-3", "--device-power", "0W"], "--device-power"),
            (["--list-models", "--model", "gpt-3"], "--list-models: cannot be given with --model"),
            (["--list-models", "--grid", "FR"], "--grid: cannot be given with --list-models"),
            (["--model", ""], "--model"),
        ]
        for (args, expected) in cases {
            let r = runCLI(["training"] + args)
            #expect(r.code == 2 || r.code == 1, "\(args): \(r)")
            #expect(r.err.contains(expected), "\(args): \(r.err)")
        }
    }

    @Test func withoutModelTheEnergyAndGridAreStillRequired() {
        let noEnergy = runCLI(["training", "--grid", "US"])
        #expect(noEnergy.code == 2 && noEnergy.err.contains("give --energy ENERGY, --device-power POWER or --facility-power POWER"), "\(noEnergy)")
        let noGrid = runCLI(["training", "--energy", "1GWh"])
        #expect(noGrid.code == 2 && noGrid.err.contains("give --grid ZONE or --intensity INTENSITY"), "\(noGrid)")
    }

    @Test func equivalentsOfARecomputedRun() {
        let r = runCLI(["training", "--model", "gpt-3", "--equivalents"])
        #expect(r.code == 0 && r.out.contains("Equivalents of location-based emissions (553.1 tCO2e)"), "\(r)")
        // GPT-4's IEA figure is energy only: no emissions to express without a grid.
        let energyOnly = runCLI(["training", "--model", "gpt-4", "--equivalents"])
        #expect(energyOnly.code == 2 && energyOnly.err.contains("--equivalents: needs recomputed emissions"), "\(energyOnly)")
        let withGrid = runCLI(["training", "--model", "gpt-4", "--grid", "US", "--equivalents"])
        #expect(withGrid.code == 0 && withGrid.out.contains("Equivalents of location-based emissions"), "\(withGrid)")
    }
}

