#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A YAML value as co2e reads it: the subset that js-yaml's `dump` writes for Impact
/// Framework's observations (what IF's Shell plugin sends a program), without Foundation.
///
/// Read: block mappings and sequences (`key: value`, `- item`, a sequence at its key's
/// indentation or deeper), plain, single- and double-quoted scalars on one line, literal (`|`)
/// and folded (`>`) block scalars with their chomping and indentation indicators, comments,
/// the empty flow collections `[]` and `{}`, and one document (an optional leading `---`).
/// Refused, with the line and column: anchors, aliases, tags, directives, a second document,
/// complex (`?`) and merge (`<<`) keys, non-empty flow collections, scalars over several
/// lines, tabs in indentation, duplicate keys, control characters, invalid UTF-8, more than
/// `maximumBytes` of text and nesting deeper than `maximumDepth`.
///
/// Plain scalars resolve as js-yaml's default schema does: `null`, `~` and nothing are null;
/// `true`/`false` (also `True`, `TRUE`...) are booleans; numbers are kept as written
/// (`3600`, `0.002`, `5.e-7`, `0x1F`, `.inf`) so that they are written back unchanged; a date
/// or date-time (`2023-07-06T00:00:00.000Z`) is a timestamp, also kept as written; anything
/// else is a string.
package indirect enum YAMLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as written.
    case number(String)
    /// A plain date or date-time that js-yaml reads as a date, as written.
    case timestamp(String)
    case string(String)
    case sequence([YAMLValue])
    /// Keys keep their order (and are unique).
    case mapping([(String, YAMLValue)])

    package static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)), let (.timestamp(x), .timestamp(y)), let (.string(x), .string(y)): return x == y
        case let (.sequence(x), .sequence(y)): return x == y
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The most text read: 32 MiB (an IF component's observations are far less).
    package static let maximumBytes = 32 << 20
    /// Deepest nesting of mappings and sequences accepted.
    package static let maximumDepth = 64
    /// What the reader reads, for errors.
    package static let subset = "block mappings and sequences, plain, quoted and block (| >) scalars, numbers, booleans, null, comments, [] and {}"

    /// Parses the UTF-8 `bytes` of one document. `origin` (a file name) goes into errors.
    ///
    /// - Throws: `CO2eError.invalidData` with `file` = origin and `line`; the reason starts
    ///   with `line L, column C:` and says what is read instead.
    package static func parse(bytes: [UInt8], origin: String = "YAML") throws -> YAMLValue {
        var parser = try YAMLParser(bytes: bytes, origin: origin)
        return try parser.document()
    }

    /// Parses `text` as `parse(bytes:origin:)` does.
    package static func parse(_ text: String, origin: String = "YAML") throws -> YAMLValue {
        try parse(bytes: Array(text.utf8), origin: origin)
    }

    /// The entries of a mapping, or nil.
    package var mappingEntries: [(String, YAMLValue)]? {
        if case let .mapping(m) = self { return m }
        return nil
    }

    /// The items of a sequence, or nil.
    package var sequenceItems: [YAMLValue]? {
        if case let .sequence(s) = self { return s }
        return nil
    }

    /// The value of a number (`.inf`, `.nan`, hexadecimal, octal and binary included), or nil.
    package var numberValue: Double? {
        guard case let .number(text) = self else { return nil }
        return YAMLScalar.numberValue(text)
    }

    /// The member named `key` of a mapping, or nil.
    package subscript(key: String) -> YAMLValue? {
        mappingEntries?.first { $0.0 == key }?.1
    }

    /// What kind of value this is, for messages: `a string`, `a mapping`.
    package var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .timestamp: return "a timestamp"
        case .string: return "a string"
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        }
    }
}

/// How js-yaml's default schema resolves a plain scalar, written once for the reader and the
/// writer (which quotes a string that would resolve to something else).
package enum YAMLScalar {
    /// The value a plain scalar `text` stands for.
    package static func resolve(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let b = Array(text.utf8)
        if isInteger(b) || isFloat(b) { return .number(text) }
        if isTimestamp(b) { return .timestamp(text) }
        return .string(text)
    }

    private static func digits(_ b: [UInt8], _ i: inout Int, _ ok: (UInt8) -> Bool, underscores: Bool = true) -> Int {
        let start = i
        while i < b.count, ok(b[i]) || (underscores && b[i] == UInt8(ascii: "_")) { i += 1 }
        return i - start
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `0b101`, `0o17`, `0x1F`, each with an optional sign (js-yaml's int type; decimals are floats here).
    static func isInteger(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        guard i + 2 < b.count, b[i] == UInt8(ascii: "0") else { return false }
        let ok: (UInt8) -> Bool
        switch b[i + 1] {
        case UInt8(ascii: "b"): ok = { $0 == 0x30 || $0 == 0x31 }
        case UInt8(ascii: "o"): ok = { $0 >= 0x30 && $0 <= 0x37 }
        case UInt8(ascii: "x"): ok = { isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        default: return false
        }
        i += 2
        guard ok(b[i]) else { return false }
        _ = digits(b, &i, ok)
        return i == b.count && b.last != UInt8(ascii: "_")
    }

    /// js-yaml's float pattern: `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`,
    /// `\.[0-9_]+([eE][-+]?[0-9]+)?`, `[-+]?\.inf` and `\.nan` (in three cases), not ending in `_`.
    static func isFloat(_ b: [UInt8]) -> Bool {
        let s = String(decoding: b, as: UTF8.self)
        if [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"].contains(s) { return true }
        guard !b.isEmpty, b.last != UInt8(ascii: "_") else { return false }
        var i = 0
        if b[0] == UInt8(ascii: ".") {
            i = 1
            guard i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") else { return false }
            _ = digits(b, &i, isDigit)
        } else {
            if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { return false }
            _ = digits(b, &i, isDigit)
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits(b, &i, isDigit)
            }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            guard digits(b, &i, isDigit, underscores: false) > 0 else { return false }
        }
        return i == b.count
    }

    /// js-yaml's timestamps: `YYYY-MM-DD`, or `YYYY-M-D` then `T`, `t` or spaces, `H:MM:SS`, an
    /// optional fraction and an optional zone (`Z`, `+1`, `-05:30`) after optional spaces.
    static func isTimestamp(_ b: [UInt8]) -> Bool {
        var i = 0
        func n(_ min: Int, _ max: Int) -> Bool {
            let start = i
            while i < b.count, i - start < max, isDigit(b[i]) { i += 1 }
            return i - start >= min
        }
        func char(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard n(4, 4), char("-") else { return false }
        let afterYear = i
        if n(2, 2), char("-"), n(2, 2), i == b.count { return true }
        i = afterYear
        guard n(1, 2), char("-"), n(1, 2) else { return false }
        if !(char("T") || char("t")) {
            guard char(" ") || char("\t") else { return false }
            while char(" ") || char("\t") {}
        }
        guard n(1, 2), char(":"), n(2, 2), char(":"), n(2, 2) else { return false }
        if char(".") { _ = n(0, Int.max) }
        while char(" ") || char("\t") {}
        if i == b.count { return true }
        if char("Z") { return i == b.count }
        guard char("+") || char("-"), n(1, 2) else { return false }
        if char(":") { guard n(2, 2) else { return false } }
        return i == b.count
    }

    /// The value of number text `resolve` accepted, or nil.
    package static func numberValue(_ text: String) -> Double? {
        var s = text.replacingUnderscores()
        var sign = 1.0
        if s.hasPrefix("-") { sign = -1; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
        switch s {
        case ".inf", ".Inf", ".INF": return sign * .infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        for (prefix, radix) in [("0b", 2), ("0o", 8), ("0x", 16)] where s.hasPrefix(prefix) {
            var v = 0.0
            for c in s.dropFirst(2) {
                guard let d = c.hexDigitValue, d < radix else { return nil }
                v = v * Double(radix) + Double(d)
            }
            return sign * v
        }
        guard isFloat(Array(s.utf8)) else { return nil }
        let v: Double? = s.withCString { p in
            var end: UnsafeMutablePointer<CChar>?
            let x = strtod(p, &end)
            return end.map { $0.pointee == 0 } == true ? x : nil
        }
        return v.map { sign * $0 }
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

/// One line of the text: where its content starts and ends (bytes), its indentation.
private struct YAMLLine {
    /// Counting from 1.
    let number: Int
    /// Byte offset of the line's first byte.
    let first: Int
    /// Byte offset of its first non-space byte (after the indentation).
    var start: Int
    /// Byte offset after its last byte (before the line break).
    let end: Int
    /// Spaces before `start` (for a line rewritten after `- `, its content's column - 1).
    var indent: Int
    /// The column (from 1) of a tab in the indentation, if there is one.
    let tab: Int?
}

private struct YAMLParser {
    let bytes: [UInt8]
    let origin: String
    /// Every line, blank and comment lines included (block scalars read them).
    var raw: [YAMLLine] = []
    /// The lines that hold content, in order (indices into `raw`).
    var lines: [Int] = []
    var k = 0
    var depth = 0

    init(bytes: [UInt8], origin: String) throws {
        self.bytes = bytes
        self.origin = origin
        guard bytes.count <= YAMLValue.maximumBytes else {
            throw CO2eError.data("\(origin): the YAML is \(bytes.count) bytes, more than the \(YAMLValue.maximumBytes >> 20) MiB co2e reads",
                                 code: .fileTooLarge, file: nil)
        }
        try splitLines()
    }

    // MARK: Errors

    func column(_ line: YAMLLine, _ at: Int) -> Int {
        var c = 1
        var i = line.first
        while i < min(at, line.end) {
            if bytes[i] & 0xC0 != 0x80 { c += 1 }
            i += 1
        }
        return c
    }

    func fail(_ reason: String, _ line: YAMLLine, at: Int? = nil, accepted: String? = nil) -> CO2eError {
        var e = CO2eError(.invalidData, "line \(line.number), column \(column(line, at ?? line.start)): \(reason)", file: origin, line: line.number)
        e.accepted = accepted
        return e
    }

    func refuse(_ what: String, _ line: YAMLLine, at: Int) -> CO2eError {
        fail("\(what) are not read", line, at: at, accepted: YAMLValue.subset)
    }

    // MARK: Lines

    /// Splits the text into lines, checking its characters: valid UTF-8, no control
    /// characters but tab, CR only before LF.
    mutating func splitLines() throws {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        var number = 1
        while i <= bytes.count {
            let first = i
            var indent = 0
            var tab: Int?
            // Indentation: spaces, and a tab among them is remembered (refused where it indents).
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
                if bytes[i] == 0x09 && tab == nil { tab = i - first + 1 }
                if tab == nil { indent += 1 }
                i += 1
            }
            let start = i
            var end = bytes.count
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A { end = i; break }
                if b == 0x0D {
                    guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else {
                        let l = YAMLLine(number: number, first: first, start: i, end: i, indent: indent, tab: nil)
                        throw fail("a carriage return (CR) not followed by a line feed; lines end with LF or CR LF", l, at: i)
                    }
                    end = i
                    break
                }
                if b < 0x20 && b != 0x09 || b == 0x7F {
                    let l = YAMLLine(number: number, first: first, start: i, end: i, indent: indent, tab: nil)
                    throw fail("control character 0x\(String(b, radix: 16, uppercase: true)); YAML text holds printable characters and tabs", l, at: i)
                }
                if b >= 0x80 {
                    let n = Self.utf8Length(bytes, i)
                    guard n > 0 else {
                        let l = YAMLLine(number: number, first: first, start: i, end: i, indent: indent, tab: nil)
                        throw fail("the text is not valid UTF-8 here; co2e reads UTF-8 text", l, at: i)
                    }
                    i += n
                    continue
                }
                i += 1
            }
            let line = YAMLLine(number: number, first: first, start: start, end: end, indent: indent, tab: tab)
            raw.append(line)
            if start < end && bytes[start] != UInt8(ascii: "#") { lines.append(raw.count - 1) }
            number += 1
            i = end == bytes.count ? bytes.count + 1 : (bytes[end] == 0x0D ? end + 2 : end + 1)
        }
    }

    /// The length of the valid UTF-8 sequence at `i`, or 0 (overlong forms, surrogates and
    /// code points above U+10FFFF are invalid).
    static func utf8Length(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        let n: Int, low: UInt8, high: UInt8
        switch c {
        case 0xC2...0xDF: (n, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (n, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (n, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEF: (n, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (n, low, high) = (4, 0x90, 0xBF)
        case 0xF4: (n, low, high) = (4, 0x80, 0x8F)
        case 0xF1...0xF3: (n, low, high) = (4, 0x80, 0xBF)
        default: return 0
        }
        guard i + n <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return 0 }
        for j in 2..<max(2, n) where b[i + j] & 0xC0 != 0x80 { return 0 }
        return n
    }

    /// The content line at `k`, refusing a tab in its indentation.
    func current() throws -> YAMLLine {
        let l = raw[lines[k]]
        if let tab = l.tab {
            throw fail("a tab in the indentation; YAML indents with spaces", l, at: l.first + tab - 1)
        }
        return l
    }

    func isItem(_ l: YAMLLine) -> Bool {
        bytes[l.start] == UInt8(ascii: "-") && (l.start + 1 == l.end || bytes[l.start + 1] == 0x20 || bytes[l.start + 1] == 0x09)
    }

    /// `---` or `...` at the start of a line: the end of the document (refused by `document`).
    func isDocumentMarker(_ l: YAMLLine) -> Bool {
        l.start == l.first && (startsWith(l, "---") || startsWith(l, "..."))
    }

    func startsWith(_ l: YAMLLine, _ text: String) -> Bool {
        let t = Array(text.utf8)
        guard l.end - l.start >= t.count, Array(bytes[l.start..<l.start + t.count]) == t else { return false }
        return l.start + t.count == l.end || bytes[l.start + t.count] == 0x20 || bytes[l.start + t.count] == 0x09
    }

    // MARK: Document

    mutating func document() throws -> YAMLValue {
        guard !lines.isEmpty else { return .null }
        let l = try current()
        if bytes[l.start] == UInt8(ascii: "%") && l.indent == 0 { throw refuse("directives (%YAML, %TAG)", l, at: l.start) }
        if l.indent == 0 && startsWith(l, "---") {
            var p = l.start + 3
            skipSpaces(&p, l)
            guard p == l.end || bytes[p] == UInt8(ascii: "#") else {
                throw fail("content after '---' on its line; start the document on the next line", l, at: p)
            }
            k += 1
            guard k < lines.count else { return .null }
        }
        let value = try node(minIndent: 0, parent: -1)
        if k < lines.count {
            let l = try current()
            if l.indent == 0 && startsWith(l, "---") { throw fail("a second document ('---'); co2e reads one document", l, accepted: "one document") }
            if l.indent == 0 && startsWith(l, "...") { throw refuse("document end markers ('...')", l, at: l.start) }
            throw fail("unexpected content at this indentation (\(l.indent) spaces) after the document's \(describeTop(value))", l)
        }
        return value
    }

    func describeTop(_ v: YAMLValue) -> String {
        switch v {
        case .sequence: return "sequence"
        case .mapping: return "mapping"
        default: return "value"
        }
    }

    mutating func enter(_ l: YAMLLine) throws {
        depth += 1
        guard depth <= YAMLValue.maximumDepth else {
            throw fail("nesting deeper than \(YAMLValue.maximumDepth) levels", l, accepted: "at most \(YAMLValue.maximumDepth) levels of mappings and sequences")
        }
    }

    /// The block value starting at line `k` if it is indented at least `minIndent`, else null.
    /// `parent` is the indentation of the node that holds it (for block scalars).
    mutating func node(minIndent: Int, parent: Int) throws -> YAMLValue {
        guard k < lines.count else { return .null }
        let l = try current()
        guard l.indent >= minIndent else { return .null }
        if isItem(l) { return try sequence(l.indent) }
        if try keyEnd(l) != nil { return try mapping(l.indent) }
        k += 1
        return try inline(l, from: l.start, parent: parent)
    }

    mutating func sequence(_ n: Int) throws -> YAMLValue {
        try enter(raw[lines[k]])
        defer { depth -= 1 }
        var items: [YAMLValue] = []
        while k < lines.count {
            var l = try current()
            if l.indent < n || isDocumentMarker(l) { break }
            if l.indent > n { throw fail("unexpected indentation (\(l.indent) spaces) in a sequence indented \(n)", l) }
            // A sequence that is a mapping's value, at its key's indentation, ends where the
            // mapping goes on; anything else there is refused by the node that holds it.
            guard isItem(l) else { break }
            var p = l.start + 1
            skipSpaces(&p, l)
            if p == l.end || bytes[p] == UInt8(ascii: "#") {
                k += 1
                items.append(try node(minIndent: n + 1, parent: n))
            } else {
                // `- key: value` or `- - item`: the rest is a node at its own column.
                l.indent = column(l, p) - 1
                l.start = p
                raw[lines[k]] = l
                items.append(try node(minIndent: l.indent, parent: n))
            }
        }
        return .sequence(items)
    }

    mutating func mapping(_ n: Int) throws -> YAMLValue {
        try enter(raw[lines[k]])
        defer { depth -= 1 }
        var entries: [(String, YAMLValue)] = []
        var seen: Set<String> = []
        while k < lines.count {
            let l = try current()
            if l.indent < n || isDocumentMarker(l) { break }
            if l.indent > n { throw fail("unexpected indentation (\(l.indent) spaces) in a mapping indented \(n)", l) }
            if isItem(l) {
                throw fail("a sequence item ('- ') where a key of the mapping above was expected", l, accepted: "'key: value' at this indentation")
            }
            guard case let (key, afterColon)? = try keyEnd(l) else {
                throw fail("expected 'key: value' at this indentation", l, accepted: "'key: value', one per line")
            }
            if key == "<<" && bytes[l.start] == UInt8(ascii: "<") { throw refuse("merge keys ('<<')", l, at: l.start) }
            guard seen.insert(key).inserted else {
                throw fail("key '\(EchoedText.value(key))' appears twice in one mapping", l, accepted: "each key once")
            }
            var p = afterColon
            skipSpaces(&p, l)
            k += 1
            let value: YAMLValue
            if p == l.end || bytes[p] == UInt8(ascii: "#") {
                if k < lines.count, raw[lines[k]].indent > n {
                    value = try node(minIndent: n + 1, parent: n)
                } else if k < lines.count, raw[lines[k]].indent == n, isItem(raw[lines[k]]) {
                    value = try sequence(n)
                } else {
                    value = .null
                }
            } else {
                value = try inline(l, from: p, parent: n)
            }
            entries.append((key, value))
        }
        return .mapping(entries)
    }

    func skipSpaces(_ p: inout Int, _ l: YAMLLine) {
        while p < l.end, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
    }

    /// When line `l` starts with a key and its colon: the key and the offset after the colon.
    func keyEnd(_ l: YAMLLine) throws -> (String, Int)? {
        let c = bytes[l.start]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            var p = l.start
            let key = try quoted(l, &p)
            var q = p
            skipSpaces(&q, l)
            guard q < l.end, bytes[q] == UInt8(ascii: ":"), q + 1 == l.end || bytes[q + 1] == 0x20 || bytes[q + 1] == 0x09 else { return nil }
            return (key, q + 1)
        }
        if c == UInt8(ascii: "?") && (l.start + 1 == l.end || bytes[l.start + 1] == 0x20) { throw refuse("complex keys ('? ')", l, at: l.start) }
        if "&*!|>[]{},@`".utf8.contains(c) { return nil }
        var p = l.start
        while p < l.end {
            let b = bytes[p]
            if b == UInt8(ascii: "#") && p > l.start && (bytes[p - 1] == 0x20 || bytes[p - 1] == 0x09) { return nil }
            if b == UInt8(ascii: ":") && (p + 1 == l.end || bytes[p + 1] == 0x20 || bytes[p + 1] == 0x09) {
                var e = p
                while e > l.start, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
                return (String(decoding: bytes[l.start..<e], as: UTF8.self), p + 1)
            }
            p += 1
        }
        return nil
    }

    // MARK: Scalars

    /// The value written on line `l` from `p` to its end (a comment aside): a scalar, `[]`, `{}`,
    /// or the header of a block scalar, whose lines follow.
    mutating func inline(_ l: YAMLLine, from p: Int, parent: Int) throws -> YAMLValue {
        let c = bytes[p]
        var q = p
        func end(_ q: Int) throws {
            var r = q
            skipSpaces(&r, l)
            guard r == l.end || (bytes[r] == UInt8(ascii: "#") && r > q) else {
                throw fail("unexpected text after the value; a value ends its line (a comment starts with ' #')", l, at: r)
            }
        }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let s = try quoted(l, &q)
            try end(q)
            return .string(s)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            q += 1
            skipSpaces(&q, l)
            let close = c == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            guard q < l.end, bytes[q] == close else {
                throw fail("flow \(c == UInt8(ascii: "[") ? "sequences ('[a, b]')" : "mappings ('{a: 1}')") are not read, only the empty '[]' and '{}'; write a block \(c == UInt8(ascii: "[") ? "sequence, one '- item' a line" : "mapping, one 'key: value' a line")",
                           l, at: p, accepted: YAMLValue.subset)
            }
            try end(q + 1)
            return c == UInt8(ascii: "[") ? .sequence([]) : .mapping([])
        case UInt8(ascii: "&"): throw refuse("anchors ('&name')", l, at: p)
        case UInt8(ascii: "*"): throw refuse("aliases ('*name')", l, at: p)
        case UInt8(ascii: "!"): throw refuse("tags ('!tag')", l, at: p)
        case UInt8(ascii: "|"), UInt8(ascii: ">"): return .string(try blockScalar(l, from: p, parent: parent))
        case UInt8(ascii: "@"), UInt8(ascii: "`"): throw fail("'\(Character(UnicodeScalar(c)))' is reserved in YAML and cannot start a plain value; quote the value", l, at: p)
        case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
            throw fail("'\(Character(UnicodeScalar(c)))' cannot start a plain value; quote the value", l, at: p)
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if p + 1 == l.end || bytes[p + 1] == 0x20 || bytes[p + 1] == 0x09 {
                throw fail("'\(Character(UnicodeScalar(c))) ' cannot start a value on this line; put a nested block on the next lines, indented", l, at: p)
            }
        default: break
        }
        // A plain scalar: to the end of the line or a comment.
        var e = p
        while q < l.end {
            let b = bytes[q]
            if b == UInt8(ascii: "#") && (bytes[q - 1] == 0x20 || bytes[q - 1] == 0x09) { break }
            if b == UInt8(ascii: ":") && (q + 1 == l.end || bytes[q + 1] == 0x20 || bytes[q + 1] == 0x09) {
                throw fail("': ' inside a plain value; quote the value, or put a nested mapping on the next lines", l, at: q)
            }
            if b != 0x20 && b != 0x09 { e = q + 1 }
            q += 1
        }
        // A plain scalar does not go on over the next lines.
        if k < lines.count {
            let next = raw[lines[k]]
            if next.indent > parent {
                throw fail("a plain value that goes on over several lines is not read; write it on one line, quoted, or as a block scalar (| or >)", next,
                           accepted: YAMLValue.subset)
            }
        }
        return YAMLScalar.resolve(String(decoding: bytes[p..<e], as: UTF8.self))
    }

    /// A single- or double-quoted scalar starting at `p` (moved past its closing quote), on
    /// one line.
    func quoted(_ l: YAMLLine, _ p: inout Int) throws -> String {
        let quote = bytes[p]
        let open = p
        p += 1
        var out: [UInt8] = []
        while true {
            guard p < l.end else {
                throw fail("a quoted value that does not end on its line; co2e reads quoted values on one line (write a line break as \\n in double quotes)", l, at: open,
                           accepted: YAMLValue.subset)
            }
            let b = bytes[p]
            if quote == UInt8(ascii: "'") {
                if b == quote {
                    if p + 1 < l.end, bytes[p + 1] == quote { out.append(quote); p += 2; continue }
                    p += 1
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(b)
                p += 1
                continue
            }
            if b == quote { p += 1; return String(decoding: out, as: UTF8.self) }
            if b != UInt8(ascii: "\\") { out.append(b); p += 1; continue }
            guard p + 1 < l.end else { throw fail("a '\\' at the end of a line inside double quotes", l, at: p) }
            let escapeAt = p
            let e = bytes[p + 1]
            p += 2
            let simple: [UInt8: UInt32] = [0x30: 0, 0x61: 7, 0x62: 8, 0x74: 9, 0x09: 9, 0x6E: 10, 0x76: 11, 0x66: 12, 0x72: 13, 0x65: 0x1B, 0x20: 0x20,
                                           0x22: 0x22, 0x2F: 0x2F, 0x5C: 0x5C, 0x4E: 0x85, 0x5F: 0xA0, 0x4C: 0x2028, 0x50: 0x2029]
            var scalar: UInt32
            if let v = simple[e] {
                scalar = v
            } else {
                let count: Int
                switch e {
                case UInt8(ascii: "x"): count = 2
                case UInt8(ascii: "u"): count = 4
                case UInt8(ascii: "U"): count = 8
                default: throw fail("unknown escape '\\\(Character(UnicodeScalar(e)))' in double quotes", l, at: escapeAt,
                                    accepted: "\\0 \\a \\b \\t \\n \\v \\f \\r \\e \\\" \\/ \\\\ \\N \\_ \\L \\P \\xXX \\uXXXX \\UXXXXXXXX, or a space")
                }
                scalar = 0
                for _ in 0..<count {
                    guard p < l.end, let d = Character(UnicodeScalar(bytes[p])).hexDigitValue else {
                        throw fail("'\\\(Character(UnicodeScalar(e)))' needs \(count) hexadecimal digits", l, at: escapeAt)
                    }
                    scalar = scalar << 4 | UInt32(d)
                    p += 1
                }
            }
            guard let u = Unicode.Scalar(scalar) else {
                throw fail("escape for U+\(String(scalar, radix: 16, uppercase: true)), which is not a character (a surrogate or beyond U+10FFFF)", l, at: escapeAt)
            }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar whose header is at `p` on line `l`; moves
    /// `k` past its lines.
    mutating func blockScalar(_ l: YAMLLine, from p: Int, parent: Int) throws -> String {
        let folded = bytes[p] == UInt8(ascii: ">")
        var q = p + 1
        var chomp: UInt8?
        var explicit: Int?
        for _ in 0..<2 where q < l.end {
            let b = bytes[q]
            if (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && chomp == nil { chomp = b; q += 1 }
            else if b >= 0x31 && b <= 0x39 && explicit == nil { explicit = Int(b - 0x30); q += 1 }
        }
        var r = q
        skipSpaces(&r, l)
        guard r == l.end || (bytes[r] == UInt8(ascii: "#") && r > q) else {
            throw fail("unexpected text after a block scalar's header; the header is '|' or '>', then '-' or '+' and an indentation digit, then the end of the line", l, at: r)
        }
        // The block's lines: every raw line after `l` that is blank or indented enough.
        var contentIndent = explicit.map { max(parent, 0) + $0 }
        var texts: [(text: [UInt8], blank: Bool)] = []
        var j = lines[k - 1] + 1
        while j < raw.count {
            let line = raw[j]
            let spaces = Self.leadingSpaces(bytes, line)
            let isBlank = line.first + spaces == line.end
            if contentIndent == nil && !isBlank {
                guard spaces > parent else { break }
                contentIndent = spaces
            }
            if isBlank {
                let extra = max(0, spaces - (contentIndent ?? spaces))
                texts.append((Array(repeating: 0x20, count: extra), extra == 0))
            } else {
                guard let ci = contentIndent, spaces >= ci else { break }
                texts.append((Array(bytes[line.first + ci..<line.end]), false))
            }
            j += 1
        }
        // Trailing blank lines belong to the chomping; lines after the block are content again.
        while k < lines.count && lines[k] < j { k += 1 }
        var trailing = 0
        while let last = texts.last, last.blank { trailing += 1; texts.removeLast() }
        var out: [UInt8] = []
        var previousNormal = false
        var breaks = 0
        for (n, t) in texts.enumerated() {
            if t.blank { breaks += 1; continue }
            let moreIndented = t.text.first == 0x20 || t.text.first == 0x09
            if n > 0 && out.isEmpty && breaks == n {
                out += Array(repeating: 0x0A, count: breaks)
            } else if n > 0 {
                if folded && previousNormal && !moreIndented {
                    out += breaks == 0 ? [0x20] : Array(repeating: 0x0A, count: breaks)
                } else {
                    out += Array(repeating: 0x0A, count: breaks + 1)
                }
            }
            out += t.text
            breaks = 0
            previousNormal = !moreIndented
        }
        let hasContent = !texts.isEmpty
        switch chomp {
        case UInt8(ascii: "-"): break
        case UInt8(ascii: "+"): out += Array(repeating: 0x0A, count: (hasContent ? 1 : 0) + trailing)
        default: if hasContent { out.append(0x0A) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func leadingSpaces(_ bytes: [UInt8], _ l: YAMLLine) -> Int {
        var i = l.first
        while i < l.end, bytes[i] == 0x20 { i += 1 }
        return i - l.first
    }
}
