import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eCompanies

private func fileCatalog(_ rows: [String]) throws -> CompanyCatalog {
    let text = (["company,report,fiscal_year,year,scope,basis,category,boundary,tco2e,source,page,read,restated,note"] + rows).joined(separator: "\n") + "\n"
    return try CompanyCatalog.parse(bytes: Array(text.utf8), origin: "mine.csv")
}

@Suite("Company inventories") struct CompanyTests {
    @Test("Microsoft FY20 is kept as first published (2020 report) and as each later report restated it (2021; 2024 by the GHG Protocol and by management's criteria), each marked")
    func restatementsKept() throws {
        let ms = try CompanyCatalog.bundled.company("microsoft")
        let fy20 = ms.figures.filter { $0.year == 2020 && $0.scope == .total }
        #expect(fy20.filter { $0.restated == .original }.map(\.mass.tonnes) == [11_164_000])
        let restated = Dictionary(uniqueKeysWithValues: fy20.filter { $0.restated == .restated }.map { ("\($0.report) \($0.criteria)", $0.mass.tonnes) })
        #expect(restated == ["microsoft-esr-2021 ghgProtocol": 11_585_000, "microsoft-esr-2024 ghgProtocol": 12_227_000, "microsoft-esr-2024 management": 11_899_000])
        #expect(ms.years == [2019, 2020, 2021, 2022, 2023])
    }

    @Test("the change against the baseline takes both ends from one report and one table (FY23 vs the 2024 report's restated FY20)")
    func changeFromOneReport() throws {
        let ms = try CompanyCatalog.bundled.company("microsoft")
        let c = try ms.change(from: 2020, to: 2023)
        #expect(c.baseline.report == "microsoft-esr-2024" && c.latest.report == "microsoft-esr-2024" && c.baseline.restated == .restated)
        #expect(abs(c.change - (17_162_000.0 / 12_227_000 - 1)) < 1e-12)
        let m = try ms.change(from: 2020, to: 2023, criteria: .management)
        #expect(m.baseline.criteria == .management && m.latest.criteria == .management)
        #expect(abs(m.change - (15_357_000.0 / 11_899_000 - 1)) < 1e-12)
        // FY21 is read from the latest report that gives it (2024), not from the 2021 report.
        #expect(abs(try ms.change(from: 2020, to: 2021).change - (14_392_000.0 / 12_227_000 - 1)) < 1e-12)
    }

    @Test("the copies add up: in the 2024 fact sheet and Amazon's 2023 report, each year's scope 3 categories sum to its scope 3 and scopes 1 + 2 market + 3 to its total, within 500 t (the tables round to thousands)")
    func copiesAddUp() throws {
        let cat = try CompanyCatalog.bundled
        for (name, report) in [("microsoft", "microsoft-esr-2024"), ("amazon", "amazon-sr-2023")] {
            let c = try cat.company(name)
            for y in c.years {
                guard let s3 = c.figure(y, .three, .market, report: report), let t = c.total(y, report: report),
                      let s1 = c.figure(y, .one, report: report), let s2 = c.figure(y, .two, .market, report: report) else { continue }
                #expect(abs(s1.mass.tonnes + s2.mass.tonnes + s3.mass.tonnes - t.mass.tonnes) <= 500, "\(name) \(y) total")
                let cats = c.figures.filter { $0.year == y && $0.report == report && $0.scope == .three && !$0.category.isEmpty }
                if !cats.isEmpty { #expect(abs(cats.reduce(0) { $0 + $1.mass.tonnes } - s3.mass.tonnes) <= 500, "\(name) \(y) categories") }
            }
        }
    }

    @Test("scope 3 by category cites the figures it shows: FY20's from the 2024 fact sheet, not the 2021 report's restated FY20 categories")
    func categoriesCiteWhatTheyShow() throws {
        let est = try CompanyCatalog.bundled.company("microsoft").scope3ByCategory()
        let rows = try #require(est.tables.first { $0.key == "figures" }).rows
        let fy20 = rows.filter { $0[0].text == "FY20" }
        #expect(fy20.count == 11 && fy20.allSatisfy { $0[6].text == "microsoft-esr-2024" })
    }

    @Test("Amazon 2019-2023 from its 2023 report: scope 1, 2 market-based, 3 and the footprint; no scope 2 location-based; scope 3 categories for 2022 and 2023")
    func amazon() throws {
        let a = try CompanyCatalog.bundled.company("amazon")
        #expect(a.years == [2019, 2020, 2021, 2022, 2023])
        #expect(abs(try a.change(from: 2020, to: 2023).change - (68_820_000.0 / 60_640_000 - 1)) < 1e-12)
        #expect(a.locationBasedTotal(2022).missing == ["scope 2 location-based"])
        let share = try #require(a.scope3Share(2023))
        #expect(abs(share.share - 51_760_000.0 / 68_820_000) < 1e-12)
        let cats = try a.scope3ByCategory()
        #expect(cats.tables.first { $0.key == "categories" }?.rows.count == 9)
    }

    @Test("a file whose latest report lacks the baseline refuses to mix it with another report's original figure")
    func mixedRefused() throws {
        let cat = try fileCatalog([
            "acme,r2020,calendar,2020,total,market,,company,100,s,p1,primary,original,",
            "acme,r2024,calendar,2024,total,market,,company,120,s,p2,primary,original,",
            "acme,r2024,calendar,2023,total,market,,company,110,s,p2,primary,restated,",
        ])
        let e = #expect(throws: CO2eError.self) { try cat.company("acme").change(from: 2020, to: 2024) }
        #expect(e?.field == "baseline" && e?.reason.contains("never an original and a restated figure mixed") == true)
    }

    @Test("bad input: unknown company (near names), a year not reported, a scope not disclosed, a bad scope in a file")
    func badInput() throws {
        let cat = try CompanyCatalog.bundled
        let unknown = #expect(throws: CO2eError.self) { try cat.company("microsft") }
        #expect(unknown?.reason.contains("did you mean microsoft") == true && unknown?.field == "company")
        let year = #expect(throws: CO2eError.self) { try cat.company("microsoft").requireYear(2024) }
        #expect(year?.field == "year" && year?.accepted == "2019, 2020, 2021, 2022, 2023")
        let scope = #expect(throws: CO2eError.self) { try cat.company("google").requireScope(.three) }
        #expect(scope?.field == "scope")
        let row = #expect(throws: CO2eError.self) { try fileCatalog(["acme,r,calendar,2020,4,,,company,1,s,p,primary,original,"]) }
        #expect(row?.line == 2 && row?.reason.contains("scope '4'") == true)
        let mark = #expect(throws: CO2eError.self) { try fileCatalog(["acme,r,calendar,2020,1,,,company,1,s,p,primary,revised,"]) }
        #expect(mark?.reason.contains("original, restated") == true)
        let criteria = #expect(throws: CO2eError.self) {
            try CompanyCatalog.parse(bytes: Array("company,report,fiscal_year,year,scope,basis,category,boundary,tco2e,source,page,read,restated,note,criteria\nacme,r,calendar,2020,1,,,company,1,s,p,primary,original,,managment\n".utf8), origin: "mine.csv")
        }
        #expect(criteria?.line == 2 && criteria?.reason.contains("criteria 'managment' is not a counting rule (accepted: empty (GHG Protocol), management)") == true)
    }

    @Test("every market-based company view warns that certificates, not physics, make the difference")
    func marketWarning() throws {
        let est = try CompanyCatalog.bundled.company("microsoft").summary()
        #expect(est.warnings.contains { $0.text.contains("Certificates, not physics") })
        let cmp = try CompanyCatalog.bundled.compare(["google", "meta"], year: 2022)
        #expect(cmp.warnings.contains { $0.text.contains("Certificates, not physics") })
    }

    @Test("the JSON trail's figures table gives every figure shown with its source, page and data row")
    func figuresCited() throws {
        let est = try CompanyCatalog.bundled.company("microsoft").summary()
        let t = try #require(est.tables.first { $0.key == "figures" })
        #expect(t.rows.count >= 17)
        for r in t.rows { #expect(!r[7].text.isEmpty && !r[8].text.isEmpty && r[12].text.hasPrefix("data/companies/inventories.csv:")) }
    }
}
