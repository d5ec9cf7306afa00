// co2e company and the company checks, as the issue writes them (issue 26, items 1, 2 and 5).
import Testing
@testable import co2e

@Suite("co2e company and the company checks") struct CompanyCLITests {
    @Test("co2e company microsoft: FY19-FY23, the 2024 fact sheet's change by the GHG Protocol and by management's criteria, each figure with its data row")
    func microsoftYears() throws {
        let r = runCLI(["company", "microsoft"])
        #expect(r.code == 0, "\(r)")
        for y in ["FY19", "FY20", "FY21", "FY22", "FY23"] { #expect(r.out.contains("    \(y)  "), "\(y)") }
        #expect(!r.out.contains("FY24"))
        #expect(r.out.contains("+40.36 %") && r.out.contains("+29.06 %") && r.out.contains("management's criteria"))
        #expect(r.out.contains("Certificates, not physics"))
    }

    @Test("co2e company ... --year 2022 --compare: all five companies, Amazon and Microsoft included")
    func compareFive() throws {
        let r = runCLI(["company", "microsoft", "google", "meta", "amazon", "apple", "--year", "2022", "--compare"])
        #expect(r.code == 0, "\(r)")
        for c in ["Microsoft  FY22", "Google     2022", "Meta       2022", "Amazon     2022", "Apple      FY22"] { #expect(r.out.contains(c), "\(c)") }
        #expect(!r.out.contains("No bundled 2022 inventory"))
    }

    @Test("co2e check microsoft-emissions-29-1 holds from the 2024 report; -23-4 says the 2025 report is not bundled")
    func checks() throws {
        let a = runCLI(["check", "microsoft-emissions-29-1"])
        #expect(a.code == 0 && a.out.contains("holds") && a.out.contains("+29.0613 %"), "\(a)")
        let b = runCLI(["check", "microsoft-emissions-23-4"])
        #expect(b.code == 0 && b.out.contains("not checkable") && b.out.contains("microsoft-esr-2025"), "\(b)")
    }
}
