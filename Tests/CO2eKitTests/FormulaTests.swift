// The formula engine: one piece of arithmetic evaluated at a single value, at the exact ends of
// ranged inputs (corners of the named inputs), and on arrays of samples, with no second copy of
// the formula. The market-based scope 2 figure is the worked example.
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

@Suite struct FormulaTests {
    /// 2 GWh, certificates for `share` of it at 0 g/kWh, the rest at a 400 g/kWh location factor.
    static func marketFormula(share: Uncertain<ShareDimension>) -> (Formula, MarketInstruments.Variables) {
        var f = Formula()
        let energy = f.input("energy", Energy.gigawattHours(2))
        let location = f.input("grid_factor", Intensity.gramsPerKilowattHour(400))
        let market = MarketInstruments(instruments: [.init(.certificates, covering: .share(share))])
        let vars = market.addFormula(to: &f, energy: energy, location: location)
        return (f, vars)
    }

    @Test func oneMarketFormulaOnAValueARangeAndSamples() throws {
        // A value: 2 GWh x 50 % uncovered x 400 g/kWh = 400 t.
        let (exact, v1) = Self.marketFormula(share: .exact(.percent(50)))
        let single = try exact.evaluate()
        #expect(single[v1.mass] == .exact(Mass.tonnes(400).baseValue))

        // A range of the share: 40..60 % -> 480 t at 40 %, 320 t at 60 % (the ends swap).
        let (ranged, v2) = Self.marketFormula(share: Uncertain(.percent(40), .percent(60)))
        let bounds = try ranged.evaluate()
        #expect(bounds[v2.mass] == .bounds(Mass.tonnes(320).baseValue, Mass.tonnes(480).baseValue))
        #expect(bounds.evaluations == 2)

        // Samples through the same formula value: each equals a single evaluation at that share.
        let shareIndex = try #require(ranged.index(of: "recs_1_share"))
        let draws = [0.40, 0.45, 0.5, 0.6]
        let sampled = try ranged.samples([shareIndex: draws], of: v2.mass)
        for (share, mass) in zip(draws, sampled) {
            let (one, v) = Self.marketFormula(share: .exact(.fraction(share)))
            #expect(try one.evaluate()[v.mass] == .exact(mass.baseValue))
        }
        // By hand: 2,000,000 kWh x (1 - share) x 0.4 kg/kWh.
        for (mass, tonnes) in zip(sampled, [480.0, 440, 400, 320]) {
            #expect(abs(mass.tonnes - tonnes) < 1e-9)
        }
    }

    @Test func anInputUsedTwiceIsOneInput() throws {
        var f = Formula()
        let x = f.input("x", Uncertain(Energy.kilowattHours(1), .kilowattHours(2)))
        let d = f.value("difference", EnergyDimension.self)
        let r = f.value("ratio", RatioDimension.self)
        f.compute { v in
            v[d] = v[x] - v[x]
            v[r] = .number(v[x] / v[x])
        }
        let e = try f.evaluate()
        #expect(e[d] == .exact(0))
        #expect(e[r] == .exact(1))
        #expect(e[x] == .bounds(1, 2))
    }

    @Test func aRatioOfTwoGridsDoesNotDependOnTheSharedEnergy() throws {
        let run = try TrainingRun.compare(
            energy: .facility(Uncertain(.gigawattHours(50), .gigawattHours(60))),
            on: [ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(40)))),
                 ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))))])
        #expect(run.result("ratio")?.value.spread == .exact(10))
        #expect(run.part("grid_2")?.bounds(of: "location_based") == Interval(20e6, 24e6))
    }

    @Test func theMarketFigureIsExactWhereItTurnsInsideARange() throws {
        // Two amounts: 100 kWh, the first amount 0..100 kWh at 500 g/kWh, the second 60 kWh at
        // 0 g/kWh, the rest at 1,000 g/kWh. Below 40 kWh the first amount displaces costly
        // remainder (falling); above, it displaces the free second amount (rising): the lowest
        // figure, 20 kg at 40 kWh, is inside the range, where the ends alone give 40 kg.
        var f = Formula()
        let energy = f.input("energy", Energy.kilowattHours(100))
        let location = f.input("grid_factor", Intensity.gramsPerKilowattHour(1_000))
        let market = MarketInstruments(instruments: [
            .init(.certificates, covering: .energy(Uncertain(.kilowattHours(0), .kilowattHours(100))), at: .exact(.gramsPerKilowattHour(500))),
            .init(.ppa, covering: .energy(.exact(.kilowattHours(60)))),
        ])
        let vars = market.addFormula(to: &f, energy: energy, location: location)
        #expect(try f.evaluate().interval(vars.mass) == Interval(20, 50))
    }

    @Test func aShareAndAnAmountTurnWhereTheAmountFillsWhatIsLeft() throws {
        // 2 GWh; certificates 20..80 % at 100 g/kWh; a PPA of 1 GWh at 0; the rest at 600 g/kWh.
        // By hand: at 20 %, 0.4 GWh x 100 + 1 GWh x 0 + 0.6 GWh x 600 = 400 t; at 50 % the PPA
        // fills the 1 GWh left: 1 GWh x 100 = 100 t; at 80 %, 1.6 GWh x 100 = 160 t.
        var f = Formula()
        let energy = f.input("energy", Energy.gigawattHours(2))
        let location = f.input("grid_factor", Intensity.gramsPerKilowattHour(400))
        let market = MarketInstruments(
            instruments: [.init(.certificates, covering: .share(Uncertain(.percent(20), .percent(80))), at: .exact(.gramsPerKilowattHour(100))),
                          .init(.ppa, covering: .energy(.exact(.gigawattHours(1))))],
            residualMix: .exact(.gramsPerKilowattHour(600)))
        let vars = market.addFormula(to: &f, energy: energy, location: location)
        let t = try f.evaluate().interval(vars.mass).scaled(by: 1e-3)
        #expect(abs(t.lower - 100) < 1e-9 && abs(t.upper - 400) < 1e-9, "\(t)")
    }

    @Test func anInputDeclaredNotMonotoneIsSweptAndSaysSo() throws {
        // (x - 1)^2 over 0..2 is lowest inside the range; the 33-point sweep lands on x = 1.
        var f = Formula()
        let x = f.input("x", Uncertain(Ratio.number(0), .number(2)), monotone: false)
        let y = f.value("y", RatioDimension.self)
        f.compute { v in v[y] = .number((v[x].number - 1) * (v[x].number - 1)) }
        let e = try f.evaluate()
        #expect(e.sweptInputs == ["x"])
        #expect(e.interval(y) == Interval(0, 1))
    }

    @Test func aKeyUsedTwiceIsAnErrorNotACrash() {
        var f = Formula()
        _ = f.input("energy", Energy.kilowattHours(1))
        _ = f.value("energy", EnergyDimension.self)
        let error = #expect(throws: CO2eError.self) { try f.evaluate() }
        #expect(error?.field == "energy")
    }

    @Test func tooManyRangedInputsIsAnErrorNotAHang() {
        var f = Formula()
        for k in 0..<21 { _ = f.input("x\(k)", Uncertain(Ratio.number(1), .number(2))) }
        #expect(throws: CO2eError.self) { try f.evaluate() }
    }

    @Test func percentilesInterpolateLinearlyAsNumpyDoes() {
        let p = Percentiles(of: [4, 1, 3, 2], at: [5, 50, 95])
        // numpy.percentile([1,2,3,4], [5,50,95]) == [1.15, 2.5, 3.85]
        #expect(p.values.map(\.value).map { ($0 * 1e9).rounded() / 1e9 } == [1.15, 2.5, 3.85])
        #expect(p.mean == 2.5)
        #expect(abs(p.standardDeviation - 1.2909944487358056) < 1e-15)
    }
}
