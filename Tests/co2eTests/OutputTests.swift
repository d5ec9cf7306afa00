import Testing
import CO2eKit
@testable import co2e

/// The output layer: one renderer per format over the value a command returns, and the output
/// options every command takes.
@Suite("Output: renderers and the output options")
struct OutputTests {
    @Test("--value prints one number and its unit: a range's central value, or an end asked for by name (issue 23)")
    func valuePrintsOneFigure() {
        // 50..60 GWh x 383.549 g/kWh (the bundled US factor): 19,177,450..23,012,940 kg; the middle is 21,095,195 kg.
        let range = runCLI(["training", "--energy", "50..60GWh", "--grid", "US", "--value", "location_based"])
        #expect(range.code == 0)
        #expect(range.out == "21095195 kg\n")
        let high = runCLI(["training", "--energy", "50..60GWh", "--grid", "US", "--value", "location_based:high"])
        #expect(high.out == "23012940 kg\n")
        let low = runCLI(["training", "--energy", "50..60GWh", "--grid", "US", "--value", "location_based:low"])
        #expect(low.out == "19177450 kg\n")
        let exact = runCLI(["training", "--energy", "1287MWh", "--pue-included", "--intensity", "0.429kg/kWh", "--value", "location_based"])
        #expect(exact.out == "552123 kg\n")
        let part = runCLI(["training", "--energy", "50GWh", "--grid", "FR", "--grid", "US", "--value", "grid_2.location_based"])
        #expect(part.out == "19177450 kg\n")
    }

    @Test("--value with a key the estimate lacks is refused with the keys it has (unknown_id)")
    func valueUnknownKey() {
        let run = runCLI(["training", "--energy", "50GWh", "--grid", "US", "--value", "tonnes"])
        #expect(run.code == 2)
        #expect(run.out.isEmpty)
        #expect(run.err.contains("--value: 'tonnes' is not a figure of this estimate"))
        #expect(run.err.contains("location_based"))
        let end = runCLI(["training", "--energy", "50GWh", "--grid", "US", "--value", "location_based:middle"])
        #expect(end.code == 2)
        #expect(end.err.contains("KEY:low"))
        let listing = runCLI(["factors", "--list", "--value", "location_based"])
        #expect(listing.code == 2)
        #expect(listing.err.contains("gives a list"))
    }

    @Test("--summary keeps the results and warnings, not the steps or sources")
    func summaryIsTheHeadline() {
        let full = runCLI(["training", "--energy", "50..60GWh", "--grid", "US"])
        let summary = runCLI(["training", "--energy", "50..60GWh", "--grid", "US", "--summary"])
        #expect(summary.code == 0)
        #expect(summary.out.contains("19,177–23,013 tCO2e"))
        #expect(!summary.out.contains("Grid factor US"))
        #expect(!summary.out.contains("Sources:"))
        #expect(summary.out.split(separator: "\n").count < full.out.split(separator: "\n").count)
        let json = runCLI(["training", "--energy", "50..60GWh", "--grid", "US", "--summary", "--json"])
        #expect(json.out.contains("\"results\""))
        #expect(!json.out.contains("\"steps\""))
    }

    @Test("--csv gives steps and results with exact numbers, one header")
    func csvOfAnEstimate() {
        let run = runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US", "--csv"])
        #expect(run.code == 0)
        let lines = run.out.split(separator: "\n")
        #expect(lines.first == "part,section,key,label,value,low,high,unit")
        #expect(lines.contains("grid_2,result,location_based,Location-based emissions,,19177450,23012940,kg"))
    }

    @Test("--json with --csv, or --value with --json, is a usage error naming both")
    func formatsConflict() {
        let run = runCLI(["training", "--energy", "50GWh", "--grid", "US", "--json", "--csv"])
        #expect(run.code == 2)
        #expect(run.err.contains("--csv") && run.err.contains("--json"))
        let value = runCLI(["training", "--energy", "50GWh", "--grid", "US", "--json", "--value", "location_based"])
        #expect(value.code == 2)
        #expect(value.err.contains("\"code\":\"conflicting_options\""))
    }

    @Test("text from inputs cannot clear the screen or forge a line in any renderer")
    func controlCharactersAreEscaped() throws {
        var e = Estimate(key: "x", title: "Title\u{1B}[2J\r\nFAKE LINE")
        e.steps.append(.init("zone", "Zone \u{1B}]0;owned\u{07}", .text("DE\nFAKE"), how: "given\r"))
        e.warn("w", "note\u{1B}[31m")
        let text = try TextRenderer(width: 80).render(.estimate(e))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0 == "\r" || $0 == "\u{07}" })
        #expect(!text.contains("\nFAKE"))
        #expect(text.contains("\\u{1B}[2J"))
        let listing = Listing([.line("heading\u{1B}[2J"), .columns(header: ["a", "b"], rows: [["id\r\nFAKE", "x\u{1B}"]])], json: .null)
        let listed = try TextRenderer(width: 80).render(.listing(listing))
        #expect(!listed.unicodeScalars.contains { $0.value == 0x1B || $0 == "\r" })
        let csv = try CSVRenderer(escapeControls: true).render(.estimate(e))
        #expect(!csv.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("a listing's columns fit the width, the first column kept whole, every word kept")
    func listingFitsTheWidth() throws {
        let rows = (0..<5).map { k in ["scenario-id-\(k)", "2023–2030", "world, us, china, europe", String(repeating: "long source title ", count: 8)] }
        let text = try TextRenderer(width: 100).render(.listing(Listing([.columns(header: ["Scenario", "Years", "Regions", "Source"], rows: rows)], json: .null)))
        for line in text.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        for k in 0..<5 { #expect(text.contains("scenario-id-\(k)")) }
        #expect(text.components(separatedBy: "title").count - 1 == 40)
    }

    @Test("every bundled listing fits 100 columns", arguments: [["project", "--list"], ["check", "--list"], ["factors", "US"],
                                                                 ["factors", "--list"], ["removals", "--list"]])
    func bundledListingsFit(arguments: [String]) throws {
        final class Box: @unchecked Sendable { var out = "" }
        let box = Box()
        let code = CLI.run(arguments, console: Console(out: { box.out += $0 }, err: { _ in }, width: 100))
        #expect(code == 0)
        for line in box.out.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
    }
}

extension String {
    func components(separatedBy s: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let r = rest.range(of: s) {
            parts.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
