import Foundation
import Testing
@testable import co2e

// `co2e batch` as a user runs it: the issue's four commands, bad rows, bad options.

private final class Scratch {
    let dir: URL
    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-batch-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let url = dir.appendingPathComponent(name)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func read(_ name: String) -> String? { try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] }
}

private let annual = "region,g_per_kwh\nDE,380.5\nFR,52\nNA,300\n"
private let hourly = "region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,400\nDE,2025-01-01T01:00:00Z,300.5\nFR,2025-01-01T00:00:00Z,50\nFR,2025-01-01T01:00:00Z,60\n"
private func workload(_ rows: [(Int, String, String)]) -> String {
    "timestamp,region,kwh\n" + rows.map { "2025-01-0\($0.0 / 24 + 1)T\(String(format: "%02d", $0.0 % 24)):00:00Z,\($0.1),\($0.2)\n" }.joined()
}

@Suite struct BatchCLITests {
    @Test("README's bad.csv: skipped rows are counted, every factor region is a group, and one row is 'row'")
    func readmeBadRows() throws {
        let log = try temporaryFile("timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,10\n2024-01-01T01:00:00Z,XX,2\n2024-01-01T02:00:00Z,FR,-3\n", "bad.csv")
        let dir = log.deletingLastPathComponent()
        let factors = dir.appendingPathComponent("factors_annual.csv")
        try "region,g_per_kwh\nDE,380\nFR,44\n".write(to: factors, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("result.csv").path
        let r = runCLI(["batch", log.path, "--factors", factors.path, "--on-error", "skip", "--out", out])
        #expect(r.code == 0 && r.out == "Wrote \(out): 2 groups, total 3.8 kg CO2e from 1 row.\nSkipped 2 of 3 rows (negative_kwh 1, unknown_region 1), 2 kWh left out.\n", "\(r)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "region,kg_co2e\nDE,3.8\nFR,0\nTOTAL,3.8\n")
    }

    @Test func annualAndHourlyWriteTheResultFileWithATotalRow() throws {
        let s = Scratch()
        let w = s.write("w.csv", workload([(0, "DE", "10"), (1, "DE", "2.5"), (0, "FR", "100"), (1, "FR", "1.001")]))
        let f = s.write("f.csv", annual), h = s.write("h.csv", hourly)
        let a = runCLI(["batch", w, "--factors", f, "--pue", "1.2", "--out", s.path("a.csv")])
        #expect(a.code == 0, "\(a)")
        // DE 12.5 kWh x 380.5 x 1.2 = 5707.5 g; FR 101.001 x 52 x 1.2 = 6302.4624 g; NA listed at 0.
        #expect(s.read("a.csv") == "region,kg_co2e\nDE,5.7075\nFR,6.3024624\nNA,0\nTOTAL,12.0099624\n")
        let b = runCLI(["batch", w, "--hourly-factors", h, "--pue", "1.2", "--out", s.path("b.csv")])
        #expect(b.code == 0, "\(b)")
        // DE (10 x 400 + 2.5 x 300.5) x 1.2 = 5701.5 g; FR (100 x 50 + 1.001 x 60) x 1.2 = 6072.072 g.
        #expect(s.read("b.csv") == "region,kg_co2e\nDE,5.7015\nFR,6.072072\nTOTAL,11.773572\n")
        #expect(s.files.sorted() == ["a.csv", "b.csv", "f.csv", "h.csv", "w.csv"])   // no temporary files left
        // A link to a device is refused, as the device itself is (README: devices are refused),
        // and the link is kept.
        try FileManager.default.createSymbolicLink(atPath: s.path("null"), withDestinationPath: "/dev/null")
        let refused = runCLI(["batch", w, "--factors", f, "--out", s.path("null")])
        #expect(refused.code == 1 && refused.err.contains("not a regular file"), "\(refused)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: s.path("null"))) == "/dev/null")
    }

    @Test func partialsOfAnySplitMergeToTheSameResult() throws {
        let s = Scratch()
        var rows: [(Int, String, String)] = []
        for i in 0..<300 { rows.append((i % 48, ["DE", "FR", "NA"][i % 3], "\(i).\(i % 1000)")) }
        let all = workload(rows)
        let w = s.write("all.csv", all)
        let f = s.write("f.csv", annual)
        let lines = all.split(separator: "\n").dropFirst()
        let parts = [0..<70, 70..<71, 71..<300].enumerated().map { k, r in
            s.write("part-\(k).csv", "timestamp,region,kwh\n" + lines[(r.lowerBound + 1)..<(r.upperBound + 1)].joined(separator: "\n") + "\n")
        }
        let direct = runCLI(["batch", w, "--factors", f, "--by", "region,day", "--out", s.path("direct.csv")])
        #expect(direct.code == 0, "\(direct)")
        // One partial over all parts (as the issue's pipeline does) ...
        let together = runCLI(["batch"] + parts + ["--factors", f, "--by", "region,day", "--partial"])
        #expect(together.code == 0, "\(together)")
        s.write("parts.jsonl", together.out)
        let merged = runCLI(["batch", "--merge", s.path("parts.jsonl"), "--out", s.path("merged.csv")])
        #expect(merged.code == 0, "\(merged)")
        #expect(s.read("merged.csv") == s.read("direct.csv"))
        // ... and one partial per part, merged in reverse order.
        var files: [String] = []
        for (k, p) in parts.enumerated() {
            let r = runCLI(["batch", p, "--factors", f, "--by", "region,day", "--partial", "--out", s.path("p\(k).jsonl")])
            #expect(r.code == 0, "\(r)")
            files.append(s.path("p\(k).jsonl"))
        }
        let reversed = runCLI(["batch", "--merge"] + files.reversed() + ["--out", s.path("reversed.csv")])
        #expect(reversed.code == 0, "\(reversed)")
        #expect(s.read("reversed.csv") == s.read("direct.csv"))
        #expect(s.read("direct.csv")?.hasPrefix("region,day,kg_co2e\nDE,2025-01-01,") == true)
    }

    @Test func codeCarbonLogReEstimatedBesideItsOwnFigure() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/codecarbon/emissions.csv").path
        let r = runCLI(["batch", fixture, "--grid", "bundled", "--by", "region,month", "--json"])
        #expect(r.code == 0, "\(r)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let tables = try #require(json["tables"] as? [[String: Any]])
        let groups = try #require(tables.first { $0["key"] as? String == "groups" })
        let keys = (groups["columns"] as? [[String: Any]])?.compactMap { $0["key"] as? String } ?? []
        #expect(keys == ["region", "month", "rows", "energy", "emissions", "factor", "reported_emissions", "reported_factor", "ratio"])
        let text = runCLI(["batch", fixture, "--grid", "bundled"])
        #expect(text.code == 0 && text.out.contains("CodeCarbon (kg CO2e)") && text.out.contains("IRL") && text.out.contains("europe-west1"), "\(text)")
    }

    @Test func badRowsStopWithTheirLinesOrAreSkippedAndCounted() throws {
        let s = Scratch()
        let f = s.write("f.csv", annual)
        var text = workload([(0, "DE", "1"), (0, "XX", "2"), (0, "DE", "-3"), (0, "DE", "x")]) + "2025-01-01T00:00:00Z,DE\n"
        let w = s.write("w.csv", text)
        let fail = runCLI(["batch", w, "--factors", f, "--out", s.path("r.csv")])
        #expect(fail.code == 1)
        for line in ["w.csv:3: unknown_region", "w.csv:4: negative_kwh", "w.csv:5: bad_number", "w.csv:6: column_count"] {
            #expect(fail.err.contains(line), "\(fail)")
        }
        #expect(s.read("r.csv") == nil)   // nothing written
        let skip = runCLI(["batch", w, "--factors", f, "--on-error", "skip", "--out", s.path("r.csv")])
        #expect(skip.code == 0, "\(skip)")
        #expect(skip.out.contains("Skipped 4 of 5 rows") && skip.out.contains("2 kWh left out"), "\(skip)")
        #expect(s.read("r.csv")?.contains("TOTAL,0.3805") == true)
        // More than 20: the first 20 in full, the rest counted.
        for _ in 0..<30 { text += "2025-01-01T00:00:00Z,XX,1\n" }
        let many = runCLI(["batch", s.write("w2.csv", text), "--factors", f])
        #expect(many.code == 1)
        #expect(many.err.components(separatedBy: "\n").filter { $0.contains("w2.csv:") }.count == 20)
        #expect(many.err.contains("... and 14 more"), "\(many)")
    }

    @Test func marketFactorsAddAMarketBasedColumnAndSayWhatTheyDoNotCover() throws {
        let s = Scratch()
        let w = s.write("w.csv", workload([(0, "DE", "10"), (0, "FR", "100"), (1, "NA", "1")]))
        let f = s.write("f.csv", annual)
        let m = s.write("m.csv", "region,g_per_kwh\nDE,0\nFR,30.25\n")   // DE fully covered by a zero-emission contract
        let r = runCLI(["batch", w, "--factors", f, "--market-factors", m, "--out", s.path("r.csv")])
        #expect(r.code == 0, "\(r)")
        // Location: DE 3805 g, FR 5200 g, NA 300 g. Market: DE 0, FR 3025 g, NA keeps 300 g.
        #expect(s.read("r.csv") == "region,kg_co2e,market_kg_co2e\nDE,3.805,0\nFR,5.2,3.025\nNA,0.3,0.3\nTOTAL,9.305,3.325\n")
        let text = runCLI(["batch", w, "--factors", f, "--market-factors", m])
        #expect(text.out.contains("Market-based") && text.out.contains("without a market factor") && text.out.contains("(NA)"), "\(text)")
        // Partials carry the market sums through a merge.
        let p = runCLI(["batch", w, "--factors", f, "--market-factors", m, "--partial", "--out", s.path("p.jsonl")])
        #expect(p.code == 0, "\(p)")
        #expect(runCLI(["batch", "--merge", s.path("p.jsonl"), "--out", s.path("merged.csv")]).code == 0)
        #expect(s.read("merged.csv") == s.read("r.csv"))
    }

    @Test func badInputsAreRefusedWithUsageOrDataErrors() throws {
        let s = Scratch()
        let f = s.write("f.csv", annual)
        let w = s.write("w.csv", workload([(0, "DE", "1")]))
        let cases: [([String], Int32, String)] = [
            (["batch", w], 2, "give --factors"),
            (["batch", "--factors", f], 2, "give one or more log files"),
            (["batch", w, "--factors", f, "--by", "week"], 2, "'week' is not a grouping"),
            (["batch", w, "--factors", f, "--by", "day,month"], 2, "give one"),
            (["batch", w, "--factors", f, "--pue", "0.5"], 2, "is not a PUE"),
            (["batch", w, "--factors", f, "--threads", "0"], 2, "is not a thread count"),
            (["batch", w, "--factors", f, "--on-error", "ignore"], 2, "fail, skip"),
            (["batch", w, "--grid", "Germny"], 1, "is not a known zone"),
            (["batch", w, "--factors", f, "--year", "2020"], 2, "--year: goes with --grid"),
            (["batch", w, "--grid", "bundled", "--year", "20x"], 2, "--year"),
            (["batch", w, "--factors", f, "--market-factors", s.write("m.csv", "region,g_per_kwh\nDE,x\n")], 1, "m.csv:2"),
            (["batch", "--merge", s.write("p2.jsonl", "{}\n"), "--pue", "1.2"], 2, "not both"),
            (["batch", w, "--factors", f, "--out", s.dir.path], 2, "is a directory"),
            (["batch", w, "--factors", f, "--out", w], 2, "is an input file"),
            (["batch", w, "--factors", f, "--out", f], 2, "is an input file"),
            (["batch", s.path("missing.csv"), "--factors", f], 1, "cannot read"),
            (["batch", s.write("e.csv", ""), "--factors", f], 1, "is empty"),
            (["batch", s.write("n.csv", "time,zone,mwh\n"), "--factors", f], 1, "has no region and kwh columns"),
            (["batch", s.write("t.csv", "region,kwh\nDE,1\n"), "--hourly-factors", s.write("h.csv", hourly)], 1, "no timestamp column"),
            (["batch", w, "--factors", s.write("bad.csv", "region,g_per_kwh\nDE,-1\n")], 1, "bad.csv:2"),
            (["batch", "--merge", s.write("p.jsonl", "{\"group\":{}}\n")], 1, "p.jsonl:1"),
            (["batch", "--merge", w], 1, "is not a partial result line"),
        ]
        for (args, code, text) in cases {
            let r = runCLI(args)
            #expect(r.code == code && r.err.contains(text), "\(args): \(r)")
        }
    }
}
