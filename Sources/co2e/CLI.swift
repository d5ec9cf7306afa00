import CO2eKit

/// The co2e command line: finds the sub-command, parses its options, runs it, and turns errors
/// into one line on standard error and an exit code (0 success, 1 data error, 2 usage error).
enum CLI {
    static let version = "0.1.0"

    static var commands: [any Command.Type] { [TrainingCommand.self, FactorsCommand.self, HourlyCommand.self] }

    static var overview: String {
        var text = """
        co2e \(version): energy of data centers and AI workloads -> greenhouse-gas emissions (CO2e),
        with every step, factor and source shown.

        USAGE: co2e <command> [options]     co2e <command> --help

        COMMANDS:

        """
        let width = commands.map { $0.name.count }.max()! + 2
        for c in commands { text += Help.row(c.name, c.abstract, width: width) }
        text += """

        EXAMPLES:
          co2e training --energy 50..60GWh --grid US
          co2e training --devices 10000 --device-power 400W --hours 2160 --pue 1.1 --grid IE
          co2e factors US
          co2e factors --list

        """
        return text
    }

    /// Runs co2e with `arguments` (without the program name) and returns the exit code.
    static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        guard let first = arguments.first else {
            console.out(overview)
            return 0
        }
        if ["--help", "-h", "help"].contains(first) {
            if first == "help", arguments.count > 1, let command = command(named: arguments[1]) {
                console.out(command.help)
            } else {
                console.out(overview)
            }
            return 0
        }
        if first == "--version" {
            console.print("co2e \(version)")
            return 0
        }
        guard let command = command(named: first) else {
            var message = "unknown command '\(first)'"
            if let near = Suggestions.nearest(to: first, among: commands.map { $0.name }, limit: 1).first {
                message += "; did you mean '\(near)'?"
            }
            message += " (commands: \(commands.map { $0.name }.joined(separator: ", ")))"
            return fail(CO2eError.input(message), console, json: arguments.contains("--json"))
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(command.help)
            return 0
        }
        let json = rest.contains("--json")
        do {
            let parsed = try ParsedArguments(rest, options: command.options, positionals: command.positionals)
            try command.run(parsed, console)
            return 0
        } catch let error as CO2eError {
            return fail(error, console, json: json)
        } catch {
            return fail(CO2eError.data("\(error)"), console, json: json)
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    /// Reports `error` on standard error, one line (a JSON object with `--json`), and returns
    /// its exit code: 2 for a usage error, 1 for a data error.
    static func fail(_ error: CO2eError, _ console: Console, json: Bool = false) -> Int32 {
        let error = CO2eError(error.kind, EchoedText.oneLine(error.message)) // one short line, whatever it echoes
        let code: Int32 = error.kind == .invalidInput ? 2 : 1
        if json {
            let object = JSONValue.object([("error", .string(error.message)),
                                           ("kind", .string(code == 2 ? "usage" : "data")),
                                           ("exit_code", .number(Double(code)))])
            console.err(object.serialized() + "\n")
        } else {
            console.err("co2e: error: \(error.message)\n")
        }
        return code
    }
}
