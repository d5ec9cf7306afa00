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

    EXAMPLES:
      co2e training --energy 50..60GWh --grid US
      co2e training --devices 10000 --device-power 400W --hours 2160 --pue 1.1 --grid IE
      co2e training --energy 1287MWh --pue-included --intensity 0.429kg/kWh
      co2e training --energy 2GWh --grid us-central1 --market-based --recs 100%
      co2e training --device-hours 1082990 --device-power 400W --pue-included --intensity 57g/kWh --json
    """

    static let options: [OptionSpec] = [
        .value("energy", "ENERGY", "Energy of the run: 50GWh, '1,287 MWh', or a range 50..60GWh. Taken as the facility's (overhead included) unless --pue is given."),
        .value("devices", "N", "Number of accelerators (GPUs, TPUs), with --device-power and --hours."),
        .value("device-power", "POWER", "Average power per device: 400W, 0.3kW (measured average; TDP is an upper bound)."),
        .value("hours", "TIME", "Length of the run: hours (2160), or with a unit (90d, 14.8d, 3wk)."),
        .value("device-hours", "N", "Device-hours (GPU-hours), instead of --devices and --hours."),
        .value("pue", "PUE", "Power usage effectiveness (facility energy / IT energy): 1.1, or a range 1.1..1.4."),
        .flag("pue-included", "The energy or power figure already includes the facility overhead; no PUE is applied."),
    ] + ElectricityOptions.options + [
        .flag("json", "Print the estimate as JSON (same content as the table)."),
    ]

    static func run(_ a: ParsedArguments, _ console: Console) throws {
        let run = TrainingRun(energy: try energy(a), electricity: try ElectricityOptions.accounting(a))
        let estimate = try run.estimate()
        console.out(a.flag("json") ? estimate.json.prettySerialized() + "\n" : Rendering.table(estimate))
    }

    /// The energy the options describe; exactly one form must be given.
    static func energy(_ a: ParsedArguments) throws -> TrainingEnergy {
        if a.has("pue") && a.flag("pue-included") {
            throw CO2eError.input("give either --pue or --pue-included, not both (counting PUE twice is a common error)")
        }
        let pue = try a.parsed("pue") { try PlainNumber.parseInterval($0, what: "a PUE", example: "1.1") }
        if let pue { try Check.pue(pue, a.value("pue")!, context: "--pue") }
        let hardware = ["devices", "hours", "device-hours", "device-power"].filter(a.has)
        if a.has("energy") {
            if let extra = hardware.first {
                throw CO2eError.input("give either --energy or the hardware (--\(extra)), not both")
            }
            let energy = try a.positive("energy", Energy.self)!
            if let pue { return .itEquipment(energy, pue: pue) }
            return .facility(energy)
        }
        guard !hardware.isEmpty else {
            throw CO2eError.input("give the energy (--energy 50GWh) or the hardware (--devices N --device-power P --hours T --pue X)")
        }
        guard let power = try a.positive("device-power", Power.self) else {
            throw CO2eError.input("--\(hardware[0]) needs --device-power (average power per device, e.g. 400W)")
        }
        guard pue != nil || a.flag("pue-included") else {
            throw CO2eError.input("the hardware form needs --pue (e.g. 1.1) or --pue-included (when the power figure already includes the facility overhead)")
        }
        let factor: FacilityOverhead = pue.map { .pue($0) } ?? .included
        if a.has("device-hours") {
            if a.has("devices") || a.has("hours") {
                throw CO2eError.input("give either --device-hours or --devices with --hours, not both")
            }
            let hours = try a.parsed("device-hours") { try PlainNumber.parsePositive($0, what: "device-hours", example: "1082990") }!
            return .deviceHours(hours, powerPerDevice: power, pue: factor)
        }
        guard let devices = try a.parsed("devices", { try PlainNumber.parsePositive($0, what: "a device count", example: "10000") }) else {
            throw CO2eError.input("the hardware form needs --devices (number of accelerators)")
        }
        guard let time = try a.parsed("hours", parseTime) else {
            throw CO2eError.input("the hardware form needs --hours (length of the run, e.g. 2160 or 90d)")
        }
        try Check.positive(time.baseValue, a.value("hours")!, context: "--hours")
        return .hardware(devices: devices, powerPerDevice: power, time: time, pue: factor)
    }

    /// A bare number of hours (`2160`) or a time with a unit (`90d`).
    static func parseTime(_ text: String) throws -> TimeSpan {
        let time: TimeSpan
        if PlainNumber.isBareNumber(text) {
            time = .hours(try PlainNumber.parseInterval(text, what: "hours", example: "2160"))
        } else {
            time = try TimeSpan.parse(text)
        }
        return time
    }
}
