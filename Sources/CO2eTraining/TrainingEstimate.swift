import CO2eCore
import CO2eGrid

/// A training run's emissions: its energy, then the grid's emissions for that energy.
public struct TrainingRun: Sendable {
    /// The run's electricity, in one of the forms publications give.
    package var energy: TrainingEnergy
    /// How that electricity becomes emissions.
    package var electricity: ElectricityAccounting

    /// A run from its energy and its electricity accounting.
    public init(energy: TrainingEnergy, electricity: ElectricityAccounting) {
        self.energy = energy
        self.electricity = electricity
    }

    /// The estimate as typed figures, with its trail: energy steps, the grid factor, and the
    /// emission figures.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs, naming the field.
    /// With `sampling` (or with a distribution among the inputs) the figures are Monte Carlo
    /// percentiles of the same formula, and the trail says what drives their spread.
    public func estimate(sampling: MonteCarloSettings? = nil) throws -> TrainingResult {
        try energy.validate()
        try electricity.validate()
        var formula = Formula()
        let energyPart = energy.addFormula(to: &formula)
        let electricityVars = electricity.addFormula(to: &formula, energy: energyPart.facility)
        let figures = electricityVars.figures
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var estimate = Estimate(key: "training", title: "Training run")
        energyPart.describe(e, into: &estimate)
        electricity.describe(e, electricityVars, energy: energyPart.facility, into: &estimate)
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        energyPart.assumptions(e, into: &estimate)
        try estimate.checkFinite()
        return TrainingResult(energy: e.figure(energyPart.facility), grids: [electricityVars.emissions(e, of: electricity)],
                              trail: estimate)
    }

    /// The same run on several grids, side by side: one part per grid, each grid's ratio to the
    /// lowest and its difference from it. The ratio is evaluated in one formula with the run's
    /// energy as one input, so an energy range cancels out: 50..60 GWh on the US and French
    /// grids gives one ratio, not a range.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs, naming the field.
    public static func compare(energy: TrainingEnergy, on grids: [ElectricityAccounting], sampling: MonteCarloSettings? = nil) throws -> TrainingResult {
        try energy.validate()
        let comparison = GridComparison(grids)
        try comparison.validate()
        var formula = Formula()
        let energyPart = energy.addFormula(to: &formula)
        let vars = comparison.addFormula(to: &formula, energy: energyPart.facility)
        let figures = comparison.figures(vars)
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var estimate = Estimate(key: "training_comparison", title: "Training run on \(grids.count) grids")
        energyPart.describe(e, into: &estimate)
        comparison.describe(e, vars, energy: energyPart.facility, energyName: "the run's energy", into: &estimate)
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        energyPart.assumptions(e, into: &estimate)
        try estimate.checkFinite()
        return TrainingResult(energy: e.figure(energyPart.facility), grids: vars.emissions(e, of: grids), trail: estimate)
    }
}

/// A training run's figures as typed values, with the trail they were described in (built
/// from the same evaluation).
///
/// `try TrainingRun(...).estimate().locationBased.value.value(in: "t")` is the run's tonnes.
public struct TrainingResult: Sendable {
    /// The energy drawn by the facility, overhead included.
    public let energy: Figure<EnergyDimension>
    /// One entry per grid, in the order given (one for `TrainingRun.estimate`).
    public let grids: [GridEmissions]
    /// The trail: every step, source, warning and assumption, as the CLI prints it.
    public let trail: Estimate

    /// The first grid's location-based emissions (the only grid's, outside a comparison).
    public var locationBased: Figure<MassDimension> { grids[0].locationBased }
    /// The first grid's market-based emissions, when market instruments were given.
    public var marketBased: Figure<MassDimension>? { grids[0].marketBased }
    /// The first grid's net emissions, when carbon-free energy was given.
    public var net: Figure<MassDimension>? { grids[0].net }
    /// The grid with the lowest location-based figure (at the inputs' lower ends).
    package var lowest: GridEmissions {
        grids.min { $0.locationBased.low.baseValue < $1.locationBased.low.baseValue } ?? grids[0]
    }
}
