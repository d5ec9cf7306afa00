// co2e net --portfolio for each buyer, and net --company with --goal (issue 26, items 3 and 4).
import Testing
@testable import co2e

@Suite("net --company and --portfolio") struct NetCompanyCLITests {
    @Test("the issue's command: Microsoft's disclosed years, its portfolio, the removals 2030 needs and the shortfall")
    func issueCommand() throws {
        let r = runCLI(["net", "--company", "microsoft", "--portfolio", "microsoft", "--to", "2030", "--goal", "carbon-negative", "--json"])
        #expect(r.code == 0, "\(r)")
        let j = try jsonObject(r)
        let results = try #require(j["results"] as? [[String: Any]])
        let keys = Set(results.compactMap { $0["key"] as? String })
        #expect(keys.isSuperset(of: ["goal_needed", "goal_shortfall_all", "goal_shortfall_durable", "goal_all", "goal_durable", "total_durable", "total_nature"]))
        let tables = try #require(j["tables"] as? [[String: Any]])
        #expect(tables.contains { $0["key"] as? String == "disclosed" })
        let text = runCLI(["net", "--company", "microsoft", "--portfolio", "microsoft", "--to", "2030", "--goal", "carbon-negative"])
        #expect(text.code == 0 && text.out.contains("Microsoft's disclosed emissions") && text.out.contains("FY21")
                && text.out.contains("Removals the goal needs in 2030") && text.out.contains("Certificates, not physics"), "\(text)")
    }

    @Test("--portfolio takes each buyer with deals, and 'all'")
    func portfolios() {
        for p in ["microsoft", "amazon", "meta", "google", "all"] {
            let r = runCLI(["net", "--emissions", "1Mt/y", "--portfolio", p, "--from", "2025", "--to", "2035"])
            #expect(r.code == 0 && r.out.contains("Deals counted"), "\(p): \(r)")
        }
        #expect(runCLI(["net", "--emissions", "1Mt/y", "--portfolio", "amazon", "--to", "2035"]).out.contains("amazon-1pointfive-2023"))
    }

    @Test("net --company google: Google's stated totals 2019-2023 (2024 report: 9,671,400 t to 14,314,800 t) start the path")
    func google() {
        let r = runCLI(["net", "--company", "google", "--portfolio", "google", "--to", "2030"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("2019  9,671,400 tCO2e") && r.out.contains("2023  14,314,800 tCO2e") && r.out.contains("google-er-2024"))
    }

    @Test("bad input: unknown company, goal and portfolio (accepted names listed), --company with --emissions, --from before the first disclosed year, --growth with --emissions-by-year (a company with no totals: DealsPortfolioTests)")
    func badInput() {
        let cases: [([String], Int32, String)] = [
            (["net", "--company", "microsft", "--portfolio", "microsoft"], 1, "did you mean microsoft"),
            (["net", "--company", "microsoft", "--portfolio", "microsoft", "--goal", "carbon-negativ"], 2, "did you mean carbon-negative"),
            (["net", "--company", "microsoft", "--portfolio", "microsoft", "--goal", "zero"], 2, "accepted: carbon-negative, net-zero"),
            (["net", "--emissions", "1Mt/y", "--portfolio", "facebook"], 1, "accepted: amazon, google, meta, microsoft, all"),
            (["net", "--company", "microsoft", "--emissions", "15Mt/y", "--portfolio", "microsoft"], 2, "--company"),
            (["net", "--company", "microsoft", "--emissions-by-year", "2025:1Mt", "--portfolio", "microsoft"], 2, "--company"),
            (["net", "--company", "microsoft", "--portfolio", "microsoft", "--from", "2010"], 2, "--from: '2010' is before the first disclosed year"),
            (["net", "--emissions-by-year", "2025:1Mt", "--growth", "5%/y", "--portfolio", "microsoft"], 2, "--growth"),
            (["net", "--company", "microsoft", "--portfolio", "microsoft", "--growth", "-100%/y", "--to", "2030"], 2, "--growth"),
        ]
        for (args, code, text) in cases {
            let r = runCLI(args)
            #expect(r.code == code && r.err.contains(text) && r.err.hasPrefix("co2e: error:") && r.err.filter { $0 == "\n" }.count == 1,
                    "co2e \(args.joined(separator: " ")): \(r)")
        }
    }
}
