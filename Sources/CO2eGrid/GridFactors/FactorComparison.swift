import CO2eCore
import CO2eData

/// Every bundled figure for one place side by side, and why they differ.
package struct FactorComparison: Sendable {
    /// One figure: what it covers, and the factor.
    package struct Entry: Sendable, Hashable {
        /// What the figure describes, e.g. "Belgium (country)".
        package let scope: String
        /// The source's figure.
        package let factor: GridFactor
        /// The zone whose area the figure covers: a Google region's figure covers the grid of
        /// the zone it maps to; eGRID's national total covers the US.
        package let area: String
    }

    /// The place asked for, as the user wrote it.
    package let query: String
    /// The cloud region asked for, if it was one.
    package let cloudRegion: CloudRegion?
    /// Every bundled figure for the place, one per source.
    package let entries: [Entry]
    /// One-line reasons for the spread: basis, boundary, year, area.
    package let reasons: [String]
    /// What the reader must know about the rows, e.g. a year that a source lacks.
    package let notes: [String]

    /// Lowest and highest figure.
    package var range: Interval? {
        let values = entries.map(\.factor.intensity.gramsPerKilowattHour)
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return Interval(lo, hi)
    }

    /// "Spread 103.4–117.6 g/kWh (1.14x): ..." in one line.
    package var summary: String {
        guard let range, entries.count > 1 else { return "Only one figure for this place." }
        var text = "Spread \(Intensity.format(range.scaled(by: Intensity.gramsPerKilowattHour(1).baseValue))) "
        if range.lower > 0 { text += "(\(NumberText.format(range.upper / range.lower, significantDigits: 3))x)" }
        text += reasons.isEmpty ? "." : ": " + reasons.joined(separator: "; ") + "."
        return text
    }

    /// The comparison as JSON.
    package var json: JSONValue {
        .object([
            ("query", .string(query)),
            ("cloud_region", cloudRegion?.json ?? .null),
            ("entries", .array(entries.map { .object([("scope", .string($0.scope)), ("factor", $0.factor.json)]) })),
            ("low_g_per_kwh", range.map { .number($0.lower) } ?? .null),
            ("high_g_per_kwh", range.map { .number($0.upper) } ?? .null),
            ("reasons", .array(reasons.map(JSONValue.string))),
            ("notes", .array(notes.map(JSONValue.string))),
            ("summary", .string(summary)),
        ])
    }
}

extension FactorCatalog {
    /// Every bundled figure for the place named `query`: its own zone's, the zone a cloud region
    /// maps to, the country around an eGRID subregion, Google's figures for regions on the same
    /// grid, and each source's newest year (or `year`, where a source has it).
    package func compare(_ query: String, year: Int? = nil) throws -> FactorComparison {
        let match = try resolve(query)
        var zones: [(Zone, String)] = []
        func add(_ zone: Zone, _ scope: String) {
            if !zones.contains(where: { $0.0.id == zone.id }) { zones.append((zone, scope)) }
        }
        func zoneNamed(_ id: String) throws -> Zone? {
            if case let .zone(z) = try? resolve(id) { return z }
            return nil
        }
        var cloudRegion: CloudRegion?
        switch match {
        case let .zone(z):
            add(z, Self.scope(of: z))
            // A Google region: the grid it sits on, by our mapping.
            if let r = try cloudRegions().first(where: { $0.id == z.id }), let target = try zoneNamed(r.mapsTo) {
                add(target, Self.scope(of: target))
            }
        case let .cloudRegion(r, z):
            cloudRegion = r
            add(z, Self.scope(of: z))
        }
        // Around an eGRID subregion: the national figures.
        for (z, _) in zones where z.kind.hasPrefix("egrid") {
            if let us = try zoneNamed("US") { add(us, Self.scope(of: us)) }
            if z.kind != "egrid-total", let total = try zoneNamed("eGRID:US") { add(total, Self.scope(of: total)) }
        }
        // The US as a country: eGRID's national total too.
        for (z, _) in zones where z.id == "US" {
            if let total = try zoneNamed("eGRID:US") { add(total, Self.scope(of: total)) }
        }
        // Google's published figures for regions on the same grid as the place.
        let grids = Set(zones.map(\.0.id))
        var areaOf: [String: String] = ["eGRID:US": "US"]
        for r in try cloudRegions() where r.provider == "gcp" {
            areaOf[r.id] = r.mapsTo
            if grids.contains(r.mapsTo), let z = try zoneNamed(r.id) {
                add(z, "Google Cloud \(r.region) (\(r.location)), also in \(r.mapsTo)")
            }
        }

        var entries: [FactorComparison.Entry] = []
        var notes: [String] = []
        for (zone, scope) in zones {
            let all = try factors(for: zone)
            var order: [String] = []
            var newest: [String: GridFactor] = [:], exact: [String: GridFactor] = [:]
            for f in all {
                if newest[f.source.id] == nil { order.append(f.source.id) }
                newest[f.source.id] = f // oldest first, so the newest wins
                if f.year == year { exact[f.source.id] = f }
            }
            for id in order {
                let chosen = exact[id] ?? newest[id]!
                if let year, exact[id] == nil {
                    notes.append("\(zone.id) has no \(year) figure from \(id); its newest (\(chosen.year)) is shown")
                }
                entries.append(.init(scope: scope, factor: chosen, area: areaOf[zone.id] ?? zone.id))
            }
        }
        return FactorComparison(query: query, cloudRegion: cloudRegion, entries: entries, reasons: Self.reasons(entries), notes: notes)
    }

    /// True when `compare` would show more than one figure for the zone `id`: an eGRID zone beside the
    /// national figures, the US beside eGRID's total, a country with a Google Cloud region of
    /// its own. Reads only the cloud regions that name the zone, not every table.
    package func hasOtherFigures(forZone id: String) throws -> Bool {
        if id.hasPrefix("eGRID:") || id == "US" { return true }
        return try hasGoogleRegion(mappingTo: id)
    }

    static func scope(of zone: Zone) -> String {
        switch zone.kind {
        case "country": return "\(zone.name) (country)"
        case "world": return "World average"
        case "egrid-subregion": return "\(zone.name) (eGRID subregion)"
        case "egrid-total": return "United States (eGRID national total)"
        case "gcp-region": return "\(zone.name)"
        default: return "\(zone.name) (\(zone.kind))"
        }
    }

    /// Why the figures differ, from what each one counts.
    static func reasons(_ entries: [FactorComparison.Entry]) -> [String] {
        var reasons: [String] = []
        let factors = entries.map(\.factor)
        let bases = Set(factors.map(\.basis))
        if bases.count > 1 {
            let life = factors.filter { $0.basis == .lifecycle }.map(\.source.id)
            let ops = factors.filter { $0.basis == .operational }.map(\.source.id)
            reasons.append("basis differs: lifecycle figures (\(Set(life).sorted().joined(separator: ", "))) add fuel supply, methane leaks and plant construction to what operational figures (\(Set(ops).sorted().joined(separator: ", "))) count at the stack")
        }
        let boundaries = Set(factors.compactMap(\.boundary))
        if boundaries.count > 1 {
            reasons.append("boundary differs: consumption-based figures trace imported electricity, production-based ones count only generation inside the area")
        }
        let years = Set(factors.map(\.year))
        if years.count > 1 {
            reasons.append("years differ (\(FactorCatalog.describeYears(years.sorted()))): grids change from year to year")
        }
        let areas = Set(entries.map(\.area))
        if areas.count > 1 {
            reasons.append("areas differ: a country average hides its subregions, and a region's figure describes its local grid")
        }
        return reasons
    }
}
