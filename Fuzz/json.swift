// JSON: any value co2e builds serialises (compact and indented) to text that a strict JSON
// reader reads back to the same value.
import CO2eKit

/// A value built from the fuzz bytes.
struct Builder {
    var bytes: [UInt8]
    var i = 0
    mutating func byte() -> UInt8 { defer { i += 1 }; return i < bytes.count ? bytes[i] : 0 }
    mutating func string() -> String {
        let n = Int(byte() % 12)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<n {
            let b = byte()
            let v: UInt32 = b < 128 ? UInt32(b) : b < 200 ? 0x80 + UInt32(b) * 37 : 0x1F300 + UInt32(b)
            scalars.append(Unicode.Scalar(v) ?? "?")
        }
        return String(scalars)
    }
    mutating func double() -> Double {
        var bits: UInt64 = 0
        for _ in 0..<8 { bits = bits << 8 | UInt64(byte()) }
        return Double(bitPattern: bits)
    }
    mutating func value(depth: Int = 0) -> JSONValue {
        switch byte() % (depth > 4 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(byte() & 1 == 1)
        case 2: return .number(double())
        case 3: return .string(string())
        case 4: return .array((0..<Int(byte() % 4)).map { _ in value(depth: depth + 1) })
        default: return .object((0..<Int(byte() % 4)).map { _ in (string(), value(depth: depth + 1)) })
        }
    }
}

/// A strict JSON reader (RFC 8259) for the check.
struct Reader {
    let s: [UInt8]
    var i = 0
    mutating func fail() -> Never { fatalError("property violated: invalid JSON at byte \(i): \(String(decoding: s, as: UTF8.self))") }
    mutating func ws() { while i < s.count, [0x20, 0x0A, 0x0D, 0x09].contains(s[i]) { i += 1 } }
    mutating func literal(_ t: String) { for b in t.utf8 { guard i < s.count, s[i] == b else { fail() }; i += 1 } }
    mutating func value() -> JSONValue {
        ws()
        guard i < s.count else { fail() }
        switch s[i] {
        case UInt8(ascii: "n"): literal("null"); return .null
        case UInt8(ascii: "t"): literal("true"); return .bool(true)
        case UInt8(ascii: "f"): literal("false"); return .bool(false)
        case UInt8(ascii: "\""): return .string(string())
        case UInt8(ascii: "["):
            i += 1; ws()
            var items: [JSONValue] = []
            if i < s.count, s[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(value()); ws()
                guard i < s.count else { fail() }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                guard s[i] == UInt8(ascii: "]") else { fail() }
                i += 1
                return .array(items)
            }
        case UInt8(ascii: "{"):
            i += 1; ws()
            var members: [(String, JSONValue)] = []
            if i < s.count, s[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                ws()
                guard i < s.count, s[i] == UInt8(ascii: "\"") else { fail() }
                let k = string(); ws()
                guard i < s.count, s[i] == UInt8(ascii: ":") else { fail() }
                i += 1
                members.append((k, value())); ws()
                guard i < s.count else { fail() }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                guard s[i] == UInt8(ascii: "}") else { fail() }
                i += 1
                return .object(members)
            }
        default: return .number(number())
        }
    }
    mutating func number() -> Double {
        let start = i
        if i < s.count, s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < s.count, s[i] >= 48, s[i] <= 57 else { fail() }
        if s[i] == 48 { i += 1 } else { while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 } }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            guard i < s.count, s[i] >= 48, s[i] <= 57 else { fail() }
            while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
        }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard i < s.count, s[i] >= 48, s[i] <= 57 else { fail() }
            while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
        }
        guard let v = Double(String(decoding: s[start..<i], as: UTF8.self)) else { fail() }
        return v
    }
    mutating func hex4() -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < s.count, let d = Int(String(UnicodeScalar(s[i])), radix: 16) else { fail() }
            v = v * 16 + UInt32(d); i += 1
        }
        return v
    }
    mutating func string() -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < s.count else { fail() }
            let c = s[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            guard c >= 0x20 else { fail() }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < s.count else { fail() }
                let e = s[i]; i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var v = hex4()
                    if v >= 0xD800 && v < 0xDC00 {
                        literal("\\u")
                        let low = hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { fail() }
                        v = 0x10000 + (v - 0xD800) << 10 + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(v) else { fail() }
                    out.append(contentsOf: Array(String(u).utf8))
                default: fail()
                }
                continue
            }
            out.append(c); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The value with non-finite numbers as null (how co2e writes them).
func normalised(_ v: JSONValue) -> JSONValue {
    switch v {
    case let .number(x): return x.isFinite ? .number(x) : .null
    case let .array(items): return .array(items.map(normalised))
    case let .object(members): return .object(members.map { ($0.0, normalised($0.1)) })
    default: return v
    }
}

/// Same value, numbers compared as numbers.
func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.bool(x), .bool(y)): return x == y
    case let (.number(x), .number(y)): return x == y
    case let (.string(x), .string(y)): return x == y
    case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy(same)
    case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && same($0.1, $1.1) }
    default: return false
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var builder = Builder(bytes: FuzzInput(data, size).bytes)
    let v = builder.value()
    for text in [v.serialized(), v.prettySerialized()] {
        var reader = Reader(s: Array(text.utf8))
        let back = reader.value()
        reader.ws()
        require(reader.i == reader.s.count, "text after the value: \(text)")
        require(same(back, normalised(v)), "'\(text)' reads back as another value")
    }
    require(!v.serialized().contains("\n"), "compact JSON on more than one line")
    return 0
}
