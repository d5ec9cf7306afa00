/// A physical dimension: its name, its units, and how values of it are printed and reported.
///
/// Base dimensions (energy, duration, mass, count, share, ratio, money, growth) list their units
/// in `UnitTable`; composites are `Per<N, D>` and derive theirs, so a new dimension needs no
/// hand-written operator: `Quantity<Per<N, D>> * Quantity<D>` is `Quantity<N>` for every pair.
public protocol PhysicalDimension: Sendable {
    /// The dimension's key in composites and tables: `energy`, `mass/energy`.
    static var key: String { get }
    /// The dimension's name in messages: `energy`, `emission intensity`.
    static var name: String { get }
    /// How many base units one `symbol` is, or why the symbol is refused.
    static func resolveUnit(_ symbol: String) -> UnitResolution
    /// Units co2e picks from when printing, smallest first.
    static var displayUnits: [UnitDefinition] { get }
    /// The unit JSON reports values in (`kWh`, `W`, `g/kWh`).
    static var reportingUnit: UnitDefinition { get }
    /// The unit a composite uses when this dimension is its denominator (`y` for durations:
    /// `TWh/y`, `t/y`).
    static var perUnit: UnitDefinition { get }
    /// An example input, for error messages.
    static var example: String { get }
    /// The units accepted on input, for error messages.
    static var acceptedUnitsDescription: String { get }
    /// Unit symbols to suggest from when a unit is not known.
    static var suggestedSymbols: [String] { get }
    /// Significant digits when printed.
    static var displayDigits: Int { get }
    /// How much smaller the stored unit is than the parts' base units (1 but for the composites
    /// in `UnitTable.compositeDivisor`: power in W, intensity in g/kWh).
    static var baseDivisor: Double { get }
}

extension PhysicalDimension {
    public static var baseDivisor: Double { 1 }
}

/// The outcome of looking a unit symbol up in a dimension's table.
public enum UnitResolution: Sendable, Equatable {
    case unit(UnitDefinition)
    case refused(String)
    case unknown
}

/// A base dimension whose units are one table in `UnitTable`.
public protocol TabulatedDimension: PhysicalDimension {
    static var units: [UnitDefinition] { get }
    /// Whether a unit may be matched ignoring case (safe when no two units differ only by case).
    static var unitsIgnoreCase: Bool { get }
    static var displaySymbols: [String] { get }
    static var reportingSymbol: String { get }
    static var perSymbol: String { get }
}

extension TabulatedDimension {
    public static var name: String { key }
    public static var unitsIgnoreCase: Bool { false }
    public static var displayDigits: Int { 4 }
    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        lookUpUnit(symbol, in: units, ignoringCase: unitsIgnoreCase)
    }
    public static var displayUnits: [UnitDefinition] { displaySymbols.compactMap { unit($0) } }
    public static var reportingUnit: UnitDefinition { unit(reportingSymbol)! }
    public static var perUnit: UnitDefinition { unit(perSymbol)! }
    public static var perSymbol: String { reportingSymbol }
    public static var acceptedUnitsDescription: String {
        units.map(\.symbol).filter { !$0.isEmpty }.joined(separator: ", ")
    }
    public static var suggestedSymbols: [String] { units.map(\.symbol).filter { !$0.isEmpty } }

    static func unit(_ symbol: String) -> UnitDefinition? {
        units.first { $0.symbol == symbol }
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

/// Electrical or thermal energy, base unit kWh.
public enum EnergyDimension: TabulatedDimension {
    public static let key = "energy"
    public static var units: [UnitDefinition] { UnitTable.energy }
    public static let unitsIgnoreCase = true
    public static let displaySymbols = ["Wh", "kWh", "MWh", "GWh", "TWh", "PWh"]
    public static let reportingSymbol = "kWh"
    public static let example = "50GWh"
}

/// A span of time, base unit the hour.
public enum DurationDimension: TabulatedDimension {
    public static let key = "duration"
    public static var units: [UnitDefinition] { UnitTable.duration }
    public static let unitsIgnoreCase = true
    public static let displaySymbols = ["h"]
    public static let reportingSymbol = "h"
    public static let perSymbol = "y"
    public static let example = "2160h"
}

/// A mass of CO2-equivalent gases, base unit kg.
public enum MassDimension: TabulatedDimension {
    public static let key = "mass"
    public static var units: [UnitDefinition] { UnitTable.mass }
    // No kt: figures read in tonnes up to a million, as reports print them.
    public static let displaySymbols = ["g", "kg", "t", "Mt", "Gt"]
    public static let reportingSymbol = "kg"
    public static let perSymbol = "t"
    public static let example = "552.1t"

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

/// A number of things (queries, devices), base unit one item.
public enum CountDimension: TabulatedDimension {
    public static let key = "count"
    public static var units: [UnitDefinition] { UnitTable.count }
    public static let displaySymbols = [""]
    public static let reportingSymbol = ""
    public static let perSymbol = ""
    public static let example = "30.84M"
    public static let displayDigits = 6

    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        // `2.5B queries`, `1.2k devices`: a scale, then the thing counted.
        let words = symbol.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2, UnitTable.countNouns.contains(words[1]) {
            return lookUpUnit(words[0], in: units, ignoringCase: false)
        }
        if UnitTable.countNouns.contains(symbol) { return .unit(UnitDefinition(symbol, 1)) }
        return lookUpUnit(symbol, in: units, ignoringCase: false)
    }

    public static var acceptedUnitsDescription: String {
        "a plain number, optionally with k, M, B (billion) or T (trillion): 9e9, 30.84M, 2.5B"
    }
}

/// A share of a whole, 0 to 1, written as a fraction (0.73) or a percentage (73%).
public enum ShareDimension: TabulatedDimension {
    public static let key = "share"
    public static var units: [UnitDefinition] { UnitTable.share }
    public static let displaySymbols = ["%"]
    public static let reportingSymbol = ""
    public static let example = "73%"
    public static var acceptedUnitsDescription: String { "a percentage such as 73% or a fraction such as 0.73" }
}

/// A dimensionless multiplier: a PUE, a ratio between two figures.
public enum RatioDimension: TabulatedDimension {
    public static let key = "ratio"
    public static var units: [UnitDefinition] { UnitTable.ratio }
    public static let displaySymbols = [""]
    public static let reportingSymbol = ""
    public static let example = "1.1"
    public static let displayDigits = 4
    public static var acceptedUnitsDescription: String { "a plain number such as 1.1, or 10x" }
}

/// A growth rate, compounding once a year: `15%/y`.
public enum GrowthDimension: TabulatedDimension {
    public static let key = "growth"
    public static var units: [UnitDefinition] { UnitTable.growth }
    public static let displaySymbols = ["%/y"]
    public static let reportingSymbol = "/y"
    public static let example = "15%/y"
    public static var acceptedUnitsDescription: String { "a percentage per year such as 15%/y or -3%/y" }
}

/// A currency: amounts in different currencies are different dimensions, so they never mix
/// (co2e has no exchange rates, which would be numbers that model the world).
public protocol Currency: Sendable {
    /// ISO 4217 code: `USD`.
    static var code: String { get }
    /// Symbols that stand for it: `$`, `US$`.
    static var symbols: [String] { get }
}

public enum USD: Currency {
    public static let code = "USD"
    public static let symbols = ["$", "US$"]
}

public enum EUR: Currency {
    public static let code = "EUR"
    public static let symbols = ["€"]
}

public enum GBP: Currency {
    public static let code = "GBP"
    public static let symbols = ["£"]
}

/// Money in currency `C`, base unit one unit of it. Written `$350`, `350 USD`, `$1.7B`.
public enum MoneyDimension<C: Currency>: PhysicalDimension {
    public static var key: String { "money:" + C.code }
    public static var name: String { "money in \(C.code)" }
    static var scales: [UnitDefinition] {
        [UnitDefinition("", 1), UnitDefinition("k", 1e3), UnitDefinition("M", 1e6, aliases: ["million", "mn"]),
         UnitDefinition("B", 1e9, aliases: ["billion", "bn"])]
    }

    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        for mark in [C.code] + C.symbols {
            guard symbol.hasSuffix(mark) else { continue }
            let scale = String(symbol.dropLast(mark.count)).trimmingSpaces
            if case let .unit(s) = lookUpUnit(scale, in: scales, ignoringCase: false) {
                return .unit(UnitDefinition(symbol, s.inBaseUnits))
            }
        }
        return .unknown
    }

    public static var displayUnits: [UnitDefinition] {
        [UnitDefinition(C.code, 1), UnitDefinition("million " + C.code, 1e6), UnitDefinition("billion " + C.code, 1e9)]
    }
    public static var reportingUnit: UnitDefinition { UnitDefinition(C.code, 1) }
    public static var perUnit: UnitDefinition { UnitDefinition(C.code, 1) }
    public static var example: String { "\(C.symbols.first ?? "")350" }
    public static var acceptedUnitsDescription: String { "an amount such as \(C.symbols.first ?? "")350, 350 \(C.code) or \(C.symbols.first ?? "")1.7B" }
    public static var suggestedSymbols: [String] { [C.code] + C.symbols }
    public static var displayDigits: Int { 4 }
}

/// `N` per `D`: power is energy per duration, an emission intensity mass per energy, a price
/// money per mass, a volume counts per duration.
public enum Per<N: PhysicalDimension, D: PhysicalDimension>: PhysicalDimension {
    public static var key: String { N.key + "/" + D.key }
    public static var name: String { UnitTable.compositeNames[key] ?? "\(N.name) per \(D.name)" }
    @inlinable public static var baseDivisor: Double { UnitTable.compositeDivisor(N.self, D.self) }

    public static func resolveUnit(_ symbol: String) -> UnitResolution {
        if let named = UnitTable.compositeUnits[key] {
            for u in named where u.symbol == symbol || u.aliases.contains(symbol) { return .unit(u) }
            if D.self == DurationDimension.self || N.self == EnergyDimension.self {
                // Power units ignore case as energy units do (kw, MW), but never m for M.
                if case let .unit(u) = lookUpUnit(symbol, in: named, ignoringCase: true) { return .unit(u) }
                if case let .refused(why) = lookUpUnit(symbol, in: named, ignoringCase: true) { return .refused(why) }
            }
        }
        // The last slash splits numerator from denominator: `g/kWh`, `$/t`, `/day`, `Wh/query`.
        guard let slash = symbol.lastIndex(of: "/") else { return .unknown }
        let top = String(symbol[..<slash]).trimmingSpaces
        var bottom = String(symbol[symbol.index(after: slash)...]).trimmingSpaces
        if bottom.hasPrefix("per ") { bottom = String(bottom.dropFirst(4)) }
        switch (N.resolveUnit(top), D.resolveUnit(bottom)) {
        case let (.unit(n), .unit(d)):
            return .unit(UnitDefinition(symbol, n.inBaseUnits / d.inBaseUnits * baseDivisor))
        case let (.refused(why), _), let (_, .refused(why)):
            return .refused(why)
        default:
            return .unknown
        }
    }

    public static var displayUnits: [UnitDefinition] {
        if let symbols = UnitTable.compositeDisplay[key] {
            return symbols.compactMap { s in if case let .unit(u) = resolveUnit(s) { return u } else { return nil } }
        }
        return N.displayUnits.map { n in
            let u = n.per(D.perUnit)
            return UnitDefinition(u.symbol, u.inBaseUnits * baseDivisor)
        }
    }

    public static var reportingUnit: UnitDefinition {
        if let s = UnitTable.compositeReporting[key], case let .unit(u) = resolveUnit(s) { return u }
        let u = N.reportingUnit.per(D.reportingUnit)
        return UnitDefinition(u.symbol, u.inBaseUnits * baseDivisor)
    }

    public static var perUnit: UnitDefinition { reportingUnit }

    public static var example: String {
        switch key {
        case "energy/duration": return "400W"
        case "mass/energy": return "429g/kWh"
        default: return exampleNumber + displayUnits[min(1, displayUnits.count - 1)].symbol
        }
    }
    private static var exampleNumber: String { "2.9" }

    public static var acceptedUnitsDescription: String {
        switch key {
        case "energy/duration": return "W, kW, MW, GW, TW, or an energy per time such as TWh/y"
        case "mass/energy": return "a mass unit over an energy unit, e.g. g/kWh, gCO2e/kWh, kg/kWh, kg/MWh, t/MWh, lb/MWh"
        default: return "a unit of \(N.name) over a unit of \(D.name), e.g. \(example)"
        }
    }

    public static var suggestedSymbols: [String] {
        (UnitTable.compositeUnits[key] ?? []).map(\.symbol) + displayUnits.map(\.symbol)
    }

    /// Intensities print as their sources publish them (383.549, 103.37), so that the printed
    /// energy x factor gives the printed emissions.
    public static var displayDigits: Int { key == "mass/energy" ? 6 : 4 }
}

public typealias Energy = Quantity<EnergyDimension>
/// A span of time. (Named `TimeSpan`, not `Duration`, to stay clear of `Swift.Duration`.)
public typealias TimeSpan = Quantity<DurationDimension>
public typealias Mass = Quantity<MassDimension>
public typealias Count = Quantity<CountDimension>
public typealias Share = Quantity<ShareDimension>
public typealias Ratio = Quantity<RatioDimension>
public typealias Growth = Quantity<GrowthDimension>
public typealias Dollars = Quantity<MoneyDimension<USD>>
/// Energy per time: a device's power (W) or an annual consumption (TWh/y) alike.
public typealias Power = Quantity<Per<EnergyDimension, DurationDimension>>
/// Emission intensity: mass of CO2e per unit of energy (g/kWh).
public typealias Intensity = Quantity<Per<MassDimension, EnergyDimension>>
/// Emissions per time (Mt/y).
public typealias EmissionRate = Quantity<Per<MassDimension, DurationDimension>>
/// Things per time (queries per day).
public typealias Volume = Quantity<Per<CountDimension, DurationDimension>>
/// Energy per thing (Wh/query).
public typealias EnergyPerItem = Quantity<Per<EnergyDimension, CountDimension>>
/// Emissions per thing (kg/device).
public typealias MassPerItem = Quantity<Per<MassDimension, CountDimension>>
/// A price per tonne of CO2e, in US dollars ($/t).
public typealias DollarsPerMass = Quantity<Per<MoneyDimension<USD>, MassDimension>>

/// The dimension of `Power`: energy per duration.
public typealias PowerDimension = Per<EnergyDimension, DurationDimension>
/// The dimension of `Intensity`: mass per energy.
public typealias IntensityDimension = Per<MassDimension, EnergyDimension>
