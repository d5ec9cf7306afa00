import Testing
import Foundation
@testable import co2e

// `co2e project` with distributions and --samples (the uncertainty issue's command).

private func tempPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("co2e-projmc-\(UUID().uuidString)-\(name)").path
}

@Test func theIssuesCommandAsWrittenPrintsPercentilesFor2030AndDrawsTheBand() throws {
    let chart = tempPath("band.svg")
    defer { try? FileManager.default.removeItem(atPath: chart) }
    let r = runCLI(["project", "--scenario", "iea-2025-base", "--set", "growth=uniform:10%,20%", "--samples", "1e5", "--chart", chart])
    #expect(r.code == 0, "\(r)")
    #expect(r.err.isEmpty, "\(r)")
    #expect(r.out.contains("Spread by year over 100,000 samples (Monte Carlo, seed 42"), "\(r.out)")
    #expect(r.out.contains("Figure           Mean          SD            p5            p50           p95"), "\(r.out)")
    let row = try #require(r.out.split(separator: "\n").first { $0.contains("iea-2025-base  2030  Electricity") }, "\(r.out)")
    #expect(row.split(separator: " ").filter { $0 == "TWh" }.count == 5, "\(row)")
    #expect(r.out.contains("Chart written to \(chart)."))
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(svg.contains("<path class=\"band\""))
    // The source line under the plot (wrapped onto two lines at most).
    let source = svg.split(separator: "\n").filter { $0.contains("class=\"source\"") }
        .map { $0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" } }.joined(separator: " ")
    #expect(source.hasSuffix("Monte Carlo band: p5–p95 of 100,000 samples, seed 42; line: median."), "\(source)")
}

@Test func theSameSeedGivesTheSameOutput() {
    let args = ["project", "--scenario", "iea-2025-base", "--set", "growth=tri:10%,15%,20%", "--set", "intensity.us=lognormal:380g/kWh,0.1",
                "--samples", "2000", "--seed", "7", "--cumulative", "2024..2030"]
    let a = runCLI(args), b = runCLI(args)
    #expect(a.code == 0, "\(a)")
    #expect(a.out.contains("2024–2030  Emissions, CUMULATIVE"), "\(a.out)")
    #expect(a.out == b.out)
    // And on one thread (the assumption names the threads used).
    func normal(_ s: String) -> String { s.replacingOccurrences(of: #"\d+ used"#, with: "N used", options: .regularExpression) }
    #expect(normal(runCLI(args + ["--threads", "1"]).out) == normal(a.out))
    let c = runCLI(args.dropLast(2) + ["--seed", "8"])
    #expect(c.out != a.out)
}

@Test func withoutDistributionsOrSamplesThereIsNoSpreadTable() {
    let r = runCLI(["project", "--scenario", "iea-2025-base", "--set", "growth=10..20%/y"])
    #expect(r.code == 0)
    #expect(!r.out.contains("Spread by year"))
    #expect(!r.out.contains("Monte Carlo"))
}

@Test(arguments: [
    (["project", "--scenario", "iea-2025-base", "--set", "growth=tri:30%,10%,20%"], "--set: 'growth=tri:30%,10%,20%' growth: has its low end above its high end"),
    (["project", "--scenario", "iea-2025-base", "--set", "growth=lognormal:15%,-1"], "--set: 'growth=lognormal:15%,-1' growth: has sigma"),
    (["project", "--scenario", "iea-2025-base", "--set", "intensity=normal:400g/kWh,0"], "intensity: has a standard deviation of 0"),
    (["project", "--scenario", "iea-2025-base", "--samples", "0"], "--samples: '0' must be at least 1"),
    (["project", "--list", "--samples", "100"], "--list"),
])
func badSamplingInputIsOneUsageLine(_ args: [String], _ message: String) {
    let r = runCLI(args)
    #expect(r.code == 2, "\(r)")
    #expect(r.err.contains(message), "\(r)")
    #expect(r.err.split(separator: "\n").count == 1, "\(r)")
    #expect(r.out.isEmpty)
}
