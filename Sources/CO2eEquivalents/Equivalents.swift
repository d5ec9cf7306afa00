import CO2eCore
import CO2eData

/// An everyday quantity that emits a known mass of CO2e: a car driven for a year, a gallon of
/// gasoline, a flight. Each with its source, the year of the figure and where it was read.
public struct EquivalentFactor: Sendable, Hashable {
    public let id: String
    /// What is counted: "passenger cars driven for a year".
    public let label: String
    /// The unit of the count: "car-years".
    public let unit: String
    public let mass: Mass
    public let source: Source
    public let year: Int
    /// Where in the source: "Table 4".
    public let at: String
    public let origin: String
    public let note: String
    /// The named set the factor belongs to (`epa`, `patterson`, `strubell`): whose equivalents they are.
    public let set: String
    /// How the factor was read (the row's `read` column).
    public let read: Reading?
}

/// Emissions as everyday equivalents (`data/equivalents/factors.csv`): how many car-years,
/// homes, flights... emit the same mass. The same code serves `co2e equivalents` and the
/// equivalents table any estimate can carry.
public enum Equivalents {
    static let factorsPath = "data/equivalents/factors.csv"
    static let sourcesPath = "data/equivalents/sources.csv"

    /// The named sets of factors, chosen with `source` (`co2e equivalents --source strubell`).
    public static let sets = ["epa", "patterson", "strubell"]
    /// The sets shown when none is chosen: EPA's, with Patterson et al.'s flights beside them.
    public static let defaultSets = ["epa", "patterson"]

    /// The factors of the named set, or of the default sets when `set` is nil.
    ///
    /// - Throws: `CO2eError.invalidInput` (code `invalid_value`, field `equivalents_source`)
    ///   for a name that is not a set.
    public static func factors(set: String?) throws -> [EquivalentFactor] {
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
    public static func factors() throws -> [EquivalentFactor] {
        var out: [EquivalentFactor] = []
        var sources: [String: Source] = [:]
        try CatalogRows.bundled(factorsPath).forEach { row in
            guard let kg = try row.number("kg_co2e"), kg > 0 else { throw row.bad("kg_co2e", try row["kg_co2e"], "must be a mass above zero") }
            guard let year = try row.year("year") else { throw row.bad("year", "", "is empty") }
            let id = try row["source"]
            let source = try sources[id] ?? CatalogRows.source(id, in: sourcesPath, usedAt: row.place)
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
    public static func factor(_ id: String) throws -> EquivalentFactor {
        let all = try factors()
        if let f = all.first(where: { $0.id == id.lowercased() }) { return f }
        throw CO2eError.unknown(id, kind: "equivalent", field: "equivalent", candidates: all.map(\.id))
    }

    /// The variables `addFormula` adds: one count per factor.
    public struct Variables: Sendable {
        public let factors: [EquivalentFactor]
        public let perItem: [Variable<Per<MassDimension, CountDimension>>]
        public let counts: [Variable<CountDimension>]
    }

    /// Adds count = mass / factor for each factor to `formula`.
    public static func addFormula(to formula: inout Formula, mass: Variable<MassDimension>, factors: [EquivalentFactor]) -> Variables {
        var perItem: [Variable<Per<MassDimension, CountDimension>>] = []
        var counts: [Variable<CountDimension>] = []
        for f in factors {
            let p = formula.input("factor_\(f.id)", Quantity<Per<MassDimension, CountDimension>>(baseValue: f.mass.baseValue))
            let c = formula.value("equivalent_\(f.id)", CountDimension.self)
            formula.compute { v in v[c] = v[mass] / v[p] }
            perItem.append(p)
            counts.append(c)
        }
        return Variables(factors: factors, perItem: perItem, counts: counts)
    }

    /// A count printed with 4 significant digits: `4,169–5,003`.
    public static func countValue(_ e: Evaluation, _ v: Variable<CountDimension>, unit: String) -> Value {
        let i = e.interval(v)
        let digits = 4
        // Millions and billions in words, so 2.8 billion phone charges do not print as 2,799,627,737.
        let (scale, word): (Double, String) = i.upper >= 1e9 ? (1e9, " billion") : i.upper >= 1e6 ? (1e6, " million") : (1, "")
        let text = i.isPoint ? NumberText.format(i.lower / scale, significantDigits: digits)
            : NumberText.format(i.lower / scale, significantDigits: digits) + "–" + NumberText.format(i.upper / scale, significantDigits: digits)
        return Value(dimension: CountDimension.name, unit: "", spread: e[v], text: text + word + " " + unit)
    }

    /// The equivalents table for an evaluated formula.
    public static func table(_ e: Evaluation, _ vars: Variables, of what: String) -> Table {
        var table = Table(key: "equivalents", title: "Equivalents of \(what)",
                          columns: [.init("equivalent", "Equivalent"), .init("count", "As many as"), .init("factor", "Each", unit: "kg"),
                                    .init("source", "Source")])
        for (k, f) in vars.factors.enumerated() {
            table.rows.append([.text(f.label), .value(countValue(e, vars.counts[k], unit: f.unit)), .value(Value(f.mass)),
                               .text("\(f.source.id) \(f.year), \(f.at)" + (f.read == .secondary ? " (\(Reading.secondary.description))" : ""))])
        }
        return table
    }

    /// `mass` in the bundled equivalents of the named set (EPA's and Patterson's when nil), as
    /// an estimate (`co2e equivalents`).
    ///
    /// - Throws: `CO2eError.invalidInput` for a mass not above zero (field `mass`) or an
    ///   unknown set (field `equivalents_source`).
    public static func estimate(_ mass: Uncertain<MassDimension>, set: String? = nil) throws -> Estimate {
        try Check.positive(mass, field: "mass")
        let all = try factors(set: set)
        var formula = Formula()
        let m = formula.input("mass", mass)
        let vars = addFormula(to: &formula, mass: m, factors: all)
        let e = try formula.evaluate()
        var est = Estimate(key: "equivalents", title: "\(e.text(m)) in everyday equivalents")
        est.steps.append(.init("mass", "Emissions", e.value(m), how: "given"))
        for (k, f) in all.enumerated() {
            est.cite(f.source)
            est.results.append(.init("equivalent_\(f.id)", f.label.prefix(1).uppercased() + f.label.dropFirst(), countValue(e, vars.counts[k], unit: f.unit),
                                     how: "\(e.text(m)) / \(f.mass.formatted()) per \(f.per) (\(f.source.id) \(f.year), \(f.at))",
                                     citations: [Citation(source: f.source.id, at: f.origin + (f.read == .secondary ? ", \(Reading.secondary.description)" : ""))]))
        }
        addNotes(to: &est, all)
        try est.checkFinite()
        return est
    }

    /// Adds the equivalents of each `resultKey` result in `estimate` (and in its parts) as a
    /// table, with the factors' sources. For `--equivalents` on any estimate.
    public static func append(to estimate: inout Estimate, resultKeys: [String] = ["location_based", "market_based", "net"]) throws {
        let all = try factors(set: nil)
        func visit(_ est: inout Estimate) throws {
            for key in resultKeys {
                guard let r = est.result(key), r.value.dimension == MassDimension.name else { continue }
                var formula = Formula()
                let m = formula.input("mass", Uncertain<MassDimension>(baseInterval: r.value.spread.interval))
                let vars = addFormula(to: &formula, mass: m, factors: all)
                let e = try formula.evaluate()
                var t = table(e, vars, of: "\(r.label.lowercased()) (\(r.value.text))")
                t = Table(key: "equivalents_\(key)", title: t.title, columns: t.columns, rows: t.rows)
                est.tables.append(t)
            }
            for k in est.parts.indices { try visit(&est.parts[k]) }
        }
        try visit(&estimate)
        for f in all { estimate.cite(f.source) }
        addNotes(to: &estimate, all)
    }

    static func addNotes(to est: inout Estimate, _ all: [EquivalentFactor]) {
        est.assume("equivalents", "Equivalents divide by published per-item figures; each is one source's figure for one year (EPA revises its calculator yearly), so they illustrate a size, not a measured outcome.")
        if all.contains(where: { $0.id == "car_year" }) {
            est.assume("car_year", "A car-year is EPA's typical US passenger vehicle: 4.6 t of tailpipe CO2 a year (2023 fact sheet).")
        }
        if all.contains(where: { $0.id.hasPrefix("forest_") }) {
            est.assume("forest", "Forest equivalents are the area of average US forest that would take up the mass in one year (EPA: 0.82 t CO2 per acre-year, 2017-2018); they say how much land a removal or offset claim implies, not that the land exists or stores carbon permanently.")
        }
        if all.contains(where: { $0.set == "strubell" }) {
            est.assume("strubell", "Strubell et al. (2019) give their equivalents in pounds; co2e converts at 0.45359237 kg per lb. Their figures are older and rounder than EPA's; pick the set whose figure you mean to quote.")
        }
    }
}

extension EquivalentFactor {
    /// The singular of the unit: "car-year".
    public var per: String { unit.hasSuffix("s") ? String(unit.dropLast()) : unit }
}
