/// A quantity as an input gives it: one value, or bounds (`50..60GWh`).
///
/// A `Formula` evaluates at single values: once for an exact input, at each end (each corner, with
/// several ranged inputs) for bounds. A distribution for Monte Carlo sampling is the next case to
/// come (issue: uncertainty); its samples go through the same formula.
public enum Uncertain<D: PhysicalDimension>: Sendable, Hashable {
    case exact(Quantity<D>)
    case bounds(Quantity<D>, Quantity<D>)

    /// Bounds in either order; equal bounds give an exact value.
    public init(_ a: Quantity<D>, _ b: Quantity<D>) {
        if a.baseValue == b.baseValue {
            self = .exact(a)
        } else {
            self = .bounds(Swift.min(a, b), Swift.max(a, b))
        }
    }

    public init(_ value: Quantity<D>) { self = .exact(value) }

    /// The bounds in base units (a point for an exact value).
    public var interval: Interval {
        switch self {
        case let .exact(q): return Interval(q.baseValue)
        case let .bounds(a, b): return Interval(a.baseValue, b.baseValue)
        }
    }

    /// From bounds in base units.
    public init(baseInterval i: Interval) {
        self = i.isPoint ? .exact(Quantity(baseValue: i.lower)) : .bounds(Quantity(baseValue: i.lower), Quantity(baseValue: i.upper))
    }

    public var lower: Quantity<D> { Quantity(baseValue: interval.lower) }
    public var upper: Quantity<D> { Quantity(baseValue: interval.upper) }
    public var isExact: Bool { interval.isPoint }
}

extension Quantity {
    /// This value as an exact input.
    public var given: Uncertain<D> { .exact(self) }
}
