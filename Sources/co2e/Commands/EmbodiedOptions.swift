import CO2eKit

/// The options that add a training run's embodied hardware emissions (`--embodied`).
enum EmbodiedOptions {
    static let embodied = Flag("embodied", "Add the hardware's embodied emissions, amortised: embodied × (job time / lifetime) / utilisation per device class (Luccioni et al. 2022). With --accelerator, the bundled figures for it (A100: BLOOM's 150 kg per GPU and 2,500 kg per server; H100, B200: NVIDIA's 1,312 and 2,274 kg per 8-GPU baseboard; TPU v5p, v6e: Google's LCA as reported, 1,101 and 692 kg per TPU) unless given below.")
    static let deviceEmbodied = Option<Uncertain<MassDimension>>.quantity("device-embodied", "MASS", "Embodied emissions of one accelerator (kg CO2e): 150kg.")
    static let serverEmbodied = Option<Uncertain<MassDimension>>.quantity("server-embodied", "MASS", "Embodied emissions of one server without its accelerators: 2500kg.")
    static let devicesPerServer = Option<Uncertain<CountDimension>>.quantity("devices-per-server", "N", "Accelerators per server, with --server-embodied: 8.")
    static let lifetime = Option<Uncertain<DurationDimension>>.quantity("lifetime", "TIME", "How long the hardware is kept: 6y (BLOOM), or a range 4..6y.")
    static let embodiedUtilisation = Option<Uncertain<ShareDimension>>.quantity("embodied-utilisation", "SHARE", "The share of its lifetime the hardware is in use, for the amortisation, when --utilisation is the FLOP utilisation (from compute): 85%.")
    static let embodiedSource = Option<String>("embodied-source", "ID", "Which bundled figure, where several are: for --accelerator H100, nvidia-hgx-h100 (default: NVIDIA's baseboard footprint) or llmcarbon-h100-die (LLMCarbon's per-area model, the die alone); for A100, bloom-a100-gpu (default) or ecologits-a100-gpu (with EcoLogits' server); for a building (co2e embodied --datacenter), data4-marcoussis (default) or curriebrown-2024-upper.") { $0 }
    static let per = Option<FunctionalUnit>("per", "UNIT", "The SCI's functional unit R, for ((E x I) + M) / R with --embodied: query (inference's default), 1000queries, 1M-tokens (tokens from compute, or a figure that states them), run (training).") {
        try FunctionalUnit.parse($0, field: "per")
    }
    static let idleEnergy = Option<Uncertain<EnergyDimension>>.quantity("idle-energy", "ENERGY", "Energy of the infrastructure kept idle for the run, added to its energy (BLOOM: 256646kWh).")

    /// The library's field for the amortisation's utilisation, which either option may give.
    static let hardwareUtilisation = "hardware_utilisation"

    static var options: [any OptionDeclaration] { [embodied, deviceEmbodied, serverEmbodied, devicesPerServer, lifetime, embodiedUtilisation, embodiedSource, idleEnergy, per] }

    static var rules: [Rule] {
        [.requires(deviceEmbodied, embodied), .requires(serverEmbodied, embodied), .requires(devicesPerServer, embodied),
         .requires(lifetime, embodied), .requires(embodiedUtilisation, embodied), .requires(idleEnergy, embodied, because: "the idle infrastructure is part of the life-cycle figure"),
         .requires(devicesPerServer, serverEmbodied), .requires(embodiedSource, embodied), .requires(per, embodied, because: "the SCI counts the embodied share M"), .conflicts(embodiedSource, deviceEmbodied, because: "--device-embodied replaces the bundled figure")]
    }

    /// The hardware `--embodied` describes, or nil without it: the classes given, else the
    /// bundled figures for `accelerator`; the lifetime and utilisation given, else the figures'.
    ///
    /// - Throws: usage errors naming the missing input.
    static func hardware(_ a: Arguments, accelerator: Accelerator?, utilisation: Uncertain<ShareDimension>?) throws -> EmbodiedHardware? {
        guard a[embodied] else { return nil }
        return try hardware(a, accelerator: accelerator, utilisation: try a.value(embodiedUtilisation) ?? utilisation, asked: true)
    }

    /// The hardware the options describe (`co2e embodied`, or `--embodied` given).
    static func hardware(_ a: Arguments, accelerator: Accelerator?, utilisation: Uncertain<ShareDimension>?, asked: Bool) throws -> EmbodiedHardware {
        let bundled = try accelerator.map { try HardwareCatalog.embodied(for: $0.id) } ?? []
        var chosen: EmbodiedFigure?
        if let id = try a.value(embodiedSource) {
            guard let accelerator else {
                throw CO2eError(.invalidInput, "needs --accelerator: it chooses among the bundled figures for one", code: .missingOption, field: embodiedSource.field)
            }
            guard let f = bundled.first(where: { HardwareCatalog.compact($0.id) == HardwareCatalog.compact(id) }) else {
                let ids = bundled.map(\.id)
                var error = CO2eError.unknown(EchoedText.value(id), kind: "bundled embodied figure for \(accelerator.id)", field: embodiedSource.field, candidates: ids)
                if ids.isEmpty { error.accepted = "none: give --device-embodied" }
                throw error
            }
            chosen = f
        }
        // A class takes the chosen figure, else its first figure from the same source as the
        // other class's (BLOOM's server with BLOOM's GPU, EcoLogits' with EcoLogits'), else its first.
        let lead = chosen ?? bundled.first(where: { $0.deviceClass == .accelerator })
        func pick(_ c: EmbodiedFigure.DeviceClass) -> EmbodiedFigure? {
            if chosen?.deviceClass == c { return chosen }
            let ofClass = bundled.filter { $0.deviceClass == c }
            return ofClass.first(where: { $0.source.id == lead?.source.id }) ?? ofClass.first
        }
        var classes: [EmbodiedClass] = []
        var used: [EmbodiedFigure] = []
        if let kg = try a.value(deviceEmbodied) {
            classes.append(.accelerators(kg))
        } else if let f = pick(.accelerator) {
            classes.append(EmbodiedClass(f))
            used.append(f)
        }
        if let kg = try a.value(serverEmbodied) {
            guard let n = try a.value(devicesPerServer) else {
                throw CO2eError(.invalidInput, "is missing: a server's share needs the accelerators per server, e.g. 8", code: .missingOption, field: devicesPerServer.field)
            }
            classes.append(.servers(kg, devicesPerServer: n))
        } else if let f = pick(.server) {
            classes.append(EmbodiedClass(f))
            used.append(f)
        }
        if classes.isEmpty {
            let reason = accelerator.map { "co2e bundles no verified embodied figure for \($0.id); give --device-embodied (and --server-embodied with --devices-per-server)" }
                ?? "is missing: give --device-embodied (and --server-embodied with --devices-per-server), or --accelerator for its bundled figures"
            throw CO2eError(.invalidInput, reason, code: .missingOption, field: accelerator == nil ? deviceEmbodied.field : "accelerator")
        }
        let from = used.first
        guard let life = try a.value(lifetime) ?? from.map({ .exact($0.lifetime) }) else {
            throw CO2eError(.invalidInput, "is missing: give how long the hardware is kept, e.g. 6y (BLOOM) or 4y", code: .missingOption, field: lifetime.field)
        }
        guard let u = utilisation ?? from.map({ .exact($0.utilisation) }) else {
            throw CO2eError(.invalidInput, "is missing: give the share of its lifetime the hardware is in use, e.g. 85%" + (a.has(embodied) ? " (from compute, --utilisation is the FLOP utilisation)" : ""),
                            code: .missingOption, field: a.has(embodied) && !a.has(embodiedUtilisation) && a.has(TrainingCommand.utilisation) ? embodiedUtilisation.field : "utilisation")
        }
        var hardware = EmbodiedHardware(classes: classes, lifetime: life, utilisation: u)
        if let from, !a.has(lifetime) || utilisation == nil { hardware.lifetimeSource = from.lifetimeSource }
        if let from, !a.has(lifetime) { hardware.lifetimeHow = "\(from.id)'s lifetime (\(from.lifetimeSource.id))" }
        if let from, utilisation == nil { hardware.utilisationHow = "\(from.id)'s utilisation (\(from.lifetimeSource.id)); \(from.note)" }
        return hardware
    }
}
