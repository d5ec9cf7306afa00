// Regression tests for problems found in review: each names what went wrong before.
import Foundation
import Testing
import CO2eKit
@testable import co2e

private func run(_ arguments: [String]) -> CLIRun { runCLI(arguments) }

private func temporaryFile(_ text: String, _ name: String = "f.csv") throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-review-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

@Suite struct ReviewRegressionTests {
    @Test("--out naming an input file is refused, and the input survives")
    func outMustNotOverwriteAnInput() throws {
        let load = try temporaryFile("timestamp,kwh\n2022-01-01T00:00:00Z,5\n2022-01-01T01:00:00Z,5\n", "load.csv")
        defer { try? FileManager.default.removeItem(at: load.deletingLastPathComponent()) }
        let factors = load.deletingLastPathComponent().appendingPathComponent("factors.csv")
        try "timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,100\n2022-01-01T01:00:00Z,200\n".write(to: factors, atomically: true, encoding: .utf8)
        for (target, option) in [(load, "--load"), (factors, "--factors")] {
            let before = try String(contentsOf: target, encoding: .utf8)
            // The same file under another spelling of its path.
            let r = run(["hourly", "--load", load.path, "--factors", factors.path, "--out", target.deletingLastPathComponent().path + "/./" + target.lastPathComponent])
            #expect(r.code == 2, "\(r)")
            #expect(r.err.contains("is the \(option) file"), "\(r.err)")
            #expect(try String(contentsOf: target, encoding: .utf8) == before)
        }
    }

    @Test("m and p are never read as mega and peta (was: 400mW printed as 400 MW)", arguments: ["5mWh", "400mW", "5pWh", "2mwh"])
    func milliIsNotMega(_ text: String) {
        let error = #expect(throws: CO2eError.self) {
            if text.hasSuffix("W") { _ = try Power.parse(text) } else { _ = try Energy.parse(text) }
        }
        #expect(error?.message.contains("did you mean") == true, "\(error?.message ?? "")")
    }

    @Test("upper-case and fully lower-case spellings that mean the same unit still read", arguments: ["5gwh", "5GWH", "5kwh", "400w"])
    func caseInsensitiveWhereSafe(_ text: String) throws {
        if text.hasSuffix("w") { #expect(try Power.parse(text) == .watts(400)) } else { #expect(try Energy.parse(text).kilowattHours > 0) }
    }

    @Test("a zone written with spaces in a user's file is found (was: listed but not found)")
    func spacedZoneInAUserFile() throws {
        let catalog = try FactorCatalog.parse(bytes: Array("zone,year,g_co2e_per_kwh,basis,source\nXX ,2023,400,lifecycle,me\n".utf8), origin: "f.csv")
        #expect(try catalog.factor(for: "XX").factor.intensity == .gramsPerKilowattHour(400))
    }

    @Test("a zone column that is not first still works in a user's file")
    func zoneNotFirst() throws {
        let catalog = try FactorCatalog.parse(bytes: Array("year,zone,g_co2e_per_kwh,basis,source\n2023,XX,400,lifecycle,me\n2023,YY,100,lifecycle,me\n".utf8), origin: "f.csv")
        #expect(try catalog.factor(for: "yy").factor.intensity == .gramsPerKilowattHour(100))
    }

    @Test("a Google region on the same grid as the country is not called another area")
    func compareAreas() throws {
        let c = try FactorCatalog.bundled.compare("westeurope")
        #expect(c.entries.contains { $0.factor.zone == "gcp:europe-west4" })
        #expect(!c.reasons.contains { $0.contains("areas differ") }, "\(c.reasons)")
        // A subregion against the national figures is another area.
        #expect(try FactorCatalog.bundled.compare("eGRID:SRVC").reasons.contains { $0.contains("areas differ") })
    }

    @Test("--compare --year says when a source lacks that year (was: silently the oldest)")
    func compareMissingYear() throws {
        let c = try FactorCatalog.bundled.compare("europe-west1", year: 2030)
        #expect(c.entries.allSatisfy { $0.factor.year == 2024 }, "the newest, not the oldest")
        #expect(c.notes.count == 2 && c.notes.allSatisfy { $0.contains("no 2030 figure") }, "\(c.notes)")
        #expect(try FactorCatalog.bundled.compare("europe-west1", year: 2020).notes.isEmpty)
    }

    @Test("the printed formula gives the printed result (was: 50 GWh × 383.5 printed as 19,177 t)")
    func printedFormulaChecks() {
        let r = run(["training", "--energy", "50GWh", "--grid", "US"])
        #expect(r.out.contains("= 50 GWh × 383.549 g/kWh"), "\(r.out)")
        // 50e6 kWh x 383.549 g/kWh = 19,177.45 t, printed to 4 significant digits and whole tonnes.
        #expect(r.out.contains("19,177 tCO2e"))
    }

    @Test("a cloud region shows in the trail with the reason for its mapping (was: only the mapped zone)")
    func cloudRegionInTrail() throws {
        let r = run(["training", "--energy", "2GWh", "--grid", "us-east-1"])
        #expect(r.out.contains("Cloud region aws:us-east-1") && r.out.contains("Dominion"), "\(r.out)")
        let json = run(["training", "--energy", "2GWh", "--grid", "us-east-1", "--json"])
        #expect(json.out.contains("\"Cloud region aws:us-east-1\""))
    }

    @Test("a no-break space between number and unit is a space")
    func noBreakSpace() throws {
        #expect(try Energy.parse("50\u{00A0}GWh") == .gigawattHours(50))
        #expect(try Energy.parse("50\u{202F}GWh") == .gigawattHours(50))
    }

    @Test("a huge value is not echoed in full")
    func longValuesAreClipped() {
        let r = run(["training", "--energy", String(repeating: "9", count: 5_000) + "GWh", "--grid", "US"])
        #expect(r.code == 2)
        #expect(r.err.count < 400, "\(r.err.count) characters")
    }

    @Test("an unknown command with --json answers in JSON")
    func unknownCommandJSON() throws {
        let r = run(["bogus", "--json"])
        #expect(r.code == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.err.utf8)) as? [String: Any])
        #expect((object["error"] as? String)?.contains("is not a command") == true)
    }

    @Test("--sources with a user's file lists the file's sources (was: nothing)")
    func userSources() throws {
        let file = try temporaryFile("zone,year,g_co2e_per_kwh,basis,source\nXX,2023,400,lifecycle,my-audit\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let r = run(["factors", "--sources", "--factors", file.path])
        #expect(r.code == 0)
        #expect(r.out.contains("my-audit"), "\(r.out)")
    }
}
