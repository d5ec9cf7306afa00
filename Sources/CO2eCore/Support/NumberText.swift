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
        var digits = ""
        digits.reserveCapacity(text.utf8.count)
        var i = text.utf8.startIndex
        let u = text.utf8
        func peek() -> UInt8? { i < u.endIndex ? u[i] : nil }
        if let c = peek(), c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            digits.append(Character(UnicodeScalar(c)))
            i = u.index(after: i)
        }
        // Integer part, possibly grouped.
        var integerDigits = 0
        var groupLength = -1 // -1: no comma seen yet
        var firstGroupLength = 0
        var leadingZero = false
        while let c = peek() {
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(Character(UnicodeScalar(c)))
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
            i = u.index(after: i)
        }
        if groupLength >= 0 && groupLength != 3 { return nil }
        var fractionDigits = 0
        if let c = peek(), c == UInt8(ascii: ".") {
            digits.append(".")
            i = u.index(after: i)
            while let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(Character(UnicodeScalar(c)))
                fractionDigits += 1
                i = u.index(after: i)
            }
        }
        if integerDigits + fractionDigits == 0 { return nil }
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            digits.append("e")
            i = u.index(after: i)
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                digits.append(Character(UnicodeScalar(s)))
                i = u.index(after: i)
            }
            var exponentDigits = 0
            while let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(Character(UnicodeScalar(c)))
                exponentDigits += 1
                i = u.index(after: i)
            }
            if exponentDigits == 0 { return nil }
        }
        guard i == u.endIndex, let value = Double(digits) else { return nil }
        return value
    }

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
