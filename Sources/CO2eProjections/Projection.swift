import CO2eCore
import CO2eData
import CO2eGrid

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input a caller may set for every scenario of a projection (`growth=20%/y`), or for one
/// region (`growth.us=20%/y`).
public struct ProjectionSetting: Sendable, Hashable {
    /// One of `Projection.settableInputs` (dashes or underscores).
    package var name: String
    /// A region id, or nil for every region.
    package var region: String?
    /// The value as written: `20%/y`, `15..20%/y`, `3%/y`, `40%`.
    package var value: String

    /// A setting: an input name (`growth`, `intensity`, ...), the region it applies to (nil for
    /// every region) and its value as written (`20%/y`, `15..20%/y`).
    public init(name: String, region: String? = nil, value: String) {
        self.name = name
        self.region = region
        self.value = value
    }

    /// Reads `name=value` or `name.region=value`.
    ///
    /// - Throws: `CO2eError.invalidInput` (field `set`) for a missing `=`, an unknown name
    ///   (suggesting the nearest), or a value of the wrong kind.
    package static func parse(_ text: String) throws -> ProjectionSetting {
        guard let eq = text.firstIndex(of: "=") else {
            throw CO2eError(.invalidInput, "is not name=value", field: "set", value: text,
                            accepted: "name=value with name one of " + Projection.settableInputs.map(\.name).joined(separator: ", ") + ", such as growth=20%/y")
        }
        var name = String(text[..<eq]).trimmingSpaces.lowercased()
        let value = String(text[text.index(after: eq)...]).trimmingSpaces
        var region: String?
        if let dot = name.firstIndex(of: ".") {
            region = String(name[name.index(after: dot)...])
            name = String(name[..<dot])
        }
        name = String(name.map { $0 == "_" ? "-" : $0 })
        guard let input = Projection.settableInputs.first(where: { $0.name == name }) else {
            var reason = "names no input of a projection"
            if let near = Suggestions.nearest(to: name, among: Projection.settableInputs.map(\.name), limit: 1).first {
                reason += "; did you mean \(near)?"
            }
            throw CO2eError(.invalidInput, reason, field: "set", value: text,
                            accepted: Projection.settableInputs.map(\.name).joined(separator: ", "))
        }
        do {
            try input.check(value)
        } catch let e as CO2eError {
            throw CO2eError(.invalidInput, "\(name): \(e.reason)", code: e.code, field: "set", value: text, accepted: e.accepted)
        }
        return ProjectionSetting(name: name, region: region, value: value)
    }
}

/// What a caller asks a projection for.
public struct ProjectionRequest: Sendable {
    package var scenarios: [Scenario]
    /// The last year (default 2030).
    package var to: Int
    /// Cumulative sums over this span of years, inclusive.
    package var cumulative: ClosedRange<Int>?
    package var settings: [ProjectionSetting]
    /// Adds a tornado table: each input at its low and high, and the final year's total.
    package var sensitivity: Bool
    /// Monte Carlo settings; nil samples only when a setting is a distribution (then with the
    /// default settings), else the figures are exact values or exact range ends.
    package var sampling: MonteCarloSettings?

    /// A request: the scenarios to run, the last year, an optional cumulative span, settings that
    /// override inputs, whether to compute the sensitivity (tornado), and Monte Carlo settings.
    public init(scenarios: [Scenario], to: Int = 2030, cumulative: ClosedRange<Int>? = nil,
                settings: [ProjectionSetting] = [], sensitivity: Bool = false, sampling: MonteCarloSettings? = nil) {
        self.scenarios = scenarios
        self.to = to
        self.cumulative = cumulative
        self.settings = settings
        self.sensitivity = sensitivity
        self.sampling = sampling
    }
}

/// One line of a projection chart: a scenario's (or a region's) value per year, with bounds
/// where inputs were ranges.
package struct ProjectionSeries: Sendable, Hashable {
    /// What the chart's legend says: the scenario's id, "World" (or "All regions") for the sum
    /// of one scenario's regions, or a region's name.
    package var label: String
    /// The scenario the series belongs to.
    package var scenario: String = ""
    /// The region's id, or nil for a scenario's sum of regions.
    package var region: String?
    package var years: [Int]
    /// Electricity per year, TWh (empty for emissions paths).
    package var terawattHours: [Interval]
    /// Total emissions per year, Mt CO2e.
    package var megatonnes: [Interval]
    /// For a Monte Carlo run: the median per year (TWh, Mt CO2e), with `terawattHours` and
    /// `megatonnes` holding p5 to p95; empty otherwise.
    package var terawattHoursMedian: [Double] = []
    package var megatonnesMedian: [Double] = []
    /// The points the scenario is built from (its base and path values, TWh or Mt CO2e by
    /// year), to mark on a chart; empty for a series they do not belong to.
    package var publishedTerawattHours: [(year: Int, value: Double)] = []
    package var publishedMegatonnes: [(year: Int, value: Double)] = []

    package static func == (a: ProjectionSeries, b: ProjectionSeries) -> Bool {
        a.label == b.label && a.scenario == b.scenario && a.region == b.region && a.years == b.years
            && a.terawattHours == b.terawattHours && a.megatonnes == b.megatonnes
            && a.terawattHoursMedian == b.terawattHoursMedian && a.megatonnesMedian == b.megatonnesMedian
            && a.publishedTerawattHours.elementsEqual(b.publishedTerawattHours) { $0 == $1 }
            && a.publishedMegatonnes.elementsEqual(b.publishedMegatonnes) { $0 == $1 }
    }

    package func hash(into h: inout Hasher) {
        h.combine(label); h.combine(scenario); h.combine(region); h.combine(years)
    }
}

/// One row of a tornado table.
package struct TornadoRow: Sendable, Hashable {
    package var scenario: String
    package var input: String
    package var low: String
    package var high: String
    /// The final year's total (Mt CO2e) with the input at its low and at its high end.
    package var atLow: Double
    package var atHigh: Double
    package var swing: Double { abs(atHigh - atLow) }
}

/// A projection's results: the typed figures of each scenario, the trail derived from them,
/// the series for a chart, the tornado rows.
public struct ProjectionResult: Sendable {
    /// Each scenario's figures, in the request's order.
    public var scenarios: [ScenarioProjection]
    /// The last year of the run: the year of every scenario's `headline`.
    package var year: Int
    /// The trail of the run: steps, results, sources, warnings.
    public var estimate: Estimate
    package var series: [ProjectionSeries]
    package var tornado: [TornadoRow]
    /// The source line under a chart: the sources' short names.
    package var sourceLine: String
    /// The settings of a Monte Carlo run; nil when the figures are exact values or range ends.
    package var monteCarlo: MonteCarloSettings?

    /// The figures of the scenario `id`, or nil.
    public func scenario(_ id: String) -> ScenarioProjection? { scenarios.first { $0.id == id } }
}

/// named input of one `Formula`, so ranges give exact ends and Monte Carlo can sample it.
public enum Projection {
    /// An input that `ProjectionSetting` may set.
    package struct SettableInput: Sendable {
        package let name: String
        package let help: String
        let check: @Sendable (String) throws -> Void
    }

    /// The inputs a caller may set, with what each means.
    package static let settableInputs: [SettableInput] = [
        SettableInput(name: "growth", help: "yearly growth of electricity (or emissions) from the base year to the scenario's first target year, such as 20%/y, 15..20%/y or uniform:10%,20% (a rate's bare % is per year); above -100 %/y") { try Check.growth(try Growth.parseRange(rateText($0)), field: "growth", shown: $0) },
        SettableInput(name: "grid-decline", help: "yearly fall of each region's grid intensity, such as 3%/y (-1%/y for a rise)") { _ = try Growth.parseRange(rateText($0)) },
        SettableInput(name: "pue-change", help: "yearly change of PUE against the source's path, such as -1%/y (changes electricity by the same factor); above -100 %/y") { try Check.growth(try Growth.parseRange(rateText($0)), field: "pue_change", shown: $0) },
        SettableInput(name: "embodied-share", help: "embodied emissions (construction, hardware) as a share of the total, such as 40%") { try Check.share(try Share.parseRange($0), field: "embodied_share", shown: $0) },
        SettableInput(name: "base", help: "the base-year value of each region, in TWh (or Mt CO2e for an emissions path), such as 415TWh; above zero") { text in
            if let e = try? Energy.parseRange(text) { try Check.positive(e, field: "base", shown: text) } else { try Check.positive(try Mass.parseRange(text), field: "base", shown: text) }
        },
        SettableInput(name: "intensity", help: "each region's grid intensity in the base year, such as 400g/kWh; 0 or more: a range or distribution that reaches below zero (a normal's central 99 %) is refused, not truncated; truncate it yourself: normal:400g/kWh,200g/kWh,0g/kWh..1000g/kWh") { try Check.nonNegative(try Intensity.parseRange($0), field: "intensity", shown: $0) },
    ]

    /// A yearly rate as written, with a bare `%` read as `%/y` (`uniform:10%,20%` is
    /// `uniform:10%/y,20%/y`): every rate a projection takes is per year.
    package static func rateText(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            out.append(c)
            guard c == "%" else { continue }
            let rest = String(chars[(i + 1)...]).trimmingSpaces.lowercased()
            if !(rest.hasPrefix("/") || rest.hasPrefix("pa") || rest.hasPrefix("per")) { out += "/y" }
        }
        return out
    }

    /// The relative change each input gets in a tornado table when it is a single value.
    package static let sensitivitySwing = 0.2
    /// The change, in yearly rate, a zero-valued rate input gets in a tornado table.
    package static let sensitivityZeroRateSwing = 0.01

    /// Evaluates the request: checks it, resolves and builds each scenario's formula, refuses
    /// up front a Monte Carlo that would not fit in memory, then evaluates each scenario and
    /// derives the trail from its typed figures.
    ///
    /// - Throws: `CO2eError.invalidInput` for settings that name no region of a scenario, a
    ///   year before a scenario's base year, a cumulative span past the last year, growth at or
    ///   below -100 %/y, a negative intensity, a scenario given twice, a run too large for
    ///   memory (`resource_limit`); `.invalidData` for a grid zone that is not bundled or two
    ///   different sources with one id (`duplicate_entry`).
    public static func run(_ request: ProjectionRequest, catalog: FactorCatalog = .bundled,
                           bundledSources: [Source] = ProjectionCatalog.bundledSources) throws -> ProjectionResult {
        try check(request)
        var request = request
        request.scenarios = request.scenarios.map(\.escapedForDisplay)
        let sources = try sourceList(request.scenarios, bundled: bundledSources)
        let prepared = try request.scenarios.map { try PreparedScenario($0, request: request, catalog: catalog) }
        for p in prepared { try p.built.formula.checkSampling(request.sampling, figures: p.figures) }
        var report = ProjectionReport(request: request, sources: sources)
        for p in prepared {
            let e = try p.built.formula.evaluate(sampling: request.sampling, figures: p.figures)
            try report.add(p, e, p.figures(e))
        }
        return try report.finish()
    }

    /// The request's own checks: at least one scenario, each once, years after each base year,
    /// a cumulative span within the run, settings that name a region some scenario has.
    static func check(_ request: ProjectionRequest) throws {
        guard !request.scenarios.isEmpty else { throw CO2eError(.invalidInput, "give at least one scenario", field: "scenario") }
        var ids = Set<String>()
        for s in request.scenarios {
            guard ids.insert(s.id).inserted else {
                throw CO2eError(.invalidInput, "is given twice", code: .duplicateEntry, field: "scenario", value: s.id)
            }
        }
        if let c = request.cumulative, c.upperBound > request.to {
            throw CO2eError(.invalidInput, "ends after the last year of the run (\(request.to)); the headline year would move to \(c.upperBound)",
                            code: .valueOutOfRange, field: "cumulative", value: "\(c.lowerBound)..\(c.upperBound)",
                            accepted: "a span ending by \(request.to), or a last year (to) of \(c.upperBound) or later")
        }
        for s in request.scenarios {
            guard request.to > s.baseYear else {
                throw CO2eError(.invalidInput, "is not after \(s.id)'s base year (\(s.baseYear))", field: "to", value: String(request.to),
                                accepted: "a year after \(s.baseYear)")
            }
            if let c = request.cumulative, c.lowerBound < s.baseYear {
                throw CO2eError(.invalidInput, "starts before \(s.id)'s base year (\(s.baseYear))", field: "cumulative",
                                value: "\(c.lowerBound)..\(c.upperBound)", accepted: "a span from \(s.baseYear) on")
            }
        }
        for setting in request.settings {
            if let r = setting.region, !request.scenarios.contains(where: { $0.regions.contains { $0.id == r } }) {
                let all = Array(Set(request.scenarios.flatMap { $0.regions.map(\.id) })).sorted()
                throw CO2eError(.invalidInput, "names region '\(r)', which no scenario has", field: "set", value: "\(setting.name).\(r)=\(setting.value)",
                                accepted: all.joined(separator: ", "))
            }
        }
    }

    /// The bundled sources and those the scenarios define. One id names one source: a file
    /// that gives another source under a bundled id, or two files that disagree on an id, is
    /// refused rather than one of them silently winning.
    static func sourceList(_ scenarios: [Scenario], bundled: [Source]) throws -> [Source] {
        var sources = bundled
        for s in scenarios {
            for (n, source) in s.sources.enumerated() {
                if let other = sources.first(where: { $0.id == source.id }) {
                    guard other == source else {
                        throw CO2eError(.invalidData, "is the id of another source already (\(other.publisher), \(other.published)); give each source its own id",
                                        code: .duplicateEntry, field: "sources[\(n)].id", value: source.id,
                                        accepted: "an id no bundled or other scenario's source has")
                    }
                    continue
                }
                sources.append(source)
            }
        }
        return sources
    }

    /// A chart's series: each year's bounds; for a Monte Carlo run, p5 to p95 and the median.
    /// The scenario's totals are summarised from every sample, a region's from the kept ones.
    static func chartSeries(_ label: String, _ e: Evaluation, years: [Int], twh: [Variable<EnergyDimension>],
                            total: [Variable<MassDimension>]) -> ProjectionSeries {
        var s = ProjectionSeries(label: label, years: years, terawattHours: twh.map { e.interval($0).scaled(by: 1e-9) },
                                 megatonnes: total.map { e.interval($0).scaled(by: 1e-9) })
        guard e.monteCarlo != nil else { return s }
        func band(_ spread: Spread) -> (Interval, Double) {
            guard case let .percentiles(p) = spread else { return (spread.interval, spread.interval.midpoint) }
            func at(_ q: Double) -> Double? { p.values.first { $0.percent == q }?.value }
            return (Interval(at(5) ?? spread.interval.lower, at(95) ?? spread.interval.upper), at(50) ?? p.mean)
        }
        let t = twh.map { band(e[$0]) }, m = total.map { band(e[$0]) }
        s.terawattHours = t.map { $0.0.scaled(by: 1e-9) }
        s.terawattHoursMedian = t.map { $0.1 * 1e-9 }
        s.megatonnes = m.map { $0.0.scaled(by: 1e-9) }
        s.megatonnesMedian = m.map { $0.1 * 1e-9 }
        return s
    }

    /// The spread table by year (created on the first call): each year's electricity and total
    /// and the cumulative total, with mean, standard deviation and the percentiles the engine
    /// found; a figure no sampled input moves shows its one value in every column.
    static func spreadTable(_ table: Table?, _ e: Evaluation, _ b: BuiltScenario, scenario: String,
                            settings: MonteCarloSettings, span: (ClosedRange<Int>, Variable<MassDimension>)?) -> Table {
        let percents = settings.percents.sorted()
        func name(_ p: Double) -> String { "p" + NumberText.exact(p) }
        var t = table ?? Table(key: "spread", title: "Spread by year over \(NumberText.format(Double(settings.samples), significantDigits: 12)) samples (Monte Carlo, seed \(settings.seed); annual figures unless marked)",
                               columns: [.init("scenario", "Scenario"), .init("year", "Year"), .init("figure", "Figure"),
                                         .init("mean", "Mean"), .init("sd", "SD")] + percents.map { .init(name($0), name($0)) })
        func row(_ year: String, _ figure: String, _ spread: Spread, _ cell: (Double) -> Value) -> [Table.Cell] {
            let (mean, sd, values): (Double, Double, [Double])
            switch spread {
            case let .percentiles(p):
                (mean, sd) = (p.mean, p.standardDeviation)
                values = percents.map { q in p.values.first { $0.percent == q }?.value ?? .nan }
            default:
                let x = spread.interval.midpoint
                (mean, sd, values) = (x, 0, percents.map { _ in x })
            }
            return [.text(scenario), .text(year), .text(figure), .value(cell(mean)), .value(cell(sd))] + values.map { .value(cell($0)) }
        }
        let twh: (Double) -> Value = { Value(Energy(baseValue: $0), unit: "TWh") }
        let mt: (Double) -> Value = { Value(Mass(baseValue: $0), unit: "Mt") }
        for (k, year) in b.years.enumerated() {
            if !b.twh.isEmpty { t.rows.append(row(String(year), "Electricity", e[b.twh[k]], twh)) }
            t.rows.append(row(String(year), "Total emissions", e[b.total[k]], mt))
        }
        if let (c, v) = span {
            t.rows.append(row("\(c.lowerBound)–\(c.upperBound)", "Emissions, CUMULATIVE", e[v], { Value(Mass(baseValue: $0), unit: "Gt") }))
        }
        return t
    }

    static func percent(_ part: Figure<MassDimension>, of whole: Figure<MassDimension>) -> String {
        let p = part.spread.interval, w = whole.spread.interval
        guard w.lower > 0 else { return "-" }
        let lo = p.lower / w.lower, hi = p.upper / w.upper
        return Share.format(Interval(Swift.min(lo, hi), Swift.max(lo, hi)), significantDigits: 3)
    }

    static func citedSources(_ e: Estimate) -> [String] {
        (e.steps + e.results).flatMap { $0.citations.map(\.source) }
    }

    /// The words that say what each figure is.
    static func headlineNotes(_ request: ProjectionRequest, to: Int, into estimate: inout Estimate) {
        estimate.warn("annual_or_cumulative", request.cumulative.map { c in
            "Every yearly figure is ANNUAL (one calendar year). The CUMULATIVE figures sum \(c.count) years, \(c.lowerBound) to \(c.upperBound) inclusive; do not compare a cumulative total with an annual one."
        } ?? "Every figure is ANNUAL (one calendar year), none cumulative (a cumulative span, such as 2024..2030, sums the years).")
        for s in request.scenarios {
            let coverage = s.isGlobal
                ? (s.regions.count > 1 ? "GLOBAL data centres, the sum of \(s.regions.map(\.name).joined(separator: ", "))" : "GLOBAL data centres")
                : "data centres in \(s.regions.map(\.name).joined(separator: ", ")) ONLY, not the world"
            let embodied = s.embodiedShare != nil || s.embodiedPerMW != nil
                ? "totals INCLUDE embodied emissions (construction and hardware)"
                : "totals are OPERATIONAL only (electricity x grid intensity; no construction or hardware)"
            estimate.warn("coverage_\(s.id)", "\(s.id): \(coverage); \(embodied).")
            for n in s.notes { estimate.warn(n.key + "_" + s.id, "\(s.id): \(n.text)") }
        }
        estimate.warn("tripling", "A 'tripling' (or 'doubling') in a headline is a ratio to a baseline: here each ratio is a later year against the same scenario's own base year, over time. Some headlines compare instead with a world without AI in the same year (Morgan Stanley's 2.5 Gt is about three times that counterfactual), which is a different claim.")
    }
}

extension String {
    var replacingDashesWithUnderscores: String { String(map { $0 == "-" ? "_" : $0 }) }
}

// MARK: - One scenario's formula

/// A region with every input resolved to a value or a range.
struct ResolvedRegion {
    var region: ScenarioRegion
    var base: Interval
    /// The yearly rate of the first period (base year to the first path year).
    var growth: Interval
    var growthHow: String
    var firstPeriodYears: Int
    /// The fixed yearly rates of the later years (index k: from year k-1 to year k), exact.
    var laterRates: [Double]
    var intensity: Interval
    var intensityHow: String
    var intensityCitation: Citation?
    var decline: Interval
    var declineHow: String
    var loadFactor: Double?
}

struct BuiltRegion {
    var growth: Variable<GrowthDimension>
    var twh: [Variable<EnergyDimension>]
    var operational: [Variable<MassDimension>]
    var embodied: [Variable<MassDimension>]
    var total: [Variable<MassDimension>]
    var capacity: [Variable<PowerDimension>]
    var shareOfUse: Variable<ShareDimension>?
    var base: Variable<EnergyDimension>?
    var baseMass: Variable<MassDimension>?
    var intensity: Variable<IntensityDimension>?
    var decline: Variable<GrowthDimension>?
}

/// A region's inputs for an electricity path: base-year TWh, the scenario's PUE change, and
/// its grid's intensity and yearly fall.
struct GridInputs {
    var base: Variable<EnergyDimension>
    var pue: Variable<GrowthDimension>
    var intensity: Variable<IntensityDimension>
    var decline: Variable<GrowthDimension>
}

struct BuiltScenario {
    var formula: Formula
    var years: [Int]
    var twh: [Variable<EnergyDimension>]
    var operational: [Variable<MassDimension>]
    var embodied: [Variable<MassDimension>]
    var total: [Variable<MassDimension>]
    var regions: [BuiltRegion]
    var cumulative: [ClosedRange<Int>: (total: Variable<MassDimension>, operational: Variable<MassDimension>, embodied: Variable<MassDimension>)]
    var pueChange: Variable<GrowthDimension>?
    var embodiedShare: Variable<ShareDimension>?
}

struct ResolvedScenario {
    var scenario: Scenario
    var to: Int
    var regions: [ResolvedRegion]
    var pueChange: Interval
    var embodiedShare: Interval?
    var embodiedPerMW: Interval?
    var gridFactors: [GridFactor] = []
    /// Inputs set as distributions, by formula key (`growth_us`), with their shapes: the
    /// formula draws them; every other input is its value or range.
    var sampled: [String: DistributionShape] = [:]
    /// Region inputs (`growth_us`) that one setting for every region gives, with the key of
    /// the one input they share (`growth`).
    var shared: [String: String] = [:]
    var warnings: [Note] = []
    var assumptions: [Note] = []

    init(_ s: Scenario, to: Int, settings: [ProjectionSetting], catalog: FactorCatalog) throws {
        scenario = s
        self.to = to
        func setting(_ name: String, _ region: String?) -> ProjectionSetting? {
            settings.last { $0.name == name && $0.region == region } ?? (region != nil ? settings.last { $0.name == name && $0.region == nil } : nil)
        }
        func interval<D: PhysicalDimension>(_ text: String, _: D.Type) throws -> Interval { try Quantity<D>.parseRange(text).interval }
        var sampled: [String: DistributionShape] = [:]
        var shared: [String: String] = [:]
        /// A setting's bounds. A setting for every region is one input of the formula, `name`
        /// (drawn once per sample for all regions); one for a region is `name_region`. A
        /// distribution's shape is kept for the formula under that key.
        func given<D: PhysicalDimension>(_ set: ProjectionSetting, _ name: String, _ region: String?, _ d: D.Type, _ accepted: String) throws -> Interval {
            let u = try Self.inputRange(set, d, accepted)
            var key = region.map { "\(name)_\($0)" } ?? name
            if let region, set.region == nil {
                shared["\(name)_\(region)"] = name
                key = name
            }
            if case let .distribution(dist) = u { sampled[key] = dist.shape }
            return u.interval
        }
        let years = to - s.baseYear
        var regions: [ResolvedRegion] = []
        for region in s.regions {
            let key = region.id.replacingDashesWithUnderscores
            // Base value.
            var base = s.basis == .electricity ? try interval(region.base.value, EnergyDimension.self) : try interval(region.base.value, MassDimension.self)
            if let set = setting("base", region.id) {
                base = s.basis == .electricity
                    ? try given(set, "base", key, EnergyDimension.self, "an energy such as 415TWh (this scenario's path is electricity)")
                    : try given(set, "base", key, MassDimension.self, "a mass such as 200Mt (this scenario's path is emissions)")
                guard base.lower > 0 else { throw CO2eError(.invalidInput, "base must be more than zero", field: "set", value: set.value) }
            }
            // The path: a yearly rate for each year after the base year.
            var rates: [Double] = []
            var value = base.midpoint
            var lastYear = s.baseYear
            var firstHow = ""
            var firstYears = 0
            for point in region.path {
                let n = Double(point.year - lastYear)
                let rate: Double
                switch point.kind {
                case let .target(f):
                    let target = (s.basis == .electricity ? try interval(f.value, EnergyDimension.self) : try interval(f.value, MassDimension.self)).midpoint
                    rate = pow(target / value, 1 / n) - 1
                    if firstYears == 0 {
                        firstHow = "the constant compound rate from \(Self.show(value, s.basis)) in \(lastYear) to \(Self.show(target, s.basis)) in \(point.year): (\(Self.number(target, s.basis)) / \(Self.number(value, s.basis)))^(1/\(point.year - lastYear)) − 1"
                    }
                    value = target
                case let .rate(f):
                    rate = try interval(f.value, GrowthDimension.self).midpoint
                    if firstYears == 0 { firstHow = "given" + (f.derived.map { "; " + $0 } ?? "") }
                    value *= pow(1 + rate, n)
                case let .capacity(c, lf):
                    let watts = try interval(c.value, PowerDimension.self).midpoint
                    let share = try interval(lf.value, ShareDimension.self).midpoint
                    let target = watts * UnitTable.hoursPerYear * share / 1_000
                    rate = pow(target / value, 1 / n) - 1
                    if firstYears == 0 {
                        firstHow = "the compound rate to \(c.value) x 8,760 h x \(lf.value) = \(Energy(baseValue: target).formatted(unit: "TWh")) in \(point.year)"
                    }
                    value = target
                }
                guard rate > -1 else {
                    throw CO2eError(.invalidData, "the path falls by 100 % or more a year", field: "regions.\(region.id).path", value: String(point.year))
                }
                if firstYears == 0 { firstYears = point.year - lastYear }
                for _ in lastYear..<point.year { rates.append(rate) }
                lastYear = point.year
            }
            if region.path.isEmpty {
                throw CO2eError(.invalidData, "has no path after the base year; give at least one value or rate", field: "regions.\(region.id).path",
                                file: s.id)
            }
            if to > lastYear, let last = rates.last {
                for _ in lastYear..<to { rates.append(last) }
                warnings.append(Note("extrapolated_\(s.id)_\(region.id)", "\(s.id) (\(region.name)): the source's path ends in \(lastYear); \(lastYear + 1)–\(to) continue at its last yearly rate, \(Growth(baseValue: last).formatted(unit: "%/y")) (co2e's extrapolation, not the source's)."))
            }
            var growth = Interval(rates[0])
            if let set = setting("growth", region.id) {
                growth = try given(set, "growth", key, GrowthDimension.self, "a rate such as 20%/y")
                guard growth.lower > -1 else {
                    throw CO2eError(.invalidInput, "growth is -100 %/y or less", field: "set", value: set.value, accepted: "a rate above -100 %/y, such as 15%/y or -3%/y")
                }
                firstHow = "set (\(set.value)); the source's: \(Growth(baseValue: rates[0]).formatted(unit: "%/y"))"
            }
            let later = firstYears < rates.count ? Array(rates[firstYears...]) : []
            // Grid intensity.
            var intensity = Interval(0), intensityHow = "", citation: Citation?, decline = Interval(0), declineHow = ""
            if s.basis == .electricity {
                if let i = region.intensity {
                    intensity = try interval(i.value, IntensityDimension.self)
                    intensityHow = i.derived.map { "derived: " + $0 } ?? "given by the scenario"
                    citation = i.citation
                } else {
                    // The reader refuses a region with neither a grid, an intensity nor a default zone.
                    let zoneName = region.grid ?? ProjectionRegions.known.first { $0.id == region.id }?.zone ?? region.id
                    let match = try catalog.resolve(zoneName)
                    let all = try catalog.factors(for: match.zone)
                    guard let factor = all.first(where: { $0.year == s.baseYear }) ?? all.last else {
                        throw CO2eError(.invalidData, "has no grid factor", code: .notAvailable, field: "grid", value: zoneName)
                    }
                    gridFactors.append(factor)
                    intensity = Interval(factor.intensity.gramsPerKilowattHour)
                    intensityHow = "grid factor \(factor.zone) \(factor.year) (\(factor.zoneName); \(factor.basisDescription); \(factor.source.id))"
                    if region.grid == nil && factor.zone == "WORLD" && region.id != "world" {
                        intensityHow += "; no bundled factor for \(region.name), so the world average stands in"
                    }
                    if factor.year != s.baseYear { intensityHow += "; no \(s.baseYear) factor, the newest used" }
                    citation = Citation(source: factor.source.id, at: factor.origin)
                    if region.gridDecline == nil, let newest = all.last {
                        let earliest = all.first { $0.year >= newest.year - 5 } ?? newest
                        if newest.year > earliest.year {
                            let n = Double(newest.year - earliest.year)
                            decline = Interval(1 - pow(newest.intensity.gramsPerKilowattHour / earliest.intensity.gramsPerKilowattHour, 1 / n))
                            declineHow = "the zone's own trend, \(earliest.year)–\(newest.year): 1 − (\(NumberText.format(newest.intensity.gramsPerKilowattHour, significantDigits: 6)) / \(NumberText.format(earliest.intensity.gramsPerKilowattHour, significantDigits: 6)))^(1/\(newest.year - earliest.year)), continued"
                        }
                    }
                }
                if let d = region.gridDecline {
                    decline = try interval(d.value, GrowthDimension.self)
                    declineHow = d.derived.map { "derived: " + $0 } ?? "given by the scenario"
                }
                if let set = setting("intensity", region.id) {
                    intensity = try given(set, "intensity", key, IntensityDimension.self, "an intensity such as 400g/kWh")
                    intensityHow = "set (\(set.value)); an intensity below zero is refused, never truncated"
                    citation = nil
                }
                if let set = setting("grid-decline", region.id) {
                    decline = try given(set, "grid_decline", key, GrowthDimension.self, "a yearly fall such as 3%/y")
                    guard decline.upper < 1 else {
                        throw CO2eError(.invalidInput, "grid-decline is a fall of 100 %/y or more", field: "set", value: set.value, accepted: "a fall below 100 %/y")
                    }
                    declineHow = "set (\(set.value))"
                }
            } else {
                for name in ["intensity", "grid-decline", "pue-change"] where setting(name, region.id) != nil {
                    throw CO2eError(.invalidInput, "\(name) does not apply to \(s.id): its path is emissions (Mt CO2e), not electricity", field: "set",
                                    value: setting(name, region.id)?.value)
                }
            }
            let lf = try region.loadFactor.map { try interval($0.value, ShareDimension.self).midpoint }
            regions.append(ResolvedRegion(region: region, base: base, growth: growth, growthHow: firstHow, firstPeriodYears: min(firstYears, years),
                                          laterRates: later, intensity: intensity, intensityHow: intensityHow, intensityCitation: citation,
                                          decline: decline, declineHow: declineHow, loadFactor: lf))
        }
        self.regions = regions
        pueChange = Interval(0)
        if let set = setting("pue-change", nil) {
            pueChange = try given(set, "pue_change", nil, GrowthDimension.self, "a yearly change such as -1%/y")
            guard pueChange.lower > -1 else { throw CO2eError(.invalidInput, "pue-change is -100 %/y or less", field: "set", value: set.value) }
        }
        embodiedShare = try s.embodiedShare.map { try interval($0.value, ShareDimension.self) }
        if let set = setting("embodied-share", nil) {
            let share = try given(set, "embodied_share", nil, ShareDimension.self, "a share such as 40%")
            embodiedShare = share
            guard share.lower >= 0, share.upper < 1 else {
                throw CO2eError(.invalidInput, "embodied-share must be from 0 to below 100 %", field: "set", value: set.value)
            }
            embodiedPerMW = nil
        } else {
            embodiedPerMW = try s.embodiedPerMW.map { try interval($0.value, Per<MassDimension, PowerDimension>.self) }
        }
        assumptions.append(Note("interpolation", "\(s.id): \(s.interpolation)"))
        self.sampled = sampled
        self.shared = shared
    }

    static func inputRange<D: PhysicalDimension>(_ s: ProjectionSetting, _: D.Type, _ accepted: String) throws -> Uncertain<D> {
        do {
            return try Quantity<D>.parseRange(D.self == GrowthDimension.self ? Projection.rateText(s.value) : s.value)
        } catch let e as CO2eError {
            throw CO2eError(.invalidInput, "\(s.name): \(e.reason)", field: "set", value: "\(s.name)=\(s.value)", accepted: accepted)
        }
    }

    static func show(_ base: Double, _ basis: ScenarioBasis) -> String {
        basis == .electricity ? Energy(baseValue: base).formatted(unit: "TWh") : Mass(baseValue: base).formatted(unit: "Mt")
    }

    package static func number(_ base: Double, _ basis: ScenarioBasis) -> String {
        NumberText.format(base / 1e9, significantDigits: 6)
    }

    var embodiedWords: String {
        embodiedShare != nil || embodiedPerMW != nil ? "operational + embodied" : "operational only"
    }

    /// The formula: inputs per region and for the scenario, and one compute step per region
    /// that writes every year's values, then one that sums regions and spans.
    func build(cumulative: ClosedRange<Int>?) -> BuiltScenario {
        var f = Formula()
        f.keyPrefix = scenario.id.replacingDashesWithUnderscores
        let years = Array(scenario.baseYear...to)
        let electricity = scenario.basis == .electricity
        /// An input as given: drawn from its distribution when it was set as one.
        func given<D: PhysicalDimension>(_ key: String, _ i: Interval) -> Uncertain<D> {
            sampled[key].map { .distribution(Distribution(unchecked: $0)) } ?? Uncertain(baseInterval: i)
        }
        var sharedInputs: [String: Int] = [:]
        /// A region's input, or the one input a setting for every region gives.
        func input<D: PhysicalDimension>(_ key: String, _ i: Interval) -> Variable<D> {
            guard let name = shared[key] else { return f.input(key, given(key, i) as Uncertain<D>) }
            if let index = sharedInputs[name] { return Variable(index: index) }
            let v = f.input(name, given(name, i) as Uncertain<D>)
            sharedInputs[name] = v.index
            return v
        }
        let pue = electricity ? f.input("pue_change", given("pue_change", pueChange) as Uncertain<GrowthDimension>) : nil
        let share = embodiedShare.map { f.input("embodied_share", given("embodied_share", $0) as Uncertain<ShareDimension>) }
        let perMW = embodiedPerMW.map { f.input("embodied_per_mw", Uncertain<Per<MassDimension, PowerDimension>>(baseInterval: $0)) }
        var built: [BuiltRegion] = []
        for r in regions {
            let id = r.region.id.replacingDashesWithUnderscores
            let growth: Variable<GrowthDimension> = input("growth_\(id)", r.growth)
            // An electricity path has its base in TWh and a grid; an emissions path its base in Mt.
            let grid: GridInputs? = pue.map { pue in
                GridInputs(base: input("base_\(id)", r.base), pue: pue, intensity: input("intensity_\(id)", r.intensity),
                           decline: input("grid_decline_\(id)", r.decline))
            }
            let baseM: Variable<MassDimension>? = grid == nil ? input("base_\(id)", r.base) : nil
            let twh = electricity ? years.map { f.value("electricity_\($0)_\(id)", EnergyDimension.self) } : []
            let op = years.map { f.value("operational_\($0)_\(id)", MassDimension.self) }
            let emb = years.map { f.value("embodied_\($0)_\(id)", MassDimension.self) }
            let tot = years.map { f.value("total_\($0)_\(id)", MassDimension.self) }
            let lf = r.loadFactor
            let cap = electricity && lf != nil ? years.map { f.value("capacity_\($0)_\(id)", PowerDimension.self) } : []
            var shareOfUse: Variable<ShareDimension>?
            var otherIndex = -1
            var other = 0.0
            if let o = r.region.otherElectricity, let y = r.region.otherElectricityYear, let k = years.firstIndex(of: y), electricity,
               let oi = try? Energy.parseRange(o.value).interval {
                shareOfUse = f.value("share_of_use_\(y)_\(id)", ShareDimension.self)
                otherIndex = k
                other = oi.midpoint
            }
            let first = r.firstPeriodYears
            let later = r.laterRates
            let sou = shareOfUse
            let otherAt = otherIndex, otherUse = other
            f.compute { v in
                var x = grid.map { v[$0.base].baseValue } ?? baseM.map { v[$0].baseValue } ?? 0
                let g = v[growth].perYear
                let pueRate = grid.map { v[$0.pue].perYear } ?? 0
                let i0 = grid.map { v[$0.intensity].baseValue } ?? 0
                let d = grid.map { v[$0.decline].perYear } ?? 0
                let s = share.map { v[$0].fraction } ?? 0
                var previous = 0.0
                for k in 0..<years.count {
                    if k > 0 { x *= 1 + (k <= first ? g : later[k - first - 1]) }
                    if electricity {
                        let e = x * pow(1 + pueRate, Double(k))
                        v[twh[k]] = Energy(baseValue: e)
                        // kWh x g/kWh = g; / 1,000 = kg.
                        let operational = e * i0 * pow(1 - d, Double(k)) / UnitTable.gramsPerKilogram
                        v[op[k]] = Mass(baseValue: operational)
                        var embodied = operational * s / (1 - s)
                        if let lf {
                            // kWh per year / (8,760 h x load factor) = average kW; x 1,000 = W.
                            let watts = e / (UnitTable.hoursPerYear * lf) * 1_000
                            v[cap[k]] = Power(baseValue: watts)
                            if let perMW {
                                let added = k > 0 ? Swift.max(0, watts - previous) : 0
                                embodied = added * v[perMW].baseValue
                            }
                            previous = watts
                        }
                        v[emb[k]] = Mass(baseValue: embodied)
                        v[tot[k]] = Mass(baseValue: operational + embodied)
                        if k == otherAt, let sou { v[sou] = Share(baseValue: e / (e + otherUse)) }
                    } else {
                        v[tot[k]] = Mass(baseValue: x)
                        v[op[k]] = Mass(baseValue: x * (1 - s))
                        v[emb[k]] = Mass(baseValue: x * s)
                    }
                }
            }
            built.append(BuiltRegion(growth: growth, twh: twh, operational: op, embodied: emb, total: tot, capacity: cap, shareOfUse: shareOfUse, base: grid?.base, baseMass: baseM,
                                     intensity: grid?.intensity, decline: grid?.decline))
        }
        // Sums over regions.
        let single = regions.count == 1
        let twh = electricity ? (single ? built[0].twh : years.map { f.value("electricity_\($0)", EnergyDimension.self) }) : []
        let op = single ? built[0].operational : years.map { f.value("operational_\($0)", MassDimension.self) }
        let emb = single ? built[0].embodied : years.map { f.value("embodied_\($0)", MassDimension.self) }
        let tot = single ? built[0].total : years.map { f.value("total_\($0)", MassDimension.self) }
        if !single {
            let rt = built.map(\.twh), rtot = built.map(\.total)
            let ro = built.map(\.operational), re = built.map(\.embodied)
            f.compute { v in
                for k in 0..<years.count {
                    var a = 0.0, b = 0.0, c = 0.0, d = 0.0
                    for r in 0..<rtot.count {
                        if electricity { a += v[rt[r][k]].baseValue }
                        b += v[ro[r][k]].baseValue
                        c += v[re[r][k]].baseValue
                        d += v[rtot[r][k]].baseValue
                    }
                    if electricity { v[twh[k]] = Energy(baseValue: a) }
                    v[op[k]] = Mass(baseValue: b)
                    v[emb[k]] = Mass(baseValue: c)
                    v[tot[k]] = Mass(baseValue: d)
                }
            }
        }
        // Cumulative spans: the one asked for and those the source publishes.
        var spans: [ClosedRange<Int>] = []
        if let c = cumulative { spans.append(c) }
        for p in scenario.published where p.figure.hasPrefix("cumulative") {
            // A span that ends before it starts (before the base year) is outside the run.
            let start = p.from ?? scenario.baseYear
            guard start <= p.year else { continue }
            let span = start...p.year
            if span.lowerBound >= scenario.baseYear, span.upperBound <= to, !spans.contains(span) { spans.append(span) }
        }
        var cumulativeVars: [ClosedRange<Int>: (total: Variable<MassDimension>, operational: Variable<MassDimension>, embodied: Variable<MassDimension>)] = [:]
        for span in spans {
            let name = "\(span.lowerBound)_\(span.upperBound)"
            let ct = f.value("cumulative_total_\(name)", MassDimension.self)
            let co = f.value("cumulative_operational_\(name)", MassDimension.self)
            let ce = f.value("cumulative_embodied_\(name)", MassDimension.self)
            let lo = span.lowerBound - scenario.baseYear, hi = span.upperBound - scenario.baseYear
            f.compute { v in
                var a = 0.0, b = 0.0, c = 0.0
                for k in lo...hi {
                    a += v[tot[k]].baseValue
                    b += v[op[k]].baseValue
                    c += v[emb[k]].baseValue
                }
                v[ct] = Mass(baseValue: a)
                v[co] = Mass(baseValue: b)
                v[ce] = Mass(baseValue: c)
            }
            cumulativeVars[span] = (ct, co, ce)
        }
        return BuiltScenario(formula: f, years: years, twh: twh, operational: op, embodied: emb, total: tot, regions: built,
                             cumulative: cumulativeVars, pueChange: pue, embodiedShare: share)
    }

    /// The trail of one scenario: its inputs with their sources, then its results.
    func describe(_ e: Evaluation, _ b: BuiltScenario, into part: inout Estimate, to: Int, cumulative: ClosedRange<Int>?) {
        let s = scenario
        for (n, r) in regions.enumerated() {
            let br = b.regions[n]
            let name = r.region.name
            let id = r.region.id.replacingDashesWithUnderscores
            if let base = br.base {
                part.steps.append(.init("base_\(id)", "\(name): electricity \(s.baseYear)", e.value(base, unit: "TWh"),
                                        how: r.region.base.derived.map { "derived: " + $0 } ?? "published", citations: r.region.base.citation.map { [$0] } ?? []))
            } else if let base = br.baseMass {
                part.steps.append(.init("base_\(id)", "\(name): emissions \(s.baseYear)", e.value(base, unit: "Mt"),
                                        how: r.region.base.derived.map { "derived: " + $0 } ?? "published", citations: r.region.base.citation.map { [$0] } ?? []))
            }
            let firstYear = s.baseYear + r.firstPeriodYears
            let firstPoint = r.region.path.first
            var citations: [Citation] = []
            if let p = firstPoint {
                switch p.kind {
                case let .target(f), let .rate(f), let .capacity(f, _): if let c = f.citation { citations.append(c) }
                }
            }
            part.steps.append(.init("growth_\(id)", "\(name): growth \(s.baseYear)–\(firstYear)", e.value(br.growth, unit: "%/y"),
                                    how: r.growthHow, citations: citations))
            for p in r.region.path.dropFirst() {
                let what: String
                var cites: [Citation] = []
                switch p.kind {
                case let .target(f): what = "\(f.value) in \(p.year)"; if let c = f.citation { cites.append(c) }
                case let .rate(f): what = "\(f.value) to \(p.year)"; if let c = f.citation { cites.append(c) }
                case let .capacity(c, lf): what = "\(c.value) at \(lf.value) load in \(p.year)"; if let x = c.citation { cites.append(x) }
                }
                var derived: String?
                switch p.kind { case let .target(f), let .rate(f), let .capacity(f, _): derived = f.derived }
                part.steps.append(.init("path_\(p.year)_\(id)", "\(name): then", .text(what),
                                        how: derived.map { "derived: " + $0 } ?? "published; constant compound rate from the previous point", citations: cites))
            }
            if let i = br.intensity, let d = br.decline {
                part.steps.append(.init("intensity_\(id)", "\(name): grid intensity \(s.baseYear)", e.value(i),
                                        how: r.intensityHow, citations: r.intensityCitation.map { [$0] } ?? []))
                part.steps.append(.init("grid_decline_\(id)", "\(name): grid intensity falls", e.value(d, unit: "%/y"),
                                        how: r.declineHow.isEmpty ? "held constant" : r.declineHow,
                                        citations: r.region.gridDecline?.citation.map { [$0] } ?? []))
            }
            for a in r.region.aiShare {
                part.steps.append(.init("ai_share_\(a.year)_\(id)", "\(name): share that is AI, \(a.year)",
                                        (try? Share.parseRange(a.value.value)).map { Value($0) } ?? .text(a.value.value),
                                        how: "published (not used in the arithmetic)", citations: a.value.citation.map { [$0] } ?? []))
            }
        }
        if let p = b.pueChange, !e.isExact(p) || e.lower(p).perYear != 0 {
            part.steps.append(.init("pue_change", "PUE change against the source's path", e.value(p, unit: "%/y"), how: "set; electricity x (1 + rate)^years"))
        }
        if let sh = b.embodiedShare {
            part.steps.append(.init("embodied_share", "Embodied share of the total", e.value(sh),
                                    how: s.embodiedShare?.derived.map { "derived: " + $0 } ?? "published", citations: s.embodiedShare?.citation.map { [$0] } ?? []))
        }
        let last = b.years.count - 1
        if !b.twh.isEmpty {
            part.results.append(.init("electricity_\(to)", "Electricity \(to) (annual)", e.value(b.twh[last], unit: "TWh"), how: howFinal(e, b)))
        }
        part.results.append(.init("operational_\(to)", "Operational emissions \(to) (annual)", e.value(b.operational[last], unit: "Mt"),
                                  how: s.basis == .electricity ? "Σ electricity x grid intensity x (1 − fall)^years" : "total x (1 − embodied share)"))
        part.results.append(.init("embodied_\(to)", "Embodied emissions \(to) (annual)", e.value(b.embodied[last], unit: "Mt"),
                                  how: embodiedShare != nil ? "total x embodied share" : embodiedPerMW != nil ? "MW added x embodied per MW" : "not in this scenario"))
        part.results.append(.init("total_\(to)", "Total emissions \(to) (annual)", e.value(b.total[last], unit: "Mt"),
                                  how: "\(e.text(b.total[last], unit: "Mt")) is \(ratioText(e, b.total[last], b.total[0])) the \(s.baseYear) figure (\(e.text(b.total[0], unit: "Mt")))"))
        for (n, r) in regions.enumerated() {
            if let sou = b.regions[n].shareOfUse, let y = r.region.otherElectricityYear, let o = r.region.otherElectricity {
                part.results.append(.init("share_of_use_\(y)_\(r.region.id.replacingDashesWithUnderscores)", "\(r.region.name): data centres' share of electricity use, \(y)",
                                          e.value(sou), how: "data centres / (data centres + other use \(o.value))" + (o.derived.map { "; other use derived: \($0)" } ?? ""),
                                          citations: o.citation.map { [$0] } ?? []))
            }
            if let cap = b.regions[n].capacity.last {
                part.results.append(.init("capacity_\(to)_\(r.region.id.replacingDashesWithUnderscores)", "\(r.region.name): average capacity in use, \(to)",
                                          e.value(cap, unit: "GW"), how: "electricity / (8,760 h x load factor \(r.loadFactor.map { Share.fraction($0).formatted() } ?? ""))",
                                          citations: r.region.loadFactor?.citation.map { [$0] } ?? []))
            }
        }
        if let c = cumulative, let v = b.cumulative[c] {
            part.results.append(.init("cumulative_\(c.lowerBound)_\(c.upperBound)", "Emissions \(c.lowerBound)–\(c.upperBound), CUMULATIVE (\(c.count) years)",
                                      e.value(v.total, unit: "Gt"), how: "Σ annual totals; operational \(e.text(v.operational, unit: "Gt")), embodied \(e.text(v.embodied, unit: "Gt"))"))
        }
    }

    func ratioText(_ e: Evaluation, _ a: Variable<MassDimension>, _ b: Variable<MassDimension>) -> String {
        let x = e.interval(a), y = e.interval(b)
        guard y.lower > 0 else { return "-" }
        let lo = Swift.min(x.lower / y.lower, x.upper / y.upper), hi = Swift.max(x.lower / y.lower, x.upper / y.upper)
        return Ratio.format(Interval(lo, hi), significantDigits: 3, unit: "x")
    }

    func howFinal(_ e: Evaluation, _ b: BuiltScenario) -> String {
        let first = e.interval(b.twh[0]), last = e.interval(b.twh[b.twh.count - 1])
        let n = Double(b.years.count - 1)
        let lo = pow(last.lower / first.lower, 1 / n) - 1, hi = pow(last.upper / first.upper, 1 / n) - 1
        return "\(Energy.format(first, unit: "TWh")) in \(scenario.baseYear), \(Growth.format(Interval(Swift.min(lo, hi), Swift.max(lo, hi)), significantDigits: 3, unit: "%/y")) on average over \(b.years.count - 1) years"
    }

    /// What comparing a published figure gives: a row of the table, nothing for a year outside
    /// the run, or the reason it cannot be compared (the report names it in a warning).
    enum Comparison {
        case row([Table.Cell])
        case outsideRun
        case notCompared(String)
    }

    /// A published figure beside the model's.
    func compare(_ p: PublishedFigure, _ e: Evaluation, _ b: BuiltScenario) -> Comparison {
        // A year before the base year (or a span that starts after its end) is outside the run,
        // never a range built backwards.
        let from = p.from ?? scenario.baseYear
        guard b.years.contains(p.year), from <= p.year, !p.figure.hasPrefix("cumulative") || b.years.contains(from) else { return .outsideRun }
        let span = from...p.year
        let k = p.year - scenario.baseYear
        let regionIndex = p.region.flatMap { id in regions.firstIndex { $0.region.id == id } }
        let model: Interval
        let modelText: String
        let publishedBase: Double?
        let single: Int? = regionIndex ?? (regions.count == 1 ? 0 : nil)
        switch p.figure {
        case "electricity":
            guard !b.twh.isEmpty else { return .notCompared("the scenario's path is emissions, not electricity") }
            let v = regionIndex.map { b.regions[$0].twh[k] } ?? b.twh[k]
            model = e.interval(v); modelText = e.text(v, unit: "TWh")
            publishedBase = try? Energy.parseRange(p.value.value).interval.midpoint
        case "operational", "embodied", "total":
            let list = p.figure == "operational" ? b.operational : p.figure == "embodied" ? b.embodied : b.total
            let regional = regionIndex.map { p.figure == "operational" ? b.regions[$0].operational : p.figure == "embodied" ? b.regions[$0].embodied : b.regions[$0].total }
            let v = regional.map { $0[k] } ?? list[k]
            model = e.interval(v); modelText = e.text(v, unit: "Mt")
            publishedBase = try? Mass.parseRange(p.value.value).interval.midpoint
        case "cumulative_total", "cumulative_operational", "cumulative_embodied":
            guard let c = b.cumulative[span] else { return .outsideRun }
            let v = p.figure == "cumulative_total" ? c.total : p.figure == "cumulative_operational" ? c.operational : c.embodied
            model = e.interval(v); modelText = e.text(v, unit: "Gt")
            publishedBase = try? Mass.parseRange(p.value.value).interval.midpoint
        case "share_of_use":
            guard let ri = single else { return .notCompared("name its region (the scenario has several)") }
            guard let v = b.regions[ri].shareOfUse, regions[ri].region.otherElectricityYear == p.year else {
                return .notCompared("the region gives no other_electricity for \(p.year)")
            }
            model = e.interval(v); modelText = e.text(v)
            publishedBase = try? Share.parseRange(p.value.value).interval.midpoint
        case "capacity":
            guard let ri = single else { return .notCompared("name its region (the scenario has several)") }
            guard b.regions[ri].capacity.indices.contains(k) else { return .notCompared("the region gives no load_factor to turn electricity into capacity") }
            let v = b.regions[ri].capacity[k]
            model = e.interval(v); modelText = e.text(v, unit: "GW")
            publishedBase = try? Power.parseRange(p.value.value).interval.midpoint
        default:
            return .notCompared("co2e does not compare '\(p.figure)'")
        }
        // The file reader refuses a value in the wrong unit; a caller's own figure may still have one.
        guard let published = publishedBase else { return .notCompared("'\(p.value.value)' is not in the figure's unit") }
        guard published != 0 else { return .notCompared("a published value of zero gives no relative difference") }
        var difference = model.midpoint / published - 1
        if abs(difference) < 1e-9 { difference = 0 }
        let tolerance = p.tolerance.flatMap { try? Share.parseRange($0).interval.upper }
        let spanText = p.figure.hasPrefix("cumulative") ? "\(span.lowerBound)–\(p.year)" : String(p.year)
        let label = "\(p.figure.swappingCharacter("_", " ")) \(spanText)" + (p.region.map { " (\($0))" } ?? "")
        let differenceText = (difference > 0 ? "+" : "") + NumberText.format(difference * 100, significantDigits: 2) + " %"
        return .row([.text(scenario.id), .text(label), .text(p.value.value + (p.value.source.map { " (\($0))" } ?? "")),
                     .text(modelText), .value(Value(dimension: ShareDimension.name, unit: "", spread: .exact(difference), text: differenceText)),
                     .text(tolerance.map { abs(difference) <= $0 + 1e-12 ? "yes (±\(Share.fraction($0).formatted()))" : "NO (±\(Share.fraction($0).formatted()))" } ?? "-")])
    }

    /// Each input at its low and high end, the others as given: the final year's total.
    func tornado(to: Int) throws -> [TornadoRow] {
        var rows: [TornadoRow] = []
        func total(_ variant: ResolvedScenario) throws -> Double {
            let b = variant.build(cumulative: nil)
            let e = try b.formula.evaluate()
            // Built for the base year to the last, so never empty; in Mt.
            return b.total.last.map { e.interval($0).midpoint.scaledToTera } ?? .nan
        }
        func ends(_ i: Interval, rate: Bool) -> (Double, Double) {
            if !i.isPoint { return (i.lower, i.upper) }
            if i.lower == 0 { return rate ? (-Projection.sensitivityZeroRateSwing, Projection.sensitivityZeroRateSwing) : (0, 0) }
            return (i.lower * (1 - Projection.sensitivitySwing), i.lower * (1 + Projection.sensitivitySwing))
        }
        func center(_ i: Interval) -> Interval { Interval(i.midpoint) }
        // Every input at its centre.
        var central = self
        central.sampled = [:]
        central.shared = [:]
        central.pueChange = center(pueChange)
        central.embodiedShare = embodiedShare.map(center)
        central.embodiedPerMW = embodiedPerMW.map(center)
        for k in central.regions.indices {
            central.regions[k].base = center(regions[k].base)
            central.regions[k].growth = center(regions[k].growth)
            central.regions[k].intensity = center(regions[k].intensity)
            central.regions[k].decline = center(regions[k].decline)
        }
        typealias Edit = (inout ResolvedScenario, Double) -> Void
        var inputs: [(name: String, unit: String, interval: Interval, rate: Bool, edit: Edit, scaleByRegion: Bool)] = []
        let electricity = scenario.basis == .electricity
        for (k, r) in regions.enumerated() {
            let tag = regions.count > 1 ? " (\(r.region.name))" : ""
            inputs.append(("growth" + tag, "%/y", r.growth, true, { s, x in s.regions[k].growth = Interval(x) }, false))
            inputs.append(("base" + tag, electricity ? "TWh" : "Mt", r.base, false, { s, x in s.regions[k].base = Interval(x) }, false))
            if electricity {
                inputs.append(("intensity" + tag, "g/kWh", r.intensity, false, { s, x in s.regions[k].intensity = Interval(x) }, false))
                inputs.append(("grid-decline" + tag, "%/y", r.decline, true, { s, x in s.regions[k].decline = Interval(x) }, false))
            }
        }
        if electricity { inputs.append(("pue-change", "%/y", pueChange, true, { s, x in s.pueChange = Interval(x) }, false)) }
        if let sh = embodiedShare { inputs.append(("embodied-share", "%", sh, false, { s, x in s.embodiedShare = Interval(x) }, false)) }
        for input in inputs {
            let (lo, hi) = ends(input.interval, rate: input.rate)
            guard lo != hi else { continue }
            var a = central, b = central
            input.edit(&a, lo)
            input.edit(&b, hi)
            func show(_ x: Double) -> String {
                switch input.unit {
                case "%/y": return Growth(baseValue: x).formatted(unit: "%/y")
                case "%": return Share(baseValue: x).formatted()
                case "TWh": return Energy(baseValue: x).formatted(unit: "TWh")
                case "Mt": return Mass(baseValue: x).formatted(unit: "Mt")
                default: return Intensity(baseValue: x).formatted()
                }
            }
            rows.append(TornadoRow(scenario: scenario.id, input: input.name, low: show(lo), high: show(hi),
                                   atLow: try total(a), atHigh: try total(b)))
        }
        return rows.sorted { $0.swing > $1.swing }
    }
}

extension String {
    func swappingCharacter(_ a: Character, _ b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}
