// co2e inference --embodied (issue 25): the queries' share of the hardware's embodied emissions.
import Testing
import CO2eKit
@testable import co2e

@Suite struct InferenceEmbodiedTests {
    /// 1e9 queries a day of 0.34 Wh for a year on the US grid, on devices drawing 975 W each at
    /// the facility, each embodying 150 kg, kept 5 years and in use half of them.
    static let handCase = ["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--period", "1y", "--embodied",
                           "--device-power", "975W", "--device-embodied", "150kg", "--lifetime", "5y", "--embodied-utilisation", "50%"]

    static func result(_ args: [String], _ key: String) throws -> Double {
        try HardwareCLITests.result(runCLI(args + ["--json"]), key)
    }

    @Test("A hand-computed case: 124.1 GWh / 975 W = 127,282,051 device-hours; 150 kg x that / 43,800 h / 50 % = 871.8 t")
    func handComputed() throws {
        // 3.65e11 queries x 0.34 Wh = 1.241e11 Wh; / 975 W = 127,282,051.3 h; 5 y = 43,800 h.
        // 150 kg x 127,282,051.3 / 43,800 / 0.5 = 871,794.9 kg; per query 871,794.9 kg / 3.65e11 = 0.0023885 g.
        let r = runCLI(Self.handCase)
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("127,282,051 h") && r.out.contains("871.8 tCO2e") && r.out.contains("SCI per query"), "\(r.out)")
        let kg = try Self.result(Self.handCase, "embodied")
        #expect(abs(kg - 871_794.9) < 1, "\(kg)")
        let perQuery = try Self.result(Self.handCase, "embodied_per_query")
        #expect(abs(perQuery - 871_794.9 / 3.65e11) < 1e-12, "\(perQuery)")
    }

    @Test("SCI per query is (E x I + M) / R: the location-based and embodied totals over the queries")
    func sciPerQuery() throws {
        let location = try Self.result(Self.handCase, "location_based")
        let embodied = try Self.result(Self.handCase, "embodied")
        let sci = try Self.result(Self.handCase, "sci_per_query")
        #expect(abs(sci - (location + embodied) / 3.65e11) < 1e-9 * sci, "\(sci)")
        #expect(sci > location / 3.65e11, "the embodied share adds to the per-query figure")
    }

    @Test("The amortisation is training's: co2e embodied for the same device-hours gives the same tonnes")
    func sameFormulaAsEmbodied() throws {
        let inference = try Self.result(Self.handCase, "embodied")
        let alone = try Self.result(["embodied", "--count", "25000", "--use", "5091.28205128h", "--device-embodied", "150kg", "--lifetime", "5y",
                                     "--utilisation", "50%"], "embodied")
        #expect(abs(inference - alone) < 1e-6 * alone, "\(inference) vs \(alone)")
    }

    @Test("From compute, the device time of one query is its decoding time (power x load x PUE at the facility)")
    func fromCompute() throws {
        let args = ["inference", "--model-params", "100B", "--tokens-out", "500", "--accelerator", "H100", "--grid", "US", "--embodied",
                    "--device-embodied", "150kg", "--lifetime", "5y", "--embodied-utilisation", "50%"]
        let r = runCLI(args)
        #expect(r.code == 0, "\(r)")
        // 2 x 100e9 x 500 FLOP / (989.4e12 FLOP/s x 10 %) = 1.0107 s of one H100.
        let hours = 2 * 100e9 * 500 / (989.4e12 * 0.10) / 3600
        // The H100's bundled server (EcoLogits') comes with it; the accelerators' share is the given 150 kg's.
        let kg = try HardwareCLITests.step(runCLI(args + ["--json"]), "accelerators_embodied")
        #expect(abs(kg - 150 * hours / 43_800 / 0.5) < 1e-9 * kg, "\(kg)")
    }

    @Test("A bundled figure: --accelerator A100 takes BLOOM's GPU and server figures and says the power lacks the PUE")
    func bundledA100() {
        let r = runCLI(["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--embodied", "--accelerator", "A100"])
        #expect(r.code == 0 && r.out.contains("bloom-a100-gpu") && r.out.contains("bloom-apollo6500-server") && r.out.contains("errs high by the PUE"), "\(r)")
    }

    @Test("The issue's command with no hardware named: H100s with NVIDIA's baseboard and EcoLogits' server figures, by hand 1,948 t, and a warning naming how to change it")
    func defaultHardware() throws {
        let args = ["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--period", "1y", "--embodied"]
        let r = runCLI(args)
        #expect(r.code == 0, "\(r)")
        // 3.65e11 x 0.34 Wh = 1.241e11 Wh; / 1,275 W (an H100's share of a DGX H100) = 97,333,333.3 GPU-hours;
        // / 8 per baseboard (and per server) = 12,166,666.7 h; 1,312 kg x that / 43,800 h / 100 % = 364,444.4 kg;
        // 5,700 kg x that / 43,800 h = 1,583,333.3 kg; 1,947,777.8 kg in all.
        #expect(r.out.contains("97,333,333 h") && r.out.contains("364.4 tCO2e") && r.out.contains("1,583 tCO2e") && r.out.contains("No hardware named")
                && r.out.contains("ecologits-p5-server") && r.out.contains("--accelerator") && r.out.contains("--embodied-utilisation"), "\(r.out)")
        let kg = try Self.result(args, "embodied")
        #expect(abs(kg - 1_947_777.8) < 0.1, "\(kg)")
        let named = runCLI(args + ["--accelerator", "H100"])
        #expect(named.code == 0 && !named.out.contains("No hardware named"), "naming the H100 drops the warning: \(named.out)")
        let given = runCLI(args + ["--device-embodied", "150kg", "--device-power", "975W", "--lifetime", "5y", "--embodied-utilisation", "50%"])
        #expect(given.code == 0 && !given.out.contains("No hardware named") && given.out.contains("871.8 tCO2e"), "\(given.out)")
    }

    @Test("Bad input: each a clear error naming the option, no crash", arguments: [
        (["--embodied", "--accelerator", "V100"], "no verified embodied figure for V100"),
        (["--embodied", "--device-embodied", "150kg", "--lifetime", "5y", "--embodied-utilisation", "50%"], "--device-power"),
        (["--embodied", "--accelerator", "TPUv5e"], "no verified embodied figure for TPUv5e"),
        (["--embodied", "--embodied-utilisation", "0%"], "--embodied-utilisation"),
        (["--embodied", "--lifetime", "-1y"], "--lifetime"),
        (["--embodied", "--accelerator", "H100", "--embodied-source", "bloom-a100-gpu"], "--embodied-source"),
        (["--embodied", "--device-embodied", "150kg", "--device-power", "975W", "--lifetime", "0y", "--embodied-utilisation", "50%"], "--lifetime"),
        (["--embodied", "--device-embodied", "150kg", "--device-power", "975W", "--lifetime", "5y", "--embodied-utilisation", "150%"], "--embodied-utilisation"),
        (["--embodied", "--device-embodied", "150kg", "--device-power", "975W", "--lifetime", "5y", "--embodied-utilisation", "0%"], "--embodied-utilisation"),
        (["--embodied", "--device-embodied", "150kg", "--device-power", "975W", "--lifetime", "5y"], "--embodied-utilisation"),
        (["--embodied", "--device-embodied", "150kg", "--device-power", "0W", "--lifetime", "5y", "--embodied-utilisation", "50%"], "--device-power"),
        (["--device-embodied", "150kg"], "--device-embodied"),
        (["--accelerator", "A100"], "--accelerator"),
        (["--embodied", "--accelerator", "A100", "--grid", "FR"], "--embodied"),
    ])
    func badInput(extra: [String], names: String) {
        let r = runCLI(["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US"] + extra)
        #expect(r.code != 0 && r.err.contains(names) && r.err.split(separator: "\n").count == 1, "\(extra): \(r)")
    }
}
