import CO2eKit

/// `co2e inference`: energy per query, volumes over a period, multiples of a baseline, the
/// break-even with training, and emissions through the electricity options.
struct InferenceCommand: Command {
    static let name = "inference"
    static let abstract = "Estimate inference: energy per query, volumes over a period, multiples of a baseline, the break-even with training."
    static let discussion = """
    ENERGY PER QUERY, one of:
      --per-query FIGURE|ENERGY       a published figure (see --list-figures) or an energy: 2.9Wh
      --baseline FIGURE --multiplier X     X times a baseline ("ten times a web search")
      --model-params N [--tokens-in N] [--tokens-out N] [--accelerator ID]     from compute:
          2 FLOP per parameter per token / (peak FLOP/s x utilisation) x power x load x PUE;
          defaults are Epoch AI's GPT-4o estimate (500 output tokens, H100, 10 % utilisation,
          1,275 W per GPU at 70 % load, PUE 1.2: 0.3 Wh)
      --scenario every-search-ai      de Vries 2023: every Google search answered by an LLM
    Published figures count different things (accelerators only, whole servers, idle capacity,
    the facility's overhead); the trail says what each covers and warns when a figure is used
    outside it. --pue is applied only to a figure that leaves the overhead out.
    With --queries (a rate: 1e9/day, 11.6k/s) the energy is over --period (default 1y); with
    --growth the period's queries are the integral of the growing volume. --baseline with
    --per-query gives how many baseline queries equal one. --break-even ENERGY gives how many
    queries use a training run's energy, and after how long inference overtakes training.
    Emissions need --grid or --intensity (every electricity option of 'co2e training' works
    here); without them co2e prints energy, and a figure's published emissions where it has one.
    --embodied adds the hardware's embodied share, amortised as in 'co2e training --embodied'
    over the queries' device time (energy / --device-power at the facility; from compute, power
    x load x PUE), and with one grid the life-cycle total and the SCI per query, ((E x I) + M) / R;
    --per names another functional unit R (1000queries; 1M-tokens, from compute or a figure
    that states its tokens).
    With no --accelerator and no --device-embodied it assumes H100s (NVIDIA's 1,312 kg per 8-GPU
    baseboard, host server left out) and says so in a warning.

    EXAMPLES:
      co2e inference --queries 1e9/day --per-query 2.9Wh --grid US --period 1y
      co2e inference --queries 9e9/day --baseline web-search-2009 --multiplier 10 --grid US --period 1y
      co2e inference --model-params 100B --tokens-out 500 --accelerator H100 --grid US
      co2e inference --model-params 70B --tokens-in 10k --tokens-out 500 --accelerator H100 --grid IE
      co2e inference --queries 1e9/day --per-query gemini-2025-median --period 1y --break-even 50..60GWh
      co2e inference --per-query chatgpt-2023 --baseline web-search-2009
      co2e inference --scenario every-search-ai --grid US
      co2e inference --queries 1e9/day --per-query 0.34Wh --grid US --period 1y --embodied
      co2e inference --queries 1e9/day --per-query 0.34Wh --grid US --embodied --accelerator A100
      co2e inference --queries 1e9/day --model-params 100B --tokens-out 500 --grid US --period 1y --embodied --per 1M-tokens
      co2e inference --list-figures
      co2e inference --list-accelerators
    """

    static let perQuery = Option<PerQuerySource>("per-query", "FIGURE|ENERGY", "Energy of one query: a published figure's id (gemini-2025-median, chatgpt-2023; see --list-figures) or an energy (2.9Wh, 0.3..3Wh, 2.9Wh/query), taken as the facility's unless --pue is given.", parse: parseSource(field: "per_query"))
    static let baseline = Option<PerQuerySource>("baseline", "FIGURE|ENERGY", "The figure to compare with or multiply: web-search-2009, or an energy.", parse: parseSource(field: "baseline"))
    static let multiplier = Option<Uncertain<RatioDimension>>.quantity("multiplier", "X", "Energy of one query as a multiple of --baseline: 10, 10x, or a range 23..30.")
    static let queries = Option<Uncertain<Per<CountDimension, DurationDimension>>>("queries", "RATE", "Queries per unit of time: 1e9/day, 9B/day, 11.6k/s, 3.3T/y, or a range 8e9..1e10/day.", parse: parseVolume)
    static let period = Option<Uncertain<DurationDimension>>.quantity("period", "TIME", "How long the volume runs: 1y, 90d, 6wk (default 1y with --queries).")
    static let growth = Option<Uncertain<GrowthDimension>>.quantity("growth", "RATE", "Yearly growth of the volume: 25%/y, -5%/y; compounded continuously over the period.")
    static let pue = Option<Uncertain<RatioDimension>>.quantity("pue", "PUE", "Power usage effectiveness for a figure that leaves the facility overhead out (1.1, 1.1..1.4); with --model-params, the model's PUE (default 1.2).")
    static let modelParams = Option<Uncertain<CountDimension>>.quantity("model-params", "N", "Active parameters per token, for energy from compute: 100B, 70B, 8B.")
    static let tokensIn = Option<Uncertain<CountDimension>>.quantity("tokens-in", "N", "Input tokens per query, processed in one prefill pass (default 0): 10k.")
    static let tokensOut = Option<Uncertain<CountDimension>>.quantity("tokens-out", "N", "Output tokens per query (default 500, Epoch AI 2025).")
    /// The accelerator assumed when none is named (from compute, and for --embodied).
    static let defaultAccelerator = "H100"
    static let accelerator = Option<Accelerator>("accelerator", "ID", "The accelerator (default H100): H100, H200, B200, GB200, A100, V100, MI300X, TPUv4, TPUv5e, TPUv5p, TPUv6e; see --list-accelerators.") { try InferenceCatalog.accelerator($0) }
    static let precision = Option<String>("precision", "PRECISION", "Which peak FLOP/s applies: bf16 (default), fp16, fp8, int8, tf32, fp64.") { text in
        let p = text.lowercased()
        guard Accelerator.precisions.contains(p) else {
            throw CO2eError(.invalidInput, "is not a precision co2e knows", value: text, accepted: Accelerator.precisions.joined(separator: ", "))
        }
        return p
    }
    static let utilisation = Option<Uncertain<ShareDimension>>.quantity("utilisation", "SHARE", "Delivered / peak FLOP/s while generating (default 10%, Epoch AI 2025): 10%, 5..20%.")
    static let prefillUtilisation = Option<Uncertain<ShareDimension>>.quantity("prefill-utilisation", "SHARE", "Delivered / peak FLOP/s while reading the input (default: --utilisation).")
    static let devicePower = Option<Uncertain<PowerDimension>>.quantity("device-power", "POWER", "Power per device (default: its share of its server, e.g. 1,275 W for an H100 in a DGX H100; else its TDP): 700W.")
    static let loadFactor = Option<Uncertain<ShareDimension>>.quantity("load-factor", "SHARE", "Average power as a share of --device-power (default 70%, Epoch AI 2025).")
    static let breakEven = Option<Uncertain<EnergyDimension>>.quantity("break-even", "ENERGY", "A training run's energy (facility): how many queries use as much, and when inference overtakes it: 50..60GWh.")
    static let scenario = Option<InferenceScenario>("scenario", "ID", "A published scenario: every-search-ai (de Vries 2023: 9 billion searches a day answered by an LLM).") { try InferenceCatalog.scenario($0) }
    static let listFigures = Flag("list-figures", "List the published per-query figures co2e knows, with what each covers, its year and source.")
    static let listAccelerators = Flag("list-accelerators", "List the accelerators co2e knows, with TDP, server share, peak FLOP/s per precision and memory.")

    static var computeOptions: [any OptionDeclaration] {
        [tokensIn, tokensOut, accelerator, precision, utilisation, prefillUtilisation, devicePower, loadFactor]
    }

    static var options: [any OptionDeclaration] {
        [perQuery, baseline, multiplier, queries, period, growth, pue, modelParams] + computeOptions
            + [breakEven, scenario, listFigures, listAccelerators] + embodiedOptions + ElectricityOptions.options + SamplingOptions.options
    }

    /// `--embodied` and its inputs: training's options, read by the same code (`EmbodiedOptions`).
    static var embodiedOptions: [any OptionDeclaration] {
        [EmbodiedOptions.embodied, EmbodiedOptions.deviceEmbodied, EmbodiedOptions.serverEmbodied, EmbodiedOptions.devicesPerServer,
         EmbodiedOptions.lifetime, EmbodiedOptions.embodiedUtilisation, EmbodiedOptions.embodiedSource, EmbodiedOptions.per]
    }

    /// Inputs of the energy from compute that `--embodied` also reads (the accelerator's
    /// figures, the power per device).
    static var sharedWithEmbodied: [any OptionDeclaration] { [accelerator, devicePower] }

    static var rules: [Rule] {
        [.oneOf([perQuery, multiplier, modelParams, scenario, listFigures, listAccelerators], required: false),
         .requires(multiplier, baseline, because: "a multiplier multiplies a baseline, e.g. --baseline web-search-2009 --multiplier 10"),
         .requires(period, queries, because: "a period needs a volume, e.g. --queries 1e9/day"),
         .requires(growth, queries, because: "growth applies to a volume, e.g. --queries 1e9/day"),
         .conflicts(scenario, queries), .conflicts(scenario, baseline)]
            + computeOptions.filter { o in !sharedWithEmbodied.contains { $0.flagName == o.flagName } }
                .map { .requires($0, modelParams, because: "it is an input of the energy from compute") }
            + embodiedOptions.dropFirst().map { .requires($0, EmbodiedOptions.embodied) }
            + [.requires(EmbodiedOptions.devicesPerServer, EmbodiedOptions.serverEmbodied), .conflicts(EmbodiedOptions.embodied, scenario),
               .conflicts(EmbodiedOptions.embodied, breakEven, because: "the break-even compares energy")]
            + ElectricityOptions.rules(required: false)
    }

    static func run(_ a: Arguments) throws -> Output {
        if a[listFigures] || a[listAccelerators] {
            let list = a[listFigures] ? try InferenceListing.figures() : try InferenceListing.accelerators()
            return .estimate(list)
        }
        let run = try request(a)
        var estimate: Estimate
        do {
            estimate = try run.estimate(sampling: try SamplingOptions.settings(a, distributions: false)).trail
        } catch var error as CO2eError where error.field == EmbodiedOptions.hardwareUtilisation {
            error.field = EmbodiedOptions.embodiedUtilisation.field
            throw error
        }
        ElectricityOptions.addHints(to: &estimate)
        return .estimate(estimate)
    }

    /// The inference run the options describe.
    static func request(_ a: Arguments) throws -> InferenceRun {
        let grids = try ElectricityOptions.accountings(a)
        if grids.isEmpty, let extra = (ElectricityOptions.marketOptions + [ElectricityOptions.cfe, ElectricityOptions.netIntensity, ElectricityOptions.tdLoss]).first(where: a.has) {
            throw CO2eError.input("\(extra.flagName) needs --grid or --intensity: it changes the emissions of the electricity")
        }
        if let s = try a.value(scenario) {
            return try InferenceRun(scenario: s, pue: try a.value(pue), period: try a.value(period), growth: try a.value(growth),
                                    trainingEnergy: try a.value(breakEven), electricity: grids)
        }
        var baselineGiven = try a.value(baseline)
        let form: PerQueryEnergy
        if let m = try a.value(multiplier), let base = baselineGiven {
            form = .multiple(of: base, m)
            baselineGiven = nil
        } else if let p = try a.value(perQuery) {
            form = .source(p)
        } else if let params = try a.value(modelParams) {
            var model = ComputeModel(activeParameters: params, accelerator: try a.value(accelerator) ?? InferenceCatalog.accelerator(defaultAccelerator))
            if let t = try a.value(tokensIn) { model.tokensIn = t }
            if let t = try a.value(tokensOut) { model.tokensOut = t }
            if let p = try a.value(precision) { model.precision = p }
            if let u = try a.value(utilisation) { model.utilisation = u }
            model.prefillUtilisation = try a.value(prefillUtilisation)
            model.devicePower = try a.value(devicePower)
            if let l = try a.value(loadFactor) { model.loadFactor = l }
            if let p = try a.value(pue) { model.pue = p }
            form = .compute(model)
        } else {
            throw CO2eError.input("give the energy per query: --per-query FIGURE|ENERGY, --baseline FIGURE --multiplier X, --model-params N, or --scenario ID (see --help; --list-figures lists the published figures)")
        }
        var pueGiven: Uncertain<RatioDimension>?
        if case .compute = form {} else { pueGiven = try a.value(pue) }
        var run = InferenceRun(perQuery: form, pue: pueGiven, baseline: baselineGiven, volume: try a.value(queries), period: try a.value(period),
                               growth: try a.value(growth), trainingEnergy: try a.value(breakEven), electricity: grids)
        if !a.has(modelParams), let shared = sharedWithEmbodied.first(where: a.has), !a[EmbodiedOptions.embodied] {
            throw CO2eError(.invalidInput, "goes with --model-params (energy from compute) or with --embodied (the hardware's embodied emissions)",
                            code: .missingOption, field: shared.field)
        }
        if a[EmbodiedOptions.embodied] {
            if grids.count > 1 {
                throw CO2eError(.invalidInput, "is given with more than one grid; compare grids without it, or give one grid", code: .conflictingOptions, field: EmbodiedOptions.embodied.field)
            }
            do {
                var device: Accelerator? = try a.value(accelerator)
                // No hardware named: the inference default (H100) with its bundled figures, said in a warning.
                let defaulted = device == nil && !a.has(EmbodiedOptions.deviceEmbodied)
                if defaulted { device = try InferenceCatalog.accelerator(defaultAccelerator) }
                run.embodied = try EmbodiedOptions.hardware(a, accelerator: device, utilisation: try a.value(EmbodiedOptions.embodiedUtilisation), asked: true)
                run.sciUnit = try a.value(EmbodiedOptions.per)
                if defaulted {
                    let figures = run.embodied?.classes.map { "\($0.key) \($0.figureID ?? "given")" }.joined(separator: ", ") ?? ""
                    run.embodied?.defaultWarning = "No hardware named: the embodied share assumes \(defaultAccelerator)s (co2e inference's default accelerator) with their bundled figures (\(figures)), amortised over the first figure's lifetime charging only the time in use (give --embodied-utilisation to charge a fleet's idle time); name the hardware with --accelerator, or give --device-embodied (and --server-embodied with --devices-per-server)."
                }
                if case .compute = form {} else {
                    if let p = try a.value(devicePower) {
                        run.embodiedDevicePower = p
                    } else if let d = device, let p = d.serverPower ?? d.tdp {
                        run.embodiedDevicePower = .exact(p)
                        run.embodiedDevicePowerHow = "\(d.id)'s \(d.serverPower == nil ? "TDP" : "share of its server") (no PUE: for a facility energy the device time, and so the embodied share, errs high by the PUE; give --device-power with it)"
                    }
                }
            } catch var error as CO2eError where error.field == "utilisation" {
                // Here --utilisation is the FLOP utilisation: the amortisation's is --embodied-utilisation.
                error.field = EmbodiedOptions.embodiedUtilisation.field
                throw error
            }
        }
        return run
    }

    /// A figure id, or an energy (`2.9Wh`, `2.9Wh/query`, `0.3..3Wh`).
    static func parseSource(field: String) -> @Sendable (String) throws -> PerQuerySource {
        { text in
            let trimmed = text.trimmingCharacters()
            // A distribution (uniform:0.24Wh,2.9Wh) is an energy, not a figure's id.
            let isDistribution = trimmed.firstIndex(of: ":").map { c in !trimmed[..<c].isEmpty && trimmed[..<c].allSatisfy(\.isLetter) } ?? false
            guard isDistribution || trimmed.first.map({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) == true else {
                return .figure(try InferenceCatalog.figure(trimmed, field: field))
            }
            do {
                return .given(try Energy.parseRange(trimmed))
            } catch let energyError {
                if trimmed.contains("/"), let perItem = try? Quantity<Per<EnergyDimension, CountDimension>>.parseRange(trimmed) {
                    // kWh per item in base units is kWh for one item.
                    return .given(Uncertain(baseInterval: perItem.interval))
                }
                throw energyError
            }
        }
    }

    /// A rate: `1e9/day`; a bare count is refused with a hint to add the period.
    @Sendable static func parseVolume(_ text: String) throws -> Uncertain<Per<CountDimension, DurationDimension>> {
        if !text.contains("/"), (try? Count.parseRange(text)) != nil {
            throw CO2eError(.invalidInput, "is a count without a period; a volume is queries per unit of time", value: text,
                            accepted: "a rate such as 1e9/day, 11.6k/s or 3.3T/y")
        }
        return try Quantity<Per<CountDimension, DurationDimension>>.parseRange(text)
    }
}

private extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
