/// One option a command accepts, declared next to its help text.
struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// Takes a value: `--energy 50GWh` or `--energy=50GWh`.
        case value(placeholder: String)
        /// A switch: `--json`.
        case flag
    }

    /// The long name without dashes, e.g. `energy`.
    let name: String
    let kind: Kind
    let help: String

    static func value(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help)
    }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, help: help)
    }

    var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }

    /// `--energy ENERGY` or `--json`, as help shows it.
    var usage: String {
        switch kind {
        case let .value(placeholder): return "--\(name) \(placeholder)"
        case .flag: return "--\(name)"
        }
    }
}

/// A positional argument a command accepts.
struct PositionalSpec: Sendable {
    let name: String
    let help: String
    let optional: Bool
}
