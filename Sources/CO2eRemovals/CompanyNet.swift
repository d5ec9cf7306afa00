import CO2eCore
import CO2eCompanies

/// A goal set against the last year of a net position.
package enum NetGoal: String, Sendable, CaseIterable {
    /// Removals delivered in the goal year above that year's emissions (a net below zero).
    case carbonNegative = "carbon-negative"
    /// Removals delivered in the goal year at least equal to that year's emissions (a net of zero or less).
    case netZero = "net-zero"

    package static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// - Throws: `CO2eError.invalidInput` (field `goal`) for another name.
    package static func parse(_ text: String) throws -> NetGoal {
        let wanted = text.trimmingSpaces.lowercased()
        if let g = NetGoal(rawValue: wanted) { return g }
        var reason = "is not a goal"
        let near = Suggestions.nearest(to: wanted, among: allCases.map(\.rawValue))
        if !near.isEmpty { reason += "; did you mean \(near.joined(separator: ", "))?" }
        throw CO2eError(.invalidInput, reason, field: "goal", value: text, accepted: accepted)
    }

    /// What the goal asks of the removals in the goal year.
    var meaning: String {
        switch self {
        case .carbonNegative: return "carbon negative: removals delivered in the year above the year's emissions (a net below zero)"
        case .netZero: return "net zero: removals delivered in the year at least equal to the year's emissions (a net of zero or less)"
        }
    }

    /// Whether a net `n` (kg) meets the goal.
    func met(by n: Double) -> Bool { self == .carbonNegative ? n < 0 : n <= 0 }
}

/// The company figures a net position's emissions come from: one per disclosed year.
package struct CompanyDisclosure: Sendable {
    /// One disclosed year: the company's stated total, or the sum of its scopes 1, 2 (market-based) and 3
    /// from one report when it states no total.
    package struct Year: Sendable {
        package let year: Int
        package let mass: Mass
        /// The figures the year's emissions are read from: the stated total, or the three scopes.
        package let figures: [InventoryFigure]
        package var stated: Bool { figures.count == 1 }
    }
    package let company: String
    package let years: [Year]
    /// Whether a growth was given for the years after the last disclosed one (else 0 %/y is assumed).
    package let growthGiven: Bool
}

extension CompanyInventory {
    /// The company's emissions per disclosed year, company-wide: the stated total (scope 1 + scope 2
    /// market-based + scope 3, as the company states it) from the latest report giving the year, or,
    /// when that report states no total, the sum of its scope 1, scope 2 market-based and scope 3.
    ///
    /// - Throws: `CO2eError` (field `company`) when the company reported no year, or a year with
    ///   neither a total nor all three scopes.
    package func disclosedTotals() throws -> [CompanyDisclosure.Year] {
        guard !years.isEmpty else {
            throw CO2eError(.invalidData, "has no company-wide year in the bundled inventory (data-centre figures only)", code: .notAvailable,
                            field: "company", value: name)
        }
        return try years.map { y in
            let r = report(for: y)!
            if let t = total(y, report: r) { return .init(year: y, mass: t.mass, figures: [t]) }
            let parts = [figure(y, .one, report: r), figure(y, .two, .market, report: r), figure(y, .three, .market, report: r)]
            guard parts.allSatisfy({ $0 != nil }) else {
                let missing = zip(["scope 1", "scope 2 market-based", "scope 3"], parts).filter { $0.1 == nil }.map(\.0)
                throw CO2eError(.invalidData, "has no emissions for \(y): \(r) states no total for the year and lacks \(missing.joined(separator: ", "))",
                                code: .notAvailable, field: "company", value: name, accepted: "a company whose every disclosed year has a total or all three scopes")
            }
            let fs = parts.map { $0! }
            return .init(year: y, mass: fs.reduce(Mass.zero) { $0 + $1.mass }, figures: fs)
        }
    }
}

extension NetPosition {
    /// A net position whose emissions are `company`'s disclosed years, then the last disclosed year
    /// growing at `growth` (0 %/y when nil) after it.
    ///
    /// - Throws: `CO2eError` for a company without usable years, or years before its first disclosed one (field `from`).
    package static func company(_ company: CompanyInventory, growth: Uncertain<GrowthDimension>?, deals: [RemovalDeal], years: ClosedRange<Int>,
                                portfolio: String, goal: NetGoal?) throws -> NetPosition {
        let disclosed = try company.disclosedTotals()
        let given = Dictionary(uniqueKeysWithValues: disclosed.map { ($0.year, Uncertain<MassDimension>.exact($0.mass)) })
        var p = NetPosition(emissions: .disclosed(given, then: growth ?? .exact(.zero)), deals: deals, years: years, portfolio: portfolio)
        p.goal = goal
        p.disclosure = CompanyDisclosure(company: company.displayName, years: disclosed, growthGiven: growth != nil)
        return p
    }
}

extension NetPosition.Result {
    /// The disclosed years' table, step and citations.
    func describeDisclosure(_ d: CompanyDisclosure, growth: Uncertain<GrowthDimension>, into est: inout Estimate) {
        let last = d.years.last!.year
        let label = "\(d.years.first!.figures.first!.yearLabel)–\(d.years.last!.figures.first!.yearLabel)"
        est.steps.append(.init("emissions", "Emissions \(label)", .text("\(d.company)'s disclosed inventory"),
                               how: "company-wide total of scope 1 + scope 2 market-based + scope 3 as the company states it (or the three scopes summed from one report where it states no total), each year from the latest report giving it"))
        var table = Table(key: "disclosed", title: "\(d.company)'s disclosed emissions (the years the path starts from)",
                          columns: [.init("year", "Year"), .init("emissions", "Emissions", unit: "t"), .init("figure", "Figure"),
                                    .init("report", "Report"), .init("restated", "Original / restated"), .init("where", "Where")])
        var reports: Set<String> = []
        for y in d.years {
            let f = y.figures.first!
            for g in y.figures { est.cite(g.source) }
            reports.insert(f.report)
            table.rows.append([.text(f.yearLabel), .value(Value(y.mass, unit: "t")),
                               .text(y.stated ? "stated total (scopes 1 + 2 market + 3)" : "scope 1 + scope 2 market + scope 3, summed"),
                               .text(f.report), .text(f.restated.rawValue), .text("\(f.page) (\(y.figures.map(\.origin).joined(separator: ", ")))")])
        }
        est.tables.append(table)
        if position.years.upperBound > last {
            est.steps.append(.init("growth", "Growth after \(d.years.last!.figures.first!.yearLabel)", Value(growth),
                                   how: (d.growthGiven ? "given" : "none given: 0 %/y assumed, the last disclosed year held flat")
                                    + "; emissions in year y = emissions in \(last) × (1 + growth)^(y − \(last))"))
            if !d.growthGiven {
                est.warn("growth_assumed", "No growth was given: the years after \(last) repeat \(last)'s disclosed emissions. Give a growth (a rate or a range) to project them.")
            }
        }
        if reports.count > 1 {
            est.warn("several_reports", "The disclosed years come from \(reports.count) reports (\(reports.sorted().joined(separator: ", "))); a later report may restate an earlier year, so the years are each the latest report's figure, not one consistent series.")
        }
        if d.years.contains(where: { $0.figures.first!.fiscalYear == "jul-jun" }) {
            est.warn("fiscal_years", "\(d.company)'s years are fiscal years (July–June, named by the year they end); the deals' delivery years are calendar years. They are set against each other as if equal.")
        }
        est.warn("market_based", marketBasedWarning)
    }

    /// The goal's results: the removals the goal year needs, the contracted removals falling in it, the shortfall.
    func describeGoal(_ goal: NetGoal, into est: inout Estimate) {
        guard let y = years.last else { return }
        let yr = String(y.year)
        func text<D>(_ f: Figure<D>) -> String { Quantity<D>.format(f.spread.interval) }
        est.results.append(.init("goal_needed", "Removals the goal needs in \(yr)", y.emissions.trailValue(),
                                 how: "\(goal.rawValue) in \(yr): removals delivered in \(yr) \(goal == .carbonNegative ? "above" : "at least equal to") the year's emissions, \(text(y.emissions))"))
        est.results.append(.init("goal_shortfall_all", "Shortfall in \(yr), all removals counted", y.netAll.trailValue(),
                                 how: "\(text(y.emissions)) − \(text(y.durable)) durable − \(text(y.nature)) nature-based; the goal is met \(goal == .carbonNegative ? "below" : "at or below") 0"))
        est.results.append(.init("goal_shortfall_durable", "Shortfall in \(yr), durable removals only", y.netDurable.trailValue(),
                                 how: "\(text(y.emissions)) − \(text(y.durable)) durable"))
        func verdict(_ f: Figure<MassDimension>) -> String {
            let i = f.spread.interval
            if goal.met(by: i.upper) { return "met" }
            if goal.met(by: i.lower) { return "met at the most favourable ends of the inputs only" }
            return "not met"
        }
        est.results.append(.init("goal_all", "Goal (\(goal.rawValue)) in \(yr), all removals counted", .text(verdict(y.netAll)), how: goal.meaning))
        est.results.append(.init("goal_durable", "Goal (\(goal.rawValue)) in \(yr), durable removals only", .text(verdict(y.netDurable)), how: goal.meaning))
    }
}
