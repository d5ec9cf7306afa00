// Hourly matching of contracted supply (issue 29): a three-day case computed by hand, a year of
// PJM with a flat load and a solar-shaped supply equal to it, and bad supply series.
import Foundation
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eGrid

private func supply(_ bytes: [UInt8], _ origin: String = "supply.csv") throws -> TimeSeries {
    try TimeSeries.read(bytes, origin: origin, layout: .supply)
}

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The three-day case: load 10 kWh an hour (20 kWh from 12:00 on day 2); the grid at 400 g/kWh
/// before noon and 200 after; solar 30 kWh an hour from 10:00 to 13:00 each day, at 0 g; wind
/// 5 kWh every hour of days 1 and 3 (none on day 2), at 0 g on day 1 and 100 g/kWh on day 3.
private struct ThreeDays {
    let load: TimeSeries, factors: TimeSeries, solar: TimeSeries, wind: TimeSeries
    let matched: TimeMatchedEmissions, hourly: HourlySupply

    init() throws {
        load = try TimeSeries.read(hourlyCSV("timestamp,kwh", 72) { h in h / 24 == 1 && h % 24 >= 12 ? "20" : "10" },
                                   origin: "load.csv", layout: .load)
        factors = try TimeSeries.read(hourlyCSV("timestamp,g_co2e_per_kwh", 72) { h in h % 24 < 12 ? "400" : "200" },
                                      origin: "factors.csv", layout: .factors)
        solar = try supply(hourlyCSV("timestamp,supply_kwh", 72) { h in (10...13).contains(h % 24) ? "30" : "0" }, "solar.csv")
        wind = try supply(hourlyCSV("timestamp,supply_kwh,g_co2e_per_kwh", 72) { h in
            h / 24 == 1 ? "0,0" : h / 24 == 2 ? "5,100" : "5,0"
        }, "wind.csv")
        matched = try TimeMatchedEmissions.match(load: load, factors: factors)
        hourly = try HourlySupply.match(matched, loadStepSeconds: load.stepSeconds, supplies: [solar, wind])
    }

    func figures(residualMix: Uncertain<IntensityDimension>?, annual: HourlySupply.AnnualClaim = .supplyTotal) throws -> [String: Double] {
        let r = try hourly.result(matched, load: load, factors: factors, residualMix: residualMix, annual: annual)
        var out: [String: Double] = [:]
        for s in r.trail.steps + r.trail.results { out[s.key] = s.value.spread.interval.lower }
        return out
    }
}

@Suite struct HourlySupplyTests {
    /// By hand, per day (L load, S supply, M = min(L, S) matched, U unmatched, X surplus, kWh):
    /// day 1: 00-09 L10 S5 M5 U5; 10-13 L10 S35 M10 X25; 14-23 L10 S5 M5 U5: M 140, U 100, X 100.
    /// day 2: 00-09 L10 S0 U10; 10-11 L10 S30 M10 X20; 12-13 L20 S30 M20 X10; 14-23 L20 S0 U20:
    ///        M 60, U 300, X 60; 20 intervals with no supply.
    /// day 3: as day 1, but wind at 100 g/kWh: 00-09 and 14-23 each 5 kWh x 100 g = 0.5 kg (10 kg);
    ///        10-13 solar 30 and wind 5 share M 10 pro rata: 10/35 of wind's 500 g = 142.857 g
    ///        (4/7 kg over 4 h), carbon-free 30 x 10/35 = 8.571 kWh (240/7 kWh over 4 h).
    /// Totals: load 840, supply 600, M 340, U 500, X 260 kWh; carbon-free matched 200 + 240/7.
    @Test func threeDaysByHand() throws {
        let c = try ThreeDays()
        let f = try c.figures(residualMix: .exact(.gramsPerKilowattHour(500)))
        #expect(f["supply_energy"] == 600)
        #expect(abs(f["matched_energy"]! - 340) < 1e-9)
        #expect(abs(f["unmatched_energy"]! - 500) < 1e-9)
        #expect(abs(f["surplus_energy"]! - 260) < 1e-9)
        #expect(f["intervals_never_matched"] == 20)
        // CFE: (200 + 240/7) / 840 = 41/147.
        #expect(abs(f["cfe_score"]! - 41.0 / 147) < 1e-12)
        // Hourly: 10 + 4/7 kg matched (day 3's wind) + 500 kWh x 0.5 kg/kWh = 260 4/7 kg.
        #expect(abs(f["market_based_hourly"]! - (260 + 4.0 / 7)) < 1e-9)
        // Annual: 600 kWh claimed at the supply's mean rate, 120 kWh x 100 g / 600 kWh = 20 g/kWh
        // (12 kg), and the 240 kWh left at 500 g/kWh (120 kg): 132 kg.
        #expect(abs(f["market_based_annual"]! - 132) < 1e-9)
        #expect(abs(f["market_difference"]! - (128 + 4.0 / 7)) < 1e-9)
        // Location-based: each day 120 kWh x 400 g before noon; after noon 120 kWh (240 on day 2)
        // x 200 g: 72 + 96 + 72 = 240 kg.
        #expect(abs(f["location_based"]! - 240) < 1e-9)
    }

    /// Without a residual mix, the unmatched load counts at its hour's location factor:
    /// days 1 and 3: 50 kWh at 400 and 50 at 200 (30 kg each); day 2: 100 at 400 and 200 at
    /// 200 (80 kg): 140 kg, plus the 10 4/7 kg matched.
    @Test func threeDaysAtTheLocationFactorWithAWarning() throws {
        let c = try ThreeDays()
        let r = try c.hourly.result(c.matched, load: c.load, factors: c.factors, residualMix: nil)
        let hourly = try #require(r.trail.results.first { $0.key == "market_based_hourly" })
        #expect(abs(hourly.value.spread.interval.lower - (150 + 4.0 / 7)) < 1e-9)
        #expect(r.trail.warnings.contains { $0.key == "no_residual_mix_hourly" })
        #expect(r.masses.map(\.key).contains("market_based_annual"))
    }

    /// Annual certificates for 100 % of the load give 0 kg by annual matching; the hourly figure
    /// does not change.
    @Test func threeDaysAgainstAnnualCertificates() throws {
        let c = try ThreeDays()
        let f = try c.figures(residualMix: .exact(.gramsPerKilowattHour(500)), annual: .certificates(.share(.exact(.fraction(1)))))
        #expect(f["market_based_annual"] == 0)
        #expect(abs(f["market_difference"]! - (260 + 4.0 / 7)) < 1e-9)
    }

    /// Both labels, exactly, so no reader takes the draft for the standard; the table by hour.
    @Test func methodsAreLabelledAndTabled() throws {
        let c = try ThreeDays()
        let r = try c.hourly.result(c.matched, load: c.load, factors: c.factors, residualMix: .exact(.gramsPerKilowattHour(500)))
        let labels = r.trail.results.map(\.label)
        #expect(labels.contains { $0.contains("hourly matching (draft revision, consultation 2025)") })
        #expect(labels.contains { $0.contains("annual matching (GHG Protocol Scope 2 Guidance, 2015)") })
        let table = try #require(r.trail.tables.first { $0.key == "cfe_by_hour" })
        #expect(table.rows.count == 24)
        // 10:00 UTC: load 30 kWh, matched 30, surplus (25 + 20 + 25) = 70 kWh.
        #expect(table.rows[10][3] == .number(0.03) && abs({ if case let .number(x) = table.rows[10][5] { return x } else { return -1 } }() - 0.07) < 1e-12)
    }

    /// PJM 2022, a flat 1,000 kWh load, and solar as a half sine from 11:00 to 23:00 UTC scaled
    /// to the load's total. Per day the solar hours k = 1..11 give 24,000 sin(πk/12) / cot(π/24)
    /// kWh; all but the first and last exceed 1,000, so the matched share is
    /// (9 + 2 x 24 sin(π/12) / cot(π/24)) / 24 = 44.31 %, and 13 hours a day (00-11, 23) are
    /// never met.
    @Test func pjmFlatLoadAgainstSolarEqualToIt() throws {
        let factors = try TimeSeries.read(try Array(Data(contentsOf: root.appendingPathComponent("grid-factors/hourly/eia930-pjm-2022.csv"))),
                                          origin: "eia930-pjm-2022.csv", layout: .factors)
        let load = try TimeSeries.read(hourlyCSV("timestamp,kwh", 8_760) { _ in "1000" }, origin: "load.csv", layout: .load)
        let cot = 1 / tan(Double.pi / 24)
        let solar = try supply(hourlyCSV("timestamp,supply_kwh", 8_760) { h in
            let k = h % 24 - 11
            return (0..<12).contains(k) ? String(24_000 * sin(Double.pi * Double(k) / 12) / cot) : "0"
        })
        // The PJM sample lacks 23 hours at the daylight-saving changes: filled, which moves the
        // location-based figure only.
        let matched = try TimeMatchedEmissions.match(load: load, factors: factors, filling: .linear)
        let hourly = try HourlySupply.match(matched, loadStepSeconds: 3_600, supplies: [solar])
        let r = try hourly.result(matched, load: load, factors: factors, residualMix: .exact(.gramsPerKilowattHour(450)))
        let f = Dictionary(uniqueKeysWithValues: (r.trail.steps + r.trail.results).map { ($0.key, $0.value.spread.interval.lower) })
        let cfe = (9 + 2 * 24 * sin(Double.pi / 12) / cot) / 24
        #expect(abs(f["supply_energy"]! - 8_760_000) < 1e-3)
        #expect(f["market_based_annual"] == 0)
        #expect(abs(f["cfe_score"]! - cfe) < 1e-9 && f["cfe_score"]! < 0.5)
        // The unmatched 8,760 MWh x (1 - 44.31 %) at 450 g/kWh: 2,195 t.
        #expect(abs(f["market_based_hourly"]! - 8_760_000 * (1 - cfe) * 0.45) < 1e-3)
        #expect(f["intervals_never_matched"] == Double(13 * 365))
        #expect(hourly.hoursNeverMatched() == "00-11, 23")
        let why = try #require(r.trail.assumptions.first { $0.key == "methods_differ" })
        #expect(why.text.contains("Why the two differ") && why.text.contains("in the hour it is produced"))
    }

    // MARK: Bad supply series

    private func refuses(_ bytes: [UInt8], _ expected: String, origin: String = "supply.csv") {
        do {
            let s = try supply(bytes, origin)
            let c = try ThreeDays()
            _ = try HourlySupply.match(c.matched, loadStepSeconds: 3_600, supplies: [s])
            Issue.record("accepted: expected \(expected)")
        } catch let error as CO2eError {
            #expect(error.kind == .invalidData, "\(error)")
            #expect(error.description.contains(expected), "\(error.description)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aGapInTheSupplyIsRefused() {
        var rows = (0..<72).map { h in Timestamp(secondsSinceEpoch: 1_640_995_200 + Int64(h) * 3_600).iso8601 + ",1" }
        rows.remove(at: 5)
        refuses(csv(["timestamp,supply_kwh"] + rows), "1 interval missing between line 6")
        refuses(hourlyCSV("timestamp,supply_kwh", 72) { h in h == 7 ? "" : "1" }, "supply.csv:9: column supply_kwh is empty; give 0 for an interval without supply")
    }

    @Test func negativeSupplyOrRateIsRefused() {
        refuses(hourlyCSV("timestamp,supply_kwh", 72) { h in h == 3 ? "-2" : "1" }, "supply.csv:5: column supply_kwh: -2 is negative")
        refuses(hourlyCSV("timestamp,supply_kwh,g_co2e_per_kwh", 72) { h in h == 3 ? "1,-5" : "1,0" }, "supply.csv:5: column g_co2e_per_kwh: '-5' is not the supply's emission rate")
    }

    @Test func aSupplyInLocalTimeWithoutAnOffsetIsRefused() {
        refuses(csv(["timestamp,supply_kwh", "2022-01-01 00:00,1", "2022-01-01 01:00,1"]), "has no UTC offset")
    }

    @Test func aLoadFileGivenAsSupplyIsRefusedNamingItsColumns() {
        refuses(hourlyCSV("timestamp,kwh", 72) { _ in "10" }, "the header (timestamp,kwh) is a load profile's", origin: "load.csv")
        refuses(hourlyCSV("timestamp,MWh", 72) { _ in "10" }, "is a load profile's")
    }

    @Test func aSupplyThatDoesNotCoverTheLoadOrIsOffItsGridIsRefused() {
        refuses(hourlyCSV("timestamp,supply_kwh", 48) { _ in "1" }, "has no rows for 24 load intervals")
        refuses(csv(["timestamp,supply_kwh", "2022-01-01T00:30:00Z,1", "2022-01-01T01:30:00Z,1"]), "off the load's 60-minute grid")
        // A two-hourly supply against an hourly load.
        refuses(csv(["timestamp,supply_kwh", "2022-01-01T00:00:00Z,1", "2022-01-01T02:00:00Z,1"]), "give the series at the load's step")
    }

    /// Half-hourly supply against an hourly load: the two halves of each hour are summed.
    @Test func aFinerSupplyIsSummedIntoTheLoadsIntervals() throws {
        var rows = ["timestamp,supply_kwh"]
        for k in 0..<144 { rows.append(Timestamp(secondsSinceEpoch: 1_640_995_200 + Int64(k) * 1_800).iso8601 + ",3") }
        let c = try ThreeDays()
        let h = try HourlySupply.match(c.matched, loadStepSeconds: 3_600, supplies: [try supply(csv(rows))])
        #expect(h.supplyKWh == 432 && h.intervals[0].matchedKWh == 6)
    }

    @Test func anAnnualShareAboveAllIsRefused() throws {
        let c = try ThreeDays()
        #expect(throws: CO2eError.self) {
            try c.hourly.result(c.matched, load: c.load, factors: c.factors, residualMix: nil, annual: .certificates(.share(.exact(.fraction(1.5)))))
        }
    }
}

/// The grid's carbon-free share (issue 29 item 4, Google's method): on the three days, a grid at
/// 50 % carbon-free in every hour but the first (a gap) adds half of each unmatched hour's load.
@Suite struct GridCFEShareTests {
    @Test func theGridsShareCountsForTheUnmatchedLoad() throws {
        let c = try ThreeDays()
        let grid = try TimeSeries.read(hourlyCSV("timestamp,cfe_share", 72) { h in h == 0 ? "" : "0.5" }, origin: "cfe.csv", layout: .gridCFE)
        let hourly = try HourlySupply.match(c.matched, loadStepSeconds: 3_600, supplies: [c.solar, c.wind], gridCFE: grid)
        let r = try hourly.result(c.matched, load: c.load, factors: c.factors, residualMix: .exact(.gramsPerKilowattHour(500)))
        let score = try #require(r.trail.results.first { $0.key == "cfe_score_with_grid" })
        // Unmatched 500 kWh, less hour 0's 5 kWh (a gap, not counted): 495 × 0.5 = 247.5 kWh.
        #expect(abs(score.value.spread.interval.lower - (200 + 240.0 / 7 + 247.5) / 840) < 1e-12)
        #expect(r.trail.warnings.contains { $0.key == "grid_cfe_gaps" })
        #expect(hourly.gridCFEGaps == 1)
    }

    @Test func refusesAShareAboveOneAndAnotherKindOfSeries() {
        for (text, expected) in [("timestamp,cfe_share\n2022-01-01T00:00:00Z,45\n", "is above 1"),
                                 ("timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,45\n", "a factor, load or supply series"),
                                 ("timestamp,cfe_share\n2022-01-01T00:00:00Z,-0.1\n", "is negative")] {
            #expect(throws: CO2eError.self) { try TimeSeries.read(Array(text.utf8), origin: "cfe.csv", layout: .gridCFE) }
            do { _ = try TimeSeries.read(Array(text.utf8), origin: "cfe.csv", layout: .gridCFE) } catch let e as CO2eError {
                #expect(e.description.contains(expected), "\(e.description)")
            } catch {}
        }
    }
}
