import CO2eCore
import CO2eData

extension RemovalDeal {
    /// The deal with its trail: tonnes contracted and delivered, the years and tonnes per year,
    /// method and durability, and the price with its basis (disclosed, estimated by whom, or
    /// not disclosed) and the year of its dollars; the delivery schedule as a table.
    public func estimate() throws -> Estimate {
        var formula = Formula()
        let total = formula.input("contracted", contracted)
        let span = formula.input("years", TimeSpan.years(Double(years)))
        let rate = formula.value("rate", Per<MassDimension, DurationDimension>.self)
        formula.compute { v in v[rate] = v[total] / v[span] }
        var priceVar: Variable<MoneyPerMassDimension>?
        var valueVar: Variable<MoneyDimension<USD>>?
        if let price {
            let p = formula.input("price", price)
            let value = formula.value("value", MoneyDimension<USD>.self)
            formula.compute { v in v[value] = v[p] * v[total] }
            priceVar = p
            valueVar = value
        } else if let value {
            let given = formula.input("value", value)
            let p = formula.value("price", MoneyPerMassDimension.self)
            formula.compute { v in v[p] = v[given] / v[total] }
            priceVar = p
            valueVar = given
        }
        let e = try formula.evaluate()
        var est = Estimate(key: "removal_deal", title: "Removal deal \(id): \(buyer) from \(supplier)")
        est.cite(source)
        let cite = [Citation(source: source.id, at: origin)]
        est.steps.append(.init("method", "Method", .text(method.rawValue), how: note.isEmpty ? "as published" : "see note", citations: cite))
        est.steps.append(.init("durability", "Durability", .text(durability.description), how: "Microsoft's classes; nature-based tonnes are never added to durable ones as equal"))
        if !certification.isEmpty { est.steps.append(.init("certification", "Certification", .text(certification), how: "as published")) }
        est.steps.append(.init("contracted", "Tonnes contracted", e.value(total), how: "announced \(announced)", citations: cite))
        est.steps.append(.init("years", "Delivery years", .text("\(startYear)–\(endYear - 1) (\(years) years, ending \(endYear))"),
                               how: "the deal runs from \(startYear) to \(endYear)"))
        if let delivered {
            est.steps.append(.init("delivered", "Tonnes delivered", Value(delivered), how: "reported" + (deliveredAsOf.isEmpty ? "" : " as of \(deliveredAsOf)"), citations: cite))
        } else {
            est.steps.append(.init("delivered", "Tonnes delivered", .text("not reported"), how: "contracted tonnes are a promise, not removals that have happened"))
        }
        switch priceBasis {
        case .notDisclosed:
            est.steps.append(.init("price", "Price", .text("not disclosed"), how: "neither party published it; co2e does not guess"))
        case .disclosed, .estimated:
            let basis = priceBasis == .disclosed ? "disclosed" : "estimated by others, not disclosed"
            let dollars = priceYear.map { "; \($0) dollars, not adjusted for inflation" } ?? ""
            if let p = priceVar, let v = valueVar {
                if price != nil {
                    est.steps.append(.init("price", "Price per tonne (\(basis))", e.value(p), how: priceBy + dollars, citations: cite))
                    est.steps.append(.init("value", "Value of the deal at that price", e.value(v), how: "\(e.text(total)) × \(e.text(p))"))
                } else {
                    est.steps.append(.init("value", "Value of the deal (\(basis))", e.value(v), how: priceBy + dollars, citations: cite))
                    est.steps.append(.init("price", "Price per tonne implied", e.value(p), how: "\(e.text(v)) / \(e.text(total))"))
                }
            }
        }
        est.results.append(.init("rate", "Tonnes per year (average)", e.value(rate, unit: "t/y"), how: "\(e.text(total)) / \(years) years"))
        var table = Table(key: "schedule", title: scheduleGiven ? "Deliveries per year (published schedule)" : "Deliveries per year (spread evenly: no schedule was published)",
                          columns: [.init("year", "Year"), .init("tonnes", "Tonnes", unit: "kg")])
        for (year, mass) in schedule { table.rows.append([.text(String(year)), .value(Value(mass))]) }
        est.tables.append(table)
        if !note.isEmpty { est.warn("deal_note", note) }
        if !scheduleGiven { est.assume("even_schedule", "No delivery schedule is published: the contracted tonnes are spread evenly over the delivery years.") }
        est.assume("year_length", UnitTable.yearConvention)
        try est.checkFinite(.invalidData)
        return est
    }
}
