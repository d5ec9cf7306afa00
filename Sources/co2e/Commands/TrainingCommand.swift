import CO2eKit

/// `co2e training`: a training run's energy and emissions.
struct TrainingCommand: Command {
    static let name = "training"
    static let abstract = "Estimate a training run's energy and emissions, from its energy or from its hardware."
    static let discussion = """
    ENERGY, one of:
      --energy E                      energy drawn by the facility (add --pue if E is IT energy)
      --devices N --device-power P --hours T --pue X     Patterson et al. 2021, Sec. 2.5
      --device-hours H --device-power P --pue X          GPU-hours, as model cards give them
      --params N --tokens T --accelerator ID --devices N --device-power P --utilisation U --pue X
                                      from compute: 6 N T FLOP (Kaplan et al. 2020), or --flops F;
                                      time = FLOP / (devices x peak FLOP/s x utilisation)
      --facility-power P --hours T --load-factor L    a facility's power x time x load (IEA 2025)
    Use --pue-included instead of --pue when the figure already includes the facility overhead
    (Patterson's GPT-3 1,287 MWh; Meta's model-card power), so PUE is not counted twice.
    --model ID                      a published run (see --list-models): its inputs and figures,
                                    recomputed with the same formula; --grid, --intensity,
                                    --devices, --device-power, --hours, --device-hours or --pue
                                    beside it replace that one published input
    Counts take k, M and B: --device-hours 30.84M. A range (50..60GWh) is carried through every
    step; its ends are exact (each figure is evaluated at the ends of the inputs it depends on).

    EXAMPLES:
      co2e training --energy 50..60GWh --grid US
      co2e training --energy 50..60GWh --grid FR --grid US
      co2e training --energy 50..60GWh --grid US --equivalents
      co2e training --devices 10000 --device-power 400W --hours 2160 --pue 1.1 --grid IE
      co2e training --energy 1287MWh --pue-included --intensity 0.429kg/kWh
      co2e training --device-hours 30.84M --device-power 700W --pue-included --intensity 0.4137kg/kWh
      co2e training --energy 2GWh --grid us-central1 --market-based --recs 100%
      co2e training --energy 50..60GWh --pue tri:1.1,1.2,1.4 --intensity lognormal:400g/kWh,0.25 --samples 1e6
      co2e training --params 175B --tokens 300B --accelerator V100 --devices 10000 --device-power 330W --utilisation 19.7% --pue 1.1 --intensity 429g/kWh
      co2e training --facility-power 22MW --hours 14wk --load-factor 84% --grid US
      co2e training --device-hours 1082990 --accelerator A100 --device-power 400W --pue-included --intensity 57g/kWh --embodied
      co2e training --device-hours 1082990 --accelerator A100 --device-power 400W --pue-included --intensity 57g/kWh --embodied --per run
      co2e training --params 175B --tokens 300B --accelerator V100 --devices 10000 --device-power 330W --utilisation 19.7% --pue 1.1 --intensity 429g/kWh --embodied --device-embodied 150kg --lifetime 6y --embodied-utilisation 85% --per 1M-tokens
      co2e training --model gpt-3
      co2e training --model gpt-3 --grid FR
      co2e training --model bloom-176b --pue 1.2
      co2e training --list-models

    \(SamplingOptions.help)
    """

    static let energy = Option<Uncertain<EnergyDimension>>.quantity("energy", "ENERGY", "Energy of the run: 50GWh, '1,287 MWh', or a range 50..60GWh. Taken as the facility's (overhead included) unless --pue is given.")
    static let devices = Option<Uncertain<CountDimension>>.quantity("devices", "N", "Number of accelerators (GPUs, TPUs), with --device-power and --hours: 10000, 10k.")
    static let devicePower = Option<Uncertain<PowerDimension>>.quantity("device-power", "POWER", "Average power per device: 400W, 0.3kW (measured average; TDP is an upper bound).")
    static let hours = Option<Uncertain<DurationDimension>>("hours", "TIME", "Length of the run: hours (2160, 1.3e6, 1.3M), or with a unit (90d, 14.8d, 3wk).", field: "hours", parse: TimeSpan.parseHours)
    static let deviceHours = Option<Uncertain<CountDimension>>.quantity("device-hours", "N", "Device-hours (GPU-hours), instead of --devices and --hours: 1082990, 30.84M.")
    static let pue = Option<Uncertain<RatioDimension>>.quantity("pue", "PUE", "Power usage effectiveness (facility energy / IT energy): 1.1, or a range 1.1..1.4.")
    static let pueIncluded = Flag("pue-included", "The energy or power figure already includes the facility overhead; no PUE is applied.")
    static let model = Option<String>("model", "ID", "A published training run (gpt-3, bloom-176b, llama-3.1-405b; see --list-models): its published inputs and figures, recomputed. Options beside it replace one input each.")
    static let listModels = Flag("list-models", "List the published training runs co2e knows, with their published energy and emissions, year and source.")

    static let params = Option<Uncertain<CountDimension>>.quantity("params", "N", "Parameters of the model, for energy from compute (6 FLOP per parameter per token, Kaplan et al. 2020): 175B, 70B.")
    static let tokens = Option<Uncertain<CountDimension>>.quantity("tokens", "N", "Training tokens, with --params: 300B, 15T is 15000B.")
    static let flops = Option<Uncertain<ComputeDimension>>("flops", "FLOP", "The run's compute directly, instead of --params and --tokens: 3.14e23, 3.14e23FLOP, 314ZFLOP, or a range.", parse: parseFLOP)

    /// FLOP as written, or a bare number of FLOP: `3.14e23` and `3.14e23FLOP` are read in ZFLOP,
    /// as a run's FLOP exceed the 1e18 co2e reads in one unit.
    @Sendable static func parseFLOP(_ text: String) throws -> Uncertain<ComputeDimension> {
        guard !text.contains(":") else { return try Compute.parseRange(text) }
        let sides = text.split(separator: "..", omittingEmptySubsequences: false).map { side -> String in
            var t = String(side).trimmingSpaces
            if t.hasSuffix("FLOP"), let x = NumberText.parse(String(t.dropLast(4)).trimmingSpaces) { t = String(x) }
            if let x = NumberText.parse(t), x.isFinite { return "\(x / 1e21)ZFLOP" }
            return t
        }
        do { return try Compute.parseRange(sides.joined(separator: "..")) } catch var error as CO2eError {
            error.value = EchoedText.value(text)
            throw error
        }
    }
    static let accelerator = Option<Accelerator>("accelerator", "ID", "The accelerator, for its peak FLOP/s (from compute) and its embodied figures (--embodied): V100, A100, H100; see 'co2e inference --list-accelerators'.") { try InferenceCatalog.accelerator($0) }
    static let precision = Option<String>("precision", "PRECISION", "Which peak FLOP/s applies, from compute: bf16 (default; fp16 on a device without bf16), fp16, fp8, int8, tf32, fp64.") { $0.lowercased() }
    static let utilisation = Option<Uncertain<ShareDimension>>.quantity("utilisation", "SHARE", "From compute: delivered / peak FLOP/s over the run (19.7%). Otherwise, with --embodied: the share of its lifetime the hardware is in use (85%).")
    static let facilityPower = Option<Uncertain<PowerDimension>>.quantity("facility-power", "POWER", "Power of the facility's equipment, with --hours and --load-factor: 22MW.")
    static let loadFactor = Option<Uncertain<ShareDimension>>.quantity("load-factor", "SHARE", "Average load as a share of --facility-power: 84%.")

    static var computeOptions: [any OptionDeclaration] { [params, tokens, flops, accelerator, precision, utilisation, facilityPower, loadFactor] }

    static var options: [any OptionDeclaration] {
        [energy, devices, devicePower, hours, deviceHours, pue, pueIncluded, model, listModels] + computeOptions + EmbodiedOptions.options
            + ElectricityOptions.options + SamplingOptions.options
            + [EquivalentsOption.flag]
    }

    static var rules: [Rule] {
        // --model's conflicts first: an input it replaces is refused before the rules among inputs
        // ask for a companion that would be refused too (--params asked for --tokens, then --tokens was refused).
        [.conflicts(model, energy, because: "the run's energy is what --model recomputes"),
         .conflicts(model, pueIncluded, because: "the catalogue says whether the run's power includes the overhead"),
         .conflicts(listModels, model)]
            + (computeOptions + EmbodiedOptions.options).map { .conflicts(model, $0, because: "--model recomputes a published run from its own inputs") } +
        [.conflicts(pue, pueIncluded, because: "counting PUE twice is a common error"),
         .oneOf([energy, devicePower, facilityPower], required: false),
         .conflicts(flops, params, because: "--params and --tokens give the FLOP as 6 N T"), .conflicts(flops, tokens, because: "--params and --tokens give the FLOP as 6 N T"),
         .requires(tokens, params, because: "the FLOP are 6 × parameters × tokens"), .requires(params, tokens, because: "the FLOP are 6 × parameters × tokens"),
         .conflicts(flops, hours, because: "the time follows from the FLOP"), .conflicts(params, hours, because: "the time follows from the FLOP"),
         .conflicts(flops, deviceHours), .conflicts(params, deviceHours),
         .requires(loadFactor, facilityPower), .requires(precision, accelerator),
         .conflicts(facilityPower, devices), .conflicts(facilityPower, deviceHours), .conflicts(facilityPower, pue, because: "the facility's power includes its overhead"),
         .conflicts(facilityPower, pueIncluded, because: "the facility's power includes its overhead"),
         .conflicts(energy, devices), .conflicts(energy, hours), .conflicts(energy, deviceHours),
         .conflicts(deviceHours, devices), .conflicts(deviceHours, hours)]
            + EmbodiedOptions.rules + ElectricityOptions.rules(required: false)
    }

    static func run(_ a: Arguments) throws -> Output {
        if a[listModels] {
            if let extra = options.first(where: { $0.name != listModels.name && a.has($0) }) {
                throw CO2eError(.invalidInput, "cannot be given with --list-models, which lists the runs and takes no other input", code: .conflictingOptions, field: extra.field)
            }
            return .estimate(try TrainingCatalog.listing())
        }
        if let id = a.text(model) { return try published(id, a) }
        if !a.has(energy) && !a.has(devicePower) && !a.has(facilityPower) {
            throw CO2eError.input("give --energy ENERGY, --device-power POWER or --facility-power POWER (the energy, --energy 50GWh, the hardware, --devices N --device-power P --hours T --pue X, or a facility's power, --facility-power 22MW --hours 14wk --load-factor 84%), or --model ID for a published run", code: .missingOption)
        }
        if !a.has(ElectricityOptions.grid) && !a.has(ElectricityOptions.intensity) {
            throw CO2eError.input("give --grid ZONE or --intensity INTENSITY (e.g. --grid US or --intensity 429g/kWh)", code: .missingOption)
        }
        let grids = try ElectricityOptions.accountings(a)
        let form = try energyForm(a)
        let sampling = try SamplingOptions.settings(a, distributions: false)
        let isCompute = a.has(params) || a.has(flops)
        let device = try a.value(accelerator)
        if device != nil && !isCompute && !a[EmbodiedOptions.embodied] {
            throw CO2eError(.invalidInput, "goes with --params and --tokens (or --flops), for its peak FLOP/s, or with --embodied, for its embodied figures",
                            code: .missingOption, field: accelerator.field)
        }
        // The energy alone, or a facility's power, gives no device time: say so before asking for
        // the lifetime and utilisation that would be of no use without it.
        if a[EmbodiedOptions.embodied] && (a.has(energy) || a.has(facilityPower)) { throw TrainingRun.noDeviceTime }
        let hardware = try EmbodiedOptions.hardware(a, accelerator: device, utilisation: isCompute ? nil : try a.value(utilisation))
        // Devices for a time: each is in use for that time, which must not pass its lifetime × utilisation.
        if let hardware, a.has(devices), let time = try a.value(hours) { try hardware.checkUse(time, field: hours.field) }
        if hardware != nil && grids.count > 1 {
            throw CO2eError(.invalidInput, "is given with more than one grid; compare grids without it, or give one grid", code: .conflictingOptions, field: EmbodiedOptions.embodied.field)
        }
        let result: TrainingResult
        do {
            result = grids.count > 1
                ? try TrainingRun.compare(energy: form, on: grids, sampling: sampling)
                : try {
                    var run = TrainingRun(energy: form, electricity: grids[0], embodied: hardware, idleEnergy: try a.value(EmbodiedOptions.idleEnergy))
                    run.sciUnit = try a.value(EmbodiedOptions.per)
                    return try run.estimate(sampling: sampling)
                }()
        } catch var error as CO2eError where error.field == EmbodiedOptions.hardwareUtilisation {
            // The amortisation's utilisation came from --embodied-utilisation, or from --utilisation outside the compute form.
            error.field = a.has(EmbodiedOptions.embodiedUtilisation) ? EmbodiedOptions.embodiedUtilisation.field : utilisation.field
            throw error
        }
        var estimate = result.trail
        ElectricityOptions.addHints(to: &estimate)
        // One grid: its figures are the estimate's; a comparison has a part per grid.
        if grids.count > 1 {
            try EquivalentsOption.apply(a, to: &estimate, masses: [], parts: result.grids.map(\.namedMasses))
        } else {
            try EquivalentsOption.apply(a, to: &estimate, masses: result.grids[0].namedMasses)
        }
        return .estimate(estimate)
    }

    /// A published run (`--model ID`), recomputed, with the options given beside it replacing
    /// one published input each. The catalogue is read only here.
    static func published(_ id: String, _ a: Arguments) throws -> Output {
        let run = try TrainingCatalog.run(id)
        let grids = try ElectricityOptions.accountings(a)
        if grids.count > 1 {
            throw CO2eError(.invalidInput, "is given more than once with --model; compare grids with --energy or the hardware options", code: .conflictingOptions, field: ElectricityOptions.grid.field)
        }
        let overrides = RunOverrides(devices: try a.value(devices), devicePower: try a.value(devicePower), time: try a.value(hours),
                                     deviceHours: try a.value(deviceHours), pue: try a.value(pue))
        var carbonFree: CarbonFreeEnergy? = try a.value(ElectricityOptions.cfe)
        if let i = try a.value(ElectricityOptions.netIntensity) { carbonFree = .netIntensity(i) }
        let result = try run.reproduced(overrides: overrides, electricity: grids.first, carbonFree: carbonFree,
                                        market: try ElectricityOptions.market(a), transmissionLoss: try a.value(ElectricityOptions.tdLoss),
                                        sampling: try SamplingOptions.settings(a, distributions: false))
        var estimate = result.trail
        ElectricityOptions.addHints(to: &estimate)
        if a[EquivalentsOption.flag] && result.grids.isEmpty {
            throw CO2eError(.invalidInput, "needs recomputed emissions: \(run.id) has none here (give a grid or an intensity, or it publishes no inputs)",
                            code: .missingOption, field: EquivalentsOption.flag.field)
        }
        try EquivalentsOption.apply(a, to: &estimate, masses: result.grids.first?.namedMasses ?? [])
        return .estimate(estimate)
    }

    /// The energy the options describe (the library checks which form they make).
    static func energyForm(_ a: Arguments) throws -> TrainingEnergy {
        if let power = try a.value(facilityPower) {
            guard let time = try a.value(hours) else {
                throw CO2eError(.invalidInput, "the facility form needs the length of the run, e.g. 14wk or 2352", code: .missingOption, field: hours.field)
            }
            guard let load = try a.value(loadFactor) else {
                throw CO2eError(.invalidInput, "the facility form needs the average load as a share of the power, e.g. 84%", code: .missingOption, field: loadFactor.field)
            }
            return .facilityPower(power, time: time, loadFactor: load)
        }
        if a.has(params) || a.has(flops) { return .compute(try computeRun(a)) }
        if a.has(utilisation) && !a.has(EmbodiedOptions.embodied) {
            throw CO2eError(.invalidInput, "goes with --params and --tokens (or --flops), or with --embodied", code: .missingOption, field: utilisation.field)
        }
        return try TrainingEnergy(energy: try a.value(energy), devices: try a.value(devices), devicePower: try a.value(devicePower),
                           hours: try a.value(hours), deviceHours: try a.value(deviceHours), pue: try a.value(pue),
                           pueIncluded: a[pueIncluded])
    }

    /// A run from compute (`--params` and `--tokens`, or `--flops`).
    static func computeRun(_ a: Arguments) throws -> ComputeTraining {
        let compute: TrainingCompute
        if let f = try a.value(flops) {
            compute = .flops(f)
        } else if let n = try a.value(params), let t = try a.value(tokens) {
            compute = .parameters(n, tokens: t)
        } else {
            throw CO2eError(.invalidInput, "goes with --tokens: the FLOP are 6 × parameters × tokens", code: .missingOption, field: params.field)
        }
        guard let device = try a.value(accelerator) else {
            throw CO2eError(.invalidInput, "is missing: from compute, the accelerator gives the peak FLOP/s (V100, A100, H100)", code: .missingOption, field: accelerator.field)
        }
        guard let n = try a.value(devices) else {
            throw CO2eError(.invalidInput, "is missing: from compute, give the number of accelerators, e.g. 10000", code: .missingOption, field: devices.field)
        }
        guard let u = try a.value(utilisation) else {
            throw CO2eError(.invalidInput, "is missing: from compute, give the delivered share of peak FLOP/s, e.g. 40% (GPT-3 on V100s: 19.7 %, Patterson et al. 2021)", code: .missingOption, field: utilisation.field)
        }
        guard let power = try a.value(devicePower) else {
            throw CO2eError(.invalidInput, "is missing: give the average power per device, e.g. 330W", code: .missingOption, field: devicePower.field)
        }
        let overhead: FacilityOverhead
        if let p = try a.value(pue) { overhead = .pue(p) } else if a[pueIncluded] { overhead = .included } else {
            var error = CO2eError(.invalidInput, "the compute form needs a PUE (e.g. 1.1), or the PUE marked as included when the power figure already includes the facility overhead",
                                  code: .missingOption, field: pue.field)
            error.seeAlso = "pue_included"
            throw error
        }
        return ComputeTraining(compute: compute, peak: try PeakThroughput(device, precision: try a.value(precision)), devices: n,
                               utilisation: u, powerPerDevice: power, pue: overhead)
    }
}
