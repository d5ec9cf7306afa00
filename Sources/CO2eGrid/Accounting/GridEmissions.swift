import CO2eCore

/// One grid's emission figures for an amount of energy, as typed values: the intensity applied,
/// the location-based emissions, and the net and market-based ones where they were asked for.
/// In a comparison of grids it also has its ratio to the lowest grid and its difference from it.
public struct GridEmissions: Sendable, Hashable {
    /// The grid's short name: the zone (`US`, `eGRID:SRVC`), the cloud region, or "given 425 g/kWh".
    public let name: String
    /// The grid factors the intensity comes from (one from a table, several with every source,
    /// none for a given intensity), with their zone, year and source.
    package let gridFactors: [GridFactor]
    /// The intensity applied for the location-based figure.
    public let intensity: Figure<IntensityDimension>
    /// Location-based emissions: the energy at the grid's average intensity.
    public let locationBased: Figure<MassDimension>
    /// Net emissions, with carbon-free energy matched; nil when none was given.
    public let net: Figure<MassDimension>?
    /// Market-based emissions (GHG Protocol Scope 2); nil without market instruments.
    public let marketBased: Figure<MassDimension>?
    /// The emission figures with the keys and labels the trail gives them: location-based,
    /// then market-based and net where computed.
    package var namedMasses: [(key: String, label: String, mass: Figure<MassDimension>)] {
        var out = [(EmissionResult.locationBased.key, EmissionResult.locationBased.label, locationBased)]
        if let marketBased { out.append((EmissionResult.marketBased.key, EmissionResult.marketBased.label, marketBased)) }
        if let net { out.append((EmissionResult.net.key, EmissionResult.net.label, net)) }
        return out
    }
    /// In a comparison: this grid's location-based figure over the lowest grid's (1 for the
    /// lowest); nil outside a comparison, or when the lowest is 0.
    package let ratioToLowest: Figure<RatioDimension>?
    /// In a comparison: this grid's location-based figure less the lowest grid's (0 for the
    /// lowest); nil outside a comparison.
    package let differenceToLowest: Figure<MassDimension>?
}

extension ElectricityAccounting.Variables {
    /// The figures of one evaluation, typed (`ratio` and `difference` in a comparison).
    package func emissions(_ e: Evaluation, of accounting: ElectricityAccounting, ratio: Variable<RatioDimension>? = nil,
                   difference: Variable<MassDimension>? = nil) -> GridEmissions {
        let factors: [GridFactor]
        switch accounting.location {
        case let .gridFactor(f): factors = [f]
        case let .sources(list): factors = list
        case .given: factors = []
        }
        return GridEmissions(name: accounting.name, gridFactors: factors, intensity: e.figure(intensity),
                             locationBased: e.figure(locationBased), net: net.map { e.figure($0) }, marketBased: market.map { e.figure($0.mass) },
                             ratioToLowest: ratio.flatMap { e.interval($0).isFinite ? e.figure($0) : nil },
                             differenceToLowest: difference.map { e.figure($0) })
    }
}

/// The warning for grid factors that count lifecycle emissions, said once for every such
/// factor in an estimate. (A front end may add where to compare them: the library names no
/// command.)
enum LifecycleNote {
    static let key = "lifecycle_factor"

    /// The warning for `factors` (those on a lifecycle basis among them), or nil when none is.
    static func warning(for factors: [GridFactor]) -> String? {
        var named: [String] = []
        for f in factors where f.basis == .lifecycle {
            let name = "\(f.zone) \(f.year)"
            if !named.contains(name) { named.append(name) }
        }
        guard let last = named.last else { return nil }
        let subject = named.count == 1 ? last + " is a lifecycle factor: besides combustion it counts"
            : named.dropLast().joined(separator: ", ") + " and " + last + " are lifecycle factors: besides combustion they count"
        return "\(subject) fuel supply, methane leaks and plant construction. A GHG Protocol scope 2 inventory counts combustion only (upstream emissions go to scope 3, category 3); for scope 2 use an operational (combustion) factor where one is published, such as EPA eGRID's for US subregions."
    }
}
