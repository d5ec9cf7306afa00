import CO2eKit

/// What every option shares: its name, help, and the model field its errors name.
protocol OptionDeclaration: Sendable {
    /// The long name without dashes: `energy`.
    var name: String { get }
    /// The value's placeholder in help (`ENERGY`), nil for a switch.
    var placeholder: String? { get }
    var help: String { get }
    /// May be given more than once (`--grid FR --grid US`).
    var repeatable: Bool { get }
    /// The model's name for the input (`device_power` for `--device-power`): errors from the
    /// library name it, and the CLI spells it back as the option.
    var field: String { get }
}

extension OptionDeclaration {
    /// `--energy ENERGY` or `--json`, as help shows it.
    var usage: String { placeholder.map { "--\(name) \($0)" } ?? "--\(name)" }
    var flagName: String { "--" + name }
}

/// An option that takes a value, parsed to `Value` by one function declared beside its help.
struct Option<Value>: OptionDeclaration {
    let name: String
    let placeholder: String?
    let help: String
    let repeatable: Bool
    let field: String
    let parse: @Sendable (String) throws -> Value

    init(_ name: String, _ placeholder: String, _ help: String, repeatable: Bool = false, field: String? = nil,
         parse: @escaping @Sendable (String) throws -> Value) {
        self.name = name
        self.placeholder = placeholder
        self.help = help
        self.repeatable = repeatable
        self.field = field ?? name.replacingDashes
        self.parse = parse
    }
}

extension Option where Value == String {
    /// An option whose value is taken as written (a zone, a path).
    init(_ name: String, _ placeholder: String, _ help: String, repeatable: Bool = false) {
        self.init(name, placeholder, help, repeatable: repeatable) { $0 }
    }
}

extension Option {
    /// A quantity, a range of it (`50GWh`, `50..60GWh`), or a distribution (`tri:1.1,1.2,1.4`)
    /// unless `distributions` is false (an input no command samples).
    static func quantity<D>(_ name: String, _ placeholder: String, _ help: String, field: String? = nil,
                            distributions: Bool = true) -> Option<Uncertain<D>> where Value == Uncertain<D> {
        Option<Uncertain<D>>(name, placeholder, help, field: field) { text in
            let given = try Quantity<D>.parseRange(text)
            if !distributions, given.isDistribution {
                throw CO2eError(.invalidInput, "is a distribution; this input takes no distribution (it is not sampled), only a value or a range low..high",
                                value: EchoedText.value(text))
            }
            return given
        }
    }
}

/// A switch: `--json`.
struct Flag: OptionDeclaration {
    let name: String
    let help: String
    var placeholder: String? { nil }
    var repeatable: Bool { false }
    var field: String { name.replacingDashes }

    init(_ name: String, _ help: String) {
        self.name = name
        self.help = help
    }
}

/// A rule between options, checked before a command runs, so commands do not hand-code them.
struct Rule: Sendable {
    enum Kind: Sendable {
        /// Not both (with the reason).
        case conflicts(any OptionDeclaration, any OptionDeclaration, String?)
        /// The first only with the second.
        case requires(any OptionDeclaration, any OptionDeclaration, String?)
        /// Exactly one of these (or at most one, when not required).
        case oneOf([any OptionDeclaration], required: Bool, hint: String)
    }

    let kind: Kind

    static func conflicts(_ a: any OptionDeclaration, _ b: any OptionDeclaration, because why: String? = nil) -> Rule {
        Rule(kind: .conflicts(a, b, why))
    }

    static func requires(_ a: any OptionDeclaration, _ b: any OptionDeclaration, because why: String? = nil) -> Rule {
        Rule(kind: .requires(a, b, why))
    }

    static func oneOf(_ options: [any OptionDeclaration], required: Bool = true, hint: String = "") -> Rule {
        Rule(kind: .oneOf(options, required: required, hint: hint))
    }

    /// The options the rule names.
    var options: [any OptionDeclaration] {
        switch kind {
        case let .conflicts(a, b, _), let .requires(a, b, _): return [a, b]
        case let .oneOf(list, _, _): return list
        }
    }

    /// Checks the rule against what was given.
    func check(_ a: Arguments) throws {
        switch kind {
        case let .conflicts(x, y, why):
            if a.has(x) && a.has(y) {
                throw CO2eError(.invalidInput, "cannot be given with \(y.flagName): give either \(x.flagName) or \(y.flagName), not both" + (why.map { " (\($0))" } ?? ""),
                                code: .conflictingOptions, field: x.field)
            }
        case let .requires(x, y, why):
            if a.has(x) && !a.has(y) {
                throw CO2eError(.invalidInput, "goes with \(y.flagName)" + (why.map { "; \($0)" } ?? ""), code: .missingOption, field: x.field)
            }
        case let .oneOf(list, required, hint):
            let given = list.filter(a.has)
            if given.count > 1 {
                throw CO2eError(.invalidInput, "cannot be given with \(given[0].flagName): give one of \(list.map(\.flagName).joined(separator: ", ")), not \(given.map(\.flagName).joined(separator: " and "))",
                                code: .conflictingOptions, field: given[1].field)
            }
            if required && given.isEmpty {
                throw CO2eError.input("give \(list.map(\.usage).joined(separator: " or "))" + (hint.isEmpty ? "" : " (\(hint))"), code: .missingOption)
            }
        }
    }
}

/// A positional argument a command accepts.
struct Positional: Sendable {
    let name: String
    let help: String
    let optional: Bool
    /// The last positional may take any number of values (`FILE...`).
    var variadic = false
}

extension String {
    /// `device-power` -> `device_power`.
    var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
