import CO2eCore
import CO2eData

extension RemovalDeal {
    /// The deal's figures, typed: tonnes contracted, tonnes per year, and the price per tonne
    /// and the deal's value when one of them is disclosed or estimated (the other derived).
    package struct Result: Sendable {
        package let deal: RemovalDeal
        /// Tonnes contracted over the whole deal.
        package let contracted: Figure<MassDimension>
        /// The contracted tonnes over the deal's years.
        package let rate: Figure<Per<MassDimension, DurationDimension>>
        /// The price per tonne (given, or the value over the tonnes); nil when not disclosed.
        package let price: Figure<MoneyPerMassDimension>?
        /// The deal's value (given, or the price times the tonnes); nil when not disclosed.
        package let value: Figure<MoneyDimension<USD>>?
    }

    /// The deal's typed figures.
    ///
    /// - Throws: `CO2eError.invalidData` when a figure is not finite.
    package func result() throws -> Result {
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
        return Result(deal: self, contracted: e.figure(total), rate: e.figure(rate), price: priceVar.map(e.figure), value: valueVar.map(e.figure))
    }

    /// The deal with its trail: tonnes contracted and delivered, the years and tonnes per year,
    /// method and durability, and the price with its basis (disclosed, estimated by whom, or
    /// not disclosed) and the year of its dollars; the delivery schedule as a table.
    package func estimate() throws -> Estimate { try result().estimate() }
}

extension RemovalDeal.Result {
    /// The trail, derived from the figures.
    package func estimate() throws -> Estimate {
        let d = deal
        let (id, buyer, supplier, source, origin, note, method, durability, certification, announced) =
            (d.id, d.buyer, d.supplier, d.source, d.origin, d.note, d.method, d.durability, d.certification, d.announced)
        let (startYear, endYear, years, delivered, deliveredAsOf, priceBasis, priceYear, priceBy, schedule, scheduleGiven) =
            (d.startYear, d.endYear, d.years, d.delivered, d.deliveredAsOf, d.priceBasis, d.priceYear, d.priceBy, d.schedule, d.scheduleGiven)
        func text<D>(_ f: Figure<D>, unit: String? = nil) -> String { Quantity<D>.format(f.spread.interval, unit: unit) }
        var est = Estimate(key: "removal_deal", title: "Removal deal \(id): \(buyer) from \(supplier)")
        est.cite(source)
        let cite = [Citation(source: source.id, at: origin)]
        est.steps.append(.init("method", "Method", .text(method.rawValue), how: note.isEmpty ? "as published" : "see note", citations: cite))
        est.steps.append(.init("durability", "Durability", .text(durability.description), how: "Microsoft's classes; nature-based tonnes are never added to durable ones as equal"))
        if !certification.isEmpty { est.steps.append(.init("certification", "Certification", .text(certification), how: "as published")) }
        est.steps.append(.init("contracted", "Tonnes contracted", contracted.trailValue(), how: "announced \(announced)", citations: cite))
        est.steps.append(.init("years", "Delivery years", .text("\(startYear)–\(endYear - 1) (\(years) years)"),
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
            let short = priceBasis == .disclosed ? "disclosed" : "estimated"
            if let p = price, let v = value {
                if d.price != nil {
                    est.steps.append(.init("price", "Price per tonne (\(short))", p.trailValue(), how: "\(basis): " + priceBy + dollars, citations: cite))
                    est.steps.append(.init("value", "Value of the deal at that price", v.trailValue(), how: "\(text(contracted)) × \(text(p))"))
                } else {
                    est.steps.append(.init("value", "Value of the deal (\(short))", v.trailValue(), how: "\(basis): " + priceBy + dollars, citations: cite))
                    est.steps.append(.init("price", "Price per tonne implied", p.trailValue(), how: "\(text(v)) / \(text(contracted))"))
                }
            }
        }
        est.results.append(.init("rate", "Tonnes per year (average)", rate.trailValue(unit: "t/y"), how: "\(text(contracted)) / \(years) years"))
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
