import Testing
import CO2eKit

// Published inference figures reproduced through the public CO2eKit API. Tests that reproduce
// a case in /work/shared/reference-cases/cases.json name its id; inputs, expected values and
// tolerances are copied here by hand (the shared folder is not read at test time).

private func expectWithin(_ actual: Double, _ expected: Double, pct: Double, _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    let deviation = abs(actual - expected) / abs(expected) * 100
    #expect(deviation <= pct, "\(what): computed \(actual), expected \(expected), off by \(deviation) % (tolerance \(pct) %)",
            sourceLocation: sourceLocation)
}

private extension Estimate {
    /// The step or result `key` (searching parts too) as bounds in its reported unit.
    func bounds(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Interval {
        func find(_ e: Estimate) -> Step? { e.step(key) ?? e.parts.lazy.compactMap(find).first }
        let s = try #require(find(self), "no step '\(key)'", sourceLocation: sourceLocation)
        return s.value.spread.interval
    }
}

private func wattHours(_ kWh: Double) -> Double { kWh * 1_000 }

@Suite("Inference: published per-query figures and the model")
struct InferenceTests {
    // MARK: - Reference cases

    @Test("google2025_gemini_median_prompt: 0.24 Wh, its four parts, 4,167 prompts per kWh, 0.03 g market-based")
    func google2025_gemini_median_prompt() throws {
        let f = try InferenceCatalog.figure("gemini-2025-median")
        expectWithin(wattHours(try #require(f.energy).lower.kilowattHours), 0.24, pct: 5, "energy per median prompt")
        #expect(f.covers == .facility && f.pueIncluded == true)
        // Accelerator 0.14 + host 0.06 + idle 0.02 + overhead 0.02 Wh = the comprehensive 0.24 Wh.
        let parts = f.components.reduce(0) { $0 + wattHours($1.energy.kilowattHours) }
        expectWithin(parts, 0.24, pct: 5, "sum of the published parts")
        #expect(f.carbonBasis == "market")
        expectWithin(try #require(f.carbon).kilograms * 1_000, 0.03, pct: 5, "g CO2e per prompt")
        let est = try InferenceRun(perQuery: .source(.figure(f))).estimate().trail
        expectWithin(try est.bounds("queries_per_kwh").lower, 4_167, pct: 5, "prompts per kWh, comprehensive")
        let narrow = try InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("gemini-2025-median-narrow")))).estimate().trail
        expectWithin(try narrow.bounds("queries_per_kwh").lower, 10_000, pct: 5, "prompts per kWh, narrow approach")
        #expect(narrow.warnings.contains { $0.key == "accelerator_only" })
        #expect(est.warnings.contains { $0.key == "market_based_figure" })
    }

    @Test("Gemini's 0.03 g counts scopes 1, 2 and 3: the estimate carries its scope 2 part (0.023 g; 1e9/day for a year: 8,395 t of 10,950 t) and says so (issue 30)")
    func geminiScopesInTheEstimate() throws {
        let f = try InferenceCatalog.figure("gemini-2025-median")
        let run = InferenceRun(perQuery: .source(.figure(f)), volume: .exact(Quantity(1e9, "/day")!), period: .exact(.years(1)))
        let est = try run.estimate().trail
        // 365e9 queries x 0.03 g = 10,950 t; x 0.023 g (scope 2, market-based) = 8,395 t.
        expectWithin(try est.bounds("published_carbon").lower / 1_000, 10_950, pct: 1e-9, "all scopes, t")
        expectWithin(try est.bounds("published_scope2").lower / 1_000, 8_395, pct: 1e-9, "scope 2 only, t")
        #expect(est.warnings.contains { $0.key == "published_scopes_1_3" && $0.text.contains("0.023") })
        #expect(est.step("published_carbon_per_query")?.how.contains("scopes 1, 2 and 3") == true)
        // A figure that states no scopes gets neither the scope 2 line nor the warning.
        let narrow = try InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("gemini-2025-median-narrow"))),
                                      volume: .exact(Quantity(1e9, "/day")!), period: .exact(.years(1))).estimate().trail
        #expect(narrow.result("published_scope2") == nil && !narrow.warnings.contains { $0.key == "published_scopes_1_3" })
    }

    @Test("devries2023_chatgpt_per_request: 3,617 servers × 6.5 kW × 24 h = 564 MWh/day over 195 M requests = 2.9 Wh")
    func devries2023_chatgpt_per_request() throws {
        // The day's server energy through the training model, then the queries it pays for
        // through the break-even: the same arithmetic de Vries did, in reverse.
        let day = try TrainingRun(energy: .hardware(devices: .exact(.number(3_617)), powerPerDevice: .exact(.kilowatts(6.5)),
                                                    time: .exact(.hours(24)), pue: .included),
                                  electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(0))))).estimate().trail
        let dayEnergy = try #require(day.step("device_energy")).value.spread.interval.lower
        expectWithin(dayEnergy / 1_000, 564, pct: 1, "MWh per day")
        let figure = try InferenceCatalog.figure("chatgpt-2023")
        expectWithin(wattHours(try #require(figure.energy).lower.kilowattHours), 2.9, pct: 1, "Wh per request (catalogue)")
        let requests = 13e6 * 15
        expectWithin(wattHours(dayEnergy) / requests, 2.9, pct: 1, "Wh per request from the day's energy")
        let run = InferenceRun(perQuery: .source(.figure(figure)), volume: .exact(Quantity(requests, "/day")!),
                               period: .exact(.days(1)), trainingEnergy: .exact(.kilowattHours(dayEnergy)))
        let est = try run.estimate().trail
        expectWithin(try est.bounds("break_even_queries").lower, requests, pct: 1, "requests the day's energy pays for")
        expectWithin(try est.bounds("period_energy").lower / 1_000, 564, pct: 1, "MWh per day at 2.9 Wh")
    }

    @Test("epri2024_chatgpt_vs_search: 2.9 Wh / 0.3 Wh ≈ 10x; an AI-powered search 6.9–8.9 Wh")
    func epri2024_chatgpt_vs_search() throws {
        let run = InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("chatgpt-2023"))),
                               baseline: .figure(try InferenceCatalog.figure("web-search-2009")))
        let est = try run.estimate().trail
        expectWithin(try est.bounds("multiple").lower, 10, pct: 5, "ChatGPT request / web search")
        let ai = try #require(try InferenceCatalog.figure("ai-search-2023").energy).interval
        expectWithin(wattHours(ai.lower), 6.9, pct: 5, "AI search, low")
        expectWithin(wattHours(ai.upper), 8.9, pct: 5, "AI search, high")
        // The two figures count different things, and the trail says so.
        #expect(est.warnings.contains { $0.key == "unlike_boundaries" })
    }

    @Test("iea2025_per_task_inference: 0.3, 5, 1.7, 115 Wh per task and 15 Wh per phone charge, GPU only")
    func iea2025_per_task_inference() throws {
        for (id, wh) in [("iea-2025-text-small", 0.3), ("iea-2025-text-medium", 5), ("iea-2025-image", 1.7),
                         ("iea-2025-video-6s", 115), ("iea-2025-phone-charge", 15)] {
            let f = try InferenceCatalog.figure(id)
            expectWithin(wattHours(try #require(f.energy).lower.kilowattHours), wh, pct: 5, id)
            #expect(f.year == 2025 && f.source.id == "iea2025-energy-ai")
        }
        #expect(try InferenceCatalog.figure("iea-2025-text-medium").covers == .accelerator)
        let est = try InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("iea-2025-video-6s")))).estimate().trail
        #expect(est.warnings.contains { $0.key == "accelerator_only" }, "a GPU-only figure is flagged")
    }

    @Test("BLOOM API (Luccioni 2022, Sec. 4.4): 914 kWh / 230,768 requests = 3.96 Wh, server and idle, no PUE")
    func bloomAPI() throws {
        let f = try InferenceCatalog.figure("bloom-2022-api")
        expectWithin(wattHours(try #require(f.energy).lower.kilowattHours), 914_000 / 230_768, pct: 0.5, "Wh per request")
        #expect(f.covers == .serverAndIdle && f.pueIncluded == false && f.carbonBasis == "location")
    }

    // MARK: - Energy from compute

    @Test("From compute, the defaults give Epoch AI's GPT-4o estimate: 1e14 FLOP, 1.01 s, 0.301 Wh")
    func epochDefaults() throws {
        let model = ComputeModel(activeParameters: .exact(.number(100e9)), accelerator: try InferenceCatalog.accelerator("H100"))
        let est = try InferenceRun(perQuery: .compute(model)).estimate().trail
        expectWithin(try est.bounds("flop_per_query").lower, 1e14, pct: 0.01, "FLOP per query")
        expectWithin(try est.bounds("decode_time").lower * 3_600, 1.01, pct: 0.5, "H100 seconds per query")
        expectWithin(wattHours(try est.bounds("compute_energy").lower), 0.301, pct: 0.5, "Wh per query (Epoch's spreadsheet: 0.301)")
    }

    @Test("Prefill is counted apart from decoding: 10k input tokens add their own time, at their own utilisation")
    func prefillSeparately() throws {
        var model = ComputeModel(activeParameters: .exact(.number(70e9)), tokensIn: .exact(.number(10_000)),
                                 accelerator: try InferenceCatalog.accelerator("H100"))
        model.prefillUtilisation = .exact(.fraction(0.5))
        let est = try InferenceRun(perQuery: .compute(model)).estimate().trail
        // By hand: 2 × 70e9 × 10,000 / (989.4e12 × 0.5) = 2.8300 s; 2 × 70e9 × 500 / (989.4e12 × 0.1) = 0.70750 s;
        // (2.8300 + 0.7075) s × 1,275 W × 0.7 × 1.2 / 3,600 = 1.0524 Wh.
        expectWithin(try est.bounds("prefill_time").lower * 3_600, 2.8300, pct: 0.01, "prefill seconds")
        expectWithin(try est.bounds("decode_time").lower * 3_600, 0.70750, pct: 0.01, "decode seconds")
        expectWithin(wattHours(try est.bounds("compute_energy").lower), 1.0524, pct: 0.05, "Wh per query")
        #expect(est.warnings.contains { $0.key == "attention_not_counted" })
    }

    // MARK: - Volumes, multiples and the break-even

    @Test("Break-even: 50..60 GWh of training / 0.24 Wh = 208.3–250 billion queries, reached after 208.3–250 days at 1e9/day")
    func breakEven() throws {
        let run = InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("gemini-2025-median"))),
                               volume: .exact(Quantity(1e9, "/day")!), period: .exact(.years(1)),
                               trainingEnergy: Uncertain(.gigawattHours(50), .gigawattHours(60)))
        let est = try run.estimate().trail
        #expect(est.key == "inference_break_even")
        #expect(est.parts.map(\.key) == ["training", "inference"])
        let n = try est.bounds("break_even_queries")
        expectWithin(n.lower, 50e9 / 0.24, pct: 1e-9, "queries, low end")
        expectWithin(n.upper, 60e9 / 0.24, pct: 1e-9, "queries, high end")
        let hours = try est.bounds("break_even_time")
        expectWithin(hours.lower / 24, 50e9 / 0.24 / 1e9, pct: 1e-9, "days, low end (208.33)")
        expectWithin(hours.upper / 24, 250, pct: 1e-9, "days, high end")
    }

    @Test("Break-even with growth: 50 GWh / 0.3 Wh at 1e9/day growing 50 %/y is reached after 152.91 days (hand-solved integral)")
    func breakEvenWithGrowth() throws {
        let run = InferenceRun(perQuery: .source(.given(.exact(.wattHours(0.3)))), volume: .exact(Quantity(1e9, "/day")!),
                               period: .exact(.years(2)), growth: .exact(.percentPerYear(50)),
                               trainingEnergy: .exact(.gigawattHours(50)))
        let est = try run.estimate().trail
        // N = 50e9 Wh / 0.3 Wh; 365e9 · (1.5^t − 1) / ln 1.5 = N  =>  t = ln(1 + N ln 1.5 / 365e9) / ln 1.5 years.
        let n = 50e9 / 0.3
        let years = log(1 + n * log(1.5) / 365e9) / log(1.5)
        expectWithin(try est.bounds("break_even_time").lower / 24, years * 365, pct: 1e-6, "days")
        expectWithin(years * 365, 152.91, pct: 0.01, "the hand calculation itself")
        // The period's queries are the integral, 365e9 × (1.5² − 1) / ln 1.5.
        expectWithin(try est.bounds("queries").lower, 365e9 * 1.25 / log(1.5), pct: 1e-6, "queries in two years")
        #expect(est.assumptions.contains { $0.key == "growth_integral" })
    }

    @Test("A falling volume that never uses the training energy says so instead of a number")
    func breakEvenNever() throws {
        let run = InferenceRun(perQuery: .source(.given(.exact(.wattHours(0.3)))), volume: .exact(Quantity(1e9, "/day")!),
                               growth: .exact(.percentPerYear(-90)), trainingEnergy: .exact(.gigawattHours(500)))
        let est = try run.estimate().trail
        #expect(try #require(est.result("break_even_time")).value.dimension == "text")
    }

    @Test("Every search an AI answer (de Vries 2023): 9e9/day × 6.9–8.9 Wh × 365 d = 22.7–29.2 TWh, 23–29.7x a 2009 search")
    func everySearchAI() throws {
        let s = try InferenceCatalog.scenario("every-search-ai")
        let run = InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure(s.perQuery))),
                               baseline: .figure(try InferenceCatalog.figure(try #require(s.baseline))),
                               volume: try Quantity<Per<CountDimension, DurationDimension>>.parseRange(s.queries), scenario: s)
        let est = try run.estimate().trail
        let twh = try est.bounds("period_energy").scaled(by: 1e-9)
        expectWithin(twh.lower, 22.8, pct: 1, "TWh a year, New Street Research")
        expectWithin(twh.upper, 29.2, pct: 1, "TWh a year, SemiAnalysis")
        let multiple = try est.bounds("multiple")
        expectWithin(multiple.lower, 23, pct: 0.01, "× a 2009 search, low")
        expectWithin(multiple.upper, 8.9 / 0.3, pct: 0.01, "× a 2009 search, high")
    }

    @Test("PUE is added to a figure that leaves it out, and refused with a warning for one that includes it")
    func pueOnlyWhereExcluded() throws {
        let server = try InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("chatgpt-2023"))), pue: .exact(.number(1.2))).estimate().trail
        expectWithin(wattHours(try server.bounds("per_query_energy").lower), 3.48, pct: 1e-9, "2.9 Wh × 1.2")
        let facility = try InferenceRun(perQuery: .source(.figure(try InferenceCatalog.figure("gpt-4o-2025"))), pue: .exact(.number(1.2))).estimate().trail
        expectWithin(wattHours(try facility.bounds("published_energy").lower), 0.3, pct: 1e-9, "not multiplied again")
        #expect(facility.step("per_query_energy") == nil)
        #expect(facility.warnings.contains { $0.key == "pue_already_included" })
    }

    // MARK: - Catalogues and bad input

    @Test("Every catalogue row reads, with a known source and year; lookups ignore case and spacing")
    func catalogues() throws {
        let figures = try InferenceCatalog.figures()
        #expect(figures.count >= 14)
        for f in figures { #expect((2009...2026).contains(f.year), "\(f.id)") }
        let accelerators = try InferenceCatalog.accelerators()
        #expect(Set(accelerators.map(\.id)).isSuperset(of: ["H100", "H200", "B200", "A100", "V100", "TPUv4", "TPUv5e"]))
        #expect(try InferenceCatalog.accelerator("tpu v4").id == "TPUv4")
        #expect(try InferenceCatalog.figure("GPT-4o-2025").id == "gpt-4o-2025")
        #expect(try InferenceCatalog.accelerator("H100").serverPower == .watts(1_275))
    }

    @Test("Unknown ids are data errors naming the field and suggesting the nearest")
    func unknownIds() throws {
        let e1 = #expect(throws: CO2eError.self) { try InferenceCatalog.figure("gemni-2025-median") }
        #expect(e1?.field == "per_query" && e1?.kind == .invalidData && e1?.reason.contains("gemini-2025-median") == true)
        let e2 = #expect(throws: CO2eError.self) { try InferenceCatalog.accelerator("H10") }
        #expect(e2?.field == "accelerator" && e2?.reason.contains("H100") == true)
    }

    @Test("Out-of-range model inputs name their field")
    func badModelInputs() throws {
        let h100 = try InferenceCatalog.accelerator("H100")
        func field(_ run: InferenceRun) -> String? {
            do { _ = try run.estimate().trail; return nil } catch let e as CO2eError { return e.field } catch { return "?" }
        }
        #expect(field(InferenceRun(perQuery: .multiple(of: .given(.exact(.wattHours(0.3))), .exact(.number(0))))) == "multiplier")
        #expect(field(InferenceRun(perQuery: .compute(ComputeModel(activeParameters: .exact(.number(1e9)), accelerator: h100,
                                                                   utilisation: .exact(.fraction(1.5)))))) == "utilisation")
        #expect(field(InferenceRun(perQuery: .compute(ComputeModel(activeParameters: .exact(.number(-1)), accelerator: h100)))) == "model_params")
        #expect(field(InferenceRun(perQuery: .source(.given(.exact(.wattHours(0.3)))), volume: .exact(Quantity(-1, "/day")!))) == "queries")
        #expect(field(InferenceRun(perQuery: .compute(ComputeModel(activeParameters: .exact(.number(1e9)),
                                                                   accelerator: try InferenceCatalog.accelerator("TPUv5e"))))) == "device_power")
    }
}

#if canImport(Glibc)
import Glibc
#endif
