import CO2eCore
import CO2eData

/// The grid factors co2e knows: the tables bundled in the binary (generated from
/// `grid-factors/*.csv`), or a user's own factor file.
///
/// Lookups read only what they need: finding a zone reads the zone catalogue, and its factors
/// come from its one table. Nothing parses every table to answer for one zone.
public struct FactorCatalog: Sendable {
    private let tables: [String: TableText]
    /// Set for a catalogue made from a user's file: its path.
    private let userFile: String?
    /// False for `uncached`: the bundled tables read afresh on every lookup.
    private var memoised = true

    /// The tables bundled with co2e.
    public static let bundled = FactorCatalog(
        tables: Dictionary(uniqueKeysWithValues: BundledData.paths.compactMap { path in
            guard path.hasPrefix("grid-factors/"), let text = BundledData.file(path) else { return nil }
            let stem = String(path.dropFirst("grid-factors/".count).dropLast(".csv".count))
            return (stem, TableText(origin: path, storage: .embedded(text), expectedColumns: FactorRow.requiredColumns))
        }),
        userFile: nil)

    /// True for co2e's bundled tables.
    package var isBundled: Bool { userFile == nil }

    /// The same tables, every lookup read from them afresh (no process memo): what the memo's
    /// answers are checked against.
    package var uncached: FactorCatalog {
        var copy = self
        copy.memoised = false
        return copy
    }

    /// True where lookups go through the process's memos (the bundled tables, not `uncached`).
    private var usesMemo: Bool { isBundled && memoised }

    /// The user's file a catalogue was made from, nil for the bundled tables.
    package var origin: String? { userFile }

    /// Adds the bundled grid-factor tables to `hash` by their content (the SHA-256 of each
    /// path and its text, see `bundledContentHash`), so a batch partial names its factor set by
    /// this content; a user's catalogue adds its path.
    package func hashContent(into hash: inout SHA256) {
        guard isBundled else {
            hash.update("user catalogue \(userFile ?? "")\n")
            return
        }
        hash.update("bundled tables sha256:\(Self.bundledContentHash)\n")
    }

    /// The SHA-256 (hex) of every bundled grid-factor table, each path and its text: computed
    /// once per process (the bundled data cannot change while it runs), not once per batch run.
    private static let bundledContentHash: String = {
        var hash = SHA256()
        for path in BundledData.paths where path.hasPrefix("grid-factors/") {
            guard let text = BundledData.file(path) else { continue }
            hash.update(path + "\n")
            text.withUTF8Buffer { hash.update($0) }
        }
        return hash.hex()
    }()

    private init(tables: [String: TableText], userFile: String?) {
        self.tables = tables
        self.userFile = userFile
    }

    /// A catalogue of the factors in CSV `bytes` (a user's file), named `origin` in errors and
    /// trails. The columns are those of the bundled factor tables:
    /// `zone,year,g_co2e_per_kwh,basis,source`, optionally `boundary` and `cfe_share`. The whole
    /// file is checked now, so a bad line is reported even if its zone is never asked for.
    ///
    /// - Throws: `CO2eError.invalidData` naming `origin` and the line.
    package static func parse(bytes: [UInt8], origin: String) throws -> FactorCatalog {
        let table = TableText(origin: origin, storage: .owned(bytes), expectedColumns: FactorRow.requiredColumns)
        var seen: [String: Int] = [:]
        var rows = 0
        try table.forEachRow { header, record in
            let row = try FactorRow(record, FactorRow.Columns(header), origin: origin)
            let key = "\(row.zone.lowercased()) \(row.year)"
            if let first = seen[key] {
                throw CO2eError.data("\(origin):\(record.line): zone \(row.zone.echoed) year \(row.year) is already given on line \(first)")
            }
            seen[key] = record.line
            rows += 1
            return true
        }
        guard rows > 0 else {
            throw CO2eError.data("\(origin): no factor rows after the header")
        }
        return FactorCatalog(tables: ["user": table], userFile: origin)
    }

    // MARK: - Finding zones

    /// The zone or cloud region named `query`: a zone id, ISO code, English name, eGRID
    /// subregion or cloud region id, matched ignoring case.
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown name, suggesting the nearest ones.
    package func resolve(_ query: String) throws -> ZoneMatch {
        guard usesMemo else { return try readResolve(query) }
        return try Self.bundledMatches.value(query.trimmingSpaces.lowercased()) { try readResolve(query) }
    }

    /// The bundled catalogue's answers, kept for the process (`co2e serve` asks the same zones
    /// again and again; the tables cannot change while it runs).
    private static let bundledMatches = Memo<ZoneMatch>()
    private static let bundledFactors = Memo<[GridFactor]>()
    private static let bundledGoogleRegions = Memo<Bool>()

    private func readResolve(_ query: String) throws -> ZoneMatch {
        let key = query.trimmingSpaces.lowercased()
        guard !key.isEmpty else {
            throw CO2eError.input("empty zone; give a country (US, IRL, Ireland), an eGRID subregion (eGRID:SRVC) or a cloud region (us-east-1)")
        }
        if userFile != nil {
            if let zone = try zones().first(where: { $0.id.lowercased() == key }) { return .zone(zone) }
            throw unknownZone(query, candidates: try zones().map(\.id))
        }
        if let zone = try zone(matching: key) { return .zone(zone) }
        if let region = try cloudRegion(matching: key) {
            guard let target = try zone(matching: region.mapsTo.lowercased()) else {
                throw CO2eError.data("grid-factors/cloud-regions.csv: \(region.id) maps to \(region.mapsTo), which is not in grid-factors/zones.csv")
            }
            return .cloudRegion(region, target)
        }
        let candidates = try zones().flatMap(\.keys) + cloudRegions().flatMap(\.keys)
        throw unknownZone(query, candidates: candidates)
    }

    /// The zone or cloud region named `query` as `resolve` finds it, or nil when none is named
    /// so, without building the error (its suggestions read the whole catalogue): for callers
    /// that look up many names and count the unknown ones.
    package func resolveIfKnown(_ query: String) throws -> ZoneMatch? {
        let key = query.trimmingSpaces.lowercased()
        guard !key.isEmpty else { return nil }
        if userFile != nil {
            return try zones().first(where: { $0.id.lowercased() == key }).map { .zone($0) }
        }
        // Bundled: the known names tell an unknown name without reading a table, and a known
        // one is resolved through the process's memo (a batch run asks for each region of a
        // log; each run used to read the zone table again).
        guard try knownNames().contains(key) else { return nil }
        return try resolve(query)
    }

    /// Every name `resolve` finds (zone ids, ISO codes, names, aliases, cloud region keys),
    /// lowercased: read once, it tells an unknown name in constant time.
    package func knownNames() throws -> Set<String> {
        if usesMemo { return try Self.bundledKnownNames.get() }
        return try readKnownNames()
    }

    /// The bundled catalogue's known names, read once per process.
    private static let bundledKnownNames = Result { try FactorCatalog.bundled.readKnownNames() }

    private func readKnownNames() throws -> Set<String> {
        var names = Set(try zones().flatMap(\.keys).map { $0.lowercased() })
        if userFile == nil { for r in try cloudRegions() { for k in r.keys { names.insert(k.lowercased()) } } }
        return names
    }

    private func unknownZone(_ query: String, candidates: [String]) -> CO2eError {
        var reason = "is not a known zone"
        if let file = userFile { reason += " in \(file)" }
        let near = Suggestions.nearest(to: query, among: candidates)
        if !near.isEmpty { reason += "; did you mean \(near.joined(separator: ", "))?" }
        let accepted = userFile == nil
            ? "a country, an eGRID subregion or a cloud region"
            : "a zone in \(userFile!)"
        var error = CO2eError(.invalidData, reason, code: .unknownZone, value: query, accepted: accepted)
        if userFile == nil { error.seeAlso = CO2eError.zoneList }
        return error
    }

    private func zone(matching key: String) throws -> Zone? {
        var found: Zone?
        // A zone's keys are its id, its name and its aliases: whole fields, or parts of the
        // `;`-separated alias field.
        try forEachZone(field: key) { zone in
            if zone.keys.contains(where: { $0.lowercased() == key }) {
                found = zone
                return false
            }
            return true
        }
        return found
    }

    /// Calls `body` with each zone of the catalogue (when `text` is given, rows that cannot
    /// contain it are skipped; `body` still checks).
    private func forEachZone(containing text: String? = nil, field: String? = nil, _ body: (Zone) throws -> Bool) throws {
        guard let table = tables["zones"] else { return }
        try table.forEachRow(containing: text, field: field) { header, record in
            let id = try header.require("zone"), kind = try header.require("kind"), name = try header.require("name")
            let aliases = try header.require("aliases"), stem = try header.require("table")
            let zone = Zone(id: record.fields[id], kind: record.fields[kind], name: record.fields[name],
                            aliases: record.fields[aliases].split(separator: ";").map { String($0).trimmingSpaces },
                            table: record.fields[stem])
            return try body(zone)
        }
    }

    /// Every zone with factors, in catalogue order.
    public func zones() throws -> [Zone] {
        if userFile != nil, let table = tables["user"] {
            var ids: [String] = []
            var seen = Set<String>()
            try table.forEachRow { header, record in
                let zone = FactorRow.zone(of: record, try FactorRow.Columns(header))
                if seen.insert(zone.lowercased()).inserted { ids.append(zone) }
                return true
            }
            return ids.map { Zone(id: $0, kind: "user", name: $0, aliases: [], table: "user") }
        }
        var all: [Zone] = []
        try forEachZone { all.append($0); return true }
        return all
    }

    /// Every cloud region co2e maps to a zone.
    package func cloudRegions() throws -> [CloudRegion] {
        var all: [CloudRegion] = []
        var sources: [String: Source] = [:]
        try forEachCloudRegion { row in
            let source = try sources[row.sourceID] ?? self.source(row.sourceID, usedAt: row.place)
            sources[row.sourceID] = source
            all.append(row.region(source))
            return true
        }
        return all
    }

    /// The cloud region with the key `key` (lowercased), reading only rows that could match.
    private func cloudRegion(matching key: String) throws -> CloudRegion? {
        var found: CloudRegion?
        // `aws:us-east-1` is provider and region from two columns: the line holds the region,
        // and so the text after the key's last colon (the region may hold a colon too).
        let text = key.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? key
        try forEachCloudRegion(containing: text) { row in
            guard row.keys.contains(where: { $0.lowercased() == key }) else { return true }
            found = row.region(try source(row.sourceID, usedAt: row.place))
            return false
        }
        return found
    }

    /// A row of cloud-regions.csv before its source is looked up.
    private struct CloudRegionRow {
        let provider, region, location, mapsTo, reason, sourceID, place: String
        let aliases: [String]
        var keys: [String] { ["\(provider):\(region)", region] + aliases }
        func region(_ source: Source) -> CloudRegion {
            CloudRegion(provider: provider, region: region, aliases: aliases, location: location, mapsTo: mapsTo,
                        reason: reason, source: source)
        }
    }

    private func forEachCloudRegion(containing text: String? = nil, _ body: (CloudRegionRow) throws -> Bool) throws {
        guard let table = tables["cloud-regions"] else { return }
        var columns: [Int] = []
        try table.forEachRow(containing: text) { header, record in
            if columns.isEmpty {
                columns = try ["provider", "region", "aliases", "location", "maps_to", "reason", "source"].map { try header.require($0) }
            }
            let f = record.fields, c = columns
            return try body(CloudRegionRow(provider: f[c[0]], region: f[c[1]], location: f[c[3]], mapsTo: f[c[4]],
                                           reason: f[c[5]], sourceID: f[c[6]], place: "\(table.origin):\(record.line)",
                                           aliases: f[c[2]].split(separator: ";").map { String($0).trimmingSpaces }))
        }
    }

    /// The cloud regions that map to `zone`, and the one a GCP zone stands for.
    package func cloudRegions(for zone: Zone) throws -> [CloudRegion] {
        try cloudRegions().filter { $0.mapsTo == zone.id || $0.id == zone.id }
    }

    /// True when a Google Cloud region maps to the zone `id` (Google publishes its own figure
    /// for each); reads only the rows that name the zone.
    func hasGoogleRegion(mappingTo id: String) throws -> Bool {
        guard usesMemo else { return try readHasGoogleRegion(mappingTo: id) }
        return try Self.bundledGoogleRegions.value(id) { try readHasGoogleRegion(mappingTo: id) }
    }

    private func readHasGoogleRegion(mappingTo id: String) throws -> Bool {
        var found = false
        try forEachCloudRegion(containing: "," + id + ",") { row in
            if row.provider == "gcp" && row.mapsTo == id { found = true; return false }
            return true
        }
        return found
    }

    // MARK: - Factors

    /// Every factor of `zone`, oldest year first.
    public func factors(for zone: Zone) throws -> [GridFactor] {
        guard usesMemo else { return try readFactors(for: zone) }
        return try Self.bundledFactors.value(zone.table + "\u{0}" + zone.id + "\u{0}" + zone.name) { try readFactors(for: zone) }
    }

    private func readFactors(for zone: Zone) throws -> [GridFactor] {
        guard let table = tables[zone.table] else {
            throw CO2eError.data("zone \(zone.id) names table '\(zone.table)', which co2e does not have")
        }
        var rows: [FactorRow] = []
        var columns: FactorRow.Columns?
        let wanted = zone.id.lowercased()
        // The factor tables put the zone first, so only the zone's own rows are read in full.
        try table.forEachRow(where: "zone", equals: zone.id) { header, record in
            if columns == nil { columns = try FactorRow.Columns(header) }
            if FactorRow.zone(of: record, columns!).lowercased() == wanted {
                rows.append(try FactorRow(record, columns!, origin: table.origin))
            }
            return true
        }
        // A zone's rows name few sources (one for every year, usually): look each up once.
        var sources: [String: Source] = [:]
        return try rows.sorted { $0.year < $1.year }.map { row in
            let source: Source
            if let known = sources[row.sourceID] {
                source = known
            } else {
                source = try self.source(row.sourceID, usedAt: "\(table.origin):\(row.line)")
                sources[row.sourceID] = source
            }
            return GridFactor(zone: zone.id, zoneName: zone.name, year: row.year,
                              intensity: .gramsPerKilowattHour(row.gramsPerKilowattHour),
                              basis: row.basis, boundary: row.boundary, carbonFreeShare: row.carbonFreeShare,
                              source: source, origin: "\(table.origin):\(row.line)", read: row.read)
        }
    }

    /// The factor of `zone` for `year`, or for its newest year when `year` is nil.
    ///
    /// - Throws: `CO2eError.invalidData` when the zone has no factor for that year, listing the
    ///   years it has.
    public func factor(for zone: Zone, year: Int? = nil) throws -> GridFactor {
        let all = try factors(for: zone)
        guard let newest = all.last else {
            throw CO2eError.data("zone \(zone.id) has no factors in \(tables[zone.table]?.origin ?? zone.table)")
        }
        guard let year else { return newest }
        if let match = all.first(where: { $0.year == year }) { return match }
        throw CO2eError.data("no factor for \(zone.id) (\(zone.name)) in \(year); years available: \(Self.describeYears(all.map(\.year)))")
    }

    /// The factor for the zone or cloud region named `query`.
    public func factor(for query: String, year: Int? = nil) throws -> (match: ZoneMatch, factor: GridFactor) {
        let match = try resolve(query)
        return (match, try factor(for: match.zone, year: year))
    }

    /// `2015–2024` for consecutive years, else a list.
    package static func describeYears(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "-" }
        if years.count > 2 && last - first == years.count - 1 { return "\(first)–\(last)" }
        return years.map(String.init).joined(separator: ", ")
    }

    // MARK: - Sources

    /// The source with `id`.
    package func source(_ id: String, usedAt place: String = "") throws -> Source {
        if let file = userFile {
            return Source(id: id, title: "as given in \(file)", publisher: "", published: "", licence: "", url: "")
        }
        var found: Source?
        try tables["sources"]?.forEachRow(where: "source", equals: id) { header, record in
            let k = try header.require("source")
            guard record.fields[k] == id else { return true }
            func f(_ name: String) throws -> String { record.fields[try header.require(name)] }
            found = Source(id: id, title: try f("title"), publisher: try f("publisher"), published: try f("published"),
                           licence: try f("licence"), url: try f("url"), read: try reading(header, record))
            return false
        }
        guard let found else {
            throw CO2eError.data("\(place.isEmpty ? "" : place + ": ")source '\(id)' is not in grid-factors/sources.csv")
        }
        return found
    }

    /// The `read` field of a sources row (nil when the table has no such column).
    private func reading(_ header: CSVHeader, _ record: CSVRecord) throws -> Reading? {
        guard let k = header.index(of: "read"), k < record.fields.count else { return nil }
        return try Reading.parse(record.fields[k], file: tables["sources"]?.origin, line: record.line)
    }

    /// Every source in the catalogue (for a user's file: the ids its source column names).
    package func sources() throws -> [Source] {
        if userFile != nil, let table = tables["user"] {
            var ids: [String] = []
            try table.forEachRow { header, record in
                let id = record.fields[try header.require("source")].trimmingSpaces
                if !ids.contains(id) { ids.append(id) }
                return true
            }
            return try ids.map { try source($0) }
        }
        var all: [Source] = []
        try tables["sources"]?.forEachRow { header, record in
            func f(_ name: String) throws -> String { record.fields[try header.require(name)] }
            all.append(Source(id: try f("source"), title: try f("title"), publisher: try f("publisher"),
                              published: try f("published"), licence: try f("licence"), url: try f("url"),
                              read: try reading(header, record)))
            return true
        }
        return all
    }
}

extension FactorCatalog {
    /// Every factor of every zone, read table by table (for listings; a single lookup reads
    /// only its zone's table).
    package func allFactors() throws -> [String: [GridFactor]] {
        let zones = try self.zones()
        var byTable: [String: [Zone]] = [:]
        for z in zones { byTable[z.table, default: []].append(z) }
        var result: [String: [GridFactor]] = [:]
        for (stem, members) in byTable {
            guard let table = tables[stem] else { continue }
            var byID: [String: Zone] = [:]
            for z in members { byID[z.id.lowercased()] = z }
            var columns: FactorRow.Columns?
            var sourceCache: [String: Source] = [:]
            try table.forEachRow { header, record in
                if columns == nil { columns = try FactorRow.Columns(header) }
                let row = try FactorRow(record, columns!, origin: table.origin)
                guard let zone = byID[row.zone.lowercased()] else {
                    throw CO2eError.data("\(table.origin):\(record.line): zone \(row.zone.echoed) is not in grid-factors/zones.csv")
                }
                let place = "\(table.origin):\(record.line)"
                let source = try sourceCache[row.sourceID] ?? self.source(row.sourceID, usedAt: place)
                sourceCache[row.sourceID] = source
                result[zone.id, default: []].append(GridFactor(
                    zone: zone.id, zoneName: zone.name, year: row.year,
                    intensity: .gramsPerKilowattHour(row.gramsPerKilowattHour), basis: row.basis,
                    boundary: row.boundary, carbonFreeShare: row.carbonFreeShare, source: source, origin: place, read: row.read))
                return true
            }
        }
        for key in result.keys { result[key]!.sort { $0.year < $1.year } }
        return result
    }
}
