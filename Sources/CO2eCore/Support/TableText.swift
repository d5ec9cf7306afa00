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
    ///
    /// With `field`, records whose line has no field, nor `;`-separated part of a field, equal to
    /// that text (trimmed, ignoring case) are skipped, on the same terms.
    package func forEachRow(where column: String? = nil, equals value: String? = nil, containing text: String? = nil,
                            field: String? = nil, _ body: (CSVHeader, CSVRecord) throws -> Bool) throws {
        var header: CSVHeader?
        try withBytes { bytes in
            let keep: ((UnsafeBufferPointer<UInt8>) -> Bool)?
            if let value, let column, let wanted = RowFilter.asciiKey(value.trimmingSpaces),
               RowFilter.firstField(of: RowFilter.headerLine(bytes), is: column) {
                keep = { raw in RowFilter.firstField(of: raw, mayEqual: wanted) }
            } else if let text, let needle = RowFilter.asciiKey(text) {
                keep = { raw in RowFilter.line(raw, mayContain: needle) }
            } else if let field, let needle = RowFilter.asciiKey(field.trimmingSpaces), !needle.isEmpty {
                keep = { raw in RowFilter.line(raw, mayHaveField: needle) }
            } else {
                keep = nil
            }
            try CSV.forEachRecord(in: bytes, origin: origin, keepRecord: keep) { record in
                guard let h = header else {
                    header = CSVHeader(record, origin: origin)
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
        guard let base = raw.baseAddress else { return wanted.isEmpty }
        let n = raw.count
        if n > 0 && base[0] == UInt8(ascii: "\"") { return true }
        var end = 0
        while end < n {
            let c = base[end]
            if c == UInt8(ascii: ",") { break }
            if !isPrintableASCII(c) { return true }
            end += 1
        }
        var start = 0
        while start < end, base[start] == 0x20 { start += 1 }
        while end > start, base[end - 1] == 0x20 { end -= 1 }
        guard end - start == wanted.count else { return false }
        return wanted.withUnsafeBufferPointer { w in
            for k in 0..<w.count where asciiLowercased(base[start + k]) != w[k] { return false }
            return true
        }
    }

    /// The table's first line (after a byte-order mark), without its line end.
    static func headerLine(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") { end += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// True only when the header line's first field, trimmed, is `name` ignoring case, read
    /// from plain bytes: the first-field filter applies only then (a quoted or non-ASCII header
    /// turns it off, which costs time, never a row).
    static func firstField(of header: UnsafeBufferPointer<UInt8>, is name: String) -> Bool {
        guard let key = asciiKey(name.trimmingSpaces), !key.isEmpty, header.first != UInt8(ascii: "\"") else { return false }
        return firstField(of: header, mayEqual: key)
    }

    /// False only when `raw` (a record's first line) is ASCII without quotes and none of its
    /// fields, nor any `;`-separated part of one, equals `needle` once trimmed of spaces,
    /// ignoring case: such a line is the whole record, and its fields are its comma-separated
    /// parts.
    static func line(_ raw: UnsafeBufferPointer<UInt8>, mayHaveField needle: [UInt8]) -> Bool {
        guard let base = raw.baseAddress else { return false }
        let n = raw.count
        for k in 0..<n where base[k] >= 0x80 || base[k] == UInt8(ascii: "\"") { return true }
        return needle.withUnsafeBufferPointer { w in
            var start = 0
            while start <= n {
                var end = start
                while end < n && base[end] != UInt8(ascii: ",") && base[end] != UInt8(ascii: ";") { end += 1 }
                var a = start, b = end
                while a < b && base[a] == 0x20 { a += 1 }
                while b > a && (base[b - 1] == 0x20 || base[b - 1] == UInt8(ascii: "\r")) { b -= 1 }
                if b - a == w.count {
                    var same = true
                    for k in 0..<w.count where asciiLowercased(base[a + k]) != w[k] { same = false; break }
                    if same { return true }
                }
                start = end + 1
            }
            return false
        }
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

