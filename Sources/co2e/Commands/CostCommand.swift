import CO2eKit

/// `co2e cost`: what removing an amount of emissions costs with a method, and the 45Q credit.
struct CostCommand: Command {
    static let name = "cost"
    static let abstract = "What removing emissions costs with a method: published prices per tonne, and the US 45Q credit where it applies."
    static let discussion = """
    EXAMPLES:
      co2e cost --emissions 22kt --method dac
      co2e cost --emissions 22kt --method dac --route utilisation --in-service 2026-01-01
      co2e cost --emissions 4.9Mt --method bicrs
      co2e cost --emissions 22kt --method reforestation --price 10..50/t
    """

    static let emissions = Option<Uncertain<MassDimension>>.quantity("emissions", "MASS", "Emissions to remove: 22kt, 19177t, or a range 19..23kt.")
    static let method = Option<RemovalMethod>("method", "METHOD", "Removal method: \(RemovalMethod.accepted).") { try RemovalMethod.parse($0) }
    static let price = Option<Uncertain<MoneyPerMassDimension>>.quantity("price", "PRICE", "Your own price per tonne instead of the bundled ones: $350/t, or a range $600..1,000/t.")
    static let route = Option<String>("route", "ROUTE", "45Q storage route: geologic (default), utilisation, eor.")
    static let inService = Option<String>("in-service", "DATE", "Date the capture equipment is placed in service (YYYY-MM-DD); picks the 45Q law (default: the newest).")

    static var options: [any OptionDeclaration] { [emissions, method, price, route, inService] }
    static var rules: [Rule] { [.oneOf([emissions]), .oneOf([method])] }

    static func run(_ a: Arguments) throws -> Output {
        let cost = RemovalCost(emissions: try a.value(emissions)!, method: try a.value(method)!, price: try a.value(price),
                               route: a.text(route) ?? "geologic", placedInService: a.text(inService))
        let estimate = try cost.estimate()
        return .estimate(estimate)
    }
}
