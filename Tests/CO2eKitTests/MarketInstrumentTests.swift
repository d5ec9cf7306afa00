// Scope 2 market-based accounting (GHG Protocol Scope 2 Guidance, 2015): what instruments can
// claim, the remainder's factor, and ranges whose ends are consistent claims. Expected values
// are hand-computed in the comments.
import Testing
import CO2eKit

private func run(_ energy: Uncertain<EnergyDimension>, location: Double, _ market: MarketInstruments) throws -> Estimate {
    try TrainingRun(energy: .facility(energy),
                    electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(location))), market: market)).estimate().trail
}

private func run(_ energy: Energy, location: Double, _ market: MarketInstruments) throws -> Estimate {
    try run(.exact(energy), location: location, market)
}

/// The result `key` in tonnes (results report masses in kg).
private func tonnes(_ e: Estimate, _ key: String) throws -> Interval {
    let result = try #require(e.result(key), "no result '\(key)' in \(e.results.map(\.key))")
    #expect(result.value.unit == "kg")
    let kg = result.value.spread.interval
    return Interval(kg.lower / 1_000, kg.upper / 1_000)
}

private func share(_ fraction: Double) -> MarketInstruments.Instrument.Coverage { .share(.exact(.fraction(fraction))) }
private func grams(_ g: Double) -> Uncertain<IntensityDimension> { .exact(.gramsPerKilowattHour(g)) }

@Suite struct MarketInstrumentTests {
    @Test func certificatesForAllTheEnergyGiveTheirOwnFactor() throws {
        // 2 GWh, all covered by certificates at 0 g/kWh: 0 t; location-based 2e6 kWh x 300 g = 600 t.
        let e = try run(.gigawattHours(2), location: 300, MarketInstruments(instruments: [.init(.certificates, covering: share(1))]))
        #expect(try tonnes(e, "market_based") == Interval(0))
        #expect(try tonnes(e, "location_based") == Interval(600))
    }

    @Test func overBoughtCertificatesClaimOnlyTheEnergyUsed() throws {
        // 3 GWh of certificates at 100 g/kWh for 2 GWh used: 2 GWh claimed x 100 g = 200 t, and the
        // trail says 2 GWh were claimed, not 3.
        let e = try run(.gigawattHours(2), location: 300, MarketInstruments(instruments: [
            .init(.certificates, covering: .energy(.exact(.gigawattHours(3))), at: grams(100))]))
        #expect(try tonnes(e, "market_based") == Interval(200))
        let claimed = try #require(e.step("recs_1_claimed"))
        #expect(claimed.value.spread == .exact(2e6) && claimed.value.unit == "kWh")
        #expect(claimed.how.contains("3 GWh given"))
        #expect(e.warnings.contains { $0.text.contains("cannot be claimed") })
    }

    @Test func twoAmountsTogetherClaimAtMostTheEnergyUsed() throws {
        // 1.5 GWh certificates + 1.5 GWh PPA for 2 GWh: the PPA can claim only 0.5 GWh.
        // Certificates at 0 g, PPA at 100 g: 0.5e6 kWh x 100 g = 50 t.
        let e = try run(.gigawattHours(2), location: 300, MarketInstruments(instruments: [
            .init(.certificates, covering: .energy(.exact(.gigawattHours(1.5)))),
            .init(.ppa, covering: .energy(.exact(.gigawattHours(1.5))), at: grams(100))]))
        #expect(try tonnes(e, "market_based") == Interval(50))
    }

    @Test func aRangeOfEnergyGivesConsistentEnds() throws {
        // 1..2 GWh, certificates 1.5 GWh at 100 g, residual mix 500 g.
        // At 1 GWh: 1 GWh claimed x 100 g = 100 t. At 2 GWh: 1.5 GWh x 100 g + 0.5 GWh x 500 g = 400 t.
        let e = try run(Uncertain(.gigawattHours(1), .gigawattHours(2)), location: 300, MarketInstruments(
            instruments: [.init(.certificates, covering: .energy(.exact(.gigawattHours(1.5))), at: grams(100))],
            residualMix: grams(500)))
        let t = try tonnes(e, "market_based")
        #expect(abs(t.lower - 100) < 1e-9 && abs(t.upper - 400) < 1e-9, "\(t)")
    }

    @Test func aRangeOfSharesGivesConsistentEnds() throws {
        // 2 GWh, 50..60 % certificates at 0 g, remainder at the residual mix 400 g:
        // 60 % -> 0.8 GWh x 400 g = 320 t; 50 % -> 1 GWh x 400 g = 400 t.
        let e = try run(.gigawattHours(2), location: 300, MarketInstruments(
            instruments: [.init(.certificates, covering: .share(Uncertain(.percent(50), .percent(60))))], residualMix: grams(400)))
        let t = try tonnes(e, "market_based")
        #expect(abs(t.lower - 320) < 1e-9 && abs(t.upper - 400) < 1e-9, "\(t)")
    }

    @Test func withoutAResidualMixTheLocationFactorIsUsedWithAWarning() throws {
        // 50 % certificates, the other 1 GWh at the location factor 300 g: 300 t.
        let e = try run(.gigawattHours(2), location: 300, MarketInstruments(instruments: [.init(.certificates, covering: share(0.5))]))
        #expect(try tonnes(e, "market_based") == Interval(300))
        #expect(e.warnings.contains { $0.key == "no_residual_mix" && $0.text.contains("No residual-mix factor") })
        // With a supplier-specific rate the remainder takes it, and there is no warning.
        let supplied = try run(.gigawattHours(2), location: 300, MarketInstruments(
            instruments: [.init(.certificates, covering: share(0.5))], supplierIntensity: grams(100)))
        #expect(try tonnes(supplied, "market_based") == Interval(100))
        #expect(!supplied.warnings.contains { $0.key == "no_residual_mix" || $0.text.contains("No residual-mix factor") })
    }

    @Test func sharesAboveAHundredPercentTogetherAreRefused() throws {
        let error = try #require(throws: CO2eError.self) {
            try run(.gigawattHours(2), location: 300, MarketInstruments(instruments: [
                .init(.certificates, covering: share(0.6)), .init(.ppa, covering: share(0.5))]))
        }
        #expect(error.kind == .invalidInput)
        #expect(error.field == "recs")
        #expect(error.message.contains("110 %"))
    }

    @Test func negativeFactorsAreRefused() throws {
        let error = try #require(throws: CO2eError.self) {
            try run(.gigawattHours(2), location: 300, MarketInstruments(residualMix: grams(-1)))
        }
        #expect(error.kind == .invalidInput)
        #expect(error.field == "residual_mix")
        #expect(error.message.contains("-1"), "\(error.message)")
    }
}
