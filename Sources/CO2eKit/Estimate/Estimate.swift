/// The key of a final figure, stable for tools reading JSON: `location_based`, `market_based`...
public struct FigureKey: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// Emissions at the grid's location-based factor (annual, or hour by hour).
    public static let locationBased: FigureKey = "location_based"
    /// Emissions after carbon-free energy matched to the load (Patterson's "net").
    public static let net: FigureKey = "net"
    /// GHG Protocol scope 2, market-based method.
    public static let marketBased: FigureKey = "market_based"
    /// The same energy at one average factor (hourly estimates).
    public static let averageFactor: FigureKey = "average_factor"
    /// Location-based (time-matched) minus average-factor emissions (hourly estimates).
    public static let difference: FigureKey = "difference"
}

/// An estimate that explains itself: the steps from inputs to result, each grid factor with its
/// source and year, the final figures, and the warnings a careful reader needs.
///
/// The CLI prints it as a table or as JSON; a library caller reads the same fields.
public struct Estimate: Sendable {
    /// One line of the trail: what was computed, its value, and how.
    public struct Step: Sendable, Hashable {
        /// What the value is, e.g. "Energy at the facility".
        public let label: String
        public let measure: Measure
        /// How it was obtained: "given", or the arithmetic with the inputs' values.
        public let how: String

        public init(_ label: String, _ measure: Measure, how: String) {
            self.label = label
            self.measure = measure
            self.how = how
        }
    }

    /// A final figure, such as the location-based emissions.
    public struct Figure: Sendable, Hashable {
        /// A stable key for tools: `location_based`, `market_based`, `net`.
        public let key: FigureKey
        public let label: String
        public let mass: Mass
        /// How it was obtained.
        public let how: String

        public init(key: FigureKey, label: String, mass: Mass, how: String) {
            self.key = key
            self.label = label
            self.mass = mass
            self.how = how
        }
    }

    /// What was estimated, e.g. "Training run".
    public var subject: String
    public var steps: [Step] = []
    public var figures: [Figure] = []
    /// Every grid factor the estimate used, with year, basis and source.
    public var factors: [GridFactor] = []
    /// Things the reader must know to use the figures correctly.
    public var warnings: [String] = []

    public init(subject: String) {
        self.subject = subject
    }

    /// Checks that every step and figure is a finite number, so an overflow (say `1e300GWh`)
    /// is an error rather than an "inf" in the output.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the first value out of range.
    /// - Parameter kind: how to report it: `.invalidInput` when the values came from the
    ///   caller's options, `.invalidData` when they came from a file.
    public func checkFinite(_ kind: CO2eError.Kind = .invalidInput) throws {
        for step in steps where !step.measure.value.isFinite {
            throw CO2eError(kind, "\(step.label) is too large to compute; check the inputs and their units")
        }
        for figure in figures where !figure.mass.baseValue.isFinite {
            throw CO2eError(kind, "\(figure.label) is too large to compute; check the inputs and their units")
        }
    }

    /// The final figure with `key`, if the estimate has it.
    public func figure(_ key: FigureKey) -> Figure? {
        figures.first { $0.key == key }
    }

    /// The estimate as JSON, with the same content as the printed table.
    public var json: JSONValue {
        .object([
            ("subject", .string(subject)),
            ("steps", .array(steps.map { step in
                .object([("label", .string(step.label)), ("how", .string(step.how)), ("measure", step.measure.json)])
            })),
            ("results", .array(figures.map { figure in
                .object([("key", .string(figure.key.rawValue)), ("label", .string(figure.label)),
                         ("how", .string(figure.how)), ("measure", Measure(figure.mass).json)])
            })),
            ("factors", .array(factors.map(\.json))),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }
}
