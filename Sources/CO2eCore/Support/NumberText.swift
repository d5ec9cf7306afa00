#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing decimal numbers, locale-independent and without Foundation.
package enum NumberText {
    /// Parses a plain decimal number: optional sign, digits with optional `,` thousands
    /// grouping (`1,287`; never after a leading 0, so `0,429` is refused), optional fraction,
    /// optional exponent (`1e9`). Refuses `nan`, `inf`,
    /// hexadecimal and anything else `Double(_:)` would accept beyond that grammar.
    package static func parse<S: StringProtocol>(_ text: S) -> Double? {
        if let v = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return v }
        return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
    }

    /// `parse` of UTF-8 bytes (a CSV field), without making a String for most numbers.
    package static func parse(bytes u: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = u.count
        func peek() -> UInt8? { i < n ? u[i] : nil }
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        // The digits as an integer while it stays below 2^53, for the exact fast path.
        var mantissa: UInt64 = 0
        var exact = true
        func addDigit(_ c: UInt8) {
            let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
            if o1 || o2 || m2 > 1 << 53 { exact = false } else { mantissa = m2 }
        }
        var negative = false
        if let c = peek(), c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            i += 1
        }
        // Integer part, possibly grouped.
        var integerDigits = 0
        var groupLength = -1 // -1: no comma seen yet
        var firstGroupLength = 0
        var leadingZero = false
        while let c = peek() {
            if isDigit(c) {
                addDigit(c)
                if integerDigits == 0 && c == UInt8(ascii: "0") { leadingZero = true }
                integerDigits += 1
                if groupLength >= 0 { groupLength += 1 } else { firstGroupLength += 1 }
            } else if c == UInt8(ascii: ",") {
                if groupLength >= 0 && groupLength != 3 { return nil }
                if groupLength < 0 && (firstGroupLength == 0 || firstGroupLength > 3) { return nil }
                // Grouped digits never start with 0: `0,429` is a decimal comma, and reading it
                // as 429 would be 1000x off.
                if leadingZero { return nil }
                groupLength = 0
            } else {
                break
            }
            i += 1
        }
        if groupLength >= 0 && groupLength != 3 { return nil }
        var fractionDigits = 0
        if let c = peek(), c == UInt8(ascii: ".") {
            i += 1
            while let c = peek(), isDigit(c) {
                addDigit(c)
                fractionDigits += 1
                i += 1
            }
        }
        if integerDigits + fractionDigits == 0 { return nil }
        var exponent = 0
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                exponentNegative = s == UInt8(ascii: "-")
                i += 1
            }
            var exponentDigits = 0
            while let c = peek(), isDigit(c) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(c - UInt8(ascii: "0")) }
                exponentDigits += 1
                i += 1
            }
            if exponentDigits == 0 { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        // Clinger's fast path: an integer below 2^53 times or over a power of ten up to 10^22
        // is one correctly rounded operation on exact doubles, so it is the value strtod gives.
        let scale = exponent - fractionDigits
        if exact && scale >= -22 && scale <= 22 {
            let m = Double(mantissa)
            let p = powersOfTen[abs(scale)]
            let v = scale >= 0 ? m * p : m / p
            return negative ? -v : v
        }
        // Otherwise Swift's own reading (strtod), of the digits without thousands commas.
        guard u.contains(UInt8(ascii: ",")) else { return Double(String(decoding: u, as: UTF8.self)) }
        return Double(String(decoding: u.filter { $0 != UInt8(ascii: ",") }, as: UTF8.self))
    }

    /// 10^0 to 10^22, each exact as a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// Formats `x` with `format` (a C printf format taking one double) in the C locale.
    static func cFormat(_ format: String, _ precision: Int32, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        var written = withVaList([precision, x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        if written >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(written) + 1)
            written = withVaList([precision, x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// `x` rounded to `significantDigits` significant digits (never rounding away integer
    /// digits), with `,` between thousands and trailing fractional zeros removed:
    /// `21079.5 -> "21,080"`, `0.13572 -> "0.1357"`, `552.1 -> "552.1"`.
    package static func format(_ x: Double, significantDigits: Int = 4) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == 0 { return "0" }
        let magnitude = Int((abs(x)).log10Floor)
        if magnitude >= 15 {
            // Beyond 1e15 the integer digits a double prints are rounding noise: write the
            // significant ones and the power of ten (1.235e21).
            let scale = pow(10, Double(magnitude))
            var mantissa = format(x / scale, decimals: max(0, significantDigits - 1))
            if mantissa == "10" || mantissa == "-10" { mantissa = x < 0 ? "-1" : "1"; return mantissa + "e\(magnitude + 1)" }
            return mantissa + "e\(magnitude)"
        }
        let decimals = max(0, significantDigits - 1 - magnitude)
        // No cap on decimals: a tiny value such as 1e-20 needs 23 of them not to print as "0".
        return format(x, decimals: decimals)
    }

    /// `x` with its integer part grouped by thousands, at most `decimals` decimals, trailing
    /// zeros removed: `format(1287.0, decimals: 2) == "1,287"`.
    package static func format(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var text = cFormat("%.*f", Int32(decimals), x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return grouped(text)
    }

    /// The shortest text that reads back as exactly `x` (for JSON and CSV output).
    package static func exact(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        guard integer.count > 3 else { return text }
        var out = ""
        for (k, ch) in integer.enumerated() {
            if k > 0 && (integer.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }
}

extension Double {
    /// floor(log10(self)) for positive finite values, exact at powers of ten.
    var log10Floor: Double {
        var e = log10(self).rounded(.down)
        // Guard against log10 landing just below an exact power of ten.
        if pow(10, e + 1) <= self { e += 1 } else if pow(10, e) > self { e -= 1 }
        return e
    }
}
