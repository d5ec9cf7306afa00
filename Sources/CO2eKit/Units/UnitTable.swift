/// Every unit co2e reads or prints, with its factor to the base unit of its dimension.
///
/// This file is the only place where conversion factors live. Base units: energy in kWh,
/// power in W, duration in hours, mass in kg, emission intensity in g CO2e/kWh.
public struct UnitDefinition: Sendable, Hashable {
    /// The symbol co2e prints, e.g. `GWh`.
    public let symbol: String
    /// Other spellings accepted on input, e.g. `tonne` for `t`.
    public let aliases: [String]
    /// How many base units one of this unit is.
    public let inBaseUnits: Double

    public init(_ symbol: String, _ inBaseUnits: Double, aliases: [String] = []) {
        self.symbol = symbol
        self.inBaseUnits = inBaseUnits
        self.aliases = aliases
    }
}

/// The conversion table. Factors are definitions (SI prefixes, the 1959 international pound,
/// the joule-watt-hour relation), not measurements, so they carry no data source.
public enum UnitTable {
    /// One international avoirdupois pound in kilograms, exact by definition
    /// (International Yard and Pound Agreement, 1959).
    public static let kilogramsPerPound = 0.45359237
    /// Joules in one kilowatt-hour, exact by definition (3,600 s x 1,000 W).
    public static let joulesPerKilowattHour = 3.6e6
    /// Grams in a kilogram (SI).
    public static let gramsPerKilogram = 1_000.0
    /// Watts in a kilowatt (SI); also watt-hours in a kilowatt-hour.
    public static let wattsPerKilowatt = 1_000.0
    /// Hours in a year as co2e counts it: 365 days. Annual grid factors are averages over a
    /// calendar year; a leap year's extra day changes a yearly total by 0.27 %.
    public static let hoursPerYear = 8_760.0

    /// Energy, base unit kWh.
    public static let energy: [UnitDefinition] = [
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

    /// Power, base unit W.
    public static let power: [UnitDefinition] = [
        UnitDefinition("W", 1),
        UnitDefinition("kW", 1e3),
        UnitDefinition("MW", 1e6),
        UnitDefinition("GW", 1e9),
        UnitDefinition("TW", 1e12),
    ]

    /// Duration, base unit hour.
    public static let duration: [UnitDefinition] = [
        UnitDefinition("s", 1.0 / 3_600, aliases: ["sec", "second", "seconds"]),
        UnitDefinition("min", 1.0 / 60, aliases: ["minute", "minutes"]),
        UnitDefinition("h", 1, aliases: ["hr", "hrs", "hour", "hours"]),
        UnitDefinition("d", 24, aliases: ["day", "days"]),
        UnitDefinition("wk", 168, aliases: ["w", "week", "weeks"]),
        UnitDefinition("y", hoursPerYear, aliases: ["yr", "year", "years"]),
    ]

    /// Mass (of CO2-equivalent gases), base unit kg. `t` is the metric tonne.
    public static let mass: [UnitDefinition] = [
        UnitDefinition("g", 1e-3),
        UnitDefinition("kg", 1),
        UnitDefinition("t", 1e3, aliases: ["tonne", "tonnes"]),
        UnitDefinition("kt", 1e6),
        UnitDefinition("Mt", 1e9),
        UnitDefinition("Gt", 1e12),
        UnitDefinition("lb", kilogramsPerPound, aliases: ["lbs"]),
    ]

    /// Spellings that are refused because they are ambiguous, with the reason.
    public static let ambiguousMassUnits: [String: String] = [
        "ton": "'ton' is ambiguous (metric tonne or US short ton); write t for the metric tonne",
        "tons": "'tons' is ambiguous (metric tonne or US short ton); write t for the metric tonne",
        "mt": "'mt' is ambiguous (metric ton or megatonne); write t for tonnes or Mt for megatonnes",
    ]

    /// Suffixes naming the gas after a mass unit (`tCO2e`); they do not change the value.
    public static let gasSuffixes = ["CO2e", "CO2eq", "CO2-eq", "CO2-e", "CO₂e", "CO₂eq"]
}
