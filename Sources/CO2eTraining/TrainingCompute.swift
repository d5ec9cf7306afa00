import CO2eCore
import CO2eGrid

/// How much computation a training run did.
public enum TrainingCompute: Sendable, Hashable {
    /// The run's floating-point operations, given directly.
    case flops(Uncertain<ComputeDimension>)
    /// 6 × parameters × tokens: a dense transformer's forward and backward passes (Kaplan et
    /// al. 2020, Sec. 2.1: C ≈ 6 N per token).
    case parameters(Uncertain<CountDimension>, tokens: Uncertain<CountDimension>)

    /// FLOP per parameter per training token (Kaplan et al. 2020, Sec. 2.1): 2 for the forward
    /// pass, 4 for the backward.
    package static let flopPerParameterPerToken = 6.0
}

/// An accelerator's peak FLOP/s at one precision, with where the figure comes from.
public struct PeakThroughput: Sendable, Hashable {
    /// The peak rate (dense).
    package let rate: Uncertain<ComputeRateDimension>
    /// The device it is for (`V100`), and its precision (`fp16`); empty when given by hand.
    package let device: String
    package let precision: String
    /// How the trail says where the figure is from: "NVIDIA V100 SXM2 32GB (2017); datasheet".
    package let how: String
    package let source: Source?
    package let citation: Citation?

    /// A peak given by hand.
    public init(_ rate: Uncertain<ComputeRateDimension>) {
        self.init(rate: rate, device: "", precision: "", how: "given", source: nil, citation: nil)
    }

    /// A peak read from a catalogue row.
    package init(rate: Uncertain<ComputeRateDimension>, device: String, precision: String, how: String, source: Source?, citation: Citation?) {
        (self.rate, self.device, self.precision, self.how, self.source, self.citation) = (rate, device, precision, how, source, citation)
    }
}

/// A training run's energy from its computation: FLOP / (devices × peak FLOP/s × utilisation)
/// gives the time, and devices × power × time × PUE the energy (Patterson et al. 2021,
/// Sec. 2.5 and Appendix A).
public struct ComputeTraining: Sendable, Hashable {
    package var compute: TrainingCompute
    package var peak: PeakThroughput
    package var devices: Uncertain<CountDimension>
    /// Delivered / peak FLOP/s over the run (model FLOP utilisation).
    package var utilisation: Uncertain<ShareDimension>
    package var powerPerDevice: Uncertain<PowerDimension>
    package var pue: FacilityOverhead

    /// A run of `compute` on `devices` accelerators of `peak` at `utilisation`, each drawing
    /// `powerPerDevice` on average, with the facility's overhead `pue`.
    public init(compute: TrainingCompute, peak: PeakThroughput, devices: Uncertain<CountDimension>,
                utilisation: Uncertain<ShareDimension>, powerPerDevice: Uncertain<PowerDimension>, pue: FacilityOverhead) {
        (self.compute, self.peak, self.devices, self.utilisation, self.powerPerDevice, self.pue) = (compute, peak, devices, utilisation, powerPerDevice, pue)
    }

    /// Checks the inputs: counts, FLOP, peak and power above zero; utilisation above 0 and at
    /// most 100 %; PUE at least 1.
    package func validate() throws {
        switch compute {
        case let .flops(f): try Check.positive(f, field: "flops")
        case let .parameters(n, t):
            try Check.positive(n, field: "params")
            try Check.positive(t, field: "tokens")
        }
        try Check.positive(peak.rate, field: "peak_flops")
        try Check.positive(devices, field: "devices")
        try Check.utilisation(utilisation, field: "utilisation")
        try Check.positive(powerPerDevice, field: "device_power")
        if case let .pue(p) = pue { try Check.pue(p) }
    }
}

/// Energy from compute: the FLOP, the time they take, and the energy the devices draw meanwhile.
struct ComputeEnergy: TrainingEnergyPart {
    let run: ComputeTraining
    let parameters: (Variable<CountDimension>, Variable<CountDimension>)?
    let flop: Variable<ComputeDimension>
    let peak: Variable<ComputeRateDimension>
    let devices: Variable<CountDimension>
    let utilisation: Variable<ShareDimension>
    let time: Variable<DurationDimension>
    let power: Variable<PowerDimension>
    let device: Variable<EnergyDimension>
    let overhead: OverheadPart
    var facility: Variable<EnergyDimension> { overhead.facility(device: device) }

    init(_ r: ComputeTraining, to formula: inout Formula) {
        run = r
        let flop: Variable<ComputeDimension>
        switch r.compute {
        case let .flops(f):
            flop = formula.input("flop", f)
            parameters = nil
        case let .parameters(n, t):
            let p = formula.input("parameters", n)
            let tokens = formula.input("tokens", t)
            flop = formula.value("flop", ComputeDimension.self)
            let k = TrainingCompute.flopPerParameterPerToken
            formula.compute { v in v[flop] = Compute.flop(k * v[p].number * v[tokens].number) }
            parameters = (p, tokens)
        }
        let peak = formula.input("peak_flops", r.peak.rate)
        let devices = formula.input("devices", r.devices)
        let u = formula.input("utilisation", r.utilisation)
        let time = formula.value("time", DurationDimension.self)
        let power = formula.input("device_power", r.powerPerDevice)
        let device = formula.value("device_energy", EnergyDimension.self)
        formula.compute { v in
            v[time] = v[flop] / (v[peak] * (v[devices].number * v[u].fraction))
            v[device] = v[power] * v[time] * v[devices].number
        }
        (self.flop, self.peak, self.devices, self.utilisation, self.time, self.power, self.device) = (flop, peak, devices, u, time, power, device)
        overhead = OverheadPart(r.pue, device: device, to: &formula)
    }

    func describe(_ e: Evaluation, into estimate: inout Estimate) {
        let kaplan = HardwareCatalog.source("kaplan2020")
        if let (p, tokens) = parameters {
            estimate.steps.append(.init("parameters", "Parameters", e.value(p), how: "given"))
            estimate.steps.append(.init("tokens", "Training tokens", e.value(tokens), how: "given"))
            if let kaplan { estimate.cite(kaplan) }
            estimate.steps.append(.init("flop", "Training compute", e.value(flop, unit: "FLOP"),
                                        how: "6 × \(e.text(p)) parameters × \(e.text(tokens)) tokens (Kaplan et al. 2020, Sec. 2.1: 6 FLOP per parameter per token, forward and backward)",
                                        citations: kaplan.map { [Citation(source: $0.id, at: "Sec. 2.1")] } ?? []))
        } else {
            estimate.steps.append(.init("flop", "Training compute", e.value(flop, unit: "FLOP"), how: "given"))
        }
        let p = run.peak
        if let s = p.source { estimate.cite(s) }
        let label = p.device.isEmpty ? "Peak FLOP/s per device" : "Peak FLOP/s of \(p.device) (\(p.precision), dense)"
        estimate.steps.append(.init("peak_flops", label, e.value(peak, unit: "TFLOP/s"), how: p.how, citations: p.citation.map { [$0] } ?? []))
        estimate.steps.append(.init("devices", "Devices", e.value(devices), how: "given"))
        estimate.steps.append(.init("utilisation", "Utilisation (delivered / peak FLOP/s)", e.value(utilisation), how: "given"))
        estimate.steps.append(.init("time", "Time", e.value(time, unit: "d"),
                                    how: "\(e.text(flop, unit: "FLOP")) / (\(e.text(devices)) devices × \(e.text(peak, unit: "TFLOP/s")) × \(e.text(utilisation)))"))
        estimate.steps.append(.init("device_power", "Average power per device", e.value(power), how: "given"))
        estimate.steps.append(.init("device_energy", "Energy at the devices", e.value(device),
                                    how: "\(e.text(devices)) devices × \(e.text(power)) × \(e.text(time, unit: "h")) (Patterson et al. 2021, Sec. 2.5)"))
        overhead.describe(e, device: device, into: &estimate)
    }

    func deviceTime(to formula: inout Formula) -> (time: Variable<DurationDimension>, how: String)? {
        (CO2eTraining.deviceTime(devices, time, to: &formula), "devices × the time from compute")
    }

    func assumptions(_ e: Evaluation, into estimate: inout Estimate) {
        if parameters != nil {
            estimate.assume("flop_count", "6 FLOP per parameter per token counts a dense model's matrix products; attention's context-length term and recomputation are left out, and a mixture of experts counts its active parameters only.")
        }
        estimate.assume("compute_time", "Time = FLOP / (devices × peak × utilisation): the utilisation folds in everything that keeps the devices below peak (communication, memory, restarts).")
    }
}

/// Energy from a facility's power: power × time × load factor (IEA 2025's GPT-4 estimate).
struct FacilityPowerEnergy: TrainingEnergyPart {
    let power: Variable<PowerDimension>
    let time: Variable<DurationDimension>
    let load: Variable<ShareDimension>
    let facility: Variable<EnergyDimension>
    let given: (power: Uncertain<PowerDimension>, time: Uncertain<DurationDimension>, load: Uncertain<ShareDimension>)

    init(_ p: Uncertain<PowerDimension>, time t: Uncertain<DurationDimension>, load l: Uncertain<ShareDimension>, to formula: inout Formula) {
        given = (p, t, l)
        let power = formula.input("facility_power", p)
        let time = formula.input("time", t)
        let load = formula.input("load_factor", l)
        let facility = formula.value("facility_energy", EnergyDimension.self)
        formula.compute { v in v[facility] = v[power] * v[time] * v[load].fraction }
        (self.power, self.time, self.load, self.facility) = (power, time, load, facility)
    }

    func describe(_ e: Evaluation, into estimate: inout Estimate) {
        estimate.steps.append(.init("facility_power", "Power of the equipment", e.value(power), how: "given"))
        estimate.steps.append(.init("time", "Time", e.value(time, unit: "h"), how: "given"))
        estimate.steps.append(.init("load_factor", "Load factor (average / that power)", e.value(load), how: "given"))
        estimate.steps.append(.init("facility_energy", "Energy at the facility", e.value(facility),
                                    how: "\(e.text(power)) × \(e.text(time, unit: "h")) × \(e.text(load))"))
        for published in HardwareCatalog.publishedFacilityEstimates(power: given.power, time: given.time, load: given.load) {
            estimate.cite(published.source)
            let computed = e.interval(facility).lower
            let diff = (published.energy.baseValue - computed) / computed * 100
            let direction = diff < 0 ? "below" : "above"
            estimate.warn("published_differs",
                          "These inputs are those of \(published.label): \(published.who) prints \(published.energy.formatted(unit: "GWh")), "
                          + "\(NumberText.format(abs(diff), significantDigits: 2)) % \(direction) the arithmetic of its own inputs (\(published.at); \(published.origin)).")
        }
    }

    func assumptions(_ e: Evaluation, into estimate: inout Estimate) {
        estimate.assume("facility_power", "The power is taken as the facility's, overhead included; no PUE is applied to it.")
    }
}
