// co2e training from compute, from a facility's power, and with --embodied (issue 25).
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct HardwareCLITests {
    static let gpt3 = ["training", "--params", "175B", "--tokens", "300B", "--accelerator", "V100", "--devices", "10000",
                       "--device-power", "330W", "--utilisation", "19.7%", "--pue", "1.1", "--intensity", "429g/kWh"]
    static let bloom = ["training", "--device-hours", "1082990", "--device-power", "400W", "--pue-included", "--intensity", "57g/kWh", "--embodied"]

    static func step(_ r: CLIRun, _ key: String) throws -> Double {
        let steps = try #require(try jsonObject(r)["steps"] as? [[String: Any]])
        return try #require((steps.first { $0["key"] as? String == key }?["value"] as? [String: Any])?["value"] as? Double, "\(r)")
    }

    static func result(_ r: CLIRun, _ key: String) throws -> Double {
        let results = try #require(try jsonObject(r)["results"] as? [[String: Any]])
        return try #require((results.first { $0["key"] as? String == key }?["value"] as? [String: Any])?["value"] as? Double, "\(r)")
    }

    @Test("patterson2021_t4_gpt3: the issue's command gives 3.15e23 FLOP, 14.8 d and about 552 t")
    func patterson2021_t4_gpt3_command() throws {
        let r = runCLI(Self.gpt3)
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("3.15e23 FLOP") && r.out.contains("14.81 d") && r.out.contains("Kaplan et al. 2020"), "\(r.out)")
        let t = try Self.result(runCLI(Self.gpt3 + ["--json"]), "location_based") / 1_000
        #expect(abs(t - 552.1) / 552.1 < 0.02, "\(t) t")
    }

    @Test("--flops as a bare number, in FLOP or in ZFLOP gives the same tonnes")
    func flopsSpellings() throws {
        let rest = Array(Self.gpt3.dropFirst(5)) + ["--json"]
        let values = try ["3.15e23", "3.15e23FLOP", "315ZFLOP"].map { try Self.result(runCLI(["training", "--flops", $0] + rest), "location_based") }
        #expect(values.allSatisfy { abs($0 - values[0]) < 1e-6 * values[0] }, "\(values)")
    }

    @Test("iea2025_gpt4_training_energy: the issue's command shows 43.46 GWh and says IEA prints 42.4 GWh")
    func iea2025_gpt4_training_energy_command() {
        let r = runCLI(["training", "--facility-power", "22MW", "--hours", "14wk", "--load-factor", "84%", "--grid", "US"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("43.46 GWh") && r.out.contains("the IEA prints 42.4 GWh, 2.5 % below"), "\(r.out)")
    }

    @Test("bloom2022_embodied_amortization: the issue's command gives servers 7.575 t, GPUs 3.636 t, 11.21 t")
    func bloom2022_embodied_amortization_command() throws {
        let args = Self.bloom + ["--device-embodied", "150kg", "--server-embodied", "2500kg", "--devices-per-server", "8",
                                 "--lifetime", "6y", "--utilisation", "85%", "--idle-energy", "256646kWh"]
        let r = runCLI(args)
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("7.575 tCO2e") && r.out.contains("3.636 tCO2e") && r.out.contains("11.21 tCO2e"), "\(r.out)")
        let embodied = try Self.result(runCLI(args + ["--json"]), "embodied") / 1_000
        #expect(abs(embodied - 11.2) / 11.2 < 0.02, "\(embodied) t")
    }

    @Test("--accelerator A100 --embodied takes BLOOM's bundled figures, lifetime and utilisation")
    func bundledA100Command() throws {
        var args = Self.bloom
        args.insert(contentsOf: ["--accelerator", "A100"], at: 3)
        let r = runCLI(args)
        #expect(r.code == 0 && r.out.contains("bloom-a100-gpu") && r.out.contains("11.21 tCO2e"), "\(r)")
    }

    @Test("co2e embodied: BLOOM's A100 figures for 384 GPUs over 118 days, and a given range for the H100")
    func embodiedCommand() throws {
        // 384 x 118 d x 24 h = 1,087,488 GPU-hours: 150 kg x that / (6 y x 85 %) + the servers' 2,500 kg / 8.
        let a100 = runCLI(["embodied", "--accelerator", "A100", "--count", "384", "--use", "118d", "--json"])
        let t = try Self.result(a100, "embodied") / 1_000
        let expected = 1_087_488.0 * (150 + 2_500.0 / 8) / (6 * 8_760 * 0.85) / 1_000
        #expect(abs(t - expected) / expected < 1e-9, "\(t) t vs \(expected)")
        let h100 = runCLI(["embodied", "--accelerator", "H100", "--count", "25000", "--lifetime", "5y", "--use", "90d", "--utilisation", "85%",
                           "--device-embodied", "150..300kg"])
        #expect(h100.code == 0 && h100.out.contains("217.6–435.1 tCO2e"), "\(h100)")
    }

    @Test("The issue's H100 command, by hand: NVIDIA's 1,312 kg per 8-GPU HGX baseboard and EcoLogits' 5,700 kg server, 25,000 GPUs for 90 days over 5 years at 85 %")
    func h100FromNVIDIAFootprint() throws {
        let args = ["embodied", "--accelerator", "H100", "--count", "25000", "--lifetime", "5y", "--use", "90d", "--utilisation", "85%"]
        let r = runCLI(args)
        #expect(r.code == 0, "\(r)")
        // 25,000 x 2,160 h = 54,000,000 GPU-hours = 6,750,000 baseboard-hours (and server-hours); 5 y = 43,800 h.
        // Baseboards: 1,312 kg x 6,750,000 / 43,800 / 0.85 = 237,872.7 kg; servers: 5,700 kg x the same = 1,033,440.8 kg.
        #expect(r.out.contains("54,000,000 h") && r.out.contains("6,750,000 h") && r.out.contains("237.9 tCO2e") && r.out.contains("1,271 tCO2e")
                && r.out.contains("nvidia-hgx-h100") && r.out.contains("HGX-H100-PCF-Summary.pdf") && r.out.contains("ecologits-p5-server"), "\(r.out)")
        let json = runCLI(args + ["--json"])
        #expect(abs(try Self.step(json, "accelerators_embodied") - 237_872.7) < 0.1)
        #expect(abs(try Self.step(json, "servers_embodied") - 1_033_440.8) < 0.1)
        let kg = try Self.result(json, "embodied")
        #expect(abs(kg - 1_271_313.5) < 0.1, "\(kg) kg")
    }

    @Test("--embodied-source llmcarbon-h100-die: LLMCarbon's per-area model, 8.14 cm² x 1.8 kg/cm² = its printed 14.652 kg; the default stays NVIDIA's")
    func h100PerAreaChoice() throws {
        // Over its whole 5-year lifetime at 100 %, one die carries its whole figure: LLMCarbon's CO2e_chip column, 14.652 kg.
        let whole = try Self.step(runCLI(["embodied", "--accelerator", "H100", "--count", "1", "--use", "5y", "--embodied-source", "llmcarbon-h100-die", "--json"]), "accelerators_embodied")
        #expect(abs(whole - 14.652) < 1e-9, "\(whole) kg")
        let args = ["embodied", "--accelerator", "H100", "--count", "25000", "--lifetime", "5y", "--use", "90d", "--utilisation", "85%"]
        // 14.652 kg x 54,000,000 h / 43,800 h / 0.85 = 21,251.9 kg.
        let chip = try Self.step(runCLI(args + ["--embodied-source", "llmcarbon-h100-die", "--json"]), "accelerators_embodied")
        #expect(abs(chip - 21_251.9) < 0.1, "\(chip) kg")
        let board = try Self.step(runCLI(args + ["--embodied-source", "nvidia-hgx-h100", "--json"]), "accelerators_embodied")
        let plain = try Self.step(runCLI(args + ["--json"]), "accelerators_embodied")
        #expect(board == plain && board > 10 * chip, "\(board) vs \(plain) vs \(chip)")
    }

    @Test("B200 by hand: NVIDIA's 2,274 kg per HGX B200 baseboard, 8 GPUs for a year, LLMCarbon's 5 years and no idle share: 454.8 kg")
    func b200FromNVIDIAFootprint() throws {
        let r = runCLI(["embodied", "--accelerator", "B200", "--count", "8", "--use", "1y", "--json"])
        let kg = try Self.result(r, "embodied")
        // 8 x 8,760 h / 8 per baseboard = 8,760 h; 2,274 kg x 8,760 / 43,800 / 100 % = 454.8 kg.
        #expect(abs(kg - 454.8) < 1e-6, "\(kg) kg")
        let text = runCLI(["embodied", "--accelerator", "B200", "--count", "8", "--use", "1y"])
        #expect(text.out.contains("llmcarbon-mlcarbon-code") && text.out.contains("nvidia-hgx-b200-pcf"), "\(text.out)")
    }

    @Test("a building, by hand: 100 MW x 1,000 t per MW over 20 years is 5,000 t a year, 1,233 t for 90 days")
    func buildingByHand() throws {
        let year = try Self.result(runCLI(["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "20y", "--json"]), "embodied")
        #expect(abs(year - 5_000_000) < 1e-6, "\(year) kg")
        let quarter = try Self.result(runCLI(["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "20y", "--use", "90d", "--json"]), "embodied")
        #expect(abs(quarter - 100 * 1_000_000 * 90 / (20 * 365)) < 1e-6, "\(quarter) kg")
        let r = runCLI(["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "20y"])
        #expect(r.out.contains("order of magnitude") && r.out.contains("yearly share"), "\(r.out)")
    }

    @Test("from compute with --embodied, the amortisation's utilisation is --embodied-utilisation, not the FLOP utilisation")
    func computeWithEmbodied() throws {
        let base = Self.gpt3 + ["--embodied", "--device-embodied", "150kg", "--lifetime", "5y"]
        let missing = runCLI(base)
        #expect(missing.code == 2 && missing.err.contains("--embodied-utilisation"), "\(missing)")
        let r = runCLI(base + ["--embodied-utilisation", "80%", "--json"])
        let t = try Self.result(r, "embodied") / 1_000
        let deviceHours = 3.15e23 / (10_000 * 125e12 * 0.197) / 3_600 * 10_000
        #expect(abs(t - deviceHours * 150 / (5 * 8_760 * 0.8) / 1_000) < 1e-6 * t, "\(t) t")
    }

    @Test("bad inputs: each a clear error naming the option, exit 2, no crash", arguments: [
        (["training", "--tokens", "300B", "--accelerator", "V100", "--devices", "8", "--device-power", "300W", "--utilisation", "40%", "--pue", "1.1", "--intensity", "400g/kWh"], "--tokens"),
        (["training", "--flops", "1e21", "--params", "7B", "--tokens", "1T", "--accelerator", "V100", "--devices", "8", "--device-power", "300W", "--utilisation", "40%", "--pue", "1.1", "--intensity", "400g/kWh"], "--flops"),
        (["training", "--flops", "1e21", "--accelerator", "V10", "--devices", "8", "--device-power", "300W", "--utilisation", "40%", "--pue", "1.1", "--intensity", "400g/kWh"], "did you mean V100"),
        (["training", "--flops", "1e21", "--accelerator", "V100", "--devices", "8", "--device-power", "300W", "--utilisation", "120%", "--pue", "1.1", "--intensity", "400g/kWh"], "--utilisation"),
        (["training", "--flops", "1e21", "--accelerator", "V100", "--devices", "8", "--device-power", "300W", "--utilisation", "0%", "--pue", "1.1", "--intensity", "400g/kWh"], "--utilisation"),
        (["training", "--flops", "1e21", "--devices", "8", "--device-power", "300W", "--utilisation", "40%", "--pue", "1.1", "--intensity", "400g/kWh"], "--accelerator"),
        (["training", "--flops", "1e21", "--accelerator", "V100", "--devices", "8", "--device-power", "300W", "--pue", "1.1", "--intensity", "400g/kWh"], "--utilisation"),
        (["training", "--flops", "lots", "--accelerator", "V100", "--devices", "8", "--device-power", "300W", "--utilisation", "40%", "--pue", "1.1", "--intensity", "400g/kWh"], "--flops"),
        (["training", "--facility-power", "22MW", "--hours", "14wk", "--grid", "US"], "--load-factor"),
        (["training", "--facility-power", "22MW", "--hours", "14wk", "--load-factor", "0%", "--grid", "US"], "--load-factor"),
        (["training", "--facility-power", "22MW", "--hours", "14wk", "--load-factor", "84%", "--pue", "1.1", "--grid", "US"], "--facility-power"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--lifetime", "0y", "--utilisation", "85%"], "--lifetime"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--lifetime", "6y", "--utilisation", "185%"], "--utilisation"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--lifetime", "6y", "--utilisation", "0%"], "--utilisation"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--utilisation", "85%"], "--lifetime"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--lifetime", "6y", "--utilisation", "85%"], "--device-embodied"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--server-embodied", "2500kg", "--lifetime", "6y", "--utilisation", "85%"], "--devices-per-server"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--server-embodied", "2500kg", "--devices-per-server", "0", "--lifetime", "6y", "--utilisation", "85%"], "--devices-per-server"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--lifetime", "6y", "--utilisation", "85%", "--idle-energy", "-5kWh"], "--idle-energy"),
        (["training", "--device-hours", "1000", "--device-power", "400W", "--pue", "1.1", "--intensity", "57g/kWh", "--device-embodied", "150kg"], "--device-embodied"),
        (["training", "--energy", "1GWh", "--intensity", "57g/kWh", "--embodied", "--device-embodied", "150kg", "--lifetime", "6y", "--utilisation", "85%"], "--embodied"),
        (["training", "--device-hours", "1000", "--accelerator", "V100", "--device-power", "300W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied"], "no verified embodied figure for V100"),
        (["training", "--device-hours", "1000", "--accelerator", "H100", "--device-power", "700W", "--pue", "1.1", "--intensity", "57g/kWh"], "--accelerator"),
        (["embodied", "--accelerator", "MI300X", "--count", "25000", "--lifetime", "5y", "--use", "90d", "--utilisation", "85%"], "--accelerator"),
        (["embodied", "--accelerator", "A100", "--count", "0", "--use", "90d"], "--count"),
        (["embodied", "--accelerator", "H100", "--count", "8", "--use", "90d", "--embodied-source", "foo"], "--embodied-source: 'foo' is not a known bundled embodied figure for H100 (accepted: nvidia-hgx-h100, llmcarbon-h100-die, ecologits-p5-server)"),
        (["embodied", "--accelerator", "V100", "--count", "8", "--use", "90d", "--embodied-source", "nvidia-hgx-h100"], "--embodied-source"),
        (["embodied", "--count", "8", "--use", "90d", "--lifetime", "5y", "--embodied-source", "nvidia-hgx-h100"], "--embodied-source: needs --accelerator"),
        (["embodied", "--accelerator", "H100", "--count", "8", "--use", "90d", "--embodied-source", "nvidia-hgx-h100", "--device-embodied", "150kg"], "--embodied-source"),
        (["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "20y", "--embodied-source", "nvidia-hgx-h100"], "--building-per-mw"),
        (["training", "--device-hours", "1000", "--accelerator", "H100", "--device-power", "700W", "--pue", "1.1", "--intensity", "57g/kWh", "--embodied-source", "nvidia-hgx-h100"], "--embodied-source"),
        (["embodied", "--accelerator", "A100", "--count", "8", "--use", "0d"], "--use"),
        (["embodied", "--accelerator", "A100", "--count", "8"], "--use"),
        (["embodied", "--accelerator", "A100", "--count", "8", "--use", "90d", "--lifetime", "0y"], "--lifetime"),
        (["embodied", "--accelerator", "A100", "--count", "8", "--use", "90d", "--utilisation", "101%"], "--utilisation"),
        (["embodied", "--accelerator", "H1OO", "--count", "8", "--use", "90d"], "did you mean"),
        (Self.gpt3 + ["--embodied", "--device-embodied", "150kg", "--lifetime", "5y", "--embodied-utilisation", "0%"], "--embodied-utilisation: '0%' must be more than zero"),
        (["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "20y", "--utilisation", "120%"], "--utilisation"),
        (["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t"], "--lifetime"),
        (["embodied", "--datacenter", "100MW", "--building-per-mw", "1000t", "--lifetime", "0y"], "--lifetime"),
        (["embodied", "--datacenter", "0MW", "--building-per-mw", "1000t", "--lifetime", "20y"], "--datacenter"),
        (["embodied", "--datacenter", "100MW", "--building-per-mw", "-1t", "--lifetime", "20y"], "--building-per-mw"),
        (["embodied", "--datacenter", "tri:80MW,100MW,120MW", "--building-per-mw", "1000t", "--lifetime", "20y"], "--datacenter"),
        (["embodied", "--datacenter", "100MW", "--count", "8", "--building-per-mw", "1000t", "--lifetime", "20y"], "--datacenter"),
    ] as [([String], String)])
    func badInput(_ args: [String], _ expected: String) {
        let r = runCLI(args)
        #expect(r.code != 0 && r.err.contains(expected) && !r.err.contains("list_") && r.out.isEmpty, "\(r)")
    }
}

/// The README's examples for issue 25 (from compute, facility power, --embodied, co2e embodied)
/// run as written and print the figures their comments give.
@Suite struct ReadmeHardwareExamplesCLITests {
    @Test func theExamplesRunAndPrintTheirFigures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n").map(String.init).filter { line in
            line.hasPrefix("co2e embodied ") || (line.hasPrefix("co2e inference ") && line.contains("--embodied")) || (line.hasPrefix("co2e training ")
                && ["--params", "--flops", "--facility-power", "--embodied"].contains(where: line.contains))
        }
        #expect(lines.count >= 10, "\(lines)")
        for line in lines {
            let parts = line.components(separatedBy: "#")
            let r = runCLI(Array(parts[0].split(separator: " ").map(String.init).dropFirst()))
            #expect(r.code == 0, "\(line): \(r)")
            guard parts.count > 1 else { continue }
            // "553.3 t" in a comment is printed as "553.3 tCO2e"; "43.46 GWh" and "14.81 d" as written; "0.1328 g" as "0.1328 gCO2e".
            for match in parts[1].matches(of: try Regex("([0-9][0-9,.]*[0-9]) (t|g|GWh|d)([ ,;()]|$)")) {
                let number = (match.output[1].substring).map(String.init) ?? ""
                let unit = (match.output[2].substring).map(String.init) ?? ""
                let printed = unit == "t" || unit == "g" ? number + " \(unit)CO2e" : number + " " + unit
                #expect(r.out.contains(printed) || (unit == "t" && r.out.contains(number + " t")), "\(line): '\(printed)' not in output")
            }
        }
    }
}
