import CO2eKit

/// A sub-command: its name, its help, its options, and what it does.
protocol Command {
    static var name: String { get }
    /// One line for the overview.
    static var abstract: String { get }
    /// Worked examples and notes for `--help`.
    static var discussion: String { get }
    static var options: [OptionSpec] { get }
    static var positionals: [PositionalSpec] { get }
    static func run(_ arguments: ParsedArguments, _ console: Console) throws
}

extension Command {
    static var positionals: [PositionalSpec] { [] }
    static var discussion: String { "" }

    /// The `--help` text.
    static var help: String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: co2e \(name)"
        for p in positionals { text += p.optional ? " [\(p.name)]" : " \(p.name)" }
        text += " [options]\n"
        if !positionals.isEmpty {
            text += "\nARGUMENTS:\n"
            let width = positionals.map(\.name.count).max()! + 2
            for p in positionals { text += Help.row(p.name, p.help, width: width) }
        }
        text += "\nOPTIONS:\n"
        let all = options + [OptionSpec.flag("help", "Show this help.")]
        let width = min(28, all.map(\.usage.count).max()! + 2)
        for o in all { text += Help.row(o.usage, o.help, width: width) }
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        return text
    }
}

enum Help {
    /// `  --energy ENERGY   Text wrapped at 100 columns, continued under the text.`
    static func row(_ left: String, _ right: String, width: Int) -> String {
        var out = "  " + left
        var column = 2 + left.count
        if column > width + 1 {
            out += "\n"
            column = 0
        }
        out += String(repeating: " ", count: max(1, width + 2 - column))
        let indent = String(repeating: " ", count: width + 2)
        var lineLength = width + 2
        var first = true
        for word in right.split(separator: " ") {
            if !first && lineLength + 1 + word.count > 100 {
                out += "\n" + indent
                lineLength = width + 2
                first = true
            }
            if !first { out += " "; lineLength += 1 }
            out += word
            lineLength += word.count
            first = false
        }
        return out + "\n"
    }
}
