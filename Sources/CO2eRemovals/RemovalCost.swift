import CO2eCore
import CO2eData

/// What removing an amount of emissions costs with one method: each bundled price or cost per
/// tonne for the method (or one the caller gives), and the US 45Q credit where the method and
/// storage route qualify.
public struct RemovalCost: Sendable {
    package var emissions: Uncertain<MassDimension>
    package var method: RemovalMethod
    /// A price per tonne the caller gives instead of the bundled ones.
    package var price: Uncertain<MoneyPerMassDimension>?
    /// The 45Q storage route: `geologic`, `utilisation` or `eor`.
    package var route: String
    /// The date the capture equipment is placed in service (ISO), which picks the 45Q law.
    package var placedInService: String?

    /// The cost of removing `emissions` with `method`: at `price` if given, else at every bundled
    /// price for the method; `route` (`geologic`, `utilisation` or `eor`) and `placedInService` (ISO date)
    /// pick the 45Q credit where it applies.
    public init(emissions: Uncertain<MassDimension>, method: RemovalMethod, price: Uncertain<MoneyPerMassDimension>? = nil,
                route: String = "geologic", placedInService: String? = nil) {
        self.emissions = emissions
        self.method = method
        self.price = price
        self.route = route
        self.placedInService = placedInService
    }

    /// One price per tonne and what the emissions cost at it.
    public struct Cost: Sendable {
        /// "Price given", or the bundled figure's method, kind and year of its dollars.
        public let label: String
        package let price: Figure<MoneyPerMassDimension>
        /// The cost of the removal at this price.
        public let cost: Figure<MoneyDimension<USD>>
        /// Where the price comes from: "given", or its source and note.
        package let how: String
        /// The bundled price row, nil for a price the caller gave.
        package let bundled: RemovalPrice?
    }

    /// The 45Q credit on the emissions, where the method qualifies.
    package struct Credit: Sendable {
        package let row: Credit45Q
        /// The credit per tonne, with the wage requirements met.
        package let rate: Figure<MoneyPerMassDimension>
        package let total: Figure<MoneyDimension<USD>>
    }

    /// The cost, typed: the emissions, one cost per price, and the 45Q credit or why it does not apply.
    public struct Result: Sendable {
        package let request: RemovalCost
        package let emissions: Figure<MassDimension>
        /// One cost per price: the one given, or each bundled price for the method.
        public let costs: [Cost]
        package let credit: Credit?
        /// Why 45Q applies or does not, for this method.
        package let creditWhy: String
    }

    /// The estimate: one cost per price, and the 45Q credit when it applies.
    ///
    /// - Throws: see `result()`.
    package func estimate() throws -> Estimate { try result().estimate() }

    /// The typed cost.
    ///
    /// - Throws: `CO2eError.invalidInput` for emissions not above zero (`emissions`), a negative
    ///   price (`price`), an unknown route or date; `.invalidData` when no price is bundled for
    ///   the method and none is given.
    public func result() throws -> Result {
        try Check.positive(emissions, field: "emissions")
        if let price { try Check.nonNegative(price, field: "price") }
        let prices: [(label: String, given: Uncertain<MoneyPerMassDimension>, how: String, row: RemovalPrice?)]
        if let price {
            prices = [("Price given", price, "given", nil)]
        } else {
            let bundled = try RemovalPrices.prices(for: method)
            guard !bundled.isEmpty else {
                let have = Array(Set(try RemovalPrices.allPrices().map(\.method.rawValue))).sorted().joined(separator: ", ")
                throw CO2eError(.invalidData, "has no bundled price; give one (e.g. $100..200/t)", field: "method", value: method.rawValue,
                                accepted: "methods with bundled prices: \(have)")
            }
            prices = bundled.map { p in
                ("\(method.rawValue) \(p.kind.replacingOccurrences("_", " ")) (\(p.priceYear) $)", p.price,
                 "\(p.source.id); \(p.note)", p)
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

        let costList = prices.enumerated().map { k, p in
            Cost(label: p.label, price: e.figure(costs[k].price), cost: e.figure(costs[k].cost), how: p.how, bundled: p.row)
        }
        var creditFigures: Credit?
        if let credit, let c = creditVars { creditFigures = Credit(row: credit, rate: e.figure(c.rate), total: e.figure(c.total)) }
        return Result(request: self, emissions: e.figure(mass), costs: costList, credit: creditFigures, creditWhy: qualifies.why)
    }
}

extension RemovalCost.Result {
    /// The trail, derived from the figures.
    public func estimate() throws -> Estimate {
        func text<D>(_ f: Figure<D>, unit: String? = nil) -> String { Quantity<D>.format(f.spread.interval, unit: unit) }
        let method = request.method, placedInService = request.placedInService
        let massText = text(emissions)
        var est = Estimate(key: "removal_cost", title: "Cost of removing \(massText) by \(method.rawValue)")
        est.steps.append(.init("emissions", "Emissions to remove", emissions.trailValue(), how: "given"))
        for (k, c) in costs.enumerated() {
            if let row = c.bundled { est.cite(row.source) }
            est.steps.append(.init("price_\(k + 1)", c.label, c.price.trailValue(unit: "$/t"), how: c.how,
                                   citations: c.bundled.map { [Citation(source: $0.source.id, at: $0.origin)] } ?? []))
        }
        for (k, c) in costs.enumerated() {
            est.results.append(.init("cost_\(k + 1)", "Cost at \(c.label)", c.cost.trailValue(),
                                     how: "\(massText) × \(text(c.price, unit: "$/t"))"))
        }
        if let c = credit {
            let credit = c.row
            est.cite(credit.source)
            est.steps.append(.init("credit_45q_rate", "US 45Q credit (\(credit.capture), \(credit.route), \(credit.law))", c.rate.trailValue(unit: "$/t"),
                                   how: "base \(credit.base.formatted(unit: "$/t")) × 5 with the prevailing-wage and apprenticeship requirements met; equipment placed in service after \(credit.inServiceAfter)" + (credit.inServiceBefore.isEmpty ? "" : " and before \(credit.inServiceBefore)") + "; claimed for \(credit.creditYears) years; construction before \(credit.constructionBefore)",
                                   citations: [Citation(source: credit.source.id, at: credit.origin)]))
            est.results.append(.init("credit_45q", "45Q credit on these tonnes", c.total.trailValue(), how: "\(massText) × \(text(c.rate, unit: "$/t")), to the taxpayer that captures and stores the CO2 in the US"))
            if placedInService == nil {
                est.assume("law_45q", "45Q rates under the newest law in co2e's table (\(credit.law)); give the date the capture equipment is placed in service to pick the law that applies.")
            }
            est.warn("credit_45q_who", "The 45Q credit goes to the US taxpayer that captures and stores the CO2; whether a removal price already passes it on to the buyer is not published, so the credit is shown beside the costs, not taken off them.")
            if !credit.note.isEmpty { est.warn("credit_45q_note", credit.note) }
        } else {
            est.steps.append(.init("credit_45q_rate", "US 45Q credit", .text("does not apply"), how: creditWhy))
        }
        if costs.contains(where: { $0.bundled != nil }) {
            est.assume("price_dollars", "Prices are in the dollars of the year shown, not adjusted for inflation.")
        }
        try est.checkFinite()
        return est
    }
}
