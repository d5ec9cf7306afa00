import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eCompanies

private func fileCatalog(_ rows: [String]) throws -> CompanyCatalog {
    let text = (["company,report,fiscal_year,year,scope,basis,category,boundary,tco2e,source,page,read,restated,note"] + rows).joined(separator: "\n") + "\n"
    return try CompanyCatalog.parse(bytes: Array(text.utf8), origin: "mine.csv")
}

@Suite("Company inventories") struct CompanyTests {
    @Test("Microsoft FY20 is kept as first published (2020 report) and as each later report restated it (2021; 2024 and 2025, each by the GHG Protocol and by management's criteria), each marked")
    func restatementsKept() throws {
        let ms = try CompanyCatalog.bundled.company("microsoft")
        let fy20 = ms.figures.filter { $0.year == 2020 && $0.scope == .total }
        #expect(fy20.filter { $0.restated == .original }.map(\.mass.tonnes) == [11_164_000])
        let restated = Dictionary(uniqueKeysWithValues: fy20.filter { $0.restated == .restated }.map { ("\($0.report) \($0.criteria)", $0.mass.tonnes) })
        #expect(restated == ["microsoft-esr-2021 ghgProtocol": 11_585_000, "microsoft-esr-2024 ghgProtocol": 12_227_000, "microsoft-esr-2024 management": 11_899_000,
                             "microsoft-esr-2025 ghgProtocol": 12_370_000, "microsoft-esr-2025 management": 12_042_000])
        #expect(ms.years == [2019, 2020, 2021, 2022, 2023, 2024])
        // FY24 is first published in the 2025 report; FY23 there is a restatement of the 2024 report's original.
        #expect(ms.figures.filter { $0.year == 2024 }.allSatisfy { $0.report == "microsoft-esr-2025" && $0.restated == .original })
        #expect(ms.figures.filter { $0.year == 2023 && $0.report == "microsoft-esr-2025" }.allSatisfy { $0.restated == .restated })
    }

    @Test("the change against the baseline takes both ends from one report and one table (FY24 vs the 2025 report's restated FY20; FY23 from the 2024 report when asked)")
    func changeFromOneReport() throws {
        let ms = try CompanyCatalog.bundled.company("microsoft")
        let c = try ms.change(from: 2020, to: 2024)
        #expect(c.baseline.report == "microsoft-esr-2025" && c.latest.report == "microsoft-esr-2025" && c.baseline.restated == .restated)
        #expect(abs(c.change - (15_543_000.0 / 12_370_000 - 1)) < 1e-12)
        let m = try ms.change(from: 2020, to: 2024, criteria: .management)
        #expect(m.baseline.criteria == .management && m.latest.criteria == .management)
        #expect(abs(m.change - (14_857_000.0 / 12_042_000 - 1)) < 1e-12)
        // FY23 is read from the latest report that gives it (2025, restated) unless a report is named.
        #expect(abs(try ms.change(from: 2020, to: 2023).change - (16_935_000.0 / 12_370_000 - 1)) < 1e-12)
        let in2024 = try ms.change(from: 2020, to: 2023, criteria: .management, in: "microsoft-esr-2024")
        #expect(in2024.latest.restated == .original && abs(in2024.change - (15_357_000.0 / 11_899_000 - 1)) < 1e-12)
        #expect(abs(try ms.change(from: 2020, to: 2023, in: "microsoft-esr-2024").change - (17_162_000.0 / 12_227_000 - 1)) < 1e-12)
        // A report that does not give the year is refused, not filled from another report.
        let e = #expect(throws: CO2eError.self) { try ms.change(from: 2020, to: 2024, in: "microsoft-esr-2024") }
        #expect(e?.field == "year")
    }

    @Test("the copies add up: in the 2024 fact sheet and Amazon's 2023 report, each year's scope 3 categories sum to its scope 3 and scopes 1 + 2 market + 3 to its total, within 500 t (the tables round to thousands)")
    func copiesAddUp() throws {
        let cat = try CompanyCatalog.bundled
        for (name, report) in [("microsoft", "microsoft-esr-2024"), ("microsoft", "microsoft-esr-2025"), ("amazon", "amazon-sr-2023")] {
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

    @Test("scope 3 by category cites the figures it shows: FY20's from the 2025 fact sheet, not the 2021 or 2024 reports' FY20 categories")
    func categoriesCiteWhatTheyShow() throws {
        let est = try CompanyCatalog.bundled.company("microsoft").scope3ByCategory()
        let rows = try #require(est.tables.first { $0.key == "figures" }).rows
        let fy20 = rows.filter { $0[0].text == "FY20" }
        #expect(fy20.count == 11 && fy20.allSatisfy { $0[6].text == "microsoft-esr-2025" })
        // FY20 capital goods as the 2025 fact sheet restates it (cloud hardware by life cycle assessment), not the 2024 sheet's 2,962,000 t.
        #expect(fy20.first { $0[3].text == "2 capital goods" }?[5] == .value(Value(Mass.tonnes(3_105_000), unit: "t")))
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

    @Test("Apple FY2022 location-based: scope 1, 2 location-based and 3 all from the 2023 report (1,065,405 t), since the 2024 report's copy gives no FY2022 location-based figure")
    func appleFY22LocationBased() throws {
        let a = try CompanyCatalog.bundled.company("apple")
        // The year's figures are still read from the latest report (the 2024 one, restated) ...
        #expect(a.report(for: 2022) == "apple-epr-2024")
        // ... but the location-based total takes every part from the one report that gives them all.
        let (parts, missing) = a.locationBasedTotal(2022)
        #expect(missing.isEmpty && Set(parts.map(\.report)) == ["apple-epr-2023"] && parts.allSatisfy { $0.restated == .original })
        #expect(parts.map(\.mass.tonnes) == [55_200, 1_065_405, 20_550_000])
        // Other years are unchanged: FY2021 has no location-based figure in any bundled report.
        #expect(a.locationBasedTotal(2021).missing == ["scope 2 location-based"])
    }

    @Test("the side-by-side keeps Apple FY22's row from its 2024 report (no location-based there) and says beside it that the 2023 report gives 1,065,405 t")
    func compareLocationElsewhere() throws {
        let cmp = try CompanyCatalog.bundled.compare(["apple", "google"], year: 2022)
        let rows = try #require(cmp.tables.first { $0.key == "companies" }).rows
        let apple = try #require(rows.first { $0[0].text == "Apple" })
        #expect(apple[3].text == "–" && apple[7].text == "apple-epr-2024")
        let w = try #require(cmp.warnings.first { $0.key == "location_based_elsewhere_apple" })
        #expect(w.text.contains("apple-epr-2023") && w.text.contains("1,065,405"))
        // Google's row has its own location-based figure: no such note.
        #expect(!cmp.warnings.contains { $0.key == "location_based_elsewhere_google" })
    }

    @Test("a location-based total never mixes reports: an earlier report is used only when it gives every part")
    func locationBasedNotMixed() throws {
        let whole = try fileCatalog([
            "acme,r2023,calendar,2022,1,,,company,10,s,p1,primary,original,",
            "acme,r2023,calendar,2022,2,location,,company,50,s,p1,primary,original,",
            "acme,r2023,calendar,2022,3,market,,company,100,s,p1,primary,original,",
            "acme,r2024,calendar,2022,1,,,company,11,s,p2,primary,restated,",
            "acme,r2024,calendar,2022,3,market,,company,120,s,p2,primary,restated,",
            "acme,r2024,calendar,2023,1,,,company,12,s,p2,primary,original,",
        ]).company("acme")
        #expect(whole.locationBasedTotal(2022).parts.map(\.mass.tonnes) == [10, 50, 100])
        // The earlier report lacks scope 3: nothing is taken from it, and the gap is the latest report's.
        let partial = try fileCatalog([
            "acme,r2023,calendar,2022,1,,,company,10,s,p1,primary,original,",
            "acme,r2023,calendar,2022,2,location,,company,50,s,p1,primary,original,",
            "acme,r2024,calendar,2022,1,,,company,11,s,p2,primary,restated,",
            "acme,r2024,calendar,2022,3,market,,company,120,s,p2,primary,restated,",
            "acme,r2024,calendar,2023,1,,,company,12,s,p2,primary,original,",
        ]).company("acme")
        let (parts, missing) = partial.locationBasedTotal(2022)
        #expect(missing == ["scope 2 location-based"] && parts.map(\.mass.tonnes) == [11, 120] && Set(parts.map(\.report)) == ["r2024"])
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
        let year = #expect(throws: CO2eError.self) { try cat.company("microsoft").requireYear(2025) }
        #expect(year?.field == "year" && year?.accepted == "2019, 2020, 2021, 2022, 2023, 2024")
        let scope = #expect(throws: CO2eError.self) { try fileCatalog(["acme,r,calendar,2020,1,,,company,1,s,p,primary,original,"]).company("acme").requireScope(.three) }
        #expect(scope?.field == "scope" && scope?.accepted == "1")
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

    @Test("Microsoft's 2030 targets in its own words (2025 fact sheet p. 8), each against the figure it measures, by hand: scope 3 with management's criteria 14,454,000 t vs below 0.5 x 11,468,000 t; scope 1 + 2 market 402,600 t, -29.89 %; direct renewable 78 % of 100 %")
    func microsoftTargets() throws {
        let ms = try CompanyCatalog.bundled.company("microsoft")
        let targets = try CompanyTargets.bundled.of("microsoft")
        #expect(targets.map(\.id) == ["carbon-negative", "scope1-2-near-zero", "direct-renewable-100", "scope3-more-than-half"])
        #expect(targets.allSatisfy { $0.report == "microsoft-esr-2025" && $0.read == .copy && $0.page.contains("p. 8") })
        let byID = Dictionary(uniqueKeysWithValues: targets.map { ($0.id, ms.gap(to: $0)) })
        // Scope 3 (market-based, management's criteria): both years from the 2025 report's Table 1B.
        let s3 = try #require(byID["scope3-more-than-half"])
        #expect(s3.latestYear == 2024 && s3.latestValue == 14_454_000 && s3.baselineValue == 11_468_000)
        #expect(s3.targetValue == 5_734_000 && s3.gap == 8_720_000)
        #expect(abs(s3.change! - (14_454_000.0 / 11_468_000 - 1)) < 1e-12)
        #expect(s3.latest.allSatisfy { $0.report == "microsoft-esr-2025" && $0.criteria == .management })
        // Scope 1 + 2 market-based: 143,510 + 259,090 = 402,600 t against 118,100 + 456,119 = 574,219 t; no level, no gap.
        let s12 = try #require(byID["scope1-2-near-zero"])
        #expect(s12.latestValue == 402_600 && s12.baselineValue == 574_219 && s12.targetValue == nil && s12.gap == nil)
        #expect(NumberText.format(s12.change! * 100, significantDigits: 4) == "-29.89")
        // Carbon negative: the removals it needs exceed FY24's total with management's criteria.
        let cn = try #require(byID["carbon-negative"])
        #expect(cn.latestValue == 14_857_000 && cn.gap == nil)
        // 100 % direct renewable electricity: the report's own 78 % for FY24, 22 points short.
        let re = try #require(byID["direct-renewable-100"])
        #expect(re.latestYear == 2024 && re.gap == 22)
        // Through FY23 the same report's restated FY23 is used, never the 2024 report's original.
        let s3fy23 = ms.gap(to: targets[3], through: 2023)
        #expect(s3fy23.latestValue == 14_592_000 && s3fy23.baselineValue == 11_468_000)
        let est = try ms.summary(targets: targets)
        let table = try #require(est.tables.first { $0.key == "targets" })
        #expect(table.rows.count == 4 && table.rows[3][7].text == "8,720,000 tCO2e above the target level")
        #expect(est.result("target_scope3-more-than-half")?.value == Value(Mass.tonnes(8_720_000), unit: "t"))
        #expect(est.warnings.contains { $0.key == "targets" && $0.text.contains("each measuring a different figure") })
    }

    @Test("bad input in a targets file: an unknown kind or measure, a reduction without a baseline or with a level that is not a fraction, a percentage target without its percentage")
    func badTargets() throws {
        let header = "company,id,target,by,measure,measures,criteria,baseline,kind,level,progress_value,progress_year,progress_page,report,source,page,read,note\n"
        func parse(_ row: String) throws -> CompanyTargets { try CompanyTargets.parse(bytes: Array((header + row + "\n").utf8), origin: "targets.csv") }
        let good = try parse("acme,half,cut by half,2030,scope3,scope 3,,2020,reduce_more_than,0.5,,,,r,s,p. 1,primary,")
        #expect(good.targets.first?.level == 0.5)
        let cases: [(String, String, String)] = [
            ("acme,x,t,2030,scope3,m,,2020,halve,0.5,,,,r,s,p,primary,", "kind", "kind 'halve' is not a kind of target (accepted: removals_exceed, near_zero, reduce_more_than, reach_percent)"),
            ("acme,x,t,2030,scope4,m,,2020,reduce_more_than,0.5,,,,r,s,p,primary,", "measure", "measure 'scope4' is not a measured figure"),
            ("acme,x,t,2030,scope3,m,,,reduce_more_than,0.5,,,,r,s,p,primary,", "baseline", "baseline '' is empty"),
            ("acme,x,t,2030,scope3,m,,2020,reduce_more_than,50,,,,r,s,p,primary,", "level", "level '50' is not a fraction of the baseline"),
            ("acme,x,t,2025,percent,m,,,reach_percent,100,,,,r,s,p,primary,", "progress_value", "progress_value '' is empty"),
            ("acme,x,t,2030,scope3,m,managment,2020,reduce_more_than,0.5,,,,r,s,p,primary,", "criteria", "criteria 'managment' is not a counting rule"),
            ("acme,x,,2030,scope3,m,,2020,reduce_more_than,0.5,,,,r,s,p,primary,", "target", "target '' is empty; give the company's wording"),
        ]
        for (row, field, text) in cases {
            let e = #expect(throws: CO2eError.self, "\(field)") { try parse(row) }
            #expect(e?.line == 2 && e?.file == "targets.csv" && e?.reason.contains(text) == true, "\(field): \(e?.reason ?? "")")
        }
    }

    @Test("Google 2019-2023 scope 3 by category and totals, Meta's scope 3, totals and location-based totals (2024 reports, as extracted): by hand, and each adds up")
    func googleAndMetaScope3() throws {
        let cat = try CompanyCatalog.bundled
        let g = try cat.company("google")
        // 91,200 + 2,492,200 + 10,034,000 = 12,617,400 t, Google's stated 2022 total.
        let g22 = try #require(g.total(2022, report: "google-er-2024"))
        #expect(g22.mass.tonnes == 12_617_400 && g.figure(2022, .three, .market, report: "google-er-2024")?.mass.tonnes == 10_034_000)
        for y in 2019...2023 {
            let cats = g.figures.filter { $0.year == y && $0.scope == .three && !$0.category.isEmpty }
            #expect(cats.count == 8 && cats.reduce(0) { $0 + $1.mass.tonnes } == g.figure(y, .three, .market, report: "google-er-2024")!.mass.tonnes, "\(y)")
        }
        // Google's own "48 % above 2019" for 2023: 14,314,800 / 9,671,400 − 1.
        #expect(abs(try g.change(from: 2019, to: 2023).change - (14_314_800.0 / 9_671_400 - 1)) < 1e-12)
        let table = try #require(try g.scope3ByCategory().tables.first { $0.key == "categories" })
        #expect(table.rows.last?[0].text == "other categories (as Google groups them)" && table.rows.first?[0].text == "1 purchased goods and services")
        // Meta: the location-based total it states is taken as it is; its market-based total is scope 1 + 2 + 3.
        let m = try cat.company("meta")
        let (parts, missing) = m.locationBasedTotal(2022)
        #expect(missing.isEmpty && parts.map(\.mass.tonnes) == [14_007_222] && parts[0].basis == .location && parts[0].scope == .total)
        #expect(m.total(2022, report: "meta-sr-2024")?.mass.tonnes == 8_533_471 && 66_934 + 273 + 8_466_264 == 8_533_471)
        let summary = try m.summary()
        #expect(summary.result("total_location_based")?.value == Value(Mass.tonnes(14_067_104), unit: "t"))
        // A location-based total is not a second stated total: the restatements table lists market-based totals only.
        #expect(summary.tables.first { $0.key == "restatements" } == nil)
    }
}
