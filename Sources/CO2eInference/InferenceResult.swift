import CO2eCore
import CO2eGrid

/// An inference estimate's figures as typed values, with the trail they were described in
/// (built from the same evaluation).
public struct InferenceResult: Sendable {
    /// The energy of one query at the facility (overhead included).
    public let perQuery: Figure<EnergyDimension>
    /// Queries per kWh at the facility.
    package let queriesPerKilowattHour: Figure<CountDimension>
    /// How many baseline queries use the energy of one, with a baseline to compare with.
    package let baselineMultiple: Figure<RatioDimension>?
    /// The queries over the period, with a volume.
    public let queries: Figure<CountDimension>?
    /// The energy over the period, with a volume.
    public let periodEnergy: Figure<EnergyDimension>?
    /// The emissions of the energy (the period's, else one query's), one entry per grid; empty
    /// without a grid or an intensity.
    public let grids: [GridEmissions]
    /// The location-based emissions of one query, with one grid and a volume.
    public let emissionsPerQuery: Figure<MassDimension>?
    /// The period's emissions at a published figure's own carbon rate, where it has one.
    package let publishedCarbon: Figure<MassDimension>?
    /// The break-even with a training run, when its energy was given.
    package let breakEven: BreakEven?
    /// The queries' share of the hardware's embodied emissions, when asked for.
    package let embodied: Figure<MassDimension>?
    /// The trail: every step, source, warning and assumption, as the CLI prints it.
    public let trail: Estimate

    /// Inference against a training run.
    package struct BreakEven: Sendable {
        /// The training run's energy (facility).
        package let trainingEnergy: Figure<EnergyDimension>
        /// How many queries use the training run's energy.
        package let queries: Figure<CountDimension>
        /// After how long the volume's queries have used as much, with a volume (infinite when a
        /// falling volume never gets there).
        package let time: Figure<DurationDimension>?
        /// The period's inference energy over the training energy, with a volume.
        package let inferenceOverTraining: Figure<RatioDimension>?
        /// The training run's emissions on the grid, with one grid.
        package let training: GridEmissions?
    }

    /// The first grid's location-based emissions, when a grid or intensity was given.
    public var locationBased: Figure<MassDimension>? { grids.first?.locationBased }
}

extension InferenceRun {
    /// The run a published scenario describes: its per-query figure, volume, period (unless
    /// `period` is given) and baseline, with the caller's PUE, growth, training energy and grids.
    ///
    /// - Throws: `CO2eError.invalidData` naming the scenario when one of its figures or
    ///   numbers cannot be read.
    public init(scenario s: InferenceScenario, pue: Uncertain<RatioDimension>? = nil, period: Uncertain<DurationDimension>? = nil, growth: Uncertain<GrowthDimension>? = nil,
                trainingEnergy: Uncertain<EnergyDimension>? = nil, electricity: [ElectricityAccounting] = []) throws {
        func read<D>(_ text: String, _ key: String, as: D.Type) throws -> Uncertain<D> {
            do { return try Quantity<D>.parseRange(text) } catch {
                throw CO2eError.data("scenario \(s.id): \(key) '\(text)' is not \(D.name)", file: s.origin)
            }
        }
        let baseline = try s.baseline.map { PerQuerySource.figure(try InferenceCatalog.figure($0, field: "scenario")) }
        self.init(perQuery: .source(.figure(try InferenceCatalog.figure(s.perQuery, field: "scenario"))), pue: pue, baseline: baseline,
                  volume: try read(s.queries, "queries", as: Per<CountDimension, DurationDimension>.self),
                  period: try period ?? read(s.period, "period", as: DurationDimension.self),
                  growth: growth, trainingEnergy: trainingEnergy, electricity: electricity, scenario: s)
    }
}
