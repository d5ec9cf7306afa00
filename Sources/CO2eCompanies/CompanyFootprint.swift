import CO2eCore

/// The change of a company's total between two years, both read in one report.
package struct CompanyChange: Sendable, Hashable {
    package let baseline: InventoryFigure
    package let latest: InventoryFigure
    /// latest / baseline − 1.
    package var change: Double { latest.mass.tonnes / baseline.mass.tonnes - 1 }
}

/// Scope 2 location-based over market-based for a set of figures.
package struct LocationMarketRatio: Sendable, Hashable {
    package let location: [InventoryFigure]
    package let market: [InventoryFigure]
    package var locationTotal: Double { location.reduce(0) { $0 + $1.mass.tonnes } }
    package var marketTotal: Double { market.reduce(0) { $0 + $1.mass.tonnes } }
    /// Σ location / Σ market; infinite when the market-based sum is 0.
    package var ratio: Double { locationTotal / marketTotal }
}

/// Why market-based and location-based figures differ: said wherever a market-based company figure is shown.
package let marketBasedWarning = "Market-based scope 2 subtracts the electricity covered by certificates and contracts (RECs, PPAs) from the company's figure; the grid that ran its buildings and data centres emitted the location-based figure. Certificates, not physics, make the difference."

extension CompanyInventory {
    /// The change of the total from `baseline` to `year`, both read in one report: `report` when
    /// given (a claim belongs to the report that stated it), else the latest report that gives `year`.
    ///
    /// - Throws: `CO2eError` when a year is not reported, or when the report lacks `year` or
    ///   `baseline` and another report gives it: that would mix an original and a restated figure.
    package func change(from baseline: Int, to year: Int, criteria: InventoryFigure.Criteria = .ghgProtocol, in report: String? = nil) throws -> CompanyChange {
        try requireYear(year)
        try requireYear(baseline)
        let report = report ?? self.report(for: year)!
        guard let latest = total(year, report: report, criteria: criteria) else {
            throw CO2eError(.invalidData, "has no total for \(year) in report \(EchoedText.value(report))\(criteria == .management ? " with management's criteria" : "")", code: .notAvailable, field: "year", value: String(year))
        }
        guard let base = total(baseline, report: report, criteria: criteria) else {
            let other = figures.first { $0.year == baseline && $0.scope == .total && $0.boundary == .company && $0.criteria == criteria }
            let otherText = other.map { " (\(EchoedText.value($0.report)) gives it, marked \($0.restated.rawValue), at \(EchoedText.value($0.origin)))" } ?? ""
            throw CO2eError(.invalidData, "\(echoedName)'s \(year) total comes from \(EchoedText.value(report)) (\(latest.restated.rawValue)) but its \(baseline) total is not in that report\(otherText): a comparison takes both ends from one report, never an original and a restated figure mixed",
                            field: "baseline", value: String(baseline), accepted: "a year \(EchoedText.value(report)) gives", file: latest.origin.split(separator: ":").first.map(String.init))
        }
        return CompanyChange(baseline: base, latest: latest)
    }

    /// Scope 3's share of the total in `year` (from the report giving it); nil when scope 3 or the total is not given.
    package func scope3Share(_ year: Int, criteria: InventoryFigure.Criteria = .ghgProtocol) -> (scope3: InventoryFigure, total: InventoryFigure, share: Double)? {
        guard let r = report(for: year), let s3 = figure(year, .three, .market, report: r, criteria: criteria), let t = total(year, report: r, criteria: criteria), t.mass.tonnes > 0 else { return nil }
        return (s3, t, s3.mass.tonnes / t.mass.tonnes)
    }

    /// Scope 2 location over market in `year` within `boundary`; nil when either is not given.
    package func locationMarket(_ year: Int, boundary: InventoryFigure.Boundary = .company) -> LocationMarketRatio? {
        let r = boundary == .company ? report(for: year) : figures.last { $0.year == year && $0.boundary == boundary }?.report
        guard let r, let l = figure(year, .two, .location, boundary: boundary, report: r), let m = figure(year, .two, .market, boundary: boundary, report: r) else { return nil }
        return LocationMarketRatio(location: [l], market: [m])
    }

    /// The location-based total of `year`: the report's own location-based total where it states
    /// one, else scope 1 + scope 2 location-based + scope 3, each read in the report that gives
    /// the year, and the scopes that report does not give
    /// (`scope 2 location-based`), so a sum over companies can say what it lacks.
    package func locationBasedTotal(_ year: Int) -> (parts: [InventoryFigure], missing: [String]) {
        guard let latest = report(for: year) else { return ([], ["every scope (\(year) not reported in the bundled inventory)"]) }
        let wanted: [(InventoryFigure.Scope, [InventoryFigure.Basis], String)] = [
            (.one, [.none], "scope 1"), (.two, [.location], "scope 2 location-based"), (.three, [.market, .none], "scope 3"),
        ]
        func from(_ r: String) -> (parts: [InventoryFigure], missing: [String]) {
            // A location-based total the report states itself (Meta's) is taken as it is.
            if let stated = figure(year, .total, .location, report: r) { return ([stated], []) }
            var parts: [InventoryFigure] = [], missing: [String] = []
            for (scope, bases, name) in wanted {
                if let f = bases.lazy.compactMap({ self.figure(year, scope, $0, report: r) }).first { parts.append(f) } else { missing.append(name) }
            }
            return (parts, missing)
        }
        // All parts from one report, never mixed: the latest report giving the year, or else the
        // latest earlier report that gives every part (Apple's FY2022 location-based scope 2 is
        // in its 2023 report only).
        let first = from(latest)
        if first.missing.isEmpty { return first }
        for r in reports.reversed() where r != latest && figures.contains(where: { $0.report == r && $0.year == year && $0.boundary == .company }) {
            let other = from(r)
            if other.missing.isEmpty { return other }
        }
        return first
    }

    /// The stated (market-based) total `total` with its scope 2 market-based figure replaced by
    /// the location-based one of the same year and report; nil when the report lacks either.
    package func locationBasedEquivalent(of total: InventoryFigure) -> (location: InventoryFigure, market: InventoryFigure, tonnes: Double)? {
        guard let l = figure(total.year, .two, .location, report: total.report), let m = figure(total.year, .two, .market, report: total.report) else { return nil }
        return (l, m, total.mass.tonnes - m.mass.tonnes + l.mass.tonnes)
    }

    /// Checks that `scope` was disclosed (in any year).
    package func requireScope(_ scope: InventoryFigure.Scope) throws {
        guard figures.contains(where: { $0.scope == scope }) else {
            let given = Set(figures.map(\.scope))
            throw CO2eError(.invalidData, "is not disclosed for \(echoedName) in the bundled inventory", code: .notAvailable, field: "scope", value: scope.rawValue,
                            accepted: InventoryFigure.Scope.allCases.filter { given.contains($0) }.map(\.rawValue).joined(separator: ", "))
        }
    }
}

extension CompanyCatalog {
    /// In-house data-centre scope 2, location-based over market-based, summed over `companies` and `years`
    /// (the Guardian's comparison); also the (company, year) pairs that have no data-centre figures.
    package func dataCentreRatio(companies: [String], years: ClosedRange<Int>) -> (ratio: LocationMarketRatio, missing: [String]) {
        var loc: [InventoryFigure] = [], mkt: [InventoryFigure] = [], missing: [String] = []
        for c in companies {
            for y in years {
                let l = figures.last { $0.company == c && $0.year == y && $0.boundary == .dataCentres && $0.scope == .two && $0.basis == .location }
                let m = figures.last { $0.company == c && $0.year == y && $0.boundary == .dataCentres && $0.scope == .two && $0.basis == .market }
                if let l, let m { loc.append(l); mkt.append(m) } else { missing.append("\(c) \(y)") }
            }
        }
        return (LocationMarketRatio(location: loc, market: mkt), missing)
    }
}
