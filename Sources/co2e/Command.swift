import CO2eKit

/// A sub-command: its name, its help, its options and the rules between them, and what it
/// returns. A command returns a value (`Output`); it never prints or chooses a format: the CLI
/// renders the value as text, JSON or CSV (`OutputOptions`, which every command takes).
protocol Command {
    static var name: String { get }
    /// One line for the overview.
    static var abstract: String { get }
    /// Worked examples and notes for `--help`.
    static var discussion: String { get }
    static var options: [any OptionDeclaration] { get }
    static var rules: [Rule] { get }
    static var positionals: [Positional] { get }
    static func run(_ arguments: Arguments) throws -> Output
}

extension Command {
    static var positionals: [Positional] { [] }
    static var discussion: String { "" }
    static var rules: [Rule] { [] }

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
        let all: [any OptionDeclaration] = allOptions + [Flag("help", "Show this help.")]
        let width = min(28, all.map(\.usage.count).max()! + 2)
        for o in all { text += Help.row(o.usage, o.help + (o.repeatable ? " May be given more than once." : ""), width: width) }
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        return text
    }

    /// The command's own options and the output options every command takes.
    static var allOptions: [any OptionDeclaration] { options + OutputOptions.options }

    /// The command's option tables (options, their index by name, rules), built once per
    /// process: `co2e serve` parses every request against them.
    static var table: CommandTable { CommandTable.of(self) }

    /// The option spelling for a library field: `device_power` -> `--device-power`.
    static func spell(_ field: String) -> String {
        if let o = allOptions.first(where: { $0.field == field }) { return o.flagName }
        if field == CO2eError.zoneList { return "'co2e factors --list', which shows every zone" }
        if field == ProjectionCatalog.scenarioList { return "'co2e project --list', which shows every bundled scenario" }
        if field == "list_accelerators" { return "'co2e inference --list-accelerators', which shows every accelerator" }
        return field
    }
}

/// A command's declared options, indexed by name, and its rules with the output options': facts
/// of the command, not of a request, so they are built once per process and command.
struct CommandTable {
    let options: [any OptionDeclaration]
    let specs: [String: any OptionDeclaration]
    let rules: [Rule]
    let positionals: [Positional]

    init(_ command: any Command.Type) {
        options = command.allOptions
        var specs: [String: any OptionDeclaration] = [:]
        for option in options { specs[option.name] = option }
        self.specs = specs
        rules = command.rules + OutputOptions.rules
        positionals = command.positionals
    }

    private static let tables = Memo<CommandTable>(limit: 64)

    static func of(_ command: any Command.Type) -> CommandTable {
        tables.value(command.name) { CommandTable(command) }
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
        out += Wrap.lines(right, width: 100 - width - 2).joined(separator: "\n" + String(repeating: " ", count: width + 2))
        return out + "\n"
    }
}

/// Word wrapping for the terminal.
enum Wrap {
    /// `text` broken into lines of at most `width` characters (a longer word stands alone).
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
