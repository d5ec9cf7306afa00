#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CO2eCore
import CO2eGrid
import CO2eTraining

/// The energy-per-query formula one form of `PerQueryEnergy` built: its variables, the energy
/// of one query before any PUE the caller adds, and its own trail steps. Each form has its own
/// part, so no variable is optional.
protocol PerQueryPart: Sendable {
    /// The energy of one query as the form gives it (before a PUE the caller adds).
    var raw: Variable<EnergyDimension> { get }
    /// The given or published figure the form starts from (nil from compute), for the PUE steps.
    var source: PerQuerySource? { get }
    /// Appends the form's steps.
    func describe(_ e: Evaluation, run: InferenceRun, into est: inout Estimate)
}

/// A given energy per query, or a published figure.
struct SourcePerQuery: PerQueryPart {
    let given: PerQuerySource
    let raw: Variable<EnergyDimension>
    var source: PerQuerySource? { given }

    init(_ s: PerQuerySource, to formula: inout Formula) {
        given = s
        raw = formula.input("published_energy", s.energy)
    }

    func describe(_ e: Evaluation, run: InferenceRun, into est: inout Estimate) {
        switch given {
        case .given:
            let how = run.appliedPUE == nil ? "given, taken as the facility's energy (overhead included)" : "given, IT energy"
            est.steps.append(.init("published_energy", "Energy per query", e.value(raw), how: how))
        case let .figure(f):
            FigureTrail.describe(f, key: "published_energy", label: f.label, e, raw, into: &est)
        }
    }
}

/// A multiple of a baseline ("ten times a web search").
struct MultiplePerQuery: PerQueryPart {
    let baseline: PerQuerySource
    let baselineEnergy: Variable<EnergyDimension>
    let multiplier: Variable<RatioDimension>
    let raw: Variable<EnergyDimension>
    var source: PerQuerySource? { baseline }

    init(of base: PerQuerySource, _ m: Uncertain<RatioDimension>, to formula: inout Formula) {
        let b = formula.input("baseline_energy", base.energy)
        let k = formula.input("multiplier", m)
        let multiplied = formula.value("multiplied_energy", EnergyDimension.self)
        formula.compute { x in x[multiplied] = x[b] * x[k].number }
        (baseline, baselineEnergy, multiplier, raw) = (base, b, k, multiplied)
    }

    func describe(_ e: Evaluation, run: InferenceRun, into est: inout Estimate) {
        if let f = baseline.figure {
            FigureTrail.describe(f, key: "baseline_energy", label: "Baseline: \(f.label)", e, baselineEnergy, into: &est)
        } else {
            est.steps.append(.init("baseline_energy", "Baseline energy per query", e.value(baselineEnergy), how: "given"))
        }
        est.steps.append(.init("multiplier", "Multiplier", e.value(multiplier, unit: "x"), how: "given: energy of one query / the baseline's"))
        est.steps.append(.init("multiplied_energy", "Energy per query", e.value(raw),
                               how: "\(e.text(baselineEnergy)) × \(e.text(multiplier, unit: "x"))"))
    }
}

/// Energy per query from compute: FLOP / (peak FLOP/s x utilisation) x power x load x PUE.
struct ComputePerQuery: PerQueryPart {
    let model: ComputeModel
    let parameters, tokensIn, tokensOut: Variable<CountDimension>
    let peak: Variable<ComputeRateDimension>
    let flop: Variable<ComputeDimension>
    let utilisation: Variable<ShareDimension>
    /// Set only when a prefill utilisation was given (else prefill runs at `utilisation`).
    let prefillUtilisation: Variable<ShareDimension>?
    let loadFactor: Variable<ShareDimension>
    let prefillTime, decodeTime: Variable<DurationDimension>
    let power: Variable<PowerDimension>
    let deviceEnergy: Variable<EnergyDimension>
    let pue: Variable<RatioDimension>
    let raw: Variable<EnergyDimension>
    var source: PerQuerySource? { nil }

    init(_ c: ComputeModel, to formula: inout Formula) {
        model = c
        let p = formula.input("active_parameters", c.activeParameters)
        let tin = formula.input("tokens_in", c.tokensIn)
        let tout = formula.input("tokens_out", c.tokensOut)
        let peak = formula.input("peak_flops", ComputeRate.teraflopsPerSecond(c.accelerator.peakTFLOPS[c.effectivePrecision] ?? .nan))
        let u = formula.input("utilisation", c.utilisation)
        let givenPrefill = c.prefillUtilisation.map { formula.input("prefill_utilisation", $0) }
        let up = givenPrefill ?? u
        let power = formula.input("device_power", c.devicePower ?? .exact(c.accelerator.serverPower ?? c.accelerator.tdp ?? .watts(.nan)))
        let load = formula.input("load_factor", c.loadFactor)
        let pue = formula.input("pue", c.pue)
        let flop = formula.value("flop_per_query", ComputeDimension.self)
        let prefill = formula.value("prefill_time", DurationDimension.self)
        let decode = formula.value("decode_time", DurationDimension.self)
        let device = formula.value("device_energy", EnergyDimension.self)
        let computed = formula.value("compute_energy", EnergyDimension.self)
        let k = ComputeModel.flopPerParameterPerToken
        formula.compute { x in
            let perToken = Compute(baseValue: k * x[p].number)
            x[flop] = perToken * (x[tin].number + x[tout].number)
            x[prefill] = perToken * x[tin].number / (x[peak] * x[up].fraction)
            x[decode] = perToken * x[tout].number / (x[peak] * x[u].fraction)
            x[device] = x[power] * (x[prefill] + x[decode]) * x[load].fraction
            x[computed] = x[device] * x[pue].number
        }
        (parameters, tokensIn, tokensOut, self.peak, self.flop) = (p, tin, tout, peak, flop)
        (utilisation, prefillUtilisation, loadFactor) = (u, givenPrefill, load)
        (prefillTime, decodeTime, self.power, deviceEnergy, self.pue, raw) = (prefill, decode, power, device, pue, computed)
    }

    func describe(_ e: Evaluation, run: InferenceRun, into est: inout Estimate) {
        let c = model
        let epoch: Source? = try? InferenceCatalog.source(ComputeModel.epochSource)
        let epochCite = epoch.map { [Citation(source: $0.id, at: "spreadsheet, Baseline column")] } ?? []
        if let epoch { est.cite(epoch) }
        let kaplan: Source? = try? InferenceCatalog.source("kaplan2020")
        if let kaplan { est.cite(kaplan) }
        let a = c.accelerator
        est.cite(a.source)
        func given<D>(_ x: Uncertain<D>, default d: Uncertain<D>) -> String { x == d ? "default: Epoch AI 2025" : "given" }
        est.steps.append(.init("active_parameters", "Active parameters", e.value(parameters), how: "given"))
        est.steps.append(.init("tokens_in", "Input tokens (prefill)", e.value(tokensIn),
                               how: c.tokensIn == .exact(.number(0)) ? "none given (a short prompt, as Epoch AI's estimate)" : "given"))
        est.steps.append(.init("tokens_out", "Output tokens (decoding)", e.value(tokensOut),
                               how: given(c.tokensOut, default: .exact(.number(ComputeModel.defaultTokensOut))),
                               citations: c.tokensOut == .exact(.number(ComputeModel.defaultTokensOut)) ? epochCite : []))
        est.steps.append(.init("flop_per_query", "FLOP per query", e.value(flop, unit: "TFLOP"),
                               how: "2 × parameters × (input + output tokens) (Kaplan et al. 2020, Table 1: 2N per token)",
                               citations: kaplan.map { [Citation(source: $0.id, at: "Table 1")] } ?? []))
        let precision = c.effectivePrecision
        est.steps.append(.init("peak_flops", "Peak FLOP/s of \(a.id) (\(precision), dense)", e.value(peak, unit: "TFLOP/s"),
                               how: "\(a.name) (\(a.year)); \(a.source.id)",
                               citations: [Citation(source: a.source.id, at: "\(a.at) (\(a.origin))")]))
        if precision != c.precision {
            est.assume("precision", "\(a.id) has no bf16; its fp16 peak is used.")
        }
        est.steps.append(.init("utilisation", "Utilisation while decoding", e.value(utilisation),
                               how: given(c.utilisation, default: .exact(.fraction(ComputeModel.defaultUtilisation))),
                               citations: c.utilisation == .exact(.fraction(ComputeModel.defaultUtilisation)) ? epochCite : []))
        if let up = prefillUtilisation {
            est.steps.append(.init("prefill_utilisation", "Utilisation during prefill", e.value(up), how: "given"))
        } else if c.tokensIn.upper.number > 0 {
            est.assume("prefill_utilisation", "Prefill is counted at the decoding utilisation, as Epoch AI's single figure does; prefill usually runs at a higher utilisation, so its time errs high. Give a prefill utilisation to change it.")
        }
        est.steps.append(.init("prefill_time", "Accelerator time, prefill", e.value(prefillTime, unit: "s"),
                               how: "2 × parameters × input tokens / (peak × utilisation)"))
        est.steps.append(.init("decode_time", "Accelerator time, decoding", e.value(decodeTime, unit: "s"),
                               how: "2 × parameters × output tokens / (peak × utilisation)"))
        let powerHow: String
        var powerCites: [Citation] = []
        if c.devicePower != nil {
            powerHow = "given"
        } else if a.serverPower != nil {
            powerHow = "\(a.id)'s share of its server (\(a.serverNote)): host CPUs, memory and network included"
            if let src = a.serverSource { powerCites = [Citation(source: src.id, at: "system power (\(a.origin))")]; est.cite(src) }
        } else {
            powerHow = "\(a.id)'s board power (TDP) only: host CPUs, memory and network not counted"
            powerCites = [Citation(source: a.source.id, at: "\(a.at) (\(a.origin))")]
            est.warn("board_power_only", "No server power is known for \(a.id), so its board power stands for the device: host CPUs, memory and network are left out. \(a.note)")
        }
        est.steps.append(.init("device_power", "Power per device", e.value(power), how: powerHow, citations: powerCites))
        est.steps.append(.init("load_factor", "Average load (share of that power)", e.value(loadFactor),
                               how: given(c.loadFactor, default: .exact(.fraction(ComputeModel.defaultLoadFactor))),
                               citations: c.loadFactor == .exact(.fraction(ComputeModel.defaultLoadFactor)) ? epochCite : []))
        est.steps.append(.init("device_energy", "Energy at the devices", e.value(deviceEnergy),
                               how: "\(e.text(power)) × \(e.text(loadFactor)) × (prefill + decoding time)"))
        est.steps.append(.init("pue", "PUE", e.value(pue), how: given(c.pue, default: .exact(.number(ComputeModel.defaultPUE))),
                               citations: c.pue == .exact(.number(ComputeModel.defaultPUE)) ? epochCite : []))
        est.steps.append(.init("compute_energy", "Energy per query", e.value(raw), how: "\(e.text(deviceEnergy)) × PUE \(e.text(pue))"))
        if c.tokensIn.upper.number > 0 {
            est.warn("attention_not_counted", "Only 2 FLOP per parameter per token are counted; attention adds a term that grows with the context (Kaplan et al. 2020, Table 1), which matters for long inputs. Epoch AI's long-input figures (gpt-4o-2025-10k-input, gpt-4o-2025-100k-input) count it.")
        }
        est.assume("compute_model", "Energy from compute = FLOP / (peak FLOP/s × utilisation) × power × load × PUE; memory-bound decoding is folded into the utilisation.")
    }
}

/// The trail of a published per-query figure: what it covers, its parts, and warnings where it
/// is used outside what it covers.
enum FigureTrail {
    static func describe(_ f: PerQueryFigure, key: String, label: String, _ e: Evaluation, _ variable: Variable<EnergyDimension>,
                         into est: inout Estimate) {
        var how = "\(f.id) (\(f.year)): covers \(f.coverageDescription)"
        if let tin = f.tokensIn { how += "; \(NumberText.format(tin, significantDigits: 6)) input tokens" }
        if let tout = f.tokensOut { how += "; \(NumberText.format(tout, significantDigits: 6)) output tokens" }
        est.steps.append(.init(key, label, e.value(variable), how: how, citations: [f.citation]))
        est.cite(f.source)
        if !f.components.isEmpty {
            var table = Table(key: "\(key)_components", title: "\(f.id): what the \(e.text(variable)) counts",
                              columns: [.init("part", "Part"), .init("energy", "Energy", unit: "kWh"), .init("share", "Share")])
            let total = f.components.reduce(0) { $0 + $1.energy.kilowattHours }
            for c in f.components {
                table.rows.append([.text(c.label), .value(Value(c.energy)),
                                   .value(Value(Share.fraction(c.energy.kilowattHours / total)))])
            }
            est.tables.append(table)
        }
        if f.covers == .accelerator {
            est.warn("accelerator_only", "\(f.id) counts the AI accelerators only: host CPUs and memory, idle capacity and the data center's overhead are left out, so the energy a facility draws per query is higher (Google 2025 puts the comprehensive figure at 2.4x its accelerator-only one).")
        }
        if f.covers == .device {
            est.warn("not_a_data_center_figure", "\(f.id) is a reference figure for an end-user device, not the energy of a query in a data center.")
        }
    }
}

/// A PUE the caller applies to a given or published figure that leaves the overhead out.
struct FacilityPUE: Sendable {
    let pue: Variable<RatioDimension>
    let facility: Variable<EnergyDimension>

    init(_ given: Uncertain<RatioDimension>, raw: Variable<EnergyDimension>, to formula: inout Formula) {
        let p = formula.input("pue", given)
        let facility = formula.value("per_query_energy", EnergyDimension.self)
        formula.compute { x in x[facility] = x[raw] * x[p].number }
        (pue, self.facility) = (p, facility)
    }
}

/// How the energy of one query compares with a baseline's (how many baseline queries equal one).
struct BaselineComparison: Sendable {
    let baseline: PerQuerySource
    let energy: Variable<EnergyDimension>
    let multiple: Variable<RatioDimension>

    init(_ b: PerQuerySource, perQuery pq: Variable<EnergyDimension>, to formula: inout Formula) {
        let base = formula.input("baseline_energy", b.energy)
        let multiple = formula.value("multiple", RatioDimension.self)
        formula.compute { x in x[multiple] = .number(x[pq] / x[base]) }
        (baseline, energy, self.multiple) = (b, base, multiple)
    }
}

/// A volume of queries over a period, with its growth where given.
struct QueryVolume: Sendable {
    /// Yearly growth and the volume it reaches at the end of the period.
    struct Growing: Sendable {
        let growth: Variable<GrowthDimension>
        let endVolume: Variable<Per<CountDimension, DurationDimension>>
    }

    let volume: Variable<Per<CountDimension, DurationDimension>>
    let period: Variable<DurationDimension>
    let queries: Variable<CountDimension>
    let energy: Variable<EnergyDimension>
    let growing: Growing?

    init(_ given: Uncertain<Per<CountDimension, DurationDimension>>, period p: Uncertain<DurationDimension>,
         growth: Uncertain<GrowthDimension>?, perQuery pq: Variable<EnergyDimension>, to formula: inout Formula) {
        let q = formula.input("volume", given)
        let t = formula.input("period", p)
        let queries = formula.value("queries", CountDimension.self)
        let energy = formula.value("period_energy", EnergyDimension.self)
        if let growth {
            let g = formula.input("growth", growth)
            let end = formula.value("end_volume", Per<CountDimension, DurationDimension>.self)
            let hoursPerYear = UnitTable.hoursPerYear
            formula.compute { x in
                // The integral of V0 (1+g)^(t / 1 y) over [0, T], in base units (per hour, hours).
                let rate = log1p(x[g].perYear)
                let years = x[t].hours / hoursPerYear
                let perHour = x[q].baseValue
                x[queries] = .number(abs(rate) < 1e-12 ? perHour * x[t].hours : perHour * hoursPerYear * expm1(rate * years) / rate)
                x[end] = x[q] * x[g].factor(over: x[t])
            }
            growing = Growing(growth: g, endVolume: end)
        } else {
            formula.compute { x in x[queries] = x[q] * x[t] }
            growing = nil
        }
        formula.compute { x in x[energy] = x[pq] * x[queries].number }
        (volume, period, self.queries, self.energy) = (q, t, queries, energy)
    }
}

/// The emissions of the inference's energy: none, one grid, or several side by side.
enum InferenceEmissions: Sendable {
    case none
    /// One grid, and the emissions of one query where a volume makes the energy a period's.
    case single(ElectricityAccounting.Variables, perQuery: Variable<MassDimension>?)
    case comparison(GridComparison.Variables)
}

/// A published figure's own emissions per query, and over the period's queries.
struct PublishedCarbon: Sendable {
    let figure: PerQueryFigure
    let perQuery: Variable<MassDimension>
    let total: Variable<MassDimension>?
    /// The published scope 2 part of a figure over several scopes, per query and in total.
    let scope2: (perQuery: Variable<MassDimension>, total: Variable<MassDimension>?)?
}

/// Inference against a training run: how many queries use its energy, and when they overtake it.
struct BreakEvenPart: Sendable {
    /// The break-even in time, with a volume.
    struct Timed: Sendable {
        let time: Variable<DurationDimension>
        /// The period's inference energy over the training energy.
        let share: Variable<RatioDimension>
    }

    let training: Variable<EnergyDimension>
    let trainingElectricity: ElectricityAccounting.Variables?
    let queries: Variable<CountDimension>
    let timed: Timed?

    init(_ trainingEnergy: Uncertain<EnergyDimension>, electricity: [ElectricityAccounting], perQuery pq: Variable<EnergyDimension>,
         volume: QueryVolume?, to formula: inout Formula) {
        let train = formula.input("training_energy", trainingEnergy)
        if electricity.count == 1 {
            let outer = formula.keyPrefix
            formula.keyPrefix = "training"
            trainingElectricity = electricity[0].addFormula(to: &formula, energy: train)
            formula.keyPrefix = outer
        } else {
            trainingElectricity = nil
        }
        let n = formula.value("break_even_queries", CountDimension.self)
        formula.compute { x in x[n] = .number(x[train] / x[pq]) }
        (training, queries) = (train, n)
        guard let volume else { timed = nil; return }
        let time = formula.value("break_even_time", DurationDimension.self)
        let q = volume.volume
        let g = volume.growing?.growth
        let hoursPerYear = UnitTable.hoursPerYear
        formula.compute { x in
            let needed = x[n].number, perHour = x[q].baseValue
            let rate = g.map { log1p(x[$0].perYear) } ?? 0
            if abs(rate) < 1e-12 {
                x[time] = .hours(needed / perHour)
            } else {
                // Solve V0 · Y / r · (e^(r t / Y) − 1) = N for t; with a falling volume
                // the total may never reach N (the argument of the log is then ≤ 0).
                let argument = 1 + needed * rate / (perHour * hoursPerYear)
                x[time] = .hours(argument > 0 ? hoursPerYear * log(argument) / rate : .infinity)
            }
        }
        let periodEnergy = volume.energy
        let share = formula.value("inference_over_training", RatioDimension.self)
        formula.compute { x in x[share] = .number(x[periodEnergy] / x[train]) }
        timed = Timed(time: time, share: share)
    }
}

/// Everything the inference formula built, one part per case.
struct InferenceParts: Sendable {
    let perQuery: any PerQueryPart
    let pue: FacilityPUE?
    /// The energy of one query at the facility.
    let facilityPerQuery: Variable<EnergyDimension>
    let queriesPerKWh: Variable<CountDimension>
    let baseline: BaselineComparison?
    let volume: QueryVolume?
    let emissions: InferenceEmissions
    let publishedCarbon: PublishedCarbon?
    let breakEven: BreakEvenPart?
    let embodied: InferenceEmbodied?

    /// The energy the emissions are for: the period's, else one query's.
    var energy: Variable<EnergyDimension> { volume?.energy ?? facilityPerQuery }
}

/// The queries' share of the hardware's embodied emissions: their device time is the energy /
/// the power per device at the facility, and the amortisation is training's
/// (`EmbodiedHardware.addFormula`); with one grid, the life-cycle figure and the SCI per query,
/// ((E × I) + M) / R (Green Software Foundation; ISO/IEC 21031:2024), R being the queries.
struct InferenceEmbodied: Sendable {
    let power: Variable<PowerDimension>
    let powerHow: String
    let energy: Variable<EnergyDimension>
    let time: Variable<DurationDimension>
    let part: EmbodiedPart
    let location: Variable<MassDimension>?
    let lifeCycle: Variable<MassDimension>?
    let perQuery: Variable<MassDimension>?
    let sci: Variable<MassDimension>?
    /// The SCI's functional unit, the number of them (R) and, per token, the tokens per query.
    let unit: FunctionalUnit
    let units: Variable<CountDimension>?
    let tokensPerQuery: Variable<CountDimension>?
    let tokensHow: String

    init(_ hardware: EmbodiedHardware, power given: Uncertain<PowerDimension>?, powerHow givenHow: String, perQuery form: any PerQueryPart, energy: Variable<EnergyDimension>,
         queries: Variable<CountDimension>?, emissions: InferenceEmissions, unit: FunctionalUnit, to formula: inout Formula) {
        let power = formula.value("facility_power_per_device", PowerDimension.self)
        if let c = form as? ComputePerQuery {
            formula.compute { x in x[power] = x[c.power] * x[c.loadFactor].fraction * x[c.pue].number }
            powerHow = "device power × load factor × PUE, from the compute steps"
        } else {
            let p = formula.input("embodied_device_power", given ?? .exact(.watts(.nan)))
            formula.compute { x in x[power] = x[p] }
            powerHow = givenHow
        }
        let time = formula.value("device_time", DurationDimension.self)
        formula.compute { x in x[time] = x[energy] / x[power] }
        let part = hardware.addFormula(to: &formula, deviceTime: time)
        var perQuery: Variable<MassDimension>?
        if let queries {
            let m = formula.value("embodied_per_query", MassDimension.self)
            let total = part.total
            formula.compute { x in x[m] = x[total] / x[queries].number }
            perQuery = m
        }
        var location: Variable<MassDimension>?, lifeCycle: Variable<MassDimension>?, sci: Variable<MassDimension>?
        var units: Variable<CountDimension>?, tokens: Variable<CountDimension>?
        if case let .single(single, _) = emissions {
            // R: the queries, or their tokens, in functional units.
            let r = formula.value("functional_units", CountDimension.self)
            let size = unit.size
            if unit.kind == .token {
                let t = formula.value("tokens_per_query", CountDimension.self)
                if let c = form as? ComputePerQuery {
                    formula.compute { x in x[t] = .number(x[c.tokensIn].number + x[c.tokensOut].number) }
                } else {
                    let stated = Self.statedTokens(form) ?? .nan
                    let given = formula.input("stated_tokens_per_query", Uncertain<CountDimension>.exact(.number(stated)))
                    formula.compute { x in x[t] = x[given] }
                }
                formula.compute { x in x[r] = .number((queries.map { x[$0].number } ?? 1) * x[t].number / size) }
                tokens = t
            } else {
                formula.compute { x in x[r] = .number((queries.map { x[$0].number } ?? 1) / size) }
            }
            let l = SCI.lifeCycle(to: &formula, operational: single.locationBased, embodied: part.total)
            (location, lifeCycle, sci, units) = (single.locationBased, l, SCI.score(to: &formula, lifeCycle: l, units: r, key: unit.key), r)
        }
        (self.power, self.energy, self.time, self.part, self.location, self.lifeCycle, self.perQuery, self.sci, self.unit, self.units, self.tokensPerQuery) =
            (power, energy, time, part, location, lifeCycle, perQuery, sci, unit, units, tokens)
        tokensHow = form is ComputePerQuery ? "input + output tokens, from the compute steps" : "input + output tokens the figure states"
    }

    /// The tokens per query a published figure states (input + output), or nil.
    static func statedTokens(_ form: any PerQueryPart) -> Double? {
        guard case let .figure(f)? = form.source, f.tokensIn != nil || f.tokensOut != nil else { return nil }
        return (f.tokensIn ?? 0) + (f.tokensOut ?? 0)
    }

    func describe(_ e: Evaluation, volume: QueryVolume?, into est: inout Estimate) {
        est.steps.append(.init("facility_power_per_device", "Power per device at the facility", e.value(power), how: powerHow))
        part.describe(e, deviceTimeHow: "\(e.text(energy)) / \(e.text(power)) per device", into: &est)
        est.results.append(.init("embodied", "Embodied emissions (amortised)", e.value(part.total), how: part.sum(e)))
        if let m = perQuery, let q = volume?.queries {
            est.results.append(.init("embodied_per_query", "Embodied emissions per query", e.value(m, unit: "g"), how: "\(e.text(part.total)) / \(e.text(q))"))
        }
        if let location, let lifeCycle, let sci {
            est.results.append(.init("life_cycle", "Life-cycle emissions (electricity + embodied)", e.value(lifeCycle),
                                     how: "\(e.text(location)) location-based + \(e.text(part.total)) embodied"))
            let q = volume.map { e.text($0.queries) } ?? "1"
            let r: String
            if let t = tokensPerQuery, let units {
                est.steps.append(.init("tokens_per_query", "Tokens per query (input + output)", e.value(t),
                                       how: tokensHow))
                r = "\(e.text(units)) (\(q) queries × \(e.text(t)) tokens / \(unit.label))"
            } else if let units, unit.size != 1 {
                r = "\(e.text(units)) (\(q) queries / \(unit.label))"
            } else {
                r = "\(q) queries"
            }
            est.results.append(.init(unit.key, "SCI per \(unit.label), ((E × I) + M) / R", e.value(sci, unit: "g"),
                                     how: "(E × I \(e.text(location)) + M \(e.text(part.total))) / R \(r)"))
            est.assume("sci", SCI.assumption(unit))
        }
        est.assume("inference_device_time", "The devices' time is the energy / the power per device at the facility: a device drawing less than that while serving is busy longer, and its embodied share is higher.")
    }
}
