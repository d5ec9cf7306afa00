import CO2eKit

/// `co2e check`: redo a published claim with co2e's models and say whether it holds.
struct CheckCommand: Command {
    static let name = "check"
    static let abstract = "Redo a published claim (who said it, where, when) with co2e's own models: the recomputation and a verdict."
    static let discussion = """
    EXAMPLES:
      co2e check --list
      co2e check gpt4-training-cars
      co2e check vaulted-deep-49mt
    """
    static let positionals = [Positional(name: "CLAIM", help: "The claim's id (see --list).", optional: true)]
    static let list = Flag("list", "List the claims co2e can redo, with their verdicts.")
    static var options: [any OptionDeclaration] { [list] }

    static func run(_ a: Arguments) throws -> Output {
        if a[list] {
            guard a.positionals.isEmpty else { throw CO2eError(.invalidInput, "takes no CLAIM", field: "list") }
            let claims = try Claims.all()
            var rows = [["Claim", "Who", "When", "Statement", "Verdict"]]
            var items: [JSONValue] = []
            for c in claims {
                let verdict = try c.check().result("verdict")?.value.text ?? ""
                rows.append([c.id, c.who, c.when, c.statement, verdict])
                items.append(.object([("id", .string(c.id)), ("who", .string(c.who)), ("when", .string(c.when)),
                                      ("statement", .string(c.statement)), ("verdict", .string(verdict)), ("source", c.source.json)]))
            }
            return .listing(Listing([.line("\(claims.count) claims ('co2e check CLAIM' redoes one):"),
                                     .columns(header: rows[0], rows: Array(rows.dropFirst()))],
                                    json: .array(items)))
        }
        guard let id = a.positionals.first else { throw CO2eError.input("give a CLAIM (e.g. 'co2e check gpt4-training-cars'), or --list") }
        let estimate = try Claims.claim(id).check()
        return .estimate(estimate)
    }
}
