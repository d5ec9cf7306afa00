/// A unit co2e reads or prints, with its factor to the base unit of its dimension.
package struct UnitDefinition: Sendable, Hashable {
    /// The symbol co2e prints, e.g. `GWh`.
    package let symbol: String
    /// Other spellings accepted on input, e.g. `tonne` for `t`.
    package let aliases: [String]
    /// How many base units one of this unit is.
    package let inBaseUnits: Double

    /// A unit: its symbol, how many base units it is, and other spellings accepted.
    package init(_ symbol: String, _ inBaseUnits: Double, aliases: [String] = []) {
        self.symbol = symbol
        self.inBaseUnits = inBaseUnits
        self.aliases = aliases
    }

    /// This unit over `other`: `kWh` over `h` is `kWh/h`.
    package func per(_ other: UnitDefinition) -> UnitDefinition {
        UnitDefinition(symbol + "/" + other.symbol, inBaseUnits / other.inBaseUnits)
    }

    /// `x` of this unit in base units. A unit below the base by a whole factor (`Wh` is kWh /
    /// 1,000) divides by it, which reads decimal figures back exactly more often than
    /// multiplying by its rounded inverse.
    @inlinable package func toBase(_ x: Double) -> Double {
        let inverse = 1 / inBaseUnits
        return inBaseUnits < 1 && inverse == inverse.rounded() ? x / inverse : x * inBaseUnits
    }

    /// `x` base units in this unit (the inverse of `toBase`).
    @inlinable package func fromBase(_ x: Double) -> Double {
        let inverse = 1 / inBaseUnits
        return inBaseUnits < 1 && inverse == inverse.rounded() ? x * inverse : x / inBaseUnits
    }
}

/// Every conversion factor co2e uses, in one place.
///
/// Base units: energy kWh, duration h, mass kg, money one unit of its currency, counts, shares
/// and ratios 1. A composite dimension's base unit is its parts' (`Per<Mass, Energy>`: kg/kWh);
/// the units a composite is printed and reported in (W, g/kWh) are listed here too. The factors are
/// definitions (SI prefixes, the 1959 international pound, the joule), not measurements, so they
/// carry no data source; the one convention, the length of a year, is cited beside it.
@usableFromInline package enum UnitTable {
    /// One international avoirdupois pound in kilograms, exact by definition
    /// (International Yard and Pound Agreement, 1959).
    package static let kilogramsPerPound = 0.45359237
    /// Joules in one kilowatt-hour, exact by definition (3,600 s x 1,000 W).
    package static let joulesPerKilowattHour = 3.6e6
    /// Grams in a kilogram (SI), for loops over raw g/kWh x kWh values.
    package static let gramsPerKilogram = 1_000.0
    /// Days in a year as co2e counts it: a common Gregorian calendar year of 365 days (8,760 h).
    /// Annual statistics are converted this way (IEA and EIA turn TWh/y into average GW over
    /// 8,760 h), and per-day volumes become yearly totals by x 365 (de Vries 2023; EPRI 2024). A
    /// leap year's extra day changes a yearly total by 0.27 %. Every trail that converts a year
    /// says so.
    package static let daysPerYear = 365.0
    /// Hours in a year as co2e counts it (`daysPerYear` x 24).
    package static let hoursPerYear = daysPerYear * 24
    /// True when `text` (an input as written: `1y`, `945TWh/y`, `2 years`) uses a year unit,
    /// so the trail must say how long a year is.
    package static func mentionsYear(_ text: String) -> Bool {
        let words = text.split { !$0.isLetter }.map(String.init)
        return words.contains { ["y", "yr", "year", "years", "a"].contains($0) }
    }

    /// The sentence a trail carries when it converts years.
    package static let yearConvention = "a year is 365 days (8,760 h), a common calendar year, as IEA and EIA annual averages count it"

    /// Energy, base unit kWh.
    package static let energy: [UnitDefinition] = [
        UnitDefinition("Wh", 1e-3),
        UnitDefinition("kWh", 1),
        UnitDefinition("MWh", 1e3),
        UnitDefinition("GWh", 1e6),
        UnitDefinition("TWh", 1e9),
        UnitDefinition("PWh", 1e12),
        UnitDefinition("J", 1 / joulesPerKilowattHour),
        UnitDefinition("kJ", 1e3 / joulesPerKilowattHour),
        UnitDefinition("MJ", 1e6 / joulesPerKilowattHour),
        UnitDefinition("GJ", 1e9 / joulesPerKilowattHour),
        UnitDefinition("TJ", 1e12 / joulesPerKilowattHour),
        UnitDefinition("PJ", 1e15 / joulesPerKilowattHour),
    ]

    /// Duration, base unit hour.
    package static let duration: [UnitDefinition] = [
        UnitDefinition("s", 1.0 / 3_600, aliases: ["sec", "second", "seconds"]),
        UnitDefinition("min", 1.0 / 60, aliases: ["minute", "minutes"]),
        UnitDefinition("h", 1, aliases: ["hr", "hrs", "hour", "hours"]),
        UnitDefinition("d", 24, aliases: ["day", "days"]),
        // No `w`: durations ignore case, and 1W would be read as a week where watts were meant.
        UnitDefinition("wk", 168, aliases: ["week", "weeks"]),
        UnitDefinition("y", hoursPerYear, aliases: ["yr", "year", "years", "a"]),
    ]

    /// Mass (of CO2-equivalent gases), base unit kg. `t` is the metric tonne.
    package static let mass: [UnitDefinition] = [
        UnitDefinition("g", 1e-3),
        UnitDefinition("kg", 1),
        UnitDefinition("t", 1e3, aliases: ["tonne", "tonnes"]),
        UnitDefinition("kt", 1e6),
        UnitDefinition("Mt", 1e9),
        UnitDefinition("Gt", 1e12),
        UnitDefinition("lb", kilogramsPerPound, aliases: ["lbs"]),
    ]

    /// Counts of things, base unit one item. Suffixes scale (`30.84M`, `1.2k`, `2.5B`); a noun
    /// names the thing counted (`query`, `device`) and scales nothing.
    package static let count: [UnitDefinition] = [
        UnitDefinition("", 1),
        UnitDefinition("k", 1e3, aliases: ["thousand"]),
        UnitDefinition("M", 1e6, aliases: ["million", "mn"]),
        UnitDefinition("B", 1e9, aliases: ["billion", "bn"]),
        UnitDefinition("T", 1e12, aliases: ["trillion"]),
    ]

    /// The things a count may name (`2.9Wh/query`, `150kg/device`); each is one item.
    package static let countNouns: [String] = [
        "item", "items", "query", "queries", "prompt", "prompts", "request", "requests", "search", "searches",
        "task", "tasks", "token", "tokens", "device", "devices", "GPU", "GPUs", "server", "servers",
        "accelerator", "accelerators", "car", "cars", "home", "homes", "flight", "flights", "charge", "charges",
        "device-hour", "device-hours", "GPU-hour", "GPU-hours",
    ]

    /// Amounts of computation, base unit one floating-point operation (FLOP); SI prefixes scale.
    package static let compute: [UnitDefinition] = [
        UnitDefinition("FLOP", 1), UnitDefinition("kFLOP", 1e3), UnitDefinition("MFLOP", 1e6),
        UnitDefinition("GFLOP", 1e9), UnitDefinition("TFLOP", 1e12), UnitDefinition("PFLOP", 1e15),
        UnitDefinition("EFLOP", 1e18), UnitDefinition("ZFLOP", 1e21),
    ]

    /// Shares of a whole, base unit the fraction 1.
    package static let share: [UnitDefinition] = [
        UnitDefinition("", 1),
        UnitDefinition("%", 0.01, aliases: ["percent"]),
    ]

    /// Dimensionless multipliers (a PUE, "10x"), base unit 1.
    package static let ratio: [UnitDefinition] = [
        UnitDefinition("", 1),
        UnitDefinition("x", 1, aliases: ["×"]),
    ]

    /// Growth rates per year, base unit a fraction per year (compounding yearly).
    package static let growth: [UnitDefinition] = [
        UnitDefinition("/y", 1, aliases: ["/yr", "/year", "/a"]),
        UnitDefinition("%/y", 0.01, aliases: ["%/yr", "%/year", "%/a", "% per year", "%pa"]),
    ]

    /// Composites stored in a unit smaller than their parts' base units, by this divisor, so
    /// that the figures sources publish are stored as published: power in W (kWh/h / 1,000),
    /// emission intensity in g/kWh (kg/kWh / 1,000). `Per`'s products apply it: kWh x g/kWh /
    /// 1,000 = kg.
    /// Written as type tests, not a table keyed by the composites' string keys: products run
    /// once per Monte Carlo sample, and a specialised product folds these tests to a constant
    /// (a string key would cost a concatenation and a hash each time).
    @inlinable package static func compositeDivisor<N: PhysicalDimension, D: PhysicalDimension>(_: N.Type, _: D.Type) -> Double {
        if N.self == EnergyDimension.self && D.self == DurationDimension.self { return 1_000 }  // power in W
        if N.self == MassDimension.self && D.self == EnergyDimension.self { return 1_000 }  // intensity in g/kWh
        return 1
    }

    /// Units of composite dimensions that are not simply one unit over another, in the
    /// composite's stored unit, keyed by the composite's key (`energy/duration`).
    package static let compositeUnits: [String: [UnitDefinition]] = [
        "energy/duration": [
            UnitDefinition("W", 1), UnitDefinition("kW", 1e3), UnitDefinition("MW", 1e6),
            UnitDefinition("GW", 1e9), UnitDefinition("TW", 1e12),
        ],
    ]

    /// Display units for composites, smallest first; the largest that keeps the number at or
    /// above 1 is used. Composites not listed print as their numerator's units over the
    /// denominator's `perUnit`.
    package static let compositeDisplay: [String: [String]] = [
        "energy/duration": ["W", "kW", "MW", "GW", "TW"],
        "mass/energy": ["g/kWh"],
        "compute/duration": ["FLOP/s", "kFLOP/s", "MFLOP/s", "GFLOP/s", "TFLOP/s", "PFLOP/s", "EFLOP/s"],
    ]

    /// The unit JSON reports a composite in (else the numerator's over the denominator's).
    package static let compositeReporting: [String: String] = [
        "energy/duration": "W",
        "mass/energy": "g/kWh",
        "compute/duration": "FLOP/s",
    ]

    /// Names of composites, for messages (else "energy per duration").
    package static let compositeNames: [String: String] = [
        "energy/duration": "power",
        "mass/energy": "emission intensity",
        "mass/duration": "emission rate",
        "count/duration": "volume per time",
        "compute/duration": "compute rate",
    ]

    /// Spellings that are refused because they are ambiguous, with the reason.
    package static let ambiguousMassUnits: [String: String] = [
        "ton": "'ton' is ambiguous (metric tonne or US short ton); write t for the metric tonne",
        "tons": "'tons' is ambiguous (metric tonne or US short ton); write t for the metric tonne",
        "mt": "'mt' is ambiguous (metric ton or megatonne); write t for tonnes or Mt for megatonnes",
    ]

    /// Suffixes naming the gas after a mass unit (`tCO2e`); they do not change the value.
    package static let gasSuffixes = ["CO2e", "CO2eq", "CO2-eq", "CO2-e", "CO₂e", "CO₂eq", "CO2"]

    /// The largest magnitude co2e reads, in the unit written: 1e18 (a billion billion). Larger
    /// figures are typing errors (1e30GWh is more energy than the Sun gives the Earth in a
    /// million years) and would print as rounding noise.
    package static let largestMagnitude = 1e18
}
