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
    package var energy: Uncertain<EnergyDimension> {
        switch self {
        case let .given(e): return e
        // The catalogue hands out only figures with an energy as a per-query source; NaN is
        // refused by validation should one without reach here.
        case let .figure(f): return f.energy ?? .exact(.wattHours(.nan))
        }
    }

    /// The published figure, if any.
    package var figure: PerQueryFigure? {
        if case let .figure(f) = self { return f }
        return nil
    }

    /// `gpt-4o-2025` or `given 2.9 Wh`.
    package var name: String {
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
    package var activeParameters: Uncertain<CountDimension>
    /// Input (prompt) tokens, processed in one prefill pass.
    package var tokensIn: Uncertain<CountDimension>
    /// Output tokens, generated one decoding step at a time.
    package var tokensOut: Uncertain<CountDimension>
    package var accelerator: Accelerator
    /// The precision whose peak applies (`bf16`, `fp8`, ...).
    package var precision: String
    /// Delivered / peak FLOP/s while decoding.
    package var utilisation: Uncertain<ShareDimension>
    /// Delivered / peak FLOP/s during prefill; nil takes `utilisation` (Epoch AI uses one
    /// figure; prefill usually runs at a higher utilisation, so this errs high).
    package var prefillUtilisation: Uncertain<ShareDimension>?
    /// Power per device; nil takes the accelerator's share of its server, else its TDP.
    package var devicePower: Uncertain<PowerDimension>?
    /// Average power as a share of `devicePower` while serving.
    package var loadFactor: Uncertain<ShareDimension>
    package var pue: Uncertain<RatioDimension>

    /// Epoch AI 2025's assumptions: 500 output tokens, 10 % utilisation, 70 % load factor ("average
    /// consumption found by Microsoft"), PUE 1.2 (SemiAnalysis: 1.1-1.3 for AI data centers).
    package static let epochSource = "epoch2025-chatgpt"
    @usableFromInline package static let defaultTokensOut = 500.0
    @usableFromInline package static let defaultUtilisation = 0.10
    @usableFromInline package static let defaultLoadFactor = 0.70
    @usableFromInline package static let defaultPUE = 1.2
    /// FLOP per parameter per token in a forward pass (Kaplan et al. 2020, Table 1: C_forward ≈ 2N).
    package static let flopPerParameterPerToken = 2.0

    /// A model of energy per query from compute: active parameters, tokens in and out, the
    /// accelerator and precision, utilisation (prefill apart if given), device power (else the
    /// accelerator's), load factor and PUE. Defaults are documented on their constants.
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
    package var effectivePrecision: String {
        if accelerator.peakTFLOPS[precision] == nil, precision == "bf16", accelerator.peakTFLOPS["fp16"] != nil { return "fp16" }
        return precision
    }

    /// Checks the inputs.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field (`model_params`, `tokens_in`,
    ///   `tokens_out`, `utilisation`, `prefill_utilisation`, `device_power`, `load_factor`,
    ///   `pue`, `precision`).
    package func validate() throws {
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
    package var perQuery: PerQueryEnergy
    /// A PUE to apply to a given or published figure that excludes the facility overhead.
    package var pue: Uncertain<RatioDimension>?
    /// A baseline to compare the per-query energy with (how many baseline queries equal one).
    package var baseline: PerQuerySource?
    /// Queries per unit of time (`9e9/day`).
    package var volume: Uncertain<Per<CountDimension, DurationDimension>>?
    /// The period the volume runs for; nil with a volume is one year.
    package var period: Uncertain<DurationDimension>?
    /// Yearly growth of the volume, compounded continuously over the period.
    package var growth: Uncertain<GrowthDimension>?
    /// A training run's energy (facility) for the break-even.
    package var trainingEnergy: Uncertain<EnergyDimension>?
    /// Grids (or a given intensity); empty for energy only.
    package var electricity: [ElectricityAccounting]
    /// The literature scenario the inputs come from, for the trail.
    package var scenario: InferenceScenario?
    /// The hardware whose embodied emissions the queries carry, amortised over their device
    /// time with the formula training uses (`EmbodiedHardware.addFormula`), if asked for.
    package var embodied: EmbodiedHardware?
    /// Power per device at the facility while serving, for the device time of a given or
    /// published figure (device time = energy / this power). From compute it is the model's
    /// power × load factor × PUE.
    package var embodiedDevicePower: Uncertain<PowerDimension>?
    /// Where that power comes from, for the trail.
    package var embodiedDevicePowerHow = "given: power per device at the facility while serving"
    /// The functional unit of the SCI score (with the embodied share and one grid): a query
    /// unless given; queries or tokens (a training run is training's unit).
    package var sciUnit: FunctionalUnit?

    /// An inference estimate: energy per query, PUE, an optional baseline to compare with, a volume
    /// of queries per time over a period with optional growth, the training energy for a
    /// break-even, the electricity accounting, and the literature scenario the inputs come from.
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
    package func validate() throws {
        var sources: [(PerQuerySource?, String)] = [(baseline, "baseline")]
        switch perQuery {
        case let .source(s): sources.append((s, "per_query"))
        case let .multiple(base, _): sources.append((base, "baseline"))
        case .compute: break
        }
        for (source, field) in sources {
            if let f = source?.figure, f.energy == nil {
                throw CO2eError(.invalidInput, "is a per-query emission figure with no published energy: it cannot be the energy of a query",
                                code: .notAvailable, field: field, value: f.id)
            }
        }
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
        if let unit = sciUnit {
            guard embodied != nil else {
                throw CO2eError(.invalidInput, "needs the embodied share M of the SCI, ((E × I) + M) / R: add the hardware's embodied emissions", code: .missingOption, field: "per")
            }
            guard electricity.count == 1 else {
                throw CO2eError(.invalidInput, "needs one grid or intensity: the SCI's E × I is the energy's location-based emissions", code: .missingOption, field: "per")
            }
            switch unit.kind {
            case .query: break
            case .run:
                throw CO2eError.input("per", unit.label, "is the functional unit of a training run, not of inference", accepted: "queries or tokens: query, 1000queries, 1M-tokens", code: .valueOutOfRange)
            case .token:
                var stated = false
                switch perQuery {
                case .compute: stated = true
                case let .source(.figure(f)): stated = f.tokensIn != nil || f.tokensOut != nil
                default: break
                }
                guard stated else {
                    throw CO2eError(.invalidInput, "needs the tokens per query, which this energy per query does not state: estimate it from compute (model parameters and tokens), or use a published figure that states its tokens",
                                    code: .missingOption, field: "per")
                }
            }
        }
        if let embodied {
            try embodied.validate()
            if case .compute = perQuery {} else {
                guard let p = embodiedDevicePower else {
                    throw CO2eError(.invalidInput, "is missing: the embodied share needs the devices' time, from the energy / the power per device at the facility, e.g. 1275W (an H100's share of its DGX server)",
                                    code: .missingOption, field: "device_power")
                }
                try Check.positive(p, field: "device_power")
            }
        }
    }

    // MARK: - The formula

    /// The period used: the one given, else one year when a volume is given.
    package var effectivePeriod: Uncertain<DurationDimension>? {
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

    /// Builds the formula: one part per case (the form of the per-query energy, a PUE, a
    /// baseline, a volume, the emissions, a published carbon figure, the break-even).
    func addFormula(to formula: inout Formula) -> InferenceParts {
        let part: any PerQueryPart
        switch perQuery {
        case let .source(s): part = SourcePerQuery(s, to: &formula)
        case let .multiple(base, m): part = MultiplePerQuery(of: base, m, to: &formula)
        case let .compute(c): part = ComputePerQuery(c, to: &formula)
        }
        let facilityPUE = appliedPUE.map { FacilityPUE($0, raw: part.raw, to: &formula) }
        let pq = facilityPUE?.facility ?? part.raw
        let qpk = formula.value("queries_per_kwh", CountDimension.self)
        formula.compute { x in x[qpk] = .number(1 / x[pq].kilowattHours) }
        let comparison: BaselineComparison? = isMultiple ? nil : baseline.map { BaselineComparison($0, perQuery: pq, to: &formula) }
        var queryVolume: QueryVolume?
        if let volume, let period = effectivePeriod {
            queryVolume = QueryVolume(volume, period: period, growth: growth, perQuery: pq, to: &formula)
        }
        let energy = queryVolume?.energy ?? pq
        let emissions: InferenceEmissions
        if electricity.count == 1 {
            let single = electricity[0].addFormula(to: &formula, energy: energy)
            var perQueryMass: Variable<MassDimension>?
            if queryVolume != nil {
                let m = formula.value("emissions_per_query", MassDimension.self)
                let loss = single.transmissionLoss
                formula.compute { x in x[m] = x[pq] / (1 - (loss.map { x[$0].fraction } ?? 0)) * x[single.intensity] }
                perQueryMass = m
            }
            emissions = .single(single, perQuery: perQueryMass)
        } else if electricity.count > 1 {
            emissions = .comparison(GridComparison(electricity).addFormula(to: &formula, energy: energy))
        } else {
            emissions = .none
        }
        var published: PublishedCarbon?
        if case let .source(.figure(f)) = perQuery, let carbon = f.carbon {
            let c = formula.input("published_carbon_per_query", carbon)
            var total: Variable<MassDimension>?
            if let queries = queryVolume?.queries {
                let t = formula.value("published_carbon", MassDimension.self)
                formula.compute { x in x[t] = x[c] * x[queries].number }
                total = t
            }
            // A figure over several scopes (Gemini's 0.03 g: scopes 1, 2 and 3) may publish its
            // scope 2 part apart: carried beside it, so it can be set against a grid estimate.
            var scope2: (perQuery: Variable<MassDimension>, total: Variable<MassDimension>?)?
            if let s2 = f.carbonScope2 {
                let c2 = formula.input("published_scope2_per_query", Uncertain<MassDimension>.exact(s2))
                var t2: Variable<MassDimension>?
                if let queries = queryVolume?.queries {
                    let t = formula.value("published_scope2", MassDimension.self)
                    formula.compute { x in x[t] = x[c2] * x[queries].number }
                    t2 = t
                }
                scope2 = (c2, t2)
            }
            published = PublishedCarbon(figure: f, perQuery: c, total: total, scope2: scope2)
        }
        let breakEven = trainingEnergy.map { BreakEvenPart($0, electricity: electricity, perQuery: pq, volume: queryVolume, to: &formula) }
        let embodiedPart = embodied.map { InferenceEmbodied($0, power: embodiedDevicePower, powerHow: embodiedDevicePowerHow, perQuery: part, energy: energy, queries: queryVolume?.queries,
                                                            emissions: emissions, unit: sciUnit ?? FunctionalUnit(.query), to: &formula) }
        return InferenceParts(perQuery: part, pue: facilityPUE, facilityPerQuery: pq, queriesPerKWh: qpk, baseline: comparison,
                              volume: queryVolume, emissions: emissions, publishedCarbon: published, breakEven: breakEven, embodied: embodiedPart)
    }

    // MARK: - The estimate

    /// The estimate as typed figures, with its trail. With a training energy, the trail's result
    /// is the break-even, with the training run and the inference as its parts.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs, naming the field.
    /// With `sampling` (or a distribution among the inputs) the figures are Monte Carlo
    /// percentiles of the same formula, with what drives their spread.
    public func estimate(sampling: MonteCarloSettings? = nil) throws -> InferenceResult {
        try validate()
        var formula = Formula()
        let b = addFormula(to: &formula)
        let figures = sampledFigures(b)
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        let trail = try describe(e, b, figures: figures)
        return result(e, b, trail: trail)
    }

    /// The trail of an evaluation: the inference alone, or the break-even with the training run
    /// and the inference as its parts.
    func describe(_ e: Evaluation, _ b: InferenceParts, figures: [SampledFigure]) throws -> Estimate {
        guard let breakEven = b.breakEven else {
            var inference = describeInference(e, b)
            MonteCarlo.describe(e, figures: figures, into: &inference)
            try inference.checkFinite()
            return inference
        }
        let inference = describeInference(e, b)
        let train = breakEven.training
        var training = Estimate(key: "training", title: "Training run")
        GivenFacilityEnergy(facility: train).describe(e, into: &training)
        if let te = breakEven.trainingElectricity {
            electricity[0].describe(e, te, energy: train, into: &training)
        }
        var top = Estimate(key: "inference_break_even", title: "Break-even: inference against training")
        top.steps.append(.init("training_energy", "Training energy", e.value(train), how: "given (facility, overhead included)"))
        top.steps.append(.init("per_query_energy", "Energy per query", e.value(b.facilityPerQuery), how: "from the inference part below"))
        top.results.append(.init("break_even_queries", "Queries using the training energy", e.value(breakEven.queries),
                                 how: "\(e.text(train)) / \(e.text(b.facilityPerQuery))"))
        if let volume = b.volume, let timed = breakEven.timed {
            let q = volume.volume, time = timed.time
            let how = volume.growing == nil
                ? "\(e.text(breakEven.queries)) / \(e.text(q, unit: Self.volumeUnit(e.interval(q)))): inference overtakes training after this long"
                : "solving V0 × 1 y / ln(1+g) × ((1+g)^(t / 1 y) − 1) = \(e.text(breakEven.queries)) for t (growth compounded continuously)"
            if e.interval(time).isFinite {
                top.results.append(.init("break_even_time", "Inference overtakes training after", e.value(time, unit: "d"), how: how))
            } else {
                top.results.append(.init("break_even_time", "Inference overtakes training after", .text("never at this volume"),
                                         how: "with the volume falling, all future queries together use less energy than the training run"))
            }
            let t = volume.period
            top.results.append(.init("inference_over_training", "Inference over \(e.text(t, unit: Self.periodUnit(e.interval(t)))) / training",
                                     e.value(timed.share, unit: "x"), how: "\(e.text(volume.energy)) / \(e.text(train))"))
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

    /// The typed figures of an evaluation.
    func result(_ e: Evaluation, _ b: InferenceParts, trail: Estimate) -> InferenceResult {
        var grids: [GridEmissions] = []
        var perQueryMass: Figure<MassDimension>?
        switch b.emissions {
        case .none: break
        case let .single(vars, m):
            grids = [vars.emissions(e, of: electricity[0])]
            perQueryMass = m.map { e.figure($0) }
        case let .comparison(vars):
            grids = vars.emissions(e, of: electricity)
        }
        let breakEven = b.breakEven.map { be in
            InferenceResult.BreakEven(trainingEnergy: e.figure(be.training), queries: e.figure(be.queries),
                                      time: be.timed.map { e.figure($0.time) }, inferenceOverTraining: be.timed.map { e.figure($0.share) },
                                      training: be.trainingElectricity.map { $0.emissions(e, of: electricity[0]) })
        }
        return InferenceResult(perQuery: e.figure(b.facilityPerQuery), queriesPerKilowattHour: e.figure(b.queriesPerKWh),
                               baselineMultiple: b.baseline.map { e.figure($0.multiple) }, queries: b.volume.map { e.figure($0.queries) },
                               periodEnergy: b.volume.map { e.figure($0.energy) }, grids: grids, emissionsPerQuery: perQueryMass,
                               publishedCarbon: b.publishedCarbon?.total.map { e.figure($0) }, breakEven: breakEven,
                               embodied: b.embodied.map { e.figure($0.part.total) }, trail: trail)
    }

    /// The figures a Monte Carlo summary reports: energy per query and over the period, the
    /// emissions, and the break-even.
    func sampledFigures(_ b: InferenceParts) -> [SampledFigure] {
        var out = [SampledFigure(b.facilityPerQuery, key: "per_query_energy", label: "Energy per query")]
        if let v = b.volume { out.append(SampledFigure(v.energy, key: "period_energy", label: "Energy over the period")) }
        switch b.emissions {
        case .none: break
        case let .single(s, _): out += s.figures
        case let .comparison(c): out += GridComparison(electricity).figures(c)
        }
        if let be = b.breakEven { out.append(SampledFigure(be.queries, key: "break_even_queries", label: "Queries using the training energy")) }
        if let m = b.embodied { out.append(SampledFigure(m.part.total, key: "embodied", label: "Embodied emissions (amortised)")) }
        return out
    }

    func describeInference(_ e: Evaluation, _ b: InferenceParts) -> Estimate {
        var title = "Inference"
        if let s = scenario { title = s.label }
        if let t = b.volume?.period { title += " over \(e.text(t, unit: Self.periodUnit(e.interval(t))))" } else { title += ": one query" }
        var est = Estimate(key: "inference", title: title)
        if let s = scenario {
            est.steps.append(.init("scenario", "Scenario", .text(s.id), how: s.note, citations: [Citation(source: s.source.id, at: "\(s.at) (\(s.origin))")]))
            est.cite(s.source)
        }
        describePerQuery(e, b, into: &est)
        if let v = b.volume {
            let volume = v.volume, t = v.period, queries = v.queries
            est.steps.append(.init("volume", "Queries", e.value(volume, unit: Self.volumeUnit(e.interval(volume))), how: "given"))
            est.steps.append(.init("period", "Period", e.value(t, unit: Self.periodUnit(e.interval(t))),
                                   how: period == nil ? "one year (no period given)" : "given"))
            if let growing = v.growing {
                let g = growing.growth, end = growing.endVolume
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
            est.results.append(.init("period_energy", "Energy over the period", Self.exactValue(e, v.energy), how: "\(e.text(queries)) × \(e.text(b.facilityPerQuery))"))
        }
        switch b.emissions {
        case .none: break
        case let .single(single, m):
            electricity[0].describe(e, single, energy: b.energy, into: &est)
            if let m {
                est.steps.append(.init("emissions_per_query", "Location-based emissions per query", e.value(m, unit: "g"),
                                       how: "\(e.text(b.facilityPerQuery))" + (single.transmissionLoss.map { " / (1 − \(e.text($0)))" } ?? "") + " × \(e.text(single.intensity))"))
            }
        case let .comparison(c):
            GridComparison(electricity).describe(e, c, energy: b.energy, into: &est)
        }
        if let p = b.publishedCarbon {
            let f = p.figure, c = p.perQuery
            let basis = f.carbonBasis == "unstated" || f.carbonBasis.isEmpty ? "basis not stated" : f.carbonBasis + "-based"
            est.steps.append(.init("published_carbon_per_query", "Published emissions per query", e.value(c, unit: "g"),
                                   how: "\(f.source.id), \(basis); \(f.carbonScopeDescription)", citations: [f.citation]))
            if let s2 = p.scope2 {
                est.steps.append(.init("published_scope2_per_query", "Published scope 2 per query", e.value(s2.perQuery, unit: "g"),
                                       how: "\(f.source.id), \(basis)", citations: [f.citation]))
            }
            if let total = p.total, let q = b.volume?.queries {
                est.results.append(.init("published_carbon", "Published-rate emissions (\(basis))", e.value(total),
                                         how: "\(e.text(q)) × \(e.text(c, unit: "g"))"))
                if let s2 = p.scope2, let t2 = s2.total {
                    est.results.append(.init("published_scope2", "Published-rate scope 2 (\(basis))", e.value(t2),
                                             how: "\(e.text(q)) × \(e.text(s2.perQuery, unit: "g"))"))
                }
            }
            if f.carbonScope == "scopes1-3" {
                let part = p.scope2.map { " Scope 2 alone is \(e.text($0.perQuery, unit: "g")) per query: set that against a grid-factor (scope 2) estimate." } ?? ""
                est.warn("published_scopes_1_3", "\(f.id)'s \(e.text(c, unit: "g")) per query counts scope 2 (the electricity) and scopes 1 and 3 (on-site emissions and, among others, the hardware's embodied emissions).\(part)")
            }
            if f.carbonBasis == "market" {
                est.warn("market_based_figure", "\(f.id)'s \(e.text(c, unit: "g")) per query is market-based: it counts the operator's clean-energy purchases. It is not comparable with a location-based figure from a grid factor, which would be higher.")
            }
        }
        if let m = b.embodied { m.describe(e, volume: b.volume, into: &est) }
        if electricity.isEmpty && b.publishedCarbon == nil {
            est.assume("energy_only", "No grid or intensity given: energy only. Add a grid (a country, an eGRID subregion or a cloud region) or an intensity for emissions.")
        }
        return est
    }

    func describePerQuery(_ e: Evaluation, _ b: InferenceParts, into est: inout Estimate) {
        b.perQuery.describe(e, run: self, into: &est)
        // PUE on a given or published figure.
        if let s = b.perQuery.source {
            let f = s.figure
            if let p = b.pue {
                est.steps.append(.init("pue", "PUE", e.value(p.pue), how: "given: facility energy / IT energy"))
                est.steps.append(.init("per_query_energy", "Energy per query at the facility", e.value(p.facility),
                                       how: "\(e.text(b.perQuery.raw)) × PUE \(e.text(p.pue))"))
            } else if let pue, let f, f.pueIncluded == true || f.covers == .facility {
                est.warn("pue_already_included", "PUE \(Quantity<RatioDimension>.format(pue.interval)) was not applied: \(f.id) already includes the data center's overhead (it covers \(f.covers.description)); applying it again would count the overhead twice.")
            } else if let f, f.covers != .facility, f.covers != .device {
                let why = f.pueIncluded == nil ? "does not say whether it includes the data center's overhead (PUE)" : "leaves out the data center's overhead (PUE)"
                est.warn("pue_not_included", "\(f.id) \(why); the energy the facility draws is higher by the PUE (about 1.1-1.6). Give a PUE to add it.")
            }
        }
        est.steps.append(.init("queries_per_kwh", "Queries per kWh", e.value(b.queriesPerKWh), how: "1 kWh / \(e.text(b.facilityPerQuery))"))
        if let c = b.baseline {
            let base = c.baseline
            let label = "Baseline queries per query (\(base.name))"
            if let f = base.figure {
                est.steps.append(.init("baseline_energy", "Baseline: \(f.label)", e.value(c.energy),
                                       how: "\(f.id) (\(f.year)): covers \(f.coverageDescription)", citations: [f.citation]))
                est.cite(f.source)
            } else {
                est.steps.append(.init("baseline_energy", "Baseline energy per query", e.value(c.energy), how: "given"))
            }
            est.results.append(.init("multiple", label, e.value(c.multiple, unit: "x"), how: "\(e.text(b.facilityPerQuery)) / \(e.text(c.energy))"))
            if let f = base.figure, let mine = perQuerySourceFigure, mine.covers != f.covers || mine.pueIncluded != f.pueIncluded {
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
