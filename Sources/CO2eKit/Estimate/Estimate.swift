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
        public let key: String
        public let label: String
        public let mass: Mass
        /// How it was obtained.
        public let how: String

        public init(key: String, label: String, mass: Mass, how: String) {
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

    /// The final figure with `key`, if the estimate has it.
    public func figure(_ key: String) -> Figure? {
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
                .object([("key", .string(figure.key)), ("label", .string(figure.label)),
                         ("how", .string(figure.how)), ("measure", Measure(figure.mass).json)])
            })),
            ("factors", .array(factors.map(\.json))),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }
}
