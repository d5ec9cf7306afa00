// The training-run catalogue (data/training/runs.csv): published runs recomputed with the
// training formula, within the published figures' rounding; inputs replaced one at a time; and
// the inputs that do not fit a run refused. Tests reproducing a published figure name the case
// id in /work/shared/reference-cases/cases.json.
import Testing
import CO2eKit
@testable import CO2eTraining

/// The figure with `key` in `table` ("published_vs_recomputed"), column `column`, in `unit`.
private func cell(_ est: Estimate, _ row: String, _ column: Int, unit: String) throws -> Double {
    let table = try #require(est.tables.first { $0.key == "published_vs_recomputed" })
    let r = try #require(table.rows.first { $0.first?.text == row }, "no row \(row) in \(table.rows.map { $0.first?.text ?? "" })")
    guard case let .value(v) = r[column] else { throw CO2eError.input("row \(row) column \(column) is not a value: \(r[column].text)") }
    let base = v.spread.interval.lower
    switch unit {
    case "t": return base / 1_000
    case "MWh": return base / 1_000
    default: return base
    }
}

private func recomputed(_ est: Estimate, _ row: String, unit: String) throws -> Double { try cell(est, row, 2, unit: unit) }

private func within(_ actual: Double, _ expected: Double, pct: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let off = abs(actual - expected) / abs(expected) * 100
    #expect(off <= pct, "\(what): recomputed \(actual), published \(expected), off by \(off) % (tolerance \(pct) %)", sourceLocation: sourceLocation)
}

@Suite struct TrainingCatalogTests {
    @Test func patterson2021_t4_gpt3() throws {
        let est = try TrainingCatalog.run("gpt-3").reproduce()
        within(try recomputed(est, "Energy at the facility", unit: "MWh"), 1_287, pct: 2, "energy")
        within(try recomputed(est, "Location-based emissions", unit: "t"), 552.1, pct: 2, "tCO2e")
        #expect(est.step("devices")?.how.hasPrefix("published") == true)
    }

    @Test func patterson2021_t4_gshard_600b_grossAndNetApart() throws {
        let est = try TrainingCatalog.run("gshard-600b").reproduce()
        within(try recomputed(est, "Location-based emissions", unit: "t"), 4.8, pct: 2, "gross")
        within(try recomputed(est, "Net emissions", unit: "t"), 4.3, pct: 2, "net")
    }

    @Test func patterson2021_t4_t5_and_meena() throws {
        within(try recomputed(try TrainingCatalog.run("t5").reproduce(), "Location-based emissions", unit: "t"), 46.7, pct: 2, "T5")
        within(try recomputed(try TrainingCatalog.run("meena").reproduce(), "Location-based emissions", unit: "t"), 96.4, pct: 2, "Meena")
    }

    /// Strubell et al. 2019 print pounds; the catalogue carries tonnes (1 lb = 0.45359237 kg).
    @Test func strubell2019_t3_transformer_base_and_bert_base_gpu() throws {
        let base = try TrainingCatalog.run("transformer-base").reproduce()
        within(try recomputed(base, "Energy at the facility", unit: "MWh") * 1_000, 27, pct: 1.6, "kWh x PUE")
        within(try recomputed(base, "Location-based emissions", unit: "t") / 0.00045359237, 26, pct: 1.6, "lb")
        let bert = try TrainingCatalog.run("bert-base").reproduce()
        within(try recomputed(bert, "Energy at the facility", unit: "MWh") * 1_000, 1_507, pct: 1, "kWh x PUE")
        within(try recomputed(bert, "Location-based emissions", unit: "t") / 0.00045359237, 1_438, pct: 1, "lb")
        // Patterson et al. 2021 put Strubell's NAS estimate 88x above the search Google ran.
        let nas = try #require(try TrainingCatalog.run("strubell-nas").publishedLocation?.tonnes)
        let ran = try #require(try TrainingCatalog.run("evolved-transformer-nas").publishedLocation?.tonnes)
        #expect((nas / ran).rounded() == 89, "\(nas / ran)")
    }

    @Test func bloom2022_training_dynamic() throws {
        let est = try TrainingCatalog.run("bloom-176b").reproduce()
        within(try recomputed(est, "Energy at the facility", unit: "MWh"), 433.196, pct: 0.5, "energy")
        within(try recomputed(est, "Location-based emissions", unit: "t"), 24.69, pct: 0.5, "tCO2e")
    }

    /// BLOOM's Table 4 puts the same run at PUE 1.2: replacing the PUE alone reproduces its 30 t.
    @Test func bloom2022_training_with_pue_table4() throws {
        let est = try TrainingCatalog.run("bloom-176b").reproduce(overrides: RunOverrides(pue: .exact(.number(1.2))))
        within(try recomputed(est, "Location-based emissions", unit: "t"), 30, pct: 2, "tCO2e with PUE 1.2")
        #expect(est.step("pue")?.how == "given, in place of the published figure")
        #expect(est.assumptions.contains { $0.key == "replaced_inputs" && $0.text.contains("pue") })
    }

    @Test func meta_llama2_model_card() throws {
        for (id, t) in [("llama-2-7b", 31.22), ("llama-2-13b", 62.44), ("llama-2-70b", 291.42)] {
            within(try recomputed(try TrainingCatalog.run(id).reproduce(), "Location-based emissions", unit: "t"), t, pct: 0.5, id)
        }
    }

    @Test func meta_llama31_model_card_location_vs_market() throws {
        for (id, t) in [("llama-3.1-8b", 420.0), ("llama-3.1-70b", 2_040), ("llama-3.1-405b", 8_930)] {
            within(try recomputed(try TrainingCatalog.run(id).reproduce(), "Location-based emissions", unit: "t"), t, pct: 1.5, id)
        }
        // The market-based 0 t comes back with certificates covering all the energy.
        var market = MarketInstruments()
        market.instruments = [.init(.certificates, covering: .share(.exact(.fraction(1))), at: .exact(.gramsPerKilowattHour(0)))]
        let est = try TrainingCatalog.run("llama-3.1-405b").reproduce(market: market)
        #expect(try recomputed(est, "Market-based emissions", unit: "t") == 0)
    }

    @Test func iea2025_gpt4_training_energy() throws {
        let est = try TrainingCatalog.run("gpt-4").reproduce()
        within(try recomputed(est, "Energy at the facility", unit: "MWh"), 42_400, pct: 3, "energy")
        #expect(est.warnings.contains { $0.key == "no_intensity" })
        #expect(est.result("location_based") == nil)
    }

    /// Every run that publishes its inputs recomputes within the tolerance its row states.
    @Test func everyRecomputableRunIsWithinItsTolerance() throws {
        let runs = try TrainingCatalog.runs()
        #expect(runs.count >= 24)
        for run in runs where run.recomputable {
            let tol = try #require(run.tolerancePct, "\(run.id) has no tolerance")
            let est = try run.reproduce()
            if let e = run.publishedEnergy { within(try recomputed(est, "Energy at the facility", unit: "MWh"), e.value(in: "MWh")!, pct: tol, run.id) }
            if let t = run.publishedLocation { within(try recomputed(est, "Location-based emissions", unit: "t"), t.tonnes, pct: tol, run.id) }
        }
    }

    @Test func aGridReplacesThePublishedIntensityOnly() throws {
        let fr = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(44))))
        let est = try TrainingCatalog.run("gpt-3").reproduce(electricity: fr)
        let energy = try recomputed(est, "Energy at the facility", unit: "MWh")
        within(try recomputed(est, "Location-based emissions", unit: "t"), energy * 0.044, pct: 0.01, "energy x 44 g/kWh")
        #expect(est.assumptions.contains { $0.key == "replaced_inputs" && $0.text.contains("grid") })
    }

    @Test func mistralLarge2IsShownNotRecomputed() throws {
        let run = try TrainingCatalog.run("Mistral-Large-2")
        #expect(!run.recomputable && run.publishedBasis == "lifecycle" && run.read == .secondary)
        let est = try run.reproduce()
        #expect(est.step("published")?.value.text == "20,400 tCO2e")
        #expect(est.warnings.contains { $0.key == "not_recomputable" })
        #expect(est.tables.isEmpty)
    }

    // MARK: - Bad input

    @Test func unknownIDListsTheAcceptedOnes() throws {
        let error = try #require(throws: CO2eError.self) { try TrainingCatalog.run("gpt3") }
        #expect(error.code == .unknownID && error.field == "model" && error.value == "gpt3")
        #expect(error.reason.contains("gpt-3") && error.accepted?.contains("llama-3.1-405b") == true)
    }

    @Test func aPUEOnAPowerFigureThatIncludesItIsRefused() throws {
        let error = try #require(throws: CO2eError.self) {
            try TrainingCatalog.run("llama-3.1-405b").reproduce(overrides: RunOverrides(pue: .exact(.number(1.5))))
        }
        #expect(error.field == "pue" && error.code == .conflictingOptions && error.reason.contains("twice"))
    }

    @Test func inputsThatDoNotFitTheRunsFormAreRefused() throws {
        let hours = try #require(throws: CO2eError.self) {
            try TrainingCatalog.run("llama-3-8b").reproduce(overrides: RunOverrides(time: .exact(.hours(100))))
        }
        #expect(hours.field == "hours" && hours.reason.contains("device-hours"))
        let deviceHours = try #require(throws: CO2eError.self) {
            try TrainingCatalog.run("gpt-3").reproduce(overrides: RunOverrides(deviceHours: .exact(.number(1e6))))
        }
        #expect(deviceHours.field == "device_hours")
        let mistral = try #require(throws: CO2eError.self) {
            try TrainingCatalog.run("mistral-large-2").reproduce(overrides: RunOverrides(devices: .exact(.number(10))))
        }
        #expect(mistral.field == "devices" && mistral.reason.contains("publishes no energy"))
    }

    @Test func anOverrideIsCheckedLikeAnyInput() throws {
        let error = try #require(throws: CO2eError.self) {
            try TrainingCatalog.run("gpt-3").reproduce(overrides: RunOverrides(devicePower: .exact(.watts(0))))
        }
        #expect(error.field == "device_power")
        let pue = try #require(throws: CO2eError.self) {
            try TrainingCatalog.run("t5").reproduce(overrides: RunOverrides(pue: .exact(.number(0.9))))
        }
        #expect(pue.field == "pue")
    }

    @Test func marketInstrumentsNeedAnIntensity() throws {
        var market = MarketInstruments()
        market.instruments = [.init(.certificates, covering: .share(.exact(.fraction(1))), at: .exact(.gramsPerKilowattHour(0)))]
        let error = try #require(throws: CO2eError.self) { try TrainingCatalog.run("gpt-4").reproduce(market: market) }
        #expect(error.code == .missingOption && error.reason.contains("publishes none"))
    }

    /// A malformed row is a data error naming its column and line, never a silent skip.
    @Test func malformedRowsAreDataErrors() throws {
        let header = "id,label,params,hardware,devices,time,device_hours,device_power_w,power_basis,pue,intensity_g_per_kwh,intensity_derived,net_intensity_g_per_kwh,published_energy_mwh,published_t,published_net_t,published_market_t,published_basis,tolerance_pct,case,year,source,where,note,read"
        let good = "x,X,1B,GPU,10,1d,,300,measured_avg,1.1,400,no,,,1,,,location,2,,2020,patterson2021,T,n,copy"
        func parse(_ row: String) throws -> PublishedRun {
            let rows = CatalogRows.user(bytes: Array((header + "\n" + row + "\n").utf8), origin: "runs.csv")
            var out: PublishedRun?
            try rows.forEach { out = try TrainingCatalog.run($0); return false }
            return try #require(out)
        }
        #expect(try parse(good).recomputable)
        for (bad, column) in [(good.replacingOccurrences(of: ",1.1,", with: ",0.9,"), "pue"),
                              (good.replacingOccurrences(of: "measured_avg", with: "nameplate"), "power_basis"),
                              (good.replacingOccurrences(of: ",location,", with: ",gross,"), "published_basis"),
                              (good.replacingOccurrences(of: "x,X,1B,GPU,10,", with: "x,X,1B,GPU,0,"), "devices"),
                              (good.replacingOccurrences(of: ",1d,", with: ",soon,"), "time"),
                              (good.replacingOccurrences(of: ",no,", with: ",maybe,"), "intensity_derived"),
                              (good.replacingOccurrences(of: ",copy", with: ",hearsay"), "read"),
                              (good.replacingOccurrences(of: "patterson2021", with: "nobody"), "nobody")] {
            let error = try #require(throws: CO2eError.self, "\(column)") { try parse(bad) }
            #expect(error.kind == .invalidData && error.file == "runs.csv" && error.line == 2, "\(column): \(error)")
            #expect(error.description.contains(column), "\(column): \(error)")
        }
    }
}

