import CO2eCore
import CO2eGrid

/// How the facility's overhead (cooling, power conversion) enters a hardware-based figure.
public enum FacilityOverhead: Sendable, Hashable {
    /// The power figure already includes the overhead (Meta's model-card power is "adjusted for
    /// power usage efficiency"), so no PUE is applied again.
    case included
    /// Multiply by this PUE (facility energy / IT energy). A PUE of 1 counts no overhead, as
    /// BLOOM's "dynamic" energy leaves it out on purpose.
    case pue(Uncertain<RatioDimension>)

    /// A single PUE.
    public static func pue(_ value: Double) -> FacilityOverhead { .pue(.exact(.number(value))) }
}

/// How much electricity a training run drew, in one of the forms publications give it.
public enum TrainingEnergy: Sendable, Hashable {
    /// Energy drawn by the whole facility, overhead included (Patterson et al. 2021 give GPT-3's
    /// 1,287 MWh this way).
    case facility(Uncertain<EnergyDimension>)
    /// Energy at the IT equipment, to be multiplied by the facility's PUE.
    case itEquipment(Uncertain<EnergyDimension>, pue: Uncertain<RatioDimension>)
    /// Devices x time x average power per device x PUE (Patterson et al. 2021, Sec. 2.5).
    case hardware(devices: Uncertain<CountDimension>, powerPerDevice: Uncertain<PowerDimension>,
                  time: Uncertain<DurationDimension>, pue: FacilityOverhead)
    /// Device-hours x average power per device x PUE (model cards give GPU-hours).
    case deviceHours(Uncertain<CountDimension>, powerPerDevice: Uncertain<PowerDimension>, pue: FacilityOverhead)
    /// From computation: FLOP / (devices × peak × utilisation) gives the time, then devices ×
    /// power × time × PUE (Patterson et al. 2021, Appendix A).
    case compute(ComputeTraining)
    /// A facility's power × time × load factor, overhead included (IEA 2025's GPT-4 estimate).
    case facilityPower(Uncertain<PowerDimension>, time: Uncertain<DurationDimension>, loadFactor: Uncertain<ShareDimension>)

    /// The form the inputs describe, as a front end collects them: the energy (the facility's,
    /// or IT energy with a PUE), or the hardware (devices and time, or device-hours, with the
    /// power per device) with a PUE or `pueIncluded`.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the missing or conflicting field (`pue`,
    ///   `devices`, `hours`, `device_power`, `energy`).
    package init(energy: Uncertain<EnergyDimension>? = nil, devices: Uncertain<CountDimension>? = nil,
                devicePower: Uncertain<PowerDimension>? = nil, hours: Uncertain<DurationDimension>? = nil,
                deviceHours: Uncertain<CountDimension>? = nil, pue: Uncertain<RatioDimension>? = nil, pueIncluded: Bool = false) throws {
        if pue != nil && pueIncluded {
            throw CO2eError(.invalidInput, "is given with the PUE already included; counting PUE twice is a common error",
                            code: .conflictingOptions, field: "pue")
        }
        if let energy {
            if let extra = [("devices", devices != nil), ("device_power", devicePower != nil), ("hours", hours != nil),
                            ("device_hours", deviceHours != nil)].first(where: \.1)?.0 {
                throw CO2eError(.invalidInput, "is a hardware input; give the energy or the hardware, not both", code: .conflictingOptions, field: extra)
            }
            self = pue.map { .itEquipment(energy, pue: $0) } ?? .facility(energy)
            return
        }
        guard let power = devicePower else {
            throw CO2eError(.invalidInput, "is missing: give the energy of the run, or the hardware (devices, power per device and time, with a PUE)",
                            code: .missingOption, field: "energy")
        }
        guard let overhead: FacilityOverhead = pue.map({ .pue($0) }) ?? (pueIncluded ? .included : nil) else {
            var error = CO2eError(.invalidInput, "the hardware form needs a PUE (e.g. 1.1), or the PUE marked as included when the power figure already includes the facility overhead",
                                  code: .missingOption, field: "pue")
            error.seeAlso = "pue_included"
            throw error
        }
        if let deviceHours {
            if let extra = [("devices", devices != nil), ("hours", hours != nil)].first(where: \.1)?.0 {
                throw CO2eError(.invalidInput, "is given with device-hours, which already count devices × hours", code: .conflictingOptions, field: extra)
            }
            self = .deviceHours(deviceHours, powerPerDevice: power, pue: overhead)
            return
        }
        guard let devices else {
            var error = CO2eError(.invalidInput, "the hardware form needs the number of accelerators, or the device-hours", code: .missingOption, field: "devices")
            error.seeAlso = "device_hours"
            throw error
        }
        guard let hours else {
            throw CO2eError(.invalidInput, "the hardware form needs the length of the run, e.g. 2160 or 90d", code: .missingOption, field: "hours")
        }
        self = .hardware(devices: devices, powerPerDevice: power, time: hours, pue: overhead)
    }

    /// Checks the inputs: energy, power, time and counts above zero; PUE at least 1.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field (`energy`, `devices`,
    ///   `device_power`, `hours`, `device_hours`, `pue`) and the value.
    package func validate() throws {
        switch self {
        case let .facility(e):
            try Check.positive(e, field: "energy")
        case let .itEquipment(e, pue):
            try Check.positive(e, field: "energy")
            try Check.pue(pue)
        case let .hardware(n, p, t, overhead):
            try Check.positive(n, field: "devices")
            try Check.positive(p, field: "device_power")
            try Check.positive(t, field: "hours")
            if case let .pue(pue) = overhead { try Check.pue(pue) }
        case let .deviceHours(h, p, overhead):
            try Check.positive(h, field: "device_hours")
            try Check.positive(p, field: "device_power")
            if case let .pue(pue) = overhead { try Check.pue(pue) }
        case let .compute(run):
            try run.validate()
        case let .facilityPower(p, t, load):
            try Check.positive(p, field: "facility_power")
            try Check.positive(t, field: "hours")
            try Check.utilisation(load, field: "load_factor")
        }
    }

    /// Adds the energy arithmetic to `formula`; returns the part this form built (its facility
    /// energy, and its own trail steps).
    package func addFormula(to formula: inout Formula) -> any TrainingEnergyPart {
        switch self {
        case let .facility(e):
            return GivenFacilityEnergy(facility: formula.input("facility_energy", e))
        case let .itEquipment(e, pue):
            return ITEquipmentEnergy(adding: e, pue: pue, to: &formula)
        case let .hardware(n, power, time, overhead):
            return HardwareEnergy(adding: n, power: power, time: time, overhead: overhead, to: &formula)
        case let .deviceHours(h, power, overhead):
            return DeviceHoursEnergy(adding: h, power: power, overhead: overhead, to: &formula)
        case let .compute(run):
            return ComputeEnergy(run, to: &formula)
        case let .facilityPower(p, t, load):
            return FacilityPowerEnergy(p, time: t, load: load, to: &formula)
        }
    }
}

/// The energy formula one form of `TrainingEnergy` built: its variables, the facility energy
/// among them, and its own trail steps. Each form has its own part, so no variable is optional.
package protocol TrainingEnergyPart: Sendable {
    /// The energy drawn by the facility, overhead included.
    var facility: Variable<EnergyDimension> { get }
    /// Appends the part's steps for an evaluated formula.
    func describe(_ e: Evaluation, into estimate: inout Estimate)
    /// Appends the part's assumptions (after the emission steps, so the trail keeps its order).
    func assumptions(_ e: Evaluation, into estimate: inout Estimate)
    /// Adds the devices' time in use (device-hours) to `formula`, with how the trail says it
    /// was found; nil for a form that does not know its devices (an energy, a facility's power).
    func deviceTime(to formula: inout Formula) -> (time: Variable<DurationDimension>, how: String)?
}

extension TrainingEnergyPart {
    package func assumptions(_ e: Evaluation, into estimate: inout Estimate) {}
    package func deviceTime(to formula: inout Formula) -> (time: Variable<DurationDimension>, how: String)? { nil }
}

/// Devices × time, as a formula value.
func deviceTime(_ devices: Variable<CountDimension>, _ time: Variable<DurationDimension>, to formula: inout Formula) -> Variable<DurationDimension> {
    let t = formula.value("device_time", DurationDimension.self)
    formula.compute { v in v[t] = v[time] * v[devices].number }
    return t
}

/// Energy given at the facility, overhead included.
package struct GivenFacilityEnergy: TrainingEnergyPart {
    package let facility: Variable<EnergyDimension>

    /// The part for a facility energy already in the formula (a break-even's training run).
    package init(facility: Variable<EnergyDimension>) { self.facility = facility }

    package func describe(_ e: Evaluation, into estimate: inout Estimate) {
        estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(facility), how: "given, overhead (PUE) included"))
    }
}

/// Energy given at the IT equipment, times the PUE.
struct ITEquipmentEnergy: TrainingEnergyPart {
    let it: Variable<EnergyDimension>
    let pue: Variable<RatioDimension>
    let facility: Variable<EnergyDimension>

    init(adding energy: Uncertain<EnergyDimension>, pue given: Uncertain<RatioDimension>, to formula: inout Formula) {
        let it = formula.input("it_energy", energy)
        let p = formula.input("pue", given)
        let facility = formula.value("facility_energy", EnergyDimension.self)
        formula.compute { v in v[facility] = v[it] * v[p].number }
        (self.it, self.pue, self.facility) = (it, p, facility)
    }

    func describe(_ e: Evaluation, into estimate: inout Estimate) {
        estimate.steps.append(.init("it_energy", "Energy at the IT equipment", e.value(it), how: "given"))
        estimate.steps.append(.init("pue", "PUE", e.value(pue), how: "given: facility energy / IT energy"))
        estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(facility),
                                    how: "\(e.text(it)) × PUE \(e.text(pue))"))
    }
}

/// How the overhead entered a hardware-based figure, with the variables it added.
enum OverheadPart: Sendable {
    /// The power figure includes the overhead: the device energy is the facility's.
    case included
    /// A PUE of exactly 1: no overhead counted, no arithmetic added.
    case none(Uncertain<RatioDimension>)
    /// device energy x PUE.
    case applied(pue: Variable<RatioDimension>, facility: Variable<EnergyDimension>)

    init(_ overhead: FacilityOverhead, device: Variable<EnergyDimension>, to formula: inout Formula) {
        switch overhead {
        case .included: self = .included
        case let .pue(p) where p == .exact(.number(1)): self = .none(p)
        case let .pue(p):
            let pue = formula.input("pue", p)
            let facility = formula.value("facility_energy", EnergyDimension.self)
            formula.compute { v in v[facility] = v[device] * v[pue].number }
            self = .applied(pue: pue, facility: facility)
        }
    }

    func facility(device: Variable<EnergyDimension>) -> Variable<EnergyDimension> {
        if case let .applied(_, facility) = self { return facility }
        return device
    }

    func describe(_ e: Evaluation, device: Variable<EnergyDimension>, into estimate: inout Estimate) {
        switch self {
        case .included:
            estimate.steps.append(.init("pue", "PUE", Value(Ratio.number(1)), how: "already included in the power figure; not applied again"))
        case let .none(p):
            estimate.steps.append(.init("pue", "PUE", Value(p), how: "given as 1: no facility overhead counted"))
        case let .applied(pue, facility):
            estimate.steps.append(.init("pue", "PUE", e.value(pue), how: "given: facility energy / IT energy"))
            estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(facility),
                                        how: "\(e.text(device)) × PUE \(e.text(pue))"))
        }
    }
}

/// Devices x time x average power per device x PUE (Patterson et al. 2021, Sec. 2.5).
struct HardwareEnergy: TrainingEnergyPart {
    let devices: Variable<CountDimension>
    let power: Variable<PowerDimension>
    let time: Variable<DurationDimension>
    let device: Variable<EnergyDimension>
    let overhead: OverheadPart
    var facility: Variable<EnergyDimension> { overhead.facility(device: device) }

    init(adding n: Uncertain<CountDimension>, power given: Uncertain<PowerDimension>, time t: Uncertain<DurationDimension>,
         overhead: FacilityOverhead, to formula: inout Formula) {
        let devices = formula.input("devices", n)
        let p = formula.input("device_power", given)
        let time = formula.input("time", t)
        let device = formula.value("device_energy", EnergyDimension.self)
        formula.compute { v in v[device] = v[p] * v[time] * v[devices].number }
        (self.devices, self.power, self.time, self.device) = (devices, p, time, device)
        self.overhead = OverheadPart(overhead, device: device, to: &formula)
    }

    func describe(_ e: Evaluation, into estimate: inout Estimate) {
        estimate.steps.append(.init("devices", "Devices", e.value(devices), how: "given"))
        estimate.steps.append(.init("device_power", "Average power per device", e.value(power), how: "given"))
        estimate.steps.append(.init("time", "Time", e.value(time), how: "given"))
        estimate.steps.append(.init("device_energy", "Energy at the devices", e.value(device),
                                    how: "\(e.text(devices)) devices × \(e.text(power)) × \(e.text(time)) (Patterson et al. 2021, Sec. 2.5)"))
        overhead.describe(e, device: device, into: &estimate)
    }

    func deviceTime(to formula: inout Formula) -> (time: Variable<DurationDimension>, how: String)? {
        (CO2eTraining.deviceTime(devices, time, to: &formula), "devices × time")
    }

    /// A time of a year or more, or a whole number of quarter years (`.years(0.5)`, `1y`), is
    /// one the trail reads in years: it says how long a year is.
    func assumptions(_ e: Evaluation, into estimate: inout Estimate) {
        let i = e.interval(time)
        let inYears = [i.lower, i.upper].contains { hours in
            let quarters = hours / UnitTable.hoursPerYear * 4
            return hours >= UnitTable.hoursPerYear || (quarters >= 1 && quarters.rounded() == quarters)
        }
        if inYears { estimate.assume("year_length", UnitTable.yearConvention) }
    }
}

/// Device-hours x average power per device x PUE (model cards give GPU-hours).
struct DeviceHoursEnergy: TrainingEnergyPart {
    let hours: Variable<CountDimension>
    let power: Variable<PowerDimension>
    let device: Variable<EnergyDimension>
    let overhead: OverheadPart
    var facility: Variable<EnergyDimension> { overhead.facility(device: device) }

    init(adding h: Uncertain<CountDimension>, power given: Uncertain<PowerDimension>, overhead: FacilityOverhead, to formula: inout Formula) {
        let hours = formula.input("device_hours", h)
        let p = formula.input("device_power", given)
        let device = formula.value("device_energy", EnergyDimension.self)
        formula.compute { v in v[device] = v[p] * TimeSpan.hours(v[hours].number) }
        (self.hours, self.power, self.device) = (hours, p, device)
        self.overhead = OverheadPart(overhead, device: device, to: &formula)
    }

    func describe(_ e: Evaluation, into estimate: inout Estimate) {
        estimate.steps.append(.init("device_hours", "Device-hours", e.value(hours), how: "given"))
        estimate.steps.append(.init("device_power", "Average power per device", e.value(power), how: "given"))
        estimate.steps.append(.init("device_energy", "Energy at the devices", e.value(device),
                                    how: "\(e.text(hours)) device-hours × \(e.text(power))"))
        overhead.describe(e, device: device, into: &estimate)
    }

    func deviceTime(to formula: inout Formula) -> (time: Variable<DurationDimension>, how: String)? {
        let t = formula.value("device_time", DurationDimension.self)
        let hours = self.hours
        formula.compute { v in v[t] = TimeSpan.hours(v[hours].number) }
        return (t, "the device-hours given")
    }
}
