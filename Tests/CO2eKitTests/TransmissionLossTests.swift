// Transmission and distribution losses: energy at the meter with a factor per kWh generated,
// E / (1 - loss) x factor, written once in ElectricityAccounting and used by every estimate.
import Testing
import CO2eKit
import CO2eGrid

private func accounting(_ g: Double, loss: Uncertain<ShareDimension>?) -> ElectricityAccounting {
    var a = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(g))))
    a.transmissionLoss = loss
    return a
}

@Suite struct TransmissionLossTests {
    @Test func lossesAreAShareOfGeneration() throws {
        let run = TrainingRun(energy: .facility(.exact(.gigawattHours(1))), electricity: accounting(400, loss: .exact(.percent(5))))
        let t = try run.estimate().locationBased.value.tonnes
        // 1 GWh / 0.95 = 1.0526 GWh generated, x 400 g/kWh = 421.05 t (not 1.05 x 400 = 420 t).
        #expect(abs(t - 400 / 0.95) < 1e-9, "\(t)")
        let trail = try run.estimate().trail
        #expect(trail.step("generation_energy") != nil && trail.assumptions.contains { $0.key == "td_loss" })
    }

    @Test func aRangeOfLossesGivesExactEnds() throws {
        let run = TrainingRun(energy: .facility(.exact(.gigawattHours(1))), electricity: accounting(400, loss: .bounds(.percent(4), .percent(8))))
        let f = try run.estimate().locationBased
        #expect(abs(f.low.tonnes - 400 / 0.96) < 1e-9 && abs(f.high.tonnes - 400 / 0.92) < 1e-9, "\(f)")
    }

    @Test func monteCarloDrawsTheLoss() throws {
        let loss = try Share.parseRange("uniform:4%,8%")
        let run = TrainingRun(energy: .facility(.exact(.gigawattHours(1))), electricity: accounting(400, loss: loss))
        var settings = MonteCarloSettings()
        (settings.samples, settings.seed) = (20_000, 7)
        let f = try run.estimate(sampling: settings).locationBased
        #expect(f.low.tonnes > 400 / 0.96 - 0.5 && f.high.tonnes < 400 / 0.92 + 0.5 && f.high.tonnes > f.low.tonnes + 5, "\(f)")
    }

    @Test func noLossMeansNoChange() throws {
        let run = TrainingRun(energy: .facility(.exact(.gigawattHours(1))), electricity: accounting(400, loss: nil))
        #expect(try run.estimate().locationBased.value.tonnes == 400)
        #expect(try run.estimate().trail.step("generation_energy") == nil)
    }

    @Test func theMarketBasedFigureStaysAtTheMeter() throws {
        var a = accounting(400, loss: .exact(.percent(10)))
        var m = MarketInstruments()
        m.supplierIntensity = .exact(.gramsPerKilowattHour(100))
        a.market = m
        let result = try TrainingRun(energy: .facility(.exact(.gigawattHours(1))), electricity: a).estimate()
        #expect(abs((result.marketBased?.value.tonnes ?? 0) - 100) < 1e-9)
        #expect(abs(result.locationBased.value.tonnes - 400 / 0.9) < 1e-9)
    }

    @Test func badLossesAreRefused() throws {
        for bad in [Uncertain<ShareDimension>.exact(.fraction(1)), .bounds(.percent(5), .percent(100)), .exact(.fraction(-0.01))] {
            let error = try #require(throws: CO2eError.self) {
                try TrainingRun(energy: .facility(.exact(.gigawattHours(1))), electricity: accounting(400, loss: bad)).estimate()
            }
            #expect(error.field == "td_loss" && error.kind == .invalidInput, "\(error)")
        }
    }
}
