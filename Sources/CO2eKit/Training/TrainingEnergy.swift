/// How the facility's overhead (cooling, power conversion) enters a hardware-based figure.
public enum FacilityOverhead: Sendable, Hashable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// The power figure already includes the overhead (Meta's model-card power is "adjusted for
    /// power usage efficiency"), so no PUE is applied again.
    case included
    /// Multiply by this PUE (facility energy / IT energy). A PUE of 1 counts no overhead, as
    /// BLOOM's "dynamic" energy leaves it out on purpose.
    case pue(Interval)

    public init(floatLiteral value: Double) { self = .pue(Interval(value)) }
    public init(integerLiteral value: Int) { self = .pue(Interval(Double(value))) }

    /// The multiplier: the PUE, or 1 when the overhead is already included.
    public var multiplier: Interval {
        switch self {
        case .included: return Interval(1)
        case let .pue(p): return p
        }
    }
}

/// How much electricity a training run drew, in one of the forms publications give it.
public enum TrainingEnergy: Sendable, Hashable {
    /// Energy drawn by the whole facility, overhead included (Patterson et al. 2021 give GPT-3's
    /// 1,287 MWh this way).
    case facility(Energy)
    /// Energy at the IT equipment, to be multiplied by the facility's PUE.
    case itEquipment(Energy, pue: Interval)
    /// Devices x time x average power per device x PUE (Patterson et al. 2021, Sec. 2.5).
    case hardware(devices: Interval, powerPerDevice: Power, time: TimeSpan, pue: FacilityOverhead)
    /// Device-hours x average power per device x PUE (model cards give GPU-hours).
    case deviceHours(Interval, powerPerDevice: Power, pue: FacilityOverhead)

    /// Checks the inputs: energy, power, time and counts above zero; PUE at least 1.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the input and the value.
    public func validate() throws {
        switch self {
        case let .facility(e):
            try Check.positive(e.baseValue, e.formatted(), context: "energy")
        case let .itEquipment(e, pue):
            try Check.positive(e.baseValue, e.formatted(), context: "energy")
            try Check.pue(pue, Measure.ratio(pue).text, context: "PUE")
        case let .hardware(n, p, t, overhead):
            try Check.positive(n, Measure.plain(n), context: "devices")
            try Check.positive(p.baseValue, p.formatted(), context: "device power")
            try Check.positive(t.baseValue, t.formatted(), context: "time")
            if case let .pue(pue) = overhead { try Check.pue(pue, Measure.ratio(pue).text, context: "PUE") }
        case let .deviceHours(h, p, overhead):
            try Check.positive(h, Measure.plain(h), context: "device-hours")
            try Check.positive(p.baseValue, p.formatted(), context: "device power")
            if case let .pue(pue) = overhead { try Check.pue(pue, Measure.ratio(pue).text, context: "PUE") }
        }
    }

    /// The facility energy, with the steps that lead to it appended to `estimate`.
    public func facilityEnergy(recordingIn estimate: inout Estimate) -> Energy {
        switch self {
        case let .facility(e):
            estimate.steps.append(.init("Energy at the facility", Measure(e), how: "given, overhead (PUE) included"))
            return e
        case let .itEquipment(e, pue):
            estimate.steps.append(.init("Energy at the IT equipment", Measure(e), how: "given"))
            estimate.steps.append(.init("PUE", .ratio(pue), how: "given: facility energy / IT energy"))
            let total = e * pue
            estimate.steps.append(.init("Energy at the facility", Measure(total), how: "\(e) × PUE \(Measure.ratio(pue).text)"))
            return total
        case let .hardware(n, p, t, pue):
            let devices = Measure.count(n, of: "devices")
            estimate.steps.append(.init("Devices", devices, how: "given"))
            estimate.steps.append(.init("Average power per device", Measure(p), how: "given"))
            estimate.steps.append(.init("Time", Measure(t), how: "given"))
            let it = (p * t) * n
            estimate.steps.append(.init("Energy at the devices", Measure(it),
                                        how: "\(devices.text) × \(p) × \(t) (Patterson et al. 2021, Sec. 2.5)"))
            return applyPUE(it, pue, &estimate)
        case let .deviceHours(h, p, pue):
            let hours = Measure(kind: "duration", unit: "h", value: h, text: Measure.plain(h) + " device-hours")
            estimate.steps.append(.init("Device-hours", hours, how: "given"))
            estimate.steps.append(.init("Average power per device", Measure(p), how: "given"))
            let it = p * TimeSpan.hours(h)
            estimate.steps.append(.init("Energy at the devices", Measure(it), how: "\(hours.text) × \(p)"))
            return applyPUE(it, pue, &estimate)
        }
    }

    private func applyPUE(_ it: Energy, _ overhead: FacilityOverhead, _ estimate: inout Estimate) -> Energy {
        let pue: Interval
        switch overhead {
        case .included:
            estimate.steps.append(.init("PUE", .ratio(Interval(1)), how: "already included in the power figure; not applied again"))
            return it
        case let .pue(p) where p == Interval(1):
            estimate.steps.append(.init("PUE", .ratio(p), how: "given as 1: no facility overhead counted"))
            return it
        case let .pue(p):
            pue = p
        }
        estimate.steps.append(.init("PUE", .ratio(pue), how: "given: facility energy / IT energy"))
        let total = it * pue
        estimate.steps.append(.init("Energy at the facility", Measure(total), how: "\(it) × PUE \(Measure.ratio(pue).text)"))
        return total
    }
}
