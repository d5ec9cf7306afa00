import CO2eCore
import CO2eGrid

/// A training run's emissions: its energy, then the grid's emissions for that energy.
public struct TrainingRun: Sendable {
    /// The run's electricity, in one of the forms publications give.
    package var energy: TrainingEnergy
    /// How that electricity becomes emissions.
    package var electricity: ElectricityAccounting
    /// The hardware's embodied emissions to amortise over the run, if asked for.
    package var embodied: EmbodiedHardware?
    /// Energy of the infrastructure kept idle for the run (BLOOM's 'idle' consumption), added
    /// to the run's energy.
    package var idleEnergy: Uncertain<EnergyDimension>?
    /// The functional unit of an SCI score, ((E × I) + M) / R, with the embodied share: a
    /// training run, or the run's training tokens (from compute).
    package var sciUnit: FunctionalUnit?

    /// A run from its energy and its electricity accounting; with `embodied`, its share of the
    /// hardware's embodied emissions, and with `idleEnergy`, the idle infrastructure's energy.
    public init(energy: TrainingEnergy, electricity: ElectricityAccounting, embodied: EmbodiedHardware? = nil,
                idleEnergy: Uncertain<EnergyDimension>? = nil) {
        self.energy = energy
        self.electricity = electricity
        self.embodied = embodied
        self.idleEnergy = idleEnergy
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
        try embodied?.validate()
        if let idleEnergy { try Check.nonNegative(idleEnergy, field: "idle_energy") }
        var trainingTokens: Uncertain<CountDimension>?
        if case let .compute(c) = energy, case let .parameters(_, tokens) = c.compute { trainingTokens = tokens }
        if let unit = sciUnit {
            guard embodied != nil else {
                throw CO2eError(.invalidInput, "needs the embodied share M of the SCI, ((E × I) + M) / R: add the hardware's embodied emissions", code: .missingOption, field: "per")
            }
            switch unit.kind {
            case .run: break
            case .query:
                throw CO2eError.input("per", unit.label, "is the functional unit of inference, not of a training run", accepted: "run, or tokens from compute: 1M-tokens", code: .valueOutOfRange)
            case .token:
                guard trainingTokens != nil else {
                    throw CO2eError(.invalidInput, "needs the training tokens: estimate the run from compute (parameters and tokens)", code: .missingOption, field: "per")
                }
            }
        }
        var formula = Formula()
        let energyPart = energy.addFormula(to: &formula)
        var billed = energyPart.facility
        var idle: (energy: Variable<EnergyDimension>, total: Variable<EnergyDimension>)?
        if let idleEnergy {
            let i = formula.input("idle_energy", idleEnergy)
            let total = formula.value("total_energy", EnergyDimension.self)
            let facility = energyPart.facility
            formula.compute { v in v[total] = v[facility] + v[i] }
            (idle, billed) = ((i, total), total)
        }
        var embodiedPart: (part: EmbodiedPart, how: String, lifeCycle: Variable<MassDimension>)?
        var sci: (unit: FunctionalUnit, units: Variable<CountDimension>, score: Variable<MassDimension>)?
        let electricityVars = electricity.addFormula(to: &formula, energy: billed)
        if let embodied {
            guard let time = energyPart.deviceTime(to: &formula) else { throw TrainingRun.noDeviceTime }
            let part = embodied.addFormula(to: &formula, deviceTime: time.time)
            let lifeCycle = SCI.lifeCycle(to: &formula, operational: electricityVars.locationBased, embodied: part.total)
            embodiedPart = (part, time.how, lifeCycle)
            if let unit = sciUnit {
                // R: the run (one), or its training tokens, in functional units.
                let r = formula.value("functional_units", CountDimension.self)
                let size = unit.size
                if unit.kind == .token, let tokens = (energyPart as? ComputeEnergy)?.parameters?.1 {
                    formula.compute { v in v[r] = .number(v[tokens].number / size) }
                } else {
                    formula.compute { v in v[r] = .number(1 / size) }
                }
                sci = (unit, r, SCI.score(to: &formula, lifeCycle: lifeCycle, units: r, key: unit.key))
            }
        }
        let figures = electricityVars.figures
        let e = try formula.evaluate(sampling: sampling, figures: figures)
        var estimate = Estimate(key: "training", title: "Training run")
        energyPart.describe(e, into: &estimate)
        if let idle {
            estimate.steps.append(.init("idle_energy", "Energy of idle infrastructure", e.value(idle.energy), how: "given"))
            estimate.steps.append(.init("total_energy", "Energy in total", e.value(idle.total),
                                        how: "\(e.text(energyPart.facility)) + \(e.text(idle.energy)) idle"))
        }
        electricity.describe(e, electricityVars, energy: billed, into: &estimate)
        if let (part, how, lifeCycle) = embodiedPart {
            part.describe(e, deviceTimeHow: how, into: &estimate)
            estimate.results.append(.init("embodied", "Embodied emissions (amortised)", e.value(part.total), how: part.sum(e)))
            estimate.results.append(.init("life_cycle", "Life-cycle emissions (electricity + embodied)", e.value(lifeCycle),
                                          how: "\(e.text(electricityVars.locationBased)) location-based + \(e.text(part.total)) embodied"))
            if let sci {
                let r = sci.unit.kind == .token ? "\(e.text(sci.units)) (the run's tokens / \(sci.unit.label))" : "\(e.text(sci.units)) \(sci.unit.size == 1 ? "run" : "(one run / \(sci.unit.label))")"
                estimate.results.append(.init(sci.unit.key, "SCI per \(sci.unit.label), ((E × I) + M) / R", e.value(sci.score),
                                              how: "(E × I \(e.text(electricityVars.locationBased)) + M \(e.text(part.total))) / R \(r)"))
                estimate.assume("sci", SCI.assumption(sci.unit))
            }
            estimate.tables.append(Self.shares(e, dynamic: energyPart.facility, idle: idle?.energy, billed: billed,
                                               location: electricityVars.locationBased, embodied: part.total))
        }
        MonteCarlo.describe(e, figures: figures, into: &estimate)
        energyPart.assumptions(e, into: &estimate)
        try estimate.checkFinite()
        return TrainingResult(energy: e.figure(billed), grids: [electricityVars.emissions(e, of: electricity)],
                              embodied: embodiedPart.map { e.figure($0.part.total) }, trail: estimate)
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

    /// The life-cycle table: the run's dynamic energy, idle infrastructure and embodied hardware,
    /// with their emissions and shares of the total (BLOOM's Table 3 breakdown), at each figure's
    /// central value (one intensity for both energies).
    static func shares(_ e: Evaluation, dynamic: Variable<EnergyDimension>, idle: Variable<EnergyDimension>?, billed: Variable<EnergyDimension>,
                       location: Variable<MassDimension>, embodied: Variable<MassDimension>) -> Table {
        func central<D>(_ v: Variable<D>) -> Double { e.figure(v).value.baseValue }
        let perEnergy = central(billed) > 0 ? central(location) / central(billed) : 0
        var rows: [(String, Double)] = [("Electricity, the run's energy", central(dynamic) * perEnergy)]
        if let idle { rows.append(("Electricity, idle infrastructure", central(idle) * perEnergy)) }
        rows.append(("Embodied hardware (amortised)", central(embodied)))
        let total = rows.reduce(0) { $0 + $1.1 }
        var table = Table(key: "life_cycle", title: "Life-cycle emissions by part",
                          columns: [.init("part", "Part"), .init("emissions", "Emissions", unit: "t"), .init("share", "Share", unit: "%")])
        for (label, kg) in rows {
            table.rows.append([.text(label), .number(kg / 1_000), .number(total > 0 ? kg / total * 100 : 0)])
        }
        return table
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
    /// The run's share of the hardware's embodied emissions, when asked for.
    public private(set) var embodied: Figure<MassDimension>? = nil
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

extension TrainingRun {
    /// The embodied share needs the devices' time in use, which the energy alone or a
    /// facility's power does not give (field `embodied`).
    package static var noDeviceTime: CO2eError {
        CO2eError(.invalidInput, "needs the devices' time in use: give the hardware (devices and time, device-hours, or compute), not only the energy or a facility's power",
                  code: .missingOption, field: "embodied")
    }
}
