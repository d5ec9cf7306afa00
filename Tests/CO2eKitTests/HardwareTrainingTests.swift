import Testing
import CO2eKit

// Training from compute and from a facility's power, and embodied hardware amortised over a
// run (issue 25). Each published figure names its case id in /work/shared/reference-cases.

private func within(_ actual: Double, _ expected: Double, pct: Double) -> Bool {
    abs(actual - expected) / abs(expected) * 100 <= pct
}

private let usAverage2020 = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(429))))

/// GPT-3 as Patterson et al. 2021 give it: 175B parameters, 300B tokens, 10,000 V100s at
/// 19.7 % of their 125 TFLOP/s fp16 peak (24.6 TFLOP/s measured), 330 W each, PUE 1.1.
private func gpt3() throws -> TrainingRun {
    let compute = ComputeTraining(compute: .parameters(.exact(.number(175e9)), tokens: .exact(.number(300e9))),
                                  peak: try PeakThroughput(try InferenceCatalog.accelerator("V100")), devices: .exact(.number(10_000)),
                                  utilisation: .exact(.percent(19.7)), powerPerDevice: .exact(.watts(330)), pue: .pue(1.1))
    return TrainingRun(energy: .compute(compute), electricity: usAverage2020)
}

@Suite struct TrainingFromComputeTests {
    @Test("patterson2021_t4_gpt3 from compute: 3.15e23 FLOP, about 14.8 days, 552.1 t within 2 %")
    func patterson2021_t4_gpt3_fromCompute() throws {
        let result = try gpt3().estimate()
        let flop = try #require(result.trail.step("flop"))
        #expect(within(flop.value.spread.interval.lower, 3.15e23, pct: 0.01), "\(flop.value)")
        #expect(flop.how.contains("Kaplan et al. 2020"), "\(flop.how)")
        let days = try #require(result.trail.step("time")).value.spread.interval.lower / 24
        #expect(within(days, 14.8, pct: 0.5), "\(days) d")
        let tonnes = try #require(result.locationBased.value.value(in: "t"))
        #expect(within(tonnes, 552.1, pct: 2), "\(tonnes) t")
        let mwh = try #require(result.energy.value.value(in: "MWh"))
        #expect(within(mwh, 1_287, pct: 2), "\(mwh) MWh")
    }

    @Test("FLOP given directly give the same run as 6 N T")
    func flopsGivenDirectly() throws {
        let compute = ComputeTraining(compute: .flops(.exact(.flop(3.15e23))), peak: try PeakThroughput(try InferenceCatalog.accelerator("V100")),
                                      devices: .exact(.number(10_000)), utilisation: .exact(.percent(19.7)),
                                      powerPerDevice: .exact(.watts(330)), pue: .pue(1.1))
        let direct = try TrainingRun(energy: .compute(compute), electricity: usAverage2020).estimate()
        let fromParams = try gpt3().estimate()
        #expect(within(direct.locationBased.value.baseValue, fromParams.locationBased.value.baseValue, pct: 1e-9))
        #expect(direct.trail.step("parameters") == nil)
    }

    @Test("a range of utilisation gives a range of time and emissions, the high end from the low utilisation")
    func utilisationRange() throws {
        let compute = ComputeTraining(compute: .flops(.exact(.flop(3.15e23))), peak: PeakThroughput(.exact(.teraflopsPerSecond(125))),
                                      devices: .exact(.number(10_000)), utilisation: Uncertain(.percent(15), .percent(30)),
                                      powerPerDevice: .exact(.watts(330)), pue: .pue(1.1))
        let r = try TrainingRun(energy: .compute(compute), electricity: usAverage2020).estimate()
        let t = try #require(r.locationBased.high.value(in: "t")), low = try #require(r.locationBased.low.value(in: "t"))
        #expect(within(t / low, 2, pct: 1e-6), "\(low)..\(t) t")
    }

    @Test("utilisation of zero or above 100 % is refused, naming the field")
    func badUtilisation() throws {
        for u in [Share.percent(0), .percent(120)] {
            let compute = ComputeTraining(compute: .flops(.exact(.flop(1e21))), peak: PeakThroughput(.exact(.teraflopsPerSecond(125))),
                                          devices: .exact(.number(8)), utilisation: .exact(u), powerPerDevice: .exact(.watts(300)), pue: .pue(1.1))
            #expect { try TrainingRun(energy: .compute(compute), electricity: usAverage2020).estimate() } throws: { error in
                (error as? CO2eError)?.field == "utilisation"
            }
        }
    }

    @Test("TPU v5p and v6e peaks are Google's bf16 figures (459 and 918 TFLOP/s), the default precision")
    func tpuPeaks() throws {
        for (id, tflops) in [("TPU v5p", 459.0), ("tpu-v6e", 918.0)] {
            let peak = try PeakThroughput(try InferenceCatalog.accelerator(id))
            #expect(peak.precision == "bf16" && abs(peak.rate.interval.lower - ComputeRate.teraflopsPerSecond(tflops).baseValue) < 1e-6 * peak.rate.interval.lower, "\(id): \(peak.rate)")
        }
    }

    @Test("a precision the accelerator lacks is refused with the ones it has")
    func missingPrecision() throws {
        #expect { try PeakThroughput(try InferenceCatalog.accelerator("V100"), precision: "fp8") } throws: { error in
            let e = error as? CO2eError
            return e?.field == "precision" && (e?.accepted ?? "").contains("fp16")
        }
    }
}

@Suite struct TrainingFromFacilityPowerTests {
    @Test("iea2025_gpt4_training_energy: 22 MW x 14 wk x 84 % = 43.5 GWh, within 3 % of the printed 42.4 GWh, and the trail says IEA prints 42.4")
    func iea2025_gpt4_training_energy() throws {
        let r = try TrainingRun(energy: .facilityPower(.exact(.megawatts(22)), time: .exact(.hours(14 * 168)), loadFactor: .exact(.percent(84))),
                                electricity: usAverage2020).estimate()
        let gwh = try #require(r.energy.value.value(in: "GWh"))
        #expect(within(gwh, 43.47, pct: 0.1), "\(gwh) GWh")
        #expect(within(gwh, 42.4, pct: 3), "\(gwh) GWh")
        let note = try #require(r.trail.warnings.first { $0.key == "published_differs" })
        #expect(note.text.contains("42.4 GWh") && note.text.contains("2.5 %"), "\(note.text)")
        #expect(r.trail.sources.contains { $0.id == "iea2025-energy-ai" })
    }

    @Test("other inputs get no published-figure note")
    func otherInputsNoNote() throws {
        let r = try TrainingRun(energy: .facilityPower(.exact(.megawatts(20)), time: .exact(.hours(14 * 168)), loadFactor: .exact(.percent(84))),
                                electricity: usAverage2020).estimate()
        #expect(!r.trail.warnings.contains { $0.key == "published_differs" })
    }

    @Test("a load factor of zero or above 100 % is refused")
    func badLoadFactor() {
        for l in [Share.percent(0), .percent(101)] {
            #expect { try TrainingRun(energy: .facilityPower(.exact(.megawatts(22)), time: .exact(.hours(100)), loadFactor: .exact(l)),
                                      electricity: usAverage2020).estimate() } throws: { ($0 as? CO2eError)?.field == "load_factor" }
        }
    }
}

@Suite struct EmbodiedAmortisationTests {
    static let bloomHardware = EmbodiedHardware(classes: [.accelerators(.exact(.kilograms(150))),
                                                          .servers(.exact(.kilograms(2_500)), devicesPerServer: .exact(.number(8)))],
                                                lifetime: .exact(.years(6)), utilisation: .exact(.percent(85)))
    static let bloom = TrainingEnergy.deviceHours(.exact(.number(1_082_990)), powerPerDevice: .exact(.watts(400)), pue: .included)
    static let france = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(57))))

    @Test("bloom2022_embodied_amortization: servers 7.57 t, GPUs 3.64 t, 11.2 t in all, within 2 %")
    func bloom2022_embodied_amortization() throws {
        let r = try TrainingRun(energy: Self.bloom, electricity: Self.france, embodied: Self.bloomHardware).estimate()
        let total = try #require(r.embodied?.value.value(in: "t"))
        #expect(within(total, 11.2, pct: 2), "\(total) t")
        let servers = try #require(r.trail.step("servers_embodied")).value.spread.interval.lower / 1_000
        let gpus = try #require(r.trail.step("accelerators_embodied")).value.spread.interval.lower / 1_000
        #expect(within(servers, 7.57, pct: 2), "\(servers) t")
        #expect(within(gpus, 3.64, pct: 2), "\(gpus) t")
        let lifeCycle = try #require(r.trail.result("life_cycle")).value.spread.interval.lower / 1_000
        #expect(within(lifeCycle, 24.69 + total, pct: 0.5), "\(lifeCycle) t")
    }

    @Test("the bundled A100 figures are BLOOM's and reproduce the same 11.2 t")
    func bundledA100() throws {
        // The first two rows are BLOOM's (EcoLogits' follow, chosen only with --embodied-source).
        let figures = Array(try HardwareCatalog.embodied(for: "A100").prefix(2))
        #expect(figures.map(\.id) == ["bloom-a100-gpu", "bloom-apollo6500-server"])
        let hardware = EmbodiedHardware(classes: figures.map(EmbodiedClass.init), lifetime: .exact(figures[0].lifetime), utilisation: .exact(figures[0].utilisation))
        let r = try TrainingRun(energy: Self.bloom, electricity: Self.france, embodied: hardware).estimate()
        #expect(within(try #require(r.embodied?.value.value(in: "t")), 11.2, pct: 2))
        #expect(r.trail.sources.contains { $0.id == "luccioni2022-bloom" })
    }

    @Test("idle energy adds to the run's energy; the life-cycle table gives BLOOM's shares (embodied 22 %, idle 29 %)")
    func idleShares() throws {
        let r = try TrainingRun(energy: Self.bloom, electricity: Self.france, embodied: Self.bloomHardware,
                                idleEnergy: .exact(.kilowattHours(256_646))).estimate()
        let table = try #require(r.trail.tables.first { $0.key == "life_cycle" })
        func share(_ row: Int) -> Double { if case let .number(x) = table.rows[row][2] { return x }; return .nan }
        #expect(abs(share(1) - 29) < 1 && abs(share(2) - 22) < 1, "\(table.rows)")
    }

    @Test("a lifetime of zero, a utilisation of zero or above 100 %, and a server of no devices are refused")
    func badInputs() {
        let cases: [(EmbodiedHardware, String)] = [
            (EmbodiedHardware(classes: [.accelerators(.exact(.kilograms(150)))], lifetime: .exact(.years(0)), utilisation: .exact(.percent(85))), "lifetime"),
            (EmbodiedHardware(classes: [.accelerators(.exact(.kilograms(150)))], lifetime: .exact(.years(6)), utilisation: .exact(.percent(0))), "hardware_utilisation"),
            (EmbodiedHardware(classes: [.accelerators(.exact(.kilograms(150)))], lifetime: .exact(.years(6)), utilisation: .exact(.percent(150))), "hardware_utilisation"),
            (EmbodiedHardware(classes: [.servers(.exact(.kilograms(2_500)), devicesPerServer: .exact(.number(0)))], lifetime: .exact(.years(6)), utilisation: .exact(.percent(85))), "devices_per_server"),
            (EmbodiedHardware(classes: [.accelerators(.exact(.kilograms(-1)))], lifetime: .exact(.years(6)), utilisation: .exact(.percent(85))), "device_embodied"),
        ]
        for (hardware, field) in cases {
            #expect { try TrainingRun(energy: Self.bloom, electricity: Self.france, embodied: hardware).estimate() } throws: { error in
                (error as? CO2eError)?.field == field
            }
        }
    }

    @Test("embodied emissions need the devices' time: an energy alone is refused")
    func energyOnlyRefused() {
        #expect { try TrainingRun(energy: .facility(.exact(.megawattHours(100))), electricity: Self.france, embodied: Self.bloomHardware).estimate() } throws: { error in
            (error as? CO2eError)?.field == "embodied"
        }
    }
}
