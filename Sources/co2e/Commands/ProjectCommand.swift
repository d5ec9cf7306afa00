import CO2eKit

/// `co2e project`: data-centre electricity and emissions by year, rebuilt from scenarios'
/// drivers, with sources, headline notes, sensitivity and a chart.
struct ProjectCommand: Command {
    static let name = "project"
    static let abstract = "Project data-centre electricity and emissions by year in named scenarios (IEA, Morgan Stanley, LBNL, EPRI) or your own."
    static var discussion: String {
        """
        Each scenario is rebuilt from its drivers: a base-year value per region, compound growth
        to the years the source gives (constant rate in between), each region's grid intensity
        (bundled factors) and its yearly fall, PUE change, and embodied emissions. Figures are
        ANNUAL unless marked CUMULATIVE; the output says whether each scenario is global or
        regional and whether embodied emissions are included.

        INPUTS for --set NAME=VALUE (NAME.REGION=VALUE for one region, e.g. growth.us=20%/y):
        \(Projection.settableInputs.map { "  \($0.name): \($0.help)" }.joined(separator: "\n"))
        A range (growth=15..20%/y) gives a band with exact ends. A distribution
        (growth=uniform:10%,20%, tri:10%,15%,20%, lognormal:15%,0.2; a rate's bare % is per
        year), or --samples N, runs a Monte Carlo over the same formula: a spread table by year
        (mean, sd, p5, p50, p95) and, with --chart, a p5–p95 band around the median.

        EXAMPLES:
          co2e project --list
          co2e project --scenario iea-2025-base --to 2035
          co2e project --scenario iea-2025-base --scenario iea-2025-lift-off --scenario iea-2025-headwinds --to 2035
          co2e project --scenario morgan-stanley-2024 --cumulative 2024..2030
          co2e project --scenario lbnl-2024-low --scenario lbnl-2024-high --to 2028
          co2e project --scenario iea-2025-base --set growth=20%/y --set grid-decline=3%/y --to 2030
          co2e project --scenario iea-2025-base --sensitivity --to 2030
          co2e project --file my-scenario.json --chart projection.svg
          co2e project --scenario iea-2025-base --set growth=uniform:10%,20% --samples 1e5 --chart band.svg

        \(SamplingOptions.help)
        """
    }

    static let scenario = Option<String>("scenario", "ID", "A bundled scenario (see --list), e.g. iea-2025-base.", repeatable: true)
    static let file = Option<String>("file", "FILE", "A scenario file in the documented JSON schema (README.md, Projections).", repeatable: true)
    static let to = Option<Int>("to", "YEAR", "The last year (default 2030).") { try Year.parse($0) }
    static let cumulative = Option<ClosedRange<Int>>("cumulative", "FROM..TO", "Also sum emissions over these years, inclusive: 2024..2030.") { try parseSpan($0) }
    static let set = Option<String>("set", "NAME=VALUE", "Set an input for every scenario: growth=20%/y, grid-decline=3%/y, pue-change=-1%/y, embodied-share=40%, base=400TWh, intensity=400g/kWh; a range gives a band; a distribution (uniform:10%,20%) a Monte Carlo.", repeatable: true)
    static let sensitivity = Flag("sensitivity", "Add a tornado table: each input at its low and high end, and the final year's total (with --chart, draw it).")
    static let chart = Option<String>("chart", "FILE.svg", "Write an SVG chart: TWh and Mt CO2e by year, one line per scenario (per region for one scenario with regions); with --sensitivity, the tornado.")
    static let list = Flag("list", "List the bundled scenarios with their sources.")

    static var options: [any OptionDeclaration] { [scenario, file, to, cumulative, set, sensitivity, chart, list] + SamplingOptions.options }

    static var rules: [Rule] {
        [.conflicts(list, scenario), .conflicts(list, file), .conflicts(list, set), .conflicts(list, sensitivity), .conflicts(list, chart),
         .conflicts(list, cumulative), .conflicts(list, to), .conflicts(list, SamplingOptions.samples)]
    }

    static func run(_ a: Arguments) throws -> Output {
        if a[list] {
            return .listing(try listScenarios())
        }
        var scenarios: [Scenario] = []
        for id in try a.all(scenario) {
            do {
                scenarios.append(try ProjectionCatalog.scenario(id))
            } catch let e as CO2eError {
                throw e.attributed(to: "scenario")
            }
        }
        let files = try a.all(file)
        if let out = a.text(chart) {
            for input in files where FileIO.sameFile(out, input) {
                throw CO2eError(.invalidInput, "is the scenario file given with --file; co2e will not write a chart over its input",
                                code: .outputRefused, field: "chart", value: out, accepted: "another file, such as projection.svg")
            }
        }
        for path in files {
            scenarios.append(try Scenario.parse(bytes: try FileIO.read(path), origin: path))
        }
        guard !scenarios.isEmpty else {
            throw CO2eError(.invalidInput, "give --scenario ID (see --list) or --file FILE", field: "scenario")
        }
        let settings = try a.all(set).map { try ProjectionSetting.parse($0) }
        let span = try a.value(cumulative)
        let last = try a.value(to) ?? max(2030, span?.upperBound ?? 2030)
        let request = ProjectionRequest(scenarios: scenarios, to: last, cumulative: span, settings: settings, sensitivity: a[sensitivity],
                                        sampling: try SamplingOptions.settings(a, distributions: false))
        let result = try Projection.run(request)
        var notes: [String] = []
        if let path = a.text(chart) {
            let svg: String
            if a[sensitivity] {
                let first = scenarios[0].id
                let rows = result.tornado.filter { $0.scenario == first }
                let central = result.scenario(first)?.headline.total.value.value(in: "Mt")
                svg = SVGChart.tornado(rows, central: central, title: "What moves the \(last) total: \(first)",
                                       xLabel: "Total emissions in \(last) (Mt CO2e, annual)", source: result.sourceLine)
            } else {
                svg = SVGChart.projection(result, title: "Data-centre electricity and emissions, " + scenarios.map(\.id).joined(separator: ", "))
            }
            try FileIO.writeAtomically(svg, to: path)
            notes.append("Chart written to \(path)\(a[sensitivity] ? " (tornado for \(scenarios[0].id))" : "").")
        }
        return .estimate(result.estimate, notes: notes)
    }

    static func listScenarios() throws -> Listing {
        let all = try ProjectionCatalog.all()
        let sources = ProjectionCatalog.bundledSources
        let json = JSONValue.array(all.map { s in
                .object([("id", .string(s.id)), ("title", .string(s.title)), ("base_year", .number(Double(s.baseYear))),
                         ("last_year", .number(Double(s.lastYear))), ("regions", .array(s.regions.map { .string($0.id) })),
                         ("source", sources.first { $0.id == s.source }?.json ?? .string(s.source))])
        })
        var rows: [[String]] = []
        for s in all {
            let source = sources.first { $0.id == s.source }
            rows.append([s.id, "\(s.baseYear)–\(s.lastYear)", s.regions.map(\.id).joined(separator: ", "),
                         source.map { "\($0.publisher), \($0.published): \($0.title)" + ($0.read == .secondary ? " (read only through secondary coverage)" : "") } ?? s.source])
        }
        return Listing([.line("\(all.count) bundled scenarios (data/projections/; every figure carries its source, page or table):"),
                        .columns(header: ["Scenario", "Years", "Regions", "Source"], rows: rows)], json: json)
    }

    /// `2024..2030`.
    @Sendable static func parseSpan(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: true)
        guard text.contains(".."), parts.count == 2 else {
            throw CO2eError(.invalidInput, "is not a span of years", value: text, accepted: "FROM..TO, such as 2024..2030")
        }
        let a = try Year.parse(String(parts[0])), b = try Year.parse(String(parts[1]))
        guard a <= b else {
            throw CO2eError(.invalidInput, "ends before it starts", value: text, accepted: "FROM..TO with FROM at most TO, such as 2024..2030")
        }
        return a...b
    }
}
