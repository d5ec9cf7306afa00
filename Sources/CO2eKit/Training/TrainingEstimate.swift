/// A training run's emissions: its energy, then the grid's emissions for that energy.
public struct TrainingRun: Sendable {
    public var energy: TrainingEnergy
    public var electricity: ElectricityAccounting

    public init(energy: TrainingEnergy, electricity: ElectricityAccounting) {
        self.energy = energy
        self.electricity = electricity
    }

    /// The estimate with its trail: energy steps, the grid factor, and the emission figures.
    ///
    /// - Throws: `CO2eError.invalidInput` for out-of-range inputs.
    public func estimate() throws -> Estimate {
        try energy.validate()
        var estimate = Estimate(subject: "Training run")
        let facility = energy.facilityEnergy(recordingIn: &estimate)
        try electricity.addEmissions(of: facility, to: &estimate)
        try estimate.checkFinite()
        return estimate
    }
}
