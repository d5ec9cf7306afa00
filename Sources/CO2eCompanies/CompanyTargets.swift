import CO2eCore
import CO2eData

/// A company's stated climate target, in its own words: a row of `data/companies/targets.csv`.
package struct CompanyTarget: Sendable, Hashable {
    /// What the target asks of the figure it measures.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Removals above the year's emissions (carbon negative).
        case removalsExceed = "removals_exceed"
        /// The figure "near zero": no number stated, so no gap in tonnes.
        case nearZero = "near_zero"
        /// The figure cut by more than `level` (a fraction) against the baseline year.
        case reduceMoreThan = "reduce_more_than"
        /// A percentage reaching `level` (100 % direct renewable electricity).
        case reachPercent = "reach_percent"
    }
    /// Which figure the target measures.
    package enum Measure: String, Sendable, Hashable, CaseIterable {
        /// The total, scope 1 + 2 market-based + 3.
        case total
        /// Scope 1 + scope 2 market-based.
        case scope12 = "scope1+2"
        /// Scope 3 (market-based).
        case scope3
        /// A percentage the row itself gives (`progress_value`), not an inventory figure.
        case percent
    }

    package let company: String
    package let id: String
    /// The company's wording, as read.
    package let wording: String
    /// The year the target is for; nil when the wording gives none.
    package let by: Int?
    package let measure: Measure
    /// What `measure` is, for people (`scope 3 market-based with management's criteria (Table 1B)`).
    package let measures: String
    package let criteria: InventoryFigure.Criteria
    package let baseline: Int?
    package let kind: Kind
    /// The fraction (reduce_more_than) or percentage (reach_percent) the wording states.
    package let level: Double?
    /// For `percent`: the latest value the report gives, its year and where.
    package let progress: Double?
    package let progressYear: Int?
    package let progressPage: String
    /// The report the wording was read in, and where.
    package let report: String
    package let source: Source
    package let page: String
    package let read: Reading?
    package let note: String
    package let origin: String
}

/// How far a year is from a target, computed from the inventory (or the row's own percentage).
package struct TargetGap: Sendable {
    package let target: CompanyTarget
    /// The figures the latest value sums (empty for a percentage).
    package let latest: [InventoryFigure]
    package let baselineFigures: [InventoryFigure]
    package let latestYear: Int?
    package let latestValue: Double?
    package let baselineValue: Double?
    /// latest / baseline − 1, where a baseline is given.
    package var change: Double? { latestValue.flatMap { l in baselineValue.map { l / $0 - 1 } } }
    /// The level the target sets in the figure's unit (tonnes; percent), where the wording states one.
    package var targetValue: Double? {
        switch target.kind {
        case .reduceMoreThan: return baselineValue.flatMap { b in target.level.map { b * (1 - $0) } }
        case .reachPercent: return target.level
        case .removalsExceed, .nearZero: return nil
        }
    }
    /// How far the latest value is from `targetValue` (tonnes above it; percentage points below it).
    package var gap: Double? {
        guard let l = latestValue, let t = targetValue else { return nil }
        return target.kind == .reachPercent ? t - l : l - t
    }
}

/// The targets co2e knows.
package struct CompanyTargets: Sendable {
    package static let path = "data/companies/targets.csv"
    package let targets: [CompanyTarget]

    package static var bundled: CompanyTargets {
        get throws { try CompanyTargets(rows: try CatalogRows.bundled(path), isUser: false) }
    }

    /// A file with the columns of `data/companies/targets.csv` (sources are not looked up).
    package static func parse(bytes: [UInt8], origin: String) throws -> CompanyTargets {
        try CompanyTargets(rows: .user(bytes: bytes, origin: origin), isUser: true)
    }

    init(rows: CatalogRows, isUser: Bool) throws {
        var out: [CompanyTarget] = []
        try rows.forEach { row in
            let company = try row["company"].lowercased()
            guard !company.isEmpty else { throw row.bad("company", "", "is empty") }
            let id = try row["id"]
            guard !id.isEmpty else { throw row.bad("id", "", "is empty") }
            let wording = try row["target"]
            guard !wording.isEmpty else { throw row.bad("target", "", "is empty; give the company's wording") }
            let kindText = try row["kind"]
            guard let kind = CompanyTarget.Kind(rawValue: kindText) else {
                throw row.bad("kind", kindText, "is not a kind of target", accepted: CompanyTarget.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let measureText = try row["measure"]
            guard let measure = CompanyTarget.Measure(rawValue: measureText) else {
                throw row.bad("measure", measureText, "is not a measured figure", accepted: CompanyTarget.Measure.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let criteriaText = row.optional("criteria") ?? ""
            guard let criteria = InventoryFigure.Criteria(rawValue: criteriaText) else {
                throw row.bad("criteria", criteriaText, "is not a counting rule", accepted: "empty (GHG Protocol), management")
            }
            let level = try row.number("level")
            let baseline = try row.year("baseline")
            let progress = try row.number("progress_value")
            switch kind {
            case .reduceMoreThan:
                guard let level, level > 0, level < 1 else { throw row.bad("level", row.optional("level") ?? "", "is not a fraction of the baseline", accepted: "a number above 0 and below 1 (0.5 for 'by half')") }
                guard baseline != nil else { throw row.bad("baseline", "", "is empty; a reduction is against a baseline year") }
                guard measure != .percent else { throw row.bad("measure", measureText, "is a percentage; a reduction measures tonnes", accepted: "total, scope1+2, scope3") }
            case .reachPercent:
                guard let level, level > 0, level <= 100 else { throw row.bad("level", row.optional("level") ?? "", "is not a percentage", accepted: "above 0, at most 100") }
                guard measure == .percent else { throw row.bad("measure", measureText, "is not a percentage", accepted: "percent") }
                guard progress != nil else { throw row.bad("progress_value", "", "is empty; a percentage target gives the latest percentage the report states") }
            case .removalsExceed, .nearZero:
                guard measure != .percent else { throw row.bad("measure", measureText, "is a percentage; this kind measures tonnes", accepted: "total, scope1+2, scope3") }
            }
            let sourceID = try row["source"]
            let source = isUser
                ? Source(id: sourceID.isEmpty ? "user" : sourceID, kind: .dataset, title: "as given in \(rows.origin)", publisher: "", published: "", licence: "", url: "")
                : try CatalogRows.source(sourceID, in: CompanyCatalog.sourcesPath, usedAt: row)
            out.append(CompanyTarget(company: company, id: id, wording: wording, by: try row.year("by"), measure: measure, measures: try row["measures"],
                                     criteria: criteria, baseline: baseline, kind: kind, level: level, progress: progress,
                                     progressYear: try row.year("progress_year"), progressPage: row.optional("progress_page") ?? "",
                                     report: try row["report"], source: source, page: try row["page"], read: try row.reading(),
                                     note: row.optional("note") ?? "", origin: row.place))
            return true
        }
        targets = out
    }

    /// The targets of `company` (lower case), in file order.
    package func of(_ company: String) -> [CompanyTarget] { targets.filter { $0.company == company } }
}

extension CompanyInventory {
    /// The figures `measure` sums in `year` from `report` (nil when the report lacks one of them).
    func measured(_ measure: CompanyTarget.Measure, _ year: Int, report: String, criteria: InventoryFigure.Criteria) -> [InventoryFigure]? {
        switch measure {
        case .total: return total(year, report: report, criteria: criteria).map { [$0] }
        case .scope3: return figure(year, .three, .market, report: report, criteria: criteria).map { [$0] }
        case .scope12:
            guard let s1 = figure(year, .one, report: report), let s2 = figure(year, .two, .market, report: report) else { return nil }
            return [s1, s2]
        case .percent: return nil
        }
    }

    /// How the latest year (at most `lastYear`) stands against `target`: its value, the baseline's
    /// (both from the report giving the latest year, never mixed with another report's), the
    /// change, and the gap where the wording states a level.
    package func gap(to target: CompanyTarget, through lastYear: Int? = nil) -> TargetGap {
        if target.measure == .percent {
            return TargetGap(target: target, latest: [], baselineFigures: [], latestYear: target.progressYear, latestValue: target.progress, baselineValue: nil)
        }
        guard let y = years.last(where: { y in lastYear.map { y <= $0 } ?? true }), let r = report(for: y),
              let latest = measured(target.measure, y, report: r, criteria: target.criteria) else {
            return TargetGap(target: target, latest: [], baselineFigures: [], latestYear: nil, latestValue: nil, baselineValue: nil)
        }
        let base = target.baseline.flatMap { measured(target.measure, $0, report: r, criteria: target.criteria) }
        func sum(_ fs: [InventoryFigure]) -> Double { fs.reduce(0) { $0 + $1.mass.tonnes } }
        return TargetGap(target: target, latest: latest, baselineFigures: base ?? [], latestYear: y, latestValue: sum(latest), baselineValue: base.map(sum))
    }
}
