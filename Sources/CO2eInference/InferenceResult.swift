import CO2eCore
import CO2eGrid

/// An inference estimate's figures as typed values, with the trail they were described in
/// (built from the same evaluation).
public struct InferenceResult: Sendable {
    /// The energy of one query at the facility (overhead included).
    public let perQuery: Figure<EnergyDimension>
    /// Queries per kWh at the facility.
    public let queriesPerKilowattHour: Figure<CountDimension>
    /// How many baseline queries use the energy of one, with a baseline to compare with.
    public let baselineMultiple: Figure<RatioDimension>?
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
    public let publishedCarbon: Figure<MassDimension>?
    /// The break-even with a training run, when its energy was given.
    public let breakEven: BreakEven?
    /// The trail: every step, source, warning and assumption, as the CLI prints it.
    public let trail: Estimate

    /// Inference against a training run.
    public struct BreakEven: Sendable {
        /// The training run's energy (facility).
        public let trainingEnergy: Figure<EnergyDimension>
        /// How many queries use the training run's energy.
        public let queries: Figure<CountDimension>
        /// After how long the volume's queries have used as much, with a volume (infinite when a
        /// falling volume never gets there).
        public let time: Figure<DurationDimension>?
        /// The period's inference energy over the training energy, with a volume.
        public let inferenceOverTraining: Figure<RatioDimension>?
        /// The training run's emissions on the grid, with one grid.
        public let training: GridEmissions?
    }

    /// The first grid's location-based emissions, when a grid or intensity was given.
    public var locationBased: Figure<MassDimension>? { grids.first?.locationBased }
}
