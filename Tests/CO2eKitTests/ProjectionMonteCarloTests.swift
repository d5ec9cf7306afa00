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

// Monte Carlo over a projection: the same formula as the fixed run, sampled.

private func run(_ settings: [String], sampling: MonteCarloSettings?, to: Int = 2030) throws -> ProjectionResult {
    try Projection.run(ProjectionRequest(scenarios: [try ProjectionCatalog.scenario("iea-2025-base")], to: to,
                                         settings: try settings.map(ProjectionSetting.parse), sampling: sampling))
}

/// The spread table's cells for one year and figure: mean, sd, then each percentile, in the
/// reporting unit.
private func spreadRow(_ r: ProjectionResult, year: String, figure: String) throws -> [Double] {
    let table = try #require(r.estimate.tables.first { $0.key == "spread" }, "no spread table")
    let row = try #require(table.rows.first { $0[1].text == year && $0[2].text == figure }, "no row \(year) \(figure)")
    return row.dropFirst(3).map { cell in
        guard case let .value(v) = cell else { return .nan }
        return v.spread.interval.midpoint
    }
}

@Test func fixedGrowthSampledGivesTheFixedRunsValueAtEveryPercentile() throws {
    let fixed = try run(["growth=15%/y"], sampling: nil)
    let sampled = try run(["growth=15%/y"], sampling: MonteCarloSettings(samples: 2000))
    #expect(fixed.estimate.tables.first { $0.key == "spread" } == nil, "a fixed run has no spread table")
    #expect(sampled.monteCarlo?.samples == 2000)
    for (key, figure) in [("iea_2025_base_electricity_2030", "Electricity"), ("iea_2025_base_total_2030", "Total emissions")] {
        guard case let .exact(x) = try #require(fixed.estimate.result(key)).value.spread else {
            Issue.record("\(key) is not exact in the fixed run"); continue
        }
        let row = try spreadRow(sampled, year: "2030", figure: figure)
        // mean, sd, p5, p50, p95
        #expect(row.count == 5)
        for (k, v) in row.enumerated() where k != 1 {
            #expect(abs(v / x - 1) < 1e-9, "\(figure) column \(k): \(v) vs the fixed run's \(x)")
        }
        #expect(row[1] == 0)
    }
}

@Test func aDistributionWithoutSamplesDrawsTheDefaultCountAndOneGrowthForEveryRegion() throws {
    let r = try run(["growth=uniform:10%,20%"], sampling: nil)
    #expect(r.monteCarlo?.samples == MonteCarloSettings.defaultSamples)
    // One growth for every region: drawn once per sample, so every region's growth has the
    // same percentiles, and the spread of 2030's electricity lies between the all-10 % and
    // all-20 % runs.
    let low = try run(["growth=10%/y"], sampling: nil), high = try run(["growth=20%/y"], sampling: nil)
    let row = try spreadRow(r, year: "2030", figure: "Electricity")
    let l = try #require(low.estimate.result("iea_2025_base_electricity_2030")).value.spread.interval.midpoint
    let h = try #require(high.estimate.result("iea_2025_base_electricity_2030")).value.spread.interval.midpoint
    #expect(l < row[2] && row[2] < row[3] && row[3] < row[4] && row[4] < h, "p5 \(row[2]) p50 \(row[3]) p95 \(row[4]) not within \(l)...\(h)")
    // The median of a uniform growth is 15 %/y: the p50 of 2030 is the 15 %/y run's value.
    let mid = try #require(try run(["growth=15%/y"], sampling: nil).estimate.result("iea_2025_base_electricity_2030")).value.spread.interval.midpoint
    #expect(abs(row[3] / mid - 1) < 0.01, "p50 \(row[3]) vs the 15 %/y run's \(mid)")
    let contributions = try #require(r.estimate.tables.first { $0.key == "contributions" })
    #expect(contributions.rows.allSatisfy { $0[1].text == "iea_2025_base.growth" }, "\(contributions.rows.map { $0[1].text })")
}

@Test func aRangeWithSamplesIsDrawnAsUniformAndTheChartShowsTheBand() throws {
    let r = try run(["growth.us=10..20%/y"], sampling: MonteCarloSettings(samples: 2000, seed: 3))
    // The sum of the regions: labelled "World" on the chart, the scenario's in `scenario`.
    let us = try #require(r.series.first { $0.scenario == "iea-2025-base" && $0.region == nil })
    #expect(us.label == "World")
    #expect(us.terawattHoursMedian.count == us.years.count)
    let last = us.years.count - 1
    #expect(us.terawattHours[last].lower < us.terawattHoursMedian[last] && us.terawattHoursMedian[last] < us.terawattHours[last].upper)
    let svg = SVGChart.projection(r, title: "t")
    #expect(svg.contains("class=\"band\""))
    // The source line under the plot (wrapped onto two lines at most).
    let source = svg.split(separator: "\n").filter { $0.contains("class=\"source\"") }
        .map { $0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" } }.joined(separator: " ")
    #expect(source.hasSuffix("Monte Carlo band: p5–p95 of 2,000 samples, seed 3; line: median."), "\(source)")
    #expect(svg.contains("p5–p95 (Monte Carlo)"))
}

@Test func aRateSettingReadsABarePercentPerYear() {
    #expect(Projection.rateText("uniform:10%,20%") == "uniform:10%/y,20%/y")
    #expect(Projection.rateText("15%/y") == "15%/y")
    #expect(Projection.rateText("15 % per year") == "15 % per year")
    #expect(Projection.rateText("tri:10%,15%,20%/y") == "tri:10%/y,15%/y,20%/y")
}
