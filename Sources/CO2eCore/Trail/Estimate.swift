/// An estimate that explains itself: the steps from inputs to results, each with a stable key
/// and the sources it was read from; tables; nested parts (a break-even holds a training and an
/// inference estimate; a comparison holds one estimate per grid); and the notes a careful reader
/// needs. The CLI prints it as text, JSON or CSV; a library caller reads the same fields.
public struct Estimate: Sendable {
    /// One line of the trail: an input, an intermediate value, or a result.
    package struct Step: Sendable, Hashable {
        /// Stable snake_case key for tools: `facility_energy`, `location_based`.
        package let key: String
        /// What the value is, for people: "Energy at the facility".
        package let label: String
        /// The value, with its spread and its printed text.
        package let value: Value
        /// How it was obtained: "given", or the arithmetic with the inputs' values.
        package let how: String
        /// Where its number was read, for values taken from a source.
        package let citations: [Citation]

        /// A step with its key, label, value, how it was obtained and where it was read.
        package init(_ key: String, _ label: String, _ value: Value, how: String, citations: [Citation] = []) {
            self.key = key
            self.label = label
            self.value = value
            self.how = how
            self.citations = citations
        }
    }

    /// Stable key of the estimate (`training`, or a part's key such as `grid_1`).
    package var key: String
    /// What was estimated: "Training run".
    public var title: String
    /// The inputs and intermediate values, in the order they were computed.
    package var steps: [Step] = []
    /// The final figures.
    package var results: [Step] = []
    /// Series of rows (grids side by side, years x scenarios).
    package var tables: [Table] = []
    /// Pictures' data the tables do not hold (an hourly run's daily profile); drawn by the
    /// HTML page only.
    package var charts: [Chart] = []
    /// Day-by-hour pictures of shares (an hourly run's CFE by hour), drawn by the HTML page and
    /// `--chart` only.
    package var heatMaps: [HeatMap] = []
    /// Estimates this one is built from, each complete with its own trail.
    package var parts: [Estimate] = []
    /// Every source cited, once each.
    public private(set) var sources: [Source] = []
    /// Every grid factor used, with zone, year, basis and source (each also cited in `sources`).
    package var gridFactors: [GridFactor] = []
    /// Things the reader must know to use the figures correctly.
    public var warnings: [Note] = []
    /// Conventions and assumptions the figures rest on.
    package var assumptions: [Note] = []

    /// An empty estimate with its key and title.
    package init(key: String, title: String) {
        self.key = key
        self.title = title
    }

    /// Adds `source` unless one with its id is already cited.
    package mutating func cite(_ source: Source) {
        if !sources.contains(where: { $0.id == source.id }) { sources.append(source) }
    }

    /// Adds a warning unless the same text is there.
    package mutating func warn(_ key: String, _ text: String) {
        if !warnings.contains(where: { $0.text == text }) { warnings.append(Note(key, text)) }
    }

    /// Adds an assumption unless one with its key is there.
    package mutating func assume(_ key: String, _ text: String) {
        if !assumptions.contains(where: { $0.key == key }) { assumptions.append(Note(key, text)) }
    }

    /// The step or result with `key` in this estimate (not its parts: see `part(_:)`).
    package func step(_ key: String) -> Step? {
        steps.first { $0.key == key } ?? results.first { $0.key == key }
    }

    /// The result with `key`.
    package func result(_ key: String) -> Step? {
        results.first { $0.key == key }
    }

    /// The part with `key`.
    package func part(_ key: String) -> Estimate? {
        parts.first { $0.key == key }
    }

    /// The bounds of the result `key` in its reported unit (kg for masses).
    package func bounds(of key: String) -> Interval? {
        result(key)?.value.spread.interval
    }

    /// Checks that every number is finite, so an overflow (say `1e300GWh` x a factor) is an
    /// error rather than "inf" in the output.
    ///
    /// - Throws: `CO2eError` of `kind`, naming the first value out of range.
    package func checkFinite(_ kind: CO2eError.Kind = .invalidInput) throws {
        for step in steps + results where step.value.isNumeric && !step.value.spread.isFinite {
            throw CO2eError(kind, "\(step.label) is too large to compute; check the inputs and their units")
        }
        for table in tables {
            for row in table.rows {
                for case let .value(v) in row where v.isNumeric && !v.spread.isFinite {
                    throw CO2eError(kind, "a value in \(table.title) is too large to compute; check the inputs and their units")
                }
            }
        }
        for part in parts { try part.checkFinite(kind) }
    }
}
