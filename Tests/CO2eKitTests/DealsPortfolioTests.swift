import Testing
@testable import CO2eCore
@testable import CO2eData
@testable import CO2eCompanies
@testable import CO2eRemovals

// The bundled removal deals, the portfolios of each buyer, and the net position against a
// company's disclosed inventory with a goal. Totals are recomputed here from the CSV text with a
// splitter of the test's own, not read back from the catalogue reader.

/// The rows of a CSV text as dictionaries keyed by the header (quotes and doubled quotes handled).
private func rows(_ text: String) -> [[String: String]] {
    var records: [[String]] = [], field = "", record: [String] = [], quoted = false
    var chars = Array(text).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let n = chars.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true } else if c == "," { record.append(field); field = "" } else if c == "\n" {
            record.append(field); field = ""; records.append(record); record = []
        } else if c != "\r" { field.append(c) }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    let header = records.removeFirst()
    return records.filter { $0.count > 1 }.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

/// A bundled file's text.
private func bundled(_ path: String) throws -> String {
    let s = try #require(BundledData.file(path), "\(path) is not bundled")
    return s.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
}

private let dealHeader = "id,buyer,supplier,method,durability,certification,tonnes,start_year,end_year,profile,delivered_tonnes,delivered_as_of,price_low_usd_per_t,price_high_usd_per_t,value_usd,price_basis,price_year,price_by,announced,source,year,may_restate,note\n"
private let inventoryHeader = "company,report,fiscal_year,year,scope,basis,category,boundary,tco2e,source,page,read,restated,note\n"

private func tonnes(_ f: Figure<MassDimension>) -> Double { f.spread.interval.lower / 1_000 }

@Suite("Removal portfolios and net against a company") struct DealsPortfolioTests {
    @Test("the bundled deals load, each with a source (title, URL, year, how it was read) in removals/sources.csv; four buyers")
    func dealsLoadWithSources() throws {
        let deals = try DealCatalog.bundled.deals()
        let csv = rows(try bundled("data/removals/deals.csv"))
        let sources = rows(try bundled("data/removals/sources.csv"))
        #expect(deals.count == csv.count)
        #expect(deals.count >= 17)
        #expect(Set(deals.map(\.id)).count == deals.count, "deal ids are unique")
        for (d, row) in zip(deals, csv) {
            #expect(d.id == row["id"])
            #expect(d.read != nil, "\(d.id) has no read column")
            #expect(!(row["year"] ?? "").isEmpty, "\(d.id) has no year")
            let s = try #require(sources.first { $0["source"] == row["source"] }, "\(d.id): source \(row["source"] ?? "") not in sources.csv")
            #expect(d.source.title == s["title"] && !d.source.url.isEmpty && s["url"]!.hasPrefix("http"), "\(d.id)'s source")
            #expect(!(s["read"] ?? "").isEmpty && !(s["published"] ?? "").isEmpty, "\(d.id)'s source lacks read or published")
            // A deal whose price is disclosed or estimated carries it; one not disclosed carries none.
            if d.priceBasis == .notDisclosed { #expect(d.price == nil && d.value == nil, "\(d.id)") } else { #expect(d.price != nil || d.value != nil, "\(d.id)") }
        }
        #expect(Set(deals.map { $0.buyer.lowercased() }) == ["microsoft", "amazon", "meta", "google"])
    }

    @Test("each portfolio's durable and nature-based totals equal the sum of its rows' tonnes in deals.csv, and 'all' the sum of every row")
    func portfolioTotalsFromRows() throws {
        let csv = rows(try bundled("data/removals/deals.csv"))
        let catalog = try DealCatalog.bundled
        // A span covering every deal's delivery years, against no emissions: every contracted tonne falls in it.
        let first = csv.map { Int($0["start_year"]!)! }.min()!, last = csv.map { Int($0["end_year"]!)! }.max()!
        for buyer in ["microsoft", "amazon", "meta", "google", "all"] {
            let mine = csv.filter { buyer == "all" || $0["buyer"]!.lowercased() == buyer }
            #expect(!mine.isEmpty, "\(buyer) has deals")
            let durable = mine.filter { ["above_1000y", "100_1000y"].contains($0["durability"]!) }.reduce(0.0) { $0 + Double($1["tonnes"]!)! }
            let nature = mine.filter { !["above_1000y", "100_1000y"].contains($0["durability"]!) }.reduce(0.0) { $0 + Double($1["tonnes"]!)! }
            let r = try NetPosition(emissions: .perYear([first: .exact(.zero)]), deals: try catalog.portfolio(buyer), years: first...last, portfolio: buyer).result()
            #expect(abs(tonnes(r.totalDurable) - durable) < 1e-3, "\(buyer) durable: \(tonnes(r.totalDurable)) t, rows \(durable) t")
            #expect(abs(tonnes(r.totalNature) - nature) < 1e-3, "\(buyer) nature-based: \(tonnes(r.totalNature)) t, rows \(nature) t")
        }
    }

    @Test("a portfolio follows its rows: a user's file with two buyers gives each its own deals")
    func portfolioFollowsRows() throws {
        let csv = dealHeader + """
        a1,Acme,S,dac,above_1000y,,1000,2030,2032,even,,,,,,not_disclosed,,,,mine,2026,,
        a2,Acme,F,reforestation,nature_reversal_risk,,300,2030,2031,even,,,,,,not_disclosed,,,,mine,2026,,
        b1,Bolt,S,beccs,above_1000y,,7000,2030,2031,even,,,,,,not_disclosed,,,,mine,2026,,
        """
        let catalog = try DealCatalog.parse(bytes: Array(csv.utf8), origin: "deals.csv")
        #expect(try catalog.portfolio("acme").map(\.id) == ["a1", "a2"])
        #expect(try catalog.portfolio("BOLT").map(\.id) == ["b1"])
        let r = try NetPosition(emissions: .perYear([2030: .exact(.zero)]), deals: try catalog.portfolio("acme"), years: 2030...2031, portfolio: "Acme").result()
        #expect(tonnes(r.totalDurable) == 1000 && tonnes(r.totalNature) == 300)
        let e = #expect(throws: CO2eError.self) { try catalog.portfolio("acm") }
        #expect(e?.field == "portfolio" && e?.accepted == "acme, bolt, all" && (e?.reason.contains("did you mean acme") ?? false), "\(String(describing: e))")
    }

    @Test("net against a company: the disclosed years' stated totals (or scopes 1 + 2 market + 3 summed), then the last one grown")
    func companyPathUsesDisclosedYears() throws {
        let inventory = inventoryHeader + """
        acme,r2022,calendar,2020,total,market,,company,1000,s,p1,primary,restated,
        acme,r2022,calendar,2021,1,,,company,100,s,p1,primary,original,
        acme,r2022,calendar,2021,2,market,,company,200,s,p1,primary,original,
        acme,r2022,calendar,2021,2,location,,company,900,s,p1,primary,original,
        acme,r2022,calendar,2021,3,market,,company,1700,s,p1,primary,original,
        """
        let company = try CompanyCatalog.parse(bytes: Array(inventory.utf8), origin: "inv.csv").company("acme")
        let p = try NetPosition.company(company, growth: .exact(.percentPerYear(10)), deals: [], years: 2020...2023, portfolio: "none", goal: nil)
        let r = try p.result()
        // 2021 is 100 + 200 + 1,700 (location-based left out); 2022 and 2023 grow from it.
        let want: [Double] = [1000, 2000, 2200, 2420]
        for (y, w) in zip(r.years, want) { #expect(abs(tonnes(y.emissions) - w) < 1e-6, "\(y.year): \(tonnes(y.emissions)) t, hand \(w) t") }
        let est = try r.estimate()
        let disclosed = try #require(est.tables.first { $0.key == "disclosed" })
        #expect(disclosed.rows.map { $0[0].text } == ["2020", "2021"])
        #expect(disclosed.rows[1][2].text.contains("summed"))
        #expect(est.warnings.contains { $0.key == "market_based" })
        #expect(!est.warnings.contains { $0.key == "growth_assumed" })
        // Without a growth, the last disclosed year is held flat, and the trail says so.
        let flat = try NetPosition.company(company, growth: nil, deals: [], years: 2021...2022, portfolio: "none", goal: nil)
        let f = try flat.result()
        #expect(tonnes(f.years[1].emissions) == 2000)
        #expect(try f.estimate().warnings.contains { $0.key == "growth_assumed" })
    }

    @Test("the bundled Microsoft path starts from its disclosed totals in inventories.csv (the latest report for each year)")
    func microsoftDisclosedYears() throws {
        let inv = rows(try bundled("data/companies/inventories.csv"))
            .filter { $0["company"] == "microsoft" && $0["scope"] == "total" && $0["boundary"] == "company" }
        // The latest report giving each year (reports are named by their year).
        var byYear: [Int: (report: String, t: Double)] = [:]
        for row in inv {
            let y = Int(row["year"]!)!, rep = row["report"]!, t = Double(row["tco2e"]!)!
            if let have = byYear[y], have.report >= rep { continue }
            byYear[y] = (rep, t)
        }
        let first = byYear.keys.min()!, last = byYear.keys.max()!
        let company = try CompanyCatalog.bundled.company("microsoft")
        let r = try NetPosition.company(company, growth: nil, deals: [], years: first...(last + 1), portfolio: "none", goal: nil).result()
        for y in r.years where y.year <= last {
            #expect(abs(tonnes(y.emissions) - byYear[y.year]!.t) < 1e-6, "FY\(y.year): \(tonnes(y.emissions)) t, inventories.csv \(byYear[y.year]!.t) t")
        }
        #expect(tonnes(r.years.last!.emissions) == byYear[last]!.t)
        #expect(throws: CO2eError.self) { try NetPosition.company(company, growth: nil, deals: [], years: (first - 1)...last, portfolio: "none", goal: nil).result() }
    }

    @Test("goal: carbon negative needs removals above the year's emissions, net zero at least equal; durable judged apart")
    func goal() throws {
        let csv = dealHeader + """
        stored,X,S,dac,above_1000y,,100,2030,2031,even,,,,,,not_disclosed,,,,mine,2026,,
        forest,X,F,reforestation,nature_reversal_risk,,50,2030,2031,even,,,,,,not_disclosed,,,,mine,2026,,
        """
        let deals = try DealCatalog.parse(bytes: Array(csv.utf8), origin: "deals.csv").deals()
        func run(_ emissions: Double, _ goal: NetGoal) throws -> Estimate {
            var p = NetPosition(emissions: .perYear([2030: .exact(.tonnes(emissions))]), deals: deals, years: 2029...2030, portfolio: "X")
            p.goal = goal
            return try p.estimate()
        }
        let equal = try run(150, .netZero)
        #expect(equal.result("goal_all")?.value.text == "met")
        #expect(equal.result("goal_durable")?.value.text == "not met")
        #expect(try run(150, .carbonNegative).result("goal_all")?.value.text == "not met")
        #expect(try run(149, .carbonNegative).result("goal_all")?.value.text == "met")
        #expect(try run(99, .carbonNegative).result("goal_durable")?.value.text == "met")
        let e = try run(400, .carbonNegative)
        #expect(abs(try #require(e.result("goal_needed")).value.spread.interval.lower / 1_000 - 400) < 1e-9)
        #expect(abs(try #require(e.result("goal_shortfall_all")).value.spread.interval.lower / 1_000 - 250) < 1e-9)
        #expect(abs(try #require(e.result("goal_shortfall_durable")).value.spread.interval.lower / 1_000 - 300) < 1e-9)
        // A range of emissions that straddles the removals meets the goal at some ends only.
        var p = NetPosition(emissions: .perYear([2030: Uncertain(.tonnes(100), .tonnes(200))]), deals: deals, years: 2030...2030, portfolio: "X")
        p.goal = .carbonNegative
        #expect(try p.estimate().result("goal_all")?.value.text == "met at the most favourable ends of the inputs only")
    }

    @Test("bad input: an unknown goal (near name suggested), a company whose year has neither a total nor all three scopes, a gap in its years")
    func badInput() throws {
        let g = #expect(throws: CO2eError.self) { try NetGoal.parse("carbon-negativ") }
        #expect(g?.field == "goal" && g?.accepted == "carbon-negative, net-zero" && (g?.reason.contains("did you mean carbon-negative") ?? false))
        let noTotal = inventoryHeader + "acme,r,calendar,2021,1,,,company,100,s,p,primary,original,\nacme,r,calendar,2021,2,market,,company,200,s,p,primary,original,\n"
        let c = try CompanyCatalog.parse(bytes: Array(noTotal.utf8), origin: "inv.csv").company("acme")
        let e = #expect(throws: CO2eError.self) { try NetPosition.company(c, growth: nil, deals: [], years: 2021...2022, portfolio: "x", goal: nil) }
        #expect(e?.field == "company" && (e?.reason.contains("lacks scope 3") ?? false), "\(String(describing: e))")
        let gap = inventoryHeader + "acme,r,calendar,2019,total,market,,company,100,s,p,primary,original,\nacme,r,calendar,2021,total,market,,company,200,s,p,primary,original,\n"
        let c2 = try CompanyCatalog.parse(bytes: Array(gap.utf8), origin: "inv.csv").company("acme")
        let e2 = #expect(throws: CO2eError.self) { try NetPosition.company(c2, growth: nil, deals: [], years: 2019...2022, portfolio: "x", goal: nil).result() }
        #expect(e2?.reason.contains("2020") ?? false, "\(String(describing: e2))")
    }
}
