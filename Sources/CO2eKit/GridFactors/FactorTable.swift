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
    /// field, trimmed, is not `value` (ignoring case) are skipped before their fields are built.
    /// With `containing`, records whose line does not contain that text (ignoring case) are
    /// skipped. Both only save work, and only skip what a full read would also reject: a line
    /// is judged from its bytes only where they are printable ASCII and unquoted (where the
    /// bytes are the field and ASCII case folding is the whole of Unicode's); any other record
    /// is read in full, and `body` must still check what it needs.
    func forEachRow(where column: String? = nil, equals value: String? = nil, containing text: String? = nil,
                    _ body: (CSVHeader, CSVRecord) throws -> Bool) throws {
        var header: CSVHeader?
        var filterActive = false
        let keep: ((UnsafeBufferPointer<UInt8>) -> Bool)?
        if let value, let wanted = RowFilter.asciiKey(value.trimmingSpaces) {
            keep = { raw in !filterActive || RowFilter.firstField(of: raw, mayEqual: wanted) }
        } else if let text, let needle = RowFilter.asciiKey(text) {
            keep = { raw in RowFilter.line(raw, mayContain: needle) }
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
                    throw CO2eError.data("\(origin):\(record.line): \(record.fields.count) fields, but the header has \(h.names.count) (\(h.listed))")
                }
                return try body(h, record)
            }
        }
        if header == nil {
            throw CO2eError.data("\(origin): the file is empty; expected a header row such as \(FactorRow.requiredColumns.joined(separator: ","))")
        }
    }
}

/// The prefilters of `TableText.forEachRow`: cheap tests on a record's raw line that never
/// refuse a record a full read would accept.
enum RowFilter {
    /// `text` lowercased as bytes when it is all printable ASCII (where ASCII case folding is
    /// Unicode's), else nil: no byte filter can judge it, so every record is read.
    static func asciiKey(_ text: String) -> [UInt8]? {
        let bytes = Array(text.lowercased().utf8)
        return bytes.allSatisfy(isPrintableASCII) ? bytes : nil
    }

    @inline(__always) static func isPrintableASCII(_ c: UInt8) -> Bool { c >= 0x20 && c <= 0x7E }

    /// False only when the first field of `raw` (a record's first line), trimmed as
    /// `trimmingSpaces` trims it, is printable ASCII and differs from `wanted` ignoring case.
    /// A field that starts with `"` is quoted and its text is not its bytes: it is kept.
    static func firstField(of raw: UnsafeBufferPointer<UInt8>, mayEqual wanted: [UInt8]) -> Bool {
        if raw.first == UInt8(ascii: "\"") { return true }
        var start = raw.startIndex
        var end = raw.firstIndex(of: UInt8(ascii: ",")) ?? raw.endIndex
        for k in start..<end where !isPrintableASCII(raw[k]) { return true }
        while start < end, raw[start] == 0x20 { start += 1 }
        while end > start, raw[end - 1] == 0x20 { end -= 1 }
        guard end - start == wanted.count else { return false }
        var k = 0
        while start + k < end {
            if asciiLowercased(raw[start + k]) != wanted[k] { return false }
            k += 1
        }
        return true
    }

    /// False only when `raw` (a record's first line) is ASCII without quotes and does not
    /// contain `needle` ignoring case: such a line is the whole record, and every field of it a
    /// substring of it.
    static func line(_ raw: UnsafeBufferPointer<UInt8>, mayContain needle: [UInt8]) -> Bool {
        for c in raw where c >= 0x80 || c == UInt8(ascii: "\"") { return true }
        return containsIgnoringASCIICase(raw, needle)
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
    static let optionalColumns = ["boundary", "cfe_share", "read"]

    let zone: String
    let year: Int
    let gramsPerKilowattHour: Double
    let basis: EmissionBasis
    let boundary: GridBoundary?
    let carbonFreeShare: Double?
    let sourceID: String
    /// How the row's figure was read (the `read` column; nil when the file has none).
    let read: Reading?
    let line: Int

    /// Column positions in a header, found once per table.
    struct Columns {
        let zone, year, value, basis, source: Int
        let boundary, cfe, read: Int?

        init(_ header: CSVHeader) throws {
            zone = try header.require("zone")
            year = try header.require("year")
            value = try header.require("g_co2e_per_kwh")
            basis = try header.require("basis")
            source = try header.require("source")
            boundary = header.index(of: "boundary")
            cfe = header.index(of: "cfe_share")
            read = header.index(of: "read")
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
        guard let y = Int(yearText), Year.accepted.contains(y) else {
            throw CO2eError.data("\(at): column year: '\(yearText.echoed)' is not a year (expected a whole number such as 2024)")
        }
        year = y
        let valueText = field(c.value)
        guard let g = NumberText.parse(valueText), g.isFinite else {
            throw CO2eError.data("\(at): column g_co2e_per_kwh: '\(valueText.echoed)' is not a number (expected grams CO2e per kWh, e.g. 383.5)")
        }
        guard g >= 0 else {
            throw CO2eError.data("\(at): column g_co2e_per_kwh: \(valueText.echoed) is negative; a grid factor is 0 or more g CO2e/kWh")
        }
        gramsPerKilowattHour = g
        let basisText = field(c.basis)
        guard let b = EmissionBasis(rawValue: basisText.lowercased()) else {
            throw CO2eError.data("\(at): column basis: '\(basisText.echoed)' is not one of lifecycle, operational")
        }
        basis = b
        if let k = c.boundary, !field(k).isEmpty {
            guard let v = GridBoundary(rawValue: field(k).lowercased()) else {
                throw CO2eError.data("\(at): column boundary: '\(field(k).echoed)' is not one of production, consumption (or empty)")
            }
            boundary = v
        } else {
            boundary = nil
        }
        if let k = c.cfe, !field(k).isEmpty {
            guard let v = NumberText.parse(field(k)), v >= 0, v <= 1 else {
                throw CO2eError.data("\(at): column cfe_share: '\(field(k).echoed)' is not a share between 0 and 1")
            }
            carbonFreeShare = v
        } else {
            carbonFreeShare = nil
        }
        sourceID = field(c.source)
        guard !sourceID.isEmpty else { throw CO2eError.data("\(at): column source is empty; every factor names its source") }
        read = try c.read.flatMap { try Reading.parse(field($0), file: origin, line: record.line) }
    }
}
