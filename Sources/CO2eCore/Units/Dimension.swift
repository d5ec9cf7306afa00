import Synchronization

/// A physical dimension: energy, mass, a duration, or a composite such as mass per energy.
///
/// A dimension is a type with no values; it names what a `Quantity` measures. Base dimensions
/// (energy, duration, mass, count, compute, share, ratio, money, growth) list their units in
/// `UnitTable`; composites are `Per<N, D>` and derive theirs, so a new dimension needs no
/// hand-written operator: `Quantity<Per<N, D>> * Quantity<D>` is `Quantity<N>` for every pair.
public protocol PhysicalDimension: Sendable {
    /// How co2e names, reads and prints quantities of this dimension: its key, its units, the
    /// unit JSON reports, an example for messages. Built once per dimension.
    static var descriptor: DimensionDescriptor { get }
}

/// What co2e knows of one dimension: its names, the units it reads and prints, and examples
/// for messages. Its parts are co2e's own machinery; a caller passes dimensions as types.
public struct DimensionDescriptor: Sendable {
    /// The dimension's key in composites and tables: `energy`, `mass/energy`.
    package let key: String
    /// The dimension's name in messages: `energy`, `emission intensity`.
    package let name: String
    /// How many base units one symbol is, or why the symbol is refused.
    package let resolve: @Sendable (String) -> UnitResolution
    /// Units co2e picks from when printing, smallest first.
    package var displayUnits: [UnitDefinition] { madeDisplayUnits.value }
    /// The unit JSON reports values in (`kWh`, `W`, `g/kWh`).
    package let reportingUnit: UnitDefinition
    /// The unit a composite uses when this dimension is its denominator (`y` for durations:
    /// `TWh/y`, `t/y`).
    package let perUnit: UnitDefinition
    /// An example input, for error messages.
    package var example: String { makeExample() }
    /// The units accepted on input, for error messages.
    package var acceptedUnits: String { makeAcceptedUnits() }
    /// Unit symbols to suggest from when a unit is not known.
    package var suggestedSymbols: [String] { makeSuggestedSymbols() }
    /// Significant digits when printed.
    package let displayDigits: Int

    // Made when asked for: a composite's are string work that a small estimate mostly never
    // needs (messages, suggestions). The display units, which every printed figure reads, are
    // made on first use and kept.
    private let madeDisplayUnits: MadeOnce<[UnitDefinition]>
    private let makeExample: @Sendable () -> String
    private let makeAcceptedUnits: @Sendable () -> String
    private let makeSuggestedSymbols: @Sendable () -> [String]

    package init(key: String, name: String, resolve: @escaping @Sendable (String) -> UnitResolution,
                 displayUnits: @escaping @autoclosure @Sendable () -> [UnitDefinition],
                 reportingUnit: UnitDefinition, perUnit: UnitDefinition,
                 example: @escaping @autoclosure @Sendable () -> String,
                 acceptedUnits: @escaping @autoclosure @Sendable () -> String,
                 suggestedSymbols: @escaping @autoclosure @Sendable () -> [String], displayDigits: Int) {
        self.key = key
        self.name = name
        self.resolve = resolve
        self.madeDisplayUnits = MadeOnce(displayUnits)
        self.reportingUnit = reportingUnit
        self.perUnit = perUnit
        self.makeExample = example
        self.makeAcceptedUnits = acceptedUnits
        self.makeSuggestedSymbols = suggestedSymbols
        self.displayDigits = displayDigits
    }

    /// A base dimension whose units are one table in `UnitTable`. `resolve` replaces the plain
    /// table lookup where a dimension reads more (gas suffixes after a mass, nouns after a count).
    package static func tabulated(
        key: String, units: [UnitDefinition], ignoringCase: Bool = false, displaySymbols: [String],
        reportingSymbol: String, perSymbol: String? = nil, example: String, acceptedUnits: String? = nil,
        displayDigits: Int = 4, resolve: (@Sendable (String) -> UnitResolution)? = nil
    ) -> DimensionDescriptor {
        func unit(_ symbol: String) -> UnitDefinition {
            guard let u = units.first(where: { $0.symbol == symbol }) else {
                preconditionFailure("\(symbol) is not in the \(key) unit table")
            }
            return u
        }
        let symbols = units.map(\.symbol).filter { !$0.isEmpty }
        let display = displaySymbols.map(unit)
        let accepted = acceptedUnits ?? symbols.joined(separator: ", ")
        return DimensionDescriptor(
            key: key, name: key,
            resolve: resolve ?? { lookUpUnit($0, in: units, ignoringCase: ignoringCase) },
            displayUnits: display, reportingUnit: unit(reportingSymbol),
            perUnit: unit(perSymbol ?? reportingSymbol), example: example,
            acceptedUnits: accepted, suggestedSymbols: symbols, displayDigits: displayDigits)
    }
}

extension PhysicalDimension {
    /// The dimension's key in composites and tables: `energy`, `mass/energy`.
    package static var key: String { descriptor.key }
    /// The dimension's name in messages: `energy`, `emission intensity`.
    package static var name: String { descriptor.name }
    /// How many base units one `symbol` is, or why the symbol is refused.
    package static func resolveUnit(_ symbol: String) -> UnitResolution { descriptor.resolve(symbol) }
    /// Units co2e picks from when printing, smallest first.
    package static var displayUnits: [UnitDefinition] { descriptor.displayUnits }
    /// The unit JSON reports values in.
    package static var reportingUnit: UnitDefinition { descriptor.reportingUnit }
    /// The unit a composite uses when this dimension is its denominator.
    package static var perUnit: UnitDefinition { descriptor.perUnit }
    /// An example input, for error messages.
    package static var example: String { descriptor.example }
    /// The units accepted on input, for error messages.
    package static var acceptedUnitsDescription: String { descriptor.acceptedUnits }
    /// Unit symbols to suggest from when a unit is not known.
    package static var suggestedSymbols: [String] { descriptor.suggestedSymbols }
    /// Significant digits when printed.
    package static var displayDigits: Int { descriptor.displayDigits }
}

/// The outcome of looking a unit symbol up in a dimension's table.
package enum UnitResolution: Sendable, Equatable {
    case unit(UnitDefinition)
    case refused(String)
    case unknown
}

package func lookUpUnit(_ symbol: String, in table: [UnitDefinition], ignoringCase: Bool) -> UnitResolution {
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
public enum EnergyDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "energy", units: UnitTable.energy, ignoringCase: true,
        displaySymbols: ["Wh", "kWh", "MWh", "GWh", "TWh", "PWh"], reportingSymbol: "kWh", example: "50GWh")
}

/// A span of time, base unit the hour.
public enum DurationDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "duration", units: UnitTable.duration, ignoringCase: true,
        displaySymbols: ["h"], reportingSymbol: "h", perSymbol: "y", example: "2160h")
}

/// A mass of CO2-equivalent gases, base unit kg.
public enum MassDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        // No kt: figures read in tonnes up to a million, as reports print them.
        key: "mass", units: UnitTable.mass, displaySymbols: ["g", "kg", "t", "Mt", "Gt"],
        reportingSymbol: "kg", perSymbol: "t", example: "552.1t",
        resolve: { symbol in
            var s = symbol
            for suffix in UnitTable.gasSuffixes where s.hasSuffix(suffix) && s.count > suffix.count {
                s.removeLast(suffix.count)
                break
            }
            if let why = UnitTable.ambiguousMassUnits[s.lowercased()],
               lookUpUnit(s, in: UnitTable.mass, ignoringCase: false) == .unknown {
                return .refused(why)
            }
            return lookUpUnit(s, in: UnitTable.mass, ignoringCase: false)
        })
}

/// A number of things (queries, devices), base unit one item.
public enum CountDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "count", units: UnitTable.count, displaySymbols: [""], reportingSymbol: "", example: "30.84M",
        acceptedUnits: "a plain number, optionally with k, M, B (billion) or T (trillion): 9e9, 30.84M, 2.5B",
        displayDigits: 6,
        resolve: { symbol in
            // `2.5B queries`, `1.2k devices`: a scale, then the thing counted.
            let words = symbol.split(separator: " ", maxSplits: 1).map(String.init)
            if words.count == 2, UnitTable.countNouns.contains(words[1]) {
                return lookUpUnit(words[0], in: UnitTable.count, ignoringCase: false)
            }
            if UnitTable.countNouns.contains(symbol) { return .unit(UnitDefinition(symbol, 1)) }
            return lookUpUnit(symbol, in: UnitTable.count, ignoringCase: false)
        })
}

/// An amount of computation, base unit one floating-point operation (FLOP). Its rate,
/// `Per<ComputeDimension, DurationDimension>` (`ComputeRateDimension`), prints in FLOP/s.
public enum ComputeDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "compute", units: UnitTable.compute,
        displaySymbols: ["FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP", "ZFLOP"],
        reportingSymbol: "FLOP", example: "2e14FLOP")
}

/// A share of a whole, 0 to 1, written as a fraction (0.73) or a percentage (73%).
public enum ShareDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "share", units: UnitTable.share, displaySymbols: ["%"], reportingSymbol: "", example: "73%",
        acceptedUnits: "a percentage such as 73% or a fraction such as 0.73")
}

/// A dimensionless multiplier: a PUE, a ratio between two figures.
public enum RatioDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "ratio", units: UnitTable.ratio, displaySymbols: [""], reportingSymbol: "", example: "1.1",
        acceptedUnits: "a plain number such as 1.1, or 10x")
}

/// A growth rate, compounding once a year: `15%/y`.
public enum GrowthDimension: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static let descriptor = DimensionDescriptor.tabulated(
        key: "growth", units: UnitTable.growth, displaySymbols: ["%/y"], reportingSymbol: "/y", example: "15%/y",
        acceptedUnits: "a percentage per year such as 15%/y or -3%/y")
}

/// A value made on first use and kept (made outside the lock: making it may look up others).
final class MadeOnce<Value: Sendable>: Sendable {
    private let made = Mutex<Value?>(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        if let known = made.withLock({ $0 }) { return known }
        let value = make()
        made.withLock { if $0 == nil { $0 = value } }
        return value
    }
}

/// Descriptors of generic dimensions (`Per<N, D>`, `MoneyDimension<C>`), built once per type:
/// a generic type has no stored statics of its own, and building one takes string work and
/// table lookups that a printed figure should not repeat.
enum DescriptorCache {
    private static let built = Mutex<[ObjectIdentifier: DimensionDescriptor]>([:])

    static func descriptor(of type: Any.Type, build: () -> DimensionDescriptor) -> DimensionDescriptor {
        let id = ObjectIdentifier(type)
        if let known = built.withLock({ $0[id] }) { return known }
        // Built outside the lock: a composite's parts may be composites, which look themselves up.
        let made = build()
        built.withLock { $0[id] = made }
        return made
    }
}

/// A currency: amounts in different currencies are different dimensions, so they never mix
/// (co2e has no exchange rates, which would be numbers that model the world).
public protocol Currency: Sendable {
    /// ISO 4217 code: `USD`.
    static var code: String { get }
    /// Symbols that stand for it: `$`, `US$`.
    static var symbols: [String] { get }
}

/// The United States dollar.
public enum USD: Currency {
    /// Its ISO 4217 code.
    public static let code = "USD"
    /// Its symbols.
    public static let symbols = ["$", "US$"]
}

/// The euro.
package enum EUR: Currency {
    package static let code = "EUR"
    package static let symbols = ["€"]
}

/// The pound sterling.
package enum GBP: Currency {
    package static let code = "GBP"
    package static let symbols = ["£"]
}

/// Money in currency `C`, base unit one unit of it. Written `$350`, `350 USD`, `$1.7B`.
public enum MoneyDimension<C: Currency>: PhysicalDimension {
    /// The dimension's key, units and examples.
    public static var descriptor: DimensionDescriptor {
        DescriptorCache.descriptor(of: Self.self) {
            let scales = [UnitDefinition("", 1), UnitDefinition("k", 1e3), UnitDefinition("M", 1e6, aliases: ["million", "mn"]),
                          UnitDefinition("B", 1e9, aliases: ["billion", "bn"])]
            let marks = [C.code] + C.symbols
            let mark = C.symbols.first ?? ""
            return DimensionDescriptor(
                key: "money:" + C.code, name: "money in \(C.code)",
                resolve: { symbol in
                    for m in marks {
                        guard symbol.hasSuffix(m) else { continue }
                        let scale = String(symbol.dropLast(m.count)).trimmingSpaces
                        if case let .unit(s) = lookUpUnit(scale, in: scales, ignoringCase: false) {
                            return .unit(UnitDefinition(symbol, s.inBaseUnits))
                        }
                    }
                    return .unknown
                },
                displayUnits: [UnitDefinition(C.code, 1), UnitDefinition("million " + C.code, 1e6),
                               UnitDefinition("billion " + C.code, 1e9)],
                reportingUnit: UnitDefinition(C.code, 1), perUnit: UnitDefinition(C.code, 1),
                example: "\(mark)350",
                acceptedUnits: "an amount such as \(mark)350, 350 \(C.code) or \(mark)1.7B",
                suggestedSymbols: marks, displayDigits: 4)
        }
    }
}

/// `N` per `D`: power is energy per duration, an emission intensity mass per energy, a price
/// money per mass, a volume counts per duration.
public enum Per<N: PhysicalDimension, D: PhysicalDimension>: PhysicalDimension {
    /// How much smaller the stored unit is than the parts' base units: 1 but for power (in W)
    /// and intensity (in g/kWh); see `UnitTable.compositeDivisor`.
    @inlinable package static var baseDivisor: Double { UnitTable.compositeDivisor(N.self, D.self) }

    /// The dimension's key, units and examples.
    public static var descriptor: DimensionDescriptor {
        DescriptorCache.descriptor(of: Self.self, build: build)
    }

    private static func build() -> DimensionDescriptor {
        let key = N.key + "/" + D.key
        let name = UnitTable.compositeNames[key] ?? "\(N.name) per \(D.name)"
        let divisor = baseDivisor
        let named = UnitTable.compositeUnits[key]
        let ignoreCase = D.self == DurationDimension.self || N.self == EnergyDimension.self
        let resolve: @Sendable (String) -> UnitResolution = { symbol in
            if let named {
                for u in named where u.symbol == symbol || u.aliases.contains(symbol) { return .unit(u) }
                if ignoreCase {
                    // Power units ignore case as energy units do (kw, MW), but never m for M.
                    let found = lookUpUnit(symbol, in: named, ignoringCase: true)
                    if found != .unknown { return found }
                }
            }
            // The last slash splits numerator from denominator: `g/kWh`, `$/t`, `/day`, `Wh/query`.
            guard let slash = symbol.lastIndex(of: "/") else { return .unknown }
            let top = String(symbol[..<slash]).trimmingSpaces
            var bottom = String(symbol[symbol.index(after: slash)...]).trimmingSpaces
            if bottom.hasPrefix("per ") { bottom = String(bottom.dropFirst(4)) }
            switch (N.resolveUnit(top), D.resolveUnit(bottom)) {
            case let (.unit(n), .unit(d)):
                return .unit(UnitDefinition(symbol, n.inBaseUnits / d.inBaseUnits * divisor))
            case let (.refused(why), _), let (_, .refused(why)):
                return .refused(why)
            default:
                return .unknown
            }
        }
        @Sendable func resolved(_ s: String) -> UnitDefinition? {
            if case let .unit(u) = resolve(s) { return u } else { return nil }
        }
        @Sendable func displayUnits() -> [UnitDefinition] {
            if let symbols = UnitTable.compositeDisplay[key] { return symbols.compactMap(resolved) }
            return N.displayUnits.map { n in
                let u = n.per(D.perUnit)
                return UnitDefinition(u.symbol, u.inBaseUnits * divisor)
            }
        }
        @Sendable func example() -> String {
            switch key {
            case "energy/duration": return "400W"
            case "mass/energy": return "429g/kWh"
            default:
                let units = displayUnits()
                return "2.9" + units[min(1, units.count - 1)].symbol
            }
        }
        @Sendable func accepted() -> String {
            switch key {
            case "energy/duration": return "W, kW, MW, GW, TW, or an energy per time such as TWh/y"
            case "mass/energy": return "a mass unit over an energy unit, e.g. g/kWh, gCO2e/kWh, kg/kWh, kg/MWh, t/MWh, lb/MWh"
            default: return "a unit of \(N.name) over a unit of \(D.name), e.g. \(example())"
            }
        }
        let reportingUnit: UnitDefinition
        if let s = UnitTable.compositeReporting[key], let u = resolved(s) {
            reportingUnit = u
        } else {
            let u = N.reportingUnit.per(D.reportingUnit)
            reportingUnit = UnitDefinition(u.symbol, u.inBaseUnits * divisor)
        }
        return DimensionDescriptor(
            key: key, name: name, resolve: resolve, displayUnits: displayUnits(),
            reportingUnit: reportingUnit, perUnit: reportingUnit, example: example(), acceptedUnits: accepted(),
            suggestedSymbols: (named ?? []).map(\.symbol) + displayUnits().map(\.symbol),
            // Intensities print as their sources publish them (383.549, 103.37), so that the
            // printed energy x factor gives the printed emissions.
            displayDigits: key == "mass/energy" ? 6 : 4)
    }
}

/// Energy (base unit kWh).
public typealias Energy = Quantity<EnergyDimension>
/// A span of time. (Named `TimeSpan`, not `Duration`, to stay clear of `Swift.Duration`.)
public typealias TimeSpan = Quantity<DurationDimension>
/// A mass of CO2e (base unit kg).
public typealias Mass = Quantity<MassDimension>
/// A number of things: devices, queries.
package typealias Count = Quantity<CountDimension>
/// A share of a whole, as a fraction of 1.
package typealias Share = Quantity<ShareDimension>
/// A dimensionless multiplier, such as a PUE.
package typealias Ratio = Quantity<RatioDimension>
/// A growth rate per year, compounding yearly.
package typealias Growth = Quantity<GrowthDimension>
/// An amount of US dollars.
package typealias Dollars = Quantity<MoneyDimension<USD>>
/// Energy per time: a device's power (W) or an annual consumption (TWh/y) alike.
public typealias Power = Quantity<Per<EnergyDimension, DurationDimension>>
/// Emission intensity: mass of CO2e per unit of energy (g/kWh).
public typealias Intensity = Quantity<Per<MassDimension, EnergyDimension>>
/// Emissions per time (Mt/y).
package typealias EmissionRate = Quantity<Per<MassDimension, DurationDimension>>
/// Things per time (queries per day).
package typealias Volume = Quantity<Per<CountDimension, DurationDimension>>
/// Energy per thing (Wh/query).
package typealias EnergyPerItem = Quantity<Per<EnergyDimension, CountDimension>>
/// Emissions per thing (kg/device).
package typealias MassPerItem = Quantity<Per<MassDimension, CountDimension>>
/// A price per tonne of CO2e, in US dollars ($/t).
package typealias DollarsPerMass = Quantity<Per<MoneyDimension<USD>, MassDimension>>

/// An amount of computation (FLOP).
package typealias Compute = Quantity<ComputeDimension>
/// The dimension of a compute rate: FLOP per duration (printed in FLOP/s).
public typealias ComputeRateDimension = Per<ComputeDimension, DurationDimension>
/// Computation per time: an accelerator's peak (989 TFLOP/s).
package typealias ComputeRate = Quantity<ComputeRateDimension>

/// The dimension of `Power`: energy per duration.
public typealias PowerDimension = Per<EnergyDimension, DurationDimension>
/// The dimension of `Intensity`: mass per energy.
public typealias IntensityDimension = Per<MassDimension, EnergyDimension>
