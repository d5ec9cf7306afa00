import CO2eKit

/// `co2e factors`: look up grid factors, list the zones, compare sources for one place.
struct FactorsCommand: Command {
    static let name = "factors"
    static let abstract = "Show a zone's grid factor with year, basis and source; list zones; compare sources."
    static let discussion = """
    EXAMPLES:
      co2e factors US                  # one zone: value, year, basis, source
      co2e factors DE FR US            # several zones side by side
      co2e factors Ireland --year 2020
      co2e factors us-east-1           # a cloud region: the zone it maps to, and why
      co2e factors europe-west1 --compare
      co2e factors --list              # every zone and cloud region the bundled tables know
      co2e factors --sources           # every source, with licence and address
    """

    static let positionals = [Positional(name: "ZONE", help: "A country (US, IRL, Ireland), an eGRID subregion (eGRID:SRVC or SRVC), a Google Cloud region (europe-west1) or an AWS/Azure region (us-east-1, westus2). Give several (DE FR US) to see them side by side.", optional: true, variadic: true)]

    static let list = Flag("list", "List every zone and cloud region the tables know.")
    static let sources = Flag("sources", "List every source the bundled tables cite.")
    static let year = Option<Int>("year", "YEAR", "The year to show (default: the newest).") { try Year.parse($0) }
    static let allYears = Flag("all-years", "Show every year the zone has.")
    static let compare = Flag("compare", "Show every bundled source's figure for the place side by side, with why they differ.")
    static let factorFile = Option<String>("factors", "FILE", "Read grid factors from FILE instead of the bundled tables (columns zone,year,g_co2e_per_kwh,basis,source).")
    static let jsonFlag = Flag("json", "Print JSON instead of text.")

    static var options: [any OptionDeclaration] { [list, sources, year, allYears, compare, factorFile, jsonFlag] }

    static var rules: [Rule] {
        [.conflicts(year, allYears), .conflicts(allYears, compare, because: "--compare shows each source's newest year, or --year"),
         .conflicts(list, sources), .conflicts(list, compare)]
    }

    static func run(_ a: Arguments, _ console: Console) throws {
        let catalog = try a.text(factorFile).map { try FactorCatalog.load(file: $0) } ?? .bundled
        let json = a[jsonFlag]
        if a[list] {
            guard a.positionals.isEmpty else { throw CO2eError(.invalidInput, "takes no ZONE", field: "list") }
            try listZones(catalog, json: json, console)
            return
        }
        if a[sources] {
            let all = try catalog.sources()
            if json {
                console.print(JSONValue.array(all.map(\.json)).prettySerialized())
            } else {
                console.out(Rendering.columns(all.map { [$0.id, $0.citation] }))
            }
            return
        }
        guard let query = a.positionals.first else {
            throw CO2eError.input("give a ZONE (e.g. 'co2e factors US'), or --list to see them all")
        }
        let year = try a.value(year)
        if a.positionals.count > 1 {
            if a[compare] || a[allYears] {
                throw CO2eError(.invalidInput, "shows one zone at a time; several zones are shown side by side with their newest factor (or --year)",
                                code: .conflictingOptions, field: a[compare] ? "compare" : "all_years", value: a.positionals.joined(separator: " "))
            }
            try sideBySide(a.positionals, catalog, year: year, json: json, console)
            return
        }
        if a[compare] {
            let comparison = try catalog.compare(query, year: year)
            console.out(json ? comparison.json.prettySerialized() + "\n" : text(comparison))
            return
        }
        let match = try catalog.resolve(query)
        let all = try catalog.factors(for: match.zone)
        let shown = a[allYears] ? all : [try catalog.factor(for: match.zone, year: year)]
        if json {
            var members: [(String, JSONValue)] = [("query", .string(query)), ("zone", .string(match.zone.id)),
                                                  ("name", .string(match.zone.name)), ("kind", .string(match.zone.kind))]
            if case let .cloudRegion(r, _) = match { members.append(("cloud_region", r.json)) }
            members.append(("years", .array(all.map { .number(Double($0.year)) })))
            members.append(("factors", .array(shown.map(\.json))))
            console.print(JSONValue.object(members).prettySerialized())
            return
        }
        var out = ""
        var rows: [[String]] = []
        if case let .cloudRegion(r, z) = match {
            out += "\(r.provider):\(r.region) (\(r.location)) -> \(z.id), \(z.name)\n"
            rows += [["Why", r.reason], ["Location source", r.source.citation]]
        } else {
            out += "\(match.zone.id): \(match.zone.name) (\(match.zone.kind))\n"
        }
        for f in shown {
            rows.append(["Factor", "\(f.intensity.formatted()) CO2e in \(f.year)" + (f.carbonFreeShare.map { ", carbon-free energy \(Share.fraction($0).formatted())" } ?? "")])
            rows.append(["Basis", f.basisDescription])
            rows.append(["Source", "\(f.source.citation) [\(f.source.id)]"])
            rows.append(["Row", f.origin])
        }
        rows.append(["Years", FactorCatalog.describeYears(all.map(\.year)) + (a[allYears] ? "" : " (--year picks one; --all-years shows them all)")])
        if !match.zone.aliases.isEmpty { rows.append(["Also found as", match.zone.aliases.joined(separator: ", ")]) }
        out += wrapped(rows, width: console.width)
        console.out(out)
    }

    /// Label and value rows, each value wrapped to `width` beside its label.
    static func wrapped(_ rows: [[String]], width: Int) -> String {
        let labelWidth = rows.map { $0[0].count }.max() ?? 0
        let indent = 2 + labelWidth + 2
        var out = ""
        for r in rows {
            let lines = Wrap.lines(r[1], width: max(30, width - indent))
            out += "  " + Rendering.pad(r[0], labelWidth) + "  " + lines[0] + "\n"
            for l in lines.dropFirst() { out += String(repeating: " ", count: indent) + l + "\n" }
        }
        return out
    }

    /// Several zones side by side: one row per zone with its factor, year, basis and source,
    /// then each source once.
    static func sideBySide(_ queries: [String], _ catalog: FactorCatalog, year: Int?, json: Bool, _ console: Console) throws {
        var found: [(query: String, match: ZoneMatch, factor: GridFactor)] = []
        for q in queries {
            let (match, factor) = try catalog.factor(for: q, year: year)
            found.append((q, match, factor))
        }
        if json {
            let items: [JSONValue] = found.map { f in
                .object([("query", .string(f.query)), ("zone", .string(f.match.zone.id)), ("name", .string(f.match.zone.name)),
                         ("kind", .string(f.match.zone.kind)), ("factor", f.factor.json)])
            }
            console.print(JSONValue.object([("zones", .array(items))]).prettySerialized())
            return
        }
        var rows = [["Zone", "Name", "Factor", "Year", "Basis", "Source"]]
        var sources: [Source] = []
        for f in found {
            var zone = f.match.zone.id
            if case let .cloudRegion(r, _) = f.match { zone = "\(r.provider):\(r.region) -> \(zone)" }
            rows.append([zone, f.match.zone.name, f.factor.intensity.formatted(), String(f.factor.year), f.factor.basisDescription,
                         f.factor.source.id])
            if !sources.contains(where: { $0.id == f.factor.source.id }) { sources.append(f.factor.source) }
        }
        var out = "Grid factors for \(found.count) zones (CO2e per kWh; 'co2e factors ZONE' shows one with its row and years):\n"
        out += Rendering.columns(rows)
        out += "\nSources:\n"
        for s in sources { out += Rendering.hanging("  \(s.id): \(s.citation)", indent: 4, width: console.width) }
        console.out(out)
    }

    static func text(_ c: FactorComparison) -> String {
        var out = "Grid factors for \(c.query)"
        if let r = c.cloudRegion { out += ": \(r.provider):\(r.region) (\(r.location)) maps to \(r.mapsTo). \(r.reason)" }
        out += "\n"
        var rows = [["Figure", "Year", "Basis", "Area", "Source"]]
        for e in c.entries {
            rows.append([e.factor.intensity.formatted(), String(e.factor.year), e.factor.basisDescription, e.scope, e.factor.source.id])
        }
        out += Rendering.columns(rows)
        out += "\n" + c.summary + "\n"
        for note in c.notes { out += "Note: \(note).\n" }
        return out
    }

    static func listZones(_ catalog: FactorCatalog, json: Bool, _ console: Console) throws {
        let zones = try catalog.zones()
        let factors = try catalog.allFactors()
        let regions = try catalog.cloudRegions()
        if json {
            let items: [JSONValue] = zones.map { z in
                let f = factors[z.id] ?? []
                return .object([("zone", .string(z.id)), ("kind", .string(z.kind)), ("name", .string(z.name)),
                                ("aliases", .array(z.aliases.map(JSONValue.string))),
                                ("years", .array(f.map { .number(Double($0.year)) })),
                                ("newest", f.last?.json ?? .null)])
            }
            console.print(JSONValue.object([("zones", .array(items)), ("cloud_regions", .array(regions.map(\.json)))]).prettySerialized())
            return
        }
        var rows = [["Zone", "Kind", "Name", "Years", "Newest"]]
        for z in zones {
            let f = factors[z.id] ?? []
            rows.append([z.id, z.kind, z.name, FactorCatalog.describeYears(f.map(\.year)), f.last.map { "\($0.intensity.formatted()) (\($0.year), \($0.basis.rawValue))" } ?? "-"])
        }
        var out = "\(zones.count) zone\(zones.count == 1 ? "" : "s") with factors:\n" + Rendering.columns(rows)
        if !regions.isEmpty {
            var cloudRows = [["Cloud region", "Location", "Uses zone"]]
            for r in regions { cloudRows.append(["\(r.provider):\(r.region)", r.location, r.mapsTo]) }
            out += "\n\(regions.count) cloud regions, each mapped to the zone whose grid it draws on ('co2e factors REGION' says why):\n"
            out += Rendering.columns(cloudRows)
        }
        console.out(out)
    }
}
