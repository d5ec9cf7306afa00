import CO2eKit

/// `co2e net`: emissions against a portfolio's removals, year by year.
struct NetCommand: Command {
    static let name = "net"
    static let abstract = "Emissions against removals delivered per year: net, cumulative, share covered; durable and nature-based apart."
    static let discussion = """
    EMISSIONS, one of:
      --emissions RATE [--growth G]     a rate in the --from year, growing yearly: 15Mt/y, 5%/y
      --emissions-by-year LIST          a figure per year: 2025:15Mt,2026:16Mt (missing years count 0)

    EXAMPLES:
      co2e net --emissions 15Mt/y --growth 5%/y --portfolio microsoft --from 2025 --to 2040
      co2e net --emissions 12..15Mt/y --deal vaulted-deep-2025 --deal 1pointfive-2024 --from 2026 --to 2031
    """

    static let emissions = Option<Uncertain<Per<MassDimension, DurationDimension>>>.quantity("emissions", "RATE", "Emissions per year in the --from year: 15Mt/y, or a range 12..15Mt/y.")
    static let byYear = Option<[Int: Uncertain<MassDimension>]>("emissions-by-year", "LIST", "Emissions year by year: 2025:15Mt,2026:16Mt.", parse: parseYears)
    static let growth = Option<Uncertain<GrowthDimension>>.quantity("growth", "RATE", "Yearly growth of --emissions: 5%/y, or a range 3..8%/y (default 0%/y).")
    static let portfolio = Option<String>("portfolio", "BUYER", "The deals of one buyer (microsoft), or 'all'.")
    static let deal = Option<String>("deal", "ID", "A deal to count (instead of --portfolio).", repeatable: true)
    static let dealsFile = Option<String>("deals", "FILE", "Read deals from FILE (columns of data/removals/deals.csv).")
    static let from = Option<Int>("from", "YEAR", "First year (default 2025).") { try Year.parse($0) }
    static let to = Option<Int>("to", "YEAR", "Last year, included (default 2040).") { try Year.parse($0) }

    static var options: [any OptionDeclaration] { [emissions, byYear, growth, portfolio, deal, dealsFile, from, to] }
    static var rules: [Rule] {
        [.oneOf([emissions, byYear], hint: "e.g. --emissions 15Mt/y"), .oneOf([portfolio, deal], hint: "e.g. --portfolio microsoft"),
         .requires(growth, emissions, because: "growth applies to a base rate")]
    }

    static func run(_ a: Arguments) throws -> Output {
        let first = try a.value(from) ?? 2025
        let last = try a.value(to) ?? 2040
        guard last >= first else {
            throw CO2eError(.invalidInput, "is before --from \(first)", field: "to", value: String(last), accepted: "a year from \(first) on")
        }
        let catalog = try RemovalsCommand.catalog(a, dealsFile)
        let deals: [RemovalDeal]
        let name: String
        if let p = a.text(portfolio) {
            deals = try catalog.portfolio(p)
            name = p.lowercased() == "all" ? "all bundled" : (deals.first?.buyer ?? p)
        } else {
            deals = try a.all(deal).map { try catalog.deal($0) }
            name = "selected"
        }
        let path: EmissionsPath
        if let rate = try a.value(emissions) {
            path = .growth(base: rate, growth: try a.value(growth) ?? .exact(.zero), baseYear: first)
        } else {
            path = .perYear(try a.value(byYear)!)
        }
        let estimate = try NetPosition(emissions: path, deals: deals, years: first...last, portfolio: name).estimate()
        return .estimate(estimate)
    }

    @Sendable static func parseYears(_ text: String) throws -> [Int: Uncertain<MassDimension>] {
        var out: [Int: Uncertain<MassDimension>] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                throw CO2eError(.invalidInput, "is not YEAR:MASS", value: String(item), accepted: "a list such as 2025:15Mt,2026:16Mt")
            }
            let year = try Year.parse(String(parts[0]))
            guard out[year] == nil else { throw CO2eError(.invalidInput, "is given twice", value: String(year)) }
            out[year] = try Mass.parseRange(String(parts[1]))
        }
        return out
    }
}
