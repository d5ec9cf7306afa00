// Monte Carlo draws every ranged input: an input whose figure turns at known points (a PPA's
// amount against the energy left) was once held at its low end, so a sampled market-based
// figure came out as one value.
import Testing
import CO2eKit

@Suite struct TrainingSamplingTests {
    /// `--energy 2GWh --grid DE --ppa 0.5..1.5GWh --samples 1e4`, at the grid factor DE 2024.
    private func run() -> TrainingRun {
        let market = MarketInstruments(instruments: [.init(.ppa, covering: .energy(Uncertain(.gigawattHours(0.5), .gigawattHours(1.5))))])
        return TrainingRun(energy: .facility(.exact(.gigawattHours(2))),
                           electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(344.14))), market: market))
    }

    @Test func aKinkedRangeIsDrawnWhenSampling() throws {
        let estimate = try run().estimate(sampling: MonteCarloSettings(samples: 10_000, seed: 1)).trail
        let market = try #require(estimate.results.first { $0.key == "market_based" })
        guard case let .percentiles(p) = market.value.spread else {
            Issue.record("market-based figure not sampled: \(market.value.spread)")
            return
        }
        let p5 = try #require(p.values.first { $0.percent == 5 }).value
        let p95 = try #require(p.values.first { $0.percent == 95 }).value
        #expect(p5 != p95)
        // Uniform 0.5..1.5 GWh claimed: the rest, 0.5..1.5 GWh, at 344.14 g/kWh: 172.07..516.21 t.
        #expect(p5 > 172_070 && p95 < 516_210, "\(p5) \(p95)")
    }

    @Test func aKinkedRangeKeepsItsExactEndsWithoutSampling() throws {
        let estimate = try run().estimate().trail
        let market = try #require(estimate.results.first { $0.key == "market_based" })
        guard case let .bounds(low, high) = market.value.spread else {
            Issue.record("\(market.value.spread)")
            return
        }
        #expect(abs(low - 172_070) < 1e-6 && abs(high - 516_210) < 1e-6, "\(low) \(high)")
    }
}
