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

    static var options: [any OptionDeclaration] {
        [energy, devices, devicePower, hours, deviceHours, pue, pueIncluded, model, listModels] + ElectricityOptions.options + SamplingOptions.options
            + [EquivalentsOption.flag]
    }

    static var rules: [Rule] {
        [.conflicts(pue, pueIncluded, because: "counting PUE twice is a common error"),
         .oneOf([energy, devicePower], required: false),
         .conflicts(energy, devices), .conflicts(energy, hours), .conflicts(energy, deviceHours),
         .conflicts(deviceHours, devices), .conflicts(deviceHours, hours),
         .conflicts(model, energy, because: "the run's energy is what --model recomputes"),
         .conflicts(model, pueIncluded, because: "the catalogue says whether the run's power includes the overhead"),
         .conflicts(listModels, model)] + ElectricityOptions.rules(required: false)
    }

    static func run(_ a: Arguments) throws -> Output {
        if a[listModels] {
            if let extra = options.first(where: { $0.name != listModels.name && a.has($0) }) {
                throw CO2eError(.invalidInput, "cannot be given with --list-models, which lists the runs and takes no other input", code: .conflictingOptions, field: extra.field)
            }
            return .estimate(try TrainingCatalog.listing())
        }
        if let id = a.text(model) { return try published(id, a) }
        if !a.has(energy) && !a.has(devicePower) {
            throw CO2eError.input("give --energy ENERGY or --device-power POWER (the energy, --energy 50GWh, or the hardware, --devices N --device-power P --hours T --pue X), or --model ID for a published run", code: .missingOption)
        }
        if !a.has(ElectricityOptions.grid) && !a.has(ElectricityOptions.intensity) {
            throw CO2eError.input("give --grid ZONE or --intensity INTENSITY (e.g. --grid US or --intensity 429g/kWh)", code: .missingOption)
        }
        let grids = try ElectricityOptions.accountings(a)
        let form = try energyForm(a)
        let sampling = try SamplingOptions.settings(a, distributions: false)
        let result = grids.count > 1
            ? try TrainingRun.compare(energy: form, on: grids, sampling: sampling)
            : try TrainingRun(energy: form, electricity: grids[0]).estimate(sampling: sampling)
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
        try TrainingEnergy(energy: try a.value(energy), devices: try a.value(devices), devicePower: try a.value(devicePower),
                           hours: try a.value(hours), deviceHours: try a.value(deviceHours), pue: try a.value(pue),
                           pueIncluded: a[pueIncluded])
    }
}
