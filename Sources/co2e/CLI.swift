import CO2eKit

/// The co2e command line: finds the sub-command, parses its options, runs it, and turns errors
/// into one line on standard error and an exit code (0 success, 1 data error, 2 usage error).
enum CLI {
    static let version = "0.2.0"

    static var commands: [any Command.Type] {
        [TrainingCommand.self, InferenceCommand.self, EmbodiedCommand.self, ProjectCommand.self, FactorsCommand.self, HourlyCommand.self,
         BatchCommand.self, MonteCarloCommand.self, RemovalsCommand.self, NetCommand.self, CostCommand.self,
         EquivalentsCommand.self, CheckCommand.self, CompanyCommand.self, ImpactCommand.self]
    }

    static var overview: String {
        var text = """
        co2e \(version): energy of data centers and AI workloads -> greenhouse-gas emissions (CO2e),
        with every step, factor and source shown.

        USAGE: co2e <command> [options]     co2e <command> --help     co2e version

        COMMANDS:

        """
        let width = commands.map { $0.name.count }.max()! + 2
        for c in commands { text += Help.row(c.name, c.abstract, width: width) }
        text += Help.row("serve", "Answer requests as a service: one JSON request per line on standard input, one JSON response per line out.", width: width)
        text += """

        EXAMPLES:
          co2e training --energy 50..60GWh --grid US
          co2e training --energy 50..60GWh --grid FR --grid US
          co2e training --devices 10000 --device-power 400W --hours 2160 --pue 1.1 --grid IE
          co2e inference --queries 1e9/day --per-query 2.9Wh --grid US --period 1y
          co2e factors US
          co2e factors --list

        """
        return text
    }

    /// Runs co2e with `arguments` (without the program name) and returns the exit code.
    static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        dispatch(arguments, console)
    }

    private static func dispatch(_ arguments: [String], _ console: Console) -> Int32 {
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
        if ["--version", "-V", "version"].contains(first) {
            console.print("co2e \(version)")
            return 0
        }
        if first == "serve" { return Service.run(Array(arguments.dropFirst()), console: console) }
        let json = arguments.contains("--json")
        guard let command = command(named: first) else {
            var reason = "is not a command"
            if let near = Suggestions.nearest(to: first, among: commands.map { $0.name }, limit: 1).first {
                reason += "; did you mean '\(near)'?"
            }
            let error = CO2eError(.invalidInput, reason, code: .unknownCommand, value: first, accepted: commands.map { $0.name }.joined(separator: ", "))
            return fail(error, console, json: json, spell: TrainingCommand.spell)
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(command.help)
            return 0
        }
        do {
            let (output, a) = try execute(command, rest)
            try write(output, a, console, command: (["co2e"] + arguments).map(shellWord).joined(separator: " "))
            return 0
        } catch let error as CO2eError {
            return fail(error, console, json: json, spell: command.spell)
        } catch {
            return fail(CO2eError.data("\(error)"), console, json: json, spell: command.spell)
        }
    }

    /// Parses `rest` (the arguments after the command's name) with the command's options and
    /// rules and runs it: what both the command line and `co2e serve` do for one command.
    ///
    /// - Throws: `CO2eError`, its value echoed as the user typed it (150%, not the model's 150 %).
    static func execute(_ command: any Command.Type, _ rest: [String]) throws -> (Output, Arguments) {
        var parsed: Arguments?
        do {
            let table = command.table
            let a = try Arguments(rest, table: table)
            parsed = a
            try OutputOptions.checkHTML(a, options: table.options)
            return (try command.run(a), a)
        } catch let error as CO2eError {
            var error = error
            if let field = error.field, error.value != nil, let typed = parsed?.typed(field: field, in: command.table.options) {
                error.value = EchoedText.value(typed)
            }
            throw error
        } catch {
            throw CO2eError.data("\(error)")
        }
    }

    /// Renders `output` in the format the options ask for and writes it: the result to standard
    /// output, then its notes (after text; on standard error after a measured result's JSON
    /// line), then its diagnostics to standard error.
    /// With `--html FILE` the page is written first (atomically, through `FileIO`), so a page
    /// that cannot be written leaves standard output empty and the run fails.
    static func write(_ output: Output, _ a: Arguments, _ console: Console, command: String? = nil) throws {
        var output = output
        if let path = a.text(OutputOptions.html) {
            let page = try HTMLRenderer(command: command).render(output.body)
            try FileIO.writeAtomically(page, to: path, option: OutputOptions.html.flagName)
            output.notes.append("HTML written to \(path).")
        }
        let renderer: any Renderer
        if let key = a.text(OutputOptions.value) {
            renderer = ValueRenderer(key: key)
        } else {
            switch OutputOptions.format(a) {
            case .text: renderer = TextRenderer(width: console.width, summary: a[OutputOptions.summary])
            case .json: renderer = JSONRenderer(summary: a[OutputOptions.summary])
            case .csv: renderer = CSVRenderer(escapeControls: console.isTerminal)
            }
        }
        var text = try renderer.render(output.body)
        if case .measured = output.body, !output.notes.isEmpty {
            // A measured result's text is its JSON line: a note after it would break a reader of
            // that line, so notes go to standard error.
            console.err(output.notes.map { EchoedText.escaped($0) + "\n" }.joined())
        } else if OutputOptions.format(a) == .text && a.text(OutputOptions.value) == nil && !output.notes.isEmpty {
            text += "\n" + output.notes.map { EchoedText.escaped($0) + "\n" }.joined()
        }
        console.out(text)
        if !output.diagnostics.isEmpty { console.err(output.diagnostics.map { EchoedText.escaped($0) + "\n" }.joined()) }
    }

    /// An argument as a shell would need it typed back: bare when it is plain, else in single
    /// quotes.
    static func shellWord(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { c in
            (c.value < 128 && (c.properties.isAlphabetic || ("0"..."9").contains(c))) || "-_.,/:=%@+".unicodeScalars.contains(c)
        }
        return plain ? s : "'" + s.replacingAll("'", with: "'\\''") + "'"
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    /// Reports `error` on standard error, one line (a JSON object with `--json`), and returns
    /// its exit code: 2 for a usage error, 1 for a data error. Library fields are spelled as
    /// the command's options (`device_power` -> `--device-power`).
    static func fail(_ error: CO2eError, _ console: Console, json: Bool = false, spell: (String) -> String = { $0 }) -> Int32 {
        let code: Int32 = error.kind == .invalidInput ? 2 : 1
        // One short line whatever it echoes (the library clips values; this is the last net).
        let line = EchoedText.oneLine(error.oneLine(spellingField: spell))
        if json {
            let members = [("error", JSONValue.string(line))] + errorMembers(error, spell: spell)
            console.err(JSONValue.object(members).serialized() + "\n")
        } else {
            console.err(error.details.map { "co2e: " + EchoedText.oneLine($0) + "\n" }.joined() + "co2e: error: \(line)\n")
        }
        return code
    }

    /// The error's fields as `--json` reports them (after its one-line text): code, kind, the
    /// exit code it gives, field and option, value, reason, accepted, file, line and details.
    static func errorMembers(_ error: CO2eError, spell: (String) -> String) -> [(String, JSONValue)] {
        let code: Int32 = error.kind == .invalidInput ? 2 : 1
        var members: [(String, JSONValue)] = [("code", .string(error.code.rawValue)), ("kind", .string(error.kind.rawValue)),
                                              ("exit_code", .number(Double(code)))]
        if let f = error.field { members += [("field", .string(f)), ("option", .string(spell(f)))] }
        if let v = error.value { members.append(("value", .string(v))) }
        members.append(("reason", .string(EchoedText.oneLine(error.reason))))
        if let a = error.accepted { members.append(("accepted", .string(EchoedText.oneLine(a)))) }
        if let f = error.file { members.append(("file", .string(f))) }
        if let l = error.line { members.append(("line", .number(Double(l)))) }
        if !error.details.isEmpty { members.append(("details", .array(error.details.map { .string(EchoedText.oneLine($0)) }))) }
        return members
    }
}
