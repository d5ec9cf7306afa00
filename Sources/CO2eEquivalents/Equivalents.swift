import CO2eCore
import CO2eData

/// An everyday quantity that emits a known mass of CO2e: a car driven for a year, a gallon of
/// gasoline, a flight. Each with its source, the year of the figure and where it was read.
public struct EquivalentFactor: Sendable, Hashable {
    /// The factor's stable id (`car_year`).
    public let id: String
    /// What is counted: "passenger cars driven for a year".
    public let label: String
    /// The unit of the count: "car-years".
    package let unit: String
    package let mass: Mass
    package let source: Source
    package let year: Int
    /// Where in the source: "Table 4".
    package let at: String
    package let origin: String
    package let note: String
    /// The named set the factor belongs to (`epa`, `patterson`, `strubell`): whose equivalents they are.
    package let set: String
    /// How the factor was read (the row's `read` column).
    package let read: Reading?
}

/// Emissions as everyday equivalents (`data/equivalents/factors.csv`): how many car-years,
/// homes, flights... emit the same mass. The same code serves `co2e equivalents` and the
/// equivalents table any estimate can carry.
public enum Equivalents {
    static let factorsPath = "data/equivalents/factors.csv"
    static let sourcesPath = "data/equivalents/sources.csv"

    /// The named sets of factors, chosen with `source` (`co2e equivalents --source strubell`).
    package static let sets = ["epa", "patterson", "strubell"]
    /// The sets shown when none is chosen: EPA's, with Patterson et al.'s flights beside them.
    package static let defaultSets = ["epa", "patterson"]

    /// The factors of the named set, or of the default sets when `set` is nil.
    ///
    /// - Throws: `CO2eError.invalidInput` (code `invalid_value`, field `equivalents_source`)
    ///   for a name that is not a set.
    package static func factors(set: String?) throws -> [EquivalentFactor] {
        let wanted: [String]
        if let set {
            let key = set.trimmingSpaces.lowercased()
            guard sets.contains(key) else {
                throw CO2eError(.invalidInput, "is not a set of equivalents", code: .invalidValue, field: "equivalents_source",
                                value: set, accepted: sets.joined(separator: ", "))
            }
            wanted = [key]
        } else {
            wanted = defaultSets
        }
        return try factors().filter { wanted.contains($0.set) }
    }

    /// Every bundled factor, in file order.
    package static func factors() throws -> [EquivalentFactor] {
        var out: [EquivalentFactor] = []
        var sources: [String: Source] = [:]
        try CatalogRows.bundled(factorsPath).forEach { row in
            guard let kg = try row.number("kg_co2e"), kg > 0 else { throw row.bad("kg_co2e", try row["kg_co2e"], "must be a mass above zero") }
            let year = try row.requiredYear("year")
            let id = try row["source"]
            let source = try sources[id] ?? CatalogRows.source(id, in: sourcesPath, usedAt: row)
            sources[id] = source
            let set = row.optional("set")?.lowercased() ?? "epa"
            guard sets.contains(set) else { throw row.bad("set", set, "is not a set of equivalents", accepted: sets.joined(separator: ", ")) }
            out.append(EquivalentFactor(id: try row["id"], label: try row["label"], unit: try row["unit"], mass: .kilograms(kg),
                                        source: source, year: year, at: try row["where"], origin: row.place, note: row.optional("note") ?? "",
                                        set: set, read: try row.reading()))
            return true
        }
        return out
    }

    /// The factor with `id`.
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (field `equivalent`), with the nearest.
    package static func factor(_ id: String) throws -> EquivalentFactor {
        let all = try factors()
        if let f = all.first(where: { $0.id == id.lowercased() }) { return f }
        throw CO2eError.unknown(id, kind: "equivalent", field: "equivalent", candidates: all.map(\.id))
    }

    /// The equivalents of `mass` in each of `factors` (the default sets when nil): count =
    /// mass / the factor's mass per item, with the mass's spread (one value, bounds or Monte
    /// Carlo percentiles) carried to each count.
    ///
    /// - Throws: `CO2eError.invalidData` when the bundled factors cannot be read.
    public static func of(_ mass: Figure<MassDimension>, factors: [EquivalentFactor]? = nil) throws -> Result {
        let all = try factors ?? Self.factors(set: nil)
        return Result(mass: mass, counts: all.map { f in
            Count(factor: f, count: Figure(mass.spread).scaled(by: 1 / f.mass.baseValue))
        })
    }

    /// A mass as everyday equivalents: the mass and one count per factor.
    public struct Result: Sendable {
        /// The mass counted.
        package let mass: Figure<MassDimension>
        /// One count per factor, in the factors' order.
        public let counts: [Count]

        /// The count for factor `id`, or nil.
        package func count(_ id: String) -> Figure<CountDimension>? { counts.first { $0.factor.id == id }?.count }

        /// The equivalents table of the trail (`Equivalents of <what>`), derived from the counts.
        package func table(key: String = "equivalents", of what: String) -> Table {
            var table = Table(key: key, title: "Equivalents of \(what)",
                              columns: [.init("equivalent", "Equivalent"), .init("count", "As many as"), .init("factor", "Each", unit: "kg"),
                                        .init("source", "Source")])
            for c in counts {
                table.rows.append([.text(c.factor.label), .value(c.trailValue), .value(Value(c.factor.mass)),
                                   .text("\(c.factor.source.id) \(c.factor.year), \(c.factor.at)" + (c.factor.read == .secondary ? " (\(Reading.secondary.description))" : ""))])
            }
            return table
        }

        /// The trail of `co2e equivalents`: the mass given and one result per factor.
        package var estimate: Estimate {
            get throws {
                let massText = Quantity<MassDimension>.format(mass.spread.interval)
                var est = Estimate(key: "equivalents", title: "\(massText) in everyday equivalents")
                est.steps.append(.init("mass", "Emissions", mass.trailValue(), how: "given"))
                for c in counts {
                    let f = c.factor
                    est.cite(f.source)
                    est.results.append(.init("equivalent_\(f.id)", f.label.prefix(1).uppercased() + f.label.dropFirst(), c.trailValue,
                                             how: "\(massText) / \(f.mass.formatted()) per \(f.per) (\(f.source.id) \(f.year), \(f.at))",
                                             citations: [Citation(source: f.source.id, at: f.origin + (f.read == .secondary ? ", \(Reading.secondary.description)" : ""))]))
                }
                addNotes(to: &est, counts.map(\.factor))
                try est.checkFinite()
                return est
            }
        }
    }

    /// One factor's count.
    public struct Count: Sendable {
        /// The factor counted in: a car's year, a flight, a home's year.
        public let factor: EquivalentFactor
        /// How many items emit the mass.
        public let count: Figure<CountDimension>

        /// The count printed with 4 significant digits, millions and billions in words:
        /// `4,169–5,003 car-years`, `2.8 billion phone charges`.
        package var text: String {
            let i = count.spread.interval
            let digits = 4
            let (scale, word): (Double, String) = i.upper >= 1e9 ? (1e9, " billion") : i.upper >= 1e6 ? (1e6, " million") : (1, "")
            let number = i.isPoint ? NumberText.format(i.lower / scale, significantDigits: digits)
                : NumberText.format(i.lower / scale, significantDigits: digits) + "–" + NumberText.format(i.upper / scale, significantDigits: digits)
            return number + word + " " + factor.unit
        }

        /// The count as a trail value (its text as `text`).
        package var trailValue: Value { Value(dimension: CountDimension.name, unit: "", spread: count.spread, text: text) }
    }

    /// `mass` in the bundled equivalents of the named set (EPA's and Patterson's when nil), as
    /// an estimate (`co2e equivalents`).
    ///
    /// - Throws: `CO2eError.invalidInput` for a mass not above zero (field `mass`) or an
    ///   unknown set (field `equivalents_source`).
    package static func estimate(_ mass: Uncertain<MassDimension>, set: String? = nil) throws -> Estimate {
        try Check.positive(mass, field: "mass")
        return try of(Figure(Spread(mass.interval)), factors: try factors(set: set)).estimate
    }

    /// A mass to give equivalents for: the key of its table (`equivalents_<key>`), its label,
    /// the figure, and the part of the estimate the table goes in (nil for the estimate itself).
    package typealias NamedMass = (key: String, label: String, mass: Figure<MassDimension>, part: Int?)

    /// Adds the equivalents of each mass to `estimate` as a table (key `equivalents_<key>`, in
    /// the mass's part if it names one), with the factors' sources and notes on the estimate.
    package static func append(to estimate: inout Estimate, masses: [NamedMass]) throws {
        let all = try factors(set: nil)
        for m in masses {
            let table = try of(m.mass, factors: all).table(key: "equivalents_\(m.key)", of: "\(m.label.lowercased()) (\(m.mass.trailValue().text))")
            if let part = m.part { estimate.parts[part].tables.append(table) } else { estimate.tables.append(table) }
        }
        for f in all { estimate.cite(f.source) }
        addNotes(to: &estimate, all)
    }

    static func addNotes(to est: inout Estimate, _ all: [EquivalentFactor]) {
        est.assume("equivalents", "Equivalents divide by published per-item figures; each is one source's figure for one year (EPA revises its calculator yearly), so they illustrate a size, not a measured outcome.")
        // The figures in these notes are the factor rows' own (data/equivalents/factors.csv).
        func tonnes(_ f: EquivalentFactor) -> String { NumberText.format(f.mass.tonnes, significantDigits: 3) + " t" }
        if let car = all.first(where: { $0.id == "car_year" }) {
            est.assume("car_year", "A car-year is EPA's typical US passenger vehicle: \(tonnes(car)) of tailpipe CO2 a year (\(car.year) fact sheet).")
        }
        if all.contains(where: { $0.id.hasPrefix("forest_") }) {
            let acre = all.first { $0.id == "forest_acre_year" }
            let figure = acre.map { " (EPA: \(tonnes($0)) CO2 per acre-year, \($0.year))" } ?? ""
            est.assume("forest", "Forest equivalents are the area of average US forest that would take up the mass in one year\(figure); they say how much land a removal or offset claim implies, not that the land exists or stores carbon permanently.")
        }
        if all.contains(where: { $0.set == "strubell" }) {
            est.assume("strubell", "Strubell et al. (2019) give their equivalents in pounds; co2e converts at 0.45359237 kg per lb. Their figures are older and rounder than EPA's; pick the set whose figure you mean to quote.")
        }
    }
}

extension EquivalentFactor {
    /// The singular of the unit: "car-year".
    package var per: String { unit.hasSuffix("s") ? String(unit.dropLast()) : unit }
}
