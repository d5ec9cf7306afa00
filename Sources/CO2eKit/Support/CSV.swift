/// A small RFC 4180 CSV reader: comma-separated fields, double-quoted fields with `""` escapes
/// and embedded commas or line breaks, LF or CRLF line ends, an optional UTF-8 byte-order mark.
/// Blank lines are not records. Every record keeps the line number it starts on, so errors can
/// point at it.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based line number of the record's first character.
    public let line: Int
    public let fields: [String]
}

public enum CSV {
    /// Calls `body` with each record of `bytes`, in order, until `body` returns false.
    ///
    /// - Parameter origin: how errors name the input, e.g. a file path.
    /// - Throws: `CO2eError.invalidData` for an unterminated quoted field or text after a
    ///   closing quote, naming `origin` and the line.
    public static func forEachRecord(
        in bytes: UnsafeBufferPointer<UInt8>, origin: String,
        _ body: (CSVRecord) throws -> Bool
    ) throws {
        var i = 0
        let n = bytes.count
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        while i < n {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            var recordEnded = false
            var sawAnything = false
            while !recordEnded {
                field.removeAll(keepingCapacity: true)
                if i < n && bytes[i] == UInt8(ascii: "\"") {
                    sawAnything = true
                    i += 1
                    var closed = false
                    while i < n {
                        let c = bytes[i]
                        if c == UInt8(ascii: "\"") {
                            if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") {
                                field.append(c)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if c == UInt8(ascii: "\n") { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    if !closed {
                        throw CO2eError.data("\(origin):\(recordLine): a quoted field is never closed (a \" is missing)")
                    }
                    // After a closing quote: a comma, a line end, or the end of input.
                    if i < n {
                        let c = bytes[i]
                        if c == UInt8(ascii: ",") {
                            i += 1
                        } else if c == UInt8(ascii: "\n") {
                            i += 1; line += 1; recordEnded = true
                        } else if c == UInt8(ascii: "\r") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n") {
                            i += 2; line += 1; recordEnded = true
                        } else {
                            throw CO2eError.data("\(origin):\(line): text after a closing quote; quote the whole field")
                        }
                    } else {
                        recordEnded = true
                    }
                } else {
                    while i < n {
                        let c = bytes[i]
                        if c == UInt8(ascii: ",") { i += 1; break }
                        if c == UInt8(ascii: "\n") { i += 1; line += 1; recordEnded = true; break }
                        if c == UInt8(ascii: "\r") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n") {
                            i += 2; line += 1; recordEnded = true; break
                        }
                        field.append(c)
                        i += 1
                    }
                    if i >= n && !recordEnded {
                        // The last field of the input. If the input ended right after a comma, that
                        // comma started an empty last field, which is this one.
                        recordEnded = true
                    }
                    if !field.isEmpty { sawAnything = true }
                }
                fields.append(String(decoding: field, as: UTF8.self))
            }
            if fields.count == 1 && !sawAnything { continue } // a blank line
            if try !body(CSVRecord(line: recordLine, fields: fields)) { return }
        }
    }

    /// All records of `bytes`.
    public static func records(in bytes: UnsafeBufferPointer<UInt8>, origin: String) throws -> [CSVRecord] {
        var all: [CSVRecord] = []
        try forEachRecord(in: bytes, origin: origin) { all.append($0); return true }
        return all
    }

    /// All records of `text`.
    public static func records(in text: String, origin: String) throws -> [CSVRecord] {
        var copy = text
        return try copy.withUTF8 { try records(in: $0, origin: origin) }
    }
}

/// A CSV header: finds columns by name and reports missing ones.
public struct CSVHeader: Sendable {
    public let names: [String]
    let origin: String

    public init(_ record: CSVRecord, origin: String) {
        self.names = record.fields.map { $0.trimmingSpaces }
        self.origin = origin
    }

    /// The index of the first column named any of `candidates` (case-insensitive), if present.
    public func index(of candidates: String...) -> Int? {
        for c in candidates {
            if let k = names.firstIndex(where: { $0.lowercased() == c.lowercased() }) { return k }
        }
        return nil
    }

    /// The index of column `name`, or an error naming the file and the columns it has.
    public func require(_ name: String) throws -> Int {
        guard let k = index(of: name) else {
            throw CO2eError.data("\(origin):1: missing column '\(name)' (the header has: \(names.joined(separator: ",")))")
        }
        return k
    }
}
