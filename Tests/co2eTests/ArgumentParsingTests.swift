/// Tests for the command-line argument parser (`ParsedArguments` over `OptionSpec` and
/// `PositionalSpec`): `--x 1` and `--x=1`, switches, positionals, `--` ending options, values
/// that start with `-` (negative numbers), and the usage errors (unknown option with a
/// suggestion, single-dash options, missing value, repeated option, unexpected positional, a
/// value given to a switch), all `CO2eError.invalidInput`. Also the `--help` text of commands:
/// `TrainingCommand.help` lists every option with its help text.
import Testing
import CO2eKit
@testable import co2e

@Suite struct ArgumentParsingTests {
    static let options: [OptionSpec] = [
        .value("energy", "ENERGY", "Energy of the run."),
        .value("pue", "PUE", "Power usage effectiveness."),
        .value("x", "X", "A short one."),
        .flag("json", "Print JSON."),
        .flag("market-based", "Show market-based."),
    ]
    static let onePositional = [PositionalSpec(name: "ZONE", help: "A zone.", optional: true)]
    static let twoPositionals = onePositional + [PositionalSpec(name: "YEAR", help: "A year.", optional: true)]

    func parse(_ arguments: [String], positionals: [PositionalSpec] = []) throws -> ParsedArguments {
        try ParsedArguments(arguments, options: Self.options, positionals: positionals)
    }

    /// Parses `arguments`, expecting a usage error; returns its message.
    func usageError(_ arguments: [String], positionals: [PositionalSpec] = []) throws -> String {
        let error = try #require(throws: CO2eError.self, "\(arguments) should be refused") {
            try parse(arguments, positionals: positionals)
        }
        #expect(error.kind == .invalidInput)
        return error.message
    }

    // MARK: Accepted forms

    @Test func noArguments() throws {
        let a = try parse([])
        #expect(a.values.isEmpty)
        #expect(a.flags.isEmpty)
        #expect(a.positionals.isEmpty)
        #expect(a.value("energy") == nil)
        #expect(!a.flag("json"))
        #expect(!a.has("energy"))
    }

    @Test func valueAsNextArgument() throws {
        let a = try parse(["--x", "1"])
        #expect(a.value("x") == "1")
        #expect(a.has("x"))
        #expect(!a.flag("x"))
    }

    @Test func valueAfterEquals() throws {
        let a = try parse(["--x=1"])
        #expect(a.value("x") == "1")
    }

    @Test func valueAfterEqualsMayContainEquals() throws {
        #expect(try parse(["--energy=a=b"]).value("energy") == "a=b")
    }

    @Test func emptyValueAfterEquals() throws {
        #expect(try parse(["--energy="]).value("energy") == "")
    }

    @Test func valueWithSpaces() throws {
        #expect(try parse(["--energy", "1,287 MWh"]).value("energy") == "1,287 MWh")
    }

    @Test func flags() throws {
        let a = try parse(["--json", "--market-based"])
        #expect(a.flag("json"))
        #expect(a.flag("market-based"))
        #expect(a.has("json"))
        #expect(a.value("json") == nil)
    }

    @Test func repeatedFlagIsHarmless() throws {
        #expect(try parse(["--json", "--json"]).flag("json"))
    }

    @Test func mixedOptionsAndPositionals() throws {
        let a = try parse(["US", "--energy", "50GWh", "--json", "2023", "--pue=1.1"], positionals: Self.twoPositionals)
        #expect(a.positionals == ["US", "2023"])
        #expect(a.value("energy") == "50GWh")
        #expect(a.value("pue") == "1.1")
        #expect(a.flag("json"))
    }

    @Test func doubleDashEndsOptions() throws {
        let a = try parse(["--json", "--", "--energy"], positionals: Self.onePositional)
        #expect(a.flag("json"))
        #expect(a.positionals == ["--energy"])
        #expect(a.value("energy") == nil)
    }

    @Test func afterDoubleDashEvenSingleDashWordsArePositionals() throws {
        let a = try parse(["--", "-x", "--"], positionals: Self.twoPositionals)
        #expect(a.positionals == ["-x", "--"])
    }

    @Test func singleDashIsAPositional() throws {
        #expect(try parse(["-"], positionals: Self.onePositional).positionals == ["-"])
    }

    @Test(arguments: ["-5", "-0.5", "-.5", "-5GWh"])
    func negativeNumberIsAPositional(argument: String) throws {
        #expect(try parse([argument], positionals: Self.onePositional).positionals == [argument])
    }

    @Test(arguments: ["-5GWh", "-5", "-0.5..1", "-", "-x"])
    func valueStartingWithADashIsTakenAsTheValue(value: String) throws {
        let a = try parse(["--energy", value, "--json"])
        #expect(a.value("energy") == value)
        #expect(a.flag("json"))
    }

    // MARK: Usage errors

    @Test func unknownOptionWithSuggestion() throws {
        let m = try usageError(["--energi", "50GWh"])
        #expect(m.contains("unknown option '--energi'"))
        #expect(m.contains("did you mean --energy?"))
    }

    @Test func unknownOptionWithEqualsNamesOnlyTheOption() throws {
        let m = try usageError(["--energi=50GWh"])
        #expect(m.contains("'--energi'"))
        #expect(!m.contains("50GWh"))
        #expect(m.contains("did you mean --energy?"))
    }

    @Test func unknownOptionWithoutSuggestion() throws {
        let m = try usageError(["--frobnicate"])
        #expect(m.contains("unknown option '--frobnicate'"))
        #expect(!m.contains("did you mean"))
        #expect(m.contains("--help"))
    }

    @Test func helpIsNotAnOptionOfTheParser() throws {
        // `--help` is handled before parsing; a spec without it refuses it.
        _ = try usageError(["--help"])
    }

    @Test(arguments: ["-e", "-json", "-energy=5"])
    func singleDashOption(argument: String) throws {
        let m = try usageError([argument], positionals: Self.onePositional)
        #expect(m.contains("'\(argument)'"))
        #expect(m.contains("two dashes"))
    }

    @Test func missingValueAtTheEnd() throws {
        let m = try usageError(["--json", "--energy"])
        #expect(m.contains("--energy needs a value"))
        #expect(m.contains("ENERGY"))
    }

    @Test func missingValueBeforeAnotherOption() throws {
        let m = try usageError(["--energy", "--json"])
        #expect(m.contains("--energy needs a value (ENERGY)"))
        let n = try usageError(["--energy", "--pue=1.1"])
        #expect(n.contains("--energy needs a value"))
    }

    @Test func repeatedOption() throws {
        let m = try usageError(["--energy", "50GWh", "--energy", "60GWh"])
        #expect(m.contains("--energy is given twice"))
    }

    @Test func repeatedOptionInMixedForms() throws {
        let m = try usageError(["--energy=50GWh", "--energy", "50GWh"])
        #expect(m.contains("--energy is given twice"))
    }

    @Test func unexpectedPositionalWhenNoneAreAllowed() throws {
        let m = try usageError(["--energy", "50GWh", "60GWh"])
        #expect(m.contains("unexpected argument '60GWh'"))
        #expect(m.contains("only options"))
    }

    @Test func unexpectedSecondPositional() throws {
        let m = try usageError(["US", "2023"], positionals: Self.onePositional)
        #expect(m.contains("unexpected argument '2023'"))
        #expect(!m.contains("only options"))
    }

    @Test(arguments: ["--json=1", "--json=", "--market-based=yes"])
    func switchGivenAValue(argument: String) throws {
        let m = try usageError([argument])
        #expect(m.contains("is a switch and takes no value"))
        #expect(m.contains(String(argument.prefix { $0 != "=" })))
    }

    // MARK: parsed(_:_:)

    @Test func parsedValue() throws {
        let a = try parse(["--energy", "50GWh"])
        #expect(try a.parsed("energy", Energy.parse) == Energy.gigawattHours(50))
        #expect(try a.parsed("pue", Energy.parse) == nil)
    }

    @Test func parseErrorsNameTheOption() throws {
        let a = try parse(["--energy", "-5GWz"])
        let error = try #require(throws: CO2eError.self) { try a.parsed("energy", Energy.parse) }
        #expect(error.kind == .invalidInput)
        #expect(error.message.hasPrefix("--energy: "))
        #expect(error.message.contains("'GWz'"))
    }

    // MARK: OptionSpec

    @Test func optionUsage() {
        #expect(OptionSpec.value("energy", "ENERGY", "").usage == "--energy ENERGY")
        #expect(OptionSpec.flag("json", "").usage == "--json")
        #expect(OptionSpec.value("energy", "ENERGY", "").takesValue)
        #expect(!OptionSpec.flag("json", "").takesValue)
    }

    // MARK: Help text

    /// The text with every run of whitespace made one space, so wrapped lines compare.
    func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func trainingHelpListsEveryOptionWithItsHelp() {
        let help = TrainingCommand.help
        let flat = collapsed(help)
        #expect(!TrainingCommand.options.isEmpty)
        for option in TrainingCommand.options {
            #expect(help.contains("  " + option.usage), "usage of --\(option.name) missing")
            #expect(flat.contains(collapsed(option.usage + " " + option.help)), "help of --\(option.name) missing")
        }
        #expect(help.contains("--help"))
        #expect(help.hasPrefix("OVERVIEW: \(TrainingCommand.abstract)\n\nUSAGE: co2e training [options]\n"))
        #expect(help.contains("\nOPTIONS:\n"))
        #expect(help.contains(TrainingCommand.discussion))
    }

    @Test func trainingHelpListsOptionsInDeclarationOrder() throws {
        let help = TrainingCommand.help
        var previous = help.startIndex
        for option in TrainingCommand.options {
            let found = try #require(help.range(of: "  " + option.usage + " ", range: previous..<help.endIndex)
                ?? help.range(of: "  " + option.usage + "\n", range: previous..<help.endIndex),
                "--\(option.name) out of order")
            previous = found.upperBound
        }
    }

    @Test func trainingHelpLinesFitInOneHundredColumns() {
        let optionsPart = TrainingCommand.help.components(separatedBy: "\nOPTIONS:\n")[1]
            .components(separatedBy: "\n\n")[0]
        for line in optionsPart.split(separator: "\n") {
            #expect(line.count <= 100, "too long: \(line)")
        }
    }

    @Test func everyTrainingOptionIsAcceptedByTheParser() throws {
        // Every option the help lists parses: switches alone, value options with a value.
        var arguments: [String] = []
        for option in TrainingCommand.options {
            arguments.append("--" + option.name)
            if option.takesValue { arguments.append("v") }
        }
        let a = try ParsedArguments(arguments, options: TrainingCommand.options, positionals: TrainingCommand.positionals)
        for option in TrainingCommand.options {
            #expect(a.has(option.name))
        }
    }

    @Test func optionNamesAreUnique() {
        let names = TrainingCommand.options.map(\.name)
        #expect(Set(names).count == names.count)
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
