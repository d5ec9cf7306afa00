/// The text of one CSV table, bundled in the binary or read from a user's file.
struct TableText: Sendable {
    enum Storage: Sendable {
        case embedded(StaticString)
        case owned([UInt8])
    }

    /// How errors and trails name the table, e.g. `grid-factors/countries.csv`.
    let origin: String
    let storage: Storage

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case let .embedded(text):
            // A string literal's bytes live in the binary for the life of the process.
            return try body(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        case let .owned(bytes):
            return try bytes.withUnsafeBufferPointer(body)
        }
    }

    /// Calls `body` with the header and then each data record.
    ///
    /// With `column` and `value`, when the table's first column is `column`, records whose first
    /// field is not `value` (ignoring ASCII case) are skipped before their fields are built.
    /// With `containing`, records whose line does not contain that text (ignoring ASCII case)
    /// are skipped. Both only save work: `body` must still check what it needs.
    func forEachRow(where column: String? = nil, equals value: String? = nil, containing text: String? = nil,
                    _ body: (CSVHeader, CSVRecord) throws -> Bool) throws {
        var header: CSVHeader?
        var filterActive = false
        let wanted = value.map { Array($0.utf8).map(asciiLowercased) } ?? []
        let needle = text.map { Array($0.utf8).map(asciiLowercased) } ?? []
        let keep: ((UnsafeBufferPointer<UInt8>) -> Bool)?
        if value != nil {
            keep = { raw in
                guard filterActive, raw.first != UInt8(ascii: "\"") else { return true }
                var start = raw.startIndex, end = raw.firstIndex(of: UInt8(ascii: ",")) ?? raw.endIndex
                // Fields are read trimmed of spaces and tabs; compare them the same way.
                while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
                while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 || raw[end - 1] == 0x0D { end -= 1 }
                return end - start == wanted.count && zip(raw[start..<end], wanted).allSatisfy { asciiLowercased($0) == $1 }
            }
        } else if text != nil {
            // A line with an odd number of quotes holds only part of its record: keep it and let
            // `body` judge. Otherwise the line is the whole record.
            keep = { raw in
                raw.lazy.filter { $0 == UInt8(ascii: "\"") }.count % 2 == 1 || containsIgnoringASCIICase(raw, needle)
            }
        } else {
            keep = nil
        }
        try withBytes { bytes in
            try CSV.forEachRecord(in: bytes, origin: origin, keepRecord: keep) { record in
                guard let h = header else {
                    let h = CSVHeader(record, origin: origin)
                    header = h
                    filterActive = column != nil && h.names.first?.lowercased() == column?.lowercased()
                    return true
                }
                guard record.fields.count == h.names.count else {
                    throw CO2eError.data("\(origin):\(record.line): \(record.fields.count) fields, but the header has \(h.names.count) (\(h.names.joined(separator: ",")))")
                }
                return try body(h, record)
            }
        }
        if header == nil {
            throw CO2eError.data("\(origin): the file is empty; expected a header row such as \(FactorRow.requiredColumns.joined(separator: ","))")
        }
    }
}

/// Whether `haystack` contains `needle` (already lowercased), ignoring ASCII case.
func containsIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    let first = needle[0]
    var i = 0
    let last = haystack.count - needle.count
    while i <= last {
        if asciiLowercased(haystack[i]) == first {
            var k = 1
            while k < needle.count && asciiLowercased(haystack[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        i += 1
    }
    return false
}

@inline(__always) func asciiLowercased(_ c: UInt8) -> UInt8 {
    c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
}

/// One row of a factor table (`zone,year,g_co2e_per_kwh,basis,boundary,cfe_share,source`),
/// checked field by field.
struct FactorRow: Sendable {
    static let requiredColumns = ["zone", "year", "g_co2e_per_kwh", "basis", "source"]
    static let optionalColumns = ["boundary", "cfe_share"]

    let zone: String
    let year: Int
    let gramsPerKilowattHour: Double
    let basis: EmissionBasis
    let boundary: GridBoundary?
    let carbonFreeShare: Double?
    let sourceID: String
    let line: Int

    /// Column positions in a header, found once per table.
    struct Columns {
        let zone, year, value, basis, source: Int
        let boundary, cfe: Int?

        init(_ header: CSVHeader) throws {
            zone = try header.require("zone")
            year = try header.require("year")
            value = try header.require("g_co2e_per_kwh")
            basis = try header.require("basis")
            source = try header.require("source")
            boundary = header.index(of: "boundary")
            cfe = header.index(of: "cfe_share")
        }
    }

    /// The zone field of a record, without checking the rest.
    static func zone(of record: CSVRecord, _ columns: Columns) -> String {
        record.fields[columns.zone].trimmingSpaces
    }

    init(_ record: CSVRecord, _ c: Columns, origin: String) throws {
        let at = "\(origin):\(record.line)"
        func field(_ k: Int) -> String { record.fields[k].trimmingSpaces }
        line = record.line
        zone = field(c.zone)
        guard !zone.isEmpty else { throw CO2eError.data("\(at): column zone is empty") }
        let yearText = field(c.year)
        guard let y = Int(yearText), (1900...2100).contains(y) else {
            throw CO2eError.data("\(at): column year: '\(yearText)' is not a year (expected a whole number such as 2024)")
        }
        year = y
        let valueText = field(c.value)
        guard let g = NumberText.parse(valueText), g.isFinite else {
            throw CO2eError.data("\(at): column g_co2e_per_kwh: '\(valueText)' is not a number (expected grams CO2e per kWh, e.g. 383.5)")
        }
        guard g >= 0 else {
            throw CO2eError.data("\(at): column g_co2e_per_kwh: \(valueText) is negative; a grid factor is 0 or more g CO2e/kWh")
        }
        gramsPerKilowattHour = g
        let basisText = field(c.basis)
        guard let b = EmissionBasis(rawValue: basisText.lowercased()) else {
            throw CO2eError.data("\(at): column basis: '\(basisText)' is not one of lifecycle, operational")
        }
        basis = b
        if let k = c.boundary, !field(k).isEmpty {
            guard let v = GridBoundary(rawValue: field(k).lowercased()) else {
                throw CO2eError.data("\(at): column boundary: '\(field(k))' is not one of production, consumption (or empty)")
            }
            boundary = v
        } else {
            boundary = nil
        }
        if let k = c.cfe, !field(k).isEmpty {
            guard let v = NumberText.parse(field(k)), v >= 0, v <= 1 else {
                throw CO2eError.data("\(at): column cfe_share: '\(field(k))' is not a share between 0 and 1")
            }
            carbonFreeShare = v
        } else {
            carbonFreeShare = nil
        }
        sourceID = field(c.source)
        guard !sourceID.isEmpty else { throw CO2eError.data("\(at): column source is empty; every factor names its source") }
    }
}
