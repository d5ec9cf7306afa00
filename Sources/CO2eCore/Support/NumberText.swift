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
        // printf's correctly rounded digits, then trimmed and grouped as bytes: one String made.
        return printed(x, decimals: Int32(clamping: decimals)) { text in
            var end = text.count
            if text.contains(UInt8(ascii: ".")) {
                while end > 0 && text[end - 1] == UInt8(ascii: "0") { end -= 1 }
                if end > 0 && text[end - 1] == UInt8(ascii: ".") { end -= 1 }
            }
            let negative = text.first == UInt8(ascii: "-")
            let digitsStart = negative ? 1 : 0
            if negative && end == 2 && text[1] == UInt8(ascii: "0") { return "0" }
            var dot = digitsStart
            while dot < end && text[dot] != UInt8(ascii: ".") { dot += 1 }
            let integerDigits = dot - digitsStart
            let commas = integerDigits > 3 ? (integerDigits - 1) / 3 : 0
            return String(unsafeUninitializedCapacity: end + commas) { out in
                var o = 0
                if negative { out[0] = UInt8(ascii: "-"); o = 1 }
                for k in 0..<integerDigits {
                    if k > 0 && (integerDigits - k) % 3 == 0 { out[o] = UInt8(ascii: ","); o += 1 }
                    out[o] = text[digitsStart + k]; o += 1
                }
                for k in dot..<end { out[o] = text[k]; o += 1 }
                return o
            }
        }
    }

    /// `x` printed as `%.*f` prints it (the C locale's digits, correctly rounded, ties to
    /// even), handed to `body` as bytes: by exact integer arithmetic where 128 bits hold it
    /// (every figure co2e prints), else by `vsnprintf`, into a stack buffer, or a buffer the
    /// text's size when it is longer (1e-140 to 4 significant digits is 143 bytes).
    private static func printed<R>(_ x: Double, decimals: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            if let n = fixed(x, decimals: Int(decimals), into: buffer) {
                return body(UnsafeBufferPointer(rebasing: buffer[..<n]))
            }
            let needed = cPrinted(x, decimals: decimals, into: buffer)
            if needed < buffer.count { return body(UnsafeBufferPointer(rebasing: buffer[..<needed])) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: needed + 1) { large in
                let n = cPrinted(x, decimals: decimals, into: large)
                return body(UnsafeBufferPointer(rebasing: large[..<n]))
            }
        }
    }

    /// `%.*f` by `vsnprintf` into `buffer`: the length of the whole text. When that is
    /// `buffer.count` or more, the buffer holds only its start (and a NUL): give one of
    /// length + 1 bytes. Kept beside `fixed` so that tests compare the two.
    package static func cPrinted(_ x: Double, decimals: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return Int(withVaList([decimals, x]) { vsnprintf(nil, 0, "%.*f", $0) }) }
        return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { p in
            Int(withVaList([decimals, x]) { vsnprintf(p, buffer.count, "%.*f", $0) })
        }
    }

    /// 10^0 to 10^22 as 128-bit integers.
    private static let integerPowersOfTen: [UInt128] = (0...22).map { k in (0..<k).reduce(UInt128(1)) { r, _ in r * 10 } }

    /// `%.*f` of `x` (finite) into `buffer` by exact integer arithmetic: `x` is `m * 2^e`,
    /// so `x * 10^decimals` is `m * 10^decimals / 2^-e`, rounded half to even as printf
    /// rounds. Nil when the product or the integer would not fit 128 bits, or the text the
    /// buffer (more than 22 decimals, or a value of 2^127 and above).
    package static func fixed(_ x: Double, decimals: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard x.isFinite, decimals >= 0, decimals <= 22, buffer.count > 0 else { return nil }
        let bits = x.bitPattern
        let exponentBits = Int((bits >> 52) & 0x7FF)
        let fraction = bits & (1 << 52 - 1)
        let m = exponentBits == 0 ? fraction : fraction | 1 << 52
        let e = exponentBits == 0 ? -1074 : exponentBits - 1075
        var q: UInt128
        var zeros = 0  // decimals that are zero whatever the value (an integer x)
        if e >= 0 {
            guard e <= 74 else { return nil }
            q = UInt128(m) << e
            zeros = decimals
        } else {
            let n = UInt128(m) * integerPowersOfTen[decimals]  // below 2^53 * 2^74
            let s = -e
            if s >= 128 {
                q = 0  // n < 2^127 <= half of 2^s: rounds down
            } else {
                q = n >> s
                let r = n & (UInt128(1) << s - 1)
                let half = UInt128(1) << (s - 1)
                if r > half || (r == half && q & 1 == 1) { q += 1 }
            }
        }
        // Digits of q, least significant first, into the end of the buffer; at least one
        // before the point.
        var digits = 0
        var end = buffer.count
        repeat {
            let (next, digit) = q.quotientAndRemainder(dividingBy: 10)
            end -= 1
            buffer[end] = UInt8(ascii: "0") + UInt8(digit)
            digits += 1
            q = next
        } while q > 0 && end > 0
        guard q == 0 else { return nil }
        let fractional = decimals - zeros
        while digits <= fractional && end > 0 {
            end -= 1; buffer[end] = UInt8(ascii: "0"); digits += 1
        }
        let negative = bits >> 63 == 1
        let length = (negative ? 1 : 0) + digits + (decimals > 0 ? 1 + zeros : 0)
        guard length <= buffer.count else { return nil }
        // Move into place: sign, integer digits, point, fraction digits, then the zeros.
        var o = 0
        if negative { buffer[0] = UInt8(ascii: "-"); o = 1 }
        let integerDigits = digits - fractional
        let source = end
        for k in 0..<integerDigits { buffer[o] = buffer[source + k]; o += 1 }
        if decimals > 0 {
            // Every digit moves toward the start (the text fits, so the sign and the point
            // fit before where the digits were): copying forward overwrites none unread.
            let fractionStart = source + integerDigits
            for k in 0..<fractional { buffer[o + 1 + k] = buffer[fractionStart + k] }
            buffer[o] = UInt8(ascii: "."); o += 1 + fractional
            for _ in 0..<zeros { buffer[o] = UInt8(ascii: "0"); o += 1 }
        }
        return o
    }

    /// The shortest text that reads back as exactly `x` (for JSON and CSV output).
    package static func exact(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
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
