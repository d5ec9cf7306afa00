import CO2eKit

/// One renderer per format. Each turns any command's `Output` into the text written to standard
/// output; the CLI picks one from the options, once.
protocol Renderer {
    /// The text of `body`.
    func render(_ body: Output.Body) throws -> String
}

/// Text for people: an estimate's trail in aligned columns, wrapped to the terminal's width, a
/// listing's lines and columns. Text from inputs (region names, titles, ids) has its control
/// characters escaped, so a file cannot clear the screen or forge a line.
struct TextRenderer: Renderer {
    var width: Int
    /// The headline figures only.
    var summary = false

    func render(_ body: Output.Body) throws -> String {
        if summary, case .listing = body { throw Refusal.noEstimate(OutputOptions.summary, Refusal.list) }
        if summary, case .document = body { throw Refusal.noEstimate(OutputOptions.summary, Refusal.document) }
        switch body {
        case let .estimate(e): return summary ? Rendering.summary(e, width: width) : Rendering.text(e, width: width)
        case let .listing(l): return Rendering.listing(l, width: width)
        case let .document(text): return text
        case let .written(_, summary): return summary.map { Rendering.safe($0) + "\n" }.joined()
        case let .measured(line, e): return summary ? Rendering.summary(e, width: width) : line
        }
    }
}

/// An output option refused for what the command gives, before anything is written.
enum Refusal {
    static let document = "a document that is written as it is (a YAML manifest, partial results)"
    static let list = "a list"

    static func noEstimate(_ option: any OptionDeclaration, _ gives: String, value: String? = nil) -> CO2eError {
        CO2eError(.invalidInput, "needs a command that gives an estimate; this one gives \(gives)", code: .invalidValue, field: option.field, value: value)
    }
}

/// JSON for programs: an estimate's whole trail (or with `summary` its results), a listing's
/// items; pretty-printed, one document.
struct JSONRenderer: Renderer {
    var summary = false

    func render(_ body: Output.Body) throws -> String {
        switch body {
        case let .estimate(e), let .written(e, _): return (summary ? Rendering.summaryJSON(e) : e.json).prettySerialized() + "\n"
        case let .listing(l):
            if summary { throw Refusal.noEstimate(OutputOptions.summary, Refusal.list) }
            return l.json.prettySerialized() + "\n"
        case .document: throw Refusal.noEstimate(OutputOptions.json, Refusal.document)
        case let .measured(line, e): return summary ? Rendering.summaryJSON(e).prettySerialized() + "\n" : line
        }
    }
}

/// CSV for spreadsheets: an estimate's steps and results as rows (`part,section,key,label,
/// value,low,high,unit`; numbers in the unit JSON reports, exact as computed), then each of its
/// tables after an empty line; a listing's blocks of columns, each with its header. On a
/// terminal, control characters from inputs are escaped as in text.
struct CSVRenderer: Renderer {
    /// Escape control characters (standard output is a terminal).
    var escapeControls = false

    func render(_ body: Output.Body) throws -> String {
        switch body {
        case let .estimate(e), let .written(e, _): return clean(Rendering.csv(e))
        case let .listing(l):
            var blocks: [String] = []
            for case let .columns(header, rows) in l.blocks {
                var out = header.map { CSV.line($0) } ?? ""
                for r in rows { out += CSV.line(r) }
                blocks.append(out)
            }
            return clean(blocks.joined(separator: "\n"))
        case .document: throw Refusal.noEstimate(OutputOptions.csv, Refusal.document)
        case let .measured(_, e): return clean(Rendering.csv(e))
        }
    }

    private func clean(_ text: String) -> String {
        guard escapeControls else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { EchoedText.escaped($0) }.joined(separator: "\n")
    }
}

/// `--value KEY`: one figure of an estimate as a number and its unit, for scripts: the value
/// (the middle of a range, Monte Carlo percentiles as their median), or with `KEY:low`,
/// `KEY:high` or `KEY:central` one number always. A key in a part is `part.key` (`grid_2.
/// location_based`), or the key alone when one part only has it.
struct ValueRenderer: Renderer {
    var key: String

    func render(_ body: Output.Body) throws -> String {
        let e: Estimate
        switch body {
        case let .estimate(x), let .written(x, _), let .measured(_, x): e = x
        case .listing: throw Refusal.noEstimate(OutputOptions.value, Refusal.list, value: key)
        case .document: throw Refusal.noEstimate(OutputOptions.value, Refusal.document, value: key)
        }
        // KEY, or KEY:low, KEY:high, KEY:central for one end of a range.
        var figure = key, end: String?
        if let colon = key.lastIndex(of: ":") {
            figure = String(key[..<colon])
            end = String(key[key.index(after: colon)...])
            guard ["low", "high", "central"].contains(end!) else {
                throw CO2eError(.invalidInput, "asks for '\(EchoedText.value(end!))' of a figure", code: .invalidValue, field: "value",
                                value: key, accepted: "KEY, KEY:low, KEY:high or KEY:central")
            }
        }
        guard let step = Rendering.find(figure, in: e), step.value.isNumeric else {
            throw CO2eError(.invalidInput, "is not a figure of this estimate", code: .unknownID, field: "value", value: figure,
                            accepted: Rendering.keys(of: e).joined(separator: ", "))
        }
        let unit = step.value.unit.isEmpty ? "" : " " + step.value.unit
        let spread = step.value.spread
        let lo = spread.interval.lower, hi = spread.interval.upper
        var central: Double {
            switch spread {
            case let .exact(x): return x
            case let .bounds(a, b): return (a + b) / 2
            case let .percentiles(p): return p.values.first { $0.percent == 50 }?.value ?? p.mean
            }
        }
        switch end {
        case "low": return NumberText.exact(lo) + unit + "\n"
        case "high": return NumberText.exact(hi) + unit + "\n"
        case "central": return NumberText.exact(central) + unit + "\n"
        default:
            // One number always, so a script can read it: the central value (a range's middle,
            // the median of samples); the ends are asked for by name.
            return NumberText.exact(central) + unit + "\n"
        }
    }
}
