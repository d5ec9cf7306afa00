#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict JSON reader (RFC 8259), without Foundation: what co2e reads scenario files with.
///
/// Strict means: one value with only whitespace around it; no comments, trailing commas,
/// single quotes, leading zeros, `NaN` or `Infinity`; control characters in strings must be
/// escaped; `\u` escapes must pair surrogates; an object may not name a key twice (RFC 8259
/// leaves that undefined; co2e refuses it, because the two readers of a file would disagree).
/// Nesting is capped at `maximumDepth`. Errors name the line and column (counting from 1, in
/// characters) and what was expected.
extension JSONValue {
    /// Deepest nesting of arrays and objects accepted.
    package static let maximumDepth = 256

    /// Parses UTF-8 `text`. `origin` (a file name) goes into errors.
    ///
    /// - Throws: `CO2eError.invalidData` with `file` = origin and `line`; the reason starts with
    ///   `line L, column C:`.
    package static func parse(_ text: String, origin: String = "JSON") throws -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), origin: origin)
        return try parser.document()
    }

    /// Parses UTF-8 `bytes` (refusing invalid UTF-8).
    ///
    /// - Throws: `CO2eError.invalidData` as `parse(_:origin:)`.
    package static func parse(bytes: [UInt8], origin: String = "JSON") throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, origin: origin)
        return try parser.document()
    }

    /// The members of an object, or nil.
    package var objectMembers: [(String, JSONValue)]? {
        if case let .object(m) = self { return m }
        return nil
    }

    /// The items of an array, or nil.
    package var arrayItems: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The string, or nil.
    package var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The number, or nil.
    package var numberValue: Double? {
        if case let .number(x) = self { return x }
        return nil
    }

    /// The member named `key` of an object, or nil.
    package subscript(key: String) -> JSONValue? {
        objectMembers?.first { $0.0 == key }?.1
    }

    /// What kind of value this is, for messages: `an object`, `a string`.
    package var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    package let origin: String
    var i = 0
    var depth = 0

    init(bytes: [UInt8], origin: String) {
        self.bytes = bytes
        self.origin = origin
    }

    mutating func document() throws -> JSONValue {
        // A UTF-8 byte-order mark is not JSON (RFC 8259 section 8.1 lets a reader ignore it; we do).
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        skipSpace()
        guard i < bytes.count else { throw fail("the text is empty; expected a JSON value") }
        let v = try value()
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected \(describe(i)) after the JSON value; a file holds one value") }
        return v
    }

    // MARK: Errors

    /// The line and column (in characters) of byte offset `at`.
    func position(_ at: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var k = 0
        while k < min(at, bytes.count) {
            let b = bytes[k]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (line, column)
    }

    func fail(_ reason: String, at: Int? = nil) -> CO2eError {
        let p = position(at ?? i)
        return CO2eError(.invalidData, "line \(p.line), column \(p.column): \(reason)", file: origin, line: p.line)
    }

    func describe(_ at: Int) -> String {
        guard at < bytes.count else { return "end of text" }
        let b = bytes[at]
        if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        if b == 0x20 { return "space" }
        if b < 0x20 || b == 0x7F { return "control character 0x\(String(b, radix: 16))" }
        return "non-ASCII text"
    }

    // MARK: Grammar

    mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            i += 1
        }
    }

    mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw fail("the text ends where a value was expected") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "'"): throw fail("strings take double quotes (\"), not single quotes")
        default:
            let word = identifier()
            if ["NaN", "Infinity", "nan", "inf"].contains(word) {
                throw fail("'\(word)' is not a JSON number; write a finite number")
            }
            throw fail("unexpected \(describe(i)); expected a value (object, array, string, number, true, false or null)")
        }
    }

    func identifier() -> String {
        var k = i
        var out = ""
        while k < bytes.count, k - i < 20, (bytes[k] >= 0x41 && bytes[k] <= 0x5A) || (bytes[k] >= 0x61 && bytes[k] <= 0x7A) {
            out.append(Character(UnicodeScalar(bytes[k])))
            k += 1
        }
        return out
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
            throw fail("unexpected \(identifier().isEmpty ? describe(i) : "'\(identifier())'"); expected a value (did you mean \(word)?)")
        }
        i += w.count
    }

    mutating func enter() throws {
        depth += 1
        guard depth <= JSONValue.maximumDepth else { throw fail("nesting deeper than \(JSONValue.maximumDepth) levels") }
    }

    mutating func object() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var members: [(String, JSONValue)] = []
        var seen: [String: Int] = [:]
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object([]) }
        while true {
            skipSpace()
            guard i < bytes.count else { throw fail("the text ends inside an object; expected a key or '}'") }
            guard bytes[i] == UInt8(ascii: "\"") else {
                if bytes[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}'") }
                throw fail("unexpected \(describe(i)); expected a key in double quotes")
            }
            let keyAt = i
            let key = try string()
            if seen[key] != nil {
                throw fail("key \"\(EchoedText.value(key))\" appears twice in one object", at: keyAt)
            }
            seen[key] = keyAt
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw fail("unexpected \(describe(i)) after key \"\(EchoedText.value(key))\"; expected ':'")
            }
            i += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("the text ends inside an object; expected ',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw fail("unexpected \(describe(i)) in an object; expected ',' or '}'")
        }
    }

    mutating func array() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array([]) }
        while true {
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'") }
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("the text ends inside an array; expected ',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("unexpected \(describe(i)) in an array; expected ',' or ']'")
        }
    }

    package mutating func number() throws -> Double {
        let start = i
        func digit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { throw fail("'-' must be followed by a digit") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { throw fail("numbers do not start with 0 (leading zeros are not JSON)", at: start) }
        } else {
            while digit(i) { i += 1 }
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { throw fail("a decimal point must be followed by a digit") }
            while digit(i) { i += 1 }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digit(i) else { throw fail("an exponent must have digits") }
            while digit(i) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        let x = text.withCString { strtod($0, nil) }
        guard x.isFinite else { throw fail("number \(EchoedText.value(text)) is too large to represent", at: start) }
        return x
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("\\u needs four hexadecimal digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("\\u needs four hexadecimal digits")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    mutating func string() throws -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("the text ends inside a string that starts here", at: start) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 {
                throw fail(b == 0x0A ? "line break inside a string (write \\n)" : "control character 0x\(String(b, radix: 16)) inside a string (escape it)")
            }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("the text ends inside a string that starts here", at: start) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code <= 0xDBFF {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("\\u escape of a high surrogate must be followed by a low surrogate")
                    }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("\\u escape of a high surrogate must be followed by a low surrogate") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if code >= 0xDC00 && code <= 0xDFFF {
                    throw fail("\\u escape of a lone low surrogate")
                }
                out.append(contentsOf: Array(String(Character(UnicodeScalar(code)!)).utf8))
            default:
                i -= 1
                throw fail("unknown escape \\\(describe(i).trimmingQuotes) in a string")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw fail("a string is not valid UTF-8", at: start)
        }
        return s
    }
}

private extension String {
    var trimmingQuotes: String { hasPrefix("'") && hasSuffix("'") && count > 2 ? String(dropFirst().dropLast()) : self }
}
