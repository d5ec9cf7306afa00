import CO2eCore
import CO2eData

/// One amount of energy on several grids side by side: one part per grid, a table, and the
/// ratio of the highest location-based figure to the lowest. Any estimate that turns energy
/// into emissions (a training run, inference over a period) uses it for repeated grids.
///
/// The ratio is evaluated in the same formula as the energy, so an energy range cancels out:
/// 50..60 GWh on the US and French grids gives one ratio, not a range.
package struct GridComparison: Sendable {
    /// The grids, in the order given.
    package let grids: [ElectricityAccounting]

    /// A comparison of `grids`.
    package init(_ grids: [ElectricityAccounting]) {
        self.grids = grids
    }

    /// The variables the comparison adds.
    package struct Variables: Sendable {
        /// Each grid's emission variables.
        package let perGrid: [ElectricityAccounting.Variables]
        /// Each grid's location-based figure over the lowest.
        package let ratios: [Variable<RatioDimension>]
        /// Each grid's location-based figure less the lowest.
        package let differences: [Variable<MassDimension>]

        /// The typed figures of one evaluation, one per grid in the order given.
        package func emissions(_ e: Evaluation, of grids: [ElectricityAccounting]) -> [GridEmissions] {
            grids.indices.map { perGrid[$0].emissions(e, of: grids[$0], ratio: ratios[$0], difference: differences[$0]) }
        }
    }

    /// The figures a Monte Carlo summary reports: each grid's emissions, its ratio to the
    /// lowest and its difference from it.
    package func figures(_ vars: Variables) -> [SampledFigure] {
        var out: [SampledFigure] = []
        for (n, v) in vars.perGrid.enumerated() {
            out += v.figures.map { $0.relabeled(key: "grid_\(n + 1).\($0.key)", label: "\(grids[n].name): \($0.label)") }
        }
        out += vars.ratios.enumerated().map { SampledFigure($0.element, key: "ratio_\($0.offset + 1)", label: "\(grids[$0.offset].name) / lowest") }
        out += vars.differences.enumerated().map { SampledFigure($0.element, key: "difference_\($0.offset + 1)", label: "\(grids[$0.offset].name) − lowest") }
        return out
    }

    /// Checks every grid's inputs.
    package func validate() throws {
        for g in grids { try g.validate() }
    }

    /// Adds each grid's emission arithmetic for `energy` (keys prefixed `grid_1`, `grid_2`, ...)
    /// and each grid's ratio to the lowest and difference from it.
    package func addFormula(to formula: inout Formula, energy: Variable<EnergyDimension>) -> Variables {
        var perGrid: [ElectricityAccounting.Variables] = []
        let outer = formula.keyPrefix
        for (n, g) in grids.enumerated() {
            formula.keyPrefix = outer.isEmpty ? "grid_\(n + 1)" : outer + ".grid_\(n + 1)"
            perGrid.append(g.addFormula(to: &formula, energy: energy))
        }
        formula.keyPrefix = outer
        // The lowest grid is found at the inputs' lower ends (grid factors are single values,
        // so the order is the same at every corner).
        let ratios = perGrid.indices.map { formula.value("ratio_\($0 + 1)", RatioDimension.self) }
        let differences = perGrid.indices.map { formula.value("difference_\($0 + 1)", MassDimension.self) }
        let grosses = perGrid.map(\.locationBased)
        formula.compute { v in
            var lowest = Double.infinity
            for g in grosses { lowest = min(lowest, v[g].baseValue) }
            // No ratio to a figure of 0 (a grid factor of 0): NaN, which `describe` leaves out.
            for (r, g) in zip(ratios, grosses) { v[r] = .number(lowest > 0 ? v[g].baseValue / lowest : .nan) }
            for (d, g) in zip(differences, grosses) { v[d] = Mass(baseValue: v[g].baseValue - lowest) }
        }
        return Variables(perGrid: perGrid, ratios: ratios, differences: differences)
    }

    /// Appends one part per grid (its sources, warnings and factors carried up), the table of
    /// grids, the ratio of the highest to the lowest and their difference, and a warning when
    /// the grids' factors count different things. `energyName` says what cancels out of the
    /// ratio ("the run's energy").
    package func describe(_ e: Evaluation, _ vars: Variables, energy: Variable<EnergyDimension>, energyName: String = "the energy",
                          into estimate: inout Estimate) {
        let ratios = vars.ratios
        let grosses = vars.perGrid.map(\.locationBased)
        var table = Table(key: "grids", title: "Location-based emissions by grid",
                          columns: [.init("grid", "Grid"), .init("factor", "Factor", unit: "g/kWh"),
                                    .init("location_based", "Location-based", unit: "kg"), .init("ratio", "× lowest"),
                                    .init("difference", "− lowest", unit: "kg")])
        var bases = Set<String>()
        for (n, g) in grids.enumerated() {
            var part = Estimate(key: "grid_\(n + 1)", title: "On \(g.name)")
            g.describe(e, vars.perGrid[n], energy: energy, into: &part)
            estimate.parts.append(part)
            for s in part.sources { estimate.cite(s) }
            for w in part.warnings where w.key != "lifecycle_factor" { estimate.warn(w.key, "\(g.name): " + w.text) }
            estimate.gridFactors += part.gridFactors
            if case let .gridFactor(f) = g.location { bases.insert(f.basisDescription) }
            let ratioCell: Table.Cell = e.interval(ratios[n]).isFinite ? .value(e.value(ratios[n], unit: "x")) : .text("-")
            table.rows.append([.text(g.name), .value(e.value(vars.perGrid[n].intensity)), .value(e.value(vars.perGrid[n].locationBased)),
                               ratioCell, .value(e.value(vars.differences[n]))])
        }
        estimate.tables.append(table)
        if let zero = grosses.indices.first(where: { e.interval(grosses[$0]).lower == 0 }) {
            estimate.warn("no_ratio", "No ratio between the grids: \(grids[zero].name)'s figure is 0, and nothing is a multiple of 0.")
        } else if let hi = ratios.indices.max(by: { e.lower(ratios[$0]).number < e.lower(ratios[$1]).number }),
           let lo = ratios.indices.min(by: { e.lower(ratios[$0]).number < e.lower(ratios[$1]).number }), hi != lo {
            let how = "\(e.text(grosses[hi])) / \(e.text(grosses[lo])); \(energyName) cancels out"
            estimate.results.append(.init("ratio", "\(grids[hi].name) / \(grids[lo].name)", e.value(ratios[hi], unit: "x"), how: how))
        }
        if let hi = grosses.indices.max(by: { e.interval(grosses[$0]).lower < e.interval(grosses[$1]).lower }),
           let lo = grosses.indices.min(by: { e.interval(grosses[$0]).lower < e.interval(grosses[$1]).lower }), hi != lo {
            estimate.results.append(.init("difference", "\(grids[hi].name) − \(grids[lo].name)", e.value(vars.differences[hi]),
                                          how: "\(e.text(grosses[hi])) − \(e.text(grosses[lo])), with the same energy on both"))
        }
        // One lifecycle warning for all the grids that have one, not one per grid.
        if let text = LifecycleNote.warning(for: estimate.gridFactors) { estimate.warn(LifecycleNote.key, text) }
        if bases.count > 1 {
            estimate.warn("mixed_bases", "The grids' factors count different things (\(bases.sorted().joined(separator: "; "))): lifecycle factors include upstream emissions that operational ones leave out, so part of the ratio is the basis, not the grid.")
        }
    }
}
