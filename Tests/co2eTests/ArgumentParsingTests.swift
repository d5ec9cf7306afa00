/// Tests for the command-line argument parser (`Arguments` over declared `Option`s, `Flag`s,
/// `Positional`s and `Rule`s): `--x 1` and `--x=1`, switches, positionals, `--` ending options,
/// values that start with `-` (negative numbers), repeatable options, typed values whose errors
/// name the option's field, the rules (conflicts, requires, one of), and the usage errors
/// (unknown option with a suggestion, single-dash options, missing value, repeated option,
/// unexpected positional, a value split by a space, a value given to a switch). Also the
/// `--help` text of every command, and that every rule names options the command declares.
import Testing
import CO2eKit
@testable import co2e

@Suite struct ArgumentParsingTests {
    static let energy = Option<Uncertain<EnergyDimension>>.quantity("energy", "ENERGY", "Energy of the run.")
    static let pue = Option<Uncertain<RatioDimension>>.quantity("pue", "PUE", "Power usage effectiveness.")
    static let x = Option<String>("x", "X", "A short one.")
    static let grid = Option<String>("grid", "ZONE", "A zone.", repeatable: true)
    static let json = Flag("json", "Print JSON.")
    static let marketBased = Flag("market-based", "Show market-based.")
    static let options: [any OptionDeclaration] = [energy, pue, x, grid, json, marketBased]
    static let onePositional = [Positional(name: "ZONE", help: "A zone.", optional: true)]
    static let twoPositionals = onePositional + [Positional(name: "YEAR", help: "A year.", optional: true)]

    func parse(_ arguments: [String], positionals: [Positional] = [], rules: [Rule] = []) throws -> Arguments {
        try Arguments(arguments, options: Self.options, positionals: positionals, rules: rules)
    }

    /// Parses `arguments`, expecting a usage error; returns its line with fields spelled as options.
    func usageError(_ arguments: [String], positionals: [Positional] = [], rules: [Rule] = []) throws -> String {
        let error = try #require(throws: CO2eError.self, "\(arguments) should be refused") {
            try parse(arguments, positionals: positionals, rules: rules)
        }
        #expect(error.kind == .invalidInput)
        return error.oneLine { "--" + $0.map { $0 == "_" ? "-" : $0 } }
    }

    // MARK: Accepted forms

    @Test func noArguments() throws {
        let a = try parse([])
        #expect(a.positionals.isEmpty)
        #expect(try a.value(Self.energy) == nil)
        #expect(!a[Self.json])
        #expect(!a.has(Self.energy))
    }

    @Test func valueAsNextArgumentAndAfterEquals() throws {
        #expect(try parse(["--x", "1"]).text(Self.x) == "1")
        #expect(try parse(["--x=1"]).text(Self.x) == "1")
        #expect(try parse(["--x=a=b"]).text(Self.x) == "a=b")
        #expect(try parse(["--x="]).text(Self.x) == "")
        #expect(try parse(["--energy", "1,287 MWh"]).value(Self.energy) == .exact(.megawattHours(1287)))
    }

    @Test func typedValuesAndRanges() throws {
        let a = try parse(["--energy", "50..60GWh", "--pue", "1.1"])
        #expect(try a.value(Self.energy) == Uncertain(.gigawattHours(50), .gigawattHours(60)))
        #expect(try a.value(Self.pue) == .exact(.number(1.1)))
    }

    @Test func flags() throws {
        let a = try parse(["--json", "--market-based", "--json"])
        #expect(a[Self.json])
        #expect(a[Self.marketBased])
        #expect(a.has(Self.json))
    }

    @Test func repeatableOptionKeepsEveryValueInOrder() throws {
        let a = try parse(["--grid", "FR", "--grid=US", "--grid", "DE"])
        #expect(try a.all(Self.grid) == ["FR", "US", "DE"])
        #expect(try a.value(Self.grid) == "DE")
    }

    @Test func mixedOptionsAndPositionals() throws {
        let a = try parse(["US", "--energy", "50GWh", "2023", "--json"], positionals: Self.twoPositionals)
        #expect(a.positionals == ["US", "2023"])
        #expect(a.text(Self.energy) == "50GWh")
        #expect(a[Self.json])
    }

    @Test func doubleDashEndsOptions() throws {
        let a = try parse(["--json", "--", "--energy"], positionals: Self.onePositional)
        #expect(a[Self.json])
        #expect(a.positionals == ["--energy"])
        #expect(a.text(Self.energy) == nil)
        #expect(try parse(["--", "-x", "--"], positionals: Self.twoPositionals).positionals == ["-x", "--"])
    }

    @Test(arguments: ["-5", "-0.5", "-.5", "-5GWh", "-"])
    func negativeNumberOrDashIsAPositional(argument: String) throws {
        #expect(try parse([argument], positionals: Self.onePositional).positionals == [argument])
    }

    @Test(arguments: ["-5GWh", "-5", "-0.5..1", "-", "-x"])
    func valueStartingWithADashIsTakenAsTheValue(value: String) throws {
        let a = try parse(["--x", value, "--json"])
        #expect(a.text(Self.x) == value)
        #expect(a[Self.json])
    }

    // MARK: Usage errors

    @Test func unknownOptionWithSuggestion() throws {
        let m = try usageError(["--energi", "50GWh"])
        #expect(m.contains("'--energi' is not an option"))
        #expect(m.contains("did you mean --energy?"))
    }

    @Test func unknownOptionWithEqualsNamesOnlyTheOption() throws {
        let m = try usageError(["--energi=50GWh"])
        #expect(m.contains("'--energi'"))
        #expect(!m.contains("50GWh"))
    }

    @Test func unknownOptionWithoutSuggestion() throws {
        let m = try usageError(["--frobnicate"])
        #expect(m.contains("'--frobnicate'"))
        #expect(!m.contains("did you mean"))
        #expect(m.contains("--help"))
    }

    @Test(arguments: ["-e", "-json", "-energy=5"])
    func singleDashOption(argument: String) throws {
        let m = try usageError([argument])
        #expect(m.contains("'\(argument)'"))
        #expect(m.contains("two dashes"))
    }

    @Test func missingValue() throws {
        #expect(try usageError(["--energy"]) == "--energy: needs a value (ENERGY)")
        #expect(try usageError(["--energy", "--json"]) == "--energy: needs a value (ENERGY)")
    }

    @Test func repeatedOptionThatTakesOneValue() throws {
        #expect(try usageError(["--energy", "1GWh", "--energy=2GWh"]) == "--energy: is given twice; give it once")
    }

    @Test func unexpectedPositionals() throws {
        let m = try usageError(["--json", "60GWh"])
        #expect(m.contains("'60GWh' is not expected"))
        #expect(m.contains("only options"))
        let n = try usageError(["US", "2023"], positionals: Self.onePositional)
        #expect(n.contains("'2023' is not expected"))
        #expect(!n.contains("only options"))
    }

    @Test func aValueSplitByASpaceGetsAHint() throws {
        let m = try usageError(["--energy", "5", "GWh"])
        #expect(m.hasPrefix("--energy: '5' is followed by 'GWh'"))
        #expect(m.contains("5GWh"))
    }

    @Test(arguments: ["--json=1", "--json=", "--market-based=yes"])
    func switchGivenAValue(argument: String) throws {
        let m = try usageError([argument])
        #expect(m.contains("is a switch and takes no value"))
        #expect(m.hasPrefix(String(argument.prefix { $0 != "=" })))
    }

    @Test func parseErrorsNameTheOptionAndTheValue() throws {
        let a = try parse(["--energy", "-5GWz"])
        let error = try #require(throws: CO2eError.self) { try a.value(Self.energy) }
        #expect(error.kind == .invalidInput)
        #expect(error.field == "energy")
        #expect(error.value == "-5GWz")
        #expect(error.reason.contains("'GWz'"))
    }

    // MARK: Rules

    @Test func rules() throws {
        let conflict = Rule.conflicts(Self.energy, Self.pue, because: "a reason")
        #expect(try usageError(["--energy", "1GWh", "--pue", "1.1"], rules: [conflict]) == "--energy: cannot be given with --pue: give either --energy or --pue, not both (a reason)")
        let requires = Rule.requires(Self.pue, Self.energy)
        #expect(try usageError(["--pue", "1.1"], rules: [requires]) == "--pue: goes with --energy")
        _ = try parse(["--pue", "1.1", "--energy", "1GWh"], rules: [requires])
        let one = Rule.oneOf([Self.energy, Self.x], hint: "e.g. --energy 5GWh")
        #expect(try usageError([], rules: [one]) == "give --energy ENERGY or --x X (e.g. --energy 5GWh)")
        #expect(try usageError(["--energy", "1GWh", "--x", "1"], rules: [one]).contains("not --energy and --x"))
        _ = try parse(["--x", "1"], rules: [one])
    }

    /// Every option a rule names is one the command declares (so a rule cannot name an option
    /// users cannot give), option names are unique, and every field spells back to its option.
    @Test(arguments: CLI.commands.map { $0.name })
    func rulesNameDeclaredOptions(command name: String) throws {
        let command = try #require(CLI.command(named: name))
        let names = command.allOptions.map(\.name)
        #expect(Set(names).count == names.count, "\(name): an option is declared twice")
        for rule in command.rules + OutputOptions.rules {
            for option in rule.options {
                #expect(names.contains(option.name), "\(name): a rule names --\(option.name), which the command does not declare")
            }
        }
        for option in command.options {
            #expect(command.spell(option.field) == option.flagName)
        }
    }

    // MARK: Help text

    /// The text with every run of whitespace made one space, so wrapped lines compare.
    func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test(arguments: CLI.commands.map { $0.name })
    func helpListsEveryOptionWithItsHelpInOrder(command name: String) throws {
        let command = try #require(CLI.command(named: name))
        let help = command.help
        let flat = collapsed(help)
        var previous = help.startIndex
        for option in command.options {
            #expect(flat.contains(collapsed(option.usage + " " + option.help)), "help of --\(option.name) missing")
            let found = try #require(help.range(of: "  " + option.usage + " ", range: previous..<help.endIndex)
                ?? help.range(of: "  " + option.usage + "\n", range: previous..<help.endIndex),
                "--\(option.name) out of order")
            previous = found.upperBound
        }
        #expect(help.hasPrefix("OVERVIEW: \(command.abstract)\n\nUSAGE: co2e \(name)"))
        #expect(help.contains(command.discussion))
        let optionsPart = help.components(separatedBy: "\nOPTIONS:\n")[1].components(separatedBy: "\n\n")[0]
        for line in optionsPart.split(separator: "\n") {
            #expect(line.count <= 100, "too long: \(line)")
        }
    }

    @Test func helpRowWrapsUnderTheText() {
        let long = Array(repeating: "word", count: 40).joined(separator: " ")
        let row = Help.row("--energy ENERGY", long, width: 20)
        let lines = row.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 1)
        #expect(lines[0].hasPrefix("  --energy ENERGY"))
        for line in lines.dropFirst() {
            #expect(line.hasPrefix(String(repeating: " ", count: 22)))
            #expect(line.dropFirst(22).first != " ")
        }
        for line in lines { #expect(line.count <= 100) }
        #expect(collapsed(String(row)) == collapsed("--energy ENERGY " + long))
    }

    @Test func helpRowPutsALongUsageOnItsOwnLine() {
        let row = Help.row("--a-very-long-option-name VALUE", "Text.", width: 10)
        #expect(row == "  --a-very-long-option-name VALUE\n" + String(repeating: " ", count: 12) + "Text.\n")
    }
}
