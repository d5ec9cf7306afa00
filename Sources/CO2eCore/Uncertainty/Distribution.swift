#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shape of a probability distribution, with its parameters in base units (kWh, g/kWh, a
/// plain number for a ratio). `Distribution<D>` gives it a dimension.
///
/// What a distribution's `interval` is (the bounds a corner evaluation and the range checks
/// use): its support when it is bounded (uniform, triangular, truncated normal, choice); its
/// central 99 % (p0.5 to p99.5) when it is not (normal, lognormal).
package enum DistributionShape: Sendable, Hashable {
    /// Uniform on [low, high]. A range `low..high` is sampled as this.
    case uniform(low: Double, high: Double)
    /// Triangular on [low, high] with its peak at `mode`.
    case triangular(low: Double, mode: Double, high: Double)
    /// Normal with mean and standard deviation.
    case normal(mean: Double, sd: Double)
    /// Normal with mean and standard deviation, restricted to [low, high] (resampled until
    /// inside; the bounds must keep at least 1 % of the normal's probability).
    case truncatedNormal(mean: Double, sd: Double, low: Double, high: Double)
    /// Lognormal: the log of the value is normal with mean `mu` and standard deviation `sigma`,
    /// so the median is exp(mu).
    case lognormal(mu: Double, sigma: Double)
    /// One of several values, each with a weight (weights sum to 1).
    case choice(values: [Double], weights: [Double])

    /// z for the 99.5th percentile of the standard normal (the central 99 % is ±z).
    package static let z995 = 2.5758293035489004
    /// z for the 95th percentile of the standard normal.
    package static let z95 = 1.6448536269514722
    /// The smallest share of a normal's probability truncation may keep.
    package static let minimumTruncatedMass = 0.01

    /// The analytic mean.
    package var mean: Double {
        switch self {
        case let .uniform(a, b): return a / 2 + b / 2
        case let .triangular(a, c, b): return (a + c + b) / 3
        case let .normal(m, _): return m
        case let .truncatedNormal(m, s, lo, hi):
            let (alpha, beta) = ((lo - m) / s, (hi - m) / s)
            return m + s * (Self.phi(alpha) - Self.phi(beta)) / (Self.cdf(beta) - Self.cdf(alpha))
        case let .lognormal(mu, s): return exp(mu + s * s / 2)
        case let .choice(v, w): return zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// The analytic variance.
    package var variance: Double {
        switch self {
        case let .uniform(a, b): return (b - a) * (b - a) / 12
        case let .triangular(a, c, b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case let .normal(_, s): return s * s
        case let .truncatedNormal(m, s, lo, hi):
            let (alpha, beta) = ((lo - m) / s, (hi - m) / s)
            let z = Self.cdf(beta) - Self.cdf(alpha)
            let d = (Self.phi(alpha) - Self.phi(beta)) / z
            return s * s * (1 + (alpha * Self.phi(alpha) - beta * Self.phi(beta)) / z - d * d)
        case let .lognormal(mu, s): return (exp(s * s) - 1) * exp(2 * mu + s * s)
        case let .choice(v, w):
            let m = mean
            return zip(v, w).reduce(0) { $0 + $1.1 * ($1.0 - m) * ($1.0 - m) }
        }
    }

    /// The support for a bounded distribution; the central 99 % (p0.5..p99.5) otherwise.
    package var interval: Interval {
        switch self {
        case let .uniform(a, b): return Interval(a, b)
        case let .triangular(a, _, b): return Interval(a, b)
        case let .normal(m, s): return Interval(m - Self.z995 * s, m + Self.z995 * s)
        case let .truncatedNormal(_, _, lo, hi): return Interval(lo, hi)
        case let .lognormal(mu, s): return Interval(exp(mu - Self.z995 * s), exp(mu + Self.z995 * s))
        case let .choice(v, _): return Interval(v.min() ?? .nan, v.max() ?? .nan)
        }
    }

    /// True when every draw lies within `interval`.
    package var isBounded: Bool {
        switch self {
        case .normal, .lognormal: return false
        default: return true
        }
    }

    /// Standard normal density and distribution function.
    static func phi(_ x: Double) -> Double { x.isInfinite ? 0 : exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}

/// A distribution over quantities of dimension `D`, as an input gives it
/// (`tri:1.1,1.2,1.4`, `lognormal:400g/kWh,0.25`). The constructors check the parameters.
public struct Distribution<D: PhysicalDimension>: Sendable, Hashable {
    package let shape: DistributionShape

    package init(unchecked shape: DistributionShape) { self.shape = shape }

    /// Uniform between two values (in either order).
    public static func uniform(_ a: Quantity<D>, _ b: Quantity<D>) -> Self {
        Self(unchecked: .uniform(low: Swift.min(a.baseValue, b.baseValue), high: Swift.max(a.baseValue, b.baseValue)))
    }

    /// Triangular from `low` to `high`, peaking at `mode`.
    ///
    /// - Throws: `CO2eError.invalidInput` when the mode lies outside the bounds or low > high.
    public static func triangular(low: Quantity<D>, mode: Quantity<D>, high: Quantity<D>) throws -> Self {
        let (a, c, b) = (low.baseValue, mode.baseValue, high.baseValue)
        guard a <= b else { throw bad("has its low end above its high end; write tri:LOW,MODE,HIGH") }
        guard a <= c && c <= b else { throw bad("has its mode outside its bounds; the mode (the peak) lies from LOW to HIGH: tri:LOW,MODE,HIGH") }
        return Self(unchecked: .triangular(low: a, mode: c, high: b))
    }

    /// Normal with `mean` and standard deviation `sd`, optionally truncated to `within`.
    ///
    /// - Throws: `CO2eError.invalidInput` when sd <= 0, or the bounds keep less than 1 % of
    ///   the distribution.
    public static func normal(mean: Quantity<D>, sd: Quantity<D>) throws -> Self {
        try normal(mean: mean, sd: sd, within: nil)
    }

    /// Normal with `mean` and standard deviation `sd`, truncated to `within` (in base units).
    package static func normal(mean: Quantity<D>, sd: Quantity<D>, within: Interval?) throws -> Self {
        let (m, s) = (mean.baseValue, sd.baseValue)
        guard s > 0 else { throw bad("has a standard deviation of \(NumberText.format(s, significantDigits: 4)); it must be more than zero") }
        guard let w = within else { return Self(unchecked: .normal(mean: m, sd: s)) }
        guard w.lower < w.upper else { throw bad("has truncation bounds that hold no range; write MIN..MAX with MIN below MAX") }
        let mass = DistributionShape.cdf((w.upper - m) / s) - DistributionShape.cdf((w.lower - m) / s)
        guard mass >= DistributionShape.minimumTruncatedMass else {
            throw bad("keeps \(NumberText.format(mass * 100, significantDigits: 2)) % of the normal between its bounds; the bounds must keep at least 1 % (put the mean nearer them)")
        }
        return Self(unchecked: .truncatedNormal(mean: m, sd: s, low: w.lower, high: w.upper))
    }

    /// Lognormal with median `median` and log-space standard deviation `sigma`.
    ///
    /// - Throws: `CO2eError.invalidInput` when the median or sigma is not above zero.
    public static func lognormal(median: Quantity<D>, sigma: Double) throws -> Self {
        guard median.baseValue > 0 else { throw bad("has a median of zero or less; a lognormal's values are above zero") }
        guard sigma > 0, sigma.isFinite else { throw bad("has sigma \(NumberText.format(sigma, significantDigits: 4)); sigma (the standard deviation of the log) must be more than zero") }
        return Self(unchecked: .lognormal(mu: log(median.baseValue), sigma: sigma))
    }

    /// Lognormal whose 5th and 95th percentiles are `p5` and `p95`.
    ///
    /// - Throws: `CO2eError.invalidInput` unless 0 < p5 < p95.
    public static func lognormal(p5: Quantity<D>, p95: Quantity<D>) throws -> Self {
        guard p5.baseValue > 0 else { throw bad("has p5 of zero or less; a lognormal's values are above zero") }
        guard p95.baseValue > p5.baseValue else { throw bad("has p95 at or below p5; write lognormal:p5=LOW,p95=HIGH") }
        let (l5, l95) = (log(p5.baseValue), log(p95.baseValue))
        return Self(unchecked: .lognormal(mu: (l5 + l95) / 2, sigma: (l95 - l5) / (2 * DistributionShape.z95)))
    }

    /// One of `options`, each drawn with probability proportional to its weight.
    ///
    /// - Throws: `CO2eError.invalidInput` when a weight is negative or not finite, or the
    ///   weights do not sum to a positive number.
    public static func choice(_ options: [(Quantity<D>, Double)]) throws -> Self {
        guard !options.isEmpty else { throw bad("has no options; write choice:A@WEIGHT,B@WEIGHT") }
        for (_, w) in options where !(w >= 0 && w.isFinite) {
            throw bad("has weight \(NumberText.format(w, significantDigits: 4)); weights are numbers of 0 or more")
        }
        let total = options.reduce(0) { $0 + $1.1 }
        guard total > 0 else { throw bad("has weights that sum to \(NumberText.format(total, significantDigits: 4)); they must sum to more than zero") }
        return Self(unchecked: .choice(values: options.map(\.0.baseValue), weights: options.map { $0.1 / total }))
    }

    package var mean: Quantity<D> { Quantity(baseValue: shape.mean) }
    package var standardDeviation: Quantity<D> { Quantity(baseValue: shape.variance.squareRoot()) }
    /// The support, or the central 99 % of an unbounded distribution (see `DistributionShape`).
    package var interval: Interval { shape.interval }

    /// The distribution for people: `triangular 1.1, 1.2, 1.4`, `lognormal median 400 g/kWh, σ 0.25`.
    package var text: String {
        func f(_ x: Double) -> String { Quantity<D>.format(Interval(x)) }
        func n(_ x: Double) -> String { NumberText.format(x, significantDigits: 4) }
        switch shape {
        case let .uniform(a, b): return "uniform \(Quantity<D>.format(Interval(a, b)))"
        case let .triangular(a, c, b): return "triangular \(f(a)), mode \(f(c)), \(f(b))"
        case let .normal(m, s): return "normal mean \(f(m)), sd \(f(s))"
        case let .truncatedNormal(m, s, lo, hi): return "normal mean \(f(m)), sd \(f(s)), within \(Quantity<D>.format(Interval(lo, hi)))"
        case let .lognormal(mu, s): return "lognormal median \(f(exp(mu))), σ \(n(s))"
        case let .choice(v, w): return "one of " + zip(v, w).map { "\(f($0.0)) (\(n($0.1 * 100)) %)" }.joined(separator: ", ")
        }
    }

    package static func bad(_ reason: String) -> CO2eError { CO2eError(.invalidInput, reason) }
}

extension Uncertain {
    /// The shape to sample: a distribution's, uniform for bounds, nil for an exact value.
    package var samplingShape: DistributionShape? {
        switch self {
        case .exact: return nil
        case let .bounds(a, b): return .uniform(low: a.baseValue, high: b.baseValue)
        case let .distribution(d): return d.shape
        }
    }

    /// What sampling draws, for people: `uniform 50–60 GWh`; nil for an exact value.
    package var samplingText: String? {
        switch self {
        case .exact: return nil
        case .bounds: return "uniform " + Quantity<D>.format(interval)
        case let .distribution(d): return d.text
        }
    }

    /// True for a distribution (not for bounds, which only sampling reads as uniform).
    package var isDistribution: Bool {
        if case .distribution = self { return true }
        return false
    }
}
