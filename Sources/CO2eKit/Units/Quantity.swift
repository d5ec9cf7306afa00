/// A physical quantity of dimension `D`: a magnitude in the dimension's base unit, which may be
/// a single value or a range.
///
/// The dimension is part of the type, so a kWh never meets a g/kWh without a type saying what
/// the product is: `Energy * Intensity` is `Mass`, `Power * TimeSpan` is `Energy`.
public struct Quantity<D: PhysicalDimension>: Hashable, Sendable {
    /// The magnitude in the dimension's base unit (kWh, W, h, kg or g/kWh).
    public var baseValue: Interval

    /// A quantity from its magnitude in base units.
    public init(baseValue: Interval) {
        self.baseValue = baseValue
    }

    /// A quantity from a magnitude in the named unit; `nil` when the unit is not one of `D`'s.
    public init?(_ value: Interval, _ unit: String) {
        guard case let .unit(u) = D.resolveUnit(unit) else { return nil }
        self.baseValue = value * u.inBaseUnits
    }

    /// The magnitude expressed in `unit`; `nil` when the unit is not one of `D`'s.
    public func value(in unit: String) -> Interval? {
        guard case let .unit(u) = D.resolveUnit(unit) else { return nil }
        return baseValue / u.inBaseUnits
    }

    /// True when the quantity is a range rather than a single value.
    public var isRange: Bool { !baseValue.isPoint }

    public static func + (a: Self, b: Self) -> Self { Self(baseValue: a.baseValue + b.baseValue) }
    public static func - (a: Self, b: Self) -> Self { Self(baseValue: a.baseValue - b.baseValue) }
    public static func * (a: Self, k: Interval) -> Self { Self(baseValue: a.baseValue * k) }
    public static func * (k: Interval, a: Self) -> Self { Self(baseValue: a.baseValue * k) }
    public static func * (a: Self, k: Double) -> Self { Self(baseValue: a.baseValue * k) }
    public static func / (a: Self, k: Interval) -> Self { Self(baseValue: a.baseValue / k) }
    /// The ratio of two quantities of the same dimension.
    public static func / (a: Self, b: Self) -> Interval { a.baseValue / b.baseValue }
    public static var zero: Self { Self(baseValue: Interval(0)) }
}

// MARK: - Constructors that read as English

extension Quantity where D == EnergyDimension {
    public static func kilowattHours(_ v: Interval) -> Energy { Energy(baseValue: v) }
    public static func megawattHours(_ v: Interval) -> Energy { Energy(v, "MWh")! }
    public static func gigawattHours(_ v: Interval) -> Energy { Energy(v, "GWh")! }
    /// The magnitude in kWh.
    public var kilowattHours: Interval { baseValue }
}

extension Quantity where D == PowerDimension {
    public static func watts(_ v: Interval) -> Power { Power(baseValue: v) }
    public static func kilowatts(_ v: Interval) -> Power { Power(v, "kW")! }
    public static func megawatts(_ v: Interval) -> Power { Power(v, "MW")! }
    /// The magnitude in W.
    public var watts: Interval { baseValue }
}

extension Quantity where D == DurationDimension {
    public static func hours(_ v: Interval) -> TimeSpan { TimeSpan(baseValue: v) }
    public static func days(_ v: Interval) -> TimeSpan { TimeSpan(v, "d")! }
    /// The magnitude in hours.
    public var hours: Interval { baseValue }
}

extension Quantity where D == MassDimension {
    public static func kilograms(_ v: Interval) -> Mass { Mass(baseValue: v) }
    public static func tonnes(_ v: Interval) -> Mass { Mass(v, "t")! }
    public static func pounds(_ v: Interval) -> Mass { Mass(v, "lb")! }
    /// The magnitude in kg.
    public var kilograms: Interval { baseValue }
    /// The magnitude in metric tonnes.
    public var tonnes: Interval { value(in: "t")! }
}

extension Quantity where D == IntensityDimension {
    public static func gramsPerKilowattHour(_ v: Interval) -> Intensity { Intensity(baseValue: v) }
    public static func kilogramsPerKilowattHour(_ v: Interval) -> Intensity { Intensity(v, "kg/kWh")! }
    /// The magnitude in g CO2e/kWh.
    public var gramsPerKilowattHour: Interval { baseValue }
}

// MARK: - Products between dimensions

/// Power held for a time: W x h = Wh, so kWh = W x h / 1000.
public func * (power: Power, time: TimeSpan) -> Energy {
    Energy(baseValue: power.baseValue * time.baseValue / UnitTable.wattsPerKilowatt)
}

public func * (time: TimeSpan, power: Power) -> Energy { power * time }

/// Energy at an emission intensity: kWh x g/kWh = g, so kg = kWh x g/kWh / 1000.
public func * (energy: Energy, intensity: Intensity) -> Mass {
    Mass(baseValue: energy.baseValue * intensity.baseValue / UnitTable.gramsPerKilogram)
}

public func * (intensity: Intensity, energy: Energy) -> Mass { energy * intensity }

/// The intensity that turns `energy` into `mass`: g/kWh = kg x 1000 / kWh.
public func / (mass: Mass, energy: Energy) -> Intensity {
    Intensity(baseValue: mass.baseValue * UnitTable.gramsPerKilogram / energy.baseValue)
}

/// Average power over a time: kW = kWh / h, so W = kWh x 1000 / h.
public func / (energy: Energy, time: TimeSpan) -> Power {
    Power(baseValue: energy.baseValue * UnitTable.wattsPerKilowatt / time.baseValue)
}
