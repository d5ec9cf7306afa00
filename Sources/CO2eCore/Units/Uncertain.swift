/// A quantity as an input gives it: one value, bounds (`50..60GWh`), or a distribution
/// (`tri:1.1,1.2,1.4`).
///
/// A `Formula` evaluates at single values: once for an exact input, at each end (each corner, with
/// several ranged inputs) for bounds. Monte Carlo sampling (`MonteCarlo`) draws bounds as uniform
/// and a distribution as itself, and runs the same formula on each draw. A distribution's
/// `interval` is its support, or its central 99 % (p0.5..p99.5) when it is unbounded (normal,
/// lognormal): the range checks read it, and so would a corner evaluation.
public enum Uncertain<D: PhysicalDimension>: Sendable, Hashable {
    /// One value, known exactly.
    case exact(Quantity<D>)
    /// A range: every value between the two bounds is possible (drawn uniformly when sampling).
    case bounds(Quantity<D>, Quantity<D>)
    /// A probability distribution, drawn from when sampling; its 95 % interval gives the bounds.
    case distribution(Distribution<D>)

    /// Bounds in either order; equal bounds give an exact value.
    public init(_ a: Quantity<D>, _ b: Quantity<D>) {
        if a.baseValue == b.baseValue {
            self = .exact(a)
        } else {
            self = .bounds(Swift.min(a, b), Swift.max(a, b))
        }
    }

    /// An exact value.
    package init(_ value: Quantity<D>) { self = .exact(value) }

    /// The bounds in base units (a point for an exact value).
    package var interval: Interval {
        switch self {
        case let .exact(q): return Interval(q.baseValue)
        case let .bounds(a, b): return Interval(a.baseValue, b.baseValue)
        case let .distribution(d): return d.interval
        }
    }

    /// From bounds in base units.
    package init(baseInterval i: Interval) {
        self = i.isPoint ? .exact(Quantity(baseValue: i.lower)) : .bounds(Quantity(baseValue: i.lower), Quantity(baseValue: i.upper))
    }

    /// The lower end (the value, for an exact input).
    package var lower: Quantity<D> { Quantity(baseValue: interval.lower) }
    /// The upper end (the value, for an exact input).
    package var upper: Quantity<D> { Quantity(baseValue: interval.upper) }
    /// The value a single figure stands for: the value, a range's midpoint, a distribution's mean (base units).
    package var centralValue: Double {
        switch self {
        case let .exact(q): return q.baseValue
        case let .bounds(a, b): return a.baseValue / 2 + b.baseValue / 2
        case let .distribution(d): return d.mean.baseValue
        }
    }

    package var isExact: Bool {
        if case .distribution = self { return false }
        return interval.isPoint
    }
}

extension Quantity {
    /// This value as an exact input.
    package var given: Uncertain<D> { .exact(self) }
}
