import CO2eKit

/// `co2e net`: emissions against a portfolio's removals, year by year.
struct NetCommand: Command {
    static let name = "net"
    static let abstract = "Emissions against removals delivered per year: net, cumulative, share covered; durable and nature-based apart."
    static let discussion = """
    EMISSIONS, one of:
      --emissions RATE [--growth G]     a rate in the --from year, growing yearly: 15Mt/y, 5%/y
      --emissions-by-year LIST          a figure per year: 2025:15Mt,2026:16Mt (missing years count 0)
      --company NAME [--growth G]       a company's disclosed inventory (see 'co2e company --list'): its
                                        total of scope 1 + scope 2 market-based + scope 3 for each
                                        disclosed year, then the last one growing at G (default 0%/y)

    GOAL (optional): --goal carbon-negative|net-zero, set against the --to year: the removals that
    year needs (its emissions), the shortfall with all removals and with durable ones only.

    EXAMPLES:
      co2e net --emissions 15Mt/y --growth 5%/y --portfolio microsoft --from 2025 --to 2040
      co2e net --emissions 12..15Mt/y --deal vaulted-deep-2025 --deal 1pointfive-2024 --from 2026 --to 2031
      co2e net --company microsoft --portfolio microsoft --to 2030 --goal carbon-negative
      co2e net --company microsoft --growth 5..10%/y --portfolio microsoft --to 2030 --goal carbon-negative
    """

    static let emissions = Option<Uncertain<Per<MassDimension, DurationDimension>>>.quantity("emissions", "RATE", "Emissions per year in the --from year: 15Mt/y, or a range 12..15Mt/y.")
    static let byYear = Option<[Int: Uncertain<MassDimension>]>("emissions-by-year", "LIST", "Emissions year by year: 2025:15Mt,2026:16Mt.", parse: parseYears)
    static let growth = Option<Uncertain<GrowthDimension>>.quantity("growth", "RATE", "Yearly growth of --emissions, or of --company's emissions after its last disclosed year: 5%/y, or a range 3..8%/y (default 0%/y).")
    static let company = Option<String>("company", "NAME", "Emissions from a company's disclosed inventory (microsoft; see 'co2e company --list').")
    static let goal = Option<NetGoal>("goal", "GOAL", "A goal for the --to year: carbon-negative or net-zero.") { try NetGoal.parse($0) }
    static let portfolio = Option<String>("portfolio", "BUYER", "The deals of one buyer (microsoft, amazon, meta, google), or 'all'.")
    static let deal = Option<String>("deal", "ID", "A deal to count (instead of --portfolio).", repeatable: true)
    static let dealsFile = Option<String>("deals", "FILE", "Read deals from FILE (columns of data/removals/deals.csv) instead of the bundled ones; alone, every deal in it is counted.")
    static let from = Option<Int>("from", "YEAR", "First year (default 2025; with --company, its first disclosed year).") { try Year.parse($0) }
    static let to = Option<Int>("to", "YEAR", "Last year, included (default 2040).") { try Year.parse($0) }

    static var options: [any OptionDeclaration] { [emissions, byYear, company, growth, portfolio, deal, dealsFile, from, to, goal] }
    static var rules: [Rule] {
        [.oneOf([emissions, byYear, company], hint: "e.g. --emissions 15Mt/y or --company microsoft"), .oneOf([portfolio, deal], required: false),
         .conflicts(growth, byYear, because: "growth applies to a base rate or to a company's last disclosed year")]
    }

    static func run(_ a: Arguments) throws -> Output {
        let inventory = try a.text(company).map { try CompanyCatalog.bundled.company($0) }
        let first = try a.value(from) ?? (try inventory?.disclosedTotals().first?.year ?? 2025)
        let last = try a.value(to) ?? 2040
        guard last >= first else {
            throw CO2eError(.invalidInput, "is before --from \(first)", field: "to", value: String(last), accepted: "a year from \(first) on")
        }
        let catalog = try RemovalsCommand.catalog(a, dealsFile)
        let deals: [RemovalDeal]
        let name: String
        // The deals: a buyer's, or those named, from the bundled catalogue or --deals FILE; or,
        // with --deals FILE alone, every deal in the file.
        let file = a.text(dealsFile).map { "'\(EchoedText.path($0))'" }
        if let p = a.text(portfolio) {
            deals = try catalog.portfolio(p)
            let buyer = p.trimmingSpaces.lowercased() == "all" ? "all" : (deals.first?.buyer ?? p)
            name = buyer == "all" ? (file ?? "all bundled") : buyer + (file.map { " (\($0))" } ?? "")
        } else if a.has(deal) {
            deals = try a.all(deal).map { try catalog.deal($0) }
            name = "selected"
        } else if let file {
            deals = try catalog.deals()
            name = file
        } else {
            throw CO2eError.input("give \(portfolio.usage) or \(deal.usage), or \(dealsFile.usage) for every deal in a file (e.g. --portfolio microsoft)", code: .missingOption)
        }
        let position: NetPosition
        if let inventory {
            position = try NetPosition.company(inventory, growth: try a.value(growth), deals: deals, years: first...last, portfolio: name, goal: try a.value(goal))
        } else {
            let path: EmissionsPath
            if let rate = try a.value(emissions) {
                path = .growth(base: rate, growth: try a.value(growth) ?? .exact(.zero), baseYear: first)
            } else {
                path = .perYear(try a.value(byYear)!)
            }
            var p = NetPosition(emissions: path, deals: deals, years: first...last, portfolio: name)
            p.goal = try a.value(goal)
            position = p
        }
        return .estimate(try position.estimate())
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
