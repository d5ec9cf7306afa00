/// A physical quantity of dimension `D`: one value in the dimension's base unit.
///
/// The dimension is part of the type, so a kWh never meets a g/kWh without a type saying what
/// the product is. Products and quotients between dimensions come from `Per<N, D>` alone:
/// `Energy * Intensity` is `Mass` because `Intensity` is `Per<Mass, Energy>`; `Power * TimeSpan`
/// is `Energy`, `Volume * TimeSpan` a `Count`, `DollarsPerMass * Mass` `Dollars`. Ranges and
/// distributions are not magnitudes: they are inputs (`Uncertain`) that a `Formula` evaluates at
/// single values.
public struct Quantity<D: PhysicalDimension>: Hashable, Sendable, Comparable {
    /// The magnitude in the dimension's base unit (kWh, h, kg, kWh/h, kg/kWh, ...).
    public var baseValue: Double

    /// A quantity from its magnitude in base units.
    public init(baseValue: Double) {
        self.baseValue = baseValue
    }

    /// A quantity from a magnitude in the named unit; `nil` when the unit is not one of `D`'s.
    public init?(_ value: Double, _ unit: String) {
        guard case let .unit(u) = D.resolveUnit(unit) else { return nil }
        self.baseValue = u.toBase(value)
    }

    /// The magnitude expressed in `unit`; `nil` when the unit is not one of `D`'s.
    public func value(in unit: String) -> Double? {
        guard case let .unit(u) = D.resolveUnit(unit) else { return nil }
        return u.fromBase(baseValue)
    }

    /// The magnitude in the unit JSON reports (`kWh`, `W`, `g/kWh`, `kg`).
    package var reportedValue: Double { D.reportingUnit.fromBase(baseValue) }

    /// Zero in any unit.
    public static var zero: Self { Self(baseValue: 0) }

    /// Compares magnitudes.
    public static func < (a: Self, b: Self) -> Bool { a.baseValue < b.baseValue }
    /// The sum of two quantities of one dimension.
    public static func + (a: Self, b: Self) -> Self { Self(baseValue: a.baseValue + b.baseValue) }
    /// The difference of two quantities of one dimension.
    public static func - (a: Self, b: Self) -> Self { Self(baseValue: a.baseValue - b.baseValue) }
    /// The quantity with its sign reversed.
    public static prefix func - (a: Self) -> Self { Self(baseValue: -a.baseValue) }
    /// The quantity scaled by a plain number.
    public static func * (a: Self, k: Double) -> Self { Self(baseValue: a.baseValue * k) }
    /// The quantity scaled by a plain number.
    public static func * (k: Double, a: Self) -> Self { Self(baseValue: a.baseValue * k) }
    /// The quantity divided by a plain number.
    public static func / (a: Self, k: Double) -> Self { Self(baseValue: a.baseValue / k) }
    /// The ratio of two quantities of the same dimension.
    public static func / (a: Self, b: Self) -> Double { a.baseValue / b.baseValue }
    /// Adds `b` to `a`.
    public static func += (a: inout Self, b: Self) { a.baseValue += b.baseValue }
    /// Subtracts `b` from `a`.
    public static func -= (a: inout Self, b: Self) { a.baseValue -= b.baseValue }
}

// MARK: - Products and quotients through `Per`

// Each applies the composites' stored-unit divisors (`UnitTable.compositeDivisor`), written
// once here: kWh x g/kWh / 1,000 = kg; W x h / 1,000 = kWh.

/// `N` per `D` for a quantity of `D`: g/kWh x kWh = kg; W x h = kWh; $/t x t = $.
@inlinable public func * <N, D>(rate: Quantity<Per<N, D>>, amount: Quantity<D>) -> Quantity<N> {
    Quantity<N>(baseValue: rate.baseValue * amount.baseValue / Per<N, D>.baseDivisor)
}

/// A quantity of `D` at `N` per `D`: the same product, written the other way round.
@inlinable public func * <N, D>(amount: Quantity<D>, rate: Quantity<Per<N, D>>) -> Quantity<N> {
    Quantity<N>(baseValue: rate.baseValue * amount.baseValue / Per<N, D>.baseDivisor)
}

/// `N` over `D`: kg / kWh is an intensity; kWh / h a power.
@inlinable public func / <N, D>(numerator: Quantity<N>, denominator: Quantity<D>) -> Quantity<Per<N, D>> {
    Quantity<Per<N, D>>(baseValue: numerator.baseValue * Per<N, D>.baseDivisor / denominator.baseValue)
}

/// `N` divided by `N` per `D` gives `D`: kWh / (Wh/query) is a number of queries.
@inlinable public func / <N, D>(amount: Quantity<N>, rate: Quantity<Per<N, D>>) -> Quantity<D> {
    Quantity<D>(baseValue: amount.baseValue * Per<N, D>.baseDivisor / rate.baseValue)
}

/// Chained rates: Wh/query x queries/day is Wh/day.
@inlinable public func * <A, B, C>(a: Quantity<Per<A, B>>, b: Quantity<Per<B, C>>) -> Quantity<Per<A, C>> {
    Quantity<Per<A, C>>(baseValue: a.baseValue * b.baseValue * Per<A, C>.baseDivisor
        / (Per<A, B>.baseDivisor * Per<B, C>.baseDivisor))
}

// MARK: - Dimensionless quantities as numbers

extension Quantity where D == ShareDimension {
    /// The share as a fraction of 1.
    public var fraction: Double { baseValue }
    /// A share from a fraction (0.73).
    public static func fraction(_ v: Double) -> Self { Self(baseValue: v) }
    /// A share from a percentage (73).
    public static func percent(_ v: Double) -> Self { Self(baseValue: v / 100) }
}

extension Quantity where D == RatioDimension {
    /// The ratio as a plain number.
    public var number: Double { baseValue }
    /// A ratio from a plain number.
    public static func number(_ v: Double) -> Self { Self(baseValue: v) }
}

extension Quantity where D == CountDimension {
    /// The count as a plain number.
    public var number: Double { baseValue }
    /// A count from a plain number.
    public static func number(_ v: Double) -> Self { Self(baseValue: v) }
}

extension Quantity where D == GrowthDimension {
    /// The growth per year as a fraction: 0.15 for 15 %/y.
    package var perYear: Double { baseValue }
    /// A growth rate from a percentage per year (15).
    package static func percentPerYear(_ v: Double) -> Growth { Growth(baseValue: v / 100) }

    /// The factor after `time` of yearly compounding: (1 + g)^years, fractional years included.
    package func factor(over time: TimeSpan) -> Double {
        pow(1 + baseValue, time.years)
    }
}

// MARK: - Constructors that read as English

/// The units the constructors below use, looked up in `UnitTable` once (not once per call: a
/// formula's code may run them once per Monte Carlo sample).
@usableFromInline enum ResolvedUnit {
    static func resolve<D: PhysicalDimension>(_ symbol: String, _ dimension: D.Type) -> UnitDefinition {
        guard case let .unit(u) = D.resolveUnit(symbol) else { preconditionFailure("\(symbol) is not a unit of \(D.name)") }
        return u
    }
    static let wattHour = resolve("Wh", EnergyDimension.self)
    static let megawattHour = resolve("MWh", EnergyDimension.self)
    static let gigawattHour = resolve("GWh", EnergyDimension.self)
    static let terawattHour = resolve("TWh", EnergyDimension.self)
    static let kilowatt = resolve("kW", PowerDimension.self)
    static let megawatt = resolve("MW", PowerDimension.self)
    static let day = resolve("d", DurationDimension.self)
    static let year = resolve("y", DurationDimension.self)
    static let tonne = resolve("t", MassDimension.self)
    static let gram = resolve("g", MassDimension.self)
    static let second = resolve("s", DurationDimension.self)
    static let pound = resolve("lb", MassDimension.self)
    static let kilogramPerKilowattHour = resolve("kg/kWh", IntensityDimension.self)
    static let flopPerSecond = resolve("FLOP/s", ComputeRateDimension.self)
    static let teraflopPerSecond = resolve("TFLOP/s", ComputeRateDimension.self)
}

extension Quantity where D == ComputeDimension {
    /// An amount of computation in FLOP.
    package static func flop(_ v: Double) -> Compute { Compute(baseValue: v) }
    /// The magnitude in FLOP.
    package var flop: Double { baseValue }
}

extension Quantity where D == ComputeRateDimension {
    /// A compute rate in TFLOP/s (10^12 FLOP per second), as accelerator data sheets give it.
    package static func teraflopsPerSecond(_ v: Double) -> ComputeRate { ComputeRate(baseValue: ResolvedUnit.teraflopPerSecond.toBase(v)) }
    /// The magnitude in FLOP per second.
    package var flopPerSecond: Double { ResolvedUnit.flopPerSecond.fromBase(baseValue) }
}

extension Quantity where D == EnergyDimension {
    /// An energy in kWh.
    public static func kilowattHours(_ v: Double) -> Energy { Energy(baseValue: v) }
    /// An energy in MWh.
    public static func megawattHours(_ v: Double) -> Energy { Energy(baseValue: ResolvedUnit.megawattHour.toBase(v)) }
    /// An energy in GWh.
    public static func gigawattHours(_ v: Double) -> Energy { Energy(baseValue: ResolvedUnit.gigawattHour.toBase(v)) }
    package static func terawattHours(_ v: Double) -> Energy { Energy(baseValue: ResolvedUnit.terawattHour.toBase(v)) }
    package static func wattHours(_ v: Double) -> Energy { Energy(baseValue: ResolvedUnit.wattHour.toBase(v)) }
    /// The magnitude in kWh.
    public var kilowattHours: Double { baseValue }
}

extension Quantity where D == Per<EnergyDimension, DurationDimension> {
    /// A power in W.
    public static func watts(_ v: Double) -> Power { Power(baseValue: v) }
    package static func kilowatts(_ v: Double) -> Power { Power(baseValue: ResolvedUnit.kilowatt.toBase(v)) }
    package static func megawatts(_ v: Double) -> Power { Power(baseValue: ResolvedUnit.megawatt.toBase(v)) }
    /// The magnitude in W.
    public var watts: Double { baseValue }
}

extension Quantity where D == DurationDimension {
    /// A duration in hours.
    public static func hours(_ v: Double) -> TimeSpan { TimeSpan(baseValue: v) }
    /// A duration in days of 24 h.
    public static func days(_ v: Double) -> TimeSpan { TimeSpan(baseValue: ResolvedUnit.day.toBase(v)) }
    /// A duration in years of 365 days (`UnitTable.daysPerYear`).
    public static func years(_ v: Double) -> TimeSpan { TimeSpan(baseValue: ResolvedUnit.year.toBase(v)) }
    /// The magnitude in hours.
    public var hours: Double { baseValue }
    /// A duration in seconds.
    package static func seconds(_ v: Double) -> TimeSpan { TimeSpan(baseValue: ResolvedUnit.second.toBase(v)) }
    /// The magnitude in years of 365 days (`UnitTable.daysPerYear`).
    package var years: Double { ResolvedUnit.year.fromBase(baseValue) }
}

extension Quantity where D == MassDimension {
    /// A mass in kg.
    public static func kilograms(_ v: Double) -> Mass { Mass(baseValue: v) }
    /// A mass in metric tonnes.
    public static func tonnes(_ v: Double) -> Mass { Mass(baseValue: ResolvedUnit.tonne.toBase(v)) }
    package static func pounds(_ v: Double) -> Mass { Mass(baseValue: ResolvedUnit.pound.toBase(v)) }
    /// The magnitude in kg.
    public var kilograms: Double { baseValue }
    /// A mass in grams.
    package static func grams(_ v: Double) -> Mass { Mass(baseValue: ResolvedUnit.gram.toBase(v)) }
    /// The magnitude in grams.
    package var grams: Double { ResolvedUnit.gram.fromBase(baseValue) }
    /// The magnitude in metric tonnes.
    public var tonnes: Double { ResolvedUnit.tonne.fromBase(baseValue) }
}

extension Quantity where D == Per<MassDimension, EnergyDimension> {
    /// An emission intensity in g CO2e/kWh.
    public static func gramsPerKilowattHour(_ v: Double) -> Intensity { Intensity(baseValue: v) }
    package static func kilogramsPerKilowattHour(_ v: Double) -> Intensity { Intensity(baseValue: ResolvedUnit.kilogramPerKilowattHour.toBase(v)) }
    /// The magnitude in g CO2e/kWh.
    public var gramsPerKilowattHour: Double { baseValue }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
