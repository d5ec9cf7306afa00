import CO2eCore

/// A published estimate from a facility's power, time and load, with the figure its source
/// prints (which need not be the arithmetic of its own inputs).
package struct PublishedFacilityEstimate: Sendable {
    package let id: String
    package let label: String
    /// Who published it, for a sentence: "the IEA".
    package let who: String
    package let power: Power
    package let time: TimeSpan
    package let load: Share
    package let energy: Energy
    package let source: Source
    package let at: String
    package let origin: String
}

/// An embodied-emissions figure for one unit of hardware, with its boundary and method.
package struct EmbodiedFigure: Sendable, Hashable {
    /// What the figure is for: one accelerator, or one server without its accelerators.
    package enum DeviceClass: String, Sendable, Hashable {
        case accelerator, server
    }
    package let id: String
    /// The accelerator id the figure goes with (`A100`).
    package let device: String
    package let deviceClass: DeviceClass
    package let label: String
    package let embodied: Mass
    /// Accelerators per unit: 1 for an accelerator, 8 for a server of 8 GPUs.
    package let devicesPerUnit: Double
    package let boundary: String
    package let method: String
    /// The lifetime and utilisation the source amortises over.
    package let lifetime: TimeSpan
    package let utilisation: Share
    /// Where the lifetime and utilisation come from (a PCF gives none: another source's).
    package let lifetimeSource: Source
    package let source: Source
    package let at: String
    package let note: String
    package let origin: String

    package var citation: Citation { Citation(source: source.id, at: "\(at) (\(origin))") }
}

/// A published embodied figure for a data-centre building, per MW of capacity.
package struct BuildingFigure: Sendable, Hashable {
    package let id: String
    package let label: String
    package let perMegawatt: Mass
    /// How the per-MW figure was found ("given", or the arithmetic of a facility's total).
    package let derivation: String
    /// The lifetime the source counts over, where it gives one.
    package let lifetime: TimeSpan?
    package let boundary: String
    package let method: String
    package let source: Source
    package let at: String
    package let note: String
    package let origin: String

    package var citation: Citation { Citation(source: source.id, at: "\(at) (\(origin))") }
}

/// The hardware catalogue bundled with co2e: `data/hardware/embodied.csv`,
/// `published-facility.csv` and their `sources.csv`. Read only when a command asks for them
/// (a compute, facility-power or embodied estimate), so small estimates do not read them.
package enum HardwareCatalog {
    static let sourcesPath = "data/hardware/sources.csv"
    static let embodiedPath = "data/hardware/embodied.csv"
    static let facilityPath = "data/hardware/published-facility.csv"
    static let buildingsPath = "data/hardware/buildings.csv"

    /// The source with `id`, or nil when the bundled table lacks it (a trail then cites nothing).
    package static func source(_ id: String) -> Source? {
        var found: Source?
        try? CatalogRows.bundled(sourcesPath).forEach(where: "source", equals: id) { row in
            guard try row["source"] == id else { return true }
            found = try source(row)
            return false
        }
        return found
    }

    static func source(_ row: CatalogRows.Row) throws -> Source {
        Source(id: try row["source"], kind: Source.Kind(rawValue: try row["kind"]) ?? .report, title: try row["title"],
               publisher: try row["publisher"], published: try row["published"], licence: try row["licence"],
               url: try row["url"], read: try row.reading())
    }

    static func requiredSource(_ id: String, usedAt row: CatalogRows.Row) throws -> Source {
        try CatalogRows.source(id, in: sourcesPath, usedAt: row)
    }

    /// The published estimates whose inputs are exactly `power`, `time` and `load` (none for a
    /// range or for other inputs).
    package static func publishedFacilityEstimates(power: Uncertain<PowerDimension>, time: Uncertain<DurationDimension>,
                                                   load: Uncertain<ShareDimension>) -> [PublishedFacilityEstimate] {
        guard case let .exact(p) = power, case let .exact(t) = time, case let .exact(l) = load else { return [] }
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
        var found: [PublishedFacilityEstimate] = []
        try? CatalogRows.bundled(facilityPath).forEach { row in
            guard let mw = try row.number("power_mw"), let gwh = try row.number("published_energy_gwh"),
                  let time = try? TimeSpan.parse(try row["time"]), let load = try? Share.parse(try row["load_factor"]) else { return true }
            let power = Power.megawatts(mw)
            guard same(power.baseValue, p.baseValue), same(time.baseValue, t.baseValue), same(load.baseValue, l.baseValue) else { return true }
            found.append(PublishedFacilityEstimate(id: try row["id"], label: try row["label"], who: try row["who"], power: power, time: time,
                                                   load: load, energy: .gigawattHours(gwh), source: try requiredSource(try row["source"], usedAt: row),
                                                   at: try row["where"], origin: row.place))
            return true
        }
        return found
    }

    /// The embodied figures that go with accelerator `device` (ignoring case, spaces and dashes).
    package static func embodied(for device: String) throws -> [EmbodiedFigure] {
        try embodiedFigures().filter { compact($0.device) == compact(device) }
    }

    /// Every embodied figure, in catalogue order.
    package static func embodiedFigures() throws -> [EmbodiedFigure] {
        var all: [EmbodiedFigure] = []
        try CatalogRows.bundled(embodiedPath).forEach { row in
            guard let cls = EmbodiedFigure.DeviceClass(rawValue: try row["class"]) else {
                throw row.bad("class", try row["class"], "is not a device class", accepted: "accelerator, server")
            }
            let lifetimeText = try row["lifetime_y"]
            guard let years = NumberText.parse(lifetimeText), years > 0 else { throw row.bad("lifetime_y", lifetimeText, "is not a number of years above zero") }
            let u: Share
            do { u = try Share.parse(try row["utilisation"]) } catch { throw row.bad("utilisation", try row["utilisation"], "is not a share") }
            guard u.fraction > 0, u.fraction <= 1 else { throw row.bad("utilisation", try row["utilisation"], "is not above 0 and at most 100 %") }
            let perUnit = try row.requiredNumber("devices_per_unit")
            guard perUnit >= 1 else { throw row.bad("devices_per_unit", try row["devices_per_unit"], "is below 1") }
            let method = try row["method"]
            var kg: Double
            var boundary = try row["boundary"]
            if method == "per-area" {
                let area = try row.requiredNumber("die_area_cm2"), perArea = try row.requiredNumber("kg_per_cm2")
                guard area > 0 else { throw row.bad("die_area_cm2", try row["die_area_cm2"], "is not an area above zero") }
                guard perArea > 0 else { throw row.bad("kg_per_cm2", try row["kg_per_cm2"], "is not a carbon per area above zero") }
                kg = PerAreaModel.embodied(dieArea: area, carbonPerArea: perArea)
                boundary += "; \(NumberText.format(area, significantDigits: 4)) cm² at \(try row["node"]) × \(NumberText.format(perArea, significantDigits: 4)) kg/cm² = \(NumberText.format(kg, significantDigits: 5)) kg"
            } else {
                kg = try row.requiredNumber("kg_co2e")
            }
            guard kg >= 0 else { throw row.bad("kg_co2e", try row["kg_co2e"], "is below zero") }
            all.append(EmbodiedFigure(id: try row["id"], device: try row["device"], deviceClass: cls, label: try row["label"],
                                      embodied: Mass(baseValue: kg), devicesPerUnit: perUnit,
                                      boundary: boundary, method: method, lifetime: .years(years), utilisation: u,
                                      lifetimeSource: try requiredSource(try row["lifetime_source"], usedAt: row),
                                      source: try requiredSource(try row["source"], usedAt: row), at: try row["where"],
                                      note: try row["note"], origin: row.place))
            return true
        }
        return all
    }

    /// Every building figure, in catalogue order (the first is the default).
    package static func buildingFigures() throws -> [BuildingFigure] {
        var all: [BuildingFigure] = []
        try CatalogRows.bundled(buildingsPath).forEach { row in
            let perMW: Double, derivation: String
            if let given = try row.number("t_co2e_per_mw") {
                (perMW, derivation) = (given, "as published")
            } else {
                let total = try row.requiredNumber("total_t"), capacity = try row.requiredNumber("capacity_mw")
                let share: Share
                do { share = try Share.parse(try row["share"]) } catch { throw row.bad("share", try row["share"], "is not a share") }
                guard total > 0 else { throw row.bad("total_t", try row["total_t"], "is not a mass above zero") }
                guard capacity > 0 else { throw row.bad("capacity_mw", try row["capacity_mw"], "is not a capacity above zero") }
                guard share.fraction > 0, share.fraction <= 1 else { throw row.bad("share", try row["share"], "is not above 0 and at most 100 %") }
                perMW = BuildingModel.perMegawatt(total: total, share: share.fraction, capacity: capacity)
                derivation = "\(NumberText.format(total, significantDigits: 6)) t × \(try row["share"]) / \(NumberText.format(capacity, significantDigits: 6)) MW = \(NumberText.format(perMW, significantDigits: 5)) t per MW"
            }
            guard perMW > 0 else { throw row.bad("t_co2e_per_mw", try row["t_co2e_per_mw"], "is not a mass above zero") }
            var lifetime: TimeSpan?
            if let years = try row.number("lifetime_y") {
                guard years > 0 else { throw row.bad("lifetime_y", try row["lifetime_y"], "is not a number of years above zero") }
                lifetime = .years(years)
            }
            all.append(BuildingFigure(id: try row["id"], label: try row["label"], perMegawatt: Mass(baseValue: perMW * 1_000), derivation: derivation,
                                      lifetime: lifetime, boundary: try row["boundary"], method: try row["method"],
                                      source: try requiredSource(try row["source"], usedAt: row), at: try row["where"],
                                      note: try row["note"], origin: row.place))
            return true
        }
        return all
    }

    package static func compact(_ id: String) -> String {
        String(id.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
    }
}

/// A per-area model of a chip's embodied emissions (LLMCarbon, Faiz et al. 2023): die area ×
/// carbon per area of its process node. Written once; the catalogue computes its rows with it.
package enum PerAreaModel {
    /// kg CO2e of a die of `dieArea` cm² at `carbonPerArea` kg CO2e per cm².
    package static func embodied(dieArea: Double, carbonPerArea: Double) -> Double {
        dieArea * carbonPerArea
    }
}

/// A building's embodied emissions per MW of capacity from a facility's published life-cycle
/// total: total × the share that is embodied / capacity. Written once; the catalogue computes
/// its rows with it.
package enum BuildingModel {
    /// t CO2e per MW of a facility of `capacity` MW whose life cycle emits `total` t, `share` of
    /// it (a fraction) from the production of its building and equipment.
    package static func perMegawatt(total: Double, share: Double, capacity: Double) -> Double {
        total * share / capacity
    }
}
