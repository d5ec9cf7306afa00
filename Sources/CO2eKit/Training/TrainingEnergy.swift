/// How much electricity a training run drew, in one of the forms publications give it.
public enum TrainingEnergy: Sendable, Hashable {
    /// Energy drawn by the whole facility, overhead included (Patterson et al. 2021 give GPT-3's
    /// 1,287 MWh this way).
    case facility(Energy)
    /// Energy at the IT equipment, to be multiplied by the facility's PUE.
    case itEquipment(Energy, pue: Interval)
    /// Devices x time x average power per device x PUE (Patterson et al. 2021, Sec. 2.5).
    /// A PUE of 1 means the power figure already includes the facility overhead.
    case hardware(devices: Interval, powerPerDevice: Power, time: TimeSpan, pue: Interval)
    /// Device-hours x average power per device x PUE (model cards give GPU-hours).
    case deviceHours(Interval, powerPerDevice: Power, pue: Interval)

    /// Checks the inputs: energy, power, time and counts above zero; PUE at least 1.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the input and the value.
    public func validate() throws {
        func positive(_ v: Interval, _ name: String, _ text: String) throws {
            guard v.isFinite else { throw CO2eError.input("\(name): \(text) is not a finite number") }
            guard v.lower > 0 else { throw CO2eError.input("\(name): \(text) must be more than zero") }
        }
        func pueCheck(_ pue: Interval) throws {
            guard pue.isFinite, pue.lower >= 1 else {
                throw CO2eError.input("PUE: \(Measure.ratio(pue).text) is below 1; PUE is facility energy / IT energy, so 1.0 or more (typical 1.1–1.6)")
            }
        }
        switch self {
        case let .facility(e):
            try positive(e.baseValue, "energy", e.formatted())
        case let .itEquipment(e, pue):
            try positive(e.baseValue, "energy", e.formatted())
            try pueCheck(pue)
        case let .hardware(n, p, t, pue):
            try positive(n, "devices", Measure.ratio(n).text)
            try positive(p.baseValue, "device power", p.formatted())
            try positive(t.baseValue, "time", t.formatted())
            try pueCheck(pue)
        case let .deviceHours(h, p, pue):
            try positive(h, "device-hours", Measure.ratio(h).text)
            try positive(p.baseValue, "device power", p.formatted())
            try pueCheck(pue)
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

    private func applyPUE(_ it: Energy, _ pue: Interval, _ estimate: inout Estimate) -> Energy {
        if pue == Interval(1) {
            estimate.steps.append(.init("PUE", .ratio(pue), how: "already included in the power figure"))
            return it
        }
        estimate.steps.append(.init("PUE", .ratio(pue), how: "given: facility energy / IT energy"))
        let total = it * pue
        estimate.steps.append(.init("Energy at the facility", Measure(total), how: "\(it) × PUE \(Measure.ratio(pue).text)"))
        return total
    }
}
