/// Writing a `YAMLValue` as block YAML, laid out as js-yaml's `dump` lays it out (indent 2,
/// sequences under a key indented, the first entry of a mapping in a sequence on the item's
/// line), in the subset `YAMLValue.parse` reads: what it writes reads back to the same value.
extension YAMLValue {
    /// The value as one YAML document, ending with a line break.
    package func yamlText() -> String {
        var out = ""
        YAMLWriter.write(self, indent: 0, lead: nil, into: &out)
        return out
    }
}

package enum YAMLWriter {
    static func spaces(_ n: Int) -> String { String(repeating: " ", count: n) }

    /// Writes `v` as a block node whose lines are indented `indent`; `lead` replaces the first
    /// line's indentation (`- ` of the item that holds it).
    static func write(_ v: YAMLValue, indent: Int, lead: String?, into out: inout String) {
        switch v {
        case let .sequence(items) where !items.isEmpty:
            for (n, item) in items.enumerated() {
                let head = (n == 0 ? lead ?? spaces(indent) : spaces(indent)) + "- "
                switch item {
                case .sequence(let s) where !s.isEmpty: write(item, indent: indent + 2, lead: head, into: &out)
                case .mapping(let m) where !m.isEmpty: write(item, indent: indent + 2, lead: head, into: &out)
                default: out += head + scalar(item) + "\n"
                }
            }
        case let .mapping(entries) where !entries.isEmpty:
            for (n, (key, value)) in entries.enumerated() {
                let head = (n == 0 ? lead ?? spaces(indent) : spaces(indent)) + scalar(.string(key)) + ":"
                switch value {
                case .sequence(let s) where !s.isEmpty:
                    out += head + "\n"
                    write(value, indent: indent + 2, lead: nil, into: &out)
                case .mapping(let m) where !m.isEmpty:
                    out += head + "\n"
                    write(value, indent: indent + 2, lead: nil, into: &out)
                default: out += head + " " + scalar(value) + "\n"
                }
            }
        default:
            out += (lead ?? spaces(indent)) + scalar(v) + "\n"
        }
    }

    /// A scalar (or an empty collection) on one line: numbers and timestamps as written,
    /// strings plain where they would read back as the same string, else quoted.
    package static func scalar(_ v: YAMLValue) -> String {
        switch v {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(text), let .timestamp(text): return text
        case let .string(s): return string(s)
        case .sequence: return "[]"
        case .mapping: return "{}"
        }
    }

    /// YAML 1.1's booleans, which js-yaml quotes so that older readers do not take them as such.
    static let oldBooleans: Set<String> = ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]

    /// `s` plain when that reads back as `s`, single-quoted when it has no character that
    /// needs an escape, else double-quoted with escapes.
    package static func string(_ s: String) -> String {
        if isPlainSafe(s) { return s }
        if s.unicodeScalars.allSatisfy({ !needsEscape($0) }) {
            return "'" + s.replacingQuote() + "'"
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if needsEscape(u) {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += u.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                                           : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Control characters, line and paragraph separators, the next-line character and the
    /// byte-order mark: written as escapes.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value <= 0x9F) || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF
    }

    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t.~".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        // By byte, not by character: a space followed by a combining mark is one character
        // (`": \u{5B1}"`), and `String.contains(": ")` missed it (found by fuzzing).
        let bytes = Array(s.utf8)
        if s.unicodeScalars.contains(where: needsEscape) || bytes.containsPair(":", " ") || bytes.containsPair(" ", "#")
            || bytes.containsPair(":", "\t") { return false }
        if oldBooleans.contains(s) || s == "<<" { return false }
        return YAMLScalar.resolve(s) == .string(s)
    }
}

private extension String {
    /// Each `'` doubled. By scalar, not by character: a quote followed by a combining mark is
    /// one character (`'\u{59E}`), and missing it ended the quoted text early (found by fuzzing).
    func replacingQuote() -> String {
        var out = String.UnicodeScalarView()
        for u in unicodeScalars {
            out.append(u)
            if u == "'" { out.append(u) }
        }
        return String(out)
    }
}

private extension Array where Element == UInt8 {
    /// Whether byte `a` is directly followed by byte `b` somewhere.
    func containsPair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        let a = UInt8(a.value), b = UInt8(b.value)
        var i = 1
        while i < count {
            if self[i] == b && self[i - 1] == a { return true }
            i += 1
        }
        return false
    }
}
