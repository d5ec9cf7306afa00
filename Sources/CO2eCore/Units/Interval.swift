/// A closed range of real numbers, `lower...upper`: the bounds of an input given as a range, or of
/// a result evaluated over such inputs.
///
/// It has no arithmetic on purpose. Interval arithmetic widens a range each time an input appears
/// twice (x - x over 1..2 would be -1..1) and divides wrongly when a divisor spans zero; co2e
/// instead evaluates each formula at single values (`Formula`), at the corners of its named
/// inputs, so x - x is exactly 0.
public struct Interval: Hashable, Sendable {
    /// The smallest value in the interval.
    public let lower: Double
    /// The largest value in the interval.
    public let upper: Double

    /// A single value, as a degenerate interval.
    package init(_ value: Double) {
        self.lower = value
        self.upper = value
    }

    /// The interval between two bounds, given in either order. If either bound is NaN, both are
    /// (so the interval is not finite and equals nothing, not even itself).
    package init(_ a: Double, _ b: Double) {
        if a.isNaN || b.isNaN {
            self.lower = .nan
            self.upper = .nan
        } else {
            self.lower = Swift.min(a, b)
            self.upper = Swift.max(a, b)
        }
    }

    /// True when the interval holds a single value.
    package var isPoint: Bool { lower == upper }

    /// The centre of the interval.
    package var midpoint: Double { lower / 2 + upper / 2 }

    /// True when both bounds are finite numbers.
    package var isFinite: Bool { lower.isFinite && upper.isFinite }

    /// True when `value` lies within the interval.
    package func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The interval scaled by a positive constant (a change of unit).
    package func scaled(by k: Double) -> Interval { Interval(lower * k, upper * k) }

    /// The smallest interval holding both.
    package func union(_ other: Interval) -> Interval {
        Interval(Swift.min(lower, other.lower), Swift.max(upper, other.upper))
    }
}

extension Interval: CustomStringConvertible {
    /// The bounds as `lower...upper` (one number for a point).
    public var description: String {
        isPoint ? "\(lower)" : "\(lower)..\(upper)"
    }
}
