import CO2eKit

/// `co2e embodied`: the embodied (manufacturing) emissions a use of hardware carries.
struct EmbodiedCommand: Command {
    static let name = "embodied"
    static let abstract = "Estimate the embodied emissions a use of hardware carries: embodied × (time in use / lifetime) / utilisation per device class."
    static let discussion = """
    The accelerators' (and their servers') embodied emissions, from --device-embodied and
    --server-embodied, or from the bundled figures for --accelerator (A100: BLOOM's 150 kg per
    GPU and 2,500 kg per server, 6-year lifetime; H100 and B200: NVIDIA's product carbon
    footprints, 1,312 and 2,274 kg per 8-GPU HGX baseboard without its host server, over
    LLMCarbon's 5 years; TPU v5p and v6e: Google's TPU life-cycle assessment as summaries report
    it, 1,101 and 692 kg per TPU over 6 years). --embodied-source chooses another bundled figure
    (A100: ecologits-a100-gpu, EcoLogits' 143 kg per GPU and 3,000 kg per server over 5 years).
    No figure is bundled for the other accelerators: give --device-embodied.

    A building: --datacenter (its capacity) x embodied emissions per MW of capacity, over
    --lifetime (default the figure's), for --use (default one year: the building's yearly
    share). The per-MW figure is --building-per-mw (yours), else a bundled one, both weak:
    data4-marcoussis (default: Data4's LCA of one 5 MW facility, servers excluded, 12,600 t x
    39 % / 5 MW = 982.8 t per MW over 20 years, read through a press release and a news report)
    or curriebrown-2024-upper (Currie & Brown's "up to 4,500 t per MW", no method published),
    chosen with --embodied-source.

    EXAMPLES:
      co2e embodied --accelerator A100 --count 384 --use 118d
      co2e embodied --accelerator H100 --count 25000 --lifetime 5y --use 90d --utilisation 85%
      co2e embodied --accelerator H100 --count 25000 --lifetime 5y --use 90d --utilisation 85% --device-embodied 150..300kg
      co2e embodied --datacenter 100MW --lifetime 20y
      co2e embodied --datacenter 100MW --lifetime 20y --embodied-source curriebrown-2024-upper
      co2e embodied --datacenter 100MW --building-per-mw 1000t --lifetime 20y     (your own figure)
      co2e embodied --accelerator A100 --count 384 --use 118d --embodied-source ecologits-a100-gpu
      co2e embodied --accelerator TPUv5p --count 8960 --use 30d
      co2e embodied --count 8 --use 30d --device-embodied 150kg --server-embodied 2500kg --devices-per-server 8 --lifetime 4y --utilisation 60%
    """

    static let accelerator = Option<Accelerator>("accelerator", "ID", "The accelerator, for its bundled embodied figures: A100; see 'co2e inference --list-accelerators'.") { try InferenceCatalog.accelerator($0) }
    static let count = Option<Uncertain<CountDimension>>.quantity("count", "N", "Number of accelerators: 25000, 25k.")
    static let use = Option<Uncertain<DurationDimension>>.quantity("use", "TIME", "How long they are used: 90d, 14wk, 2160h.")
    static let datacenter = Option<Uncertain<PowerDimension>>.quantity("datacenter", "POWER", "A data-centre building's capacity, for its embodied emissions: 100MW, or a range 80..120MW.", distributions: false)
    static let buildingPerMW = Option<Uncertain<MassDimension>>.quantity("building-per-mw", "MASS", "Embodied emissions of the building per MW of capacity, your figure (default: the bundled data4-marcoussis, 982.8 t; see --embodied-source): 1000t.")
    static let utilisation = Option<Uncertain<ShareDimension>>.quantity("utilisation", "SHARE", "The share of its lifetime the hardware is in use: 85%.")

    static var options: [any OptionDeclaration] {
        [accelerator, count, use, utilisation, datacenter, buildingPerMW, EmbodiedOptions.deviceEmbodied, EmbodiedOptions.serverEmbodied,
         EmbodiedOptions.devicesPerServer, EmbodiedOptions.lifetime, EmbodiedOptions.embodiedSource]
    }

    static var rules: [Rule] {
        [.requires(EmbodiedOptions.devicesPerServer, EmbodiedOptions.serverEmbodied), .requires(buildingPerMW, datacenter),
         .conflicts(EmbodiedOptions.embodiedSource, EmbodiedOptions.deviceEmbodied, because: "--device-embodied replaces the bundled figure"),
         .conflicts(EmbodiedOptions.embodiedSource, buildingPerMW, because: "--building-per-mw replaces the bundled figure")]
            + ([accelerator, count, EmbodiedOptions.deviceEmbodied, EmbodiedOptions.serverEmbodied] as [any OptionDeclaration]).map {
                .conflicts(datacenter, $0, because: "a building and devices are estimated apart")
            }
    }

    static func run(_ a: Arguments) throws -> Output {
        if let capacity = try a.value(datacenter) { return try building(capacity, a) }
        guard let n = try a.value(count) else {
            throw CO2eError(.invalidInput, "is missing: give the number of accelerators, e.g. 25000", code: .missingOption, field: count.field)
        }
        guard let t = try a.value(use) else {
            throw CO2eError(.invalidInput, "is missing: give how long they are used, e.g. 90d", code: .missingOption, field: use.field)
        }
        let hardware = try EmbodiedOptions.hardware(a, accelerator: try a.value(accelerator), utilisation: try a.value(utilisation), asked: true)
        do {
            return .estimate(try hardware.estimate(count: n, use: t).trail)
        } catch var error as CO2eError where error.field == EmbodiedOptions.hardwareUtilisation {
            error.field = utilisation.field
            throw error
        }
    }

    /// A building's embodied emissions over its use: capacity × per-MW figure × use / lifetime
    /// / utilisation (100 % unless given: the building is there whatever its load). The per-MW
    /// figure is the user's, else a bundled one (the first, or --embodied-source's).
    static func building(_ capacity: Uncertain<PowerDimension>, _ a: Arguments) throws -> Output {
        var building: EmbodiedClass
        var figure: BuildingFigure?
        if let perMW = try a.value(buildingPerMW) {
            building = .building(perMegawatt: perMW)
        } else {
            let figures = try HardwareCatalog.buildingFigures()
            if let id = try a.value(EmbodiedOptions.embodiedSource) {
                guard let f = figures.first(where: { HardwareCatalog.compact($0.id) == HardwareCatalog.compact(id) }) else {
                    throw CO2eError.unknown(EchoedText.value(id), kind: "bundled building figure", field: EmbodiedOptions.embodiedSource.field,
                                            candidates: figures.map(\.id))
                }
                figure = f
            } else {
                figure = figures.first
            }
            guard let f = figure else {
                throw CO2eError(.invalidInput, "needs the building's embodied emissions per MW of capacity, e.g. --building-per-mw 1000t", code: .missingOption, field: buildingPerMW.field)
            }
            building = EmbodiedClass(f)
        }
        guard let life = try a.value(EmbodiedOptions.lifetime) ?? figure?.lifetime.map({ .exact($0) }) else {
            throw CO2eError(.invalidInput, "is missing: give how long the building is used, e.g. 20y", code: .missingOption, field: EmbodiedOptions.lifetime.field)
        }
        try Check.positive(capacity, field: datacenter.field)
        let mw = Uncertain<CountDimension>(baseInterval: Interval(capacity.interval.lower / 1e6, capacity.interval.upper / 1e6))
        var hardware = EmbodiedHardware(classes: [building], lifetime: life, utilisation: try a.value(utilisation) ?? .exact(.fraction(1)))
        if !a.has(utilisation) { hardware.utilisationHow = "assumed: the building is counted whole, whatever its load" }
        if let f = figure, !a.has(EmbodiedOptions.lifetime) {
            hardware.lifetimeHow = "\(f.id)'s lifetime"
            hardware.lifetimeSource = f.source
        }
        let useGiven = try a.value(use)
        let result: EmbodiedResult
        do {
            result = try hardware.estimate(count: mw, use: useGiven ?? .exact(.years(1)), counting: (datacenter.field, "Capacity, MW", "MW"),
                                            useHow: useGiven == nil ? "default: one year, the building's yearly share" : "given")
        } catch var error as CO2eError where error.field == EmbodiedOptions.hardwareUtilisation {
            error.field = utilisation.field
            throw error
        } catch let error as CO2eError where error.field == use.field && useGiven == nil {
            // The default year, not a --use the user gave, is too long for this lifetime × utilisation.
            throw CO2eError(.invalidInput, "× utilisation \(Check.text(hardware.utilisation)) is shorter than one year, the time in use taken when no --use is given, so more than the building's whole embodied footprint would be charged",
                            code: error.code, field: EmbodiedOptions.lifetime.field, value: Check.text(life),
                            accepted: "a lifetime × utilisation of at least one year, or a shorter --use")
        }
        var trail = result.trail
        if useGiven == nil { trail.assume("building_use", "No --use given: one year, so the figure is the building's yearly share.") }
        if let f = figure {
            let others = (try HardwareCatalog.buildingFigures()).filter { $0.id != f.id }
                .map { "\($0.id), \(NumberText.format($0.perMegawatt.baseValue / 1_000, significantDigits: 4)) t per MW" }
            trail.warn("building_evidence", "The per-MW figure is \(f.id)'s (\(f.note))\(others.isEmpty ? "" : " Other bundled figures: \(others.joined(separator: "; ")) (choose with --embodied-source).") Published per-MW figures are few, unaudited and count different things (shell only, or with mechanical and electrical plant; IT capacity or grid connection): treat the result as an order of magnitude, or give your own with --building-per-mw.")
        } else {
            trail.warn("building_evidence", "Embodied emissions per MW of data-centre capacity rest on few, unaudited published figures that count different things (shell only, or with mechanical and electrical plant; IT capacity or grid connection): treat the result as an order of magnitude.")
        }
        return .estimate(trail)
    }
}
