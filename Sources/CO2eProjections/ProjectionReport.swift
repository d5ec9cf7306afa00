import CO2eCore
import CO2eGrid

/// One scenario ready to evaluate: its inputs resolved, its formula built, and the figures a
/// Monte Carlo summarises from every sample.
struct PreparedScenario {
    let scenario: Scenario
    let resolved: ResolvedScenario
    let built: BuiltScenario
    /// Each year's electricity and total, and the cumulative total asked for.
    let figures: [SampledFigure]
    /// The cumulative span asked for and its total, when the scenario has it.
    let span: (ClosedRange<Int>, Variable<MassDimension>)?

    init(_ scenario: Scenario, request: ProjectionRequest, catalog: FactorCatalog) throws {
        self.scenario = scenario
        resolved = try ResolvedScenario(scenario, to: request.to, settings: request.settings, catalog: catalog)
        built = resolved.build(cumulative: request.cumulative)
        var figures: [SampledFigure] = []
        for (k, year) in built.years.enumerated() {
            if !built.twh.isEmpty { figures.append(SampledFigure(built.twh[k], key: "electricity_\(year)", label: "Electricity \(year)")) }
            figures.append(SampledFigure(built.total[k], key: "total_\(year)", label: "Total emissions \(year)"))
        }
        let b = built
        span = request.cumulative.flatMap { c in b.cumulative[c].map { (c, $0.total) } }
        if let (c, v) = span {
            figures.append(SampledFigure(v, key: "cumulative_total_\(c.lowerBound)_\(c.upperBound)", label: "Cumulative \(c.lowerBound)–\(c.upperBound)"))
        }
        self.figures = figures
    }

    /// The evaluation as typed figures.
    func figures(_ e: Evaluation) -> ScenarioProjection {
        let b = built
        func years(twh: [Variable<EnergyDimension>], op: [Variable<MassDimension>], emb: [Variable<MassDimension>],
                   total: [Variable<MassDimension>]) -> [ProjectionYear] {
            b.years.indices.map { k in
                ProjectionYear(year: b.years[k], electricity: twh.isEmpty ? nil : e.figure(twh[k]), operational: e.figure(op[k]),
                               embodied: e.figure(emb[k]), total: e.figure(total[k]))
            }
        }
        let world = years(twh: b.twh, op: b.operational, emb: b.embodied, total: b.total)
        let regions = zip(resolved.regions, b.regions).map { r, br in
            ProjectionRegionPath(id: r.region.id, name: r.region.name,
                                 years: years(twh: br.twh, op: br.operational, emb: br.embodied, total: br.total))
        }
        let span = self.span.flatMap { c, _ in
            b.cumulative[c].map { ProjectionSpan(years: c, total: e.figure($0.total), operational: e.figure($0.operational), embodied: e.figure($0.embodied)) }
        }
        // Built for the base year to the last, so never empty.
        let headline = world[world.count - 1]
        return ScenarioProjection(id: scenario.id, title: scenario.title, years: world, regions: regions, headline: headline, cumulative: span)
    }
}

/// The trail of a projection as it is assembled, scenario by scenario: the tables, the chart
/// series, the tornado rows, the sources. Each `add...` step has one concern.
struct ProjectionReport {
    let request: ProjectionRequest
    let sources: [Source]
    var to: Int { request.to }
    var estimate: Estimate
    var scenarios: [ScenarioProjection] = []
    var series: [ProjectionSeries] = []
    var tornado: [TornadoRow] = []
    var byYear: Table
    var byRegion: Table
    var published: Table
    var spread: Table?
    var drivers: Table?
    var sampledWith: MonteCarloSettings?
    var sourceNames: [String] = []

    init(request: ProjectionRequest, sources: [Source]) {
        self.request = request
        self.sources = sources
        let to = request.to
        estimate = Estimate(key: "projection", title: "Data-centre electricity and emissions to \(to)")
        byYear = Table(key: "by_year", title: "By year (annual figures; Mt = million tonnes CO2e)",
                       columns: [.init("scenario", "Scenario"), .init("year", "Year"), .init("electricity", "Electricity", unit: "kWh"),
                                 .init("operational", "Operational", unit: "kg"), .init("embodied", "Embodied", unit: "kg"),
                                 .init("total", "Total", unit: "kg")])
        byRegion = Table(key: "by_region", title: "By region, base year and \(to) (annual)",
                         columns: [.init("scenario", "Scenario"), .init("region", "Region"), .init("base", "Base year"),
                                   .init("final", "\(to)"), .init("growth", "Growth to first target", unit: "/y"),
                                   .init("total", "Total \(to)", unit: "kg")])
        published = Table(key: "published", title: "Published figures beside the model's",
                          columns: [.init("scenario", "Scenario"), .init("figure", "Figure"), .init("published", "Published"),
                                    .init("model", "Model"), .init("difference", "Difference", unit: "share"), .init("within", "Within tolerance")])
    }

    /// Everything one evaluated scenario adds.
    mutating func add(_ p: PreparedScenario, _ e: Evaluation, _ figures: ScenarioProjection) throws {
        scenarios.append(figures)
        addMonteCarlo(p, e)
        addPart(p, e)
        addYears(p, figures)
        addRegions(p, e, figures)
        addPublished(p, e)
        addSeries(p, e)
        addHeadline(p, e, figures)
        for w in p.resolved.warnings { estimate.warn(w.key, w.text) }
        for a in p.resolved.assumptions { estimate.assume(a.key + "_" + p.scenario.id, a.text) }
        if request.sensitivity { tornado += try p.resolved.tornado(to: to) }
    }

    /// A sampled run's spread table and what drives the last year's figures (the engine's own
    /// summary, relabelled with the scenario).
    mutating func addMonteCarlo(_ p: PreparedScenario, _ e: Evaluation) {
        guard let mc = e.monteCarlo else { return }
        sampledWith = mc.settings
        spread = Projection.spreadTable(spread, e, p.built, scenario: p.scenario.id, settings: mc.settings, span: p.span)
        let last = p.figures.filter { $0.key.hasSuffix("_\(to)") || $0.key.hasPrefix("cumulative") }
            .map { $0.relabeled(key: $0.key, label: "\(p.scenario.id): \($0.label)") }
        var scratch = Estimate(key: "monte_carlo", title: "")
        MonteCarlo.describe(e, figures: last, into: &scratch)
        if let t = scratch.tables.first(where: { $0.key == "contributions" }) {
            var d = drivers ?? Table(key: t.key, title: t.title, columns: t.columns)
            d.rows += t.rows
            drivers = d
        }
        for a in scratch.assumptions { estimate.assume(a.key, a.text) }
    }

    /// The scenario's own part of the trail (its inputs with their sources, then its results)
    /// and the sources and grid factors it cites.
    mutating func addPart(_ p: PreparedScenario, _ e: Evaluation) {
        let scenario = p.scenario
        var part = Estimate(key: scenario.id, title: "\(scenario.title) [\(scenario.id)]")
        p.resolved.describe(e, p.built, into: &part, to: to, cumulative: request.cumulative)
        for id in Set(Projection.citedSources(part) + [scenario.source]).sorted() {
            if let s = sources.first(where: { $0.id == id }) {
                part.cite(s)
                estimate.cite(s)
            }
        }
        for f in p.resolved.gridFactors {
            estimate.gridFactors.append(f)
            estimate.cite(f.source)
            part.cite(f.source)
        }
        if let main = sources.first(where: { $0.id == scenario.source }) {
            sourceNames.append("\(main.publisher) (\(main.published.prefix(4))) for \(scenario.id)")
        }
        estimate.parts.append(part)
    }

    /// The by-year table: the scenario's figures each year.
    mutating func addYears(_ p: PreparedScenario, _ figures: ScenarioProjection) {
        for y in figures.years {
            byYear.rows.append([.text(p.scenario.id), .text(String(y.year)),
                                y.electricity.map { .value($0.trailValue(unit: "TWh")) } ?? .text("-"),
                                .value(y.operational.trailValue(unit: "Mt")), .value(y.embodied.trailValue(unit: "Mt")),
                                .value(y.total.trailValue(unit: "Mt"))])
        }
    }

    /// The by-region table, for a scenario of several regions.
    mutating func addRegions(_ p: PreparedScenario, _ e: Evaluation, _ figures: ScenarioProjection) {
        guard p.scenario.regions.count > 1 else { return }
        let electricity = p.scenario.basis == .electricity
        for (n, region) in figures.regions.enumerated() {
            guard let first = region.years.first, let last = region.years.last else { continue }
            func amount(_ y: ProjectionYear) -> Value {
                if electricity, let x = y.electricity { return x.trailValue(unit: "TWh") }
                return y.total.trailValue(unit: "Mt")
            }
            byRegion.rows.append([.text(p.scenario.id), .text(region.name), .value(amount(first)), .value(amount(last)),
                                  .value(e.value(p.built.regions[n].growth, unit: "%/y")), .value(last.total.trailValue(unit: "Mt"))])
        }
    }

    /// The published figures beside the model's; a figure that cannot be compared is named in
    /// a warning, never dropped without a word (one outside the years run is simply not shown).
    mutating func addPublished(_ p: PreparedScenario, _ e: Evaluation) {
        for (n, figure) in p.scenario.published.enumerated() {
            switch p.resolved.compare(figure, e, p.built) {
            case let .row(row): published.rows.append(row)
            case .outsideRun: continue
            case let .notCompared(why):
                estimate.warn("published_not_compared_\(p.scenario.id)_\(n)",
                              "\(p.scenario.id): published[\(n)] (\(figure.figure) \(figure.year), \(figure.value.value)) is not compared: \(why).")
            }
        }
    }

    /// The chart's series: the scenario (for a single scenario of several regions, their sum,
    /// labelled "World" or "All regions", and each region).
    mutating func addSeries(_ p: PreparedScenario, _ e: Evaluation) {
        let s = p.scenario, b = p.built
        let byRegion = request.scenarios.count == 1 && s.regions.count > 1
        let label = byRegion ? (s.isGlobal ? "World" : "All regions") : s.id
        var total = Projection.chartSeries(label, e, years: b.years, twh: b.twh, total: b.total)
        total.scenario = s.id
        if !byRegion && s.regions.count == 1 { total.markPublished(s.regions[0], basis: s.basis, baseYear: s.baseYear) }
        series.append(total)
        guard byRegion else { return }
        for (n, region) in p.resolved.regions.enumerated() {
            var r = Projection.chartSeries(region.region.name, e, years: b.years, twh: b.regions[n].twh, total: b.regions[n].total)
            r.scenario = s.id
            r.region = region.region.id
            r.markPublished(region.region, basis: s.basis, baseYear: s.baseYear)
            series.append(r)
        }
    }

    /// The top-level results: the last year and the cumulative span, from the typed figures.
    mutating func addHeadline(_ p: PreparedScenario, _ e: Evaluation, _ figures: ScenarioProjection) {
        let s = p.scenario
        let key = s.id.replacingDashesWithUnderscores
        let h = figures.headline
        if let x = h.electricity {
            estimate.results.append(.init("\(key)_electricity_\(to)", "\(s.id): electricity in \(to) (annual)",
                                          x.trailValue(unit: "TWh"), how: p.resolved.howFinal(e, p.built)))
        }
        estimate.results.append(.init("\(key)_total_\(to)", "\(s.id): emissions in \(to) (annual, \(p.resolved.embodiedWords))",
                                      h.total.trailValue(unit: "Mt"),
                                      how: "\(h.operational.text(unit: "Mt")) operational + \(h.embodied.text(unit: "Mt")) embodied"))
        if let c = figures.cumulative {
            let span = c.years
            estimate.results.append(.init("\(key)_cumulative_\(span.lowerBound)_\(span.upperBound)",
                                          "\(s.id): emissions \(span.lowerBound)–\(span.upperBound) (CUMULATIVE, \(span.count) years)",
                                          c.total.trailValue(unit: "Gt"),
                                          how: "sum of the annual totals; \(c.operational.text(unit: "Gt")) operational (\(Projection.percent(c.operational, of: c.total))) + \(c.embodied.text(unit: "Gt")) embodied (\(Projection.percent(c.embodied, of: c.total)))"))
        }
    }

    /// The sensitivity table, when asked for.
    mutating func addSensitivity() {
        guard request.sensitivity else { return }
        var t = Table(key: "sensitivity", title: "Sensitivity of the \(to) total (each input at its low and high end, the others as given)",
                      columns: [.init("scenario", "Scenario"), .init("input", "Input"), .init("low", "Low"), .init("high", "High"),
                                .init("total_at_low", "Total at low", unit: "kg"), .init("total_at_high", "Total at high", unit: "kg"),
                                .init("swing", "Swing", unit: "kg")])
        func mt(_ x: Double) -> Table.Cell { .value(Value(Mass.megatonnes(x), unit: "Mt")) }
        for r in tornado.sorted(by: { $0.scenario != $1.scenario ? false : $0.swing > $1.swing }) {
            t.rows.append([.text(r.scenario), .text(r.input), .text(r.low), .text(r.high), mt(r.atLow), mt(r.atHigh), mt(r.swing)])
        }
        estimate.tables.append(t)
        estimate.assume("sensitivity", "Sensitivity: an input given as a range is varied over its range; a single value is varied by ±\(NumberText.format(Projection.sensitivitySwing * 100, significantDigits: 3)) % of itself (a rate of zero by ±\(NumberText.format(Projection.sensitivityZeroRateSwing * 100, significantDigits: 3)) %/y). These swings are a convention for ranking the inputs, not a statement of their uncertainty.")
    }

    /// The tables in order, the notes, and the result.
    mutating func finish() throws -> ProjectionResult {
        estimate.tables.append(byYear)
        if let spread { estimate.tables.append(spread) }
        if let drivers, !drivers.rows.isEmpty { estimate.tables.append(drivers) }
        if !byRegion.rows.isEmpty { estimate.tables.append(byRegion) }
        if !published.rows.isEmpty { estimate.tables.append(published) }
        addSensitivity()
        Projection.headlineNotes(request, to: to, into: &estimate)
        estimate.assume("year_length", "Figures are per calendar year; " + UnitTable.yearConvention + " when turning capacity into energy.")
        try estimate.checkFinite()
        return ProjectionResult(scenarios: scenarios, year: to, estimate: estimate, series: series, tornado: tornado,
                                sourceLine: "Sources: " + sourceNames.joined(separator: "; ") + ". Rebuilt by co2e from each scenario's drivers.",
                                monteCarlo: sampledWith)
    }
}

extension Quantity where D == MassDimension {
    /// `x` million tonnes.
    static func megatonnes(_ x: Double) -> Mass { Mass(baseValue: x * 1e9) }
}

extension ProjectionSeries {
    /// Marks the values a region's path is built from: its base and each point that gives a
    /// value (TWh, or Mt CO2e for an emissions path) or a capacity at a load factor.
    mutating func markPublished(_ region: ScenarioRegion, basis: ScenarioBasis, baseYear: Int) {
        var points: [(year: Int, value: Double)] = []
        func amount(_ text: String) -> Double? {
            basis == .electricity ? (try? Energy.parseRange(text))?.interval.midpoint.scaledToTera
                : (try? Mass.parseRange(text))?.interval.midpoint.scaledToTera
        }
        if let x = amount(region.base.value) { points.append((baseYear, x)) }
        for p in region.path {
            switch p.kind {
            case let .target(f): if let x = amount(f.value) { points.append((p.year, x)) }
            case let .capacity(c, lf):
                if basis == .electricity, let w = try? Power.parseRange(c.value).interval.midpoint, let s = try? Share.parseRange(lf.value).interval.midpoint {
                    // W x 8,760 h x load factor = Wh; / 1,000 = kWh.
                    points.append((p.year, (w * UnitTable.hoursPerYear * s / 1_000).scaledToTera))
                }
            case .rate: continue
            }
        }
        if basis == .electricity { publishedTerawattHours = points } else { publishedMegatonnes = points }
    }
}

extension Double {
    /// A base value (kWh, kg) in TWh or Mt: / 1e9.
    var scaledToTera: Double { self * 1e-9 }
}
