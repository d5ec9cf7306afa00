/// A closed interval of real numbers, `lower...upper`, used as the magnitude of every quantity.
///
/// A single figure is a degenerate interval (`lower == upper`). Arithmetic is interval
/// arithmetic: the result of `a * b` contains every product of a member of `a` and a member of
/// `b`, so a range such as "50..60 GWh" carries its low and high through every step of an
/// estimate.
public struct Interval: Hashable, Sendable {
    /// The smallest value in the interval.
    public let lower: Double
    /// The largest value in the interval.
    public let upper: Double

    /// A single value, as a degenerate interval.
    public init(_ value: Double) {
        self.lower = value
        self.upper = value
    }

    /// The interval between two bounds, given in either order.
    public init(_ a: Double, _ b: Double) {
        self.lower = Swift.min(a, b)
        self.upper = Swift.max(a, b)
    }

    /// True when the interval holds a single value.
    public var isPoint: Bool { lower == upper }

    /// The centre of the interval.
    public var midpoint: Double { lower / 2 + upper / 2 }

    /// True when both bounds are finite numbers.
    public var isFinite: Bool { lower.isFinite && upper.isFinite }

    /// Applies a monotonically increasing function to both bounds.
    public func mapMonotonic(_ f: (Double) -> Double) -> Interval {
        Interval(f(lower), f(upper))
    }

    /// True when `value` lies within the interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    public static func + (a: Interval, b: Interval) -> Interval {
        Interval(a.lower + b.lower, a.upper + b.upper)
    }

    public static func - (a: Interval, b: Interval) -> Interval {
        Interval(a.lower - b.upper, a.upper - b.lower)
    }

    public static func * (a: Interval, b: Interval) -> Interval {
        if a.isPoint && b.isPoint { return Interval(a.lower * b.lower) }
        let p = [a.lower * b.lower, a.lower * b.upper, a.upper * b.lower, a.upper * b.upper]
        return Interval(p.min()!, p.max()!)
    }

    /// Division; the divisor must not contain zero (callers validate inputs before dividing).
    public static func / (a: Interval, b: Interval) -> Interval {
        if a.isPoint && b.isPoint { return Interval(a.lower / b.lower) }
        return a * Interval(1 / b.upper, 1 / b.lower)
    }

    public static func * (a: Interval, k: Double) -> Interval { a * Interval(k) }
    public static func * (k: Double, a: Interval) -> Interval { a * Interval(k) }
    public static func / (a: Interval, k: Double) -> Interval { a / Interval(k) }
    public static prefix func - (a: Interval) -> Interval { Interval(-a.upper, -a.lower) }
}

extension Interval: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }
}

extension Interval: CustomStringConvertible {
    public var description: String {
        isPoint ? "\(lower)" : "\(lower)..\(upper)"
    }
}
