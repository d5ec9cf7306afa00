/// A typed result figure: a quantity of dimension `D` with the spread the inputs gave it (one
/// value, exact bounds over input ranges, or Monte Carlo percentiles).
///
/// Models return their figures as `Figure`s, so a caller reads the tonnes of a training run as
/// `result.locationBased.value.value(in: "t")` without a key, a unit string or a spread case,
/// and other models (equivalents, claim checks, net positions) take typed figures as inputs.
/// The trail's `Value` is derived from a figure, never the other way round.
public struct Figure<D: PhysicalDimension>: Sendable, Hashable {
    /// The spread, in `D`'s base unit.
    public let spread: Spread

    /// A figure from a spread in base units.
    package init(_ spread: Spread) { self.spread = spread }

    /// One exact quantity.
    package init(_ quantity: Quantity<D>) { self.spread = .exact(quantity.baseValue) }

    /// The central value: the exact value, the midpoint of bounds, or the samples' median
    /// (their mean when no 50th percentile was kept).
    public var value: Quantity<D> {
        switch spread {
        case let .exact(v): return Quantity(baseValue: v)
        case let .bounds(a, b): return Quantity(baseValue: (a + b) / 2)
        case let .percentiles(p):
            return Quantity(baseValue: p.values.first(where: { $0.percent == 50 })?.value ?? p.mean)
        }
    }

    /// The lowest value: the exact value, the lower bound, or the lowest percentile kept.
    public var low: Quantity<D> { Quantity(baseValue: spread.interval.lower) }

    /// The highest value: the exact value, the upper bound, or the highest percentile kept.
    public var high: Quantity<D> { Quantity(baseValue: spread.interval.upper) }

    /// True when every input the figure depends on was exact.
    package var isExact: Bool {
        if case .exact = spread { return true }
        return false
    }

    /// The figure in `unit` as `(low, high)`; nil when `unit` is not one of `D`'s.
    package func bounds(in unit: String) -> (low: Double, high: Double)? {
        guard let lo = low.value(in: unit), let hi = high.value(in: unit) else { return nil }
        return (lo, hi)
    }

    /// The same spread, scaled by a plain number (a share of a figure).
    package func scaled(by k: Double) -> Figure<D> {
        switch spread {
        case let .exact(v): return Figure(.exact(v * k))
        case let .bounds(a, b): return Figure(Spread(Interval(Swift.min(a * k, b * k), Swift.max(a * k, b * k))))
        case let .percentiles(p): return Figure(.percentiles(p.scaled(by: k)))
        }
    }

    /// The figure as a trail value, printed in `unit` (else a unit that reads well).
    package func trailValue(unit: String? = nil) -> Value { Value(spread, D.self, unit: unit) }
}

extension Evaluation {
    /// `v` as a typed figure.
    package func figure<D>(_ v: Variable<D>) -> Figure<D> { Figure(spreads[v.index]) }
}
