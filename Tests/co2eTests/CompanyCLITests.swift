import Foundation
// co2e company and the company checks, as the issue writes them (issue 26, items 1, 2 and 5).
import Testing
@testable import co2e

@Suite("co2e company and the company checks") struct CompanyCLITests {
    @Test("company microsoft: the change, the scope 3 share and location / market are numbers (JSON and --value), printed as before")
    func headlineFiguresAreNumbers() throws {
        for (key, printed, low, high) in [("change", "+25.65 %", 0.25645, 0.25655), ("scope3_share", "97.41 %", 0.97405, 0.97415),
                                          ("location_over_market", "38.42x", 38.415, 38.425)] {
            let r = runCLI(["company", "microsoft", "--value", key])
            #expect(r.code == 0, "\(key): \(r)")
            let number = try #require(Double(r.out.trimmingCharacters(in: .whitespacesAndNewlines)), "\(key): \(r.out)")
            #expect(number > low && number < high, "\(key): \(number)")
            #expect(runCLI(["company", "microsoft"]).out.contains(printed), "\(key)")
        }
        let json = try jsonObject(runCLI(["company", "microsoft", "--json"]))
        let results = try #require(json["results"] as? [[String: Any]])
        let change = try #require(results.first { $0["key"] as? String == "change" }?["value"] as? [String: Any])
        #expect(change["dimension"] as? String == "share" && change["text"] as? String == "+25.65 %", "\(change)")
    }

    @Test("co2e company microsoft: FY19-FY24, the 2025 fact sheet's change by the GHG Protocol (+25.65 %) and by management's criteria (+23.38 %), each figure with its data row")
    func microsoftYears() throws {
        let r = runCLI(["company", "microsoft"])
        #expect(r.code == 0, "\(r)")
        for y in ["FY19", "FY20", "FY21", "FY22", "FY23", "FY24"] { #expect(r.out.contains("    \(y)  "), "\(y)") }
        // 15,543,000 / 12,370,000 − 1 and 14,857,000 / 12,042,000 − 1, both ends from the 2025 report.
        #expect(r.out.contains("+25.65 %") && r.out.contains("+23.38 %") && r.out.contains("management's criteria"))
        #expect(r.out.contains("FY24  microsoft-esr-2025  143,510 tCO2e  9,955,368 tCO2e   259,090 tCO2e   15,140,000 tCO2e  15,543,000 tCO2e"))
        // The 2024 report's FY23 (original) is kept beside the 2025 report's restatement.
        #expect(r.out.contains("FY23  microsoft-esr-2024  GHG Protocol           17,162,000 tCO2e  original") && r.out.contains("FY23  microsoft-esr-2025  GHG Protocol           16,935,000 tCO2e  restated"))
        #expect(r.out.contains("Certificates, not physics"))
    }

    @Test("co2e company microsoft: each 2030 target in Microsoft's words with the figure it measures and the FY24 gap; not with a user's --file")
    func microsoftTargets() throws {
        let r = runCLI(["company", "microsoft"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("we aim to be carbon negative by 2030") && r.out.contains("removals above 14,857,000 tCO2e a year at FY24's emissions"))
        #expect(r.out.contains("reducing our Scope 1 and 2 (market-based) emissions to near zero") && r.out.contains("402,600 tCO2e (FY24)"))
        #expect(r.out.contains("reducing Scope 3 emissions (market-based and management's criteria) by more than half by 2030")
                && r.out.contains("below 5,734,000 tCO2e (50 % of the baseline)") && r.out.contains("8,720,000 tCO2e above the target level"))
        #expect(r.out.contains("22 percentage points short"))
        let json = runCLI(["company", "microsoft", "--json"])
        #expect(json.code == 0 && json.out.contains("\"target_scope3-more-than-half\"") && json.out.contains("Section 1.8 Information on metrics"), "\(json.err)")
        let file = try temporaryFile("company,report,fiscal_year,year,scope,basis,category,boundary,tco2e,source,page,read,restated,note\nmicrosoft,r,jul-jun,2024,total,market,,company,100,s,p,primary,original,\n")
        let mine = runCLI(["company", "microsoft", "--file", file.path])
        #expect(mine.code == 0 && !mine.out.contains("carbon negative by 2030"), "\(mine)")
    }

    @Test("co2e company ... --year 2022 --compare: all five companies, Amazon and Microsoft included")
    func compareFive() throws {
        let r = runCLI(["company", "microsoft", "google", "meta", "amazon", "apple", "--year", "2022", "--compare"])
        #expect(r.code == 0, "\(r)")
        for c in ["Microsoft  FY22", "Google     2022", "Meta       2022", "Amazon     2022", "Apple      FY22"] { #expect(r.out.contains(c), "\(c)") }
        #expect(!r.out.contains("No bundled 2022 inventory"))
    }

    @Test("co2e check microsoft-emissions-29-1 holds from the 2024 report, microsoft-emissions-23-4 from the 2025 report")
    func checks() throws {
        let a = runCLI(["check", "microsoft-emissions-29-1"])
        #expect(a.code == 0 && a.out.contains("holds") && a.out.contains("+29.0613 %"), "\(a)")
        let b = runCLI(["check", "microsoft-emissions-23-4"])
        #expect(b.code == 0 && b.out.contains("holds") && b.out.contains("+23.3765 %") && b.out.contains("FY24 (microsoft-esr-2025, management"), "\(b)")
    }
}
