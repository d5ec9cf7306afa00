// `co2e hourly --supply` (issue 29): the printed figures of the three-day case, and every new
// input refused with a clear error.
import Foundation
import Testing
@testable import co2e

/// The three-day case of HourlySupplyTests written as files in a temporary folder.
private func threeDayFiles() throws -> (dir: URL, load: String, factors: String, solar: String, wind: String) {
    func rows(_ header: String, _ row: (Int) -> String) -> String {
        var text = header + "\n"
        let f = ISO8601DateFormatter()
        for h in 0..<72 { text += f.string(from: Date(timeIntervalSince1970: 1_640_995_200 + Double(h) * 3_600)) + "," + row(h) + "\n" }
        return text
    }
    let load = try temporaryFile(rows("timestamp,kwh") { h in h / 24 == 1 && h % 24 >= 12 ? "20" : "10" }, "load.csv")
    let dir = load.deletingLastPathComponent()
    let files = [("factors.csv", rows("timestamp,g_co2e_per_kwh") { h in h % 24 < 12 ? "400" : "200" }),
                 ("solar.csv", rows("timestamp,supply_kwh") { h in (10...13).contains(h % 24) ? "30" : "0" }),
                 ("wind.csv", rows("timestamp,supply_kwh,g_co2e_per_kwh") { h in h / 24 == 1 ? "0,0" : h / 24 == 2 ? "5,100" : "5,0" }),
                 ("copy-of-load.csv", rows("timestamp,kwh") { _ in "10" })]
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return (dir, load.path, dir.appendingPathComponent("factors.csv").path, dir.appendingPathComponent("solar.csv").path,
            dir.appendingPathComponent("wind.csv").path)
}

@Suite struct HourlySupplyCLITests {
    @Test func theThreeDayCasePrintsBothMethodsAndTheCFEScore() throws {
        let f = try threeDayFiles()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let r = runCLI(["hourly", "--load", f.load, "--factors", f.factors, "--supply", f.solar, "--supply", f.wind, "--residual-mix", "500g/kWh"])
        #expect(r.code == 0, "\(r)")
        let lines = r.out.split(separator: "\n").map(String.init)
        func line(_ text: String) -> String { lines.first { $0.contains(text) } ?? "" }
        #expect(line("hourly matching (draft revision, consultation 2025)").contains("260.6 kgCO2e"), "\(r.out)")
        #expect(line("annual matching (GHG Protocol Scope 2 Guidance, 2015)").contains("132 kgCO2e"), "\(r.out)")
        #expect(line("Difference (hourly − annual matching)").contains("128.6 kgCO2e"))
        #expect(line("CFE score").contains("27.89 %"))
        #expect(r.out.contains("Why the two differ"))

        let annual = runCLI(["hourly", "--load", f.load, "--factors", f.factors, "--supply", f.solar, "--supply", f.wind,
                             "--residual-mix", "500g/kWh", "--annual-recs", "100%", "--json", "--equivalents"])
        let json = try jsonObject(annual)
        let results = try #require(json["results"] as? [[String: Any]])
        let keys = results.compactMap { $0["key"] as? String }
        #expect(["cfe_score", "market_based_hourly", "market_based_annual", "market_difference"].allSatisfy(keys.contains), "\(keys)")
        let annualValue = results.first { $0["key"] as? String == "market_based_annual" }?["value"] as? [String: Any]
        #expect(annualValue?["value"] as? Double == 0)
    }

    /// `--out` with supply writes each hour's supply, matched, unmatched and surplus energy.
    @Test func outWritesTheSupplyColumns() throws {
        let f = try threeDayFiles()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let out = f.dir.appendingPathComponent("hours.csv")
        let r = runCLI(["hourly", "--load", f.load, "--factors", f.factors, "--supply", f.solar, "--supply", f.wind, "--out", out.path])
        #expect(r.code == 0, "\(r)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 73)
        #expect(lines[0] == "timestamp,kwh,g_co2e_per_kwh,kg_co2e,filled,supply_kwh,matched_kwh,unmatched_kwh,surplus_kwh,supply_kg_co2e")
        // Day 3, 10:00: load 10, solar 30 + wind 5 at 100 g: matched 10, surplus 25, 10/35 x 0.5 kg.
        let day3 = try #require(lines.first { $0.hasPrefix("2022-01-03T10:00:00Z") }).split(separator: ",")
        #expect(Array(day3[5...8]) == ["35", "10", "0", "25"])
        #expect(abs(Double(day3[9])! - 0.5 * 10 / 35) < 1e-12)
    }

    @Test func chartWritesTheHeatMapAndThePageDrawsIt() throws {
        let f = try threeDayFiles()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let svg = f.dir.appendingPathComponent("heat.svg"), page = f.dir.appendingPathComponent("page.html")
        let r = runCLI(["hourly", "--load", f.load, "--factors", f.factors, "--supply", f.solar, "--supply", f.wind,
                        "--chart", svg.path, "--html", page.path])
        #expect(r.code == 0 && r.out.contains("Chart written to \(svg.path)."), "\(r)")
        let drawn = try String(contentsOf: svg, encoding: .utf8)
        // Three days of 24 hours, one cell each, under the chart's title.
        #expect(drawn.hasPrefix("<?xml") && drawn.contains("CFE share by day and hour (contracted supply)"))
        #expect(drawn.components(separatedBy: "<g class=\"cells\"")[1].components(separatedBy: "</g>")[0].components(separatedBy: "<rect ").count - 1 == 72)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("load, one row per day (3, 2022-01-01 to 2022-01-03)"))
        #expect(html.contains("on the typical day of each month") && html.contains(">Jan<"))
    }

    @Test func badSupplyOptionsAreRefused() throws {
        let f = try threeDayFiles()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let base = ["hourly", "--load", f.load, "--factors", f.factors]
        let cases: [([String], Int32, String)] = [
            (["--supply", f.load], 2, "--supply: '\(f.load)' is the --load file"),
            (["--supply", f.factors], 2, "is the --factors file"),
            (["--supply", f.dir.appendingPathComponent("copy-of-load.csv").path], 1, "the header (timestamp,kwh) is a load profile's"),
            (["--supply", f.solar, "--supply", f.dir.path + "/./solar.csv"], 2, "is given twice"),
            (["--annual-recs", "100%"], 2, "--annual-recs: goes with --supply"),
            (["--supply", f.solar, "--recs", "100%"], 2, "cannot be given with --recs"),
            (["--supply", f.solar, "--supplier-factor", "300g/kWh"], 2, "cannot be given with --supplier-factor"),
            (["--supply", f.solar, "--annual-recs", "150%"], 2, "--annual-recs: '150%' is outside 0–100 %"),
            (["--supply", f.solar, "--annual-recs", "lots"], 2, "--annual-recs"),
            (["--supply", f.dir.appendingPathComponent("missing.csv").path], 1, "missing.csv"),
            (["--supply", f.solar, "--out", f.solar], 2, "is the --supply file"),
            (["--supply-scale", "0.9"], 2, "--supply-scale: goes with --supply"),
            (["--samples", "1e4"], 2, "--samples: goes with --supply"),
            (["--supply", f.solar, "--supply-scale", "0"], 2, "--supply-scale: '0' must be more than zero"),
            (["--supply", f.solar, "--supply-scale", "-1..1"], 2, "--supply-scale"),
            (["--supply", f.solar, "--supply-scale", "tri:1,0.5,2"], 2, "--supply-scale"),
            (["--supply", f.solar, "--supply-scale", "lots"], 2, "--supply-scale: 'lots'"),
            (["--chart", f.dir.appendingPathComponent("heat.svg").path], 2, "--chart: goes with --supply"),
            (["--supply", f.solar, "--chart", f.load], 2, "--chart: '\(f.load)' is the --load file"),
            (["--supply", f.solar, "--chart", f.solar], 2, "is the --supply file"),
            (["--supply", f.solar, "--chart", f.dir.appendingPathComponent("same.svg").path, "--out", f.dir.appendingPathComponent("same.svg").path], 2,
             "is the --out file too"),
        ]
        for (extra, code, expected) in cases {
            let r = runCLI(base + extra)
            #expect(r.code == code && r.err.contains(expected), "\(extra): \(r)")
        }
    }

    /// The README's hourly-supply commands, with files written as Benchmarks/make_load.py and
    /// make_supply.py write them, print the headline the README shows.
    @Test func theReadmeCommandsPrintTheirHeadline() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let f = ISO8601DateFormatter()
        let times = (0..<8_760).map { f.string(from: Date(timeIntervalSince1970: 1_640_995_200 + Double($0) * 3_600)) }
        let loadKWh = (0..<8_760).map { h in 1_000.0 + ((8..<20).contains(h % 24) ? 200 : 0) }
        func write(_ name: String, _ header: String, _ values: [Double], format: String) throws -> String {
            var text = header + "\n"
            for (t, v) in zip(times, values) { text += t + "," + String(format: format, v) + "\n" }
            let url = try temporaryFile(text, name)
            return url.path
        }
        func supply(_ kind: String, share: Double) -> [Double] {
            let shape = (0..<8_760).map { h -> Double in
                let hour = Double(h % 24), day = Double(h / 24)
                if kind == "solar" { return (11..<23).contains(h % 24) ? max(0, sin(Double.pi * (hour - 11) / 12)) : 0 }
                return 1 + 0.4 * cos(2 * Double.pi * (hour - 3) / 24) + 0.3 * sin(2 * Double.pi * day / 7)
            }
            let scale = loadKWh.reduce(0, +) * share / shape.reduce(0, +)
            return shape.map { $0 * scale }
        }
        let load = try write("load.csv", "timestamp,kwh", loadKWh, format: "%.0f")
        let ppa = try write("ppa.csv", "timestamp,supply_kwh", supply("solar", share: 1), format: "%.3f")
        let solar = try write("solar.csv", "timestamp,supply_kwh", supply("solar", share: 0.5), format: "%.3f")
        let wind = try write("wind.csv", "timestamp,supply_kwh", supply("wind", share: 0.5), format: "%.3f")
        defer { for p in [load, ppa, solar, wind] { try? FileManager.default.removeItem(at: URL(fileURLWithPath: p).deletingLastPathComponent()) } }
        let pjm = root.appendingPathComponent("grid-factors/hourly/eia930-pjm-2022.csv").path
        let erco = root.appendingPathComponent("grid-factors/hourly/eia930-erco-2022.csv").path

        let commands = readme.split(separator: "\n").map(String.init).filter { $0.hasPrefix("co2e hourly") && $0.contains("--supply") }
        #expect(commands.count == 5, "\(commands)")
        let files = ["load.csv": load, "ppa.csv": ppa, "solar.csv": solar, "wind.csv": wind,
                     "grid-factors/hourly/eia930-pjm-2022.csv": pjm, "grid-factors/hourly/eia930-erco-2022.csv": erco,
                     "grid-factors/hourly/eia930-pjm-2022-cfe.csv": root.appendingPathComponent("grid-factors/hourly/eia930-pjm-2022-cfe.csv").path]
        var outputs: [CLIRun] = []
        for command in commands {
            let args = command.split(separator: " ").dropFirst().map { files[String($0)] ?? String($0) }
            outputs.append(runCLI(args))
        }
        // The first stops on the PJM series' gaps; the second prints the headline in the README.
        #expect(outputs[0].code == 1 && outputs[0].err.contains("23 load intervals"), "\(outputs[0])")
        // The --grid-cfe run, as the issue writes it, stops on the same gaps (README says so).
        #expect(outputs[3].code == 1 && outputs[3].err.contains("23 load intervals"), "\(outputs[3])")
        var filled = commands[3].split(separator: " ").dropFirst().map { files[String($0)] ?? String($0) }
        filled += ["--fill-gaps", "linear"]
        #expect(collapsed(runCLI(filled).out).contains("CFE score with the grid's carbon-free share"))
        // The Monte Carlo over supply prints the figures README quotes.
        let sampled = collapsed(outputs[4].out)
        #expect(outputs[4].code == 0 && sampled.contains("mean 77.37 %, p5–p95 72.79–81.07 %") && sampled.contains("mean 751.1 tCO2e, p5–p95 625.6–906 tCO2e"), "\(outputs[4])")
        func collapsed(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let headline = readme.split(separator: "\n").filter { $0.hasPrefix("  CFE score") || $0.hasPrefix("  Market-based, ") || $0.hasPrefix("  Difference (hourly") }
        #expect(headline.count == 4)
        let printed = collapsed(outputs[1].out)
        for line in headline { #expect(printed.contains(collapsed(String(line))), "\(line) not in \(outputs[1])") }
        #expect(printed.contains("4,745 of 8,760 intervals had no supply"))
        // The ERCOT run's figures as the README's prose gives them.
        let ercot = collapsed(outputs[2].out)
        #expect(outputs[2].code == 0 && ercot.contains("supply) 78.69 %") && ercot.contains("consultation 2025) 706.2 tCO2e")
                && ercot.contains("2015) 0 tCO2e") && outputs[2].out.contains("residual-mix factor"), "\(outputs[2])")
    }
}
