import CO2eKit

/// `co2e company`: companies' disclosed inventories, by year, by category, side by side.
struct CompanyCommand: Command {
    static let name = "company"
    static let abstract = "Companies' disclosed emissions: scope 1, 2 (location and market), 3 by year, change against a baseline, each figure with its report and page."
    static let discussion = """
    EXAMPLES:
      co2e company --list
      co2e company microsoft
      co2e company microsoft --scope 3 --by category
      co2e company microsoft google meta amazon apple --year 2022 --compare
      co2e company microsoft --json
    """
    static let positionals = [Positional(name: "COMPANY", help: "A company (see --list); several with --compare.", optional: true, variadic: true)]
    static let list = Flag("list", "List the companies with a bundled inventory, their years and reports.")
    static let compare = Flag("compare", "Several companies side by side for one --year.")
    static let year = Option<Int>("year", "YEAR", "The year (with --compare), or the last year shown.") { try Year.parse($0) }
    static let baseline = Option<Int>("baseline", "YEAR", "The year the change is measured against (default 2020, Microsoft's baseline year).") { try Year.parse($0) }
    static let scope = Option<String>("scope", "SCOPE", "With --by category: the scope (3).")
    static let by = Option<String>("by", "WHAT", "Break a scope down: category.")
    static let file = Option<String>("file", "FILE", "Read inventories from FILE (columns of data/companies/inventories.csv) instead of the bundled ones.")
    static var options: [any OptionDeclaration] { [list, compare, year, baseline, scope, by, file] }
    static var rules: [Rule] {
        [.requires(compare, year, because: "a side-by-side is for one year"),
         .requires(scope, by, because: "the summary shows every scope; --scope picks the one to break down")]
    }

    static func run(_ a: Arguments) throws -> Output {
        let catalog: CompanyCatalog
        if let path = a.text(file) { catalog = try CompanyCatalog.parse(bytes: FileIO.read(path), origin: path) } else { catalog = try CompanyCatalog.bundled }
        if a[list] {
            var rows: [[String]] = []
            var items: [JSONValue] = []
            for name in catalog.companies {
                let c = try catalog.company(name)
                let yrs = c.years
                let yearsText = yrs.isEmpty ? "data centres only" : "\(yrs.first!)–\(yrs.last!)"
                rows.append([name, yearsText, c.reports.joined(separator: ", ")])
                items.append(.object([("company", .string(name)), ("years", .array(yrs.map { .number(Double($0)) })), ("reports", .array(c.reports.map { .string($0) }))]))
            }
            return .listing(Listing([.line("\(rows.count) companies with a bundled inventory ('co2e company NAME' shows one):"),
                                     .columns(header: ["Company", "Years", "Reports"], rows: rows)], json: .array(items)))
        }
        let names = a.positionals
        guard !names.isEmpty else { throw CO2eError.input("give a COMPANY (e.g. 'co2e company microsoft'), or --list") }
        if a[compare] {
            return .estimate(try catalog.compare(names, year: try a.value(year)!))
        }
        guard names.count == 1 else {
            throw CO2eError(.invalidInput, "are several companies; add --compare and --year to show them side by side", field: "company", value: names.joined(separator: " "))
        }
        let c = try catalog.company(names[0])
        if let s = a.text(scope) {
            guard let sc = InventoryFigure.Scope(rawValue: s), sc != .total else {
                throw CO2eError(.invalidInput, "is not a scope", field: "scope", value: s, accepted: "1, 2, 3")
            }
            try c.requireScope(sc)
        }
        if let b = a.text(by) {
            guard b == "category" else { throw CO2eError(.invalidInput, "is not a breakdown", field: "by", value: b, accepted: "category") }
            guard a.text(scope) == "3" else { throw CO2eError(.invalidInput, "needs --scope 3: categories are scope 3's", field: "by", value: b) }
            return .estimate(try c.scope3ByCategory())
        }
        if let y = try a.value(year) { try c.requireYear(y) }
        if let b = try a.value(baseline) { try c.requireYear(b, field: baseline.field) }
        // The bundled targets go with the bundled inventories only, not with a user's --file.
        let targets = a.text(file) == nil ? try CompanyTargets.bundled.of(c.name) : []
        return .estimate(try c.summary(baseline: try a.value(baseline) ?? 2020, through: try a.value(year), targets: targets))
    }
}
