import CO2eData

/// The text of one CSV table, bundled in the binary or read from a user's file.
package struct TableText: Sendable {
    package enum Storage: Sendable {
        case embedded(StaticString)
        case owned([UInt8])
    }

    /// How errors and trails name the table, e.g. `grid-factors/countries.csv`.
    package let origin: String
    let storage: Storage
    /// The columns an empty file's error names as the header expected.
    package var expectedColumns: [String] = []

    /// A table named `origin` in errors, its text embedded or owned.
    package init(origin: String, storage: Storage, expectedColumns: [String] = []) {
        self.origin = origin
        self.storage = storage
        self.expectedColumns = expectedColumns
    }

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
    package func forEachRow(where column: String? = nil, equals value: String? = nil, containing text: String? = nil,
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
            throw CO2eError.data("the file is empty; expected a header row" + (expectedColumns.isEmpty ? "" : " such as \(expectedColumns.joined(separator: ","))"),
                                 code: .missingColumn, file: origin)
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

