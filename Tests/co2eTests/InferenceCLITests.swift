import Foundation
import Testing
@testable import co2e
import CO2eInference

// `co2e inference`, run in-process: the issue's commands as written, their numbers, JSON, and
// a clear one-line error for every bad input.

private func inference(_ arguments: String) -> CLIRun {
    runCLI(["inference"] + arguments.split(separator: " ").map(String.init))
}

private func expectOK(_ r: CLIRun, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.code == 0 && r.err.isEmpty && !r.out.isEmpty, "\(r)", sourceLocation: sourceLocation)
}

private func expectError(_ r: CLIRun, code: Int32, _ words: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.code == code, "expected exit \(code): \(r)", sourceLocation: sourceLocation)
    #expect(r.out.isEmpty, "\(r)", sourceLocation: sourceLocation)
    #expect(r.err.hasPrefix("co2e: error: ") && r.err.filter { $0 == "\n" }.count == 1, "one line: \(r)", sourceLocation: sourceLocation)
    for w in words { #expect(r.err.contains(w), "stderr should mention '\(w)': \(r.err)", sourceLocation: sourceLocation) }
}

/// The JSON object of a run's output.
private func json(_ r: CLIRun) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r)")
}

/// The `value` object of the step or result `key`, searching parts.
private func value(_ object: [String: Any], _ key: String) -> [String: Any]? {
    for list in ["steps", "results"] {
        for s in object[list] as? [[String: Any]] ?? [] where s["key"] as? String == key { return s["value"] as? [String: Any] }
    }
    for p in object["parts"] as? [[String: Any]] ?? [] { if let v = value(p, key) { return v } }
    return nil
}

@Suite("co2e inference")
struct InferenceCLITests {
    @Test("--accelerator's help names every accelerator in the bundled table (it had left GB200 out)")
    func acceleratorHelpNamesTheTable() throws {
        let help = InferenceCommand.accelerator.help
        for a in try InferenceCatalog.accelerators() {
            #expect(help.contains(" \(a.id),") || help.contains(" \(a.id);"), "\(a.id) is not in: \(help)")
        }
    }

    @Test("--queries 1e9/day --per-query 2.9Wh --grid US --period 1y prints 1.0585 TWh")
    func billionQueries() throws {
        let r = inference("--queries 1e9/day --per-query 2.9Wh --grid US --period 1y")
        expectOK(r)
        #expect(r.out.contains("1.0585 TWh"), "\(r.out)")
        let j = try json(inference("--queries 1e9/day --per-query 2.9Wh --grid US --period 1y --json"))
        #expect(value(j, "period_energy")?["value"] as? Double == 1.0585e9)
        #expect(value(j, "location_based") != nil)
    }

    @Test("--queries 9e9/day --baseline web-search-2009 --multiplier 10 --grid US --period 1y prints 9.855 TWh")
    func tenTimesSearch() {
        let r = inference("--queries 9e9/day --baseline web-search-2009 --multiplier 10 --grid US --period 1y")
        expectOK(r)
        #expect(r.out.contains("9.855 TWh"), "\(r.out)")
        #expect(r.out.contains("google2009-search"))
    }

    @Test("Every command of the issue runs, and the compute form prints Epoch AI's 0.3 Wh")
    func issueCommands() {
        let compute = inference("--model-params 100B --tokens-out 500 --accelerator H100 --grid US")
        expectOK(compute)
        #expect(compute.out.contains("0.3007 Wh") && compute.out.contains("nvidia-dgx-h100"), "\(compute.out)")
        let long = inference("--model-params 70B --tokens-in 10k --tokens-out 500 --accelerator H100 --grid IE")
        expectOK(long)
        #expect(long.out.contains("prefill"))
        let breakEven = inference("--queries 1e9/day --per-query gemini-2025-median --period 1y --break-even 50..60GWh")
        expectOK(breakEven)
        #expect(breakEven.out.contains("208.3–250 d"), "\(breakEven.out)")
        let figures = inference("--list-figures")
        expectOK(figures)
        for id in ["web-search-2009", "chatgpt-2023", "gemini-2025-median", "gpt-4o-2025", "iea-2025-video-6s", "bloom-2022-api"] {
            #expect(figures.out.contains(id), "\(id)")
        }
        let accelerators = inference("--list-accelerators")
        expectOK(accelerators)
        for id in ["H100", "H200", "B200", "A100", "V100", "TPUv4", "TPUv5e"] { #expect(accelerators.out.contains(id)) }
        expectOK(inference("--scenario every-search-ai --grid US --grid FR"))
        expectOK(inference("--list-figures --json"))
    }

    @Test("--help lists every option and the issue's examples")
    func help() {
        let r = runCLI(["inference", "--help"])
        for option in InferenceCommand.options { #expect(r.out.contains("--" + option.name), "\(option.name)") }
        #expect(r.out.contains("co2e inference --queries 1e9/day --per-query 2.9Wh --grid US --period 1y"))
        #expect(r.out.contains("co2e inference --list-accelerators"))
    }

    @Test("Market instruments and every electricity option work through the same code")
    func electricityOptions() {
        let r = inference("--queries 1e9/day --per-query 0.3Wh --grid DE --recs 60% --residual-mix 650g/kWh")
        expectOK(r)
        #expect(r.out.contains("Market-based"), "\(r.out)")
        expectOK(inference("--per-query gpt-4o-2025 --intensity 350..450g/kWh --cfe 50%"))
    }

    // MARK: - Bad input

    @Test("A rate without a period is refused with the form to write")
    func rateWithoutPeriod() {
        expectError(inference("--queries 1e9 --per-query 2.9Wh"), code: 2, "--queries", "'1e9'", "1e9/day")
    }

    @Test("Negative counts and volumes are refused")
    func negatives() {
        expectError(inference("--queries -1e9/day --per-query 2.9Wh"), code: 2, "--queries", "more than zero")
        expectError(inference("--model-params -70B"), code: 2, "--model-params")
        expectError(inference("--model-params 70B --tokens-out -5"), code: 2, "--tokens-out")
        expectError(inference("--model-params 70B --tokens-in -5"), code: 2, "--tokens-in")
        expectError(inference("--per-query -2.9Wh"), code: 2, "--per-query")
        expectError(inference("--per-query 2.9Wh --queries 1e9/day --period -1y"), code: 2, "--period")
        expectError(inference("--per-query 2.9Wh --break-even 0GWh"), code: 2, "--break-even")
        expectError(inference("--model-params 70B --device-power -5W"), code: 2, "--device-power")
    }

    @Test("Unknown figures, accelerators and scenarios suggest the nearest names")
    func unknownNames() {
        expectError(inference("--per-query gemni-2025-median"), code: 1, "--per-query", "gemini-2025-median", "--list-figures")
        expectError(inference("--baseline web-serch-2009 --multiplier 10"), code: 1, "--baseline", "web-search-2009")
        expectError(inference("--model-params 70B --accelerator H10"), code: 1, "--accelerator", "H100", "--list-accelerators")
        expectError(inference("--scenario every-search"), code: 1, "--scenario", "every-search-ai")
        expectError(inference("--model-params 70B --precision fp4"), code: 2, "--precision", "bf16")
    }

    @Test("A multiplier of zero, a utilisation above 100 % and other out-of-range values are refused")
    func outOfRange() {
        expectError(inference("--baseline web-search-2009 --multiplier 0"), code: 2, "--multiplier", "more than zero")
        expectError(inference("--model-params 70B --utilisation 150%"), code: 2, "--utilisation", "0–100 %")
        expectError(inference("--model-params 70B --utilisation 0%"), code: 2, "--utilisation", "more than zero")
        expectError(inference("--model-params 70B --prefill-utilisation 120%"), code: 2, "--prefill-utilisation")
        expectError(inference("--model-params 70B --load-factor 101%"), code: 2, "--load-factor")
        expectError(inference("--model-params 70B --pue 0.9"), code: 2, "--pue", "below 1")
        expectError(inference("--per-query 2.9Wh --pue 0.5"), code: 2, "--pue")
        expectError(inference("--per-query 2.9Wh --queries 1e9/day --growth -100%/y"), code: 2, "--growth")
        expectError(inference("--model-params 70B --accelerator TPUv5e"), code: 2, "--device-power")
        expectError(inference("--model-params 70B --accelerator V100 --precision fp8"), code: 2, "--precision", "fp16")
    }

    @Test("Missing or conflicting options are usage errors")
    func missingAndConflicting() {
        expectError(inference("--queries 1e9/day"), code: 2, "--per-query")
        expectError(inference("--multiplier 10"), code: 2, "--multiplier", "--baseline")
        expectError(inference("--per-query 2.9Wh --multiplier 10 --baseline web-search-2009"), code: 2, "--per-query", "--multiplier")
        expectError(inference("--per-query 2.9Wh --period 1y"), code: 2, "--period", "--queries")
        expectError(inference("--per-query 2.9Wh --growth 10%/y"), code: 2, "--growth", "--queries")
        expectError(inference("--tokens-in 10k"), code: 2, "--tokens-in", "--model-params")
        expectError(inference("--per-query 2.9Wh --recs 100%"), code: 2, "--recs", "--grid")
        expectError(inference("--scenario every-search-ai --queries 1e9/day"), code: 2, "--scenario", "--queries")
    }
}
