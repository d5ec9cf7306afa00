import CO2eKit

/// `co2e impact`: Impact Framework's Shell-plugin exchange. IF writes a component's
/// observations to standard input as YAML; co2e writes them back with their carbon fields.
struct ImpactCommand: Command {
    static let name = "impact"
    static let abstract = "Impact Framework's Shell plugin: observations (YAML) in, the same observations with carbon-operational, carbon-embodied and carbon (gCO2e) out."
    static let discussion = """
    Reads IF's observations (a YAML sequence of mappings) from standard input, or FILE, and
    writes them back, every field kept in order, with carbon-operational = energy (kWh) ×
    grid/carbon-intensity (gCO2e/kWh); carbon-embodied = device/emissions-embodied (gCO2e) ×
    (time-reserved or duration / device/expected-lifespan, seconds) × (resources-reserved /
    resources-total) where those fields are given; carbon, their sum; co2e/grid-intensity and
    co2e/grid-source, the factor used and where it came from. An observation's intensity is its
    own grid/carbon-intensity, else the zone in its --zone-field field, else the --grid zone
    (bundled factors: the zone's newest year). The output is YAML (--json, --csv, --summary,
    --value and --html are refused); on an error nothing is written to standard output, the error goes to standard error and the
    exit code is non-zero.

    IN AN IF MANIFEST:
      initialize:
        plugins:
          co2e:
            method: Shell
            path: builtin
            config:
              command: co2e impact --zone-field cloud/region

    EXAMPLES:
      co2e impact < inputs.yaml > outputs.yaml
      co2e impact --grid DE < inputs.yaml
      co2e impact --zone-field cloud/region examples/impact/inputs.yaml
    """
    static let positionals = [Positional(name: "FILE", help: "The observations (YAML); '-' or nothing reads standard input.", optional: true)]
    static let grid = Option<String>("grid", "ZONE", "The zone for observations with neither grid/carbon-intensity nor a zone field: a country (DE), eGRID subregion (eGRID:SRVC) or cloud region (us-east-1).", field: "grid") { $0 }
    static let zoneField = Option<String>("zone-field", "FIELD", "The observation field that names each observation's zone, e.g. cloud/region.", field: "zone_field") { $0 }
    static var options: [any OptionDeclaration] { [grid, zoneField] }

    static func run(_ a: Arguments) throws -> Output {
        if let format = ([OutputOptions.json, OutputOptions.csv, OutputOptions.summary, OutputOptions.value, OutputOptions.html] as [any OptionDeclaration]).first(where: { a.has($0) }) {
            throw CO2eError(.invalidInput, "is refused: impact writes the observations back as YAML, the manifest's format", code: .invalidValue, field: format.field)
        }
        let path = a.positionals.first ?? "-"
        let shown = path == "-" ? "standard input" : path
        let bytes = path == "-"
            ? try BatchCommand.readAll(0, name: shown, limit: YAMLValue.maximumBytes, what: "IF's observations are YAML text")
            : try FileIO.read(path, limit: YAMLValue.maximumBytes)
        let exchange = ImpactExchange(zone: a.text(grid), zoneField: a.text(zoneField))
        // Rendered whole before anything is written: an error leaves standard output empty.
        return .document(try exchange.respond(to: bytes, origin: shown))
    }
}
