import CO2eCore
import CO2eData

/// Emissions per year over a span of years: given year by year, or a base that grows at a
/// yearly rate (compounding once a year from the base year).
public enum EmissionsPath: Sendable {
    /// A figure per year.
    case perYear([Int: Uncertain<MassDimension>])
    /// `base` in `baseYear`, times (1 + growth)^(year - baseYear).
    case growth(base: Uncertain<Per<MassDimension, DurationDimension>>, growth: Uncertain<GrowthDimension>, baseYear: Int)
    /// Figures given for some consecutive years (a company's disclosed inventory), then the last
    /// given figure times (1 + growth)^(year - last given year) after it.
    case disclosed([Int: Uncertain<MassDimension>], then: Uncertain<GrowthDimension>)

    /// Adds one emissions variable per year of `years` to `formula`.
    func addFormula(to formula: inout Formula, years: ClosedRange<Int>) -> [Variable<MassDimension>] {
        switch self {
        case let .perYear(given):
            return years.map { y in formula.input("emissions_\(y)", given[y] ?? .exact(.zero)) }
        case let .growth(base, growth, baseYear):
            let b = formula.input("base", base)
            let g = formula.input("growth", growth)
            let perYear = years.map { y in formula.value("emissions_\(y)", MassDimension.self) }
            let offsets = years.map { TimeSpan.years(Double($0 - baseYear)) }
            let oneYear = TimeSpan.years(1)
            formula.compute { v in
                for (k, out) in perYear.enumerated() {
                    v[out] = v[b] * oneYear * v[g].factor(over: offsets[k])
                }
            }
            return perYear
        case let .disclosed(given, growth):
            guard let last = given.keys.max() else { return years.map { y in formula.input("emissions_\(y)", .exact(.zero)) } }
            // The last disclosed year is one input, whether or not it falls in the span: the years
            // after it grow from it.
            let base = formula.input("emissions_\(last)", given[last]!)
            let later = years.filter { $0 > last }
            let g = later.isEmpty ? nil : formula.input("growth", growth)
            var out: [Variable<MassDimension>] = []
            var grown: [(Variable<MassDimension>, TimeSpan)] = []
            for y in years {
                if y == last { out.append(base) } else if y < last {
                    out.append(formula.input("emissions_\(y)", given[y] ?? .exact(.zero)))
                } else {
                    let v = formula.value("emissions_\(y)", MassDimension.self)
                    out.append(v)
                    grown.append((v, TimeSpan.years(Double(y - last))))
                }
            }
            if let g {
                let grown = grown
                formula.compute { v in
                    for (x, span) in grown { v[x] = v[base] * v[g].factor(over: span) }
                }
            }
            return out
        }
    }

    /// The sum of the path over `years`, with its trail (used by claim checks on cumulative figures).
    package func cumulative(over years: ClosedRange<Int>) throws -> (evaluation: Evaluation, total: Variable<MassDimension>, perYear: [Variable<MassDimension>]) {
        var formula = Formula()
        let perYear = addFormula(to: &formula, years: years)
        let total = formula.value("cumulative", MassDimension.self)
        formula.compute { v in
            var s = 0.0
            for x in perYear { s += v[x].baseValue }
            v[total] = Mass(baseValue: s)
        }
        return (try formula.evaluate(), total, perYear)
    }
}

/// Emissions against removals delivered, year by year: the net per year and cumulated, the share
/// covered, and the year (if any) when removals reach the emissions. Durable removals (100
/// years or more) and nature-based or short-lived ones are kept in separate columns and nets:
/// a forest's tonne, which a fire can return to the air, is never added to a stored tonne as equal.
public struct NetPosition: Sendable {
    package var emissions: EmissionsPath
    package var deals: [RemovalDeal]
    /// First and last year shown (inclusive).
    package var years: ClosedRange<Int>
    /// What the deals are, for the title: "Microsoft portfolio".
    package var portfolio: String
    /// The goal set against the last year, if any.
    package var goal: NetGoal?
    /// The company whose disclosed inventory gives the emissions, if any (for the trail).
    package var disclosure: CompanyDisclosure?

    /// A net position: the emissions path, the removal deals delivering against it, the years, and
    /// the portfolio's name for the title.
    public init(emissions: EmissionsPath, deals: [RemovalDeal], years: ClosedRange<Int>, portfolio: String) {
        self.emissions = emissions
        self.deals = deals
        self.years = years
        self.portfolio = portfolio
    }

    /// Checks the inputs.
    ///
    /// - Throws: `CO2eError.invalidInput` naming `emissions`, `growth` or `to`.
    package func validate() throws {
        switch emissions {
        case let .growth(base, growth, _):
            try Check.nonNegative(base, field: "emissions")
            try Check.growth(growth, field: "growth")
        case let .disclosed(given, growth):
            try Check.growth(growth, field: "growth")
            for (y, m) in given { try Check.nonNegative(m, field: "company", shown: "\(y): \(Quantity<MassDimension>.format(m.interval))") }
            guard let first = given.keys.min(), let last = given.keys.max() else {
                throw CO2eError(.invalidInput, "gives no disclosed year", field: "company")
            }
            if let gap = (first...last).first(where: { given[$0] == nil }) {
                throw CO2eError(.invalidInput, "has no disclosed figure for \(gap), between \(first) and \(last)", code: .notAvailable, field: "company")
            }
            guard years.lowerBound >= first else {
                throw CO2eError(.invalidInput, "is before the first disclosed year \(first)", code: .notAvailable, field: "from",
                                value: String(years.lowerBound), accepted: "a year from \(first) on")
            }
        case let .perYear(given):
            for (y, m) in given { try Check.nonNegative(m, field: "emissions_by_year", shown: "\(y): \(Quantity<MassDimension>.format(m.interval))") }
            guard given.keys.contains(where: years.contains) else {
                throw CO2eError(.invalidInput, "gives no year between \(years.lowerBound) and \(years.upperBound)", field: "emissions_by_year")
            }
        }
        guard years.count <= 200 else {
            throw CO2eError(.invalidInput, "spans \(years.count) years; co2e shows at most 200", field: "to", value: String(years.upperBound))
        }
    }

    /// One year of the net position.
    package struct Year: Sendable {
        package let year: Int
        package let emissions: Figure<MassDimension>
        /// Removals of 100 years or more delivered in the year (contracted, spread over the deal's years).
        package let durable: Figure<MassDimension>
        /// Nature-based and short-lived removals in the year.
        package let nature: Figure<MassDimension>
        package let netDurable: Figure<MassDimension>
        package let netAll: Figure<MassDimension>
        /// The net of all removals summed from the first year to this one.
        package let cumulativeNetAll: Figure<MassDimension>
        package let shareDurable: Figure<ShareDimension>
        package let shareAll: Figure<ShareDimension>
    }

    /// The first year whose net is 0 or less.
    package enum Crossover: Sendable, Hashable {
        /// At every end of the inputs, from this year.
        case year(Int)
        /// At the most favourable ends of the inputs from `possible`; at every end from `sure`
        /// (nil: not within the span).
        case range(possible: Int, sure: Int?)
        /// Not within the span.
        case none
    }

    /// The net position, typed: year by year, totals over the span, and the crossover years.
    public struct Result: Sendable {
        package let position: NetPosition
        package let years: [Year]
        /// Emissions summed over the years.
        public let totalEmissions: Figure<MassDimension>
        package let totalDurable: Figure<MassDimension>
        package let totalNature: Figure<MassDimension>
        /// Emissions less durable removals (100 years or more) delivered in the years.
        public let totalNetDurable: Figure<MassDimension>
        /// Emissions less every removal delivered in the years, nature-based included.
        public let totalNetAll: Figure<MassDimension>
        package let shareDurable: Figure<ShareDimension>
        package let shareAll: Figure<ShareDimension>
        package let crossoverDurable: Crossover
        package let crossoverAll: Crossover
    }

    /// The estimate: a table of years, totals over the span, and the crossover years.
    package func estimate() throws -> Estimate { try result().estimate() }

    /// The typed net position.
    ///
    /// - Throws: `CO2eError.invalidInput` for bad inputs (see `validate`), or a figure too large to compute.
    public func result() throws -> Result {
        try validate()
        let ys = Array(years)
        var durable = [Double](repeating: 0, count: ys.count)
        var other = [Double](repeating: 0, count: ys.count)
        for d in deals {
            for (year, mass) in d.schedule where years.contains(year) {
                if d.durability.isDurable { durable[year - years.lowerBound] += mass.baseValue } else { other[year - years.lowerBound] += mass.baseValue }
            }
        }
        var formula = Formula()
        let em = emissions.addFormula(to: &formula, years: years)
        let dur = ys.indices.map { formula.input("durable_\(ys[$0])", Mass(baseValue: durable[$0])) }
        let nat = ys.indices.map { formula.input("nature_\(ys[$0])", Mass(baseValue: other[$0])) }
        let netDurable = ys.map { formula.value("net_durable_\($0)", MassDimension.self) }
        let netAll = ys.map { formula.value("net_all_\($0)", MassDimension.self) }
        let cumulative = ys.map { formula.value("cumulative_net_all_\($0)", MassDimension.self) }
        let shareDurable = ys.map { formula.value("share_durable_\($0)", ShareDimension.self) }
        let shareAll = ys.map { formula.value("share_all_\($0)", ShareDimension.self) }
        let totalEmissions = formula.value("total_emissions", MassDimension.self)
        let totalDurable = formula.value("total_durable", MassDimension.self)
        let totalNature = formula.value("total_nature", MassDimension.self)
        let totalNetDurable = formula.value("total_net_durable", MassDimension.self)
        let totalNetAll = formula.value("total_net_all", MassDimension.self)
        let totalShareDurable = formula.value("total_share_durable", ShareDimension.self)
        let totalShareAll = formula.value("total_share_all", ShareDimension.self)
        formula.compute { v in
            var sumE = 0.0, sumD = 0.0, sumN = 0.0
            for k in em.indices {
                let e = v[em[k]].baseValue, d = v[dur[k]].baseValue, n = v[nat[k]].baseValue
                sumE += e; sumD += d; sumN += n
                v[netDurable[k]] = Mass(baseValue: e - d)
                v[netAll[k]] = Mass(baseValue: e - d - n)
                v[cumulative[k]] = Mass(baseValue: sumE - sumD - sumN)
                v[shareDurable[k]] = .fraction(e > 0 ? d / e : 0)
                v[shareAll[k]] = .fraction(e > 0 ? (d + n) / e : 0)
            }
            v[totalEmissions] = Mass(baseValue: sumE)
            v[totalDurable] = Mass(baseValue: sumD)
            v[totalNature] = Mass(baseValue: sumN)
            v[totalNetDurable] = Mass(baseValue: sumE - sumD)
            v[totalNetAll] = Mass(baseValue: sumE - sumD - sumN)
            v[totalShareDurable] = .fraction(sumE > 0 ? sumD / sumE : 0)
            v[totalShareAll] = .fraction(sumE > 0 ? (sumD + sumN) / sumE : 0)
        }
        let e = try formula.evaluate()
        let rows = ys.indices.map { k in
            Year(year: ys[k], emissions: e.figure(em[k]), durable: e.figure(dur[k]), nature: e.figure(nat[k]), netDurable: e.figure(netDurable[k]),
                 netAll: e.figure(netAll[k]), cumulativeNetAll: e.figure(cumulative[k]), shareDurable: e.figure(shareDurable[k]), shareAll: e.figure(shareAll[k]))
        }
        let result = Result(position: self, years: rows, totalEmissions: e.figure(totalEmissions), totalDurable: e.figure(totalDurable),
                            totalNature: e.figure(totalNature), totalNetDurable: e.figure(totalNetDurable), totalNetAll: e.figure(totalNetAll),
                            shareDurable: e.figure(totalShareDurable), shareAll: e.figure(totalShareAll),
                            crossoverDurable: Self.crossover(rows.map(\.netDurable), ys), crossoverAll: Self.crossover(rows.map(\.netAll), ys))
        for f in [result.totalEmissions, result.totalDurable, result.totalNature, result.totalNetDurable, result.totalNetAll] where !f.spread.isFinite {
            throw CO2eError(.invalidInput, "is too large to compute over \(years.count) years", code: .notFinite, field: "emissions")
        }
        return result
    }

    /// The first year whose net is 0 or less at every end of the inputs, or at some ends only.
    static func crossover(_ net: [Figure<MassDimension>], _ ys: [Int]) -> Crossover {
        let sure = net.indices.first { net[$0].spread.interval.upper <= 0 }
        let possible = net.indices.first { net[$0].spread.interval.lower <= 0 }
        switch (possible, sure) {
        case (nil, _): return .none
        case let (p?, s?) where p == s: return .year(ys[p])
        case let (p?, s): return .range(possible: ys[p], sure: s.map { ys[$0] })
        }
    }
}

extension NetPosition.Result {
    /// The trail, derived from the figures.
    public func estimate() throws -> Estimate {
        let (emissions, deals, years, portfolio) = (position.emissions, position.deals, position.years, position.portfolio)
        func text<D>(_ f: Figure<D>) -> String { Quantity<D>.format(f.spread.interval) }
        var est = Estimate(key: "net_position", title: "Net position \(years.lowerBound)–\(years.upperBound): emissions against the \(portfolio) removals")
        switch emissions {
        case let .growth(base, growth, baseYear):
            est.steps.append(.init("base", "Emissions in \(baseYear)", Value(base), how: "given"))
            est.steps.append(.init("growth", "Growth", Value(growth), how: "given; emissions in year y = base × (1 + growth)^(y − \(baseYear))"))
        case .perYear:
            est.steps.append(.init("emissions", "Emissions", .text("given year by year"), how: "years not given count as 0"))
        case let .disclosed(given, growth):
            if let d = position.disclosure {
                describeDisclosure(d, growth: growth, into: &est)
            } else {
                est.steps.append(.init("emissions", "Emissions", .text("given for \(given.keys.min() ?? 0)–\(given.keys.max() ?? 0)"), how: "then the last given year grows"))
                est.steps.append(.init("growth", "Growth after the last given year", Value(growth), how: "given"))
            }
        }
        var dealTable = Table(key: "deals", title: "Deals counted (contracted tonnes, spread over their delivery years)",
                              columns: [.init("deal", "Deal"), .init("method", "Method"), .init("durability", "Durability"),
                                        .init("contracted", "Contracted", unit: "kg"), .init("years", "Years"), .init("in_span", "In \(years.lowerBound)–\(years.upperBound)", unit: "kg")])
        for d in deals {
            est.cite(d.source)
            let inSpan = d.schedule.filter { years.contains($0.year) }.reduce(Mass.zero) { $0 + $1.mass }
            dealTable.rows.append([.text(d.id), .text(d.method.rawValue), .text(d.durability.isDurable ? "durable" : "nature-based / short-lived"),
                                   .value(Value(d.contracted)), .text("\(d.startYear)–\(d.endYear - 1)"), .value(Value(inSpan))])
            if !d.mayRestate.isEmpty, deals.contains(where: { $0.id == d.mayRestate }) {
                est.warn("may_restate_\(d.id)", "\(d.id) may restate \(d.mayRestate) rather than add to it (reports disagree); both are counted here. \(d.note)")
            }
        }
        est.tables.append(dealTable)
        var table = Table(key: "years", title: "Year by year (durable = 100 years or more; nature-based and short-lived apart)",
                          columns: [.init("year", "Year"), .init("emissions", "Emissions", unit: "kg"), .init("durable", "Durable removals", unit: "kg"),
                                    .init("nature", "Nature-based / short-lived", unit: "kg"), .init("net_durable", "Net of durable", unit: "kg"),
                                    .init("net_all", "Net of all removals", unit: "kg"), .init("cumulative_net_all", "Cumulative net of all", unit: "kg"),
                                    .init("share_durable", "Durable share"), .init("share_all", "All removals' share")])
        for y in self.years {
            table.rows.append([.text(String(y.year)), .value(y.emissions.trailValue()), .value(y.durable.trailValue()), .value(y.nature.trailValue()),
                               .value(y.netDurable.trailValue()), .value(y.netAll.trailValue()), .value(y.cumulativeNetAll.trailValue()),
                               .value(y.shareDurable.trailValue()), .value(y.shareAll.trailValue())])
        }
        est.tables.append(table)
        let span = "\(years.lowerBound)–\(years.upperBound)"
        est.results.append(.init("total_emissions", "Emissions \(span)", totalEmissions.trailValue(), how: "sum of the years"))
        est.results.append(.init("total_durable", "Durable removals \(span)", totalDurable.trailValue(), how: "contracted tonnes falling in these years"))
        est.results.append(.init("total_nature", "Nature-based / short-lived removals \(span)", totalNature.trailValue(), how: "contracted tonnes falling in these years; reversible"))
        est.results.append(.init("total_net_durable", "Net of durable removals \(span)", totalNetDurable.trailValue(), how: "\(text(totalEmissions)) − \(text(totalDurable))"))
        est.results.append(.init("total_net_all", "Net of all removals \(span)", totalNetAll.trailValue(), how: "\(text(totalEmissions)) − \(text(totalDurable)) − \(text(totalNature)) (nature-based counted at face value)"))
        est.results.append(.init("share_durable", "Share covered by durable removals", shareDurable.trailValue(), how: "\(text(totalDurable)) / \(text(totalEmissions))"))
        est.results.append(.init("share_all", "Share covered by all removals", shareAll.trailValue(), how: "(\(text(totalDurable)) + \(text(totalNature))) / \(text(totalEmissions))"))
        est.results.append(.init("crossover_durable", "Year durable removals reach emissions", .text(describe(crossoverDurable)), how: "first year with a net of 0 or less"))
        est.results.append(.init("crossover_all", "Year all removals reach emissions", .text(describe(crossoverAll)), how: "first year with a net of 0 or less, nature-based counted"))
        if let goal = position.goal { describeGoal(goal, into: &est) }
        est.warn("contracted_not_delivered", "Removals are contracted tonnes spread over each deal's years, not tonnes delivered: deliveries can slip or fall short.")
        if deals.contains(where: { !$0.durability.isDurable }) {
            est.warn("nature_based", "Nature-based tonnes (forests, soils) can be reversed by fire, drought or logging; they are shown apart from durable storage and the 'all removals' figures count them at face value.")
        }
        est.assume("year_length", UnitTable.yearConvention)
        try est.checkFinite()
        return est
    }

    /// "2031", "2031 at the most favourable ends of the inputs; 2033 at every end", "none by 2040".
    func describe(_ c: NetPosition.Crossover) -> String {
        let last = position.years.upperBound
        switch c {
        case .none: return "none by \(last)"
        case let .year(y): return String(y)
        case let .range(p, s): return "\(p) at the most favourable ends of the inputs; " + (s.map { "\($0) at every end" } ?? "not by \(last) at every end")
        }
    }
}
