import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eRemovals
@testable import CO2eEquivalents

// Regression tests for issue 24 (findings 8, 10, 11, 12) and issue 23 (typed results) in the
// removals, net, cost, equivalents and Monte Carlo job code. Each test is named after what it guards.

private let header = "id,buyer,supplier,method,durability,certification,tonnes,start_year,end_year,profile,price_basis,source,note\n"

private func parseError(_ rows: String, origin: String = "d.csv") -> CO2eError? {
    do { _ = try DealCatalog.parse(bytes: Array((header + rows).utf8), origin: origin); return nil } catch let e as CO2eError { return e } catch { return nil }
}

@Suite("Removals regressions") struct RemovalsRegressionTests {
    @Test("a deal of 1e308 t (or 1e400, or a profile of 1e300) is refused at read with file, line and column, not listed as inf")
    func dealAmountsOutOfRangeRefusedAtRead() throws {
        let huge = try #require(parseError("big,X,S,dac,above_1000y,,1e308,2026,2030,even,not_disclosed,s,\n"))
        #expect(huge.file == "d.csv" && huge.line == 2 && huge.code == .valueOutOfRange && huge.reason.hasPrefix("tonnes '1e308'"), "\(huge)")
        let inf = try #require(parseError("big,X,S,dac,above_1000y,,1e400,2026,2030,even,not_disclosed,s,\n"))
        #expect(inf.line == 2 && inf.code == .notFinite && inf.reason.hasPrefix("tonnes '1e400'"), "\(inf)")
        let profile = try #require(parseError("a,X,S,dac,above_1000y,,1,2026,2030,even,not_disclosed,s,\nb,X,S,dac,above_1000y,,1000,2026,2030,2026:1e300;2027:-1e300,not_disclosed,s,\n"))
        #expect(profile.line == 3 && profile.code == .valueOutOfRange && profile.reason.hasPrefix("profile"), "\(profile)")
        // The largest accepted amount still computes: 1e18 t is finite through the net position.
        let deals = try DealCatalog.parse(bytes: Array((header + "big,X,S,dac,above_1000y,,1e18,2026,2030,even,not_disclosed,s,\n").utf8), origin: "d.csv").deals()
        let net = try NetPosition(emissions: .growth(base: .exact(EmissionRate(1, "Mt/y")!), growth: .exact(.percentPerYear(0)), baseYear: 2026),
                                  deals: deals, years: 2026...2030, portfolio: "x").result()
        #expect(net.totalDurable.value.tonnes == 1e18)
    }

    @Test("a profile giving one year twice (2026:500;2026:500) is refused as duplicate_entry, not listed twice")
    func profileYearGivenTwiceRefused() throws {
        let e = try #require(parseError("d,X,S,dac,above_1000y,,1000,2026,2030,2026:500;2026:500,not_disclosed,s,\n"))
        #expect(e.code == .duplicateEntry && e.line == 2 && e.reason.contains("gives 2026 twice"), "\(e)")
    }

    @Test("a deal id given twice in a file is duplicate_entry at the second row's line (file and line as arguments)")
    func dealIDGivenTwiceLocated() throws {
        let e = try #require(parseError("d,X,S,dac,above_1000y,,1,2026,2030,even,not_disclosed,s,\nD,X,S,dac,above_1000y,,1,2026,2030,even,not_disclosed,s,\n"))
        #expect(e.code == .duplicateEntry && e.file == "d.csv" && e.line == 3 && e.reason.contains("already given at d.csv:2"), "\(e)")
    }

    @Test("the 45Q in-service date is a calendar date: 2024-02-30 and 2023-02-29 refused, 2024-02-29 read")
    func inServiceDateIsStrict() throws {
        for bad in ["2024-02-30", "2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10"] {
            do {
                _ = try RemovalPrices.credit45Q(capture: "dac", route: "geologic", placedInService: bad)
                Issue.record("\(bad) accepted")
            } catch let e as CO2eError {
                #expect(e.field == "in_service" && e.value == bad && e.code == .valueOutOfRange && e.reason == "is not a calendar date", "\(e)")
            }
        }
        for malformed in ["2024-2-3", "2024/02/03", "２０２４-02-03", "2024-02-0x"] {
            #expect(throws: CO2eError.self) { try RemovalPrices.credit45Q(capture: "dac", route: "geologic", placedInService: malformed) }
        }
        #expect(try RemovalPrices.credit45Q(capture: "dac", route: "geologic", placedInService: "2024-02-29").law == "ira-2022")
    }

    @Test("a currency before a price range applies to both ends: $600..1,000/t, $100..200/t, $600..$1,000/t; 10..50/t says the currency is missing")
    func priceRangeWithLeadingCurrency() throws {
        for text in ["$600..1,000/t", "$600..$1,000/t", "600..1,000$/t", "600..1,000 USD/t"] {
            let p = try DollarsPerMass.parseRange(text)
            #expect(p.lower.value(in: "$/t") == 600 && p.upper.value(in: "$/t") == 1_000, "\(text)")
        }
        #expect(try DollarsPerMass.parseRange("$100..200/t").upper.value(in: "$/t") == 200)
        #expect(try Dollars.parseRange("$600..1,000").upper.baseValue == 1_000)
        do {
            _ = try DollarsPerMass.parseRange("10..50/t")
            Issue.record("accepted")
        } catch let e as CO2eError {
            #expect(e.code == .unknownUnit && e.reason.contains("the unit before '/' is missing"), "\(e)")
        }
    }

    @Test("text from a deals file reaches no output raw: ids, buyers, notes escaped at read; the deal is found by its raw or escaped id")
    func dealTextEscapedAtRead() throws {
        let csv = header + "\"ev\u{1B}[2Jil\",X\u{1B}[31mY,\"S\rFAKE\",dac,above_1000y,,1000,2026,2030,even,not_disclosed,s\u{7},\"n\u{2028}x\"\n"
        let catalog = try DealCatalog.parse(bytes: Array(csv.utf8), origin: "evil\u{1B}.csv")
        let d = try #require(try catalog.deals().first)
        #expect(d.id == "ev\\u{1B}[2Jil" && d.buyer == "X\\u{1B}[31mY" && d.supplier == "S\\rFAKE" && d.source.id == "s\\u{7}")
        #expect(d.note == "n\\u{2028}x" && d.origin == "evil\\u{1B}.csv:2")
        #expect(try catalog.deal("ev\u{1B}[2Jil") == d)
        #expect(try catalog.deal("EV\\u{1B}[2JIL") == d)
        let trail = try d.estimate()
        #expect(!trail.title.unicodeScalars.contains(where: EchoedText.isControl) && trail.title.contains("ev\\u{1B}[2Jil"))
    }

    @Test("the Monte Carlo job with one sample gives that sample as mean and every percentile")
    func monteCarloOneSample() throws {
        let p = try ReferenceJob().run(MonteCarloSettings(samples: 1, threads: 1, keptSamples: 0))
        #expect(p.samples == 1 && p.standardDeviation == 0)
        #expect(p.values.map(\.percent) == MonteCarloSettings.defaultPercents)
        #expect(p.values.allSatisfy { $0.value == p.mean } && p.mean > 0)
        let two = try ReferenceJob().run(MonteCarloSettings(samples: 2, threads: 1, keptSamples: 0))
        #expect(two.samples == 2 && two.values.first!.value < two.values.last!.value)
    }

    @Test("typed net position: figures per year and totals; the trail's results are the figures")
    func netPositionTypedResult() throws {
        let deals = try DealCatalog.parse(bytes: Array((header + "stored,X,S,dac,above_1000y,,400000,2026,2030,even,not_disclosed,mine,\nforest,X,F,reforestation,nature_reversal_risk,,200000,2027,2029,even,not_disclosed,mine,\n").utf8), origin: "d.csv").deals()
        let position = NetPosition(emissions: .growth(base: .exact(EmissionRate(150_000, "t/y")!), growth: .exact(.percentPerYear(-10)), baseYear: 2026),
                                   deals: deals, years: 2026...2029, portfolio: "test")
        let r = try position.result()
        #expect(r.years.map(\.year) == [2026, 2027, 2028, 2029])
        #expect(abs(r.years[1].netAll.value.tonnes - -65_000) < 1e-6)
        #expect(abs(r.years[2].cumulativeNetAll.value.tonnes - -93_500) < 1e-6)
        #expect(r.totalDurable.value.tonnes == 400_000 && r.totalNature.value.tonnes == 200_000)
        #expect(r.crossoverAll == .year(2027) && r.crossoverDurable == NetPosition.Crossover.none)
        let trail = try r.estimate()
        #expect(trail.result("total_net_all")?.value == r.totalNetAll.trailValue())
        #expect(trail.result("crossover_all")?.value.text == "2027")
        // A range of emissions gives a crossover at some ends only.
        let ranged = try NetPosition(emissions: .growth(base: Uncertain(EmissionRate(50_000, "t/y")!, EmissionRate(150_000, "t/y")!), growth: .exact(.percentPerYear(0)), baseYear: 2026),
                                     deals: deals, years: 2026...2029, portfolio: "test").result()
        #expect(ranged.crossoverDurable == .range(possible: 2026, sure: nil))
    }

    @Test("typed removal cost: one cost per bundled price and the 45Q credit as money figures")
    func removalCostTypedResult() throws {
        let r = try RemovalCost(emissions: .exact(.tonnes(22_000)), method: .dac).result()
        #expect(!r.costs.isEmpty && r.costs.allSatisfy { $0.bundled != nil })
        let range = try #require(r.costs.first { $0.bundled?.kind == "cost_range" })
        #expect(range.cost.bounds(in: "USD")! == (13.2e6, 22e6))
        let credit = try #require(r.credit)
        #expect(credit.rate.value.value(in: "$/t") == 180 && credit.total.value.baseValue == 22_000 * 180)
        let given = try RemovalCost(emissions: .exact(.tonnes(100)), method: .reforestation, price: try DollarsPerMass.parseRange("$10..50/t")).result()
        #expect(given.costs.count == 1 && given.costs[0].cost.bounds(in: "USD")! == (1_000, 5_000) && given.credit == nil)
        #expect(try given.estimate().step("credit_45q_rate")?.value.text == "does not apply")
    }

    @Test("equivalents from a typed mass: Monte Carlo percentiles carried to the counts; tables go in the part each mass names")
    func equivalentsFromTypedMass() throws {
        let mass = Figure<MassDimension>(.percentiles(Percentiles(samples: 10, mean: 4_600_000, standardDeviation: 1,
                                                                  values: [.init(percent: 5, value: 4_140_000), .init(percent: 95, value: 5_060_000)])))
        let r = try Equivalents.of(mass, factors: [try Equivalents.factor("car_year")])
        let cars = try #require(r.count("car_year"))
        guard case let .percentiles(p) = cars.spread else { Issue.record("not percentiles: \(cars.spread)"); return }
        #expect(abs(p.mean - 1_000) < 1e-9 && abs(p.values[0].value - 900) < 1e-9 && abs(p.values[1].value - 1_100) < 1e-9)
        #expect(r.counts[0].text == "900–1,100 car-years")
        var est = Estimate(key: "x", title: "x")
        est.parts.append(Estimate(key: "grid_1", title: "grid 1"))
        try Equivalents.append(to: &est, masses: [("location_based", "Location-based", Figure(Mass.tonnes(4.6)), nil),
                                                  ("net", "Net", Figure(Mass.tonnes(9.2)), 0)])
        #expect(est.tables.map(\.key) == ["equivalents_location_based"])
        #expect(est.parts[0].tables.map(\.key) == ["equivalents_net"])
        #expect(est.sources.contains { $0.id.hasPrefix("epa") }, "the factors' sources are cited on the estimate itself")
    }
}
