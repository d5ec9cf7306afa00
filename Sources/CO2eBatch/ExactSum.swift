import CO2eCore
import CO2eGrid

/// An unsigned 256-bit integer for exact sums: batch totals are kept as integers in fixed units
/// (kWh in 1e-18 kWh, grams in 1e-24 g), so adding rows, threads or partial results in any order
/// gives the same bits. 256 bits hold a billion rows of a billion kWh at 2,000 g/kWh many times
/// over; an overflow would trap rather than wrap.
public struct ExactSum: Sendable, Hashable, Comparable {
    /// Little-endian 64-bit limbs.
    public private(set) var limbs: (UInt64, UInt64, UInt64, UInt64)

    public init() { limbs = (0, 0, 0, 0) }

    public init(_ value: UInt64) { limbs = (value, 0, 0, 0) }

    /// From the two halves of a 128-bit value.
    public init(high: UInt64, low: UInt64) { limbs = (low, high, 0, 0) }

    init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }

    public static func == (a: ExactSum, b: ExactSum) -> Bool {
        a.limbs.0 == b.limbs.0 && a.limbs.1 == b.limbs.1 && a.limbs.2 == b.limbs.2 && a.limbs.3 == b.limbs.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(limbs.0); hasher.combine(limbs.1); hasher.combine(limbs.2); hasher.combine(limbs.3)
    }

    public static func < (a: ExactSum, b: ExactSum) -> Bool {
        if a.limbs.3 != b.limbs.3 { return a.limbs.3 < b.limbs.3 }
        if a.limbs.2 != b.limbs.2 { return a.limbs.2 < b.limbs.2 }
        if a.limbs.1 != b.limbs.1 { return a.limbs.1 < b.limbs.1 }
        return a.limbs.0 < b.limbs.0
    }

    public var isZero: Bool { limbs.0 | limbs.1 | limbs.2 | limbs.3 == 0 }

    public static func + (a: ExactSum, b: ExactSum) -> ExactSum {
        var r = a
        r += b
        return r
    }

    public static func += (a: inout ExactSum, b: ExactSum) {
        var c: UInt64 = 0
        (a.limbs.0, c) = addWithCarry(a.limbs.0, b.limbs.0, 0)
        (a.limbs.1, c) = addWithCarry(a.limbs.1, b.limbs.1, c)
        (a.limbs.2, c) = addWithCarry(a.limbs.2, b.limbs.2, c)
        (a.limbs.3, c) = addWithCarry(a.limbs.3, b.limbs.3, c)
        precondition(c == 0, "exact sum overflowed 256 bits")
    }

    /// The product with a 64-bit factor.
    public func multiplied(by m: UInt64) -> ExactSum {
        var out: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var carry: UInt64 = 0
        func step(_ limb: UInt64) -> UInt64 {
            let (hi, lo) = limb.multipliedFullWidth(by: m)
            let (sum, o) = lo.addingReportingOverflow(carry)
            carry = hi &+ (o ? 1 : 0)
            return sum
        }
        out.0 = step(limbs.0)
        out.1 = step(limbs.1)
        out.2 = step(limbs.2)
        out.3 = step(limbs.3)
        precondition(carry == 0, "exact product overflowed 256 bits")
        return ExactSum(limbs: out)
    }

    /// Divides by a 64-bit divisor in place and returns the remainder.
    mutating func divide(by d: UInt64) -> UInt64 {
        var r: UInt64 = 0
        func step(_ limb: inout UInt64) {
            let (q, rem) = d.dividingFullWidth((r, limb))
            limb = q
            r = rem
        }
        step(&limbs.3); step(&limbs.2); step(&limbs.1); step(&limbs.0)
        return r
    }

    /// Decimal digits, no sign, no leading zeros (`0` for zero).
    public var decimal: String {
        if isZero { return "0" }
        var x = self
        var chunks: [UInt64] = []
        while !x.isZero { chunks.append(x.divide(by: 10_000_000_000_000_000_000)) }
        var text = String(chunks.removeLast())
        for c in chunks.reversed() {
            let s = String(c)
            text += String(repeating: "0", count: 19 - s.count) + s
        }
        return text
    }

    /// Parses unsigned decimal digits (as `decimal` writes them); nil for anything else or an
    /// overflow.
    public init?<S: StringProtocol>(decimal text: S) {
        guard !text.isEmpty else { return nil }
        var x = ExactSum()
        for c in text.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            var out: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var carry = UInt64(c - 48)
            for k in 0..<4 {
                let limb = k == 0 ? x.limbs.0 : k == 1 ? x.limbs.1 : k == 2 ? x.limbs.2 : x.limbs.3
                let (hi, lo) = limb.multipliedFullWidth(by: 10)
                let (sum, o) = lo.addingReportingOverflow(carry)
                carry = hi &+ (o ? 1 : 0)
                switch k {
                case 0: out.0 = sum
                case 1: out.1 = sum
                case 2: out.2 = sum
                default: out.3 = sum
                }
            }
            guard carry == 0 else { return nil }
            x.limbs = out
        }
        self = x
    }

    /// The number `self x 10^-scale` as decimal text with trailing zeros trimmed: `12.5`, `0.003`.
    public func decimalText(scale: Int) -> String {
        var digits = decimal
        if scale <= 0 { return digits + String(repeating: "0", count: -scale) }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        var integer = digits.prefix(digits.count - scale)
        var fraction = digits.suffix(scale)
        while fraction.last == "0" { fraction = fraction.dropLast() }
        if integer.isEmpty { integer = "0" }
        return fraction.isEmpty ? String(integer) : integer + "." + fraction
    }

    /// The nearest Double to `self x 10^-scale` (correctly rounded through the C library).
    public func double(scale: Int) -> Double {
        Double(decimalText(scale: scale)) ?? .nan
    }
}

@inline(__always)
func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    return (s2, (o1 ? 1 : 0) + (o2 ? 1 : 0))
}
