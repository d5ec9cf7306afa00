import CO2eCore
import CO2eGrid

extension BatchTotals {
    /// The totals as an estimate trail: rows read, used and skipped, energy, PUE, the emissions,
    /// a table per group (with the log's own figure beside co2e's for a CodeCarbon log), the
    /// factor each region used, and the rows that could not be used.
    public func estimate(title: String = "Batch emissions") -> Estimate {
        var e = Estimate(key: "batch", title: title)
        let t = total
        let pueValue = Double(pue) ?? 1
        e.steps.append(Estimate.Step("rows_read", "Rows read", Value(Count(baseValue: Double(rowsRead))), how: "data rows (header and \(blankLines) blank line\(blankLines == 1 ? "" : "s") not counted)"))
        e.steps.append(Estimate.Step("rows_used", "Rows used", Value(Count(baseValue: Double(rowsUsed))), how: "joined with a factor"))
        e.steps.append(Estimate.Step("rows_skipped", "Rows skipped", Value(Count(baseValue: Double(rowsSkipped))),
                                     how: rowsSkipped == 0 ? "none" : problemSummary))
        if !skippedEnergy.isZero {
            e.steps.append(Estimate.Step("skipped_energy", "Energy skipped", Value(Energy(baseValue: skippedEnergy.double(scale: FixedPoint.kwhScale))),
                                         how: "\(skippedEnergy.decimalText(scale: FixedPoint.kwhScale)) kWh in skipped rows whose kWh could be read"))
        }
        e.steps.append(Estimate.Step("energy", "Energy", Value(Energy(baseValue: t.kwh)),
                                     how: "\(t.energy.decimalText(scale: FixedPoint.kwhScale)) kWh, sum of the rows used, as logged"
                                        + (pue == "1" ? " (taken as facility energy: PUE 1)" : " (taken as IT energy; x PUE \(pue) for facility energy)")))
        e.steps.append(Estimate.Step("pue", "PUE", Value(Ratio(baseValue: pueValue)), how: "applied to every row"))
        // Bundled factors cite their sources, each with the regions that used it.
        var regionsBySource: [String: [String]] = [:]
        for (region, use) in factors { if let id = use.source { regionsBySource[id, default: []].append(region) } }
        var citations: [Citation] = []
        for (id, regions) in regionsBySource.sorted(by: { $0.key < $1.key }) {
            if let source = try? FactorCatalog.bundled.source(id) { e.cite(source) }
            citations.append(Citation(source: id, at: "for " + regions.sorted().prefix(8).joined(separator: ", ") + (regions.count > 8 ? ", ..." : "")))
        }
        e.steps.append(Estimate.Step("factors", "Factors", .text(factorDescription), how: "\(factors.count) region\(factors.count == 1 ? "" : "s") with a factor",
                                     citations: citations))
        if hasReportedMass {
            e.steps.append(Estimate.Step("reported_emissions", "Log's own emissions", Value(Mass(baseValue: t.reportedMass.double(scale: FixedPoint.massScale))),
                                         how: "sum of the log's emissions column (CodeCarbon's figure)"))
        }
        e.results.append(Estimate.Step("emissions", "Emissions", Value(Mass(baseValue: kilogramsValue(t))),
                                       how: "\(kilograms(t)) kg CO2e = sum of kWh x PUE x g/kWh / 1000, exact"))

        if hasMarket {
            let covered = t.marketEnergy
            e.results.append(Estimate.Step("market_based", "Market-based", Value(Mass(baseValue: kilograms(grams: t.marketGrams).double)),
                                           how: "\(marketKilograms(t)) kg CO2e: kWh x PUE x each region's market factor; \(covered.decimalText(scale: FixedPoint.kwhScale)) of \(t.energy.decimalText(scale: FixedPoint.kwhScale)) kWh covered"))
            if covered != t.energy {
                let missing = (groups.keys.compactMap(\.region).filter { marketFactors[$0] == nil })
                e.warn("market_uncovered", "Regions without a market factor keep the location-based factor in the market-based figure\(missing.isEmpty ? "" : " (" + Array(Set(missing)).sorted().prefix(10).joined(separator: ", ") + ")"); a residual mix would be the usual choice for them.")
            }
        }
        var columns = grouping.map { Table.Column($0, $0 == "region" ? "Region" : $0 == "day" ? "Day" : "Month") }
        columns += [Table.Column("rows", "Rows"), Table.Column("energy", "Energy (kWh)", unit: "kWh"),
                    Table.Column("emissions", "Emissions (kg CO2e)", unit: "kg")]
        let perRegion = grouping.contains("region")
        if perRegion { columns.append(Table.Column("factor", "co2e factor")) }
        if hasMarket { columns.append(Table.Column("market_emissions", "Market-based (kg CO2e)", unit: "kg")) }
        if hasReportedMass {
            columns += [Table.Column("reported_emissions", "CodeCarbon (kg CO2e)", unit: "kg"),
                        Table.Column("reported_factor", "CodeCarbon factor (g/kWh)", unit: "g/kWh"),
                        Table.Column("ratio", "co2e / CodeCarbon")]
        }
        var table = Table(key: "groups", title: "Per group", columns: columns)
        for (key, sums) in sortedGroups {
            var row: [Table.Cell] = grouping.map { .text(($0 == "region" ? key.region : key.period) ?? "") }
            row += [.number(Double(sums.rows)), .decimal(sums.energy.decimalText(scale: FixedPoint.kwhScale)), .decimal(kilograms(sums))]
            if perRegion { row.append(.text(key.region.flatMap { factors[$0]?.value } ?? "-")) }
            if hasMarket { row.append(.decimal(marketKilograms(sums))) }
            if hasReportedMass { row += reportedCells(sums) }
            table.rows.append(row)
        }
        var totalRow: [Table.Cell] = grouping.enumerated().map { .text($0.offset == 0 ? "TOTAL" : "") }
        totalRow += [.number(Double(t.rows)), .decimal(t.energy.decimalText(scale: FixedPoint.kwhScale)), .decimal(kilograms(t))]
        if perRegion { totalRow.append(.text("")) }
        if hasMarket { totalRow.append(.decimal(marketKilograms(t))) }
        if hasReportedMass { totalRow += reportedCells(t) }
        table.rows.append(totalRow)
        e.tables.append(table)

        if !factors.isEmpty {
            var f = Table(key: "factors", title: "Factors used", columns: [Table.Column("region", "Region"), Table.Column("factor", "Factor"), Table.Column("origin", "From")])
            for (region, use) in factors.sorted(by: { $0.key < $1.key }) { f.rows.append([.text(region), .text(use.value), .text(use.origin)]) }
            for (region, use) in marketFactors.sorted(by: { $0.key < $1.key }) { f.rows.append([.text(region + " (market)"), .text(use.value), .text(use.origin)]) }
            e.tables.append(f)
        }
        if !samples.isEmpty {
            var s = Table(key: "skipped_rows", title: rowsSkipped > UInt64(samples.count) ? "First \(samples.count) rows not used" : "Rows not used",
                          columns: [Table.Column("file", "File"), Table.Column("line", "Line"), Table.Column("problem", "Problem"), Table.Column("detail", "Detail")])
            for r in samples { s.rows.append([.text(r.file), .number(Double(r.line)), .text(r.problem.rawValue), .text(r.detail)]) }
            e.tables.append(s)
        }
        if rowsSkipped > 0 {
            e.warn("rows_skipped", "\(rowsSkipped) of \(rowsRead) rows were not used (\(problemSummary)); they carried \(skippedEnergy.decimalText(scale: FixedPoint.kwhScale)) kWh that the figures leave out.")
        }
        if roundedValues > 0 {
            e.warn("rounded_values", "\(roundedValues) value\(roundedValues == 1 ? " has" : "s have") more decimals than kept exactly (kWh to 1e-\(FixedPoint.kwhScale), g/kWh to 1e-\(FixedPoint.factorScale), kg to 1e-\(FixedPoint.massScale)) and \(roundedValues == 1 ? "was" : "were") rounded half to even.")
        }
        if hasReportedMass {
            e.assume("reported_factor", "CodeCarbon's factor is its emissions divided by its energy, per group; co2e's uses the factor shown for the region (a cloud region first, else the country).")
        }
        e.assume("pue", pue == "1" ? "PUE 1: the logged energy is taken as facility energy, with no overhead added."
                 : "PUE \(pue) multiplies every row's energy: the logged energy is taken as IT energy, and \(pue) times it as the facility's.")
        if grouping.contains("day") || grouping.contains("month") {
            e.assume("utc_periods", "Days and months are those of UTC: each timestamp is read in full with its offset (2025-03-14T23:30:00-05:00 falls on 2025-03-15), a time without an offset is taken as UTC, and a date alone (2025-03-14) is that day.")
        }
        e.assume("exact_sums", "Sums are exact integers (kWh in 1e-\(FixedPoint.kwhScale) kWh, g/kWh in 1e-\(FixedPoint.factorScale)), so the result does not depend on row order, threads or shards.")
        return e
    }

    private func reportedCells(_ sums: BatchGroupSums) -> [Table.Cell] {
        let reported = sums.reportedMass.double(scale: FixedPoint.massScale)
        let kwh = sums.kwh
        let ours = kilogramsValue(sums)
        return [.decimal(sums.reportedMass.decimalText(scale: FixedPoint.massScale)),
                .text(kwh > 0 ? NumberText.format(reported * 1000 / kwh, significantDigits: 6) : "-"),
                .text(reported > 0 ? NumberText.format(ours / reported, significantDigits: 4) : "-")]
    }

    /// `bad_number 2, unknown_region 1`.
    package var problemSummary: String {
        problems.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    }

    var factorDescription: String {
        switch mode {
        case "annual": return "annual, from a file"
        case "hourly": return "hourly, from a file"
        case "zone": return "one zone, bundled"
        default: return "co2e's bundled tables"
        }
    }
}
