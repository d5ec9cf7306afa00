import CO2eKit

/// A command line split into options and positionals, checked against a command's declared
/// options: unknown options (with a suggestion), missing values and repeated options are usage
/// errors.
struct ParsedArguments: Sendable {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` (without the program and command names) against `options`.
    ///
    /// - Throws: `CO2eError.invalidInput`, which the CLI reports with exit code 2.
    init(_ arguments: [String], options: [OptionSpec], positionals allowed: [PositionalSpec]) throws {
        var specs: [String: OptionSpec] = [:]
        for option in options { specs[option.name] = option }
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                // `-x` looks like a mistyped option; `-5` and `-.5` are negative numbers.
                if !onlyPositionals && argument.hasPrefix("-") && argument.count > 1
                    && !argument.dropFirst().first!.isNumber && argument.dropFirst().first! != "." {
                    throw CO2eError.input("unknown option '\(argument)'; options start with two dashes (see --help)")
                }
                positionals.append(argument)
                continue
            }
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
                var message = "unknown option '--\(name)'"
                if let near = Suggestions.nearest(to: name, among: options.map(\.name), limit: 1).first {
                    message += "; did you mean --\(near)?"
                } else {
                    message += " (see --help)"
                }
                throw CO2eError.input(message)
            }
            switch spec.kind {
            case .flag:
                if inlineValue != nil {
                    throw CO2eError.input("--\(name) is a switch and takes no value")
                }
                flags.insert(name)
            case let .value(placeholder):
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard i < arguments.count, !(arguments[i].hasPrefix("--") && arguments[i].count > 2) else {
                        throw CO2eError.input("--\(name) needs a value (\(placeholder))")
                    }
                    value = arguments[i]
                    i += 1
                }
                if values[name] != nil {
                    throw CO2eError.input("--\(name) is given twice; give it once")
                }
                values[name] = value
            }
        }
        let maximum = allowed.count
        if positionals.count > maximum {
            let extra = positionals[maximum]
            throw CO2eError.input(maximum == 0
                ? "unexpected argument '\(extra)'; this command takes only options (see --help)"
                : "unexpected argument '\(extra)' (see --help)")
        }
    }

    /// The value of `--name`, if given.
    func value(_ name: String) -> String? { values[name] }

    /// True when the switch `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// True when `--name` was given, as a switch or with a value.
    func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    /// The quantity given to `--name`, which must be above zero; errors name the option and
    /// the text as typed.
    func positive<D>(_ name: String, _ type: Quantity<D>.Type) throws -> Quantity<D>? {
        guard let q = try parsed(name, Quantity<D>.parse) else { return nil }
        try Check.positive(q.baseValue, values[name]!, context: "--\(name)")
        return q
    }

    /// The quantity given to `--name`, which must not be negative.
    func nonNegative<D>(_ name: String, _ type: Quantity<D>.Type) throws -> Quantity<D>? {
        guard let q = try parsed(name, Quantity<D>.parse) else { return nil }
        try Check.nonNegative(q.baseValue, values[name]!, context: "--\(name)", what: D.name)
        return q
    }

    /// The value of `--name` parsed by `parse`; parse errors name the option.
    func parsed<T>(_ name: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text = values[name] else { return nil }
        do {
            return try parse(text)
        } catch let error as CO2eError {
            throw error.prefixed("--\(name)")
        }
    }
}
