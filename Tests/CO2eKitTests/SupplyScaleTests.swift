// Hourly matching with an uncertain supply (issue 29, item 5): the supply profile scaled by a
// capacity factor given as a value, a range or a distribution. Each figure is checked against
// the same matching of a supply series whose file holds the scaled numbers, never against the
// scaling code itself.
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eGrid

/// Two days: load 10 kWh an hour (30 from 18:00 on day 2); the grid at 400 g/kWh before noon and
/// 200 after; solar 0-40 kWh in a daytime hump at 0 g; gas-backed firming 4 kWh every hour at
/// 300 g/kWh, so that in the afternoon (grid 200) more supply raises the hourly-matched
/// emissions and in the morning (grid 400) it lowers them: not monotone in the scale.
private struct TwoDays {
    static let hours = 48
    static func load(_ h: Int) -> Double { h >= 24 + 18 ? 30 : 10 }
    static func solar(_ h: Int) -> Double { [0, 0, 0, 0, 0, 0, 2, 6, 12, 20, 30, 40, 40, 36, 28, 18, 9, 3, 0, 0, 0, 0, 0, 0][h % 24] }
    static let firm = 4.0

    let load: TimeSeries, factors: TimeSeries, matched: TimeMatchedEmissions

    init() throws {
        load = try TimeSeries.read(hourlyCSV("timestamp,kwh", Self.hours) { h in "\(Self.load(h))" }, origin: "load.csv", layout: .load)
        factors = try TimeSeries.read(hourlyCSV("timestamp,g_co2e_per_kwh", Self.hours) { h in h % 24 < 12 ? "400" : "200" },
                                      origin: "factors.csv", layout: .factors)
        matched = try TimeMatchedEmissions.match(load: load, factors: factors)
    }

    /// The supply files with every number times `k`.
    func supplies(times k: Double) throws -> [TimeSeries] {
        [try TimeSeries.read(hourlyCSV("timestamp,supply_kwh", Self.hours) { h in "\(Self.solar(h) * k)" }, origin: "solar.csv", layout: .supply),
         try TimeSeries.read(hourlyCSV("timestamp,supply_kwh,g_co2e_per_kwh", Self.hours) { _ in "\(Self.firm * k),300" },
                             origin: "firm.csv", layout: .supply)]
    }

    func result(filesTimes k: Double = 1, scale: Uncertain<RatioDimension> = .exact(.number(1)), residualMix: Uncertain<IntensityDimension>? = nil,
                annual: HourlySupply.AnnualClaim = .supplyTotal, sampling: MonteCarloSettings? = nil) throws -> [String: Value] {
        let hourly = try HourlySupply.match(matched, loadStepSeconds: 3_600, supplies: try supplies(times: k))
        let r = try hourly.result(matched, load: load, factors: factors, residualMix: residualMix, annual: annual,
                                  supplyScale: scale, sampling: sampling)
        return Dictionary((r.trail.steps + r.trail.results).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The scales at which some hour's scaled supply meets its load, from the fixture's numbers.
    static var breakpoints: [Double] {
        (0..<hours).map { load($0) / (solar($0) + firm) }
    }
}

private let figures = ["supply_energy", "matched_energy", "unmatched_energy", "surplus_energy", "matched_emissions",
                       "cfe_score", "market_based_hourly", "market_based_annual", "market_difference"]

private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

@Suite("Hourly matching with a scaled supply")
struct SupplyScaleTests {
    @Test("a supply scaled by k gives what a supply file holding the numbers times k gives", arguments: [0.25, 0.5, 0.8, 1.0, 1.5, 3.0])
    func scaledAsTheFile(k: Double) throws {
        let c = try TwoDays()
        for residual in [nil, Uncertain<IntensityDimension>.exact(.gramsPerKilowattHour(450))] {
            let scaled = try c.result(scale: .exact(.number(k)), residualMix: residual)
            let file = try c.result(filesTimes: k, residualMix: residual)
            for key in figures {
                let a = try #require(scaled[key]), b = try #require(file[key])
                #expect(a.unit == b.unit && close(a.spread.interval.lower, b.spread.interval.lower), "\(key) at \(k): \(a.text) vs \(b.text)")
            }
            #expect(scaled["intervals_never_matched"]?.spread == file["intervals_never_matched"]?.spread)
        }
    }

    @Test("a range's ends are the lowest and highest figure over every scale in it, the turning points included")
    func rangeEndsExact() throws {
        let c = try TwoDays()
        let (lo, hi) = (0.4, 2.5)
        let ranged = try c.result(scale: .bounds(.number(lo), .number(hi)))
        // Every scale on a fine grid, every hour's breakpoint and the annual claim's (the
        // supply's total equal to the load's) inside the range: the extremes are among them.
        let totalLoad = (0..<TwoDays.hours).reduce(0.0) { $0 + TwoDays.load($1) }
        let totalSupply = (0..<TwoDays.hours).reduce(0.0) { $0 + TwoDays.solar($1) + TwoDays.firm }
        let scales = (0...400).map { lo + (hi - lo) * Double($0) / 400 } + TwoDays.breakpoints.filter { $0 > lo && $0 < hi } + [totalLoad / totalSupply]
        var low: [String: Double] = [:], high: [String: Double] = [:]
        for k in scales {
            let f = try c.result(filesTimes: k)
            for key in figures {
                let x = f[key]!.spread.interval.lower
                low[key] = min(low[key] ?? .infinity, x)
                high[key] = max(high[key] ?? -.infinity, x)
            }
        }
        var turned = false
        for key in figures {
            let v = ranged[key]!.spread.interval
            #expect(close(v.lower, low[key]!) && close(v.upper, high[key]!), "\(key): \(v.lower)...\(v.upper), by scan \(low[key]!)...\(high[key]!)")
            let atEnds = try [lo, hi].map { try c.result(filesTimes: $0)[key]!.spread.interval.lower }
            if !close(min(atEnds[0], atEnds[1]), low[key]!) || !close(max(atEnds[0], atEnds[1]), high[key]!) { turned = true }
        }
        // The fixture is built so that some figure turns inside the range (its ends alone would miss it).
        #expect(turned)
    }

    @Test("sampled, the CFE score's mean is its integral over the scale's distribution, and every percentile lies within the range")
    func monteCarloMean() throws {
        let c = try TwoDays()
        let (a, m, b) = (0.5, 1.0, 2.0)
        let sampled = try c.result(scale: .distribution(try .triangular(low: .number(a), mode: .number(m), high: .number(b))),
                                   sampling: MonteCarloSettings(samples: 40_000, seed: 7))
        guard case let .percentiles(p) = try #require(sampled["cfe_score"]).spread else {
            Issue.record("the CFE score was not sampled")
            return
        }
        // The triangular density, integrated with the midpoint rule over exact evaluations.
        let n = 400
        var mean = 0.0, mass = 0.0
        for i in 0..<n {
            let x = a + (b - a) * (Double(i) + 0.5) / Double(n)
            let density = x < m ? 2 * (x - a) / ((b - a) * (m - a)) : 2 * (b - x) / ((b - a) * (b - m))
            let w = density * (b - a) / Double(n)
            mean += w * (try c.result(filesTimes: x)["cfe_score"]!.spread.interval.lower)
            mass += w
        }
        mean /= mass
        #expect(abs(p.mean - mean) < 3 * p.standardDeviation / 40_000.0.squareRoot() + 1e-6, "sampled mean \(p.mean), integral \(mean)")
        let ends = try c.result(scale: .bounds(.number(a), .number(b)))["cfe_score"]!.spread.interval
        for q in p.values { #expect(q.value >= ends.lower - 1e-12 && q.value <= ends.upper + 1e-12, "p\(q.percent) = \(q.value)") }
        #expect(p.standardDeviation > 0)
    }

    @Test("bad input: a scale of zero or below, or not finite, is refused naming the supply scale")
    func badScale() throws {
        let c = try TwoDays()
        for bad in [Uncertain<RatioDimension>.exact(.number(0)), .exact(.number(-1)), .bounds(.number(-0.5), .number(1)), .exact(.number(.infinity))] {
            let e = #expect(throws: CO2eError.self) { try c.result(scale: bad) }
            #expect(e?.field == "supply_scale", "\(bad): \(String(describing: e))")
        }
    }
}
