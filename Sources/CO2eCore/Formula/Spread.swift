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

    /// How the samples fall in equal bins, for a histogram; nil unless asked for
    /// (`MonteCarloSettings.histogramBins`).
    package var histogram: Histogram?

    /// Counts of samples in equal bins from `lower` to `upper`; the first and the last bin
    /// also count the samples below and above (the tails beyond four standard deviations).
    package struct Histogram: Sendable, Hashable {
        package let lower: Double
        package let upper: Double
        package let counts: [Int]

        package init(lower: Double, upper: Double, counts: [Int]) {
            self.lower = lower
            self.upper = upper
            self.counts = counts
        }

        /// The counts of `samples` in `bins` bins over the mean ± 4 standard deviations, within
        /// the lowest and highest sample; nil when they are all one value or not finite.
        package init?(_ samples: UnsafeBufferPointer<Double>, bins: Int, mean: Double, sd: Double, lowest: Double, highest: Double) {
            let lo = Swift.max(lowest, mean - 4 * sd), hi = Swift.min(highest, mean + 4 * sd)
            guard bins > 0, lo.isFinite, hi.isFinite, hi > lo else { return nil }
            var counts = [Int](repeating: 0, count: bins)
            let scale = Double(bins) / (hi - lo)
            for x in samples where !x.isNaN {
                let k = Int(Swift.max(0, Swift.min(Double(bins - 1), ((x - lo) * scale).rounded(.down))))
                counts[k] += 1
            }
            self.init(lower: lo, upper: hi, counts: counts)
        }
    }

    /// A summary from its parts.
    package init(samples: Int, mean: Double, standardDeviation: Double, values: [Percentile], histogram: Histogram? = nil) {
        self.samples = samples
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.values = values
        self.histogram = histogram
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
                    values: values.map { Percentile(percent: $0.percent, value: $0.value * k) },
                    histogram: histogram.map { k >= 0 ? Histogram(lower: $0.lower * k, upper: $0.upper * k, counts: $0.counts)
                                                      : Histogram(lower: $0.upper * k, upper: $0.lower * k, counts: $0.counts.reversed()) })
    }
}
