#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small RFC 4180 CSV reader: comma-separated fields, double-quoted fields with `""` escapes
/// and embedded commas or line breaks, LF or CRLF line ends, an optional UTF-8 byte-order mark.
/// A `"` starts a quoted field only as a field's first character; elsewhere it is an ordinary
/// character, and so is a lone CR. Blank lines are not records. Every record keeps the line
/// number it starts on, so errors can point at it. A file with CR-only line ends (old Mac) is
/// refused at its header, which would otherwise hold the whole file.
package struct CSVRecord: Sendable, Equatable {
    /// 1-based line number of the record's first character.
    package let line: Int
    package let fields: [String]
}

package enum CSV {
    /// The longest field co2e reads, in bytes (1 MiB): longer is not a table of numbers and
    /// names, and refusing it keeps memory in proportion.
    package static let maximumFieldBytes = 1 << 20

    /// Calls `body` with each record of `bytes`, in order, until `body` returns false.
    ///
    /// - Parameter origin: how errors name the input, e.g. a file path.
    /// - Throws: `CO2eError.invalidData` for an unterminated quoted field, text after a
    ///   closing quote, a field over `maximumFieldBytes`, or CR-only line ends, naming `origin`
    ///   and the line.
    ///
    /// - Parameter keepRecord: when given, every record after the first (the header) is offered
    ///   to it first as the raw bytes of its first line (up to the LF); records it refuses are
    ///   skipped without calling `body`. A refused line without a `"` is a whole record and is
    ///   skipped unread; a refused record with one is read by the same rules as any other (so
    ///   the reader ends where a full read would) and dropped. Lookups use it to read only the
    ///   rows they need; it must keep any record it cannot judge from that line.
    package static func forEachRecord(
        in bytes: UnsafeBufferPointer<UInt8>, origin: String,
        keepRecord: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil,
        _ body: (CSVRecord) throws -> Bool
    ) throws {
        var fields: [String] = []
        try forEachRawRecord(in: bytes, origin: origin, keepRecord: keepRecord) { line, raw in
            fields.removeAll(keepingCapacity: true)
            for k in 0..<raw.count { fields.append(String(decoding: raw[k], as: UTF8.self)) }
            return try body(CSVRecord(line: line, fields: fields))
        }
    }

    /// One record's fields as bytes (quotes removed, `""` unescaped), valid only inside the
    /// `forEachRawRecord` call that offers them: readers of large tables use it to look at
    /// fields without making a String of each.
    package struct RawFields {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let ends: UnsafeBufferPointer<Int>
        /// The number of fields.
        package var count: Int { ends.count }
        /// Field `k`'s bytes.
        package subscript(k: Int) -> UnsafeBufferPointer<UInt8> {
            let start = k == 0 ? 0 : ends[k - 1]
            return UnsafeBufferPointer(rebasing: bytes[start..<ends[k]])
        }
        /// Field `k` as text.
        package func string(_ k: Int) -> String { String(decoding: self[k], as: UTF8.self) }
        /// The record as `forEachRecord` gives it.
        package func record(line: Int) -> CSVRecord {
            CSVRecord(line: line, fields: (0..<count).map(string))
        }
    }

    /// `forEachRecord` without making Strings: `body` gets each record's line and its fields
    /// as bytes, by the same rules (and the same errors) as `forEachRecord`.
    package static func forEachRawRecord(
        in bytes: UnsafeBufferPointer<UInt8>, origin: String,
        keepRecord: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil,
        _ body: (Int, RawFields) throws -> Bool
    ) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = 0
        let n = bytes.count
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        var line = 1
        // The record's fields, one after another, and where each ends.
        var recordBytes: [UInt8] = []
        var ends: [Int] = []
        var isFirstRecord = true
        while i < n {
            let recordLine = line
            var refused = false
            if let keepRecord, !isFirstRecord {
                let end = memchr(bytes.baseAddress! + i, Int32(lf), n - i)
                    .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress! } ?? n
                let first = UnsafeBufferPointer(rebasing: bytes[i..<end])
                refused = !first.isEmpty && !keepRecord(first)
                if refused && memchr(first.baseAddress!, Int32(quote), first.count) == nil {
                    // A line without quotes is a whole record.
                    i = min(end + 1, n)
                    if end < n { line += 1 }
                    continue
                }
            }
            recordBytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            var fieldCount = 0
            var recordEnded = false
            var sawAnything = false
            var loneCR = false
            while !recordEnded {
                let fieldStart = recordBytes.count
                if i < n && bytes[i] == quote {
                    sawAnything = true
                    i += 1
                    var closed = false
                    while i < n {
                        let c = bytes[i]
                        if c == quote {
                            if i + 1 < n && bytes[i + 1] == quote {
                                recordBytes.append(c)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if c == lf { line += 1 }
                        recordBytes.append(c)
                        i += 1
                    }
                    if !closed {
                        throw CO2eError.data("\(origin):\(recordLine): a quoted field is never closed (a \" is missing)")
                    }
                    // After a closing quote: a comma, a line end, or the end of input.
                    if i < n {
                        let c = bytes[i]
                        if c == comma {
                            i += 1
                        } else if c == lf {
                            i += 1; line += 1; recordEnded = true
                        } else if c == cr && i + 1 < n && bytes[i + 1] == lf {
                            i += 2; line += 1; recordEnded = true
                        } else {
                            throw CO2eError.data("\(origin):\(line): text after a closing quote; quote the whole field")
                        }
                    } else {
                        recordEnded = true
                    }
                } else {
                    var endedByComma = false
                    let start = i
                    while i < n {
                        let c = bytes[i]
                        if c == comma || c == lf { break }
                        if c == cr {
                            if i + 1 < n && bytes[i + 1] == lf { break }
                            loneCR = true
                        }
                        i += 1
                    }
                    if i > start { recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    if i < n {
                        if bytes[i] == comma {
                            i += 1; endedByComma = true
                        } else if bytes[i] == lf {
                            i += 1; line += 1; recordEnded = true
                        } else {
                            i += 2; line += 1; recordEnded = true
                        }
                    }
                    if i >= n && !recordEnded && !endedByComma {
                        // The last field of the input. (If the input ends right after a comma, that
                        // comma starts an empty last field: the next pass reads it and lands here.)
                        recordEnded = true
                    }
                    if recordBytes.count > fieldStart { sawAnything = true }
                }
                fieldCount += 1
                guard recordBytes.count - fieldStart <= maximumFieldBytes else {
                    throw CO2eError.data("\(origin):\(recordLine): a field is longer than \(maximumFieldBytes >> 20) MiB; co2e reads CSV tables of short fields")
                }
                if refused {
                    recordBytes.removeAll(keepingCapacity: true)
                } else {
                    ends.append(recordBytes.count)
                }
            }
            if refused { continue }
            if fieldCount == 1 && !sawAnything { continue } // a blank line
            if isFirstRecord && loneCR && memchr(bytes.baseAddress!, Int32(lf), n) == nil {
                throw CO2eError.data("\(origin): the file has CR-only line ends (old Mac style), so it reads as one line; save it with LF or CRLF line ends")
            }
            // Only a real record is the header; blank lines before it do not count.
            isFirstRecord = false
            let go = try recordBytes.withUnsafeBufferPointer { b in
                try ends.withUnsafeBufferPointer { e in try body(recordLine, RawFields(bytes: b, ends: e)) }
            }
            if !go { return }
        }
    }

    /// All records of `bytes`.
    package static func records(in bytes: UnsafeBufferPointer<UInt8>, origin: String) throws -> [CSVRecord] {
        var all: [CSVRecord] = []
        try forEachRecord(in: bytes, origin: origin) { all.append($0); return true }
        return all
    }

    /// All records of `text`.
    package static func records(in text: String, origin: String) throws -> [CSVRecord] {
        var copy = text
        return try copy.withUTF8 { try records(in: $0, origin: origin) }
    }
}

/// A CSV header: finds columns by name and reports missing ones.
package struct CSVHeader: Sendable {
    package let names: [String]
    package let origin: String

    package init(_ record: CSVRecord, origin: String) {
        self.names = record.fields.map { $0.trimmingSpaces }
        self.origin = origin
    }

    /// The index of the first column named any of `candidates` (case-insensitive), if present.
    package func index(of candidates: String...) -> Int? {
        for c in candidates {
            if let k = names.firstIndex(where: { $0.lowercased() == c.lowercased() }) { return k }
        }
        return nil
    }

    /// The header's names as a short, one-line list for error messages.
    package var listed: String { EchoedText.value(names.joined(separator: ","), limit: 120) }

    /// The index of column `name`, or an error naming the file and the columns it has.
    package func require(_ name: String) throws -> Int {
        guard let k = index(of: name) else {
            throw CO2eError.data("missing column '\(name)' (the header has: \(listed))", code: .missingColumn, file: origin, line: 1)
        }
        return k
    }
}
