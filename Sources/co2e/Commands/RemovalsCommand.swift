import CO2eKit

/// `co2e removals`: the bundled carbon-removal deals, or one deal in full.
struct RemovalsCommand: Command {
    static let name = "removals"
    static let abstract = "Carbon-removal deals: tonnes, years, method, durability, price basis, each with its source."
    static let discussion = """
    EXAMPLES:
      co2e removals --list
      co2e removals --deal vaulted-deep-2025
      co2e removals --deals my-deals.csv --list     # your own deals, same columns as data/removals/deals.csv
    """

    static let list = Flag("list", "List every deal.")
    static let deal = Option<String>("deal", "ID", "Show one deal: tonnes contracted and delivered, schedule, t/year, method, durability, price and its basis.")
    static let dealsFile = Option<String>("deals", "FILE", "Read deals from FILE (columns of data/removals/deals.csv) instead of the bundled ones.")

    static var options: [any OptionDeclaration] { [list, deal, dealsFile] }
    static var rules: [Rule] { [.oneOf([list, deal], hint: "--list to see them all")] }

    static func catalog(_ a: Arguments, _ option: Option<String>) throws -> DealCatalog {
        guard let path = a.text(option) else { return try DealCatalog.bundled }
        return try DealCatalog.parse(bytes: FileIO.read(path), origin: path)
    }

    static func run(_ a: Arguments) throws -> Output {
        let catalog = try catalog(a, dealsFile)
        if let id = a.text(deal) {
            let estimate = try catalog.deal(id).estimate()
            return .estimate(estimate)
        }
        let deals = try catalog.deals()
        let json = JSONValue.array(deals.map { d in
                .object([("id", .string(d.id)), ("buyer", .string(d.buyer)), ("supplier", .string(d.supplier)), ("method", .string(d.method.rawValue)),
                         ("durability", .string(d.durability.rawValue)), ("contracted_t", .number(d.contracted.tonnes)),
                         ("start_year", .number(Double(d.startYear))), ("end_year", .number(Double(d.endYear))),
                         ("price_basis", .string(d.priceBasis.rawValue)), ("source", d.source.json), ("origin", .string(d.origin)),
                         ("read", d.read.map { .string($0.rawValue) } ?? .null)])
        })
        var rows: [[String]] = []
        for d in deals {
            rows.append([d.id, "\(d.buyer) from \(d.supplier)",
                         "\(d.method.rawValue), \(d.durability.isDurable ? "durable" : "nature-based")",
                         "\(d.contracted.formatted()), \(d.startYear)–\(d.endYear - 1) (\(d.years) y); price \(String(d.priceBasis.rawValue.map { $0 == "_" ? " " : $0 }))",
                         d.source.id + (d.read == .secondary ? " (secondary)" : "")])
        }
        return .listing(Listing([.line("\(deals.count) removal deal\(deals.count == 1 ? "" : "s") ('co2e removals --deal ID' shows one in full):"),
                                 .columns(header: ["Deal", "Buyer and supplier", "Method", "Contracted, years, price", "Source"], rows: rows)], json: json))
    }
}
