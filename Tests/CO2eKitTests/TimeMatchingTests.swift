// Hourly, time-matched emissions: exact sums, the difference against an average factor, gaps
// (reported, or filled as asked), different steps, and bad series.
import Foundation
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

private func load(_ bytes: [UInt8]) throws -> TimeSeries {
    try TimeSeries.read(bytes, origin: "load.csv", layout: .load)
}

private func factors(_ bytes: [UInt8]) throws -> TimeSeries {
    try TimeSeries.read(bytes, origin: "factors.csv", layout: .factors)
}

/// The package root, for the shipped hourly samples.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct TimeMatchingTests {
    @Test func hourByHourTotalIsTheExactSumOfKWhTimesFactor() throws {
        // Integer kWh and g/kWh keep every product and partial sum exact in binary floating point.
        let l = try load(hourlyCSV("timestamp,kwh", 48) { String(100 + $0 * 7) })
        let f = try factors(hourlyCSV("timestamp,g_co2e_per_kwh", 48) { String(200 + ($0 % 24) * 10) })
        let matched = try TimeMatchedEmissions.match(load: l, factors: f)
        var grams = 0.0
        for h in 0..<48 { grams += Double(100 + h * 7) * Double(200 + (h % 24) * 10) }
        #expect(matched.kilograms * 1_000 == grams)
        #expect(matched.slots.count == 48)
        let estimate = try matched.estimate(load: l, factors: f)
        let timeMatched = try #require(estimate.bounds(of: "location_based")).lower
        let average = try #require(estimate.bounds(of: "average_factor")).lower
        let difference = try #require(estimate.bounds(of: "difference")).lower
        #expect(estimate.result("location_based")?.value.unit == "kg")
        // Average factor = plain mean of the series: (200 + ... + 430) / 24 = 315 g/kWh.
        let energy = Double((0..<48).reduce(0) { $0 + 100 + $1 * 7 })
        #expect(average == energy * 315 / 1_000)
        #expect(difference == timeMatched - average)
    }

    @Test func pjmSampleMatchesHourByHourAndPrintsTheDifference() throws {
        let path = root.appendingPathComponent("grid-factors/hourly/eia930-pjm-2022.csv").path
        let f = try TimeSeries.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), origin: path, layout: .factors)
        #expect(f.points.count == 8_760)
        #expect(f.gaps.count == 23)        // SOURCE.md: 23 missing hours in PJM 2022
        let l = try load(hourlyCSV("timestamp,kwh", 8_760) { h in String(1_000 + (h % 24 >= 8 && h % 24 < 20 ? 200 : 0)) })
        // Gaps are refused unless a filling is chosen.
        let refused = try #require(throws: CO2eError.self) { try TimeMatchedEmissions.match(load: l, factors: f) }
        #expect(refused.message.contains("23 load intervals"))
        // It says how to fill them, in the library's words: no command-line flag.
        #expect(refused.message.contains("previous, linear or mean"), "\(refused.message)")
        #expect(!refused.description.contains("--"), "a library error names no command-line flag: \(refused.description)")
        let matched = try TimeMatchedEmissions.match(load: l, factors: f, filling: .previous)
        #expect(matched.gapsInPeriod.count == 23)
        // The total is the sum of kWh x factor per hour (here summed independently).
        var naive = 0.0
        for s in matched.slots { naive += s.kilowattHours * s.gramsPerKilowattHour / 1_000 }
        #expect(abs(matched.kilograms - naive) <= 1e-9 * naive)
        let estimate = try matched.estimate(load: l, factors: f)
        let figures = Dictionary(uniqueKeysWithValues: estimate.results.map { ($0.key, $0.value.spread.interval.lower) })
        #expect(figures["difference"]! == figures["location_based"]! - figures["average_factor"]!)
        // The printed difference is the one computed.
        let printed = try #require(estimate.result("difference")).value.text
        #expect(printed == Mass.kilograms(figures["difference"]!).formatted())
        #expect(estimate.warnings.contains { $0.text.contains("23 intervals") })
    }

    @Test func fillingModes() {
        let values: [Double?] = [10, nil, nil, 40, nil]
        #expect(TimeMatchedEmissions.fill(values, .previous) == [10, 10, 10, 40, 40])
        #expect(TimeMatchedEmissions.fill(values, .linear) == [10, 20, 30, 40, 40])
        #expect(TimeMatchedEmissions.fill(values, .mean) == [10, 25, 25, 40, 25])
        #expect(TimeMatchedEmissions.fill(values, .none) == values)
        #expect(TimeMatchedEmissions.fill([nil, 5], .previous) == [5, 5])
    }

    @Test func hourlyLoadAgainstHalfHourlyFactorsUsesTheMeanOfEachHour() throws {
        let path = root.appendingPathComponent("grid-factors/hourly/neso-gb-2023-03-14.csv").path
        let f = try TimeSeries.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), origin: path, layout: .factors)
        #expect(f.stepSeconds == 1_800)
        #expect(f.points.count == 48)
        // Load from 01:00 to 23:00 UTC (the series starts 00:30 and its last slot is empty).
        var lines = ["timestamp,kwh"]
        for h in 1...22 { lines.append("2023-03-14T\(h < 10 ? "0" : "")\(h):00:00Z,10") }
        let l = try load(csv(lines))
        let matched = try TimeMatchedEmissions.match(load: l, factors: f)
        let first = try #require(matched.slots.first)
        let a = try #require(f.points.first { $0.time == (try! Timestamp.parse("2023-03-14T01:00Z")) }?.value)
        let b = try #require(f.points.first { $0.time == (try! Timestamp.parse("2023-03-14T01:30Z")) }?.value)
        #expect(first.gramsPerKilowattHour == (a + b) / 2)
    }

    @Test func loadOutsideTheSeriesIsAnError() throws {
        let l = try load(hourlyCSV("timestamp,kwh", 3) { _ in "1" })
        let f = try factors(csv(["timestamp,g_co2e_per_kwh", "2022-01-01T01:00:00Z,100", "2022-01-01T02:00:00Z,100"]))
        let error = try #require(throws: CO2eError.self) { try TimeMatchedEmissions.match(load: l, factors: f) }
        #expect(error.message.contains("outside the factor series"))
    }

    @Test func repeatedHourIsAnError() throws {
        let bytes = csv(["timestamp,kwh", "2022-11-06T01:00:00-04:00,5", "2022-11-06T05:00:00Z,5"])
        let error = try #require(throws: CO2eError.self) { try load(bytes) }
        #expect(error.message.contains("lines 2 and 3"))
        #expect(error.message.contains("overlapping"))
    }

    @Test func missingLoadHourIsAnError() throws {
        // The load's step is the smallest spacing of its rows (here one hour).
        let bytes = csv(["timestamp,kwh", "2022-01-01T00:00:00Z,5", "2022-01-01T01:00:00Z,5", "2022-01-01T04:00:00Z,5"])
        let error = try #require(throws: CO2eError.self) { try load(bytes) }
        #expect(error.message.contains("2 intervals missing"))
        #expect(error.message.contains("line 3"))
    }

    @Test func timestampWithoutOffsetIsAnErrorNamingTheLine() throws {
        let bytes = csv(["timestamp,kwh", "2022-01-01 00:00,5"])
        let error = try #require(throws: CO2eError.self) { try load(bytes) }
        #expect(error.description.hasPrefix("load.csv:2:"))
        #expect(error.message.contains("no UTC offset"))
        // With a stated offset it is read.
        let series = try TimeSeries.read(bytes, origin: "load.csv", layout: .load, assumedOffsetSeconds: 3_600)
        #expect(series.first.iso8601 == "2021-12-31T23:00:00Z")
    }

    @Test(arguments: [
        (["timestamp,g_co2e_per_kwh", "2022-01-01T00:00:00Z,-3"], "negative"),
        (["timestamp,g_co2e_per_kwh", "2022-01-01T00:00:00Z,abc"], "not a number"),
        (["time_of_day,g_co2e_per_kwh", "2022-01-01T00:00:00Z,3"], "no time column"),
        (["timestamp,value", "2022-01-01T00:00:00Z,3"], "no column with emission intensity"),
        (["timestamp,g_co2e_per_kwh"], "no rows"),
        (["timestamp,g_co2e_per_kwh", "2022-01-01T00:00:00Z,1", "2022-01-01T00:45:00Z,1", "2022-01-01T02:00:00Z,1"], "off the"),
    ])
    func badFactorSeries(_ lines: [String], _ expected: String) throws {
        let error = try #require(throws: CO2eError.self) { try factors(csv(lines)) }
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test func emptyLoadValueIsAnErrorNotAGap() throws {
        let error = try #require(throws: CO2eError.self) { try load(csv(["timestamp,kwh", "2022-01-01T00:00:00Z,"])) }
        #expect(error.message.contains("give 0"))
    }

    @Test func loadInMWhIsConverted() throws {
        let series = try load(csv(["timestamp,mwh", "2022-01-01T00:00:00Z,1.5"]))
        #expect(series.points[0].value == 1_500)
    }

    @Test func marketInstrumentsApplyToTheHourlyEnergy() throws {
        let l = try load(hourlyCSV("timestamp,kwh", 2) { _ in "1000" })
        let f = try factors(hourlyCSV("timestamp,g_co2e_per_kwh", 2) { _ in "400" })
        let matched = try TimeMatchedEmissions.match(load: l, factors: f)
        let market = MarketInstruments(instruments: [.init(.certificates, covering: .share(.exact(.fraction(0.5))))],
                                       residualMix: .exact(.gramsPerKilowattHour(500)))
        let estimate = try matched.estimate(load: l, factors: f, market: market)
        // 2,000 kWh: 1,000 at 0 g, 1,000 at the residual mix 500 g = 500 kg.
        #expect(estimate.bounds(of: "market_based") == Interval(500))
        #expect(estimate.bounds(of: "location_based") == Interval(800))
        #expect(estimate.result("market_based")?.value.unit == "kg")
    }
}
