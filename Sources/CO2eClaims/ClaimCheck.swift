import CO2eCore
import CO2eData
import CO2eGrid
import CO2eTraining
import CO2eInference
import CO2eProjections
import CO2eRemovals
import CO2eEquivalents
import CO2eCompanies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A claim redone with co2e's models: the recomputation as a typed figure, the verdict, the
/// correct statement, and the trail derived from them.
public struct ClaimCheck: Sendable {
    package let claim: Claim
    /// The recomputation, typed; nil when the claim could not be recomputed.
    package let recomputed: ClaimFigure?
    /// The recomputation in the claim's own unit (`claimedUnit`), as compared with the claimed
    /// number; nil when the claim could not be recomputed.
    package let inClaimUnit: Interval?
    /// Whether the claim holds, is off by a factor (and which way), or cannot be checked.
    public let verdict: Verdict
    /// What a correct statement would say (empty when the catalogue gives no template).
    package let correctStatement: String
    /// The trail: the statement, the models' estimates as parts, the recomputation and verdict.
    public let trail: Estimate
}

/// A claim's recomputation as a typed figure of the dimension it has.
package enum ClaimFigure: Sendable, Hashable {
    case mass(Figure<MassDimension>)
    case count(Figure<CountDimension>)
    case money(Figure<MoneyDimension<USD>>)
    case price(Figure<MoneyPerMassDimension>)
    case rate(Figure<Per<MassDimension, DurationDimension>>)
    case ratio(Figure<RatioDimension>)
    case share(Figure<ShareDimension>)
}

extension Claim {
    /// Redoes the claim with co2e's own models and factors: the recomputation (typed), the
    /// verdict, what a correct statement would say, and the trail with the models' estimates
    /// as parts.
    ///
    /// - Throws: `CO2eError.invalidData` when the claim's parameters are malformed.
    public func check() throws -> ClaimCheck {
        var est = Estimate(key: "claim_check", title: "Claim \(id): \(title)")
        est.cite(source)
        let cite = [Citation(source: source.id, at: origin)]
        est.steps.append(.init("statement", "Statement", .text("“\(statement)”"), how: "\(who); \(whereSaid); \(when)", citations: cite))
        est.steps.append(.init("claimed", "Number claimed", .text(Self.number(claimed) + " " + claimedUnit), how: "as stated"))
        var fills: [String: String] = [:]
        let outcome = try recompute(into: &est, fills: &fills)
        for part in est.parts {
            for s in part.sources { est.cite(s) }
            for w in part.warnings where w.key != "deal_note" { est.warn(w.key, w.text) }
            for a in part.assumptions { est.assume(a.key, a.text) }
        }
        let verdict: Verdict
        switch outcome.forced {
        case let reason?: verdict = .notCheckable(reason)
        case nil:
            let t = tolerancePercent / 100
            let i = outcome.recomputed
            if claimed >= i.lower * (1 - t) - 1e-12 * abs(claimed), claimed <= i.upper * (1 + t) + 1e-12 * abs(claimed) {
                verdict = .holds
            } else {
                verdict = .offBy(Interval(i.lower / claimed, i.upper / claimed))
            }
        }
        fills["result"] = fills["result"] ?? outcome.text ?? ""
        var correct = correctTemplate
        for (k, v) in fills { correct = correct.replacingAll("{\(k)}", with: v) }
        // The trail's results, derived from the typed outcome.
        if let r = outcome.text {
            let spread: Spread = outcome.recomputed.isPoint ? .exact(outcome.recomputed.lower) : .bounds(outcome.recomputed.lower, outcome.recomputed.upper)
            est.results.append(.init("recomputed", "Recomputed by co2e", Value(dimension: "number", unit: claimedUnit, spread: spread, text: r),
                                     how: outcome.how))
        }
        est.results.append(.init("verdict", "Verdict", .text(verdict.summary),
                                 how: verdict == .holds ? outcome.bound ?? verdictHow(verdict) : verdictHow(verdict)))
        if !correct.isEmpty { est.results.append(.init("correct", "A correct statement", .text(correct), how: "from the recomputation")) }
        if !note.isEmpty { est.warn("claim_note", note) }
        return ClaimCheck(claim: self, recomputed: outcome.figure, inClaimUnit: outcome.text == nil ? nil : outcome.recomputed,
                          verdict: verdict, correctStatement: correct, trail: est)
    }

    /// The check's trail (`check().trail`).
    package func estimate() throws -> Estimate { try check().trail }

    private struct Outcome {
        /// The recomputation, typed (nil when there is none).
        var figure: ClaimFigure?
        /// The recomputation in the claim's unit.
        var recomputed: Interval
        /// The recomputation as printed, in the claim's unit.
        var text: String?
        var how: String
        /// Set when the claim cannot be checked, with the reason.
        var forced: String?
        /// For a bound ("below", "above"): why it holds, instead of the tolerance sentence.
        var bound: String?
    }

    private func parameter(_ key: String) throws -> String {
        guard let v = parameters[key], !v.isEmpty else { throw CO2eError.data("claim \(id) needs the parameter '\(key)'", file: originFile, line: originLine) }
        return v
    }

    private func parsed<D>(_ key: String, _: D.Type) throws -> Uncertain<D> {
        let text = try parameter(key)
        do { return try Quantity<D>.parseRange(text) } catch { throw CO2eError.data("claim \(id): parameter \(key) '\(EchoedText.value(text))' is not \(D.name)", file: originFile, line: originLine) }
    }

    private func recompute(into est: inout Estimate, fills: inout [String: String]) throws -> Outcome {
        switch kind {
        case "training_equivalent":
            let energy = try parsed("energy", EnergyDimension.self)
            let year = Int(try parameter("year"))
            let factor = try FactorCatalog.bundled.factor(for: try parameter("grid"), year: year).factor
            let training = try TrainingRun(energy: .facility(energy), electricity: ElectricityAccounting(location: .gridFactor(factor))).estimate()
            est.parts.append(training.trail)
            let equivalent = try Equivalents.factor(try parameter("equivalent"))
            let mass = training.locationBased
            let count = try Equivalents.of(mass, factors: [equivalent]).counts[0]
            est.cite(equivalent.source)
            let massText = Quantity<MassDimension>.format(mass.spread.interval)
            est.steps.append(.init("equivalent", "\(equivalent.label.prefix(1).uppercased())\(equivalent.label.dropFirst())", count.trailValue,
                                   how: "\(massText) / \(equivalent.mass.formatted()) per \(equivalent.per) (\(equivalent.source.id) \(equivalent.year))",
                                   citations: [Citation(source: equivalent.source.id, at: equivalent.origin)]))
            fills["result"] = massText
            fills["equivalent"] = count.text.replacingAll(" " + equivalent.unit, with: "")
            return Outcome(figure: .count(count.count), recomputed: count.count.spread.interval, text: count.text,
                           how: "co2e's training model on \(try parameter("energy")) at the bundled \(factor.zone) \(factor.year) grid factor, then the \(equivalent.id) equivalent: the same code as a training estimate with equivalents")
        case "deal_tonnes", "deal_value":
            let deal = try DealCatalog.bundled.deal(try parameter("deal"))
            let result = try deal.result()
            est.parts.append(try result.estimate())
            fills["rate"] = result.rate.trailValue(unit: "t/y").text
            if kind == "deal_tonnes" {
                if let y = parameters["years"], Int(y) != deal.years {
                    est.warn("years_differ", "The claim says \(y) years; the deal runs \(deal.years) years (deliveries \(deal.startYear)–\(deal.endYear - 1)).")
                }
                return Outcome(figure: .mass(result.contracted), recomputed: Interval(deal.contracted.tonnes), text: deal.contracted.formatted(),
                               how: "contracted tonnes in the deals catalogue (\(deal.origin))")
            }
            guard let value = result.value, let price = result.price else {
                return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "the deal's price is not disclosed and no estimate is bundled")
            }
            let i = value.spread.interval
            let forced: String? = deal.priceBasis == .disclosed ? nil
                : "the price is not disclosed: \(Self.money(i)) is \(deal.contracted.formatted()) × an outside estimate of the price (\(deal.priceBy))"
            let how = deal.price != nil ? "\(deal.contracted.formatted()) × \(Quantity<MoneyPerMassDimension>.format(price.spread.interval))" : deal.priceBy
            return Outcome(figure: .money(value), recomputed: i, text: Self.money(i), how: how, forced: forced)
        case "deals_total":
            let ids = try parameter("deals").split(separator: "+").map { String($0).trimmingSpaces }
            let catalog = try DealCatalog.bundled
            let deals = try ids.map { try catalog.deal($0) }
            var formula = Formula()
            let inputs = deals.map { formula.input("contracted_\($0.id)", $0.contracted) }
            let total = formula.value("total", MassDimension.self)
            formula.compute { v in
                var s = 0.0
                for x in inputs { s += v[x].baseValue }
                v[total] = Mass(baseValue: s)
            }
            let e = try formula.evaluate()
            for (d, x) in zip(deals, inputs) {
                est.cite(d.source)
                est.steps.append(.init("contracted_\(d.id)", "\(d.id) (\(d.years) years, \(d.durability.isDurable ? "durable" : "nature-based"))", e.value(x),
                                       how: "deals catalogue", citations: [Citation(source: d.source.id, at: d.origin)]))
                if !d.mayRestate.isEmpty, ids.contains(d.mayRestate) {
                    est.warn("may_restate", "\(d.id) may restate \(d.mayRestate) rather than add to it; the total assumes two deals.")
                }
            }
            return Outcome(figure: .mass(e.figure(total)), recomputed: Interval(e.lower(total).tonnes), text: e.text(total), how: deals.map { $0.contracted.formatted() }.joined(separator: " + "))
        case "credit_45q":
            let route = try parameter("route")
            let law = parameters["law"]
            let credit = try RemovalPrices.credit45Q(capture: try parameter("capture"), route: route, law: law)
            est.cite(credit.source)
            est.steps.append(.init("credit", "45Q, \(credit.capture), \(credit.route) (\(credit.law))", Value(credit.full, unit: "$/t"),
                                   how: "base \(credit.base.formatted(unit: "$/t")) × 5 with the wage requirements met",
                                   citations: [Citation(source: credit.source.id, at: credit.origin)]))
            if let other = parameters["compare"] {
                let c = try RemovalPrices.credit45Q(capture: other, route: route, law: law)
                est.steps.append(.init("credit_compare", "45Q, \(c.capture), \(c.route) (\(c.law))", Value(c.full, unit: "$/t"),
                                       how: "base \(c.base.formatted(unit: "$/t")) × 5", citations: [Citation(source: c.source.id, at: c.origin)]))
                fills["compare"] = c.full.formatted(unit: "$/t")
            }
            let usd = credit.full.value(in: "$/t")!
            return Outcome(figure: .price(Figure(credit.full)), recomputed: Interval(usd), text: credit.full.formatted(unit: "$/t"), how: "the 45Q table (\(credit.origin)), the one removal costs use")
        case "price_below":
            let method = try RemovalMethod.parse(try parameter("method"))
            let prices = try RemovalPrices.prices(for: method)
            guard !prices.isEmpty else { return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "no price is bundled for \(method.rawValue)") }
            for p in prices {
                est.cite(p.source)
                est.steps.append(.init("price_\(p.kind)", "\(method.rawValue) \(p.kind.replacingOccurrences("_", " ")) (\(p.priceYear) $)", Value(p.price, unit: "$/t"),
                                       how: p.note, citations: [Citation(source: p.source.id, at: p.origin)]))
            }
            let low = prices.map { $0.price.lower.value(in: "$/t")! }.min()!, high = prices.map { $0.price.upper.value(in: "$/t")! }.max()!
            let text = Quantity<MoneyPerMassDimension>.format(Interval(DollarsPerMass(low, "$/t")!.baseValue, DollarsPerMass(high, "$/t")!.baseValue), unit: "$/t")
            // "Below X" holds when the highest bundled figure is at most X.
            let range = Figure<MoneyPerMassDimension>(Spread(Interval(DollarsPerMass(low, "$/t")!.baseValue, DollarsPerMass(high, "$/t")!.baseValue)))
            return Outcome(figure: .price(range), recomputed: Interval(min(high, claimed), high), text: text, how: "the lowest and highest bundled figures for \(method.rawValue)",
                           bound: "the highest bundled figure, \(Self.number(high)) $/t, is at most the claimed bound of \(Self.number(claimed)) \(claimedUnit)")
        case "inference_ratio":
            // Two catalogue entries through the inference model: the query against a baseline.
            let query = try InferenceCatalog.figure(try parameter("query"))
            let baseline = try InferenceCatalog.figure(try parameter("baseline"), field: "baseline")
            let result = try InferenceRun(perQuery: .source(.figure(query)), baseline: .figure(baseline)).estimate()
            est.parts.append(result.trail)
            guard let multiple = result.baselineMultiple else {
                return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "the inference model gave no comparison with the baseline")
            }
            for (key, f) in [("query", query), ("baseline", baseline)] {
                est.cite(f.source)
                est.steps.append(.init(key, "\(f.label) (\(f.id))", .text(Quantity<EnergyDimension>.format(f.energy?.interval ?? Interval(.nan))),
                                       how: "the inference catalogue (\(f.source.id), \(f.year))", citations: [Citation(source: f.source.id, at: f.origin)]))
            }
            let i = multiple.spread.interval
            let text = Quantity<RatioDimension>.format(i, unit: "x")
            return Outcome(figure: .ratio(multiple), recomputed: i, text: text,
                           how: "co2e's inference model: \(query.id) per query against the \(baseline.id) baseline (the same code as 'co2e inference' with a baseline)")
        case "projection_cumulative":
            guard let from = Int(try parameter("from")), let to = Int(try parameter("to")), to > from else {
                throw CO2eError.data("claim \(id): from and to must be years, from before to", file: originFile, line: originLine)
            }
            let scenario = try ProjectionCatalog.scenario(try parameter("scenario"))
            let run = try Projection.run(ProjectionRequest(scenarios: [scenario], to: to, cumulative: from...to))
            est.parts.append(run.estimate)
            guard let span = run.scenario(scenario.id)?.cumulative else {
                return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "the projection gave no cumulative figure")
            }
            let i = span.total.spread.interval
            let gt = Interval(Mass(baseValue: i.lower).value(in: "Gt")!, Mass(baseValue: i.upper).value(in: "Gt")!)
            return Outcome(figure: .mass(span.total), recomputed: gt, text: Quantity<MassDimension>.format(i),
                           how: "co2e's projection model, scenario \(scenario.id), summed over \(from)–\(to) (the same code as 'co2e project' with a cumulative span)")
        case "projection_added":
            guard let from = Int(try parameter("from")), let to = Int(try parameter("to")), to > from else {
                throw CO2eError.data("claim \(id): from and to must be years, from before to", file: originFile, line: originLine)
            }
            let scenario = try ProjectionCatalog.scenario(try parameter("scenario"))
            let run = try Projection.run(ProjectionRequest(scenarios: [scenario], to: to))
            est.parts.append(run.estimate)
            guard let path = run.scenario(scenario.id), let a = path.years.first(where: { $0.year == from }), let b = path.years.first(where: { $0.year == to }) else {
                return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "the projection gives no annual figure for \(from) or \(to)")
            }
            var formula = Formula()
            let start = formula.input("at_start", Uncertain<MassDimension>(baseInterval: a.total.spread.interval))
            let end = formula.input("at_end", Uncertain<MassDimension>(baseInterval: b.total.spread.interval))
            let year = formula.input("year", TimeSpan(1, "y")!)
            let added = formula.value("added", Per<MassDimension, DurationDimension>.self)
            formula.compute { v in v[added] = (v[end] - v[start]) / v[year] }
            let e = try formula.evaluate()
            est.steps.append(.init("at_start", "Annual emissions in \(from)", e.value(start), how: "co2e's projection model, scenario \(scenario.id)"))
            est.steps.append(.init("at_end", "Annual emissions in \(to)", e.value(end), how: "co2e's projection model, scenario \(scenario.id)"))
            let rate = e.interval(added)
            let mt = Interval(Quantity<Per<MassDimension, DurationDimension>>(baseValue: rate.lower).value(in: "Mt/y")!,
                              Quantity<Per<MassDimension, DurationDimension>>(baseValue: rate.upper).value(in: "Mt/y")!)
            return Outcome(figure: .rate(e.figure(added)), recomputed: mt, text: e.text(added),
                           how: "co2e's projection model, scenario \(scenario.id): \(e.text(end)) in \(to) less \(e.text(start)) in \(from), each a year's emissions (the same code as 'co2e project')")
        case "country_rank":
            return try countryRank(into: &est)
        case "percent_higher":
            let p = try parsed("percent", ShareDimension.self)
            var formula = Formula()
            let pv = formula.input("percent_higher", p)
            let r = formula.value("ratio", RatioDimension.self)
            formula.compute { v in v[r] = .number(1 + v[pv].fraction) }
            let e = try formula.evaluate()
            return Outcome(figure: .ratio(e.figure(r)), recomputed: e.interval(r), text: e.text(r, unit: "x"), how: "1 + \(e.text(pv))")
        case "share_at_least":
            let published = try parsed("published", ShareDimension.self)
            est.steps.append(.init("published", "Published share", Value(published), how: parameters["published_by"] ?? "as published"))
            let pct = published.lower.fraction * 100
            // "Above X %" holds when the published figure is at least X.
            return Outcome(figure: .share(Figure(Spread(published.interval))), recomputed: Interval(min(pct, claimed), pct), text: Share.fraction(published.lower.fraction).formatted(), how: "the published share",
                           bound: "the published \(Self.number(pct)) % is at least the claimed \(Self.number(claimed)) %")
        case "company_change":
            // From the bundled inventory: the year's total over the baseline's, both in the report
            // the claim belongs to (`report`), counted by the claim's rules (`criteria`).
            let catalog = try CompanyCatalog.bundled
            let company = try catalog.company(try parameter("company"))
            guard let baseline = Int(try parameter("baseline")), let year = Int(try parameter("year")) else {
                throw CO2eError.data("claim \(id): baseline and year must be years", file: originFile, line: originLine)
            }
            let criteria = try criteriaParameter()
            let wantedReport = parameters["report"].flatMap { $0.isEmpty ? nil : $0 }
            let latest = company.years.last ?? year
            // Both ends from the report the claim belongs to, when it is bundled; else from the latest report giving the year.
            let bundledReport = wantedReport.flatMap { r in company.figures.contains { $0.report == r } ? r : nil }
            let change = try company.change(from: baseline, to: bundledReport != nil || company.report(for: year) != nil ? year : latest, criteria: criteria, in: bundledReport)
            for f in [change.baseline, change.latest] {
                est.cite(f.source)
                est.steps.append(.init("total_\(f.year)", "\(company.displayName) total, \(f.yearLabel) (\(f.report)\(Self.rules(f.criteria)), \(f.restated.rawValue))", Value(f.mass, unit: "t"),
                                       how: "disclosed inventory", citations: [Citation(source: f.source.id, at: "\(f.page) (\(f.origin))")]))
            }
            let pct = change.change * 100
            let text = (pct >= 0 ? "+" : "") + Self.number(pct) + " %"
            est.steps.append(.init("change", "Change, \(change.latest.yearLabel) against \(change.baseline.yearLabel)", .text(text),
                                   how: "\(change.latest.mass.formatted(unit: "t")) / \(change.baseline.mass.formatted(unit: "t")) − 1"))
            // The same change counted by the report's other rules, where it gives them (never mixed with these).
            let other: InventoryFigure.Criteria = criteria == .management ? .ghgProtocol : .management
            if let oc = try? company.change(from: change.baseline.year, to: change.latest.year, criteria: other, in: change.latest.report) {
                let opct = oc.change * 100
                est.steps.append(.init("change_\(other == .management ? "management" : "ghg_protocol")", "The same change\(Self.rulesNamed(other)), from the same report", .text((opct >= 0 ? "+" : "") + Self.number(opct) + " %"),
                                       how: "\(oc.latest.mass.formatted(unit: "t")) / \(oc.baseline.mass.formatted(unit: "t")) − 1",
                                       citations: [Citation(source: oc.latest.source.id, at: oc.latest.origin), Citation(source: oc.baseline.source.id, at: oc.baseline.origin)]))
            }
            // The same change with scope 2 location-based (the grid's emissions) in both years, from the same report.
            if let lb = company.locationBasedEquivalent(of: change.baseline), let ll = company.locationBasedEquivalent(of: change.latest) {
                let lpct = (ll.tonnes / lb.tonnes - 1) * 100
                est.steps.append(.init("change_location_based", "The same change with scope 2 location-based", .text((lpct >= 0 ? "+" : "") + Self.number(lpct) + " %"),
                                       how: "(\(change.latest.mass.formatted(unit: "t")) − \(ll.market.mass.formatted(unit: "t")) + \(ll.location.mass.formatted(unit: "t"))) / (\(change.baseline.mass.formatted(unit: "t")) − \(lb.market.mass.formatted(unit: "t")) + \(lb.location.mass.formatted(unit: "t"))) − 1",
                                       citations: [Citation(source: ll.location.source.id, at: ll.location.origin), Citation(source: lb.location.source.id, at: lb.location.origin)]))
            }
            est.warn("market_based", "The totals are market-based, as the company states them. " + marketBasedWarning)
            let forced: String?
            if change.latest.year != year {
                forced = "the claim is about \(company.displayName)'s \(year) total\(wantedReport.map { " in \($0)" } ?? ""), which is not in the bundled inventory (its latest year is \(change.latest.yearLabel), from \(change.latest.report): \(text) against \(change.baseline.yearLabel))"
            } else if let wantedReport, wantedReport != change.latest.report {
                forced = "the claim belongs to \(wantedReport), which is not bundled; the bundled \(change.latest.report) gives \(text) for \(change.latest.yearLabel) against \(change.baseline.yearLabel)"
            } else {
                forced = nil
            }
            return Outcome(figure: .share(Figure(Spread(Interval(change.change)))), recomputed: Interval(pct), text: text,
                           how: "the bundled inventory's totals\(Self.rules(criteria)), both from \(change.latest.report)", forced: forced)
        case "company_share":
            let catalog = try CompanyCatalog.bundled
            let company = try catalog.company(try parameter("company"))
            let criteria = try criteriaParameter()
            guard let year = company.years.last, let s = company.scope3Share(year, criteria: criteria) else {
                return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "no scope 3 and total are bundled for \(try parameter("company"))")
            }
            for f in [s.scope3, s.total] {
                est.cite(f.source)
                est.steps.append(.init("\(f.scope.rawValue)_\(f.year)", "\(company.displayName) \(f.scope == .total ? "total" : "scope " + f.scope.rawValue), \(f.yearLabel) (\(f.report)\(Self.rules(f.criteria)))", Value(f.mass, unit: "t"),
                                       how: "disclosed inventory", citations: [Citation(source: f.source.id, at: "\(f.page) (\(f.origin))")]))
            }
            let otherRules: InventoryFigure.Criteria = criteria == .management ? .ghgProtocol : .management
            if let o = company.scope3Share(year, criteria: otherRules), o.total.report == s.total.report {
                est.steps.append(.init("share_\(otherRules == .management ? "management" : "ghg_protocol")", "Scope 3 share\(Self.rulesNamed(otherRules)), \(o.total.yearLabel)", .text(Share.fraction(o.share).formatted()),
                                       how: "\(o.scope3.mass.formatted(unit: "t")) / \(o.total.mass.formatted(unit: "t"))",
                                       citations: [Citation(source: o.scope3.source.id, at: o.scope3.origin), Citation(source: o.total.source.id, at: o.total.origin)]))
            }
            if let le = company.locationBasedEquivalent(of: s.total) {
                est.steps.append(.init("share_location_based", "Scope 3 share with scope 2 location-based, \(s.total.yearLabel)", .text(Share.fraction(s.scope3.mass.tonnes / le.tonnes).formatted()),
                                       how: "\(s.scope3.mass.formatted(unit: "t")) / (\(s.total.mass.formatted(unit: "t")) − \(le.market.mass.formatted(unit: "t")) + \(le.location.mass.formatted(unit: "t")))",
                                       citations: [Citation(source: le.location.source.id, at: le.location.origin)]))
            }
            est.warn("market_based", "The total is market-based, as the company states it; with scope 2 location-based the scope 3 share is lower. " + marketBasedWarning)
            if let y = parameters["year"].flatMap(Int.init), y != year {
                est.warn("year_differs", "The claim concerns \(y); the bundled inventory's latest year is \(s.total.yearLabel), so the share is that year's.")
            }
            let pct = s.share * 100
            return Outcome(figure: .share(Figure(Spread(Interval(s.share)))), recomputed: Interval(min(pct, claimed), pct), text: Share.fraction(s.share).formatted(),
                           how: "scope 3 / total, \(s.total.yearLabel)", bound: "the recomputed \(Self.number(pct)) % is at least the claimed \(Self.number(claimed)) %")
        case "dc_ratio":
            let catalog = try CompanyCatalog.bundled
            let names = try parameter("companies").split(separator: "+").map { String($0).trimmingSpaces.lowercased() }
            guard let from = Int(try parameter("from")), let to = Int(try parameter("to")), to >= from else {
                throw CO2eError.data("claim \(id): from and to must be years, from not after to", file: originFile, line: originLine)
            }
            let (ratio, missing) = catalog.dataCentreRatio(companies: names, years: from...to)
            for (l, m) in zip(ratio.location, ratio.market) {
                est.cite(l.source)
                let r = l.mass.tonnes / m.mass.tonnes
                est.steps.append(.init("dc_\(l.company)_\(l.year)", "\(l.company.prefix(1).uppercased() + l.company.dropFirst()) \(l.year) in-house data centres, location / market",
                                       .text(Self.number(r) + "x"), how: "\(l.mass.formatted(unit: "t")) / \(m.mass.formatted(unit: "t"))",
                                       citations: [Citation(source: l.source.id, at: l.origin), Citation(source: m.source.id, at: m.origin)]))
            }
            est.warn("market_based", marketBasedWarning)
            guard !ratio.location.isEmpty else {
                return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "no in-house data-centre figures are bundled for \(names.joined(separator: ", ")) in \(from)–\(to)")
            }
            let text = Self.number(ratio.ratio) + "x"
            let forced: String? = missing.isEmpty ? nil
                : "the ratio over what is bundled (\(ratio.location.count) of \(names.count * (to - from + 1)) company-years) is \(text); the Guardian's figure needs the data-centre figures of \(missing.joined(separator: ", ")), not bundled"
            return Outcome(figure: .ratio(Figure(Spread(Interval(ratio.ratio)))), recomputed: Interval(ratio.ratio), text: text,
                           how: "Σ location-based / Σ market-based over the bundled in-house data-centre figures", forced: forced)
        default: // reported
            return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: parameters["reason"] ?? "co2e has no model for it")
        }
    }

    /// The companies' location-based totals of one year, summed, ranked among countries by each
    /// bundled measure (CO2, total GHG with and without land use).
    private func countryRank(into est: inout Estimate) throws -> Outcome {
        let catalog = try CompanyCatalog.bundled
        let names = try parameter("companies").split(separator: "+").map { String($0).trimmingSpaces.lowercased() }
        guard let year = Int(try parameter("year")) else { throw CO2eError.data("claim \(id): year must be a year", file: originFile, line: originLine) }
        var sum = 0.0, gaps: [String] = []
        // Where a company's scope 2 location-based is missing, its market-based figure from the same
        // report, for a sum that leaves out less (never the verdict's figure).
        var stand: [InventoryFigure] = []
        for name in names {
            let company = try? catalog.company(name)
            let (parts, missing) = company?.locationBasedTotal(year) ?? ([], ["every scope (no bundled inventory)"])
            if missing == ["scope 2 location-based"], let c = company, let r = c.report(for: year), let m = c.figure(year, .two, .market, report: r) { stand.append(m) }
            for f in parts {
                est.cite(f.source)
                sum += f.mass.tonnes
                let scope = f.scope == .two ? "scope 2 location-based" : f.scope == .total ? "location-based total, as the company states it" : "scope \(f.scope.rawValue)"
                est.steps.append(.init("\(name)_\(f.scope.rawValue)", "\(company?.displayName ?? name) \(f.yearLabel) \(scope) (\(f.report))", Value(f.mass, unit: "t"),
                                       how: "disclosed inventory", citations: [Citation(source: f.source.id, at: "\(f.page) (\(f.origin))")]))
            }
            if !missing.isEmpty { gaps.append("\(name): \(missing.joined(separator: ", "))") }
        }
        let total = Mass.tonnes(sum)
        est.steps.append(.init("companies_total", "The companies' \(year) location-based total\(gaps.isEmpty ? "" : " (partial)")", Value(total, unit: "Mt"),
                               how: "Σ scope 1 + scope 2 location-based + scope 3 over the figures above (a company's own location-based total where its report states one)"))
        let rows = try CountryCatalog.rows(year: year)
        guard let first = rows.first else {
            return Outcome(recomputed: Interval(.nan), text: nil, how: "", forced: "no national emissions for \(year) are bundled")
        }
        est.cite(first.source)
        let aggregates = rows.filter { $0.isoCode.isEmpty }.count
        est.assume("aggregates", "Countries are the rows of \(CountryCatalog.path) with an ISO code; its \(aggregates) rows without one (World, continents, income groups, international transport, and Kosovo, which OWID gives no code) are left out.")
        var ranks: [CountryRank] = []
        for m in CountryMeasure.allCases {
            let r = CountryCatalog.rank(total, among: rows, by: m)
            ranks.append(r)
            func name(_ c: CountryEmissions?) -> String { c.map { "\($0.country) \($0.values[m]!.formatted(unit: "Mt"))" } ?? "none" }
            est.steps.append(.init("rank_\(m.rawValue)", "Rank by \(m.label), \(year)", .text("\(r.rank) (among \(r.countries) countries)"),
                                   how: "between \(name(r.above)) and \(name(r.below)) (OWID column \(m.rawValue.replacingAll("_mt", with: "")))",
                                   citations: [Citation(source: first.source.id, at: CountryCatalog.path)]))
        }
        if !gaps.isEmpty, stand.count == gaps.count {
            // Every gap is a location-based scope 2 with a market-based figure beside it.
            let with = Mass.tonnes(sum + stand.reduce(0) { $0 + $1.mass.tonnes })
            let rs = CountryMeasure.allCases.map { CountryCatalog.rank(with, among: rows, by: $0) }
            let lo = rs.map(\.rank).min()!, hi = rs.map(\.rank).max()!
            let names = stand.map { "\($0.company.prefix(1).uppercased() + $0.company.dropFirst()) \($0.yearLabel) \($0.mass.formatted(unit: "t"))" }.joined(separator: ", ")
            let byCO2 = rs.first { $0.measure == .co2 }!
            est.steps.append(.init("with_market_based_in_gaps", "With the market-based scope 2 where the location-based is missing", .text(lo == hi ? "\(lo)" : "\(lo)–\(hi)"),
                                   how: "\(total.formatted(unit: "Mt")) + \(names) = \(with.formatted(unit: "Mt")); by CO2 between \(byCO2.above.map { "\($0.country) \($0.values[.co2]!.formatted(unit: "Mt"))" } ?? "none") and \(byCO2.below.map { "\($0.country) \($0.values[.co2]!.formatted(unit: "Mt"))" } ?? "none"); market-based figures, so not the claim's measure",
                                   citations: stand.map { Citation(source: $0.source.id, at: "\($0.page) (\($0.origin))") }))
            est.assume("market_in_gaps", "The step with market-based scope 2 in the gaps is not the claim's measure: it assumes those companies' location-based scope 2 is at least their market-based figure, as it is for every company here that gives both; it does not decide the verdict.")
        }
        est.warn("market_based", "The sum is location-based (scope 2 as the grids emitted it); the companies' stated market-based totals are lower. " + marketBasedWarning)
        est.warn("rank_depends_on_measure", "The rank depends on the measure and on the dataset's release: by CO2 alone a country's figure leaves out methane, nitrous oxide and land use, while the companies' totals are CO2e over all three scopes. Say which measure a rank is by.")
        let lo = Double(ranks.map(\.rank).min()!), hi = Double(ranks.map(\.rank).max()!)
        let text = lo == hi ? NumberText.exact(lo) : "\(NumberText.exact(lo))–\(NumberText.exact(hi))"
        let forced: String? = gaps.isEmpty ? nil
            : "partial: the bundled inventories lack \(gaps.joined(separator: "; ")); the sum of what is bundled, \(total.formatted(unit: "Mt")), would rank \(text) (a lower bound on the companies' emissions, so their true rank is this or higher)"
        return Outcome(figure: .count(Figure(Spread(Interval(lo, hi)))), recomputed: Interval(lo, hi),
                       text: gaps.isEmpty ? "\(text) among countries" : "\(text) among countries on a partial sum (the full sum ranks higher)",
                       how: "the companies' summed \(year) location-based total against the bundled national emissions, by CO2 and by total GHG with and without land use", forced: forced)
    }

    /// The optional `criteria` parameter: the rules a company figure is counted by.
    private func criteriaParameter() throws -> InventoryFigure.Criteria {
        let text = parameters["criteria"] ?? ""
        guard let c = InventoryFigure.Criteria(rawValue: text == "ghg_protocol" ? "" : text) else {
            throw CO2eError.data("claim \(id): criteria '\(EchoedText.value(text))' is not a counting rule (accepted: ghg_protocol, management)", file: originFile, line: originLine)
        }
        return c
    }

    /// ", management's criteria" for a figure counted by the company's own rules; empty for the GHG Protocol.
    static func rules(_ c: InventoryFigure.Criteria) -> String { c == .management ? ", management's criteria" : "" }

    /// The rules named either way (", counted by the GHG Protocol" too), for a step set beside the other rules' figure.
    static func rulesNamed(_ c: InventoryFigure.Criteria) -> String { c == .management ? ", management's criteria" : ", counted by the GHG Protocol" }

    private func verdictHow(_ v: Verdict) -> String {
        switch v {
        case .holds: return "the claimed \(Self.number(claimed)) \(claimedUnit) is within \(Self.number(tolerancePercent)) % of the recomputation"
        case let .offBy(f):
            let beyond = "beyond the \(Self.number(tolerancePercent)) % tolerance"
            return f.upper < 1 ? "the claimed \(Self.number(claimed)) \(claimedUnit) is \(v.summary.dropLast(" too high".count)) the recomputation, \(beyond)"
                : "the recomputation is \(v.summary.dropLast(" too low".count)) the claimed \(Self.number(claimed)) \(claimedUnit), \(beyond)"
        case let .notCheckable(why): return why
        }
    }

    package static func number(_ x: Double, digits: Int = 6) -> String { NumberText.format(x, significantDigits: digits) }

    static func money(_ i: Interval) -> String { Quantity<MoneyDimension<USD>>.format(i) }
}

