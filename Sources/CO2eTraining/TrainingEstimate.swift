import CO2eCore
import CO2eGrid

/// A training run's emissions: its energy, then the grid's emissions for that energy.
public struct TrainingRun: Sendable {
    /// The run's electricity, in one of the forms publications give.
    public var energy: TrainingEnergy
    /// How that electricity becomes emissions.
    public var electricity: ElectricityAccounting

    /// A run from its energy and its electricity accounting.
    public init(energy: TrainingEnergy, electricity: ElectricityAccounting) {
        self.energy = energy
        self.electricity = electricity
    }

    /// The estimate with its trail: energy steps, the grid factor, and the emission figures.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs, naming the field.
    /// With `sampling` (or with a distribution among the inputs) the figures are Monte Carlo
    /// percentiles of the same formula, and the trail says what drives their spread.
    public func estimate(sampling: MonteCarloSettings? = nil) throws -> Estimate {
        try energy.validate()
        try electricity.validate()
        var formula = Formula()
        let energyVars = energy.addFormula(to: &formula)
        let electricityVars = electricity.addFormula(to: &formula, energy: energyVars.facility)
        let figures = electricityVars.figures
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var estimate = Estimate(key: "training", title: "Training run")
        energy.describe(e, energyVars, into: &estimate)
        electricity.describe(e, electricityVars, energy: energyVars.facility, into: &estimate)
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        try estimate.checkFinite()
        return estimate
    }

    /// The same run on several grids, side by side: one part per grid, and the ratio of each
    /// grid's location-based emissions to the lowest. The ratio is evaluated in one formula with
    /// the run's energy as one input, so an energy range cancels out: 50..60 GWh on the US and
    /// French grids gives one ratio, not a range.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs, naming the field.
    public static func compare(energy: TrainingEnergy, on grids: [ElectricityAccounting], sampling: MonteCarloSettings? = nil) throws -> Estimate {
        try energy.validate()
        let comparison = GridComparison(grids)
        try comparison.validate()
        var formula = Formula()
        let energyVars = energy.addFormula(to: &formula)
        let vars = comparison.addFormula(to: &formula, energy: energyVars.facility)
        let figures = comparison.figures(vars)
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var estimate = Estimate(key: "training_comparison", title: "Training run on \(grids.count) grids")
        energy.describe(e, energyVars, into: &estimate)
        comparison.describe(e, vars, energy: energyVars.facility, energyName: "the run's energy", into: &estimate)
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        try estimate.checkFinite()
        return estimate
    }
}
