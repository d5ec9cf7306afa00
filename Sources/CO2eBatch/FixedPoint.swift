import CO2eCore
import CO2eGrid

/// Decimal text read straight from bytes into exact fixed-point integers: no String, no Double.
///
/// Units (chosen so that a billion rows stay exact and in range):
/// - energy in 1e-18 kWh (`kwhScale`), held in 128 bits per row and per sum;
/// - factors in 1e-6 g/kWh (`factorScale`), 64 bits;
/// - a row's grams, kWh x factor, in 1e-24 g, summed in 192 bits then `ExactSum`;
/// - a reported mass (a log's own kg) in 1e-18 kg.
/// A value with more decimals than its unit holds is rounded half to even and counted.
package enum FixedPoint {
    /// Decimals of kWh kept exactly (1e-18 kWh = 1 fWh).
    package static let kwhScale = 18
    /// Decimals of g/kWh kept exactly.
    package static let factorScale = 6
    /// Decimals of a reported kg kept exactly.
    package static let massScale = 18
    /// Decimals of the grams sums (kwhScale + factorScale).
    package static let gramScale = kwhScale + factorScale

    /// 10^n for n in 0...19.
    @inline(__always)
    static func pow10(_ n: Int) -> UInt64 {
        switch n {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        case 13: return 10_000_000_000_000
        case 14: return 100_000_000_000_000
        case 15: return 1_000_000_000_000_000
        case 16: return 10_000_000_000_000_000
        case 17: return 100_000_000_000_000_000
        case 18: return 1_000_000_000_000_000_000
        default: return 10_000_000_000_000_000_000
        }
    }

    enum Outcome {
        case value(UInt128, rounded: Bool)
        case negative
        case invalid
        /// A number, but at or above 2^128 units (about 3.4e20 kWh or kg): more than one row
        /// may hold, so that fewer than 2^64 rows keep every sum exact (see `ExactSum`).
        case tooLarge
    }

    /// The largest kWh (or kg) one row may hold, for messages: 2^128 - 1 units of 1e-18.
    package static let rowMaximumText = "340282366920938463463.374607431768211455"

    /// Parses `count` bytes at `p` as a decimal (`123.456`, `-0.5`, `1.2e-05`, `+7`, surrounding
    /// spaces allowed) into units of 10^-scale.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int, scale: Int) -> Outcome {
        // Fast path: digits with at most one '.', at most 19 digits.
        var m: UInt64 = 0
        var digits = 0
        var dot = -1
        var i = 0
        while i < count {
            let d = p[i] &- 48
            if d < 10 {
                m = m &* 10 &+ UInt64(d)
                digits += 1
            } else if p[i] == 46 && dot < 0 {
                dot = digits
            } else {
                return parseSlow(p, count, scale: scale)
            }
            i += 1
        }
        if digits == 0 || digits > 19 { return parseSlow(p, count, scale: scale) }
        let fraction = dot < 0 ? 0 : digits - dot
        if fraction <= scale {
            let (hi, lo) = m.multipliedFullWidth(by: pow10(scale - fraction))
            return .value(UInt128(hi) << 64 | UInt128(lo), rounded: false)
        }
        return scaled(UInt128(m), exponent: -fraction, scale: scale)
    }

    /// Sign, exponent, spaces, long mantissas.
    static func parseSlow(_ p: UnsafePointer<UInt8>, _ count: Int, scale: Int) -> Outcome {
        var i = 0
        var end = count
        while i < end && (p[i] == 32 || p[i] == 9) { i += 1 }
        while end > i && (p[end - 1] == 32 || p[end - 1] == 9) { end -= 1 }
        var negative = false
        if i < end && (p[i] == 45 || p[i] == 43) { negative = p[i] == 45; i += 1 }
        var m: UInt128 = 0
        var digits = 0, significant = 0, dropped = 0
        var fraction = 0
        var seenDot = false
        var droppedNonZero = false
        while i < end {
            let c = p[i]
            if c >= 48 && c <= 57 {
                digits += 1
                if significant < 38 {
                    if m != 0 || c != 48 { significant += 1 }
                    m = m * 10 + UInt128(c - 48)
                    if seenDot { fraction += 1 }
                } else {
                    dropped += seenDot ? 0 : 1
                    if c != 48 { droppedNonZero = true }
                }
            } else if c == 46 && !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return .invalid }
        var exponent = 0
        if i < end && (p[i] == 101 || p[i] == 69) {
            i += 1
            var expNegative = false
            if i < end && (p[i] == 45 || p[i] == 43) { expNegative = p[i] == 45; i += 1 }
            var e = 0, expDigits = 0
            while i < end && p[i] >= 48 && p[i] <= 57 {
                if e < 10_000 { e = e * 10 + Int(p[i] - 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .invalid }
            exponent = expNegative ? -e : e
        }
        guard i == end else { return .invalid }
        if negative && m != 0 { return .negative }
        let outcome = scaled(m, exponent: exponent + dropped - fraction, scale: scale)
        if droppedNonZero, case let .value(v, _) = outcome { return .value(v, rounded: true) }
        return outcome
    }

    /// `m x 10^exponent` in units of 10^-scale, rounded half to even.
    static func scaled(_ m: UInt128, exponent: Int, scale: Int) -> Outcome {
        var shift = exponent + scale
        if m == 0 { return .value(0, rounded: false) }
        if shift >= 0 {
            var v = m
            while shift > 0 {
                let (r, o) = v.multipliedReportingOverflow(by: 10)
                if o { return .tooLarge }
                v = r
                shift -= 1
            }
            return .value(v, rounded: false)
        }
        var v = m
        var remainderNonZero = false
        var lastDigit: UInt128 = 0
        while shift < 0 {
            if lastDigit != 0 { remainderNonZero = true }
            lastDigit = v % 10
            v /= 10
            shift += 1
            if v == 0 && shift < -1 { return .value(0, rounded: true) }
        }
        // lastDigit is the first dropped digit; remainderNonZero any after it.
        if lastDigit > 5 || (lastDigit == 5 && (remainderNonZero || v % 2 == 1)) { v += 1 }
        return .value(v, rounded: lastDigit != 0 || remainderNonZero)
    }

    /// A decimal given as text (a PUE, a factor from a catalogue) as mantissa and scale: `1.2` ->
    /// (12, 1). Nil for text that is not a plain non-negative decimal with at most 18 digits.
    package static func decimal(_ text: String) -> (mantissa: UInt64, scale: Int)? {
        var m: UInt64 = 0, digits = 0, scale = 0, dot = false
        for c in text.utf8 {
            if c >= 48 && c <= 57 {
                guard digits < 18 else { return nil }
                m = m * 10 + UInt64(c - 48)
                if m > 0 || dot { digits += 1 }
                if dot { scale += 1 }
            } else if c == 46 && !dot {
                dot = true
            } else {
                return nil
            }
        }
        guard text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
        return (m, scale)
    }

    /// A factor written as decimal text in units of 1e-6 g/kWh; nil when it is not a
    /// non-negative decimal or does not fit.
    package static func factorUnits(_ text: String) -> (units: UInt64, rounded: Bool)? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        let outcome = bytes.withUnsafeBufferPointer { parse($0.baseAddress!, $0.count - 1, scale: factorScale) }
        guard case let .value(v, rounded) = outcome, v <= UInt128(UInt64.max) else { return nil }
        return (UInt64(v), rounded)
    }
}
