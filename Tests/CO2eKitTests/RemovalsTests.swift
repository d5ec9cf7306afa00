import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eData
@testable import CO2eGrid
@testable import CO2eTraining
@testable import CO2eInference
@testable import CO2eProjections
@testable import CO2eRemovals
@testable import CO2eEquivalents
@testable import CO2eBatch
@testable import CO2eClaims

// Removal deals, 45Q credits, equivalents and the net position, against the published figures
// in /work/shared/reference-cases/cases.json (ids in the test names; values copied by hand).

private func within(_ actual: Double, _ expected: Double, pct: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let off = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected) * 100
    #expect(off <= pct, "\(what): computed \(actual), published \(expected) (off \(off) %, tolerance \(pct) %)", sourceLocation: sourceLocation)
}

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

private let header = "id,buyer,supplier,method,durability,certification,tonnes,start_year,end_year,profile,delivered_tonnes,delivered_as_of,price_low_usd_per_t,price_high_usd_per_t,value_usd,price_basis,price_year,price_by,announced,source,year,may_restate,note\n"

@Suite("Removals") struct RemovalsTests {
    @Test("offset_microsoft_vaulted_deep_2025: 4.9 Mt over 12 years (2026-2038), 408,333 t/y; $1.7B is 4.9 Mt x $350/t")
    func vaultedDeep() throws {
        let d = try DealCatalog.bundled.deal("vaulted-deep-2025")
        within(d.contracted.tonnes, 4.9e6, pct: 0, "tonnes")
        #expect(d.startYear == 2026 && d.endYear == 2038 && d.years == 12)
        #expect(d.method == .bicrs && d.durability.isDurable && d.priceBasis == .estimated)
        let e = try d.estimate()
        let rate = try #require(e.result("rate")).value.spread.interval.lower
        within(rate / 1_000 * UnitTable.hoursPerYear, 408_333, pct: 1, "t/y")
        let value = try #require(e.step("value")).value.spread.interval.lower
        within(value, 1.715e9, pct: 1, "media value")
        within(value, 1.7e9, pct: 1, "as reported")
    }

    @Test("offset_microsoft_1pointfive_2024: 500,000 t over 6 years, 83,333 t/y, a sixth of STRATOS's 500,000 t/y")
    func onePointFive() throws {
        let d = try DealCatalog.bundled.deal("1pointfive-2024")
        within(d.contracted.tonnes, 500_000, pct: 0, "tonnes")
        #expect(d.years == 6 && d.method == .dac && d.priceBasis == .notDisclosed)
        let perYear = d.schedule.map(\.mass.tonnes)
        #expect(perYear.count == 6)
        within(perYear[0], 83_333, pct: 0.5, "t/y")
        within(perYear[0] / 500_000 * 100, 16.7, pct: 0.5, "share of STRATOS capacity")
    }

    @Test("offset_microsoft_regreen_2024_2025: 3 Mt/15 y + 3.5 Mt/25 y = 6.5 Mt; 200,000 and 140,000 t/y; FT's $200M")
    func regreen() throws {
        let c = try DealCatalog.bundled
        let a = try c.deal("regreen-2024"), b = try c.deal("regreen-2025")
        within(a.contracted.tonnes + b.contracted.tonnes, 6.5e6, pct: 1, "combined")
        within(a.schedule[0].mass.tonnes, 200_000, pct: 1, "2024 deal t/y")
        within(b.schedule[0].mass.tonnes, 140_000, pct: 1, "2025 deal t/y")
        #expect(!a.durability.isDurable && !b.durability.isDurable && b.mayRestate == "regreen-2024")
        within(try #require(b.value).baseValue, 2e8, pct: 1, "FT estimate")
        let check = try Claims.claim("regreen-6-5mt").check()
        #expect(check.warnings.contains { $0.key == "may_restate" })
    }

    @Test("offset_us_45q_credit_values: IRA 85/60/180/130 (base x 5); OBBBA 2025 parity 85 and 180 for every route")
    func credits() throws {
        func full(_ c: String, _ r: String, _ law: String) throws -> Double { try RemovalPrices.credit45Q(capture: c, route: r, law: law).full.value(in: "$/t")! }
        #expect(try full("point_source", "geologic", "ira-2022") == 85)
        #expect(try full("point_source", "utilisation", "ira-2022") == 60)
        #expect(try full("point_source", "eor", "ira-2022") == 60)
        #expect(try full("dac", "geologic", "ira-2022") == 180)
        #expect(try full("dac", "utilisation", "ira-2022") == 130)
        for r in RemovalPrices.routes {
            #expect(try full("point_source", r, "obbba-2025") == 85)
            #expect(try full("dac", r, "obbba-2025") == 180)
        }
        for row in try RemovalPrices.credits45Q() {
            #expect(row.full.value(in: "$/t")! == row.base.value(in: "$/t")! * 5, "\(row.origin)")
            #expect(row.creditYears == 12)
        }
        // The placed-in-service date picks the law.
        #expect(try RemovalPrices.credit45Q(capture: "dac", route: "utilisation", placedInService: "2024-06-01").law == "ira-2022")
        #expect(try RemovalPrices.credit45Q(capture: "dac", route: "utilisation", placedInService: "2025-08-01").law == "obbba-2025")
        #expect(throws: CO2eError.self) { try RemovalPrices.credit45Q(capture: "dac", route: "geologic", placedInService: "2020-01-01") }
    }

    @Test("equiv_epa_passenger_vehicle: 4.6 t per car-year = 11,500 mi / 22.0 mpg x 8,887 g")
    func epaVehicle() throws {
        let f = try Equivalents.factor("car_year")
        within(f.mass.tonnes, 4.6, pct: 0, "bundled")
        within(11_500 / 22.0 * 8_887 / 1e6, f.mass.tonnes, pct: 1.5, "from EPA's inputs")
        #expect(f.year == 2023 && f.source.id == "epa-vehicle-2023")
    }

    @Test("equiv_epa_calculator_factors_2022: per mile, gallon, home-year, phone charge as Dodge et al. print them")
    func epaCalculator() throws {
        within(try Equivalents.factor("mile_driven").mass.tonnes, 0.000398, pct: 0.5, "mile")
        within(try Equivalents.factor("gallon_gasoline").mass.tonnes, 0.008887, pct: 0.5, "gallon")
        within(try Equivalents.factor("home_energy_year").mass.tonnes, 8.3, pct: 0.5, "home")
        within(try Equivalents.factor("phone_charge").mass.tonnes, 8.22e-6, pct: 0.5, "phone charge")
    }

    @Test("equiv_patterson_jet_roundtrip: 180.4 t whole plane, 1.2 t per passenger; GPT-3's 552.1 t is ~3.05 jet round trips")
    func jet() throws {
        let jet = try Equivalents.factor("jet_round_trip")
        within(jet.mass.tonnes, 180.4, pct: 0, "jet")
        within(try Equivalents.factor("passenger_flight_ny_sf").mass.tonnes, 1.2, pct: 0, "passenger")
        let e = try Equivalents.estimate(.exact(.tonnes(552.1)))
        within(try #require(e.result("equivalent_jet_round_trip")).value.spread.interval.lower, 3.054, pct: 1, "GPT-3 in jet round trips")
    }

    @Test("net position against a hand-computed table: durable and nature-based apart, crossover of all removals in 2027")
    func netPosition() throws {
        let csv = header + """
        stored,X,S,dac,above_1000y,,400000,2026,2030,even,,,,,,not_disclosed,,,,mine,2026,,
        forest,X,F,reforestation,nature_reversal_risk,,200000,2027,2029,even,,,,,,not_disclosed,,,,mine,2026,,
        """
        let deals = try DealCatalog.parse(bytes: bytes(csv), origin: "deals.csv").deals()
        let path = EmissionsPath.growth(base: .exact(EmissionRate(150_000, "t/y")!), growth: .exact(.percentPerYear(-10)), baseYear: 2026)
        let est = try NetPosition(emissions: path, deals: deals, years: 2026...2029, portfolio: "test").estimate()
        let table = try #require(est.tables.first { $0.key == "years" })
        let expected: [[Double]] = [ // emissions, durable, nature, net durable, net all, cumulative net all (t)
            [150_000, 100_000, 0, 50_000, 50_000, 50_000],
            [135_000, 100_000, 100_000, 35_000, -65_000, -15_000],
            [121_500, 100_000, 100_000, 21_500, -78_500, -93_500],
            [109_350, 100_000, 0, 9_350, 9_350, -84_150],
        ]
        #expect(table.rows.count == 4)
        for (row, want) in zip(table.rows, expected) {
            for (k, w) in want.enumerated() {
                guard case let .value(v) = row[k + 1] else { Issue.record("not a value"); continue }
                #expect(abs(v.spread.interval.lower / 1_000 - w) < 1e-6, "\(row[0].text) column \(table.columns[k + 1].key): \(v.spread.interval.lower / 1_000) t, hand \(w) t")
            }
        }
        #expect(est.result("crossover_all")?.value.text == "2027")
        #expect(est.result("crossover_durable")?.value.text == "none by 2029")
        within(try #require(est.result("total_durable")).value.spread.interval.lower / 1_000, 400_000, pct: 0, "durable total")
        within(try #require(est.result("total_nature")).value.spread.interval.lower / 1_000, 200_000, pct: 0, "nature total")
    }

    @Test("bad deals: end before start, negative tonnes, price low above high, unknown method, unknown id with a suggestion")
    func badDeals() throws {
        func error(_ row: String) -> CO2eError? {
            do { _ = try DealCatalog.parse(bytes: bytes(header + row + "\n"), origin: "d.csv"); return nil } catch let e as CO2eError { return e } catch { return nil }
        }
        let late = error("a,X,S,dac,above_1000y,,100,2030,2026,even,,,,,,not_disclosed,,,,s,2026,,")
        #expect(late?.kind == .invalidData && late?.description.contains("d.csv:2") == true && late?.description.contains("end_year") == true)
        #expect(error("a,X,S,dac,above_1000y,,-5,2026,2030,even,,,,,,not_disclosed,,,,s,2026,,")?.description.contains("tonnes '-5' must be more than zero") == true)
        #expect(error("a,X,S,dac,above_1000y,,5,2026,2030,even,,,900,600,,estimated,2025,x,,s,2026,,")?.description.contains("is above price_high_usd_per_t") == true)
        #expect(error("a,X,S,dca,above_1000y,,5,2026,2030,even,,,,,,not_disclosed,,,,s,2026,,")?.description.contains("method 'dca'") == true)
        #expect(error("a,X,S,dac,above_1000y,,5,2026,2030,2026:1;2027:1,,,,,,not_disclosed,,,,s,2026,,")?.description.contains("sums to 2 t") == true)
        do {
            _ = try DealCatalog.bundled.deal("vaulted-deep")
            Issue.record("no error")
        } catch let e as CO2eError {
            #expect(e.field == "deal" && e.reason.contains("did you mean vaulted-deep-2025"))
        }
        #expect(throws: CO2eError.self) { try RemovalMethod.parse("dca") }
        #expect(throws: CO2eError.self) { try Claims.claim("gpt4-training-car") }
    }
}
