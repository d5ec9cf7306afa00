// Training, inference, factors and grid comparisons on the command line: findings from trying
// the tool as a new user would.
import Testing
@testable import co2e

@Suite struct TrainingNotationCLITests {
    private func location(_ run: CLIRun) -> String? {
        run.out.split(separator: "\n").first { $0.contains("Location-based emissions") }.map(String.init)
    }

    @Test func hoursInScientificNotationReadAsHours() throws {
        let base = ["training", "--devices", "1", "--device-power", "700W", "--pue-included", "--intensity", "425g/kWh", "--hours"]
        let plain = runCLI(base + ["1300000"])
        #expect(plain.code == 0, "\(plain)")
        #expect(location(plain)?.contains("386.8 tCO2e") == true, "\(plain)")
        for text in ["1.3e6", "1.3M"] {
            let r = runCLI(base + [text])
            #expect(r.code == 0, "\(r)")
            #expect(location(r) == location(plain), "\(text): \(r)")
        }
    }

    @Test func aSampledPPAAmountGivesASpread() throws {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "DE", "--ppa", "0.5..1.5GWh", "--samples", "1e4"])
        #expect(r.code == 0, "\(r)")
        let line = try #require(r.out.split(separator: "\n").last { $0.contains("Market-based emissions") })
        #expect(line.contains("p5–p95"), "\(line)")
    }
}

@Suite struct FactorsCLITests {
    @Test func severalZonesAreShownSideBySide() throws {
        let r = runCLI(["factors", "DE", "FR", "US"])
        #expect(r.code == 0, "\(r)")
        let rows = r.out.split(separator: "\n").filter { $0.hasPrefix("  DE ") || $0.hasPrefix("  FR ") || $0.hasPrefix("  US ") }
        #expect(rows.count == 3, "\(r.out)")
        #expect(rows.allSatisfy { $0.contains("g/kWh") && $0.contains("owid-ember-2025") })
        let json = runCLI(["factors", "DE", "FR", "US", "--json"])
        #expect(json.code == 0 && json.out.contains("\"zones\""), "\(json)")
    }

    @Test func oneZoneFitsOneHundredColumns() throws {
        var out = ""
        let console = Console(out: { out += $0 }, err: { _ in }, width: 100)
        #expect(CLI.run(["factors", "US"], console: console) == 0)
        for line in out.split(separator: "\n") { #expect(line.count <= 100, "\(line.count): \(line)") }
        #expect(out.contains("[owid-ember-2025]"))
    }
}

@Suite struct GridDifferenceCLITests {
    @Test func comparingGridsShowsTheDifferenceInTonnes() throws {
        let r = runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US"])
        #expect(r.code == 0, "\(r)")
        // 50..60 GWh × (383.549 − 44.179) g/kWh = 16,968.5..20,362.2 t.
        let line = try #require(r.out.split(separator: "\n").first { $0.contains("US − FR") })
        #expect(line.contains("16,968–20,362 tCO2e"), "\(line)")
        #expect(r.out.contains("− lowest"))
    }
}

@Suite struct InferenceColumnsTests {
    @Test func aPublishedRateLabelKeepsItsValueInTheColumn() throws {
        let r = runCLI(["inference", "--queries", "1e9/day", "--per-query", "gemini-2025-median", "--period", "1y", "--break-even", "50..60GWh", "--grid", "DE"])
        #expect(r.code == 0, "\(r)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let published = try #require(lines.first { $0.contains("Published-rate emissions") })
        let location = try #require(lines.first { $0.hasPrefix("    Location-based emissions ") && $0.contains("30,147") })
        #expect(published.firstRange(of: "10,950")?.lowerBound.utf16Offset(in: published)
                == location.firstRange(of: "30,147")?.lowerBound.utf16Offset(in: location), "\(published)\n\(location)")
    }
}
