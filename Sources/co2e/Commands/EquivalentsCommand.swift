import CO2eKit

/// `co2e equivalents`: a mass of CO2e as cars, homes, flights and phone charges.
struct EquivalentsCommand: Command {
    static let name = "equivalents"
    static let abstract = "A mass of CO2e as everyday equivalents (cars for a year, homes, flights, phone charges), each sourced."
    static let discussion = """
    Every estimate command takes --equivalents to add the same table to its results.

    EXAMPLES:
      co2e equivalents 22kt
      co2e equivalents 19177..23013t
      co2e equivalents 90t --source strubell
      co2e training --energy 50..60GWh --grid US --equivalents
    """
    static let positionals = [Positional(name: "MASS", help: "Emissions: 22kt, 552.1t, or a range 19177..23013t.", optional: false)]
    static let source = Option<String>("source", "SET", "Whose equivalents: epa, patterson or strubell (Strubell et al. 2019); without it, EPA's with Patterson et al.'s flights.", field: "equivalents_source") { $0 }
    static var options: [any OptionDeclaration] { [source] }

    static func run(_ a: Arguments) throws -> Output {
        guard let text = a.positionals.first else { throw CO2eError.input("give a MASS, e.g. 'co2e equivalents 22kt'") }
        let mass: Uncertain<MassDimension>
        do { mass = try Mass.parseRange(text) } catch let e as CO2eError { throw e.attributed(to: "mass") }
        let estimate = try Equivalents.estimate(mass, set: a.text(source))
        return .estimate(estimate)
    }
}
