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
        for g in grids { try g.validate() }
        var formula = Formula()
        let energyVars = energy.addFormula(to: &formula)
        var perGrid: [ElectricityAccounting.Variables] = []
        for (n, g) in grids.enumerated() {
            formula.keyPrefix = "grid_\(n + 1)"
            perGrid.append(g.addFormula(to: &formula, energy: energyVars.facility))
            formula.keyPrefix = ""
        }
        // The lowest grid is found at the inputs' lower ends (grid factors are single values,
        // so the order is the same at every corner).
        let ratios = perGrid.indices.map { formula.value("ratio_\($0 + 1)", RatioDimension.self) }
        let grosses = perGrid.map(\.locationBased)
        formula.compute { v in
            var lowest = Double.infinity
            for g in grosses { lowest = min(lowest, v[g].baseValue) }
            for (r, g) in zip(ratios, grosses) { v[r] = .number(v[g].baseValue / lowest) }
        }
        var figures: [SampledFigure] = []
        for (n, g) in perGrid.enumerated() {
            figures += g.figures.map { $0.relabeled(key: "grid_\(n + 1).\($0.key)", label: "\(grids[n].name): \($0.label)") }
        }
        figures += ratios.enumerated().map { SampledFigure($0.element, key: "ratio_\($0.offset + 1)", label: "\(grids[$0.offset].name) / lowest") }
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var estimate = Estimate(key: "training_comparison", title: "Training run on \(grids.count) grids")
        energy.describe(e, energyVars, into: &estimate)
        var table = Table(key: "grids", title: "Location-based emissions by grid",
                          columns: [.init("grid", "Grid"), .init("factor", "Factor", unit: "g/kWh"),
                                    .init("location_based", "Location-based", unit: "kg"), .init("ratio", "× lowest")])
        var bases = Set<String>()
        for (n, g) in grids.enumerated() {
            var part = Estimate(key: "grid_\(n + 1)", title: "On \(g.name)")
            g.describe(e, perGrid[n], energy: energyVars.facility, into: &part)
            estimate.parts.append(part)
            for s in part.sources { estimate.cite(s) }
            for w in part.warnings { estimate.warn(w.key, w.text) }
            estimate.gridFactors += part.gridFactors
            if case let .gridFactor(f) = g.location { bases.insert(f.basisDescription) }
            table.rows.append([.text(g.name), .value(e.value(perGrid[n].intensity)), .value(e.value(perGrid[n].locationBased)),
                               .value(e.value(ratios[n], unit: "x"))])
        }
        estimate.tables.append(table)
        if let hi = ratios.indices.max(by: { e.lower(ratios[$0]).number < e.lower(ratios[$1]).number }),
           let lo = ratios.indices.min(by: { e.lower(ratios[$0]).number < e.lower(ratios[$1]).number }), hi != lo {
            let how = "\(e.text(grosses[hi])) / \(e.text(grosses[lo])); the run's energy cancels out"
            estimate.results.append(.init("ratio", "\(grids[hi].name) / \(grids[lo].name)", e.value(ratios[hi], unit: "x"), how: how))
        }
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        if bases.count > 1 {
            estimate.warn("mixed_bases", "The grids' factors count different things (\(bases.sorted().joined(separator: "; "))): lifecycle factors include upstream emissions that operational ones leave out, so part of the ratio is the basis, not the grid.")
        }
        try estimate.checkFinite()
        return estimate
    }
}
