import CO2eCore
import CO2eData
import CO2eGrid
import CO2eTraining

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an energy per query comes from: a number the caller gives, or a published figure.
public enum PerQuerySource: Sendable, Hashable {
    /// An energy per query the caller gives (`2.9Wh`), taken as the facility's unless a PUE is
    /// given with it.
    case given(Uncertain<EnergyDimension>)
    /// A figure from the catalogue, with what it covers.
    case figure(PerQueryFigure)

    /// The energy of one query as given or published.
    public var energy: Uncertain<EnergyDimension> {
        switch self {
        case let .given(e): return e
        case let .figure(f): return f.energy
        }
    }

    /// The published figure, if any.
    public var figure: PerQueryFigure? {
        if case let .figure(f) = self { return f }
        return nil
    }

    /// `gpt-4o-2025` or `given 2.9 Wh`.
    public var name: String {
        switch self {
        case let .given(e): return "given " + Quantity<EnergyDimension>.format(e.interval)
        case let .figure(f): return f.id
        }
    }
}

/// Energy per query from compute: FLOP per token x tokens, divided by the accelerator's
/// delivered FLOP/s, times its power, load and the facility's PUE. The defaults are Epoch AI's
/// GPT-4o estimate (2025: 100 B active parameters, 500 output tokens, H100 at 989 TFLOP/s and
/// 10 % utilisation, 1,275 W per GPU at 70 % of it, PUE 1.2: 0.301 Wh).
public struct ComputeModel: Sendable, Hashable {
    /// Parameters active per token (all of them for a dense model; the routed experts' for a
    /// mixture of experts).
    public var activeParameters: Uncertain<CountDimension>
    /// Input (prompt) tokens, processed in one prefill pass.
    public var tokensIn: Uncertain<CountDimension>
    /// Output tokens, generated one decoding step at a time.
    public var tokensOut: Uncertain<CountDimension>
    public var accelerator: Accelerator
    /// The precision whose peak applies (`bf16`, `fp8`, ...).
    public var precision: String
    /// Delivered / peak FLOP/s while decoding.
    public var utilisation: Uncertain<ShareDimension>
    /// Delivered / peak FLOP/s during prefill; nil takes `utilisation` (Epoch AI uses one
    /// figure; prefill usually runs at a higher utilisation, so this errs high).
    public var prefillUtilisation: Uncertain<ShareDimension>?
    /// Power per device; nil takes the accelerator's share of its server, else its TDP.
    public var devicePower: Uncertain<PowerDimension>?
    /// Average power as a share of `devicePower` while serving.
    public var loadFactor: Uncertain<ShareDimension>
    public var pue: Uncertain<RatioDimension>

    /// Epoch AI 2025's assumptions: 500 output tokens, 10 % utilisation, 70 % load factor ("average
    /// consumption found by Microsoft"), PUE 1.2 (SemiAnalysis: 1.1-1.3 for AI data centers).
    public static let epochSource = "epoch2025-chatgpt"
    public static let defaultTokensOut = 500.0
    public static let defaultUtilisation = 0.10
    public static let defaultLoadFactor = 0.70
    public static let defaultPUE = 1.2
    /// FLOP per parameter per token in a forward pass (Kaplan et al. 2020, Table 1: C_forward ≈ 2N).
    public static let flopPerParameterPerToken = 2.0

    public init(activeParameters: Uncertain<CountDimension>, tokensIn: Uncertain<CountDimension> = .exact(.number(0)),
                tokensOut: Uncertain<CountDimension> = .exact(.number(defaultTokensOut)), accelerator: Accelerator,
                precision: String = "bf16", utilisation: Uncertain<ShareDimension> = .exact(.fraction(defaultUtilisation)),
                prefillUtilisation: Uncertain<ShareDimension>? = nil, devicePower: Uncertain<PowerDimension>? = nil,
                loadFactor: Uncertain<ShareDimension> = .exact(.fraction(defaultLoadFactor)),
                pue: Uncertain<RatioDimension> = .exact(.number(defaultPUE))) {
        self.activeParameters = activeParameters
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.accelerator = accelerator
        self.precision = precision
        self.utilisation = utilisation
        self.prefillUtilisation = prefillUtilisation
        self.devicePower = devicePower
        self.loadFactor = loadFactor
        self.pue = pue
    }

    /// The precision used: the one asked for, or fp16 on a device without bf16 when bf16 was
    /// the default.
    public var effectivePrecision: String {
        if accelerator.peakTFLOPS[precision] == nil, precision == "bf16", accelerator.peakTFLOPS["fp16"] != nil { return "fp16" }
        return precision
    }

    /// Checks the inputs.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field (`model_params`, `tokens_in`,
    ///   `tokens_out`, `utilisation`, `prefill_utilisation`, `device_power`, `load_factor`,
    ///   `pue`, `precision`).
    public func validate() throws {
        try Check.positive(activeParameters, field: "model_params")
        try Check.nonNegative(tokensIn, field: "tokens_in")
        try Check.nonNegative(tokensOut, field: "tokens_out")
        guard tokensIn.upper.number + tokensOut.upper.number > 0 else {
            throw CO2eError.input("tokens_out", "0", "leaves no tokens to process", accepted: "output tokens above zero, such as 500")
        }
        try Self.fraction(utilisation, field: "utilisation")
        if let p = prefillUtilisation { try Self.fraction(p, field: "prefill_utilisation") }
        try Self.fraction(loadFactor, field: "load_factor")
        try Check.pue(pue)
        if let p = devicePower { try Check.positive(p, field: "device_power") }
        guard accelerator.peakTFLOPS[effectivePrecision] != nil else {
            let has = Accelerator.precisions.filter { accelerator.peakTFLOPS[$0] != nil }
            throw CO2eError(.invalidInput, "has no published peak for \(accelerator.id)", field: "precision", value: precision,
                            accepted: has.joined(separator: ", "))
        }
        guard devicePower != nil || accelerator.serverPower != nil || accelerator.tdp != nil else {
            throw CO2eError(.invalidInput, "no power figure is published for \(accelerator.id); give the power per device, such as 200W",
                            field: "device_power")
        }
    }

    /// A share above 0 and at most 100 %.
    static func fraction(_ v: Uncertain<ShareDimension>, field: String) throws {
        try Check.share(v, field: field)
        guard v.lower.fraction > 0 else {
            throw CO2eError.input(field, Quantity<ShareDimension>.format(v.interval), "must be more than zero",
                                  accepted: "a share above 0 and at most 100 %, such as 10%")
        }
    }
}

/// How the energy of one query is obtained.
public enum PerQueryEnergy: Sendable, Hashable {
    /// A given number or a published figure.
    case source(PerQuerySource)
    /// A multiple of a baseline ("ten times a web search").
    case multiple(of: PerQuerySource, Uncertain<RatioDimension>)
    /// From compute.
    case compute(ComputeModel)
}

/// Inference: energy per query, optionally a volume over a period (with growth), the
/// emissions through the electricity options, a comparison with a baseline, and the
/// break-even with a training run.
public struct InferenceRun: Sendable {
    public var perQuery: PerQueryEnergy
    /// A PUE to apply to a given or published figure that excludes the facility overhead.
    public var pue: Uncertain<RatioDimension>?
    /// A baseline to compare the per-query energy with (how many baseline queries equal one).
    public var baseline: PerQuerySource?
    /// Queries per unit of time (`9e9/day`).
    public var volume: Uncertain<Per<CountDimension, DurationDimension>>?
    /// The period the volume runs for; nil with a volume is one year.
    public var period: Uncertain<DurationDimension>?
    /// Yearly growth of the volume, compounded continuously over the period.
    public var growth: Uncertain<GrowthDimension>?
    /// A training run's energy (facility) for the break-even.
    public var trainingEnergy: Uncertain<EnergyDimension>?
    /// Grids (or a given intensity); empty for energy only.
    public var electricity: [ElectricityAccounting]
    /// The literature scenario the inputs come from, for the trail.
    public var scenario: InferenceScenario?

    public init(perQuery: PerQueryEnergy, pue: Uncertain<RatioDimension>? = nil, baseline: PerQuerySource? = nil,
                volume: Uncertain<Per<CountDimension, DurationDimension>>? = nil, period: Uncertain<DurationDimension>? = nil,
                growth: Uncertain<GrowthDimension>? = nil, trainingEnergy: Uncertain<EnergyDimension>? = nil,
                electricity: [ElectricityAccounting] = [], scenario: InferenceScenario? = nil) {
        self.perQuery = perQuery
        self.pue = pue
        self.baseline = baseline
        self.volume = volume
        self.period = period
        self.growth = growth
        self.trainingEnergy = trainingEnergy
        self.electricity = electricity
        self.scenario = scenario
    }

    /// Checks every input.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field: `per_query`, `baseline`,
    ///   `multiplier`, `pue`, `queries`, `period`, `growth`, `break_even`, or a compute or
    ///   electricity field.
    public func validate() throws {
        switch perQuery {
        case let .source(s): try Check.positive(s.energy, field: "per_query")
        case let .multiple(base, m):
            try Check.positive(base.energy, field: "baseline")
            try Check.positive(m, field: "multiplier")
        case let .compute(c): try c.validate()
        }
        if let b = baseline { try Check.positive(b.energy, field: "baseline") }
        if let p = pue { try Check.pue(p) }
        if let v = volume { try Check.positive(v, field: "queries") }
        if let t = period { try Check.positive(t, field: "period") }
        if let g = growth { try Check.growth(g, field: "growth") }
        if let t = trainingEnergy { try Check.positive(t, field: "break_even") }
        for g in electricity { try g.validate() }
    }

    // MARK: - The formula

    struct Vars {
        var given: Variable<EnergyDimension>?
        var baseline: Variable<EnergyDimension>?
        var multiplier: Variable<RatioDimension>?
        var pue: Variable<RatioDimension>?
        var perQuery: Variable<EnergyDimension>!
        /// The per-query energy before any PUE the caller adds.
        var raw: Variable<EnergyDimension>!
        var queriesPerKWh: Variable<CountDimension>!
        var multiple: Variable<RatioDimension>?
        // Compute.
        var parameters, tokensIn, tokensOut, peak, flop: Variable<CountDimension>?
        var utilisation, prefillUtilisation, loadFactor: Variable<ShareDimension>?
        var prefillTime, decodeTime: Variable<DurationDimension>?
        var power: Variable<PowerDimension>?
        var deviceEnergy: Variable<EnergyDimension>?
        // Volume.
        var volume: Variable<Per<CountDimension, DurationDimension>>?
        var period: Variable<DurationDimension>?
        var growth: Variable<GrowthDimension>?
        var queries: Variable<CountDimension>?
        var endVolume: Variable<Per<CountDimension, DurationDimension>>?
        var periodEnergy: Variable<EnergyDimension>?
        // Emissions.
        var single: ElectricityAccounting.Variables?
        var comparison: GridComparison.Variables?
        var massPerQuery: Variable<MassDimension>?
        var publishedCarbon: Variable<MassDimension>?
        var publishedTotal: Variable<MassDimension>?
        // Break-even.
        var training: Variable<EnergyDimension>?
        var trainingElectricity: ElectricityAccounting.Variables?
        var breakEvenQueries: Variable<CountDimension>?
        var breakEvenTime: Variable<DurationDimension>?
        var trainingPerYear: Variable<RatioDimension>?
    }

    /// The period used: the one given, else one year when a volume is given.
    public var effectivePeriod: Uncertain<DurationDimension>? {
        volume == nil ? nil : (period ?? .exact(.years(1)))
    }

    /// The PUE applied to a given or published figure, or nil (with the reason in the trail).
    var appliedPUE: Uncertain<RatioDimension>? {
        guard let pue else { return nil }
        switch perQuery {
        case let .source(.figure(f)), let .multiple(.figure(f), _):
            return f.pueIncluded == true || f.covers == .facility ? nil : pue
        case .source(.given), .multiple(.given, _): return pue
        case .compute: return nil
        }
    }

    func addFormula(to formula: inout Formula) -> Vars {
        var v = Vars()
        let hoursPerYear = UnitTable.hoursPerYear
        // Energy per query.
        let raw: Variable<EnergyDimension>
        switch perQuery {
        case let .source(s):
            raw = formula.input("published_energy", s.energy)
            v.given = raw
        case let .multiple(base, m):
            let b = formula.input("baseline_energy", base.energy)
            let k = formula.input("multiplier", m)
            let multiplied = formula.value("multiplied_energy", EnergyDimension.self)
            formula.compute { x in x[multiplied] = x[b] * x[k].number }
            raw = multiplied
            v.baseline = b
            v.multiplier = k
        case let .compute(c):
            let p = formula.input("active_parameters", c.activeParameters)
            let tin = formula.input("tokens_in", c.tokensIn)
            let tout = formula.input("tokens_out", c.tokensOut)
            let peakTFLOPS = c.accelerator.peakTFLOPS[c.effectivePrecision] ?? .nan
            let peak = formula.input("peak_flops", Count.number(peakTFLOPS * 1e12))
            let u = formula.input("utilisation", c.utilisation)
            let up = c.prefillUtilisation.map { formula.input("prefill_utilisation", $0) } ?? u
            let power = formula.input("device_power", c.devicePower ?? .exact(c.accelerator.serverPower ?? c.accelerator.tdp ?? .watts(.nan)))
            let load = formula.input("load_factor", c.loadFactor)
            let pue = formula.input("pue", c.pue)
            let flop = formula.value("flop_per_query", CountDimension.self)
            let prefill = formula.value("prefill_time", DurationDimension.self)
            let decode = formula.value("decode_time", DurationDimension.self)
            let device = formula.value("device_energy", EnergyDimension.self)
            let computed = formula.value("compute_energy", EnergyDimension.self)
            let k = ComputeModel.flopPerParameterPerToken
            formula.compute { x in
                let perToken = k * x[p].number
                x[flop] = .number(perToken * (x[tin].number + x[tout].number))
                x[prefill] = .hours(perToken * x[tin].number / (x[peak].number * x[up].fraction) / 3_600)
                x[decode] = .hours(perToken * x[tout].number / (x[peak].number * x[u].fraction) / 3_600)
                x[device] = x[power] * (x[prefill] + x[decode]) * x[load].fraction
                x[computed] = x[device] * x[pue].number
            }
            raw = computed
            v.parameters = p; v.tokensIn = tin; v.tokensOut = tout; v.peak = peak; v.flop = flop
            v.utilisation = u; v.prefillUtilisation = c.prefillUtilisation == nil ? nil : up; v.loadFactor = load
            v.prefillTime = prefill; v.decodeTime = decode; v.power = power; v.deviceEnergy = device; v.pue = pue
        }
        v.raw = raw
        if let pue = appliedPUE {
            let p = formula.input("pue", pue)
            let facility = formula.value("per_query_energy", EnergyDimension.self)
            let it = raw
            formula.compute { x in x[facility] = x[it] * x[p].number }
            v.pue = p
            v.perQuery = facility
        } else {
            v.perQuery = raw
        }
        let pq = v.perQuery!
        let qpk = formula.value("queries_per_kwh", CountDimension.self)
        formula.compute { x in x[qpk] = .number(1 / x[pq].kilowattHours) }
        v.queriesPerKWh = qpk
        // Against a baseline.
        if let b = baseline, !isMultiple {
            let base = formula.input("baseline_energy", b.energy)
            let multiple = formula.value("multiple", RatioDimension.self)
            formula.compute { x in x[multiple] = .number(x[pq] / x[base]) }
            v.baseline = base
            v.multiple = multiple
        }
        // Volume over the period.
        if let volume, let period = effectivePeriod {
            let q = formula.input("volume", volume)
            let t = formula.input("period", period)
            let queries = formula.value("queries", CountDimension.self)
            let energy = formula.value("period_energy", EnergyDimension.self)
            v.volume = q; v.period = t; v.queries = queries; v.periodEnergy = energy
            if let growth {
                let g = formula.input("growth", growth)
                let end = formula.value("end_volume", Per<CountDimension, DurationDimension>.self)
                formula.compute { x in
                    // The integral of V0 (1+g)^(t / 1 y) over [0, T], in base units (per hour, hours).
                    let rate = log1p(x[g].perYear)
                    let years = x[t].hours / hoursPerYear
                    let perHour = x[q].baseValue
                    x[queries] = .number(abs(rate) < 1e-12 ? perHour * x[t].hours : perHour * hoursPerYear * expm1(rate * years) / rate)
                    x[end] = x[q] * x[g].factor(over: x[t])
                }
                v.growth = g
                v.endVolume = end
            } else {
                formula.compute { x in x[queries] = x[q] * x[t] }
            }
            formula.compute { x in x[energy] = x[pq] * x[queries].number }
        }
        let energy = v.periodEnergy ?? pq
        // Emissions.
        if electricity.count == 1 {
            let single = electricity[0].addFormula(to: &formula, energy: energy)
            v.single = single
            if v.periodEnergy != nil {
                let m = formula.value("emissions_per_query", MassDimension.self)
                formula.compute { x in x[m] = x[pq] * x[single.intensity] }
                v.massPerQuery = m
            }
        } else if electricity.count > 1 {
            v.comparison = GridComparison(electricity).addFormula(to: &formula, energy: energy)
        }
        if case let .source(.figure(f)) = perQuery, let carbon = f.carbon {
            let c = formula.input("published_carbon_per_query", carbon)
            v.publishedCarbon = c
            if let queries = v.queries {
                let total = formula.value("published_carbon", MassDimension.self)
                formula.compute { x in x[total] = x[c] * x[queries].number }
                v.publishedTotal = total
            }
        }
        // Break-even with training.
        if let trainingEnergy {
            let train = formula.input("training_energy", trainingEnergy)
            v.training = train
            if electricity.count == 1 {
                let outer = formula.keyPrefix
                formula.keyPrefix = "training"
                v.trainingElectricity = electricity[0].addFormula(to: &formula, energy: train)
                formula.keyPrefix = outer
            }
            let n = formula.value("break_even_queries", CountDimension.self)
            formula.compute { x in x[n] = .number(x[train] / x[pq]) }
            v.breakEvenQueries = n
            if let q = v.volume {
                let time = formula.value("break_even_time", DurationDimension.self)
                let g = v.growth
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
                v.breakEvenTime = time
                if let periodEnergy = v.periodEnergy {
                    let share = formula.value("inference_over_training", RatioDimension.self)
                    formula.compute { x in x[share] = .number(x[periodEnergy] / x[train]) }
                    v.trainingPerYear = share
                }
            }
        }
        return v
    }

    // MARK: - The estimate

    /// The estimate with its trail. With a training energy, the result is the break-even, with
    /// the training run and the inference as its parts.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs, naming the field.
    /// With `sampling` (or a distribution among the inputs) the figures are Monte Carlo
    /// percentiles of the same formula, with what drives their spread.
    public func estimate(sampling: MonteCarloSettings? = nil) throws -> Estimate {
        try validate()
        var formula = Formula()
        let v = addFormula(to: &formula)
        let figures = sampledFigures(v)
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var inference = describeInference(e, v)
        guard let train = v.training, let n = v.breakEvenQueries else {
            MonteCarlo.describe(e, figures: figures, into: &inference)
            try inference.checkFinite()
            return inference
        }
        var training = Estimate(key: "training", title: "Training run")
        TrainingEnergy.facility(trainingEnergy!).describe(e, .init(facility: train, given: train, devices: nil, power: nil, time: nil, it: nil, pue: nil),
                                                          into: &training)
        if let te = v.trainingElectricity { electricity[0].describe(e, te, energy: train, into: &training) }
        var top = Estimate(key: "inference_break_even", title: "Break-even: inference against training")
        top.steps.append(.init("training_energy", "Training energy", e.value(train), how: "given (facility, overhead included)"))
        top.steps.append(.init("per_query_energy", "Energy per query", e.value(v.perQuery), how: "from the inference part below"))
        top.results.append(.init("break_even_queries", "Queries using the training energy", e.value(n),
                                 how: "\(e.text(train)) / \(e.text(v.perQuery))"))
        if let q = v.volume, let time = v.breakEvenTime {
            let how = v.growth == nil
                ? "\(e.text(n)) / \(e.text(q, unit: Self.volumeUnit(e.interval(q)))): inference overtakes training after this long"
                : "solving V0 × 1 y / ln(1+g) × ((1+g)^(t / 1 y) − 1) = \(e.text(n)) for t (growth compounded continuously)"
            if e.interval(time).isFinite {
                top.results.append(.init("break_even_time", "Inference overtakes training after", e.value(time, unit: "d"), how: how))
            } else {
                top.results.append(.init("break_even_time", "Inference overtakes training after", .text("never at this volume"),
                                         how: "with the volume falling, all future queries together use less energy than the training run"))
            }
            if let share = v.trainingPerYear, let t = v.period {
                top.results.append(.init("inference_over_training", "Inference over \(e.text(t, unit: Self.periodUnit(e.interval(t)))) / training",
                                         e.value(share, unit: "x"), how: "\(e.text(v.periodEnergy!)) / \(e.text(train))"))
            }
        }
        MonteCarlo.describe(e, figures: figures, into: &top)
        top.parts = [training, inference]
        for part in top.parts {
            for s in part.sources { top.cite(s) }
            for w in part.warnings { top.warn(w.key, w.text) }
            for a in part.assumptions { top.assume(a.key, a.text) }
            top.gridFactors += part.gridFactors
        }
        try top.checkFinite()
        return top
    }

    /// The figures a Monte Carlo summary reports: energy per query and over the period, the
    /// emissions, and the break-even.
    func sampledFigures(_ v: Vars) -> [SampledFigure] {
        var out = [SampledFigure(v.perQuery, key: "per_query_energy", label: "Energy per query")]
        if let p = v.periodEnergy { out.append(SampledFigure(p, key: "period_energy", label: "Energy over the period")) }
        if let s = v.single { out += s.figures }
        if let c = v.comparison { out += GridComparison(electricity).figures(c) }
        if let n = v.breakEvenQueries { out.append(SampledFigure(n, key: "break_even_queries", label: "Queries using the training energy")) }
        return out
    }

    func describeInference(_ e: Evaluation, _ v: Vars) -> Estimate {
        var title = "Inference"
        if let s = scenario { title = s.label }
        if let t = v.period { title += " over \(e.text(t, unit: Self.periodUnit(e.interval(t))))" } else { title += ": one query" }
        var est = Estimate(key: "inference", title: title)
        if let s = scenario {
            est.steps.append(.init("scenario", "Scenario", .text(s.id), how: s.note, citations: [Citation(source: s.source.id, at: "\(s.at) (\(s.origin))")]))
            est.cite(s.source)
        }
        describePerQuery(e, v, into: &est)
        if let volume = v.volume, let t = v.period, let queries = v.queries, let energy = v.periodEnergy {
            est.steps.append(.init("volume", "Queries", e.value(volume, unit: Self.volumeUnit(e.interval(volume))), how: "given"))
            est.steps.append(.init("period", "Period", e.value(t, unit: Self.periodUnit(e.interval(t))),
                                   how: period == nil ? "one year (no period given)" : "given"))
            if let g = v.growth, let end = v.endVolume {
                est.steps.append(.init("growth", "Growth of the volume", e.value(g), how: "given, compounded continuously"))
                est.steps.append(.init("end_volume", "Queries at the end of the period", e.value(end, unit: Self.volumeUnit(e.interval(end))),
                                       how: "\(e.text(volume, unit: Self.volumeUnit(e.interval(volume)))) × (1 + \(e.text(g)))^(period / 1 y)"))
                est.steps.append(.init("queries", "Queries in the period", e.value(queries),
                                       how: "integral of the growing volume over the period: V0 × 1 y / ln(1+g) × ((1+g)^(T / 1 y) − 1)"))
                est.assume("growth_integral", "With growth, the period's queries are the integral of the volume over the period (the yearly rate compounded continuously), not the start volume times the period.")
            } else {
                est.steps.append(.init("queries", "Queries in the period", e.value(queries),
                                       how: "\(e.text(volume, unit: Self.volumeUnit(e.interval(volume)))) × \(e.text(t, unit: Self.periodUnit(e.interval(t))))"))
            }
            est.assume("year_length", UnitTable.yearConvention)
            est.results.append(.init("period_energy", "Energy over the period", Self.exactValue(e, energy), how: "\(e.text(queries)) × \(e.text(v.perQuery))"))
        }
        let energy = v.periodEnergy ?? v.perQuery!
        if let single = v.single {
            electricity[0].describe(e, single, energy: energy, into: &est)
            if let m = v.massPerQuery {
                est.steps.append(.init("emissions_per_query", "Location-based emissions per query", e.value(m, unit: "g"),
                                       how: "\(e.text(v.perQuery)) × \(e.text(single.intensity))"))
            }
        } else if let c = v.comparison {
            GridComparison(electricity).describe(e, c, energy: energy, into: &est)
        }
        if let c = v.publishedCarbon, case let .source(.figure(f)) = perQuery {
            let basis = f.carbonBasis == "unstated" || f.carbonBasis.isEmpty ? "basis not stated" : f.carbonBasis + "-based"
            est.steps.append(.init("published_carbon_per_query", "Published emissions per query", e.value(c, unit: "g"),
                                   how: "\(f.source.id), \(basis)", citations: [f.citation]))
            if let total = v.publishedTotal, let q = v.queries {
                est.results.append(.init("published_carbon", "Emissions at the published rate (\(basis))", e.value(total),
                                         how: "\(e.text(q)) × \(e.text(c, unit: "g"))"))
            }
            if f.carbonBasis == "market" {
                est.warn("market_based_figure", "\(f.id)'s \(e.text(c, unit: "g")) per query is market-based: it counts the operator's clean-energy purchases. It is not comparable with a location-based figure from a grid factor, which would be higher.")
            }
        }
        if electricity.isEmpty && v.publishedCarbon == nil {
            est.assume("energy_only", "No grid or intensity given: energy only. Add a grid (a country, an eGRID subregion or a cloud region) or an intensity for emissions.")
        }
        return est
    }

    func describePerQuery(_ e: Evaluation, _ v: Vars, into est: inout Estimate) {
        func describeFigure(_ f: PerQueryFigure, key: String, label: String, _ variable: Variable<EnergyDimension>) {
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
        switch perQuery {
        case .source(.given):
            let how = appliedPUE == nil ? "given, taken as the facility's energy (overhead included)" : "given, IT energy"
            est.steps.append(.init("published_energy", "Energy per query", e.value(v.raw), how: how))
        case let .source(.figure(f)):
            describeFigure(f, key: "published_energy", label: f.label, v.given!)
        case let .multiple(base, _):
            if let f = base.figure {
                describeFigure(f, key: "baseline_energy", label: "Baseline: \(f.label)", v.baseline!)
            } else {
                est.steps.append(.init("baseline_energy", "Baseline energy per query", e.value(v.baseline!), how: "given"))
            }
            est.steps.append(.init("multiplier", "Multiplier", e.value(v.multiplier!, unit: "x"), how: "given: energy of one query / the baseline's"))
            est.steps.append(.init("multiplied_energy", "Energy per query", e.value(v.raw),
                                   how: "\(e.text(v.baseline!)) × \(e.text(v.multiplier!, unit: "x"))"))
        case let .compute(c):
            describeCompute(c, e, v, into: &est)
        }
        // PUE on a given or published figure.
        switch perQuery {
        case .compute: break
        case let .source(s), let .multiple(of: s, _):
            let f = s.figure
            if let p = v.pue {
                est.steps.append(.init("pue", "PUE", e.value(p), how: "given: facility energy / IT energy"))
                est.steps.append(.init("per_query_energy", "Energy per query at the facility", e.value(v.perQuery), how: "\(e.text(v.raw)) × PUE \(e.text(p))"))
            } else if let pue, let f, f.pueIncluded == true || f.covers == .facility {
                est.warn("pue_already_included", "PUE \(Quantity<RatioDimension>.format(pue.interval)) was not applied: \(f.id) already includes the data center's overhead (it covers \(f.covers.description)); applying it again would count the overhead twice.")
            } else if let f, f.covers != .facility, f.covers != .device {
                let why = f.pueIncluded == nil ? "does not say whether it includes the data center's overhead (PUE)" : "leaves out the data center's overhead (PUE)"
                est.warn("pue_not_included", "\(f.id) \(why); the energy the facility draws is higher by the PUE (about 1.1-1.6). Give a PUE to add it.")
            }
        }
        est.steps.append(.init("queries_per_kwh", "Queries per kWh", e.value(v.queriesPerKWh), how: "1 kWh / \(e.text(v.perQuery))"))
        if let multiple = v.multiple, let b = baseline {
            let label = "Baseline queries per query (\(b.name))"
            if let f = b.figure {
                est.steps.append(.init("baseline_energy", "Baseline: \(f.label)", e.value(v.baseline!),
                                       how: "\(f.id) (\(f.year)): covers \(f.coverageDescription)", citations: [f.citation]))
                est.cite(f.source)
            } else {
                est.steps.append(.init("baseline_energy", "Baseline energy per query", e.value(v.baseline!), how: "given"))
            }
            est.results.append(.init("multiple", label, e.value(multiple, unit: "x"), how: "\(e.text(v.perQuery)) / \(e.text(v.baseline!))"))
            if let f = b.figure, let mine = perQuerySourceFigure, mine.covers != f.covers || mine.pueIncluded != f.pueIncluded {
                est.warn("unlike_boundaries", "The two figures count different things: \(mine.id) covers \(mine.coverageDescription); \(f.id) covers \(f.coverageDescription). Part of the multiple is the boundary, not the query.")
            }
        }
    }

    var isMultiple: Bool {
        if case .multiple = perQuery { return true }
        return false
    }

    var perQuerySourceFigure: PerQueryFigure? {
        if case let .source(.figure(f)) = perQuery { return f }
        return nil
    }

    func describeCompute(_ c: ComputeModel, _ e: Evaluation, _ v: Vars, into est: inout Estimate) {
        let epoch: Source? = try? InferenceCatalog.source(ComputeModel.epochSource)
        let epochCite = epoch.map { [Citation(source: $0.id, at: "spreadsheet, Baseline column")] } ?? []
        if let epoch { est.cite(epoch) }
        let kaplan: Source? = try? InferenceCatalog.source("kaplan2020")
        if let kaplan { est.cite(kaplan) }
        let a = c.accelerator
        est.cite(a.source)
        func given<D>(_ x: Uncertain<D>, default d: Uncertain<D>) -> String { x == d ? "default: Epoch AI 2025" : "given" }
        est.steps.append(.init("active_parameters", "Active parameters", e.value(v.parameters!), how: "given"))
        est.steps.append(.init("tokens_in", "Input tokens (prefill)", e.value(v.tokensIn!),
                               how: c.tokensIn == .exact(.number(0)) ? "none given (a short prompt, as Epoch AI's estimate)" : "given"))
        est.steps.append(.init("tokens_out", "Output tokens (decoding)", e.value(v.tokensOut!),
                               how: given(c.tokensOut, default: .exact(.number(ComputeModel.defaultTokensOut))),
                               citations: c.tokensOut == .exact(.number(ComputeModel.defaultTokensOut)) ? epochCite : []))
        est.steps.append(.init("flop_per_query", "FLOP per query", e.value(v.flop!, unit: "T"),
                               how: "2 × parameters × (input + output tokens) (Kaplan et al. 2020, Table 1: 2N per token)",
                               citations: kaplan.map { [Citation(source: $0.id, at: "Table 1")] } ?? []))
        let precision = c.effectivePrecision
        est.steps.append(.init("peak_flops", "Peak FLOP/s of \(a.id) (\(precision), dense)", e.value(v.peak!, unit: "T"),
                               how: "\(a.name) (\(a.year)); \(a.source.id)",
                               citations: [Citation(source: a.source.id, at: "\(a.at) (\(a.origin))")]))
        if precision != c.precision {
            est.assume("precision", "\(a.id) has no bf16; its fp16 peak is used.")
        }
        est.steps.append(.init("utilisation", "Utilisation while decoding", e.value(v.utilisation!),
                               how: given(c.utilisation, default: .exact(.fraction(ComputeModel.defaultUtilisation))),
                               citations: c.utilisation == .exact(.fraction(ComputeModel.defaultUtilisation)) ? epochCite : []))
        if let up = v.prefillUtilisation {
            est.steps.append(.init("prefill_utilisation", "Utilisation during prefill", e.value(up), how: "given"))
        } else if c.tokensIn.upper.number > 0 {
            est.assume("prefill_utilisation", "Prefill is counted at the decoding utilisation, as Epoch AI's single figure does; prefill usually runs at a higher utilisation, so its time errs high. Give a prefill utilisation to change it.")
        }
        est.steps.append(.init("prefill_time", "Accelerator time, prefill", e.value(v.prefillTime!, unit: "s"),
                               how: "2 × parameters × input tokens / (peak × utilisation)"))
        est.steps.append(.init("decode_time", "Accelerator time, decoding", e.value(v.decodeTime!, unit: "s"),
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
        est.steps.append(.init("device_power", "Power per device", e.value(v.power!), how: powerHow, citations: powerCites))
        est.steps.append(.init("load_factor", "Average load (share of that power)", e.value(v.loadFactor!),
                               how: given(c.loadFactor, default: .exact(.fraction(ComputeModel.defaultLoadFactor))),
                               citations: c.loadFactor == .exact(.fraction(ComputeModel.defaultLoadFactor)) ? epochCite : []))
        est.steps.append(.init("device_energy", "Energy at the devices", e.value(v.deviceEnergy!),
                               how: "\(e.text(v.power!)) × \(e.text(v.loadFactor!)) × (prefill + decoding time)"))
        est.steps.append(.init("pue", "PUE", e.value(v.pue!), how: given(c.pue, default: .exact(.number(ComputeModel.defaultPUE))),
                               citations: c.pue == .exact(.number(ComputeModel.defaultPUE)) ? epochCite : []))
        est.steps.append(.init("compute_energy", "Energy per query", e.value(v.perQuery), how: "\(e.text(v.deviceEnergy!)) × PUE \(e.text(v.pue!))"))
        if c.tokensIn.upper.number > 0 {
            est.warn("attention_not_counted", "Only 2 FLOP per parameter per token are counted; attention adds a term that grows with the context (Kaplan et al. 2020, Table 1), which matters for long inputs. Epoch AI's long-input figures (gpt-4o-2025-10k-input, gpt-4o-2025-100k-input) count it.")
        }
        est.assume("compute_model", "Energy from compute = FLOP / (peak FLOP/s × utilisation) × power × load × PUE; memory-bound decoding is folded into the utilisation.")
    }

    /// `v` with up to 6 significant digits where fewer would round it (1.0585 TWh, not 1.058),
    /// so a total a reader checks by hand prints as computed; 4 where it has more.
    static func exactValue<D>(_ e: Evaluation, _ v: Variable<D>) -> Value {
        let base = e.value(v)
        let i = e.interval(v)
        let unit = Quantity<D>.displayUnit(for: i)
        for digits in D.displayDigits...6 {
            let ok = [i.lower, i.upper].allSatisfy { x in
                let shown = unit.fromBase(x)
                let text = NumberText.format(shown, significantDigits: digits).filter { $0 != "," }
                guard let back = NumberText.parse(text) else { return false }
                return abs(back - shown) <= 1e-9 * abs(shown)
            }
            if ok {
                return Value(dimension: base.dimension, unit: base.unit, spread: base.spread,
                             text: Quantity<D>.format(i, significantDigits: digits))
            }
        }
        return base
    }

    static func periodUnit(_ i: Interval) -> String {
        let years = i.upper / UnitTable.hoursPerYear
        if years >= 1, (years * 4).rounded() == years * 4 { return "y" }
        return i.upper >= 48 ? "d" : "h"
    }

    static func volumeUnit(_ i: Interval) -> String {
        i.upper * 24 >= 1 ? "/day" : "/y"
    }
}
