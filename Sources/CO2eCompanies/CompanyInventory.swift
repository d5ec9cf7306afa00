import CO2eCore
import CO2eData

/// One disclosed figure of a company's greenhouse-gas inventory: a row of
/// `data/companies/inventories.csv` (or of a user's file with the same columns).
package struct InventoryFigure: Sendable, Hashable {
    package enum Scope: String, Sendable, Hashable, CaseIterable { case one = "1", two = "2", three = "3", total }
    package enum Basis: String, Sendable, Hashable { case none = "", location, market }
    package enum Boundary: String, Sendable, Hashable { case company, dataCentres = "data_centres" }
    /// Whether the figure is the one first published for its year, or a later report's restatement.
    package enum Restated: String, Sendable, Hashable { case original, restated }
    /// Which rules a figure is counted by: the GHG Protocol (the default, an empty cell), or the
    /// company's own criteria where it states a second table (Microsoft's Table 1b, "management's
    /// criteria", in which its change against its baseline is stated). Never mixed in one comparison.
    package enum Criteria: String, Sendable, Hashable { case ghgProtocol = "", management }

    package let company: String
    package let report: String
    /// `jul-jun` (Microsoft's fiscal year, named by the year it ends), `oct-sep` (Apple's, ending
    /// in late September, named the same way) or `calendar`.
    package let fiscalYear: String
    package let year: Int
    package let scope: Scope
    package let basis: Basis
    /// The scope 3 category (`1 purchased goods and services`); empty for a scope's total.
    package let category: String
    package let boundary: Boundary
    package let mass: Mass
    package let source: Source
    /// Where in the source: page or table.
    package let page: String
    package let read: Reading?
    package let restated: Restated
    package let criteria: Criteria
    package let note: String
    /// `file:line` of the row.
    package let origin: String

    /// "FY20" for a July-June or October-September fiscal year, "2020" for a calendar one.
    package var yearLabel: String { fiscalYear != "calendar" ? "FY\(year % 100 < 10 ? "0" : "")\(year % 100)" : String(year) }
}

/// The company inventories co2e knows.
package struct CompanyCatalog: Sendable {
    package static let inventoriesPath = "data/companies/inventories.csv"
    package static let sourcesPath = "data/companies/sources.csv"

    package let figures: [InventoryFigure]

    /// The bundled inventories.
    package static var bundled: CompanyCatalog {
        get throws { try CompanyCatalog(rows: try CatalogRows.bundled(inventoriesPath), isUser: false) }
    }

    /// A user's file with the columns of `data/companies/inventories.csv`.
    package static func parse(bytes: [UInt8], origin: String) throws -> CompanyCatalog {
        let c = try CompanyCatalog(rows: .user(bytes: bytes, origin: origin), isUser: true)
        guard !c.figures.isEmpty else { throw CO2eError(.invalidData, "has no figures (a header line, then one figure per line)", file: origin) }
        return c
    }

    init(rows: CatalogRows, isUser: Bool) throws {
        var out: [InventoryFigure] = []
        var sources: [String: Source] = [:]
        try rows.forEach { row in
            let company = try row["company"].lowercased()
            guard !company.isEmpty else { throw row.bad("company", "", "is empty") }
            let report = try row["report"]
            guard !report.isEmpty else { throw row.bad("report", "", "is empty; name the report the figure was read in") }
            let fy = try row["fiscal_year"]
            guard fy == "jul-jun" || fy == "oct-sep" || fy == "calendar" else { throw row.bad("fiscal_year", fy, "is not a fiscal-year convention", accepted: "jul-jun, oct-sep, calendar") }
            guard let year = try row.year("year") else { throw row.bad("year", "", "is empty") }
            let scopeText = try row["scope"]
            guard let scope = InventoryFigure.Scope(rawValue: scopeText) else { throw row.bad("scope", scopeText, "is not a scope", accepted: "1, 2, 3, total") }
            let basisText = try row["basis"]
            guard let basis = InventoryFigure.Basis(rawValue: basisText) else { throw row.bad("basis", basisText, "is not a scope 2 basis", accepted: "location, market, or empty") }
            if scope == .two && basis == .none { throw row.bad("basis", "", "is empty; a scope 2 figure is location- or market-based", accepted: "location, market") }
            let boundaryText = try row["boundary"]
            guard let boundary = InventoryFigure.Boundary(rawValue: boundaryText) else { throw row.bad("boundary", boundaryText, "is not a boundary", accepted: "company, data_centres") }
            guard let t = try row.number("tco2e") else { throw row.bad("tco2e", "", "is empty") }
            guard t >= 0 else { throw row.bad("tco2e", try row["tco2e"], "is negative") }
            let rsText = try row["restated"]
            guard let rs = InventoryFigure.Restated(rawValue: rsText) else { throw row.bad("restated", rsText, "is not a restatement mark", accepted: "original, restated") }
            let criteriaText = row.optional("criteria") ?? ""
            guard let criteria = InventoryFigure.Criteria(rawValue: criteriaText) else {
                throw row.bad("criteria", criteriaText, "is not a counting rule", accepted: "empty (GHG Protocol), management")
            }
            let sourceID = try row["source"]
            let source: Source
            if isUser {
                source = Source(id: sourceID.isEmpty ? "user" : sourceID, kind: .dataset, title: "as given in \(rows.origin)", publisher: "", published: "", licence: "", url: "")
            } else {
                source = try sources[sourceID] ?? CatalogRows.source(sourceID, in: Self.sourcesPath, usedAt: row)
                sources[sourceID] = source
            }
            out.append(InventoryFigure(company: company, report: report, fiscalYear: fy, year: year, scope: scope, basis: basis,
                                       category: try row["category"], boundary: boundary, mass: .tonnes(t), source: source,
                                       page: row.optional("page") ?? "", read: try row.reading(), restated: rs, criteria: criteria,
                                       note: row.optional("note") ?? "", origin: row.place))
            return true
        }
        figures = out
    }

    /// The companies, in file order.
    package var companies: [String] {
        var seen: [String] = []
        for f in figures where !seen.contains(f.company) { seen.append(f.company) }
        return seen
    }

    /// The figures of `name` (ignoring case).
    ///
    /// - Throws: `CO2eError` (field `company`) for a company with no inventory, with near names.
    package func company(_ name: String) throws -> CompanyInventory {
        let wanted = name.trimmingSpaces.lowercased()
        let found = figures.filter { $0.company == wanted }
        guard !found.isEmpty else { throw CO2eError.unknown(name, kind: "company with a bundled inventory", field: "company", candidates: companies, seeAlso: "list") }
        return CompanyInventory(name: wanted, figures: found)
    }
}

/// One company's disclosed figures, across its reports.
package struct CompanyInventory: Sendable {
    package let name: String
    package let figures: [InventoryFigure]

    /// The company's name as printed (`Microsoft`).
    package var displayName: String { name.prefix(1).uppercased() + name.dropFirst() }

    /// The name as an error message shows it: control characters escaped, clipped if long
    /// (a user's file may name a company with anything).
    var echoedName: String { EchoedText.value(displayName) }

    /// The years with a company-wide figure, ascending.
    package var years: [Int] { Array(Set(figures.filter { $0.boundary == .company }.map(\.year))).sorted() }

    /// The reports, in the order of the latest year each gives (then by name).
    package var reports: [String] {
        let latest = Dictionary(figures.map { ($0.report, $0.year) }, uniquingKeysWith: max)
        return latest.keys.sorted { (latest[$0]!, $0) < (latest[$1]!, $1) }
    }

    /// The figure for a year, scope, basis, category, boundary and counting rule, from `report`; nil if none.
    package func figure(_ year: Int, _ scope: InventoryFigure.Scope, _ basis: InventoryFigure.Basis = .none, category: String = "",
                        boundary: InventoryFigure.Boundary = .company, report: String, criteria: InventoryFigure.Criteria = .ghgProtocol) -> InventoryFigure? {
        figures.first { $0.year == year && $0.scope == scope && $0.basis == basis && $0.category == category && $0.boundary == boundary && $0.report == report && $0.criteria == criteria }
    }

    /// The latest report that gives `year` company-wide: a year's figures are read from it.
    package func report(for year: Int) -> String? {
        reports.last { r in figures.contains { $0.report == r && $0.year == year && $0.boundary == .company } }
    }

    /// Checks that `year` was reported.
    ///
    /// - Throws: `CO2eError` (field `field`, `year` unless given) naming the years the company reported.
    package func requireYear(_ year: Int, field: String = "year") throws {
        guard report(for: year) != nil else {
            throw CO2eError(.invalidData, "is not a year \(echoedName) reported in the bundled inventory", code: .notAvailable, field: field,
                            value: String(year), accepted: years.map(String.init).joined(separator: ", "))
        }
    }

    /// The total (scope 1 + 2 market + 3, as the company states it) of `year` in `report`; nil if not given.
    package func total(_ year: Int, report: String, criteria: InventoryFigure.Criteria = .ghgProtocol) -> InventoryFigure? {
        figure(year, .total, .market, report: report, criteria: criteria)
    }
}
