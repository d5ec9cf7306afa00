#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CO2eCore
import CO2eGrid
import CO2eTraining

/// The fields of an Impact Framework observation that co2e reads and writes, with IF's names
/// and units (IF's `Multiply` of `energy` × `grid/carbon-intensity` gives `carbon-operational`;
/// its sci-embodied builtin, up to IF 0.6, read the `device/...` and `resources-...` fields).
package enum ImpactField {
    /// Energy used in the observation's interval, kWh.
    package static let energy = "energy"
    /// Grid carbon intensity, gCO2e/kWh.
    package static let intensity = "grid/carbon-intensity"
    /// The observation's interval, seconds.
    package static let duration = "duration"
    /// The time the hardware is reserved, seconds (the amortisation's time; `duration` without it).
    package static let timeReserved = "time-reserved"
    /// The device's total embodied emissions, gCO2e.
    package static let deviceEmbodied = "device/emissions-embodied"
    /// The device's expected lifespan, seconds.
    package static let lifespan = "device/expected-lifespan"
    /// The resources reserved of the device's total (both or neither; or the vCPU pair).
    package static let reserved = "resources-reserved"
    package static let total = "resources-total"
    package static let vcpusAllocated = "vcpus-allocated"
    package static let vcpusTotal = "vcpus-total"
    /// What co2e writes, in gCO2e: the grid's share, the hardware's share and their sum.
    package static let operational = "carbon-operational"
    package static let embodied = "carbon-embodied"
    package static let carbon = "carbon"
    /// The intensity used (gCO2e/kWh) and where it came from; how the embodied share was made.
    package static let gridIntensity = "co2e/grid-intensity"
    package static let gridSource = "co2e/grid-source"
    package static let embodiedSource = "co2e/embodied-source"
}

/// Impact Framework's Shell-plugin exchange: the observations IF writes (a YAML sequence of
/// mappings) in, the same observations out, every field kept in order, with
/// `carbon-operational` = energy × grid intensity, `carbon-embodied` where the hardware's
/// embodied inputs are given (amortised as `Amortisation` does), `carbon` their sum, all in
/// gCO2e, and the factor used and its source.
///
/// The grid intensity of an observation is, first found: its own `grid/carbon-intensity`;
/// the zone named by its field `zoneField` (a country, eGRID subregion or cloud region, as
/// `FactorCatalog.resolve` reads it); the zone `zone` for every observation. Bundled factors
/// are the zone's newest year.
package struct ImpactExchange: Sendable {
    /// The zone for observations that name none (field `grid`).
    package var zone: String?
    /// The observation field that names a zone (field `zone_field`), e.g. `cloud/region`.
    package var zoneField: String?
    package var catalog: FactorCatalog

    package init(zone: String? = nil, zoneField: String? = nil, catalog: FactorCatalog = .bundled) {
        (self.zone, self.zoneField, self.catalog) = (zone, zoneField, catalog)
    }

    /// The YAML to write back for the YAML `bytes` IF's Shell plugin wrote: whole, or an
    /// error (nothing is returned in part).
    ///
    /// - Throws: `CO2eError`: `invalidData` for YAML co2e does not read (line and column), a
    ///   field named `inputs[N].FIELD` for an observation's bad field, `grid`/`zone_field` for
    ///   the options.
    package func respond(to bytes: [UInt8], origin: String) throws -> String {
        let document = try YAMLValue.parse(bytes: bytes, origin: origin)
        return try outputs(for: document).yamlText()
    }

    /// The observations of `document` with co2e's fields.
    package func outputs(for document: YAMLValue) throws -> YAMLValue {
        let observations: [YAMLValue]
        switch document {
        case .null: observations = []
        case let .sequence(items): observations = items
        default:
            throw CO2eError(.invalidInput, "is \(document.kindDescription); IF's Shell plugin writes a sequence of observations", field: "inputs",
                            accepted: "a YAML sequence of mappings ('- timestamp: ...', 'energy: 0.5')")
        }
        if let zoneField, zoneField.trimmingSpaces.isEmpty {
            throw CO2eError(.invalidInput, "is empty; name the observation field that holds a zone, such as cloud/region", field: "zone_field")
        }
        let fixed: ResolvedGrid?
        do { fixed = try zone.map { try resolve($0) } } catch let e as CO2eError { throw e.attributed(to: "grid") }
        var cache: [String: ResolvedGrid] = [:]
        var out: [YAMLValue] = []
        out.reserveCapacity(observations.count)
        for (i, observation) in observations.enumerated() {
            out.append(try result(observation, index: i, fixed: fixed, cache: &cache))
        }
        return .sequence(out)
    }

    /// A factor found for a zone name, and how to say where it came from.
    struct ResolvedGrid {
        let intensity: Double
        let source: String
    }

    func resolve(_ name: String) throws -> ResolvedGrid {
        let (match, factor) = try catalog.factor(for: name)
        var how = "\(factor.zone) \(factor.year), \(factor.basisDescription): \(factor.source.id) (\(factor.origin))"
        if case let .cloudRegion(region, zone) = match { how = "cloud region \(region.id) maps to \(zone.id); " + how }
        if let read = factor.read ?? factor.source.read { how += ", read: \(read.rawValue)" }
        return ResolvedGrid(intensity: factor.intensity.gramsPerKilowattHour, source: how)
    }

    func result(_ observation: YAMLValue, index i: Int, fixed: ResolvedGrid?, cache: inout [String: ResolvedGrid]) throws -> YAMLValue {
        guard case var .mapping(fields) = observation else {
            throw CO2eError(.invalidInput, "is \(observation.kindDescription); each observation is a mapping of fields (timestamp, duration, energy, ...)",
                            field: "inputs[\(i)]")
        }
        let o = Observation(fields: fields, index: i)
        guard let energy = try o.number(ImpactField.energy, unit: "kWh") else {
            throw o.missing(ImpactField.energy, "give the observation's energy in kWh (IF's energy field), e.g. energy: 0.5")
        }
        // The grid: the observation's own intensity, its zone field, or the zone for all.
        let grid: ResolvedGrid
        if let g = try o.number(ImpactField.intensity, unit: "gCO2e/kWh") {
            grid = ResolvedGrid(intensity: g, source: "given: the observation's \(ImpactField.intensity)")
        } else if let field = zoneField, let named = o.value(field) {
            guard case let .string(name) = named else {
                throw CO2eError(.invalidInput, "is \(named.kindDescription); a zone is a name such as DE, eGRID:SRVC or us-east-1", field: o.name(field),
                                value: YAMLWriter.scalar(named))
            }
            if let known = cache[name] {
                grid = known
            } else {
                do { grid = try resolve(name) } catch let e as CO2eError {
                    var e = e
                    e.field = o.name(field)
                    throw e
                }
                cache[name] = grid
            }
        } else if let fixed {
            grid = fixed
        } else {
            var e = o.missing(ImpactField.intensity, zoneField.map { "neither it nor \($0) is in the observation, and no zone for all observations is given" }
                              ?? "give it in the observation (gCO2e/kWh), or a zone for all observations, or the field that names each one's zone")
            e.seeAlso = zoneField == nil ? "grid" : "zone_field"
            throw e
        }
        let operational = (Energy.kilowattHours(energy) * Intensity.gramsPerKilowattHour(grid.intensity)).grams
        let embodied = try embodiedShare(o)
        let carbon = operational + (embodied?.grams ?? 0)
        guard operational.isFinite, carbon.isFinite else {
            throw CO2eError(.invalidInput, "gives emissions too large to compute with (energy \(energy) kWh × \(grid.intensity) g/kWh)", code: .notFinite,
                            field: "inputs[\(i)]")
        }
        func set(_ key: String, _ value: YAMLValue) {
            if let k = fields.firstIndex(where: { $0.0 == key }) { fields[k].1 = value } else { fields.append((key, value)) }
        }
        set(ImpactField.operational, Self.number(operational))
        if let embodied { set(ImpactField.embodied, Self.number(embodied.grams)) }
        set(ImpactField.carbon, Self.number(carbon))
        set(ImpactField.gridIntensity, Self.number(grid.intensity))
        set(ImpactField.gridSource, .string(grid.source))
        if let embodied { set(ImpactField.embodiedSource, .string(embodied.how)) }
        return .mapping(fields)
    }

    /// The hardware's share: embodied × (time reserved / lifespan) × (reserved / total), as
    /// IF's sci-embodied wrote it, computed by the one amortisation co2e has (embodied ×
    /// time / lifetime / utilisation, at a utilisation of 100 %: IF charges no idle time).
    func embodiedShare(_ o: Observation) throws -> (grams: Double, how: String)? {
        let total = try o.number(ImpactField.deviceEmbodied, unit: "gCO2e")
        let lifespan = try o.number(ImpactField.lifespan, unit: "s", positive: true)
        guard total != nil || lifespan != nil else { return nil }
        guard let total else { throw o.missing(ImpactField.deviceEmbodied, "is needed with \(ImpactField.lifespan): the device's embodied emissions, gCO2e") }
        guard let lifespan else { throw o.missing(ImpactField.lifespan, "is needed with \(ImpactField.deviceEmbodied): the device's expected lifespan, seconds") }
        let timeField = o.value(ImpactField.timeReserved) != nil ? ImpactField.timeReserved : ImpactField.duration
        guard let time = try o.number(timeField, unit: "s", positive: true) else {
            throw o.missing(ImpactField.duration, "is needed for the embodied share: the observation's time in seconds (or time-reserved)")
        }
        var share = 1.0
        var how = "\(ImpactField.deviceEmbodied) × (\(timeField) / \(ImpactField.lifespan))"
        let pairs = [(ImpactField.vcpusAllocated, ImpactField.vcpusTotal), (ImpactField.reserved, ImpactField.total)]
        if let (r, t) = pairs.first(where: { o.value($0.0) != nil || o.value($0.1) != nil }) {
            guard let reserved = try o.number(r, unit: "") else { throw o.missing(r, "is needed with \(t)") }
            guard let all = try o.number(t, unit: "", positive: true) else { throw o.missing(t, "is needed with \(r)") }
            guard reserved <= all else {
                throw CO2eError(.invalidInput, "is more than \(t) (\(Self.text(all)))", code: .valueOutOfRange, field: o.name(r), value: Self.text(reserved),
                                accepted: "at most \(t)")
            }
            share = reserved / all
            how += " × (\(r) / \(t))"
        }
        var formula = Formula()
        let device = formula.input("device_embodied", Uncertain.exact(Mass.grams(total)))
        let part = formula.input("reserved_share", Uncertain.exact(Quantity<ShareDimension>.fraction(share)))
        let reservedEmbodied = formula.value("reserved_embodied", MassDimension.self)
        formula.compute { v in v[reservedEmbodied] = v[device] * v[part].fraction }
        let used = formula.input("time_reserved", Uncertain.exact(TimeSpan.seconds(time)))
        let life = formula.input("lifetime", Uncertain.exact(TimeSpan.seconds(lifespan)))
        let utilisation = formula.input("hardware_utilisation", Uncertain.exact(Quantity<ShareDimension>.fraction(1)))
        let amortised = Amortisation.add(to: &formula, key: "embodied", embodied: reservedEmbodied, time: used, lifetime: life, utilisation: utilisation)
        let grams = try formula.evaluate().lower(amortised).grams
        guard grams.isFinite else {
            throw CO2eError(.invalidInput, "gives an embodied share too large to compute with", code: .notFinite, field: o.name(ImpactField.deviceEmbodied))
        }
        return (grams, how + ", given in the observation")
    }

    /// A computed number as YAML: 15 significant digits (the last two of a double's 17 are
    /// the noise of unit conversions: 336.27, not 336.27000000000004), an integer without `.0`.
    static func number(_ x: Double) -> YAMLValue { .number(text(x)) }

    static func text(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var buffer = [CChar](repeating: 0, count: 40)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.15g", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One observation's fields, read with errors that name `inputs[index].field`.
struct Observation {
    let fields: [(String, YAMLValue)]
    let index: Int

    func value(_ key: String) -> YAMLValue? { fields.first { $0.0 == key }?.1 }

    func name(_ key: String) -> String { "inputs[\(index)].\(key)" }

    func missing(_ key: String, _ why: String) -> CO2eError {
        CO2eError(.invalidInput, "is missing: \(why)", code: .missingOption, field: name(key))
    }

    /// The number in field `key`, or nil when the field is absent (or null): a finite number of
    /// zero or more (above zero with `positive`), in `unit`.
    func number(_ key: String, unit: String, positive: Bool = false) throws -> Double? {
        guard let v = value(key), v != .null else { return nil }
        let accepted = "a number\(unit.isEmpty ? "" : " of \(unit)")\(positive ? " above zero" : ", zero or more"), written without its unit, such as \(positive ? "3600" : "0.5")"
        guard let x = v.numberValue else {
            var reason = "is \(v.kindDescription), not a number"
            if case let .string(s) = v, YAMLScalar.resolve(s).numberValue != nil { reason += " (it is quoted; write it without quotes)" }
            throw CO2eError(.invalidInput, reason, code: .invalidNumber, field: name(key), value: YAMLWriter.scalar(v), accepted: accepted)
        }
        guard x.isFinite else {
            throw CO2eError(.invalidInput, "is not a finite number", code: .notFinite, field: name(key), value: YAMLWriter.scalar(v), accepted: accepted)
        }
        guard positive ? x > 0 : x >= 0 else {
            throw CO2eError(.invalidInput, positive ? "must be more than zero" : "is negative", code: .valueOutOfRange, field: name(key),
                            value: YAMLWriter.scalar(v), accepted: accepted)
        }
        return x
    }
}
