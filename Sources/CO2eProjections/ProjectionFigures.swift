import CO2eCore
import CO2eGrid

/// One year of a projection, for a scenario or one of its regions: electricity (nil for a
/// scenario whose path is emissions) and emissions, as typed figures with their spreads.
public struct ProjectionYear: Sendable, Hashable {
    /// The calendar year.
    public let year: Int
    /// Data-centre electricity in the year; nil for an emissions path.
    public let electricity: Figure<EnergyDimension>?
    /// Electricity x grid intensity (or, for an emissions path, the total less the embodied share).
    package let operational: Figure<MassDimension>
    /// Construction and hardware, where the scenario counts them (else zero).
    package let embodied: Figure<MassDimension>
    /// Operational + embodied.
    public let total: Figure<MassDimension>
}

/// Emissions summed over a span of years, inclusive.
public struct ProjectionSpan: Sendable, Hashable {
    /// The first and last years summed.
    public let years: ClosedRange<Int>
    /// The emissions summed over the years.
    public let total: Figure<MassDimension>
    package let operational: Figure<MassDimension>
    package let embodied: Figure<MassDimension>
}

/// One region of a scenario, year by year.
package struct ProjectionRegionPath: Sendable, Hashable {
    /// The region's id (`us`, `europe`).
    package let id: String
    /// The region's name as the source gives it (control characters escaped).
    package let name: String
    /// The base year to the last year, in order.
    package let years: [ProjectionYear]
}

/// What a projection found for one scenario, as typed figures: the trail (`Estimate`) is
/// derived from these.
public struct ScenarioProjection: Sendable, Hashable {
    /// The scenario's id.
    public let id: String
    /// The scenario's title (control characters escaped).
    public let title: String
    /// The whole scenario (the sum of its regions), from the base year to the last year.
    public let years: [ProjectionYear]
    /// Each region, in the scenario's order (one for a single-region scenario).
    package let regions: [ProjectionRegionPath]
    /// The last year's figures: the headline.
    public let headline: ProjectionYear
    /// The cumulative span asked for, if one was.
    public let cumulative: ProjectionSpan?

    /// The figures of `year`, or nil when the run does not reach it.
    package func year(_ year: Int) -> ProjectionYear? { years.first { $0.year == year } }
}

extension Figure {
    /// The figure printed in `unit`: `19,177–23,013 tCO2e`.
    func text(unit: String? = nil) -> String { Quantity<D>.format(spread.interval, unit: unit) }
}
