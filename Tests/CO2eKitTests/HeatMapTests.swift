// The day-by-hour CFE heat map of an hourly run with supply (issue 29, item 3): its cells from a
// case small enough to compute by hand, and the SVG that draws it.
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eGrid

/// Two days: load 10 kWh an hour, none at 05:00 on day 2; solar at 0 g, 5 kWh at 09:00 and 30
/// kWh from 10:00 to 13:00; firm 4 kWh every hour at 300 g/kWh (not carbon-free); the grid's
/// carbon-free share 0.5 in every hour.
private func twoDays() throws -> HourlySupply {
    let load = try TimeSeries.read(hourlyCSV("timestamp,kwh", 48) { h in h == 24 + 5 ? "0" : "10" }, origin: "load.csv", layout: .load)
    let factors = try TimeSeries.read(hourlyCSV("timestamp,g_co2e_per_kwh", 48) { _ in "300" }, origin: "factors.csv", layout: .factors)
    let solar = try TimeSeries.read(hourlyCSV("timestamp,supply_kwh", 48) { h in (10...13).contains(h % 24) ? "30" : h % 24 == 9 ? "5" : "0" },
                                    origin: "solar.csv", layout: .supply)
    let firm = try TimeSeries.read(hourlyCSV("timestamp,supply_kwh,g_co2e_per_kwh", 48) { _ in "4,300" }, origin: "firm.csv", layout: .supply)
    let grid = try TimeSeries.read(hourlyCSV("timestamp,cfe_share", 48) { _ in "0.5" }, origin: "cfe.csv", layout: .gridCFE)
    let matched = try TimeMatchedEmissions.match(load: load, factors: factors)
    return try HourlySupply.match(matched, loadStepSeconds: 3_600, supplies: [solar, firm], gridCFE: grid)
}

@Suite("Hourly matching: the CFE heat map")
struct HeatMapTests {
    /// By hand, per hour with load 10: 10:00-13:00 supply 34 (30 carbon-free), matched 10, of
    /// which 30/34 carbon-free: 88.24 %; 09:00 supply 9 (5 carbon-free), all matched: 5/10 = 50 %;
    /// other hours supply 4 at 300 g: 0 %. With the grid's 0.5 of the unmatched rest: 09:00
    /// 5 + 0.5 x 1 = 55 %, other hours 0.5 x 6 = 30 %, 10:00-13:00 unchanged (nothing unmatched).
    @Test("each cell is the hour's carbon-free share of its load; an hour without load is empty")
    func cellsByHand() throws {
        let s = try twoDays()
        let map = try #require(s.heatMap(withGrid: false))
        #expect(map.rows == ["2022-01-01", "2022-01-02"] && map.columns.count == 24 && map.columns[9] == "09")
        #expect(abs(map[0, 11]! - 30.0 / 34) < 1e-12)
        #expect(abs(map[1, 9]! - 0.5) < 1e-12)
        #expect(map[0, 3] == 0)
        #expect(map[1, 5] == nil)
        let grid = try #require(s.heatMap(withGrid: true))
        #expect(abs(grid[0, 9]! - 0.55) < 1e-12 && abs(grid[0, 3]! - 0.3) < 1e-12)
        #expect(abs(grid[1, 12]! - 30.0 / 34) < 1e-12)
    }

    @Test("a load of more days than a map draws gets none; a map needs a cell per row and column")
    func bounds() throws {
        let long = HourlySupply.heatMapMaximumDays + 1
        let load = try TimeSeries.read(hourlyCSV("timestamp,kwh", long * 24) { _ in "1" }, origin: "load.csv", layout: .load)
        let factors = try TimeSeries.read(hourlyCSV("timestamp,g_co2e_per_kwh", long * 24) { _ in "100" }, origin: "f.csv", layout: .factors)
        let supply = try TimeSeries.read(hourlyCSV("timestamp,supply_kwh", long * 24) { _ in "1" }, origin: "s.csv", layout: .supply)
        let matched = try TimeMatchedEmissions.match(load: load, factors: factors)
        #expect(try HourlySupply.match(matched, loadStepSeconds: 3_600, supplies: [supply]).heatMap(withGrid: false) == nil)
        #expect(HeatMap(key: "k", title: "t", rowLabel: "r", rows: ["a"], columnLabel: "c", columns: ["x", "y"], valueLabel: "v", cells: [0.5]) == nil)
    }

    @Test("the SVG draws one cell per hour, shades darker for a larger share, hatches empty hours and escapes its text")
    func svg() throws {
        let map = try #require(try twoDays().heatMap(withGrid: false))
        let named = try #require(HeatMap(key: map.key, title: "A <b> & \"c\"", rowLabel: map.rowLabel, rows: map.rows, columnLabel: map.columnLabel,
                                         columns: map.columns, valueLabel: map.valueLabel, cells: map.cells))
        let svg = SVGChart.heatMap(named, source: "co2e", frame: .init(id: "m1", description: "what it shows"))
        let cells = svg.components(separatedBy: "<g class=\"cells\"")[1].components(separatedBy: "</g>")[0]
        #expect(cells.components(separatedBy: "<rect ").count - 1 == 48)
        #expect(cells.components(separatedBy: "url(#m1-none)").count - 1 == 1)
        #expect(svg.contains("A &lt;b&gt; &amp; &quot;c&quot;") && !svg.contains("<b>"))
        // Lightness (Rec. 709 luma) falls as the share rises.
        func luma(_ hex: String) -> Double {
            let v = Array(hex.dropFirst()).map { Int(String($0), radix: 16)! }
            return 0.2126 * Double(v[0] * 16 + v[1]) + 0.7152 * Double(v[2] * 16 + v[3]) + 0.0722 * Double(v[4] * 16 + v[5])
        }
        let shades = stride(from: 0.0, through: 1.0, by: 0.05).map { luma(SVGChart.shade($0)) }
        #expect(zip(shades, shades.dropFirst()).allSatisfy { $0 > $1 }, "\(shades)")
        #expect(SVGChart.shade(-1) == SVGChart.shade(0) && SVGChart.shade(2) == SVGChart.shade(1))
    }
}
