/// What a value's spread is: one exact number, bounds from a range given as input, or
/// percentiles from Monte Carlo samples. JSON names the kind, so `low`/`high` never mean two
/// things.
public enum Spread: Sendable, Hashable {
    /// One value: every input it depends on was exact.
    case exact(Double)
    /// The lowest and highest value over the input ranges (exact ends; see `Formula`).
    case bounds(Double, Double)
    /// A distribution's summary from samples.
    case percentiles(Percentiles)

    /// The bounds (exact: a point; percentiles: the lowest to the highest percentile given).
    package var interval: Interval {
        switch self {
        case let .exact(v): return Interval(v)
        case let .bounds(a, b): return Interval(a, b)
        case let .percentiles(p): return Interval(p.values.first?.value ?? p.mean, p.values.last?.value ?? p.mean)
        }
    }

    /// The spread in another unit.
    package func expressed(in unit: UnitDefinition) -> Spread {
        switch self {
        case let .exact(v): return .exact(unit.fromBase(v))
        case let .bounds(a, b): return .bounds(unit.fromBase(a), unit.fromBase(b))
        case let .percentiles(p): return .percentiles(p.scaled(by: unit.fromBase(1)))
        }
    }

    /// `.exact` when the bounds meet.
    package init(_ interval: Interval) {
        self = interval.isPoint ? .exact(interval.lower) : .bounds(interval.lower, interval.upper)
    }

    /// True when every number is finite.
    package var isFinite: Bool {
        switch self {
        case let .exact(v): return v.isFinite
        case let .bounds(a, b): return a.isFinite && b.isFinite
        case let .percentiles(p): return p.mean.isFinite && p.values.allSatisfy { $0.value.isFinite }
        }
    }
}

/// Percentiles of a sampled value, computed as numpy's default (linear interpolation between
/// the two nearest order statistics), so results compare with it.
public struct Percentiles: Sendable, Hashable {
    /// How many samples were summarised.
    package let samples: Int
    /// The samples' mean.
    public let mean: Double
    /// The samples' standard deviation (n - 1 in the denominator).
    package let standardDeviation: Double
    /// (percentile from 0 to 100, value), in increasing order of percentile.
    public let values: [Percentile]

    /// One percentile and its value.
    public struct Percentile: Sendable, Hashable {
        /// The percentile, 0 to 100.
        public let percent: Double
        /// The value at that percentile.
        public let value: Double
    }

    /// A summary from its parts.
    package init(samples: Int, mean: Double, standardDeviation: Double, values: [Percentile]) {
        self.samples = samples
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.values = values
    }

    /// The summary of `data` at `percents` (selects in a copy; see `Selection`).
    package init(of data: [Double], at percents: [Double] = [5, 50, 95]) {
        let n = data.count
        let mean = Summation.sum(data) / Double(max(n, 1))
        let variance = n > 1 ? Summation.sum(data.lazy.map { ($0 - mean) * ($0 - mean) }) / Double(n - 1) : 0
        let sortedPercents = percents.sorted()
        var copy = data
        let found = copy.withUnsafeMutableBufferPointer { Selection.percentiles($0, sortedPercents) }
        self.init(samples: n, mean: mean, standardDeviation: variance.squareRoot(),
                  values: zip(sortedPercents, found).map { Percentile(percent: $0.0, value: $0.1) })
    }

    func scaled(by k: Double) -> Percentiles {
        Percentiles(samples: samples, mean: mean * k, standardDeviation: standardDeviation * abs(k),
                    values: values.map { Percentile(percent: $0.percent, value: $0.value * k) })
    }
}
