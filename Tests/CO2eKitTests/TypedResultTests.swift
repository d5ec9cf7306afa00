// Typed results: a Swift caller reads a model's figures as `Figure<D>`s, without keys, unit
// strings or spread cases, and the trail carries the same numbers (both come from one
// evaluation).
import Testing
import CO2eKit

@Suite struct TypedResultTests {
    /// 1,000 H100 at 700 W for 30 days, PUE 1.2, on the Irish grid (IE 2024, 279.702 g/kWh).
    @Test func aTrainingRunsTonnesAreATypedFigure() throws {
        let ireland = try FactorCatalog.bundled.factor(for: "IE").factor
        let result = try TrainingRun(
            energy: .hardware(devices: .exact(.number(1_000)), powerPerDevice: .exact(.watts(700)), time: .exact(.days(30)), pue: .pue(1.2)),
            electricity: ElectricityAccounting(location: .gridFactor(ireland))).estimate()
        // 1,000 × 700 W × 720 h × 1.2 = 604.8 MWh; × 279.702 g/kWh = 169.16 t.
        #expect(abs(try #require(result.energy.value.value(in: "MWh")) - 604.8) < 1e-9)
        let tonnes = try #require(result.locationBased.value.value(in: "t"))
        #expect(abs(tonnes - 604_800 * ireland.intensity.gramsPerKilowattHour / 1e6) < 1e-9)
        #expect(result.locationBased.isExact)
        #expect(result.marketBased == nil && result.net == nil)
        #expect(result.grids[0].gridFactors == [ireland])
        #expect(result.grids[0].intensity.value == ireland.intensity)
        // The trail's figure is the same number.
        #expect(result.trail.result("location_based")?.value.spread == result.locationBased.spread)
    }

    @Test func marketAndNetFiguresAreTypedWhenAskedFor() throws {
        let result = try TrainingRun(energy: .facility(.exact(.gigawattHours(2))),
                                     electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))),
                                                                        carbonFree: .share(.exact(.fraction(0.5))),
                                                                        market: MarketInstruments(instruments: [.init(.certificates, covering: .share(.exact(.fraction(1))))]))).estimate()
        #expect(result.net?.value == .tonnes(400))
        #expect(result.marketBased?.value == .zero)
        #expect(result.trail.result("net")?.value.spread == result.net?.spread)
    }

    @Test func aComparisonGivesEachGridsDifferenceFromTheLowest() throws {
        let low = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(40))))
        let high = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))))
        let result = try TrainingRun.compare(energy: .facility(Uncertain(.gigawattHours(50), .gigawattHours(60))), on: [high, low])
        #expect(result.lowest.name == low.name)
        // 50..60 GWh × (400 − 40) g/kWh = 18,000..21,600 t; the energy does not cancel out of a difference.
        let difference = try #require(result.grids[0].differenceToLowest)
        #expect(difference.spread == .bounds(18_000_000, 21_600_000))
        #expect(result.grids[1].differenceToLowest?.spread == .exact(0))
        #expect(result.grids[0].ratioToLowest?.spread == .exact(10))
        #expect(result.trail.result("difference")?.value.spread == difference.spread)
        let table = try #require(result.trail.tables.first { $0.key == "grids" })
        #expect(table.columns.map(\.key).contains("difference"))
    }

    @Test func inferenceFiguresAreTyped() throws {
        let run = InferenceRun(perQuery: .source(.given(.exact(.wattHours(2.9)))), volume: .exact(Volume(baseValue: 1e9 / 24)),
                               period: .exact(.years(1)), trainingEnergy: .exact(.gigawattHours(50)),
                               electricity: [ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))))])
        let result = try run.estimate()
        #expect(result.perQuery.value == .wattHours(2.9))
        // 1e9 a day × 365 days × 2.9 Wh = 1.0585 TWh; at 400 g/kWh, 423,400 t.
        let period = try #require(result.periodEnergy?.value.value(in: "TWh"))
        #expect(abs(period - 1.0585) < 1e-9)
        let tonnes = try #require(result.locationBased?.value.value(in: "t"))
        #expect(abs(tonnes - 423_400) < 1e-6)
        let breakEven = try #require(result.breakEven)
        // 50 GWh / 2.9 Wh = 17.24 billion queries, 17.24 days at 1e9 a day.
        #expect(abs(breakEven.queries.value.number - 50e6 / 2.9e-3) < 1)
        let days = try #require(breakEven.time?.value.value(in: "d"))
        #expect(abs(days - 50e6 / 2.9e-3 / 1e9) < 1e-9)
        #expect(breakEven.training?.locationBased.value == .tonnes(20_000))
        #expect(result.trail.step("break_even_queries")?.value.spread == breakEven.queries.spread)
    }

    @Test func inferenceFromComputeCountsFLOPAsCompute() throws {
        let h100 = try InferenceCatalog.accelerator("H100")
        let result = try InferenceRun(perQuery: .compute(ComputeModel(activeParameters: .exact(.number(100e9)), accelerator: h100))).estimate()
        let flop = try #require(result.trail.step("flop_per_query"))
        #expect(flop.value.dimension == ComputeDimension.key)
        // 2 × 100e9 × 500 tokens = 1e14 FLOP = 100 TFLOP.
        #expect(flop.value.text == "100 TFLOP")
        #expect(result.trail.step("peak_flops")?.value.dimension == ComputeRateDimension.key)
    }
}

@Suite struct ComputeDimensionTests {
    @Test func aComputeRateReadsAndConvertsAsUnits() throws {
        let peak = ComputeRate.teraflopsPerSecond(989.4)
        #expect(abs(peak.flopPerSecond - 989.4e12) < 1)
        #expect(try ComputeRate.parse("989.4TFLOP/s") == peak)
        // 1e14 FLOP at 989.4 TFLOP/s × 10 % = 1.0107 s.
        let time: TimeSpan = Compute.flop(1e14) / (peak * 0.1)
        #expect(abs(try #require(time.value(in: "s")) - 1e14 / 98.94e12) < 1e-12)
    }

    @Test func aComputeAmountWithoutItsUnitIsRefused() throws {
        let error = try #require(throws: CO2eError.self) { try Compute.parse("1e14") }
        #expect(error.code == .unknownUnit)
    }
}

@Suite struct ResolvedUnitTests {
    @Test func namedConstructorsMatchTheUnitTable() {
        #expect(Energy.gigawattHours(1.5) == Energy(1.5, "GWh"))
        #expect(Energy.megawattHours(2) == Energy(2, "MWh"))
        #expect(Energy.terawattHours(2) == Energy(2, "TWh"))
        #expect(Energy.wattHours(2.9) == Energy(2.9, "Wh"))
        #expect(Power.kilowatts(3) == Power(3, "kW"))
        #expect(Power.megawatts(3) == Power(3, "MW"))
        #expect(TimeSpan.days(90) == TimeSpan(90, "d"))
        #expect(TimeSpan.years(1.5) == TimeSpan(1.5, "y"))
        #expect(TimeSpan.hours(8_760).years == 1)
        #expect(Mass.tonnes(2) == Mass(2, "t"))
        #expect(Mass.pounds(2) == Mass(2, "lb"))
        #expect(Mass.kilograms(2_500).tonnes == 2.5)
        #expect(Intensity.kilogramsPerKilowattHour(0.429) == Intensity(0.429, "kg/kWh"))
    }
}

@Suite struct TrainingNotesTests {
    private func assumptions(time: TimeSpan) throws -> [String] {
        try TrainingRun(energy: .hardware(devices: .exact(.number(1)), powerPerDevice: .exact(.watts(700)), time: .exact(time), pue: .included),
                        electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))))).estimate().trail.assumptions.map(\.key)
    }

    @Test func aTimeInYearsGetsTheYearLengthNoteFromTheLibrary() throws {
        #expect(try assumptions(time: .years(1)).contains("year_length"))
        #expect(try assumptions(time: .years(0.5)).contains("year_length"))
        #expect(try !assumptions(time: .hours(2_160)).contains("year_length"))
    }
}

@Suite struct TrainingRequestTests {
    @Test func theHardwareFormWithoutAPUEIsRefusedWithAPointer() throws {
        let error = try #require(throws: CO2eError.self) {
            try TrainingEnergy(devices: .exact(.number(1)), devicePower: .exact(.watts(700)), hours: .exact(.hours(10)))
        }
        #expect(error.code == .missingOption)
        #expect(error.field == "pue")
        #expect(error.seeAlso == "pue_included")
        #expect(!error.description.contains("--"))
    }

    @Test func energyAndHardwareTogetherAreRefused() throws {
        let error = try #require(throws: CO2eError.self) {
            try TrainingEnergy(energy: .exact(.gigawattHours(1)), devices: .exact(.number(1)))
        }
        #expect(error.code == .conflictingOptions)
        #expect(error.field == "devices")
    }

    @Test func aPUEWithThePUEIncludedIsRefused() throws {
        let error = try #require(throws: CO2eError.self) {
            try TrainingEnergy(energy: .exact(.gigawattHours(1)), pue: .exact(.number(1.1)), pueIncluded: true)
        }
        #expect(error.code == .conflictingOptions)
        #expect(error.field == "pue")
    }

    @Test func theFormsAreBuiltFromTheirInputs() throws {
        #expect(try TrainingEnergy(energy: .exact(.gigawattHours(1))) == .facility(.exact(.gigawattHours(1))))
        #expect(try TrainingEnergy(energy: .exact(.gigawattHours(1)), pue: .exact(.number(1.1)))
                == .itEquipment(.exact(.gigawattHours(1)), pue: .exact(.number(1.1))))
        #expect(try TrainingEnergy(devicePower: .exact(.watts(700)), deviceHours: .exact(.number(10)), pueIncluded: true)
                == .deviceHours(.exact(.number(10)), powerPerDevice: .exact(.watts(700)), pue: .included))
    }
}

@Suite struct InferenceScenarioRequestTests {
    @Test func aScenarioBuildsItsRunInTheLibrary() throws {
        let s = try InferenceCatalog.scenario("every-search-ai")
        let run = try InferenceRun(scenario: s)
        #expect(run.scenario?.id == "every-search-ai")
        #expect(run.volume == (try Quantity<Per<CountDimension, DurationDimension>>.parseRange(s.queries)))
        #expect(run.period == (try TimeSpan.parseRange(s.period)))
        let given = try InferenceRun(scenario: s, period: .exact(.years(2)))
        #expect(given.period == .exact(.years(2)))
        let result = try run.estimate()
        #expect(result.queries != nil && result.periodEnergy != nil)
    }
}
