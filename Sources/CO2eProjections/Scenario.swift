import CO2eCore
import CO2eData
import CO2eGrid

/// A figure in a scenario file: the value as written (with its unit, or a range `5..15%`), and
/// where it comes from: the source's id, where in it (page, table or figure), and, for a figure
/// computed from published ones, how.
package struct ScenarioFigure: Sendable, Hashable {
    /// The value as written: `183TWh`, `14.7%/y`, `50%`, `5..15%`.
    package var value: String
    /// The id of a source in the file's or the bundled source list.
    package var source: String?
    /// Where in the source: `p. 62, Fig. 2.12`.
    package var at: String?
    /// For a figure derived from published ones: the arithmetic, in words.
    package var derived: String?

    package init(_ value: String, source: String? = nil, at: String? = nil, derived: String? = nil) {
        self.value = value
        self.source = source
        self.at = at
        self.derived = derived
    }

    /// The citation of the figure, if it names a source.
    package var citation: Citation? {
        source.map { Citation(source: $0, at: at ?? "") }
    }
}

/// One point on a region's path: the value reached in a year, the yearly rate since the
/// previous point, or a capacity and its load factor.
package struct PathPoint: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// The value (TWh, or Mt for an emissions path) in `year`; between the previous point
        /// and this one the path grows at the constant compound rate that reaches it.
        case target(ScenarioFigure)
        /// A compound yearly rate from the previous point to `year`.
        case rate(ScenarioFigure)
        /// A capacity (GW) run at a load factor in `year`: TWh = GW x 8,760 h x load factor.
        case capacity(ScenarioFigure, loadFactor: ScenarioFigure)
    }

    package var year: Int
    package var kind: Kind

    package init(year: Int, _ kind: Kind) {
        self.year = year
        self.kind = kind
    }
}

/// A figure a source publishes that the model should meet: shown beside the model's value.
package struct PublishedFigure: Sendable, Hashable {
    /// What is compared: one of `PublishedFigure.figures`.
    package var figure: String
    /// The year (or the last year of a cumulative span).
    package var year: Int
    /// For cumulative figures, the first year of the span.
    package var from: Int?
    /// The region, when not the whole scenario.
    package var region: String?
    package var value: ScenarioFigure
    /// Relative tolerance within which the model meets it: `2%`.
    package var tolerance: String?

    /// The figures that may be compared.
    package static let figures = ["electricity", "operational", "embodied", "total", "cumulative_total",
                                 "cumulative_operational", "cumulative_embodied", "share_of_use", "capacity"]

    package init(figure: String, year: Int, from: Int? = nil, region: String? = nil, value: ScenarioFigure, tolerance: String? = nil) {
        self.figure = figure
        self.year = year
        self.from = from
        self.region = region
        self.value = value
        self.tolerance = tolerance
    }
}

/// One region of a scenario: its base-year value, its path, and what turns its electricity
/// into emissions.
package struct ScenarioRegion: Sendable, Hashable {
    /// Stable id: `world`, `us`, `china`, `europe`, `asia-pacific`, `rest-of-world`, or another
    /// lower-case id.
    package var id: String
    /// The region's name as the source gives it.
    package var name: String
    /// The value in the scenario's base year: TWh (or Mt CO2e for an emissions path).
    package var base: ScenarioFigure
    /// Points after the base year, in increasing years.
    package var path: [PathPoint]
    /// The bundled grid zone whose factor is the region's intensity (`US`, `CN`, `WORLD`).
    package var grid: String?
    /// An intensity given instead of a zone: `434g/kWh`.
    package var intensity: ScenarioFigure?
    /// The yearly fall of the intensity (`3%/y`; negative for a rise). Default: the zone's
    /// own trend over its last five bundled years.
    package var gridDecline: ScenarioFigure?
    /// Average load on capacity, to report capacity and embodied emissions per MW added.
    package var loadFactor: ScenarioFigure?
    /// The region's other electricity use in a year (everything but data centres), for the
    /// data centres' share of use.
    package var otherElectricity: ScenarioFigure?
    /// The year of `otherElectricity`.
    package var otherElectricityYear: Int?
    /// The share of the region's data-centre electricity that is AI, where the source gives it.
    package var aiShare: [YearFigure]

    package init(id: String, name: String, base: ScenarioFigure, path: [PathPoint], grid: String? = nil,
                intensity: ScenarioFigure? = nil, gridDecline: ScenarioFigure? = nil, loadFactor: ScenarioFigure? = nil,
                otherElectricity: ScenarioFigure? = nil, otherElectricityYear: Int? = nil, aiShare: [YearFigure] = []) {
        self.id = id
        self.name = name
        self.base = base
        self.path = path
        self.grid = grid
        self.intensity = intensity
        self.gridDecline = gridDecline
        self.loadFactor = loadFactor
        self.otherElectricity = otherElectricity
        self.otherElectricityYear = otherElectricityYear
        self.aiShare = aiShare
    }
}

/// A figure for a year.
package struct YearFigure: Sendable, Hashable {
    package var year: Int
    package var value: ScenarioFigure

    package init(year: Int, value: ScenarioFigure) {
        self.year = year
        self.value = value
    }
}

/// What a scenario's path describes.
package enum ScenarioBasis: String, Sendable, Hashable {
    /// Data-centre electricity (TWh per year); emissions follow from grid intensity.
    case electricity
    /// Data-centre emissions (Mt CO2e per year), for sources that publish only emissions.
    case emissions
}

/// A projection of data-centre electricity and emissions, as a source publishes it: a base
/// year, regions with their paths, embodied emissions, the figures to compare with, and
/// the sources. Read from and written to JSON (README.md, "Projections", documents the schema).
public struct Scenario: Sendable, Hashable {
    /// The scenario's stable id (`iea-2025-base`).
    public var id: String
    /// The scenario's title, as its source names it.
    public var title: String
    /// The source the scenario comes from (an id in `sources`).
    package var source: String
    package var basis: ScenarioBasis
    package var baseYear: Int
    /// How the path between given points is filled in, in words.
    package var interpolation: String
    package var regions: [ScenarioRegion]
    /// Embodied emissions (construction and hardware) as a share of the total.
    package var embodiedShare: ScenarioFigure?
    /// Embodied emissions per MW of capacity added (`1000t/MW`).
    package var embodiedPerMW: ScenarioFigure?
    /// Figures the source publishes, to compare with the model's.
    package var published: [PublishedFigure]
    /// Notes for readers of headlines: what "tripling" is measured against, and such.
    package var notes: [Note]
    /// Sources the file defines (besides the bundled ones).
    package var sources: [Source]

    package init(id: String, title: String, source: String, basis: ScenarioBasis = .electricity, baseYear: Int,
                interpolation: String, regions: [ScenarioRegion], embodiedShare: ScenarioFigure? = nil,
                embodiedPerMW: ScenarioFigure? = nil, published: [PublishedFigure] = [], notes: [Note] = [],
                sources: [Source] = []) {
        self.id = id
        self.title = title
        self.source = source
        self.basis = basis
        self.baseYear = baseYear
        self.interpolation = interpolation
        self.regions = regions
        self.embodiedShare = embodiedShare
        self.embodiedPerMW = embodiedPerMW
        self.published = published
        self.notes = notes
        self.sources = sources
    }

    /// The last year the scenario's own path reaches.
    package var lastYear: Int { regions.flatMap { $0.path.map(\.year) }.max() ?? baseYear }

    /// True when the scenario covers the whole world.
    package var isGlobal: Bool { regions.count > 1 || regions.first?.id == "world" }
}

// MARK: - Reading

/// The regions co2e knows by id, with their name and the bundled zone whose grid factor
/// stands for them by default.
package enum ProjectionRegions {
    /// id -> (name, default zone). Asia-Pacific and the rest of the world have no bundled
    /// aggregate factor, so the world average stands in (the trail says so).
    package static let known: [(id: String, name: String, zone: String)] = [
        ("world", "World", "WORLD"), ("us", "United States", "US"), ("china", "China", "CN"),
        ("europe", "Europe", "EU"), ("asia-pacific", "Asia-Pacific (without China)", "WORLD"),
        ("rest-of-world", "Rest of world", "WORLD"),
    ]
}

extension Scenario {
    static let topFields = ["id", "title", "source", "basis", "base_year", "interpolation", "embodied_share",
                            "embodied_per_mw", "regions", "published", "notes", "sources"]
    static let regionFields = ["region", "name", "base", "path", "grid", "intensity", "grid_decline", "load_factor",
                               "other_electricity", "ai_share"]
    static let figureFields = ["value", "source", "at", "derived"]
    static let pointFields = ["year", "value", "rate", "capacity", "load_factor", "source", "at", "derived"]
    static let publishedFields = ["figure", "year", "from", "region", "value", "tolerance", "source", "at", "derived"]
    static let sourceFields = ["id", "kind", "title", "publisher", "published", "licence", "url", "read"]

    /// Reads a scenario from JSON text. `origin` (a file name) goes into errors.
    ///
    /// - Throws: `CO2eError.invalidData` naming the field (`regions[1].path[0].year`), the
    ///   value, and what is accepted: unknown fields, missing base year, years out of order, a
    ///   region twice, growth at or below -100 %/y, values without a valid unit, a published
    ///   figure in a unit other than its figure's, two sources with one id (`duplicate_entry`),
    ///   a grid zone `catalog` does not have (`unknown_zone`).
    public static func parse(_ text: String, origin: String, catalog: FactorCatalog = .bundled) throws -> Scenario {
        let json = try JSONValue.parse(text, origin: origin)
        return try Scenario(json: json, origin: origin, catalog: catalog)
    }

    /// Reads a scenario from UTF-8 bytes (a user's file).
    ///
    /// - Throws: as `parse(_:origin:)`.
    package static func parse(bytes: [UInt8], origin: String, catalog: FactorCatalog = .bundled) throws -> Scenario {
        try Scenario(json: try JSONValue.parse(bytes: bytes, origin: origin), origin: origin, catalog: catalog)
    }

    /// Reads a scenario from a parsed JSON value; a region's `grid` must be a zone of `catalog`.
    ///
    /// - Throws: as `parse(_:origin:)`; an unknown grid zone names the file and the field
    ///   (`regions[0].grid`), code `unknown_zone`.
    package init(json: JSONValue, origin: String, catalog: FactorCatalog = .bundled) throws {
        let r = FieldReader(origin: origin)
        let top = try r.object(json, "")
        try r.known(top, Scenario.topFields, "")
        let id = try r.string(top, "id", "")
        guard !id.isEmpty, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), id.allSatisfy(\.isASCII) else {
            throw r.error("id", id, "is not a scenario id", accepted: "lower-case letters, digits and dashes, such as my-scenario")
        }
        let basisText = try r.optionalString(top, "basis", "") ?? "electricity"
        guard let basis = ScenarioBasis(rawValue: basisText) else {
            throw r.error("basis", basisText, "is not a basis", accepted: "electricity, emissions")
        }
        let baseYear = try r.year(top, "base_year", "")
        var regions: [ScenarioRegion] = []
        guard let regionItems = top["regions"]?.arrayItems, !regionItems.isEmpty else {
            throw r.error("regions", top["regions"].map { $0.kindDescription } ?? "missing", "must be a non-empty array of regions")
        }
        for (k, item) in regionItems.enumerated() {
            let p = "regions[\(k)]."
            let o = try r.object(item, "regions[\(k)]")
            try r.known(o, Scenario.regionFields, p)
            let rid = try r.string(o, "region", p)
            guard !rid.isEmpty, rid.allSatisfy({ ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII }) else {
                throw r.error(p + "region", rid, "is not a region id", accepted: "lower-case letters, digits and dashes: " + ProjectionRegions.known.map(\.id).joined(separator: ", "))
            }
            if regions.contains(where: { $0.id == rid }) {
                throw r.error(p + "region", rid, "is given twice; each region appears once", code: .duplicateEntry)
            }
            let name = try r.optionalString(o, "name", p) ?? ProjectionRegions.known.first { $0.id == rid }?.name ?? rid
            let base = try r.figure(o, "base", p)
            let baseField = p + "base"
            if basis == .electricity { try r.positive(base, Energy.self, baseField) } else { try r.positive(base, Mass.self, baseField) }
            var path: [PathPoint] = []
            var lastYear = baseYear
            for (n, pointJSON) in (try r.array(o, "path", p)).enumerated() {
                let pp = p + "path[\(n)]."
                let po = try r.object(pointJSON, p + "path[\(n)]")
                try r.known(po, Scenario.pointFields, pp)
                let year = try r.year(po, "year", pp)
                guard year > lastYear else {
                    throw r.error(pp + "year", String(year), "is not after the previous year (\(lastYear)); years must increase from the base year")
                }
                lastYear = year
                let source = try r.optionalString(po, "source", pp), at = try r.optionalString(po, "at", pp)
                let derived = try r.optionalString(po, "derived", pp)
                let given = ["value", "rate", "capacity"].filter { po[$0] != nil }
                guard given.count == 1 else {
                    throw r.error(pp + (given.last ?? "value"), given.isEmpty ? "missing" : given.joined(separator: " and "),
                                  "each path point gives exactly one of value, rate or capacity")
                }
                func fig(_ key: String) throws -> ScenarioFigure {
                    ScenarioFigure(try r.string(po, key, pp), source: source, at: at, derived: derived)
                }
                switch given[0] {
                case "value":
                    let f = try fig("value")
                    if basis == .electricity { try r.positive(f, Energy.self, pp + "value") } else { try r.positive(f, Mass.self, pp + "value") }
                    path.append(PathPoint(year: year, .target(f)))
                case "rate":
                    let f = try fig("rate")
                    try r.growth(f, pp + "rate")
                    path.append(PathPoint(year: year, .rate(f)))
                default:
                    guard basis == .electricity else {
                        throw r.error(pp + "capacity", try r.string(po, "capacity", pp), "applies to electricity paths only")
                    }
                    let c = try fig("capacity")
                    try r.positive(c, Power.self, pp + "capacity")
                    guard po["load_factor"] != nil else {
                        throw r.error(pp + "load_factor", "missing", "a capacity point needs its load factor", accepted: "a share such as 50%")
                    }
                    let lf = try fig("load_factor")
                    try r.share(lf, pp + "load_factor", positive: true)
                    path.append(PathPoint(year: year, .capacity(c, loadFactor: lf)))
                }
                if po["load_factor"] != nil, given[0] != "capacity" {
                    throw r.error(pp + "load_factor", try r.string(po, "load_factor", pp), "goes with capacity only")
                }
            }
            let grid = try r.optionalString(o, "grid", p)
            let intensity = try r.optionalFigure(o, "intensity", p)
            if basis == .electricity {
                if grid != nil && intensity != nil {
                    throw r.error(p + "intensity", intensity!.value, "is given with grid; give one of them")
                }
                if let i = intensity { try r.nonNegative(i, Intensity.self, p + "intensity") }
                if let grid {
                    do {
                        _ = try catalog.resolve(grid)
                    } catch let e as CO2eError {
                        throw r.error(p + "grid", grid, e.reason, accepted: e.accepted ?? "a bundled zone such as US, CN, EU or WORLD", code: .unknownZone)
                    }
                }
                if grid == nil, intensity == nil, !ProjectionRegions.known.contains(where: { $0.id == rid }) {
                    throw r.error(p + "grid", "missing", "region '\(rid)' has no default grid zone; give grid (a zone such as US) or intensity")
                }
            } else if let extra = grid ?? intensity?.value {
                throw r.error(p + (grid != nil ? "grid" : "intensity"), extra, "does not apply to an emissions path (basis emissions)")
            }
            let decline = try r.optionalFigure(o, "grid_decline", p)
            if let d = decline {
                try r.growth(d, p + "grid_decline", decline: true)
            }
            let lf = try r.optionalFigure(o, "load_factor", p)
            if let lf { try r.share(lf, p + "load_factor", positive: true) }
            var other: ScenarioFigure?
            var otherYear: Int?
            if let oj = o["other_electricity"] {
                let oo = try r.object(oj, p + "other_electricity")
                try r.known(oo, ["year"] + Scenario.figureFields, p + "other_electricity.")
                otherYear = try r.year(oo, "year", p + "other_electricity.")
                other = try r.figure(o, "other_electricity", p, extra: ["year"])
                try r.positive(other!, Energy.self, p + "other_electricity.value")
            }
            var ai: [YearFigure] = []
            if o["ai_share"] != nil {
                for (n, aj) in (try r.array(o, "ai_share", p)).enumerated() {
                    let ap = p + "ai_share[\(n)]"
                    let ao = try r.object(aj, ap)
                    try r.known(ao, ["year"] + Scenario.figureFields, ap + ".")
                    let f = try r.figure([("x", aj)], "x", "", extra: ["year"], shownAs: ap)
                    try r.share(f, ap + ".value")
                    ai.append(YearFigure(year: try r.year(ao, "year", ap + "."), value: f))
                }
            }
            regions.append(ScenarioRegion(id: rid, name: name, base: base, path: path, grid: grid, intensity: intensity,
                                          gridDecline: decline, loadFactor: lf, otherElectricity: other,
                                          otherElectricityYear: otherYear, aiShare: ai))
        }
        let embodiedShare = try r.optionalFigure(top, "embodied_share", "")
        if let e = embodiedShare {
            try r.share(e, "embodied_share")
            guard Share.parseRangeOrNil(e.value).map({ $0.upper.fraction < 1 }) ?? false else {
                throw r.error("embodied_share", e.value, "must be below 100 % (the rest is operational)")
            }
        }
        let perMW = try r.optionalFigure(top, "embodied_per_mw", "")
        if let m = perMW {
            if embodiedShare != nil { throw r.error("embodied_per_mw", m.value, "is given with embodied_share; give one of them") }
            try r.nonNegative(m, Quantity<Per<MassDimension, PowerDimension>>.self, "embodied_per_mw")
            if basis == .emissions { throw r.error("embodied_per_mw", m.value, "applies to electricity paths only") }
            for (k, reg) in regions.enumerated() where reg.loadFactor == nil {
                throw r.error("regions[\(k)].load_factor", "missing", "embodied_per_mw needs each region's load factor to turn TWh into MW added")
            }
        }
        var published: [PublishedFigure] = []
        if top["published"] != nil {
            for (n, pj) in (try r.array(top, "published", "")).enumerated() {
                let pp = "published[\(n)]."
                let po = try r.object(pj, "published[\(n)]")
                try r.known(po, Scenario.publishedFields, pp)
                let figure = try r.string(po, "figure", pp)
                guard PublishedFigure.figures.contains(figure) else {
                    throw r.error(pp + "figure", figure, "is not a figure co2e compares", accepted: PublishedFigure.figures.joined(separator: ", "))
                }
                let year = try r.year(po, "year", pp)
                let from = po["from"] != nil ? try r.year(po, "from", pp) : nil
                if let from, from > year { throw r.error(pp + "from", String(from), "is after year (\(year))") }
                let region = try r.optionalString(po, "region", pp)
                if let region, !regions.contains(where: { $0.id == region }) {
                    throw r.error(pp + "region", region, "is not a region of this scenario", accepted: regions.map(\.id).joined(separator: ", "))
                }
                let value = try r.figure([("x", pj)], "x", "", extra: ["figure", "year", "from", "region", "tolerance"], shownAs: "published[\(n)]")
                try r.published(value, figure: figure, basis: basis, pp + "value")
                let tolerance = try r.optionalString(po, "tolerance", pp)
                if let t = tolerance { try r.share(ScenarioFigure(t), pp + "tolerance") }
                published.append(PublishedFigure(figure: figure, year: year, from: from, region: region, value: value, tolerance: tolerance))
            }
        }
        var notes: [Note] = []
        if top["notes"] != nil {
            for (n, nj) in (try r.array(top, "notes", "")).enumerated() {
                let o = try r.object(nj, "notes[\(n)]")
                try r.known(o, ["key", "text"], "notes[\(n)].")
                notes.append(Note(try r.string(o, "key", "notes[\(n)]."), try r.string(o, "text", "notes[\(n)].")))
            }
        }
        var sources: [Source] = []
        if top["sources"] != nil {
            for (n, sj) in (try r.array(top, "sources", "")).enumerated() {
                sources.append(try Scenario.source(sj, r, "sources[\(n)]"))
            }
        }
        try Scenario.checkUniqueIDs(sources, r, prefix: "sources")
        self.init(id: id, title: try r.string(top, "title", ""), source: try r.string(top, "source", ""), basis: basis,
                  baseYear: baseYear, interpolation: try r.string(top, "interpolation", ""), regions: regions,
                  embodiedShare: embodiedShare, embodiedPerMW: perMW, published: published, notes: notes, sources: sources)
    }

    static func source(_ json: JSONValue, _ r: FieldReader, _ path: String) throws -> Source {
        let o = try r.object(json, path)
        try r.known(o, sourceFields, path + ".")
        let kindText = try r.string(o, "kind", path + ".")
        guard let kind = Source.Kind(rawValue: kindText) else {
            throw r.error(path + ".kind", kindText, "is not a kind of source", accepted: "dataset, report, paper, disclosure, standard, article")
        }
        func s(_ k: String) throws -> String { try r.string(o, k, path + ".") }
        let read = try r.optionalString(o, "read", path + ".").flatMap { try Reading.parse($0, file: r.origin) }
        return Source(id: try s("id"), kind: kind, title: try s("title"), publisher: try s("publisher"),
                      published: try s("published"), licence: try s("licence"), url: try s("url"), read: read)
    }

    /// Reads a list of sources (the bundled `data/projections/sources.json`).
    ///
    /// - Throws: `CO2eError.invalidData` naming the field.
    package static func parseSources(_ text: String, origin: String) throws -> [Source] {
        let r = FieldReader(origin: origin)
        guard let items = try JSONValue.parse(text, origin: origin).arrayItems else {
            throw CO2eError(.invalidData, "must be an array of sources", file: origin)
        }
        let sources = try items.enumerated().map { try source($1, r, "[\($0)]") }
        try checkUniqueIDs(sources, r, prefix: "")
        return sources
    }

    /// One id names one source.
    static func checkUniqueIDs(_ sources: [Source], _ r: FieldReader, prefix: String) throws {
        var seen: [String: Int] = [:]
        for (n, s) in sources.enumerated() {
            if let first = seen[s.id] {
                throw r.error("\(prefix)[\(n)].id", s.id, "is the id of \(prefix)[\(first)] too; give each source its own id",
                              accepted: "an id no other source has", code: .duplicateEntry)
            }
            seen[s.id] = n
        }
    }
}

extension Quantity where D == ShareDimension {
    static func parseRangeOrNil(_ text: String) -> (lower: Share, upper: Share)? {
        guard let u = try? parseRange(text) else { return nil }
        return (u.lower, u.upper)
    }
}

/// Reads fields of a scenario file, with errors that name the field's path.
struct FieldReader {
    package let origin: String

    func error(_ field: String, _ value: String, _ reason: String, accepted: String? = nil, code: CO2eError.Code? = nil) -> CO2eError {
        CO2eError(.invalidData, reason, code: code, field: field, value: value, accepted: accepted, file: origin)
    }

    func object(_ v: JSONValue, _ field: String) throws -> [(String, JSONValue)] {
        guard let m = v.objectMembers else {
            throw error(field.isEmpty ? "scenario" : field, v.kindDescription, "must be an object")
        }
        return m
    }

    func known(_ members: [(String, JSONValue)], _ fields: [String], _ prefix: String) throws {
        for (key, _) in members where !fields.contains(key) {
            var reason = "is an unknown field here"
            if let near = Suggestions.nearest(to: key, among: fields, limit: 1).first { reason += "; did you mean \(near)?" }
            throw error(prefix + key, key, reason, accepted: fields.joined(separator: ", "))
        }
    }

    func string(_ o: [(String, JSONValue)], _ key: String, _ prefix: String) throws -> String {
        guard let v = o.first(where: { $0.0 == key })?.1 else { throw error(prefix + key, "missing", "is required") }
        guard let s = v.stringValue else { throw error(prefix + key, v.kindDescription, "must be a string") }
        return s
    }

    func optionalString(_ o: [(String, JSONValue)], _ key: String, _ prefix: String) throws -> String? {
        guard o.contains(where: { $0.0 == key }) else { return nil }
        return try string(o, key, prefix)
    }

    func array(_ o: [(String, JSONValue)], _ key: String, _ prefix: String) throws -> [JSONValue] {
        guard let v = o.first(where: { $0.0 == key })?.1 else { throw error(prefix + key, "missing", "is required") }
        guard let a = v.arrayItems else { throw error(prefix + key, v.kindDescription, "must be an array") }
        return a
    }

    package func year(_ o: [(String, JSONValue)], _ key: String, _ prefix: String) throws -> Int {
        guard let v = o.first(where: { $0.0 == key })?.1 else { throw error(prefix + key, "missing", "is required", accepted: "a year such as 2024") }
        // The range is checked on the Double, so a huge number is refused, never converted.
        guard let x = v.numberValue, x == x.rounded(), x >= Double(Year.accepted.lowerBound), x <= Double(Year.accepted.upperBound) else {
            throw error(prefix + key, v.numberValue.map { NumberText.exact($0) } ?? v.kindDescription, "is not a year",
                        accepted: "a whole number from 1900 to 2100, such as 2024")
        }
        return Int(x)
    }

    /// A figure: `{"value": "183TWh", "source": ..., "at": ..., "derived": ...}` under `key`.
    func figure(_ o: [(String, JSONValue)], _ key: String, _ prefix: String, extra: [String] = [], shownAs: String? = nil) throws -> ScenarioFigure {
        let field = shownAs ?? prefix + key
        guard let v = o.first(where: { $0.0 == key })?.1 else { throw error(field, "missing", "is required") }
        let m = try object(v, field)
        try known(m, Scenario.figureFields + extra, field + ".")
        return ScenarioFigure(try string(m, "value", field + "."), source: try optionalString(m, "source", field + "."),
                              at: try optionalString(m, "at", field + "."), derived: try optionalString(m, "derived", field + "."))
    }

    func optionalFigure(_ o: [(String, JSONValue)], _ key: String, _ prefix: String) throws -> ScenarioFigure? {
        guard o.contains(where: { $0.0 == key }) else { return nil }
        return try figure(o, key, prefix)
    }

    func parsed<D>(_ f: ScenarioFigure, _: Quantity<D>.Type, _ field: String) throws -> Uncertain<D> {
        do {
            return try Quantity<D>.parseRange(f.value)
        } catch let e as CO2eError {
            throw error(field, f.value, e.reason, accepted: e.accepted ?? D.acceptedUnitsDescription)
        }
    }

    func positive<D>(_ f: ScenarioFigure, _ t: Quantity<D>.Type, _ field: String) throws {
        let u = try parsed(f, t, field)
        guard u.interval.isFinite, u.interval.lower > 0 else { throw error(field, f.value, "must be more than zero", accepted: "\(D.name) above zero, such as \(D.example)") }
    }

    func nonNegative<D>(_ f: ScenarioFigure, _ t: Quantity<D>.Type, _ field: String) throws {
        let u = try parsed(f, t, field)
        guard u.interval.isFinite, u.interval.lower >= 0 else { throw error(field, f.value, "is negative", accepted: "\(D.name) of 0 or more, such as \(D.example)") }
    }

    func share(_ f: ScenarioFigure, _ field: String, positive: Bool = false) throws {
        let u = try parsed(f, Share.self, field)
        guard u.interval.isFinite, positive ? u.interval.lower > 0 : u.interval.lower >= 0, u.interval.upper <= 1 + 1e-12 else {
            throw error(field, f.value, "is outside \(positive ? "0 (excluded)" : "0")–100 %", accepted: "a share such as 50% or 0.5")
        }
    }

    /// A published figure's value, in the unit of what it compares: an energy for electricity,
    /// a mass for emissions, a share, a power for capacity. A value in another unit would be
    /// left out of the comparison, so it is refused here.
    func published(_ f: ScenarioFigure, figure: String, basis: ScenarioBasis, _ field: String) throws {
        func check<D>(_: Quantity<D>.Type) throws {
            do {
                _ = try Quantity<D>.parseRange(f.value)
            } catch let e as CO2eError {
                throw error(field, f.value, "is not \(D.name) (\(figure) is compared as \(D.name)): \(e.reason)",
                            accepted: "\(D.name) such as \(D.example)", code: e.code == .invalidNumber ? .invalidNumber : .unknownUnit)
            }
        }
        switch figure {
        case "electricity":
            guard basis == .electricity else {
                throw error(field, f.value, "is an electricity figure, but this scenario's path is emissions (basis emissions)", accepted: "an emissions figure: total, operational, embodied, cumulative_total")
            }
            try check(Energy.self)
        case "share_of_use": try check(Share.self)
        case "capacity": try check(Power.self)
        default: try check(Mass.self)
        }
    }

    func growth(_ f: ScenarioFigure, _ field: String, decline: Bool = false) throws {
        let u = try parsed(f, Growth.self, field)
        guard u.interval.isFinite else { throw error(field, f.value, "is not a finite number") }
        if decline {
            guard u.interval.upper < 1 else {
                throw error(field, f.value, "is a fall of 100 %/y or more", accepted: "a yearly fall below 100 %/y, such as 3%/y (or -1%/y for a rise)")
            }
        } else {
            guard u.interval.lower > -1 else {
                throw error(field, f.value, "is -100 %/y or less", accepted: "a rate above -100 %/y, such as 15%/y or -3%/y")
            }
        }
    }
}

// MARK: - Writing

extension ScenarioFigure {
    func json(extra: [(String, JSONValue)] = []) -> JSONValue {
        var m = extra + [("value", JSONValue.string(value))]
        if let source { m.append(("source", .string(source))) }
        if let at { m.append(("at", .string(at))) }
        if let derived { m.append(("derived", .string(derived))) }
        return .object(m)
    }
}

extension Scenario {
    /// The scenario as JSON, in the schema `parse` reads (fields in a fixed order, so a file
    /// read and written again is the same text).
    package var json: JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(id)), ("title", .string(title)), ("source", .string(source)),
                                        ("basis", .string(basis.rawValue)), ("base_year", .number(Double(baseYear))),
                                        ("interpolation", .string(interpolation))]
        if let e = embodiedShare { m.append(("embodied_share", e.json())) }
        if let e = embodiedPerMW { m.append(("embodied_per_mw", e.json())) }
        m.append(("regions", .array(regions.map(\.json))))
        if !published.isEmpty {
            m.append(("published", .array(published.map { p in
                var head: [(String, JSONValue)] = [("figure", .string(p.figure)), ("year", .number(Double(p.year)))]
                if let f = p.from { head.append(("from", .number(Double(f)))) }
                if let r = p.region { head.append(("region", .string(r))) }
                var obj = p.value.json(extra: head).objectMembers!
                if let t = p.tolerance { obj.append(("tolerance", .string(t))) }
                return .object(obj)
            })))
        }
        if !notes.isEmpty { m.append(("notes", .array(notes.map(\.json)))) }
        if !sources.isEmpty { m.append(("sources", .array(sources.map(\.json)))) }
        return .object(m)
    }

    /// The scenario as the text of a file: indented JSON and a final line break.
    package var fileText: String { json.prettySerialized() + "\n" }
}

extension ScenarioRegion {
    var json: JSONValue {
        var m: [(String, JSONValue)] = [("region", .string(id)), ("name", .string(name)), ("base", base.json())]
        m.append(("path", .array(path.map { p in
            var o: [(String, JSONValue)] = [("year", .number(Double(p.year)))]
            let f: ScenarioFigure
            switch p.kind {
            case let .target(x): o.append(("value", .string(x.value))); f = x
            case let .rate(x): o.append(("rate", .string(x.value))); f = x
            case let .capacity(c, lf):
                o.append(("capacity", .string(c.value)))
                o.append(("load_factor", .string(lf.value)))
                f = c
            }
            if let s = f.source { o.append(("source", .string(s))) }
            if let a = f.at { o.append(("at", .string(a))) }
            if let d = f.derived { o.append(("derived", .string(d))) }
            return .object(o)
        })))
        if let grid { m.append(("grid", .string(grid))) }
        if let intensity { m.append(("intensity", intensity.json())) }
        if let gridDecline { m.append(("grid_decline", gridDecline.json())) }
        if let loadFactor { m.append(("load_factor", loadFactor.json())) }
        if let otherElectricity, let y = otherElectricityYear {
            m.append(("other_electricity", otherElectricity.json(extra: [("year", .number(Double(y)))])))
        }
        if !aiShare.isEmpty {
            m.append(("ai_share", .array(aiShare.map { $0.value.json(extra: [("year", .number(Double($0.year)))]) })))
        }
        return .object(m)
    }
}

extension Array where Element == (String, JSONValue) {
    /// The member named `key`, or nil.
    package subscript(key: String) -> JSONValue? {
        first { $0.0 == key }?.1
    }
}

// MARK: - Display

extension ScenarioFigure {
    var escapedForDisplay: ScenarioFigure {
        ScenarioFigure(EchoedText.escaped(value), source: source.map(EchoedText.escaped), at: at.map(EchoedText.escaped),
                       derived: derived.map(EchoedText.escaped))
    }
}

extension Scenario {
    /// The scenario with every text a file gave (title, names, notes, sources, citations)
    /// made safe for a terminal: control characters escaped (`\n`, `\u{1B}`), so a title
    /// cannot forge a line or a region name clear the screen. Ids are ASCII already.
    package var escapedForDisplay: Scenario {
        func d(_ s: String) -> String { EchoedText.escaped(s) }
        var s = self
        s.title = d(title)
        s.source = d(source)
        s.interpolation = d(interpolation)
        s.embodiedShare = embodiedShare?.escapedForDisplay
        s.embodiedPerMW = embodiedPerMW?.escapedForDisplay
        s.notes = notes.map { Note(d($0.key), d($0.text)) }
        s.sources = sources.map { Source(id: d($0.id), kind: $0.kind, title: d($0.title), publisher: d($0.publisher),
                                         published: d($0.published), licence: d($0.licence), url: d($0.url)) }
        s.published = published.map { p in
            var p = p
            p.value = p.value.escapedForDisplay
            p.tolerance = p.tolerance.map(d)
            return p
        }
        s.regions = regions.map { r in
            var r = r
            r.name = d(r.name)
            r.base = r.base.escapedForDisplay
            r.intensity = r.intensity?.escapedForDisplay
            r.gridDecline = r.gridDecline?.escapedForDisplay
            r.loadFactor = r.loadFactor?.escapedForDisplay
            r.otherElectricity = r.otherElectricity?.escapedForDisplay
            r.aiShare = r.aiShare.map { YearFigure(year: $0.year, value: $0.value.escapedForDisplay) }
            r.path = r.path.map { p in
                switch p.kind {
                case let .target(f): return PathPoint(year: p.year, .target(f.escapedForDisplay))
                case let .rate(f): return PathPoint(year: p.year, .rate(f.escapedForDisplay))
                case let .capacity(c, lf): return PathPoint(year: p.year, .capacity(c.escapedForDisplay, loadFactor: lf.escapedForDisplay))
                }
            }
            return r
        }
        return s
    }
}
