import CO2eCore
import CO2eData

/// What removing an amount of emissions costs with one method: each bundled price or cost per
/// tonne for the method (or one the caller gives), and the US 45Q credit where the method and
/// storage route qualify.
public struct RemovalCost: Sendable {
    public var emissions: Uncertain<MassDimension>
    public var method: RemovalMethod
    /// A price per tonne the caller gives instead of the bundled ones.
    public var price: Uncertain<MoneyPerMassDimension>?
    /// The 45Q storage route: `geologic`, `utilisation` or `eor`.
    public var route: String
    /// The date the capture equipment is placed in service (ISO), which picks the 45Q law.
    public var placedInService: String?

    public init(emissions: Uncertain<MassDimension>, method: RemovalMethod, price: Uncertain<MoneyPerMassDimension>? = nil,
                route: String = "geologic", placedInService: String? = nil) {
        self.emissions = emissions
        self.method = method
        self.price = price
        self.route = route
        self.placedInService = placedInService
    }

    /// The estimate: one cost per price, and the 45Q credit when it applies.
    ///
    /// - Throws: `CO2eError.invalidInput` for emissions not above zero (`emissions`), a negative
    ///   price (`price`), an unknown route or date; `.invalidData` when no price is bundled for
    ///   the method and none is given.
    public func estimate() throws -> Estimate {
        try Check.positive(emissions, field: "emissions")
        if let price { try Check.nonNegative(price, field: "price") }
        let prices: [(label: String, given: Uncertain<MoneyPerMassDimension>, how: String, citation: Citation?, source: Source?)]
        if let price {
            prices = [("Price given", price, "given", nil, nil)]
        } else {
            let bundled = try RemovalPrices.prices(for: method)
            guard !bundled.isEmpty else {
                let have = Array(Set(try RemovalPrices.allPrices().map(\.method.rawValue))).sorted().joined(separator: ", ")
                throw CO2eError(.invalidData, "has no bundled price; give one (e.g. $100..200/t)", field: "method", value: method.rawValue,
                                accepted: "methods with bundled prices: \(have)")
            }
            prices = bundled.map { p in
                ("\(method.rawValue) \(p.kind.replacingOccurrences("_", " ")) (\(p.priceYear) $)", p.price,
                 "\(p.source.id); \(p.note)", Citation(source: p.source.id, at: p.origin), p.source)
            }
        }
        let qualifies = RemovalPrices.capture(for: method)
        let credit = try qualifies.capture.map { try RemovalPrices.credit45Q(capture: $0, route: route, placedInService: placedInService) }

        var formula = Formula()
        let mass = formula.input("emissions", emissions)
        var costs: [(price: Variable<MoneyPerMassDimension>, cost: Variable<MoneyDimension<USD>>)] = []
        for (k, p) in prices.enumerated() {
            let pv = formula.input("price_\(k + 1)", p.given)
            let cv = formula.value("cost_\(k + 1)", MoneyDimension<USD>.self)
            formula.compute { v in v[cv] = v[pv] * v[mass] }
            costs.append((pv, cv))
        }
        var creditVars: (rate: Variable<MoneyPerMassDimension>, total: Variable<MoneyDimension<USD>>)?
        if let credit {
            let rate = formula.input("credit_45q_rate", credit.full)
            let total = formula.value("credit_45q", MoneyDimension<USD>.self)
            formula.compute { v in v[total] = v[rate] * v[mass] }
            creditVars = (rate, total)
        }
        let e = try formula.evaluate()

        var est = Estimate(key: "removal_cost", title: "Cost of removing \(e.text(mass)) by \(method.rawValue)")
        est.steps.append(.init("emissions", "Emissions to remove", e.value(mass), how: "given"))
        for (k, p) in prices.enumerated() {
            if let s = p.source { est.cite(s) }
            est.steps.append(.init("price_\(k + 1)", p.label, e.value(costs[k].price, unit: "$/t"), how: p.how,
                                   citations: p.citation.map { [$0] } ?? []))
        }
        for (k, p) in prices.enumerated() {
            est.results.append(.init("cost_\(k + 1)", "Cost at \(p.label)", e.value(costs[k].cost),
                                     how: "\(e.text(mass)) × \(e.text(costs[k].price, unit: "$/t"))"))
        }
        if let credit, let c = creditVars {
            est.cite(credit.source)
            est.steps.append(.init("credit_45q_rate", "US 45Q credit (\(credit.capture), \(credit.route), \(credit.law))", e.value(c.rate, unit: "$/t"),
                                   how: "base \(credit.base.formatted(unit: "$/t")) × 5 with the prevailing-wage and apprenticeship requirements met; equipment placed in service after \(credit.inServiceAfter)" + (credit.inServiceBefore.isEmpty ? "" : " and before \(credit.inServiceBefore)") + "; claimed for \(credit.creditYears) years; construction before \(credit.constructionBefore)",
                                   citations: [Citation(source: credit.source.id, at: credit.origin)]))
            est.results.append(.init("credit_45q", "45Q credit on these tonnes", e.value(c.total), how: "\(e.text(mass)) × \(e.text(c.rate, unit: "$/t")), to the taxpayer that captures and stores the CO2 in the US"))
            if placedInService == nil {
                est.assume("law_45q", "45Q rates under the newest law in co2e's table (\(credit.law)); give the date the capture equipment is placed in service to pick the law that applies.")
            }
            est.warn("credit_45q_who", "The 45Q credit goes to the US taxpayer that captures and stores the CO2; whether a removal price already passes it on to the buyer is not published, so the credit is shown beside the costs, not taken off them.")
            if !credit.note.isEmpty { est.warn("credit_45q_note", credit.note) }
        } else {
            est.steps.append(.init("credit_45q_rate", "US 45Q credit", .text("does not apply"), how: qualifies.why))
        }
        for p in prices where p.source != nil {
            est.assume("price_dollars", "Prices are in the dollars of the year shown, not adjusted for inflation.")
        }
        try est.checkFinite()
        return est
    }
}
