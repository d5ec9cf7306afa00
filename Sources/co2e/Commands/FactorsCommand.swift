import CO2eKit

/// `co2e factors`: look up grid factors, list the zones, compare sources for one place.
struct FactorsCommand: Command {
    static let name = "factors"
    static let abstract = "Show a zone's grid factor with year, basis and source; list zones; compare sources."
    static let discussion = """
    EXAMPLES:
      co2e factors US                  # one zone: value, year, basis, source
      co2e factors Ireland --year 2020
      co2e factors us-east-1           # a cloud region: the zone it maps to, and why
      co2e factors europe-west1 --compare
      co2e factors --list              # every zone and cloud region the bundled tables know
      co2e factors --sources           # every source, with licence and address
    """

    static let positionals = [Positional(name: "ZONE", help: "A country (US, IRL, Ireland), an eGRID subregion (eGRID:SRVC or SRVC), a Google Cloud region (europe-west1) or an AWS/Azure region (us-east-1, westus2).", optional: true)]

    static let list = Flag("list", "List every zone and cloud region the tables know.")
    static let sources = Flag("sources", "List every source the bundled tables cite.")
    static let year = Option<Int>("year", "YEAR", "The year to show (default: the newest).") { try Year.parse($0) }
    static let allYears = Flag("all-years", "Show every year the zone has.")
    static let compare = Flag("compare", "Show every bundled source's figure for the place side by side, with why they differ.")
    static let factorFile = Option<String>("factors", "FILE", "Read grid factors from FILE instead of the bundled tables (columns zone,year,g_co2e_per_kwh,basis,source).")

    static var options: [any OptionDeclaration] { [list, sources, year, allYears, compare, factorFile] }

    static var rules: [Rule] {
        [.conflicts(year, allYears), .conflicts(allYears, compare, because: "--compare shows each source's newest year, or --year"),
         .conflicts(list, sources), .conflicts(list, compare)]
    }

    static func run(_ a: Arguments) throws -> Output {
        let catalog = try a.text(factorFile).map { try FactorCatalog.load(file: $0) } ?? .bundled
        if a[list] {
            guard a.positionals.isEmpty else { throw CO2eError(.invalidInput, "takes no ZONE", field: "list") }
            return .listing(try listZones(catalog))
        }
        if a[sources] {
            let all = try catalog.sources()
            return .listing(Listing([.columns(header: nil, rows: all.map { [$0.id, $0.citation] })], json: .array(all.map(\.json))))
        }
        guard let query = a.positionals.first else {
            throw CO2eError.input("give a ZONE (e.g. 'co2e factors US'), or --list to see them all")
        }
        let year = try a.value(year)
        if a[compare] {
            let comparison = try catalog.compare(query, year: year)
            return .listing(listing(comparison))
        }
        let match = try catalog.resolve(query)
        let all = try catalog.factors(for: match.zone)
        let shown = a[allYears] ? all : [try catalog.factor(for: match.zone, year: year)]
        var members: [(String, JSONValue)] = [("query", .string(query)), ("zone", .string(match.zone.id)),
                                              ("name", .string(match.zone.name)), ("kind", .string(match.zone.kind))]
        if case let .cloudRegion(r, _) = match { members.append(("cloud_region", r.json)) }
        members.append(("years", .array(all.map { .number(Double($0.year)) })))
        members.append(("factors", .array(shown.map(\.json))))
        var heading = ""
        var rows: [[String]] = []
        if case let .cloudRegion(r, z) = match {
            heading = "\(r.provider):\(r.region) (\(r.location)) -> \(z.id), \(z.name)"
            rows += [["Why", r.reason], ["Location source", r.source.citation]]
        } else {
            heading = "\(match.zone.id): \(match.zone.name) (\(match.zone.kind))"
        }
        for f in shown {
            rows.append(["Factor", "\(f.intensity.formatted()) CO2e in \(f.year)" + (f.carbonFreeShare.map { ", carbon-free energy \(Share.fraction($0).formatted())" } ?? "")])
            rows.append(["Basis", f.basisDescription])
            rows.append(["Source", "\(f.source.citation) [\(f.source.id)]"])
            rows.append(["Row", f.origin])
            if let read = f.read { rows.append(["Read", read.description]) }
        }
        rows.append(["Years", FactorCatalog.describeYears(all.map(\.year)) + (a[allYears] ? "" : " (--year picks one; --all-years shows them all)")])
        if !match.zone.aliases.isEmpty { rows.append(["Also found as", match.zone.aliases.joined(separator: ", ")]) }
        return .listing(Listing([.line(heading), .columns(header: nil, rows: rows)], json: .object(members)))
    }

    static func listing(_ c: FactorComparison) -> Listing {
        var heading = "Grid factors for \(c.query)"
        if let r = c.cloudRegion { heading += ": \(r.provider):\(r.region) (\(r.location)) maps to \(r.mapsTo). \(r.reason)" }
        var rows: [[String]] = []
        for e in c.entries {
            rows.append([e.factor.intensity.formatted(), String(e.factor.year), e.factor.basisDescription, e.scope, e.factor.source.id])
        }
        var blocks: [Listing.Block] = [.line(heading), .columns(header: ["Figure", "Year", "Basis", "Area", "Source"], rows: rows), .blank,
                                       .line(c.summary)]
        for note in c.notes { blocks.append(.line("Note: \(note).")) }
        return Listing(blocks, json: c.json)
    }

    static func listZones(_ catalog: FactorCatalog) throws -> Listing {
        let zones = try catalog.zones()
        let factors = try catalog.allFactors()
        let regions = try catalog.cloudRegions()
        let json: JSONValue
        do {
            let items: [JSONValue] = zones.map { z in
                let f = factors[z.id] ?? []
                return .object([("zone", .string(z.id)), ("kind", .string(z.kind)), ("name", .string(z.name)),
                                ("aliases", .array(z.aliases.map(JSONValue.string))),
                                ("years", .array(f.map { .number(Double($0.year)) })),
                                ("newest", f.last?.json ?? .null)])
            }
            json = .object([("zones", .array(items)), ("cloud_regions", .array(regions.map(\.json)))])
        }
        var rows: [[String]] = []
        for z in zones {
            let f = factors[z.id] ?? []
            rows.append([z.id, z.kind, z.name, FactorCatalog.describeYears(f.map(\.year)), f.last.map { "\($0.intensity.formatted()) (\($0.year), \($0.basis.rawValue))" } ?? "-"])
        }
        var blocks: [Listing.Block] = [.line("\(zones.count) zone\(zones.count == 1 ? "" : "s") with factors:"),
                                       .columns(header: ["Zone", "Kind", "Name", "Years", "Newest"], rows: rows)]
        if !regions.isEmpty {
            let cloudRows = regions.map { ["\($0.provider):\($0.region)", $0.location, $0.mapsTo] }
            blocks += [.blank, .line("\(regions.count) cloud regions, each mapped to the zone whose grid it draws on ('co2e factors REGION' says why):"),
                       .columns(header: ["Cloud region", "Location", "Uses zone"], rows: cloudRows)]
        }
        return Listing(blocks, json: json)
    }
}
