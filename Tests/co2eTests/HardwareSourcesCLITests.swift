// Issue 25, second sources and the SCI's functional unit: EcoLogits' A100 figures beside BLOOM's,
// Google's TPU v5p and v6e figures, bundled building figures per MW, and --per.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct HardwareSourcesCLITests {
    static func result(_ r: CLIRun, _ key: String) throws -> Double { try HardwareCLITests.result(r, key) }
    static let year = 8_760.0

    @Test("A100: BLOOM's figures stay the default; --embodied-source ecologits-a100-gpu takes EcoLogits' GPU and server together")
    func a100Sources() throws {
        let base = ["embodied", "--accelerator", "A100", "--count", "8", "--use", "1y", "--json"]
        // BLOOM: 8 x 150 kg / 6 y / 85 % + one server of 8 GPUs x 2,500 kg / 6 y / 85 %.
        let bloom = try Self.result(runCLI(base), "embodied")
        #expect(abs(bloom - (8 * 150 + 2_500) / 6 / 0.85) < 1e-6, "\(bloom) kg")
        // EcoLogits: 8 x 143 kg / 5 y + 3,000 kg / 5 y, no utilisation factor = 828.8 kg.
        let eco = try Self.result(runCLI(base + ["--embodied-source", "ecologits-a100-gpu"]), "embodied")
        #expect(abs(eco - 828.8) < 1e-6, "\(eco) kg")
        // Choosing EcoLogits' server brings its GPU figure too.
        let byServer = try Self.result(runCLI(base + ["--embodied-source", "ecologits-p4de-server"]), "embodied")
        #expect(abs(byServer - 828.8) < 1e-6, "\(byServer) kg")
        let text = runCLI(Array(base.dropLast()) + ["--embodied-source", "ecologits-a100-gpu"])
        #expect(text.out.contains("ecologits-methodology-2024") && text.out.contains("ecologits-p4de-server") && !text.out.contains("bloom-apollo6500-server"), "\(text.out)")
    }

    @Test("the issue's A100 training command keeps BLOOM's figures (bloom2022_embodied_amortization: 11.21 t)")
    func bloom2022_embodied_amortization_defaultUnchanged() throws {
        var args = HardwareCLITests.bloom
        args.insert(contentsOf: ["--accelerator", "A100"], at: 3)
        let t = try Self.result(runCLI(args + ["--json"]), "embodied") / 1_000
        #expect(abs(t - 11.2) / 11.2 < 0.02, "\(t) t")
    }

    @Test("TPU v5p and v6e: Google's per-TPU figures as reported, over six years, no server added")
    func tpuFigures() throws {
        let v5p = try Self.result(runCLI(["embodied", "--accelerator", "TPUv5p", "--count", "8960", "--use", "30d", "--json"]), "embodied")
        #expect(abs(v5p - 8_960 * 1_101 * 30 / (6 * 365)) < 1e-6 * v5p, "\(v5p) kg")
        let v6e = try Self.result(runCLI(["embodied", "--accelerator", "TPUv6e", "--count", "256", "--use", "1y", "--json"]), "embodied")
        #expect(abs(v6e - 256 * 692 / 6.0) < 1e-6 * v6e, "\(v6e) kg")
        let text = runCLI(["embodied", "--accelerator", "TPUv6e", "--count", "256", "--use", "1y"])
        #expect(text.out.contains("schneider2025-tpu-lca") && text.out.contains("read only through secondary coverage") && !text.out.contains("Embodied share, servers"), "\(text.out)")
    }

    @Test("a bundled building, by hand: Data4's 12,600 t x 39 % / 5 MW = 982.8 t per MW; 100 MW over 20 years is 4,914 t a year")
    func bundledBuilding() throws {
        let issue = try Self.result(runCLI(["embodied", "--datacenter", "100MW", "--lifetime", "20y", "--json"]), "embodied")
        #expect(abs(issue - 100 * 12_600_000 * 0.39 / 5 / 20) < 1e-6 * issue, "\(issue) kg")
        // Without --lifetime, Data4's own 20 years.
        let own = try Self.result(runCLI(["embodied", "--datacenter", "100MW", "--json"]), "embodied")
        #expect(abs(own - issue) < 1e-6 * issue, "\(own) kg")
        // Currie & Brown's upper figure: 100 MW x 4,500 t / 20 y = 22,500 t a year.
        let upper = try Self.result(runCLI(["embodied", "--datacenter", "100MW", "--lifetime", "20y", "--embodied-source", "curriebrown-2024-upper", "--json"]), "embodied")
        #expect(abs(upper - 22_500_000) < 1e-6 * upper, "\(upper) kg")
        let text = runCLI(["embodied", "--datacenter", "100MW", "--lifetime", "20y"])
        #expect(text.code == 0 && text.out.contains("12,600 t × 39% / 5 MW = 982.8 t per MW") && text.out.contains("curriebrown-2024-upper, 4,500 t per MW")
            && text.out.contains("order of magnitude"), "\(text)")
    }

    @Test("SCI per training run, by hand: BLOOM's GPU-hours at 57 g/kWh plus BLOOM's embodied share")
    func sciPerRun() throws {
        var args = HardwareCLITests.bloom
        args.insert(contentsOf: ["--accelerator", "A100"], at: 3)
        let sci = try Self.result(runCLI(args + ["--per", "run", "--json"]), "sci_per_run")
        let hours = 1_082_990.0
        let electricity = hours * 0.4 * 0.057
        let embodied = (150 * hours + 2_500 * hours / 8) / (6 * Self.year * 0.85)
        #expect(abs(sci - (electricity + embodied)) < 1e-6 * sci, "\(sci) kg")
    }

    @Test("SCI per 1M training tokens, by hand: GPT-3 from compute with 150 kg per V100 over 5 years at 80 %")
    func sciPerMillionTrainingTokens() throws {
        let args = HardwareCLITests.gpt3 + ["--embodied", "--device-embodied", "150kg", "--lifetime", "5y", "--embodied-utilisation", "80%", "--per", "1M-tokens", "--json"]
        let sci = try Self.result(runCLI(args), "sci_per_unit")
        let deviceHours = 3.15e23 / (10_000 * 125e12 * 0.197) / 3_600 * 10_000
        let electricity = deviceHours * 0.33 * 1.1 * 0.429
        let embodied = deviceHours * 150 / (5 * Self.year * 0.8)
        #expect(abs(sci - (electricity + embodied) / (300e9 / 1e6)) < 1e-6 * sci, "\(sci) kg")
    }

    @Test("SCI per 1,000 queries and per 1M tokens, by hand")
    func sciInference() throws {
        let base = ["inference", "--queries", "1e6/day", "--intensity", "400g/kWh", "--period", "1y", "--embodied", "--device-embodied", "100kg",
                    "--lifetime", "4y", "--embodied-utilisation", "50%", "--device-power", "1000W"]
        // 365e6 queries x 1 Wh = 365,000 kWh: 146,000 kg; 365,000 device-hours x 100 kg / 35,040 h / 50 % = 2,083.3 kg.
        let perThousand = try Self.result(runCLI(base + ["--per-query", "1Wh", "--per", "1000queries", "--json"]), "sci_per_unit")
        #expect(abs(perThousand - (146_000 + 100 * 365_000 / (4 * Self.year) / 0.5) / 365_000) < 1e-6 * perThousand, "\(perThousand) kg")
        // gpt-4o-2025 states 500 output tokens: 365e6 x 0.3 Wh = 109,500 kWh, 43,800 kg, M 625 kg, R = 365e6 x 500 / 1e6.
        let perMillion = try Self.result(runCLI(base + ["--per-query", "gpt-4o-2025", "--per", "1M-tokens", "--json"]), "sci_per_unit")
        #expect(abs(perMillion - (43_800 + 100 * 109_500 / (4 * Self.year) / 0.5) / 182_500) < 1e-6 * perMillion, "\(perMillion) kg")
        // The default unit is a query: the same as --per query.
        let perQuery = try Self.result(runCLI(base + ["--per-query", "1Wh", "--json"]), "sci_per_query")
        let named = try Self.result(runCLI(base + ["--per-query", "1Wh", "--per", "query", "--json"]), "sci_per_query")
        #expect(abs(perQuery - perThousand / 1_000) < 1e-9 && perQuery == named, "\(perQuery), \(named)")
    }

    @Test("bad inputs: each a clear error naming the option, exit 2, no crash", arguments: [
        (["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "20y", "--embodied-source", "data4-marcoussis"], "--building-per-mw"),
        (["embodied", "--datacenter", "100MW", "--embodied-source", "curriebrown-2024-upper"], "--lifetime: is missing"),
        (["embodied", "--accelerator", "TPUv5e", "--count", "8", "--use", "1y"], "--accelerator: co2e bundles no verified embodied figure for TPUv5e"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--per", "query"], "--per: goes with --embodied"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--embodied", "--per", "run"], "--per: 'run' is the functional unit of a training run"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--embodied", "--per", "1M-tokens"], "--per: needs the tokens per query"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--embodied", "--per", "query"], "--per: needs one grid"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--embodied", "--per", "0tokens"], "--per: '0tokens' is a count of tokens that is not above zero"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--embodied", "--per", "bananas"], "--per: 'bananas' is not a functional unit"),
        (["inference", "--queries", "1e9/day", "--per-query", "0.34Wh", "--grid", "US", "--embodied", "--per", "manytokens"], "--per: 'manytokens' does not start with a count of tokens"),
        (HardwareCLITests.bloom + ["--accelerator", "A100", "--per", "query"], "--per: 'query' is the functional unit of inference"),
        (HardwareCLITests.bloom + ["--accelerator", "A100", "--per", "1M-tokens"], "--per: needs the training tokens"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--per", "run"], "--per: goes with --embodied"),
    ] as [([String], String)])
    func badInput(_ args: [String], _ expected: String) {
        let r = runCLI(args)
        #expect(r.code == 2 && r.err.contains(expected) && r.out.isEmpty, "\(r)")
    }

    @Test("an --embodied-source that is not bundled is a data error (exit 1), as an unknown zone or accelerator is", arguments: [
        (["embodied", "--datacenter", "100MW", "--lifetime", "20y", "--embodied-source", "nvidia-hgx-h100"], "--embodied-source: 'nvidia-hgx-h100' is not a known bundled building figure (accepted: data4-marcoussis, curriebrown-2024-upper)"),
        (["embodied", "--accelerator", "A100", "--count", "8", "--use", "1y", "--embodied-source", "ecologits-p5-server"], "--embodied-source: 'ecologits-p5-server' is not a known bundled embodied figure for A100; did you mean ecologits-p4de-server? (accepted: bloom-a100-gpu, bloom-apollo6500-server, ecologits-a100-gpu, ecologits-p4de-server)"),
    ] as [([String], String)])
    func unknownSource(_ args: [String], _ expected: String) {
        let r = runCLI(args)
        #expect(r.code == 1 && r.err.contains(expected) && r.out.isEmpty, "\(r)")
    }
}

@Suite struct MI300XCLITests {
    @Test("MI300X from compute, by hand: 6 x 70B x 1T FLOP / (1,024 x 1,307.4 TFLOP/s x 30 %) = 12.1 d; 1,024 x 750 W x that x 1.1 at 400 g/kWh")
    func fromCompute() throws {
        let args = ["training", "--params", "70B", "--tokens", "1T", "--accelerator", "MI300X", "--devices", "1024", "--device-power", "750W",
                    "--utilisation", "30%", "--pue", "1.1", "--intensity", "400g/kWh"]
        let r = runCLI(args)
        #expect(r.code == 0 && r.out.contains("12.1 d") && r.out.contains("amd-rocm-mi300"), "\(r)")
        let seconds = 6 * 70e9 * 1e12 / (1_024 * 1_307.4e12 * 0.3)
        let kg = try HardwareCLITests.result(runCLI(args + ["--json"]), "location_based")
        #expect(abs(kg - 1_024 * 0.75 * seconds / 3_600 * 1.1 * 0.4) < 1e-6 * kg, "\(kg) kg")
    }

    @Test("MI300X has no bundled embodied figure: --embodied asks for --device-embodied")
    func noEmbodied() {
        let r = runCLI(["embodied", "--accelerator", "MI300X", "--count", "8", "--use", "1y"])
        #expect(r.code == 2 && r.err.contains("no verified embodied figure for MI300X") && r.err.contains("--device-embodied"), "\(r)")
    }
}

@Suite struct GB200CLITests {
    @Test("GB200 from compute, by hand: 6 x 70B x 1T FLOP / (1,024 x 2,500 TFLOP/s x 30 %) = 6.33 d; 1,024 x 1.2 kW x that x 1.1 at 400 g/kWh = 82.13 t")
    func fromCompute() throws {
        let args = ["training", "--params", "70B", "--tokens", "1T", "--accelerator", "GB200", "--devices", "1024", "--device-power", "1200W",
                    "--utilisation", "30%", "--pue", "1.1", "--intensity", "400g/kWh"]
        let r = runCLI(args)
        #expect(r.code == 0 && r.out.contains("6.33 d") && r.out.contains("glennklockwood-b200"), "\(r)")
        let kg = try HardwareCLITests.result(runCLI(args + ["--json"]), "location_based")
        // 4.2e23 / 7.68e17 FLOP/s = 546,875 s = 151.91 h; 1,228.8 kW x 151.91 h x 1.1 x 0.4 kg/kWh.
        #expect(abs(kg - 82_133.33) < 0.01, "\(kg) kg")
    }

    @Test("GB200 has no bundled embodied figure (none published was found): --embodied asks for --device-embodied")
    func noEmbodied() {
        let r = runCLI(["embodied", "--accelerator", "GB200", "--count", "72", "--use", "1y"])
        #expect(r.code == 2 && r.err.contains("no verified embodied figure for GB200") && r.err.contains("--device-embodied"), "\(r)")
    }
}
