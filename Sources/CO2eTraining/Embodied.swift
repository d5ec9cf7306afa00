import CO2eCore

/// One class of hardware whose embodied (manufacturing) emissions a job takes a share of:
/// accelerators, or the servers that hold them.
public struct EmbodiedClass: Sendable, Hashable {
    /// `accelerators`, `servers`: the trail's keys for the class.
    package let key: String
    package let label: String
    /// Embodied emissions of one unit (one accelerator, one server).
    package let embodied: Uncertain<MassDimension>
    /// Accelerators per unit: 1 for an accelerator, 8 for a server of 8 GPUs.
    package let devicesPerUnit: Uncertain<CountDimension>
    /// Where the figure comes from, for the trail ("given", or the catalogue row).
    package let how: String
    package let source: Source?
    package let citation: Citation?
    /// The catalogue row the figure is from, or nil when given.
    package var figureID: String?

    /// Accelerators of `embodied` each (kg CO2e per device).
    public static func accelerators(_ embodied: Uncertain<MassDimension>) -> EmbodiedClass {
        EmbodiedClass(key: "accelerators", label: "accelerator", embodied: embodied, devicesPerUnit: .exact(.number(1)), how: "given", source: nil, citation: nil)
    }

    /// Servers of `embodied` each without their accelerators, holding `devicesPerServer`.
    public static func servers(_ embodied: Uncertain<MassDimension>, devicesPerServer: Uncertain<CountDimension>) -> EmbodiedClass {
        EmbodiedClass(key: "servers", label: "server", embodied: embodied, devicesPerUnit: devicesPerServer, how: "given", source: nil, citation: nil)
    }

    /// A data-centre building: `perMegawatt` of embodied emissions per MW of capacity (its
    /// count is the capacity in MW).
    public static func building(perMegawatt: Uncertain<MassDimension>) -> EmbodiedClass {
        EmbodiedClass(key: "building", label: "MW of building capacity", embodied: perMegawatt, devicesPerUnit: .exact(.number(1)), how: "given", source: nil, citation: nil)
    }

    package init(key: String, label: String, embodied: Uncertain<MassDimension>, devicesPerUnit: Uncertain<CountDimension>,
                 how: String, source: Source?, citation: Citation?) {
        (self.key, self.label, self.embodied, self.devicesPerUnit, self.how, self.source, self.citation) = (key, label, embodied, devicesPerUnit, how, source, citation)
    }

    /// A building of a catalogue figure per MW of capacity.
    package init(_ f: BuildingFigure) {
        self.init(key: "building", label: "MW of building capacity", embodied: .exact(f.perMegawatt), devicesPerUnit: .exact(.number(1)),
                  how: "\(f.label): \(f.boundary); \(f.method), \(f.derivation) (\(f.id), \(f.source.id))", source: f.source, citation: f.citation)
        figureID = f.id
    }

    /// The class a catalogue figure describes.
    package init(_ f: EmbodiedFigure) {
        let isServer = f.deviceClass == .server
        let label = isServer ? "server" : f.devicesPerUnit == 1 ? "accelerator" : "unit of \(f.devicesPerUnit.rounded() == f.devicesPerUnit ? String(Int(f.devicesPerUnit)) : String(f.devicesPerUnit)) accelerators"
        self.init(key: isServer ? "servers" : "accelerators", label: label, embodied: .exact(f.embodied),
                  devicesPerUnit: .exact(.number(f.devicesPerUnit)),
                  how: "\(f.label): \(f.boundary); \(f.method) (\(f.id), \(f.source.id))", source: f.source, citation: f.citation)
        figureID = f.id
    }
}

/// Hardware whose embodied emissions are amortised over a job: a job's share =
/// embodied × (job time / lifetime) / utilisation, per class (Luccioni et al. 2022, Sec. 4.1).
public struct EmbodiedHardware: Sendable, Hashable {
    package var classes: [EmbodiedClass]
    /// How long the hardware is kept before it is replaced.
    package var lifetime: Uncertain<DurationDimension>
    /// The share of its lifetime the hardware is in use: the idle rest is charged to the jobs.
    package var utilisation: Uncertain<ShareDimension>
    /// Where the lifetime and utilisation come from, for the trail.
    package var lifetimeHow = "given"
    package var utilisationHow = "given"
    /// The source of a bundled lifetime and utilisation, cited in the trail.
    package var lifetimeSource: Source?
    /// A warning for the trail when the hardware is a default the user did not name.
    package var defaultWarning: String?

    /// `classes` kept for `lifetime`, in use `utilisation` of it.
    public init(classes: [EmbodiedClass], lifetime: Uncertain<DurationDimension>, utilisation: Uncertain<ShareDimension>) {
        (self.classes, self.lifetime, self.utilisation) = (classes, lifetime, utilisation)
    }

    /// Checks the inputs: at least one class; embodied figures of zero or more; units of at
    /// least one device; a lifetime above zero; a utilisation above 0 and at most 100 % (field
    /// `hardware_utilisation`).
    package func validate() throws {
        guard !classes.isEmpty else {
            throw CO2eError(.invalidInput, "is missing: give the embodied emissions of a device (and of its server)", code: .missingOption, field: "device_embodied")
        }
        for c in classes {
            try Check.nonNegative(c.embodied, field: ["servers": "server_embodied", "building": "building_per_mw"][c.key] ?? "device_embodied")
            try Check.positive(c.devicesPerUnit, field: "devices_per_server")
            if c.devicesPerUnit.interval.lower < 1 {
                throw CO2eError.input("devices_per_server", Quantity<CountDimension>.format(c.devicesPerUnit.interval), "is below one device per server",
                                      accepted: "1 or more, such as 8", code: .valueOutOfRange)
            }
        }
        try Check.positive(lifetime, field: "lifetime")
        try Check.utilisation(utilisation, field: "hardware_utilisation")
    }

    /// Refuses a time in use per device longer than the time the hardware is in use over its
    /// life (lifetime × utilisation): the amortisation would charge more than the whole
    /// embodied footprint. Checked at the ends of the ranges, and over the central 99 % of a
    /// normal or lognormal, as every other input check is (field `field`, `use` unless given).
    package func checkUse(_ use: Uncertain<DurationDimension>, field: String = "use") throws {
        let inUse = lifetime.interval.lower * utilisation.interval.lower
        guard use.interval.upper <= inUse * (1 + 1e-12) else {
            let life = Quantity<DurationDimension>.format(Interval(inUse, inUse), unit: "y")
            var reason = "is longer than the hardware is in use over its life (lifetime \(Quantity<DurationDimension>.format(lifetime.interval, unit: "y")) × utilisation \(Check.text(utilisation)) = \(life)), so more than its whole embodied footprint would be charged"
            let sampled = [("time in use", use.isDistribution), ("lifetime", lifetime.isDistribution), ("utilisation", utilisation.isDistribution)]
                .filter(\.1).map(\.0)
            if !sampled.isEmpty { reason += " (for the distributions of the \(sampled.joined(separator: " and ")): over their support, or the central 99 % of a normal or lognormal)" }
            throw CO2eError.input(field, Check.text(use), reason,
                                  accepted: "a time in use of at most \(life), or a longer lifetime or higher utilisation", code: .valueOutOfRange)
        }
    }

    /// Adds the amortisation to `formula` for hardware in use `deviceTime` (device-hours).
    package func addFormula(to formula: inout Formula, deviceTime: Variable<DurationDimension>) -> EmbodiedPart {
        let lifetime = formula.input("lifetime", self.lifetime)
        let u = formula.input("hardware_utilisation", utilisation)
        var parts: [EmbodiedPart.ClassPart] = []
        for c in classes {
            let embodied = formula.input("\(c.key)_embodied_per_unit", c.embodied)
            let perUnit = formula.input("\(c.key)_devices_per_unit", c.devicesPerUnit)
            let unitTime = formula.value("\(c.key)_time", DurationDimension.self)
            formula.compute { v in v[unitTime] = v[deviceTime] / v[perUnit].number }
            let share = Amortisation.add(to: &formula, key: "\(c.key)_embodied", embodied: embodied, time: unitTime, lifetime: lifetime, utilisation: u)
            parts.append(.init(hardware: c, embodied: embodied, perUnit: perUnit, unitTime: unitTime, share: share))
        }
        let total = formula.value("embodied", MassDimension.self)
        let shares = parts.map(\.share)
        formula.compute { v in v[total] = shares.reduce(Mass(baseValue: 0)) { $0 + v[$1] } }
        return EmbodiedPart(hardware: self, deviceTime: deviceTime, lifetime: lifetime, utilisation: u, classes: parts, total: total)
    }
}

/// The amortisation, written once: a job's share of embodied emissions =
/// embodied × (time in use / lifetime) / utilisation (Luccioni et al. 2022, Sec. 4.1).
package enum Amortisation {
    /// Adds `key` = embodied × time / (lifetime × utilisation) to `formula`.
    package static func add(to formula: inout Formula, key: String, embodied: Variable<MassDimension>, time: Variable<DurationDimension>,
                            lifetime: Variable<DurationDimension>, utilisation: Variable<ShareDimension>) -> Variable<MassDimension> {
        let share = formula.value(key, MassDimension.self)
        formula.compute { v in v[share] = v[embodied] * ((v[time] / v[lifetime]) / v[utilisation].fraction) }
        return share
    }
}

/// The amortisation's variables and trail steps.
package struct EmbodiedPart: Sendable {
    package struct ClassPart: Sendable {
        let hardware: EmbodiedClass
        let embodied: Variable<MassDimension>
        let perUnit: Variable<CountDimension>
        let unitTime: Variable<DurationDimension>
        let share: Variable<MassDimension>
    }
    let hardware: EmbodiedHardware
    let deviceTime: Variable<DurationDimension>
    let lifetime: Variable<DurationDimension>
    let utilisation: Variable<ShareDimension>
    let classes: [ClassPart]
    /// The embodied emissions of all classes.
    package let total: Variable<MassDimension>

    /// "accelerators 3.636 t + servers 7.575 t": how the total is made.
    package func sum(_ e: Evaluation) -> String {
        classes.map { "\($0.hardware.key) \(e.text($0.share))" }.joined(separator: " + ")
    }

    /// Appends the amortisation's steps: the device time, lifetime and utilisation, and each
    /// class's figure, time and share (the total is the caller's result: `sum`).
    package func describe(_ e: Evaluation, deviceTimeHow: String, into estimate: inout Estimate) {
        let isBuilding = classes.allSatisfy { $0.hardware.key == "building" }
        estimate.steps.append(.init("device_time", isBuilding ? "Capacity × time in use (MW × hours)" : "Device time (job)", e.value(deviceTime, unit: "h"), how: deviceTimeHow))
        estimate.steps.append(.init("lifetime", "Hardware lifetime", e.value(lifetime, unit: "y"), how: hardware.lifetimeHow))
        estimate.steps.append(.init("hardware_utilisation", "Hardware utilisation (share of its lifetime in use)", e.value(utilisation), how: hardware.utilisationHow))
        if let s = hardware.lifetimeSource { estimate.cite(s) }
        if let w = hardware.defaultWarning { estimate.warn("embodied_default_hardware", w) }
        for c in classes {
            let h = c.hardware
            if let s = h.source { estimate.cite(s) }
            estimate.steps.append(.init("\(h.key)_embodied_per_unit", "Embodied emissions per \(h.label)", e.value(c.embodied), how: h.how,
                                        citations: h.citation.map { [$0] } ?? []))
            if h.key == "servers" || h.devicesPerUnit.interval.lower != 1 || h.devicesPerUnit.interval.upper != 1 {
                let unit = h.key == "servers" ? "server" : "unit"
                estimate.steps.append(.init("\(h.key)_devices_per_unit", "Devices per \(unit)", e.value(c.perUnit), how: h.citation == nil ? "given" : "the \(unit) figure's"))
                estimate.steps.append(.init("\(h.key)_time", h.key == "servers" ? "Server time" : "Unit time", e.value(c.unitTime, unit: "h"),
                                            how: "\(e.text(deviceTime, unit: "h")) / \(e.text(c.perUnit)) devices per \(unit)"))
            }
            estimate.steps.append(.init("\(h.key)_embodied", "Embodied share, \(h.key)", e.value(c.share),
                                        how: "\(e.text(c.embodied)) × \(e.text(c.unitTime, unit: "h")) / \(e.text(lifetime, unit: "h")) / \(e.text(utilisation))"))
        }
        estimate.assume("year_length", UnitTable.yearConvention)
        estimate.assume("amortisation", "A job's share of embodied emissions = embodied × (job time / lifetime) / utilisation (Luccioni et al. 2022): the hardware's idle time is charged to the jobs that use it; cradle-to-gate figures leave transport and end of life out.")
    }
}

extension EmbodiedHardware {
    /// The share of the hardware's embodied emissions that `count` devices in use for `use`
    /// carry: embodied × (use / lifetime) / utilisation per class, with its trail.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field (`count`, `use`, `lifetime`,
    ///   `hardware_utilisation`, `device_embodied`, `devices_per_server`).
    public func estimate(count: Uncertain<CountDimension>, use: Uncertain<DurationDimension>) throws -> EmbodiedResult {
        try estimate(count: count, use: use, counting: ("count", "Devices", "devices"))
    }

    /// The same, with the count named for the trail (`("datacenter", "Capacity, MW", "MW")`).
    /// `useHow` says where the time in use came from, for the trail.
    package func estimate(count: Uncertain<CountDimension>, use: Uncertain<DurationDimension>,
                          counting: (field: String, label: String, unit: String), useHow: String = "given") throws -> EmbodiedResult {
        try Check.positive(count, field: counting.field)
        try Check.positive(use, field: "use")
        try validate()
        try checkUse(use)
        var formula = Formula()
        let n = formula.input("count", count)
        let t = formula.input("use", use)
        let time = deviceTime(n, t, to: &formula)
        let part = addFormula(to: &formula, deviceTime: time)
        let e = try formula.evaluate()
        var estimate = Estimate(key: "embodied", title: "Embodied emissions of hardware, amortised")
        estimate.steps.append(.init("count", counting.label, e.value(n), how: "given"))
        estimate.steps.append(.init("use", "Time in use", e.value(t, unit: "d"), how: useHow))
        part.describe(e, deviceTimeHow: "\(counting.unit) × time in use", into: &estimate)
        estimate.results.append(.init("embodied", "Embodied emissions (amortised)", e.value(part.total),
                                      how: part.sum(e)))
        try estimate.checkFinite()
        return EmbodiedResult(total: e.figure(part.total), trail: estimate)
    }
}

/// The embodied emissions a use of hardware carries, with the trail they were described in.
public struct EmbodiedResult: Sendable {
    /// The amortised embodied emissions of every class.
    public let total: Figure<MassDimension>
    /// The trail: every step, source and assumption, as the CLI prints it.
    public let trail: Estimate
}
