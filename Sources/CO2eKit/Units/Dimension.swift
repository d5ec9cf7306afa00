/// A physical dimension: its name, its units, and how values of it are displayed.
public protocol PhysicalDimension: Sendable {
    /// The dimension's name in messages, e.g. `energy`.
    static var name: String { get }
    /// The units a value of this dimension may be written in, base unit included.
    static var units: [UnitDefinition] { get }
    /// Units co2e picks from when printing, smallest first; the largest one that keeps the
    /// number at or above 1 is used.
    static var displayUnits: [String] { get }
    /// An example input, for error messages.
    static var example: String { get }
    /// Significant digits when printed (at least 4; factors print as published, up to 6).
    static var displayDigits: Int { get }
    /// Whether a unit may be matched ignoring case (safe when no two units differ only by case).
    static var unitsIgnoreCase: Bool { get }
    /// How many base units one `symbol` is, or why the symbol is refused.
    static func resolveUnit(_ symbol: String) -> UnitResolution
    /// The units accepted on input, for error messages.
    static var acceptedUnitsDescription: String { get }
}

/// The outcome of looking a unit symbol up in a dimension's table.
public enum UnitResolution: Sendable, Equatable {
    case unit(UnitDefinition)
    case refused(String)
    case unknown
}

extension PhysicalDimension {
    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        lookUpUnit(symbol, in: units, ignoringCase: unitsIgnoreCase)
    }

    public static var acceptedUnitsDescription: String {
        units.map(\.symbol).joined(separator: ", ")
    }
}

func lookUpUnit(_ symbol: String, in table: [UnitDefinition], ignoringCase: Bool) -> UnitResolution {
    for u in table where u.symbol == symbol || u.aliases.contains(symbol) { return .unit(u) }
    if ignoringCase {
        let lower = symbol.lowercased()
        let matches = table.filter { $0.symbol.lowercased() == lower || $0.aliases.contains { $0.lowercased() == lower } }
        if matches.count == 1 {
            // m is milli and p is pico: never read them as M (mega) or P (peta).
            if let typed = symbol.first, let meant = matches[0].symbol.first, typed != meant, "mp".contains(typed) {
                return .refused("'\(symbol)' would be milli or pico, which co2e does not use; did you mean \(matches[0].symbol)? (prefixes are case-sensitive: m = milli, M = mega)")
            }
            return .unit(matches[0])
        }
    }
    return .unknown
}

extension PhysicalDimension {
    public static var displayDigits: Int { 4 }
}

public enum EnergyDimension: PhysicalDimension {
    public static let name = "energy"
    public static var units: [UnitDefinition] { UnitTable.energy }
    public static let displayUnits = ["Wh", "kWh", "MWh", "GWh", "TWh", "PWh"]
    public static let example = "50GWh"
    public static let unitsIgnoreCase = true
}

public enum PowerDimension: PhysicalDimension {
    public static let name = "power"
    public static var units: [UnitDefinition] { UnitTable.power }
    public static let displayUnits = ["W", "kW", "MW", "GW", "TW"]
    public static let example = "400W"
    public static let unitsIgnoreCase = true
}

public enum DurationDimension: PhysicalDimension {
    public static let name = "duration"
    public static var units: [UnitDefinition] { UnitTable.duration }
    public static let displayUnits = ["h"]
    public static let example = "2160h"
    public static let unitsIgnoreCase = true
}

public enum MassDimension: PhysicalDimension {
    public static let name = "mass"
    public static var units: [UnitDefinition] { UnitTable.mass }
    // No kt: figures read in tonnes up to a million, as reports print them.
    public static let displayUnits = ["g", "kg", "t", "Mt", "Gt"]
    public static let example = "552.1t"
    // t/T and Mt/mt would be confused.
    public static let unitsIgnoreCase = false

    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        var s = symbol
        for suffix in UnitTable.gasSuffixes where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count)
            break
        }
        if let why = UnitTable.ambiguousMassUnits[s.lowercased()], lookUpUnit(s, in: units, ignoringCase: false) == .unknown {
            return .refused(why)
        }
        return lookUpUnit(s, in: units, ignoringCase: false)
    }
}

/// Emission intensity: mass of CO2e per unit of energy. Its units are composed from the mass
/// and energy tables (`g/kWh`, `kg/MWh`, `lb/MWh`, ...); the base unit is g/kWh.
public enum IntensityDimension: PhysicalDimension {
    public static let name = "emission intensity"
    public static var units: [UnitDefinition] {
        [UnitDefinition("g/kWh", 1), UnitDefinition("kg/kWh", 1_000), UnitDefinition("kg/MWh", 1),
         UnitDefinition("t/MWh", 1_000), UnitDefinition("t/GWh", 1), UnitDefinition("lb/MWh", UnitTable.kilogramsPerPound)]
    }

    /// Any mass unit over any energy unit: `g/kWh`, `gCO2e/kWh`, `lb/MWh`, `t/GWh`...
    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        let parts = symbol.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .unknown }
        let mass = MassDimension.resolveUnit(String(parts[0]))
        let energy = EnergyDimension.resolveUnit(String(parts[1]))
        switch (mass, energy) {
        case let (.unit(m), .unit(e)):
            // (kg per mass unit) x 1000 g/kg / (kWh per energy unit) = g/kWh per unit.
            return .unit(UnitDefinition(symbol, m.inBaseUnits * 1_000 / e.inBaseUnits))
        case let (.refused(why), _), let (_, .refused(why)):
            return .refused(why)
        default:
            return .unknown
        }
    }

    public static var acceptedUnitsDescription: String {
        "a mass unit over an energy unit, e.g. g/kWh, gCO2e/kWh, kg/kWh, kg/MWh, t/MWh, lb/MWh"
    }
    public static let displayUnits = ["g/kWh"]
    public static let example = "429g/kWh"
    /// Grid factors print as their sources publish them (383.549, 103.37), so that the printed
    /// energy x factor gives the printed emissions.
    public static let displayDigits = 6
    public static let unitsIgnoreCase = false
}

public typealias Energy = Quantity<EnergyDimension>
public typealias Power = Quantity<PowerDimension>
/// A span of time. (Named `TimeSpan`, not `Duration`, to stay clear of the standard library's `Swift.Duration`.)
public typealias TimeSpan = Quantity<DurationDimension>
public typealias Mass = Quantity<MassDimension>
public typealias Intensity = Quantity<IntensityDimension>
