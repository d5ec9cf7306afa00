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

    /// Checks the inputs: energy, power, time and counts above zero; PUE at least 1.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field (`energy`, `devices`,
    ///   `device_power`, `hours`, `device_hours`, `pue`) and the value.
    public func validate() throws {
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
        }
    }

    /// The variables the energy formula adds.
    public struct Variables: Sendable {
        /// The energy drawn by the facility, overhead included.
        public let facility: Variable<EnergyDimension>
        let given: Variable<EnergyDimension>?
        let devices: Variable<CountDimension>?
        let power: Variable<PowerDimension>?
        let time: Variable<DurationDimension>?
        let it: Variable<EnergyDimension>?
        let pue: Variable<RatioDimension>?

        package init(facility: Variable<EnergyDimension>, given: Variable<EnergyDimension>?, devices: Variable<CountDimension>?,
                     power: Variable<PowerDimension>?, time: Variable<DurationDimension>?, it: Variable<EnergyDimension>?,
                     pue: Variable<RatioDimension>?) {
            self.facility = facility
            self.given = given
            self.devices = devices
            self.power = power
            self.time = time
            self.it = it
            self.pue = pue
        }
    }

    /// Adds the energy arithmetic to `formula`; returns its variables (the facility energy
    /// among them).
    public func addFormula(to formula: inout Formula) -> Variables {
        switch self {
        case let .facility(e):
            let given = formula.input("facility_energy", e)
            return Variables(facility: given, given: given, devices: nil, power: nil, time: nil, it: nil, pue: nil)
        case let .itEquipment(e, pue):
            let it = formula.input("it_energy", e)
            let p = formula.input("pue", pue)
            let facility = formula.value("facility_energy", EnergyDimension.self)
            formula.compute { v in v[facility] = v[it] * v[p].number }
            return Variables(facility: facility, given: nil, devices: nil, power: nil, time: nil, it: it, pue: p)
        case let .hardware(n, power, time, overhead):
            let devices = formula.input("devices", n)
            let p = formula.input("device_power", power)
            let t = formula.input("time", time)
            let it = formula.value("device_energy", EnergyDimension.self)
            formula.compute { v in v[it] = v[p] * v[t] * v[devices].number }
            return Self.applyOverhead(overhead, it: it, to: &formula,
                                      Variables(facility: it, given: nil, devices: devices, power: p, time: t, it: it, pue: nil))
        case let .deviceHours(h, power, overhead):
            let hours = formula.input("device_hours", h)
            let p = formula.input("device_power", power)
            let it = formula.value("device_energy", EnergyDimension.self)
            formula.compute { v in v[it] = v[p] * TimeSpan.hours(v[hours].number) }
            return Self.applyOverhead(overhead, it: it, to: &formula,
                                      Variables(facility: it, given: nil, devices: hours, power: p, time: nil, it: it, pue: nil))
        }
    }

    private static func applyOverhead(_ overhead: FacilityOverhead, it: Variable<EnergyDimension>, to formula: inout Formula,
                                      _ partial: Variables) -> Variables {
        guard case let .pue(pue) = overhead, pue != .exact(.number(1)) else { return partial }
        let p = formula.input("pue", pue)
        let facility = formula.value("facility_energy", EnergyDimension.self)
        formula.compute { v in v[facility] = v[it] * v[p].number }
        return Variables(facility: facility, given: nil, devices: partial.devices, power: partial.power, time: partial.time,
                         it: it, pue: p)
    }

    /// Appends the energy steps for an evaluated formula.
    public func describe(_ e: Evaluation, _ vars: Variables, into estimate: inout Estimate) {
        switch self {
        case .facility:
            estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(vars.facility), how: "given, overhead (PUE) included"))
        case .itEquipment:
            let it = vars.it!, pue = vars.pue!
            estimate.steps.append(.init("it_energy", "Energy at the IT equipment", e.value(it), how: "given"))
            estimate.steps.append(.init("pue", "PUE", e.value(pue), how: "given: facility energy / IT energy"))
            estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(vars.facility),
                                        how: "\(e.text(it)) × PUE \(e.text(pue))"))
        case let .hardware(_, _, _, overhead):
            let devices = e.text(vars.devices!) + " devices"
            estimate.steps.append(.init("devices", "Devices", e.value(vars.devices!), how: "given"))
            estimate.steps.append(.init("device_power", "Average power per device", e.value(vars.power!), how: "given"))
            estimate.steps.append(.init("time", "Time", e.value(vars.time!), how: "given"))
            estimate.steps.append(.init("device_energy", "Energy at the devices", e.value(vars.it!),
                                        how: "\(devices) × \(e.text(vars.power!)) × \(e.text(vars.time!)) (Patterson et al. 2021, Sec. 2.5)"))
            describeOverhead(overhead, e, vars, &estimate)
        case let .deviceHours(_, _, overhead):
            let hours = e.text(vars.devices!) + " device-hours"
            estimate.steps.append(.init("device_hours", "Device-hours", e.value(vars.devices!), how: "given"))
            estimate.steps.append(.init("device_power", "Average power per device", e.value(vars.power!), how: "given"))
            estimate.steps.append(.init("device_energy", "Energy at the devices", e.value(vars.it!), how: "\(hours) × \(e.text(vars.power!))"))
            describeOverhead(overhead, e, vars, &estimate)
        }
    }

    private func describeOverhead(_ overhead: FacilityOverhead, _ e: Evaluation, _ vars: Variables, _ estimate: inout Estimate) {
        switch overhead {
        case .included:
            estimate.steps.append(.init("pue", "PUE", Value(Ratio.number(1)), how: "already included in the power figure; not applied again"))
        case let .pue(p) where vars.pue == nil:
            estimate.steps.append(.init("pue", "PUE", Value(p), how: "given as 1: no facility overhead counted"))
        case .pue:
            estimate.steps.append(.init("pue", "PUE", e.value(vars.pue!), how: "given: facility energy / IT energy"))
            estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(vars.facility),
                                        how: "\(e.text(vars.it!)) × PUE \(e.text(vars.pue!))"))
        }
    }
}
