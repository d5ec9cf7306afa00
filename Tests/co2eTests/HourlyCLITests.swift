// The hourly command: percentages over ranges, --out never over an input.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct HourlyCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func hourlyPercentageOverARangeThatSpansZero() throws {
        let load = Self.root.appendingPathComponent(".build-test-load-\(UUID().uuidString).csv")
        var text = "timestamp,kwh\n"
        for h in 0..<24 { text += "2022-01-01T\(h < 10 ? "0" : "")\(h):00:00Z,1000\n" }
        try text.write(to: load, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: load) }
        let series = Self.root.appendingPathComponent("grid-factors/hourly/eia930-erco-2022.csv").path
        func difference(_ factor: String) -> String {
            let r = runCLI(["hourly", "--load", load.path, "--factors", series, "--annual-factor", factor])
            return r.out.split(separator: "\n").first { $0.contains("Difference") }.map(String.init) ?? r.description
        }
        // The first day of 2022 in ERCOT, time-matched, comes to about 289 g/kWh: the difference spans zero.
        let spanning = difference("250..350g/kWh")
        #expect(spanning.contains(" to +") && spanning.contains("−"), "\(spanning)")
        for factor in ["0..100g/kWh", "0g/kWh"] {
            let line = difference(factor)
            #expect(line.contains("no percentage") && !line.contains("inf") && !line.contains("nan"), "\(line)")
        }
    }

    /// A load and an hourly factor file side by side, hour by hour from 2022-01-01T00:00Z.
    private func loadAndFactors(kwh: [Int], grams: [Int]) throws -> (load: URL, factors: URL) {
        func hour(_ k: Int) -> String { "2022-01-01T\(k < 10 ? "0" : "")\(k):00:00Z" }
        let load = try temporaryFile("timestamp,kwh\n" + kwh.enumerated().map { "\(hour($0)),\($1)\n" }.joined(), "load.csv")
        let factors = load.deletingLastPathComponent().appendingPathComponent("factors.csv")
        try ("timestamp,g_co2e_per_kwh\n" + grams.enumerated().map { "\(hour($0)),\($1)\n" }.joined()).write(to: factors, atomically: true, encoding: .utf8)
        return (load, factors)
    }

    @Test("--out writes one row per interval and says so, as batch --out does")
    func outSaysWhatItWrote() throws {
        let (load, factors) = try loadAndFactors(kwh: [5, 5, 1], grams: [100, 200, 300])
        defer { try? FileManager.default.removeItem(at: load.deletingLastPathComponent()) }
        let out = load.deletingLastPathComponent().appendingPathComponent("hours.csv").path
        let r = runCLI(["hourly", "--load", load.path, "--factors", factors.path, "--out", out])
        #expect(r.code == 0 && r.out.hasSuffix("\nIntervals written to \(out): 3 rows.\n"), "\(r)")
        let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 4 && written[0].hasPrefix("timestamp,kwh,"), "\(written)")
    }

    @Test("--out naming an input file is refused, and the input survives")
    func outMustNotOverwriteAnInput() throws {
        let (load, factors) = try loadAndFactors(kwh: [5, 5], grams: [100, 200])
        defer { try? FileManager.default.removeItem(at: load.deletingLastPathComponent()) }
        for (target, option) in [(load, "--load"), (factors, "--factors")] {
            let before = try String(contentsOf: target, encoding: .utf8)
            // The same file under another spelling of its path.
            let r = runCLI(["hourly", "--load", load.path, "--factors", factors.path, "--out", target.deletingLastPathComponent().path + "/./" + target.lastPathComponent])
            #expect(r.code == 2, "\(r)")
            #expect(r.err.contains("is the \(option) file"), "\(r.err)")
            #expect(try String(contentsOf: target, encoding: .utf8) == before)
        }
    }
}
