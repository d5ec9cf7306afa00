// The zone lookup's prefilter: a filtered read of a table returns exactly the rows a full read
// returns for the same question, and a user's factor file gives each zone the factors a full
// read finds for it.
import CO2eKit
@testable import CO2eCore
@testable import CO2eGrid

/// Records of `table` for which `matches` holds, read with the given filter.
func rows(_ table: TableText, where column: String? = nil, equals value: String? = nil, containing text: String? = nil,
          _ matches: (CSVRecord) -> Bool) throws -> [CSVRecord] {
    var out: [CSVRecord] = []
    try table.forEachRow(where: column, equals: value, containing: text) { _, record in
        if matches(record) { out.append(record) }
        return true
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let (queryBytes, body) = FuzzInput(data, size).split(at: 0)
    let query = String(decoding: queryBytes, as: UTF8.self)
    let key = query.trimmingSpaces.lowercased()

    // 1. The table filters, on the bytes under a `zone,...` header.
    let table = TableText(origin: "fuzz.csv", storage: .owned(Array("zone,b,c\n".utf8) + body))
    let byZone: (CSVRecord) -> Bool = { $0.fields[0].trimmingSpaces.lowercased() == key }
    let exactly: (CSVRecord) -> Bool = { $0.fields[0] == query }
    let byKey: (CSVRecord) -> Bool = { r in
        r.fields.contains { f in f.split(separator: ";").contains { String($0).trimmingSpaces.lowercased() == key } }
    }
    if let all = try? rows(table, { _ in true }) {
        for (name, matches) in [("zone", byZone), ("exact", exactly)] {
            do {
                let filtered = try rows(table, where: "zone", equals: query, matches)
                require(filtered == all.filter(matches), "where zone equals '\(query)' (\(name)): \(filtered.map(\.line)) but a full read gives \(all.filter(matches).map(\.line))")
            } catch {
                require(false, "the filtered read fails where the full read does not: \(error)")
            }
        }
        do {
            let filtered = try rows(table, containing: key, byKey)
            require(filtered == all.filter(byKey), "containing '\(key)': \(filtered.map(\.line)) but a full read gives \(all.filter(byKey).map(\.line))")
        } catch {
            require(false, "the filtered read fails where the full read does not: \(error)")
        }
    }

    // 2. A user's factor file: each zone's factors are the rows a full read finds for it.
    let file = Array("zone,year,g_co2e_per_kwh,basis,source\n".utf8) + body
    guard let catalog = try? FactorCatalog.parse(bytes: file, origin: "fuzz.csv"),
          let records = try? file.withUnsafeBufferPointer({ try CSV.records(in: $0, origin: "fuzz.csv") }) else { return 0 }
    do {
        for zone in try catalog.zones() {
            let got = try catalog.factors(for: zone).map(\.origin)
            let wanted = records.dropFirst()
                .filter { $0.fields[0].trimmingSpaces.lowercased() == zone.id.lowercased() }
                .sorted { Int($0.fields[1].trimmingSpaces)! < Int($1.fields[1].trimmingSpaces)! }
                .map { "fuzz.csv:\($0.line)" }
            require(got == wanted, "zone '\(zone.id)': factors from \(got) but a full read gives \(wanted)")
        }
        if !key.isEmpty, let (match, factor) = try? catalog.factor(for: query) {
            require(factor.zone == match.zone.id, "factor of another zone")
        }
    } catch {
        require(false, "a lookup fails on a file that reads in full: \(error)")
    }
    return 0
}
