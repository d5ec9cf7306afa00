/// How an estimate opts in to Monte Carlo: build the formula as usual, name the figures to
/// summarise from every sample, call `evaluate(sampling:figures:)` instead of `evaluate()`, build
/// the trail from the evaluation as usual, then `describeSampling(_:figures:into:)`.
extension Formula {
    /// Monte Carlo with `sampling`; with no settings, Monte Carlo with the defaults when an input
    /// is a distribution, else the exact values or exact ends (`evaluate()`), as before.
    ///
    /// - Throws: `CO2eError.invalidInput` for bad settings or inputs.
    package func evaluate(sampling: MonteCarloSettings?, figures: [SampledFigure]) throws -> Evaluation {
        guard let settings = sampling ?? (hasDistributions ? MonteCarloSettings() : nil) else { return try evaluate() }
        return try MonteCarlo.evaluate(self, outputs: figures.map(\.index), settings: settings)
    }

    /// Refuses up front what `evaluate(sampling:figures:)` would sample and not fit in memory
    /// (`MonteCarlo.checkMemory`), so a caller with several formulas can check them all before
    /// evaluating any. Does nothing when the evaluation would not sample.
    ///
    /// - Throws: `CO2eError.invalidInput` (code `resource_limit`).
    package func checkSampling(_ sampling: MonteCarloSettings?, figures: [SampledFigure]) throws {
        guard let settings = sampling ?? (hasDistributions ? MonteCarloSettings() : nil) else { return }
        try MonteCarlo.checkMemory(self, outputs: figures.map(\.index), settings: settings)
    }
}

/// A figure of an estimate to summarise from every sample: its variable, its key and label in
/// the trail, and how to print its numbers.
package struct SampledFigure: Sendable {
    package let key: String
    package let label: String
    let index: Int
    let value: @Sendable (Double, Interval) -> Value

    package init<D>(_ variable: Variable<D>, key: String, label: String) {
        self.key = key
        self.label = label
        index = variable.index
        value = { x, around in
            Value(.exact(x), D.self, unit: Quantity<D>.displayUnit(for: around).symbol)
        }
    }

    private init(key: String, label: String, index: Int, value: @escaping @Sendable (Double, Interval) -> Value) {
        self.key = key
        self.label = label
        self.index = index
        self.value = value
    }

    /// The same figure under another key and label (a part's figure in a comparison).
    package func relabeled(key: String, label: String) -> SampledFigure {
        SampledFigure(key: key, label: label, index: index, value: value)
    }
}

extension MonteCarlo {
    /// Adds a Monte Carlo evaluation's summary to the trail: a table of each figure's mean,
    /// standard deviation and percentiles; a table of what drives each figure's spread (Spearman
    /// rank correlation of each sampled input with the figure, and its share of their squares);
    /// and an assumption saying how it was sampled. Does nothing for an evaluation that was not
    /// sampled.
    package static func describe(_ e: Evaluation, figures: [SampledFigure], into estimate: inout Estimate) {
        guard let mc = e.monteCarlo else { return }
        let percents = mc.settings.percents.sorted()
        func name(_ p: Double) -> String { "p" + NumberText.exact(p) }
        var spread = Table(key: "monte_carlo", title: "Spread over \(NumberText.format(Double(mc.settings.samples), significantDigits: 12)) samples",
                           columns: [.init("figure", "Figure"), .init("mean", "Mean"), .init("sd", "SD")]
                               + percents.map { .init(name($0), name($0)) })
        for f in figures {
            guard case let .percentiles(p) = e.spreads[f.index] else { continue }
            let around = Interval(p.values.first?.value ?? p.mean, p.values.last?.value ?? p.mean)
            spread.rows.append([.text(f.label), .value(f.value(p.mean, around)), .value(f.value(p.standardDeviation, around))]
                               + p.values.map { .value(f.value($0.value, around)) })
        }
        if !spread.rows.isEmpty { estimate.tables.append(spread) }
        if !mc.contributions.isEmpty {
            var drivers = Table(key: "contributions", title: "What drives the spread (rank correlation over the first \(NumberText.format(Double(mc.keptSamples), significantDigits: 12)) samples)",
                                columns: [.init("figure", "Figure"), .init("input", "Input"), .init("drawn_from", "Drawn from"),
                                          .init("rank_correlation", "Rank correlation"), .init("share", "Share of spread (%)", unit: "%")])
            for f in figures {
                let key = e.slots[f.index].key
                for c in mc.contributions(to: key) {
                    let drawn = e.slots.first { $0.key == c.input }?.drawnFrom ?? ""
                    drivers.rows.append([.text(f.label), .text(c.input), .text(drawn), .number((c.rankCorrelation * 1000).rounded() / 1000),
                                         .number((c.varianceShare * 1000).rounded() / 10)])
                }
            }
            estimate.tables.append(drivers)
        }
        let s = mc.settings
        var text = "Monte Carlo: \(NumberText.format(Double(s.samples), significantDigits: 12)) sample\(s.samples == 1 ? "" : "s"), seed \(s.seed) (xoshiro256++; the same seed gives the same numbers on any number of threads; \(mc.threadsUsed) used). Ranges low..high are drawn as uniform; percentiles interpolate linearly between order statistics, as numpy's default. Figures are summarised from every sample"
        text += mc.keptSamples < s.samples ? "; inputs, intermediate steps and the contributions from the first \(NumberText.format(Double(mc.keptSamples), significantDigits: 12))." : "."
        text += " Where the trail shows how a figure is computed, a sampled factor appears as its p5–p95; the figure's own percentiles come from the samples, not from multiplying those."
        text += " The share of spread is each input's squared rank correlation over the sum of all inputs' (Spearman; exact for independent inputs of a sum, a guide otherwise)."
        estimate.assume("monte_carlo", text)
    }
}
