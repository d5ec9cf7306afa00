import CO2eCore
import CO2eGrid

/// An unsigned 384-bit integer for exact sums: batch totals are kept as integers in fixed units
/// (kWh in 1e-18 kWh, grams in 1e-24 g), so adding rows, threads or partial results in any order
/// gives the same bits.
///
/// Range: a row's kWh is below 2^128 units (about 3.4e20 kWh) and its factor below 2^64 units,
/// so a row's grams are below 2^192; fewer than 2^64 rows (a batch counts rows in 64 bits) keep
/// every energy sum below 2^192 and every grams sum below 2^256, and the PUE (below 2^24 in its
/// decimal units) keeps a kg figure below 2^280. 384 bits hold all of that with room to spare.
/// The operations that could overflow report it (`adding`, `multipliedReportingOverflow`)
/// instead of trapping or wrapping; merges refuse a sum past the bounds above.
package struct ExactSum: Sendable, Hashable, Comparable {
    /// Little-endian 64-bit limbs.
    typealias Limbs = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private(set) var limbs: Limbs
    static let limbCount = 6

    package init() { limbs = (0, 0, 0, 0, 0, 0) }

    package init(_ value: UInt64) { limbs = (value, 0, 0, 0, 0, 0) }

    /// From the two halves of a 128-bit value.
    package init(high: UInt64, low: UInt64) { limbs = (low, high, 0, 0, 0, 0) }

    /// From a 128-bit value and a carry word above it (a row accumulator's sum).
    init(_ value: UInt128, carry: UInt64 = 0) {
        limbs = (UInt64(truncatingIfNeeded: value), UInt64(truncatingIfNeeded: value >> 64), carry, 0, 0, 0)
    }

    init(limbs: Limbs) { self.limbs = limbs }

    /// Limb `k` (0 is the lowest).
    @inline(__always) func limb(_ k: Int) -> UInt64 {
        withUnsafeBytes(of: limbs) { $0.load(fromByteOffset: 8 * k, as: UInt64.self) }
    }

    @inline(__always) mutating func setLimb(_ k: Int, _ v: UInt64) {
        withUnsafeMutableBytes(of: &limbs) { $0.storeBytes(of: v, toByteOffset: 8 * k, as: UInt64.self) }
    }

    /// 2^bits (bits below 384).
    static func power(ofTwo bits: Int) -> ExactSum {
        var x = ExactSum()
        x.setLimb(bits / 64, 1 << UInt64(bits % 64))
        return x
    }

    /// The number of significant bits (0 for zero).
    package var bitWidth: Int {
        for k in stride(from: Self.limbCount - 1, through: 0, by: -1) where limb(k) != 0 {
            return 64 * k + 64 - limb(k).leadingZeroBitCount
        }
        return 0
    }

    package static func == (a: ExactSum, b: ExactSum) -> Bool {
        for k in 0..<limbCount where a.limb(k) != b.limb(k) { return false }
        return true
    }

    package func hash(into hasher: inout Hasher) {
        for k in 0..<Self.limbCount { hasher.combine(limb(k)) }
    }

    package static func < (a: ExactSum, b: ExactSum) -> Bool {
        for k in stride(from: limbCount - 1, through: 0, by: -1) where a.limb(k) != b.limb(k) { return a.limb(k) < b.limb(k) }
        return false
    }

    package var isZero: Bool { self == ExactSum() }

    /// The sum, or nil when it does not fit in 384 bits.
    package func adding(_ b: ExactSum) -> ExactSum? {
        var r = self
        var c: UInt64 = 0
        for k in 0..<Self.limbCount {
            let (s, carry) = addWithCarry(limb(k), b.limb(k), c)
            r.setLimb(k, s)
            c = carry
        }
        return c == 0 ? r : nil
    }

    package static func + (a: ExactSum, b: ExactSum) -> ExactSum {
        var r = a
        r += b
        return r
    }

    /// Adds `b`. Callers keep the sums within the bounds in the type's documentation (merges
    /// check partials against them), so this cannot overflow; if it did, it would stop rather
    /// than give a wrong figure.
    package static func += (a: inout ExactSum, b: ExactSum) {
        guard let r = a.adding(b) else { preconditionFailure("exact sum past 384 bits: a bound was not checked") }
        a = r
    }

    /// The product with a 64-bit factor, and whether it overflowed 384 bits.
    package func multipliedReportingOverflow(by m: UInt64) -> (partialValue: ExactSum, overflow: Bool) {
        var out = ExactSum()
        var carry: UInt64 = 0
        for k in 0..<Self.limbCount {
            let (hi, lo) = limb(k).multipliedFullWidth(by: m)
            let (sum, o) = lo.addingReportingOverflow(carry)
            carry = hi &+ (o ? 1 : 0)
            out.setLimb(k, sum)
        }
        return (out, carry != 0)
    }

    /// The product with a 64-bit factor. The bounds in the type's documentation keep it within
    /// 384 bits for every sum a batch holds.
    package func multiplied(by m: UInt64) -> ExactSum {
        let (r, o) = multipliedReportingOverflow(by: m)
        precondition(!o, "exact product past 384 bits: a bound was not checked")
        return r
    }

    /// Divides by a 64-bit divisor in place and returns the remainder.
    mutating func divide(by d: UInt64) -> UInt64 {
        var r: UInt64 = 0
        for k in stride(from: Self.limbCount - 1, through: 0, by: -1) {
            let (q, rem) = d.dividingFullWidth((r, limb(k)))
            setLimb(k, q)
            r = rem
        }
        return r
    }

    /// Decimal digits, no sign, no leading zeros (`0` for zero).
    package var decimal: String {
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

    /// Parses unsigned decimal digits (as `decimal` writes them); nil for anything else or a
    /// number past 384 bits.
    package init?<S: StringProtocol>(decimal text: S) {
        guard !text.isEmpty, text.utf8.count <= 120 else { return nil }
        var x = ExactSum()
        for c in text.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            let (times10, o) = x.multipliedReportingOverflow(by: 10)
            guard !o, let next = times10.adding(ExactSum(UInt64(c - 48))) else { return nil }
            x = next
        }
        self = x
    }

    /// The number `self x 10^-scale` as decimal text with trailing zeros trimmed: `12.5`, `0.003`.
    package func decimalText(scale: Int) -> String {
        let text = decimal
        if scale <= 0 { return text + String(repeating: "0", count: -scale) }
        // On the UTF-8 digits (a batch's estimate writes a few per group and total).
        let digits = Array(text.utf8)
        let whole = Swift.max(0, digits.count - scale)
        var out: [UInt8] = whole == 0 ? [48] : Array(digits[..<whole])
        var fraction = [UInt8](repeating: 48, count: Swift.max(0, scale - digits.count))
        fraction += digits[whole...]
        while fraction.last == 48 { fraction.removeLast() }
        if !fraction.isEmpty { out.append(46); out += fraction }
        return String(decoding: out, as: UTF8.self)
    }

    /// The nearest Double to `self x 10^-scale` (correctly rounded through the C library).
    package func double(scale: Int) -> Double {
        Double(decimalText(scale: scale)) ?? .nan
    }
}

/// A running sum of 128-bit row values with a carry word: the per-group accumulator of a batch
/// worker. Fewer than 2^64 rows of values below 2^128 always fit (the sum stays below 2^192),
/// so adding a row cannot overflow or wrap.
package struct RowSum: Sendable, Hashable {
    package private(set) var low: UInt128 = 0
    package private(set) var carry: UInt64 = 0

    package init() {}

    /// Adds one row's value.
    @inline(__always) package mutating func add(_ value: UInt128) {
        let (s, o) = low.addingReportingOverflow(value)
        low = s
        if o { carry &+= 1 }
    }

    /// The sum as an `ExactSum`.
    package var exact: ExactSum { ExactSum(low, carry: carry) }
}

@inline(__always)
func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    return (s2, (o1 ? 1 : 0) + (o2 ? 1 : 0))
}
