import Foundation
import Testing

// The removals, net, cost, equivalents and check commands, as README shows them.

@Suite("Removals CLI") struct RemovalsCLITests {
    @Test("co2e check gpt4-training-cars: 4,169-5,003 car-years at the US 2024 factor and EPA's 4.6 t; 3,000 is 1.39-1.67x too low")
    func gpt4Cars() {
        let r = runCLI(["check", "gpt4-training-cars"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("4,169–5,003 car-years"), "\(r)")
        #expect(r.out.contains("19,177–23,013 tCO2e") && r.out.contains("383.549 g/kWh") && r.out.contains("4.6 tCO2e per car-year"), "\(r)")
        #expect(r.out.contains("Verdict                           1.39–1.67x too low"), "\(r)")
    }

    @Test("training --equivalents: the same car-years, 4,169-5,003")
    func trainingEquivalents() {
        let r = runCLI(["training", "--energy", "50..60GWh", "--grid", "US", "--equivalents"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("4,169–5,003 car-years"), "\(r)")
        #expect(r.out.contains("epa-vehicle-2023"), "\(r)")
    }

    @Test("the list, a deal's own view and net's deal table give the same delivery years (the last is end_year - 1)")
    func deliveryYearsAgree() {
        let list = runCLI(["removals", "--list"])
        let net = runCLI(["net", "--emissions", "1Mt/y", "--portfolio", "microsoft", "--from", "2025", "--to", "2040"])
        for (id, years, count) in [("vaulted-deep-2025", "2026–2037", 12), ("regreen-2024", "2024–2038", 15)] {
            let line = list.out.split(separator: "\n").first { $0.contains(id) }.map(String.init) ?? ""
            #expect(line.contains("\(years) (\(count) y)"), "removals --list: \(line)")
            let deal = runCLI(["removals", "--deal", id])
            let step = deal.out.split(separator: "\n").first { $0.contains("Delivery years") }.map(String.init) ?? ""
            #expect(step.contains(" \(years) (\(count) years) "), "removals --deal: \(step)")
            let row = net.out.split(separator: "\n").first { $0.contains(id) }.map(String.init) ?? ""
            #expect(row.contains(years), "net: \(row)")
        }
    }

    @Test("net --deals FILE alone counts every deal in the file, and the title names the file")
    func dealsFileAlone() throws {
        let bundled = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/removals/deals.csv"), encoding: .utf8)
        let lines = bundled.split(separator: "\n", omittingEmptySubsequences: false)
        let two = ([lines[0]] + lines.filter { $0.hasPrefix("vaulted-deep-2025,") || $0.hasPrefix("amazon-1pointfive-2023,") })
            .joined(separator: "\n") + "\n"
        let file = try temporaryFile(two, "two-deals.csv").path
        let base = ["net", "--emissions", "1Mt/y", "--from", "2025", "--to", "2040", "--deals", file, "--json"]
        func durable(_ extra: [String]) throws -> Double {
            let r = runCLI(base + extra)
            #expect(r.code == 0, "\(r)")
            let results = try #require(try jsonObject(r)["results"] as? [[String: Any]])
            let total = try #require(results.first { $0["key"] as? String == "total_durable" }?["value"] as? [String: Any])
            return try #require(total["value"] as? Double)
        }
        let alone = try durable([]), all = try durable(["--portfolio", "all"])
        let microsoft = try durable(["--portfolio", "microsoft"]), amazon = try durable(["--portfolio", "amazon"])
        #expect(alone == all && microsoft > 0 && amazon > 0 && abs(alone - (microsoft + amazon)) <= 1e-9 * alone, "\(alone) \(microsoft) \(amazon)")
        let title = runCLI(Array(base.dropLast()))
        #expect(title.out.hasPrefix("Net position 2025–2040: emissions against the '\(file)' removals"), "\(title)")
        let none = runCLI(["net", "--emissions", "1Mt/y", "--to", "2030"])
        #expect(none.code == 2 && none.err.contains("give --portfolio BUYER or --deal ID, or --deals FILE"), "\(none)")
    }

    @Test("every command of the issue runs and prints its headline figure")
    func readmeCommands() {
        let cases: [([String], String)] = [
            (["removals", "--list"], "vaulted-deep-2025"),
            (["removals", "--deal", "vaulted-deep-2025"], "408,333 t/y"),
            (["net", "--emissions", "15Mt/y", "--growth", "5%/y", "--portfolio", "microsoft", "--from", "2025", "--to", "2040"], "Net of all removals"),
            (["cost", "--emissions", "22kt", "--method", "dac"], "13.2–22 million USD"),
            (["equivalents", "22kt"], "4,783 car-years"),
            (["check", "--list"], "morgan-stanley-2-5gt"),
            (["check", "vaulted-deep-49mt"], "10x too high"),
            (["check", "vaulted-deep-1-7b"], "not checkable"),
            (["check", "45q-up-to-85"], "holds"),
        ]
        for (args, expected) in cases {
            let r = runCLI(args)
            #expect(r.code == 0 && r.out.contains(expected), "co2e \(args.joined(separator: " ")): \(r)")
        }
        let json = runCLI(["net", "--emissions", "15Mt/y", "--portfolio", "microsoft", "--from", "2025", "--to", "2027", "--json"])
        #expect(json.code == 0 && json.out.contains("\"crossover_all\""), "\(json)")
    }

    @Test("check --list names no 'seed', says plainly where an outlet was not recorded, and gives each claim's verdict beside its id")
    func checkListVerdictsAndOutlets() {
        let r = runCLI(["check", "--list"])
        #expect(r.code == 0, "\(r)")
        let lines = r.out.split(separator: "\n")
        #expect(!r.out.lowercased().contains("seed"))
        #expect(r.out.contains("(press report (outlet not recorded))"))
        #expect(lines.contains { $0.hasPrefix("  vaulted-deep-49mt ") && $0.contains("  10x too high  ") }, "\(r)")
        #expect(lines.contains { $0.hasPrefix("  gpt4-training-cars ") && $0.contains("  1.39–1.67x too low  ") }, "\(r)")
    }

    @Test("check vaulted-deep-49mt: every step's value stands in the value column (no label longer than the cap)")
    func checkValuesStayInTheirColumn() {
        let r = runCLI(["check", "vaulted-deep-49mt"])
        let lines = r.out.split(separator: "\n").map(String.init)
        // Steps of the deal part (indented 4): the value starts at one column on every line.
        let starts = ["Method", "Durability", "Tonnes contracted", "Delivery years", "Tonnes delivered", "Price per tonne (estimated)", "Value of the deal at that price"].compactMap { label -> Int? in
            guard let line = lines.first(where: { $0.hasPrefix("    " + label) }) else { return nil }
            let rest = line.dropFirst(4 + label.count)
            return line.count - rest.drop { $0 != " " }.drop { $0 == " " }.count
        }
        #expect(starts.count == 7 && Set(starts).count == 1, "value columns \(starts)\n\(r.out)")
    }

    @Test("bad input: unknown deal, method, claim and portfolio (near names suggested), price low above high, --to before --from")
    func badInput() {
        let cases: [([String], Int32, String)] = [
            (["removals", "--deal", "vaulted-deep"], 1, "did you mean vaulted-deep-2025"),
            (["cost", "--emissions", "22kt", "--method", "dca"], 2, "did you mean dac"),
            (["check", "gpt4-training-car"], 1, "did you mean gpt4-training-cars"),
            (["net", "--emissions", "15Mt/y", "--portfolio", "microsft"], 1, "did you mean microsoft"),
            (["cost", "--emissions", "22kt", "--method", "dac", "--price", "$1000..600/t"], 2, "--price"),
            (["net", "--emissions", "15Mt/y", "--portfolio", "microsoft", "--from", "2030", "--to", "2025"], 2, "--to"),
            (["cost", "--emissions", "-5kt", "--method", "dac"], 2, "--emissions"),
            (["cost", "--emissions", "22kt", "--method", "dac", "--route", "geologc"], 2, "did you mean geologic"),
            (["equivalents", "22"], 2, "mass"),
        ]
        for (args, code, text) in cases {
            let r = runCLI(args)
            #expect(r.code == code && r.err.contains(text) && r.err.hasPrefix("co2e: error:") && r.err.filter { $0 == "\n" }.count == 1,
                    "co2e \(args.joined(separator: " ")): \(r)")
        }
    }
}
