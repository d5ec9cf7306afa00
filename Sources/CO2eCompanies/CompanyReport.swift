import CO2eCore

private func t(_ f: InventoryFigure?) -> Table.Cell { f.map { .value(Value($0.mass, unit: "t")) } ?? .text("–") }
private func pct(_ x: Double) -> String { NumberText.format(x * 100, significantDigits: 4) + " %" }
private func ratio(_ x: Double) -> String { x.isFinite ? NumberText.format(x, significantDigits: 4) + "x" : "∞ (market-based 0)" }
/// A share as a typed value (a number for JSON and --value), printed as `pct` prints it (`+` for a rise when `signed`);
/// text only when it has no finite value (a baseline of 0).
private func shareValue(_ x: Double, signed: Bool = false) -> Value {
    let text = (signed && x >= 0 ? "+" : "") + pct(x)
    return x.isFinite ? Value(dimension: ShareDimension.key, unit: "", spread: .exact(x), text: text) : .text(text)
}
/// A ratio as a typed value; text only when it has no finite value (market-based 0).
private func ratioValue(_ x: Double) -> Value {
    x.isFinite ? Value(dimension: RatioDimension.key, unit: "", spread: .exact(x), text: ratio(x)) : .text(ratio(x))
}

extension CompanyInventory {
    private func cite(_ f: InventoryFigure) -> Citation { Citation(source: f.source.id, at: "\(f.report), \(f.page) (\(f.origin))") }

    private func citeAll(_ est: inout Estimate, _ fs: [InventoryFigure]) {
        for f in fs { est.cite(f.source) }
        // Every figure shown, with its report, page and row: the trail's citations in one table.
        var seen = Set<String>()
        var table = Table(key: "figures", title: "Every figure above, with its source", columns: [
            .init("year", "Year"), .init("scope", "Scope"), .init("basis", "Basis"), .init("category", "Category"), .init("boundary", "Boundary"),
            .init("tco2e", "Value", unit: "t"), .init("report", "Report"), .init("source", "Source"), .init("page", "Page or table"),
            .init("read", "Read"), .init("restated", "Original or restated"), .init("criteria", "Counted by"), .init("origin", "Data row")])
        for f in fs where seen.insert(f.origin).inserted {
            table.rows.append([.text(f.yearLabel), .text(f.scope.rawValue), .text(f.basis.rawValue), .text(f.category), .text(f.boundary.rawValue),
                               .value(Value(f.mass, unit: "t")), .text(f.report), .text(f.source.id), .text(f.page), .text(f.read?.rawValue ?? ""),
                               .text(f.restated.rawValue), .text(f.criteria == .management ? "management's criteria" : "GHG Protocol"), .text(f.origin)])
        }
        est.tables.append(table)
        if fs.contains(where: { $0.basis == .market }) { est.warn("market_based", marketBasedWarning) }
        if fs.contains(where: { $0.read == .secondary }) { est.warn("secondary", "Some figures were read only through secondary coverage (marked 'secondary' in the table), not in the company's report.") }
    }

    /// The company by year: scope 1, scope 2 location and market, scope 3, total; shares; change since `baseline`.
    package func summary(baseline: Int = 2020, through lastYear: Int? = nil, targets: [CompanyTarget] = []) throws -> Estimate {
        var est = Estimate(key: "company", title: "\(displayName): disclosed emissions by year")
        var table = Table(key: "years", title: "By year (each year from the latest report that gives it; tCO2e)", columns: [
            .init("year", "Year"), .init("report", "Report"), .init("scope1", "Scope 1", unit: "t"), .init("scope2_location", "Scope 2 location", unit: "t"),
            .init("scope2_market", "Scope 2 market", unit: "t"), .init("scope3", "Scope 3", unit: "t"), .init("total", "Total (market)", unit: "t"),
            .init("scope3_share", "Scope 3 share"), .init("location_over_market", "Location / market"), .init("restated", "Original or restated"), .init("read", "Read")])
        var used: [InventoryFigure] = []
        for y in years where lastYear.map({ y <= $0 }) ?? true {
            let r = report(for: y)!
            let row = [figure(y, .one, report: r), figure(y, .two, .location, report: r), figure(y, .two, .market, report: r), figure(y, .three, .market, report: r), total(y, report: r)]
            let given = row.compactMap { $0 }
            used += given
            let share = scope3Share(y).map { pct($0.share) } ?? "–"
            let lm = locationMarket(y).map { ratio($0.ratio) } ?? "–"
            let label: String = given.first?.yearLabel ?? String(y)
            let marks: String = Set(given.map { $0.restated.rawValue }).sorted().joined(separator: ", ")
            let reads: String = Set(given.compactMap { $0.read?.rawValue }).sorted().joined(separator: ", ")
            var cells: [Table.Cell] = [.text(label), .text(r)]
            cells += row.map(t)
            cells += [.text(share), .text(lm), .text(marks), .text(reads)]
            table.rows.append(cells)
        }
        est.tables.append(table)
        // Data-centre figures, where an analysis gives them.
        let dc = figures.filter { $0.boundary == .dataCentres }
        if !dc.isEmpty {
            var dct = Table(key: "data_centres", title: "In-house data centres, scope 2 (where an analysis gives them)", columns: [
                .init("year", "Year"), .init("location", "Location-based", unit: "t"), .init("market", "Market-based", unit: "t"), .init("ratio", "Location / market"), .init("source", "Source")])
            for y in Array(Set(dc.map(\.year))).sorted() {
                guard let lm = locationMarket(y, boundary: .dataCentres) else { continue }
                dct.rows.append([.text(lm.location[0].yearLabel), t(lm.location[0]), t(lm.market[0]), .text(ratio(lm.ratio)), .text("\(lm.location[0].source.id) (\(lm.location[0].read?.rawValue ?? ""))")])
                used += lm.location + lm.market
            }
            est.tables.append(dct)
        }
        // Restatements: a year given by more than one report.
        var rt = Table(key: "restatements", title: "Totals given by more than one report (never mixed in one comparison)", columns: [
            .init("year", "Year"), .init("report", "Report"), .init("criteria", "Counted by"), .init("total", "Total", unit: "t"), .init("restated", "Original or restated")])
        for y in years {
            let totals = figures.filter { $0.year == y && $0.scope == .total && $0.basis == .market && $0.boundary == .company }
            guard totals.count > 1 else { continue }
            for f in totals {
                rt.rows.append([.text(f.yearLabel), .text(f.report), .text(f.criteria == .management ? "management's criteria" : "GHG Protocol"), t(f), .text(f.restated.rawValue)])
                used.append(f)
            }
        }
        if !rt.rows.isEmpty { est.tables.append(rt) }
        if let last = years.last(where: { y in lastYear.map { y <= $0 } ?? true }), last != baseline, (try? requireYear(baseline)) != nil {
            do {
                let c = try change(from: baseline, to: last)
                est.results.append(.init("change", "Total, \(c.latest.yearLabel) against \(c.baseline.yearLabel)", shareValue(c.change, signed: true),
                                         how: "\(c.latest.mass.formatted(unit: "t")) / \(c.baseline.mass.formatted(unit: "t")) − 1, both from \(c.latest.report) (\(c.baseline.restated.rawValue) \(c.baseline.yearLabel), \(c.latest.restated.rawValue) \(c.latest.yearLabel))",
                                         citations: [cite(c.baseline), cite(c.latest)]))
            } catch { est.warn("no_change", "No change against \(baseline): \((error as? CO2eError)?.reason ?? "\(error)")") }
            // The same change counted by the company's own criteria, where its report gives a second table.
            if let c = try? change(from: baseline, to: last, criteria: .management), c.latest.report == report(for: last) {
                est.results.append(.init("change_management", "Total with management's criteria, \(c.latest.yearLabel) against \(c.baseline.yearLabel)", shareValue(c.change, signed: true),
                                         how: "\(c.latest.mass.formatted(unit: "t")) / \(c.baseline.mass.formatted(unit: "t")) − 1, both from \(c.latest.report)'s management's-criteria table (the company states its change against its baseline this way)",
                                         citations: [cite(c.baseline), cite(c.latest)]))
                used += [c.baseline, c.latest]
            }
        }
        if let last = years.last(where: { y in lastYear.map { y <= $0 } ?? true }), let s = scope3Share(last) {
            est.results.append(.init("scope3_share", "Scope 3 share of the total, \(s.total.yearLabel)", shareValue(s.share),
                                     how: "\(s.scope3.mass.formatted(unit: "t")) / \(s.total.mass.formatted(unit: "t"))", citations: [cite(s.scope3), cite(s.total)]))
        }
        if let last = years.last(where: { y in lastYear.map { y <= $0 } ?? true }), let s = scope3Share(last, criteria: .management) {
            est.results.append(.init("scope3_share_management", "Scope 3 share of the total with management's criteria, \(s.total.yearLabel)", shareValue(s.share),
                                     how: "\(s.scope3.mass.formatted(unit: "t")) / \(s.total.mass.formatted(unit: "t"))", citations: [cite(s.scope3), cite(s.total)]))
            used += [s.scope3, s.total]
        }
        // The latest year's total with scope 2 location-based: the report's own location-based total
        // where it states one (Meta's), else the stated total with scope 2 market-based swapped for location-based.
        if let last = years.last(where: { y in lastYear.map { y <= $0 } ?? true }), let r = report(for: last), let stated = total(last, report: r) {
            if let lt = figure(last, .total, .location, report: r) {
                est.results.append(.init("total_location_based", "Total with scope 2 location-based, \(lt.yearLabel) (as the company states it)", Value(lt.mass, unit: "t"),
                                         how: "\(r)'s location-based total, \(ratio(lt.mass.tonnes / stated.mass.tonnes)) its market-based \(stated.mass.formatted(unit: "t"))", citations: [cite(lt), cite(stated)]))
                used += [lt, stated]
            } else if let le = locationBasedEquivalent(of: stated) {
                est.results.append(.init("total_location_based", "Total with scope 2 location-based, \(stated.yearLabel)", Value(Mass.tonnes(le.tonnes), unit: "t"),
                                         how: "\(stated.mass.formatted(unit: "t")) − \(le.market.mass.formatted(unit: "t")) + \(le.location.mass.formatted(unit: "t")), \(ratio(le.tonnes / stated.mass.tonnes)) the stated total",
                                         citations: [cite(stated), cite(le.market), cite(le.location)]))
            }
        }
        if let last = years.last(where: { y in lastYear.map { y <= $0 } ?? true }), let lm = locationMarket(last) {
            est.results.append(.init("location_over_market", "Scope 2 location / market, \(lm.location[0].yearLabel)", ratioValue(lm.ratio),
                                     how: "\(lm.location[0].mass.formatted(unit: "t")) / \(lm.market[0].mass.formatted(unit: "t"))", citations: [cite(lm.location[0]), cite(lm.market[0])]))
        }
        if !targets.isEmpty { used += addTargets(&est, targets, through: lastYear) }
        if figures.contains(where: { $0.fiscalYear == "jul-jun" }) {
            est.assume("fiscal_year", "\(displayName)'s years are fiscal years July–June, named by the year they end (FY20 = July 2019 – June 2020).")
        }
        if figures.contains(where: { $0.fiscalYear == "oct-sep" }) {
            est.assume("fiscal_year", "\(displayName)'s years are fiscal years ending in late September, named by the year they end (FY22 = October 2021 – September 2022).")
        }
        est.assume("total", "Totals are as the company states them: scope 1 + scope 2 market-based + scope 3.")
        if figures.contains(where: { $0.criteria == .management }) {
            est.assume("criteria", "The table counts by the GHG Protocol; where a report also gives totals with the company's own (management's) criteria, they are shown apart, and a change or share never mixes the two.")
        }
        citeAll(&est, used)
        return est
    }

    /// The company's targets in its own words, each with the figure it measures and how far the
    /// latest year is from it; returns the inventory figures used.
    private func addTargets(_ est: inout Estimate, _ targets: [CompanyTarget], through lastYear: Int?) -> [InventoryFigure] {
        var table = Table(key: "targets", title: "Targets, in \(displayName)'s words, and the latest year against each (each measures a different figure)", columns: [
            .init("target", "Target"), .init("by", "By"), .init("measures", "Measures"), .init("baseline", "Baseline"), .init("latest", "Latest"),
            .init("change", "Change vs baseline"), .init("level", "Target level"), .init("gap", "Gap"), .init("where", "Where stated")])
        var used: [InventoryFigure] = []
        func tonnes(_ x: Double) -> String { Mass.tonnes(x).formatted(unit: "t") }
        for target in targets {
            est.cite(target.source)
            let g = gap(to: target, through: lastYear)
            used += g.latest + g.baselineFigures
            let yearLabel: (Int) -> String = { y in (g.latest.first ?? self.figures.first)?.fiscalYear == "calendar" ? String(y) : "FY\(y % 100 < 10 ? "0" : "")\(y % 100)" }
            let isPercent = target.measure == .percent
            let latestText = g.latestValue.map { (isPercent ? NumberText.format($0, significantDigits: 4) + " %" : tonnes($0)) + (g.latestYear.map { " (\(yearLabel($0)))" } ?? "") } ?? "not in the bundled inventory"
            let baseText = g.baselineValue.map { tonnes($0) + (target.baseline.map { " (\(yearLabel($0)))" } ?? "") } ?? "–"
            let changeText = g.change.map { ($0 >= 0 ? "+" : "") + pct($0) } ?? "–"
            let levelText: String, gapText: String
            var result: Value?
            switch target.kind {
            case .removalsExceed:
                levelText = "removals above emissions"
                gapText = g.latestValue.map { "removals above \(tonnes($0)) a year at \(g.latestYear.map(yearLabel) ?? "the latest year")'s emissions" } ?? "–"
                result = g.latestValue.map { Value(Mass.tonnes($0), unit: "t") }
            case .nearZero:
                levelText = "near zero (no number stated)"
                gapText = "not stated in numbers: \(latestText) left"
                result = g.latestValue.map { Value(Mass.tonnes($0), unit: "t") }
            case .reduceMoreThan:
                levelText = g.targetValue.map { "below \(tonnes($0)) (\(NumberText.format((1 - target.level!) * 100, significantDigits: 4)) % of the baseline)" } ?? "–"
                gapText = g.gap.map { $0 > 0 ? "\(tonnes($0)) above the target level" : "at or below the target level" } ?? "–"
                result = g.gap.map { Value(Mass.tonnes(max(0, $0)), unit: "t") }
            case .reachPercent:
                levelText = NumberText.format(target.level!, significantDigits: 4) + " %"
                gapText = g.gap.map { $0 > 0 ? "\(NumberText.format($0, significantDigits: 4)) percentage points short" : "reached" } ?? "–"
                result = g.gap.map { .text(NumberText.format(max(0, $0), significantDigits: 4) + " percentage points") }
            }
            table.rows.append([.text(target.wording), .text(target.by.map(String.init) ?? "not stated"), .text(target.measures), .text(baseText), .text(latestText),
                               .text(changeText), .text(levelText), .text(gapText), .text("\(target.report), \(target.page)")])
            var cites = [Citation(source: target.source.id, at: "\(target.report), \(target.page) (\(target.origin))")]
            cites += (g.latest + g.baselineFigures).map { cite($0) }
            if isPercent { cites.append(Citation(source: target.source.id, at: "\(target.report), \(target.progressPage) (\(target.origin))")) }
            if let result {
                let how: String
                switch target.kind {
                case .removalsExceed: how = "the removals the goal needs exceed the year's emissions, \(latestText) (\(target.measures))"
                case .nearZero: how = "\(latestText), \(changeText) against \(baseText); 'near zero' has no number, so no gap in tonnes"
                case .reduceMoreThan: how = "\(latestText) − \(NumberText.format(1 - target.level!, significantDigits: 4)) × \(baseText), both from \(g.latest.first?.report ?? "")"
                case .reachPercent: how = "\(levelText) − \(latestText), as \(target.report) gives it"
                }
                est.results.append(.init("target_\(target.id)", "Gap to '\(target.wording)'", result, how: how, citations: cites))
            }
        }
        est.tables.append(table)
        est.warn("targets", "\(displayName)'s commitment is several targets, each measuring a different figure (see 'Measures'); no one number says how far it is from all of them. A target's baseline and latest year are read from one report. The carbon-negative gap holds the latest year's emissions; 'co2e net' with the company's inventory, its removal portfolio and the carbon-negative goal sets them against the removals contracted.")
        return used
    }

    /// Scope 3 by category, each year that discloses categories.
    package func scope3ByCategory() throws -> Estimate {
        try requireScope(.three)
        var est = Estimate(key: "company_scope3", title: "\(displayName): scope 3 by category")
        let cats = figures.filter { $0.scope == .three && !$0.category.isEmpty }
        guard !cats.isEmpty else {
            throw CO2eError(.invalidData, "has no scope 3 categories disclosed for \(echoedName) in the bundled inventory", code: .notAvailable, field: "by", value: "category", accepted: "scope 3 totals only")
        }
        let yrs = Array(Set(cats.map(\.year))).sorted()
        var names: [String] = []
        for c in cats where !names.contains(c.category) { names.append(c.category) }
        // By category number; a row without one (Google's "other categories") last.
        names.sort { (Int($0.split(separator: " ")[0]) ?? .max) < (Int($1.split(separator: " ")[0]) ?? .max) }
        let reps = Dictionary(uniqueKeysWithValues: yrs.map { y in (y, report(for: y) ?? cats.last { $0.year == y }!.report) })
        var table = Table(key: "categories", title: "Scope 3 by category (tCO2e; share of the year's scope 3)", columns: [.init("category", "Category")]
                          + yrs.flatMap { y in [Table.Column("t_\(y)", cats.first { $0.year == y }!.yearLabel, unit: "t"), Table.Column("share_\(y)", "share")] })
        for n in names {
            var row: [Table.Cell] = [.text(n)]
            for y in yrs {
                let f = figure(y, .three, .market, category: n, report: reps[y]!)
                let s3 = figure(y, .three, .market, report: reps[y]!)
                row.append(t(f))
                row.append(.text(f.flatMap { f in s3.map { pct(f.mass.tonnes / $0.mass.tonnes) } } ?? "–"))
                if let f { est.cite(f.source) }
            }
            table.rows.append(row)
        }
        est.tables.append(table)
        // Cite what the table shows: each year's categories from the report it was read in, not another report's.
        citeAll(&est, cats.filter { $0.report == reps[$0.year] && $0.criteria == .ghgProtocol })
        return est
    }
}

extension CompanyCatalog {
    /// Several companies side by side for one year.
    package func compare(_ names: [String], year: Int) throws -> Estimate {
        var est = Estimate(key: "company_compare", title: "Companies side by side, \(year)")
        var table = Table(key: "companies", title: "\(year) (tCO2e; each company's own fiscal year)", columns: [
            .init("company", "Company"), .init("year", "Year"), .init("scope1", "Scope 1", unit: "t"), .init("scope2_location", "Scope 2 location", unit: "t"),
            .init("scope2_market", "Scope 2 market", unit: "t"), .init("scope3", "Scope 3", unit: "t"), .init("location_over_market", "Location / market"), .init("report", "Report")])
        var used: [InventoryFigure] = []
        var missing: [String] = []
        for n in names {
            // A mistyped name (one near a bundled company) is an error; a company without a bundled
            // inventory is left out with a warning, so the side-by-side shows what is known.
            guard companies.contains(n.trimmingSpaces.lowercased()) || !Suggestions.nearest(to: n.lowercased(), among: companies).isEmpty else {
                missing.append(n.prefix(1).uppercased() + n.dropFirst()); continue
            }
            let c = try company(n)
            guard let r = c.report(for: year) else { missing.append(c.displayName); continue }
            let row = [c.figure(year, .one, report: r), c.figure(year, .two, .location, report: r), c.figure(year, .two, .market, report: r), c.figure(year, .three, .market, report: r)]
            used += row.compactMap { $0 }
            table.rows.append([.text(c.displayName), .text(row.compactMap { $0 }.first?.yearLabel ?? String(year))] + row.map(t)
                              + [.text(c.locationMarket(year).map { ratio($0.ratio) } ?? "–"), .text(r)])
            // The row's report lacks location-based scope 2 but an earlier report of the year gives it:
            // said beside the row, never mixed into it.
            if row[1] == nil, let l = c.locationBasedTotal(year).parts.first(where: { $0.scope == .two && $0.basis == .location }), l.report != r {
                used.append(l)
                est.warn("location_based_elsewhere_\(c.name)", "\(c.displayName) \(l.yearLabel) scope 2 location-based is given only by \(l.report) (\(l.restated.rawValue)): \(l.mass.formatted(unit: "t")) (\(l.page)); not mixed into the row, which is \(r)'s.")
            }
        }
        if table.rows.isEmpty {
            throw CO2eError(.invalidData, "is not a year any of the companies reported in the bundled inventory", code: .notAvailable, field: "year", value: String(year))
        }
        est.tables.append(table)
        if !missing.isEmpty { est.warn("not_reported", "No bundled \(year) inventory (none was verified) for \(missing.joined(separator: ", ")): left out of the table.") }
        est.warn("fiscal_years", "Years are each company's own: Microsoft's FY ends in June, Apple's in late September, the others' in December.")
        for f in used { est.cite(f.source) }
        if used.contains(where: { $0.basis == .market }) { est.warn("market_based", marketBasedWarning) }
        return est
    }
}
