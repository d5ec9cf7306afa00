import CO2eKit

/// A command line split into options and positionals, checked against a command's declared
/// options and rules: unknown options (with a suggestion), missing values, options given twice
/// that take one value, and broken rules are usage errors.
struct Arguments: Sendable {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    /// The names given, each once: `has` scans these few (short names compare as two words)
    /// rather than hashing the name into both tables, once for each of a command's many rules.
    private var given: [String] = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` (without the program and command names).
    ///
    /// - Throws: `CO2eError.invalidInput`, which the CLI reports with exit code 2.
    init(_ arguments: [String], options: [any OptionDeclaration], positionals allowed: [Positional] = [],
         rules: [Rule] = []) throws {
        var specs: [String: any OptionDeclaration] = [:]
        for option in options { specs[option.name] = option }
        try self.init(arguments, options: options, specs: specs, positionals: allowed, rules: rules)
    }

    /// Parses `arguments` against a command's tables, built once per process.
    init(_ arguments: [String], table: CommandTable) throws {
        try self.init(arguments, options: table.options, specs: table.specs, positionals: table.positionals, rules: table.rules)
    }

    private init(_ arguments: [String], options: [any OptionDeclaration], specs: [String: any OptionDeclaration],
                 positionals allowed: [Positional], rules: [Rule]) throws {
        var i = 0
        var onlyPositionals = false
        // For each positional: the option whose value came just before it, to spot `--energy 5 GWh`.
        var after: [(any OptionDeclaration)?] = []
        var lastValued: (any OptionDeclaration)?
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                // `-x` looks like a mistyped option; `-5` and `-.5` are negative numbers.
                if !onlyPositionals && argument.hasPrefix("-") && argument.count > 1
                    && !argument.dropFirst().first!.isNumber && argument.dropFirst().first! != "." {
                    throw CO2eError(.invalidInput, "is not an option; options start with two dashes (see --help)", code: .unknownOption, value: argument)
                }
                positionals.append(argument)
                after.append(lastValued)
                lastValued = nil
                continue
            }
            lastValued = nil
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = specs[name] else {
                var reason = "is not an option of this command"
                if let near = Suggestions.nearest(to: name, among: options.map(\.name), limit: 1).first {
                    reason += "; did you mean --\(near)?"
                } else {
                    reason += " (see --help)"
                }
                throw CO2eError(.invalidInput, reason, code: .unknownOption, value: "--" + name)
            }
            guard let placeholder = spec.placeholder else {
                if inlineValue != nil {
                    throw CO2eError(.invalidInput, "is a switch and takes no value", field: spec.field)
                }
                if flags.insert(name).inserted { given.append(name) }
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard i < arguments.count, !(arguments[i].hasPrefix("--") && arguments[i].count > 2) else {
                    throw CO2eError(.invalidInput, "needs a value (\(placeholder))", field: spec.field)
                }
                value = arguments[i]
                i += 1
                lastValued = spec
            }
            if values[name] != nil && !spec.repeatable {
                throw CO2eError(.invalidInput, "is given twice; give it once", code: .conflictingOptions, field: spec.field)
            }
            if values[name] == nil { given.append(name) }
            values[name, default: []].append(value)
        }
        if positionals.count > allowed.count && allowed.last?.variadic != true {
            let k = allowed.count
            let extra = positionals[k]
            if let option = after[k], let first = values[option.name]?.last {
                throw CO2eError(.invalidInput, "is followed by '\(EchoedText.value(extra))', which is not an option; write the value in one piece, without a space (\(EchoedText.value(first + extra))), or quote it",
                                field: option.field, value: first,
                                accepted: "one argument per value, such as \(EchoedText.value(first + extra))")
            }
            throw CO2eError(.invalidInput, k == 0 ? "is not expected; this command takes only options (see --help)" : "is not expected (see --help)", code: .unknownOption,
                            value: extra)
        }
        for rule in rules { try rule.check(self) }
    }

    /// True when the option was given.
    func has(_ option: any OptionDeclaration) -> Bool {
        given.contains(option.name)
    }

    /// True when the switch was given.
    subscript(_ flag: Flag) -> Bool { flags.contains(flag.name) }

    /// The text given to the option (the last, if repeated).
    func text<V>(_ option: Option<V>) -> String? { values[option.name]?.last }

    /// Every text given to an option, in order (none when it was not given).
    func texts(_ option: any OptionDeclaration) -> [String] { values[option.name] ?? [] }

    /// The text given to the option whose field is `field`, when it was given once.
    func typed(field: String, in options: [any OptionDeclaration]) -> String? {
        guard let o = options.first(where: { $0.field == field }), let given = values[o.name], given.count == 1 else { return nil }
        return given[0]
    }

    /// The option's value, parsed; errors name the option's field.
    func value<V>(_ option: Option<V>) throws -> V? {
        guard let text = values[option.name]?.last else { return nil }
        return try parse(text, option)
    }

    /// Every value given to a repeatable option, in order.
    func all<V>(_ option: Option<V>) throws -> [V] {
        try (values[option.name] ?? []).map { try parse($0, option) }
    }

    private func parse<V>(_ text: String, _ option: Option<V>) throws -> V {
        do {
            return try option.parse(text)
        } catch let error as CO2eError {
            var e = error.attributed(to: option.field)
            if e.value == nil && !error.reason.contains("'") { e.value = EchoedText.value(text) }
            throw e
        }
    }
}
