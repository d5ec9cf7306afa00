import CO2eKit

/// `co2e embodied`: the embodied (manufacturing) emissions a use of hardware carries.
struct EmbodiedCommand: Command {
    static let name = "embodied"
    static let abstract = "Estimate the embodied emissions a use of hardware carries: embodied × (time in use / lifetime) / utilisation per device class."
    static let discussion = """
    The accelerators' (and their servers') embodied emissions, from --device-embodied and
    --server-embodied, or from the bundled figures for --accelerator (A100: BLOOM's 150 kg per
    GPU and 2,500 kg per server, 6-year lifetime). No verified figure is bundled for the other
    accelerators: give --device-embodied.

    EXAMPLES:
      co2e embodied --accelerator A100 --count 384 --use 118d
      co2e embodied --accelerator H100 --count 25000 --lifetime 5y --use 90d --utilisation 85% --device-embodied 150..300kg
      co2e embodied --count 8 --use 30d --device-embodied 150kg --server-embodied 2500kg --devices-per-server 8 --lifetime 4y --utilisation 60%
    """

    static let accelerator = Option<Accelerator>("accelerator", "ID", "The accelerator, for its bundled embodied figures: A100; see 'co2e inference --list-accelerators'.") { try InferenceCatalog.accelerator($0) }
    static let count = Option<Uncertain<CountDimension>>.quantity("count", "N", "Number of accelerators: 25000, 25k.")
    static let use = Option<Uncertain<DurationDimension>>.quantity("use", "TIME", "How long they are used: 90d, 14wk, 2160h.")
    static let utilisation = Option<Uncertain<ShareDimension>>.quantity("utilisation", "SHARE", "The share of its lifetime the hardware is in use: 85%.")

    static var options: [any OptionDeclaration] {
        [accelerator, count, use, utilisation, EmbodiedOptions.deviceEmbodied, EmbodiedOptions.serverEmbodied,
         EmbodiedOptions.devicesPerServer, EmbodiedOptions.lifetime]
    }

    static var rules: [Rule] { [.requires(EmbodiedOptions.devicesPerServer, EmbodiedOptions.serverEmbodied)] }

    static func run(_ a: Arguments) throws -> Output {
        guard let n = try a.value(count) else {
            throw CO2eError(.invalidInput, "is missing: give the number of accelerators, e.g. 25000", code: .missingOption, field: count.field)
        }
        guard let t = try a.value(use) else {
            throw CO2eError(.invalidInput, "is missing: give how long they are used, e.g. 90d", code: .missingOption, field: use.field)
        }
        let hardware = try EmbodiedOptions.hardware(a, accelerator: try a.value(accelerator), utilisation: try a.value(utilisation), asked: true)
        return .estimate(try hardware.estimate(count: n, use: t).trail)
    }
}
