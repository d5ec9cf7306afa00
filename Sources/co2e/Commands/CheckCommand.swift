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
    static let json = Flag("json", "Print JSON.")
    static var options: [any OptionDeclaration] { [list, json] }

    static func run(_ a: Arguments, _ console: Console) throws {
        if a[list] {
            guard a.positionals.isEmpty else { throw CO2eError(.invalidInput, "takes no CLAIM", field: "list") }
            let claims = try Claims.all()
            // One line per claim (id, when, verdict), then its statement and who said it,
            // wrapped, so the listing fits 100 columns.
            let width = min(console.width, 100)
            var rows = [["Claim", "When", "Verdict"]]
            var details: [[String]] = [[]]
            var items: [JSONValue] = []
            for c in claims {
                let verdict = try c.check().verdict.summary
                rows.append([c.id, c.when, verdict])
                details.append(Wrap.lines("“\(c.statement)”", width: width - 6) + Wrap.lines(c.who, width: width - 6))
                items.append(.object([("id", .string(c.id)), ("who", .string(c.who)), ("when", .string(c.when)),
                                      ("statement", .string(c.statement)), ("verdict", .string(verdict)), ("source", c.source.json)]))
            }
            let lines = Rendering.columns(rows).split(separator: "\n").map(String.init)
            var text = "\(claims.count) claims ('co2e check CLAIM' redoes one):\n"
            for (line, more) in zip(lines, details) {
                text += line + "\n" + more.map { "      " + $0 + "\n" }.joined()
            }
            console.out(a[json] ? JSONValue.array(items).prettySerialized() + "\n" : text)
            return
        }
        guard let id = a.positionals.first else { throw CO2eError.input("give a CLAIM (e.g. 'co2e check gpt4-training-cars'), or --list") }
        let estimate = try Claims.claim(id).check().trail
        console.out(a[json] ? estimate.json.prettySerialized() + "\n" : Rendering.text(estimate, width: console.width))
    }
}
