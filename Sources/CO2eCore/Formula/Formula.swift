/// A handle on one named value of a `Formula`: an input, an intermediate step or a result.
package struct Variable<D: PhysicalDimension>: Hashable, Sendable {
    /// Its position in the formula's values.
    package let index: Int

    /// The variable at `index` of a formula's values.
    package init(index: Int) { self.index = index }
}

/// The numbers of one evaluation of a formula, in base units, one per variable.
///
/// The numbers live in one buffer that a copy of `Values` shares (`copy()` makes a separate
/// one): compute code runs once per Monte Carlo sample, and an array's copy-on-write check on
/// every write cost more than the arithmetic. Each access is still bounds-checked.
package struct Values: @unchecked Sendable {
    @usableFromInline final class Buffer {
        @usableFromInline let base: UnsafeMutablePointer<Double>
        @usableFromInline let count: Int
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: Swift.max(1, count))
            base.initialize(repeating: 0, count: Swift.max(1, count))
        }
        deinit { base.deallocate() }
    }

    @usableFromInline let buffer: Buffer

    init(count: Int) { buffer = Buffer(count: count) }

    /// A separate copy of these numbers.
    func copy() -> Values {
        let c = Values(count: buffer.count)
        c.buffer.base.update(from: buffer.base, count: buffer.count)
        return c
    }

    /// The value of `v` in this evaluation.
    @inlinable package subscript<D>(_ v: Variable<D>) -> Quantity<D> {
        get { Quantity(baseValue: self[raw: v.index]) }
        nonmutating set { self[raw: v.index] = newValue.baseValue }
    }

    /// The raw base value at an index (for code that handles variables of several dimensions).
    @inlinable package subscript(raw index: Int) -> Double {
        get {
            precondition(index >= 0 && index < buffer.count, "variable of another formula")
            return buffer.base[index]
        }
        nonmutating set {
            precondition(index >= 0 && index < buffer.count, "variable of another formula")
            buffer.base[index] = newValue
        }
    }

    /// The numbers, for the formula's own loops.
    var storage: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: buffer.base, count: buffer.count) }
}

/// A model's arithmetic, written once: named inputs, then code that computes every step and
/// result from them. The same code gives a single value, the exact ends of a range, and Monte
/// Carlo samples.
///
/// - A single value: every input is exact; the code runs once.
/// - Bounds: the code runs at every corner of the ranged inputs (each at its low and its high
///   end) and each variable takes its lowest and highest value. An input used twice is still
///   one input, so `x - x` is exactly 0 and `E x I_US / (E x I_FR)` does not depend on E. The
///   ends are exact when each value is monotone in each input; an input declared
///   `monotone: false` is instead swept over 33 evenly spaced points between its ends, and the
///   evaluation says so (`sweptInputs`).
/// - Samples: the caller gives an array of draws per ranged input; the code runs once per draw
///   and formats nothing.
///
/// The trail (labels, sources, text) is built from an `Evaluation` apart from the arithmetic.
package struct Formula: Sendable {
    /// One named value.
    package struct Slot: Sendable, Hashable {
        /// Stable snake_case key, unique in the formula.
        package let key: String
        /// The dimension's key (`energy`, `mass/energy`).
        package let dimension: String
        /// For inputs: the value or bounds given, in base units.
        package let given: Interval?
        /// False for an input the formula may not be monotone in: its range is swept.
        package let monotone: Bool
        /// For inputs: what Monte Carlo sampling draws (bounds are uniform); nil for an exact
        /// input and for computed values.
        package let distribution: DistributionShape?
        /// True when the input was given as a distribution (not as bounds).
        package let isDistribution: Bool
        /// For sampled inputs, what they are drawn from, for people (`uniform 50–60 GWh`).
        package let drawnFrom: String?
    }

    package private(set) var slots: [Slot] = []
    /// For inputs whose figures turn at known points: given the inputs of one corner, the
    /// points (base units) where the input's effect changes slope.
    private var kinkPoints: [Int: @Sendable (Values) -> [Double]] = [:]
    /// A key added twice (a programming error, reported by `evaluate` rather than trapping).
    private var duplicateKey: String?
    /// The keys added, so a new one is checked in constant time (a projection of thousands of
    /// regions has tens of thousands of variables).
    private var keys: Set<String> = []
    /// Put in front of every key added while set (`grid_2.location_based`), so that parts of
    /// one formula (one per grid) keep their own keys.
    package var keyPrefix = ""
    private var steps: [@Sendable (inout Values) -> Void] = []
    /// Points a non-monotone input is swept over.
    package static let sweepPoints = 33
    /// At most this many evaluations for bounds (2^20 corners).
    package static let maximumEvaluations = 1 << 20

    /// An empty formula.
    package init() {}

    /// A named input, exact, with bounds, or a distribution (whose `interval` the corner
    /// evaluation uses; `MonteCarlo` samples it).
    package mutating func input<D>(_ key: String, _ given: Uncertain<D>, monotone: Bool = true) -> Variable<D> {
        add(key, D.key, given: given.interval, monotone: monotone, distribution: given.samplingShape,
            isDistribution: given.isDistribution, drawnFrom: given.samplingText)
    }

    /// A named input whose figures are monotone between known points that depend on the other
    /// inputs (where a claim fills the energy left, say): `evaluate` tries each end and, at every
    /// corner of the other inputs, each such point within the range, so the ends stay exact.
    package mutating func input<D>(_ key: String, _ given: Uncertain<D>,
                                  kinks: @escaping @Sendable (Values) -> [Double]) -> Variable<D> {
        // Drawn like any other input when sampling: the kinks only matter for exact ends.
        let v: Variable<D> = add(key, D.key, given: given.interval, monotone: true, distribution: given.samplingShape,
                                 isDistribution: given.isDistribution, drawnFrom: given.samplingText)
        kinkPoints[v.index] = kinks
        return v
    }

    /// A named input with a single value.
    package mutating func input<D>(_ key: String, _ value: Quantity<D>) -> Variable<D> {
        add(key, D.key, given: Interval(value.baseValue), monotone: true)
    }

    /// A value the formula's code computes.
    package mutating func value<D>(_ key: String, _ dimension: D.Type) -> Variable<D> {
        add(key, D.key, given: nil, monotone: true)
    }

    /// Appends arithmetic. It reads and writes variables through `Values` and must not format,
    /// print or allocate per run: it runs once per corner or sample.
    package mutating func compute(_ body: @escaping @Sendable (inout Values) -> Void) {
        steps.append(body)
    }

    private mutating func add<D>(_ key: String, _ dimension: String, given: Interval?, monotone: Bool,
                                 distribution: DistributionShape? = nil, isDistribution: Bool = false,
                                 drawnFrom: String? = nil) -> Variable<D> {
        let key = keyPrefix.isEmpty ? key : keyPrefix + "." + key
        if !keys.insert(key).inserted && duplicateKey == nil { duplicateKey = key }
        slots.append(Slot(key: key, dimension: dimension, given: given, monotone: monotone, distribution: distribution,
                          isDistribution: isDistribution, drawnFrom: drawnFrom))
        return Variable(index: slots.count - 1)
    }

    /// The index of the variable with `key`.
    package func index(of key: String) -> Int? { slots.firstIndex { $0.key == key } }

    /// Runs the code once on `values` (inputs already set).
    @inlinable package func run(_ values: inout Values) {
        for step in stepsForRun { step(&values) }
    }

    @usableFromInline var stepsForRun: [@Sendable (inout Values) -> Void] { steps }

    /// True when an input is a distribution (not only bounds): the estimate should be sampled.
    package var hasDistributions: Bool {
        slots.contains(where: \.isDistribution)
    }

    /// Values with every input at its lower end.
    func startingValues() -> Values {
        let v = Values(count: slots.count)
        for (k, s) in slots.enumerated() { if let g = s.given { v.storage[k] = g.lower } }
        return v
    }

    /// Evaluates every variable: exactly when all inputs are exact, else over the corners of
    /// the ranged inputs, with each input's kink points where it declares them (swept over
    /// `sweepPoints` where declared not monotone).
    ///
    /// - Throws: `CO2eError.invalidInput` when an input is not a finite number, when so many
    ///   inputs are ranged that the corners exceed `maximumEvaluations`, or when a key was used
    ///   twice.
    package func evaluate() throws -> Evaluation {
        if let duplicateKey {
            throw CO2eError(.invalidInput, "is used for two values of one formula; each value needs its own key", field: duplicateKey)
        }
        var ranged: [(index: Int, points: [Double])] = []
        for (k, s) in slots.enumerated() {
            guard let g = s.given else { continue }
            guard g.isFinite else {
                throw CO2eError(.invalidInput, "is not a finite number", field: s.key, value: "\(g.lower)..\(g.upper)")
            }
            guard !g.isPoint else { continue }
            if s.monotone {
                ranged.append((k, [g.lower, g.upper]))
            } else {
                let n = Self.sweepPoints
                ranged.append((k, (0..<n).map { g.lower + (g.upper - g.lower) * Double($0) / Double(n - 1) }))
            }
        }
        var total = 1
        for r in ranged {
            total = total.multipliedReportingOverflow(by: r.points.count).partialValue
            guard total <= Self.maximumEvaluations else {
                throw CO2eError(.invalidInput, "too many inputs are ranges (\(ranged.count)) to find exact ends; give at most 20 as ranges")
            }
        }
        var values = startingValues()
        var low = [Double](repeating: .infinity, count: slots.count)
        var high = [Double](repeating: -.infinity, count: slots.count)
        var position = [Int](repeating: 0, count: ranged.count)
        let kinked = kinkPoints.keys.sorted().filter { slots[$0].given.map { !$0.isPoint } ?? false }
        var evaluations = 0
        func record(_ values: inout Values) {
            run(&values)
            evaluations += 1
            for k in 0..<slots.count {
                let x = values.storage[k]
                if x.isNaN { low[k] = .nan; high[k] = .nan; continue }
                if x < low[k] { low[k] = x }
                if x > high[k] { high[k] = x }
            }
        }
        for _ in 0..<total {
            for (r, p) in zip(ranged, position) { values.storage[r.index] = r.points[p] }
            if kinked.isEmpty {
                record(&values)
            } else {
                // Each kinked input in turn: every point so far, and the same point with that
                // input moved to each of its kinks inside its range.
                var points = [values]
                for k in kinked {
                    let range = slots[k].given!
                    var more: [Values] = []
                    for p in points {
                        for x in kinkPoints[k]!(p) where x > range.lower && x < range.upper {
                            let q = p.copy()
                            q.storage[k] = x
                            more.append(q)
                        }
                    }
                    points += more
                }
                for var p in points { record(&p) }
            }
            // Next combination (odometer).
            var d = 0
            while d < position.count {
                position[d] += 1
                if position[d] < ranged[d].points.count { break }
                position[d] = 0
                d += 1
            }
        }
        let spreads = (0..<slots.count).map { k -> Spread in
            low[k].isNaN || high[k].isNaN ? .exact(.nan) : low[k] == high[k] ? .exact(low[k]) : .bounds(low[k], high[k])
        }
        let swept = ranged.filter { !slots[$0.index].monotone }.map { slots[$0.index].key }
        return Evaluation(slots: slots, spreads: spreads, evaluations: evaluations, sweptInputs: swept)
    }

    /// Runs the code once per sample: `draws[input]` holds one value per sample for each
    /// ranged input (others keep their single value); returns `output`'s value per sample.
    ///
    /// - Throws: `CO2eError.invalidInput` when draw arrays differ in length, or a ranged input
    ///   has none.
    package func samples<D>(_ draws: [Int: [Double]], of output: Variable<D>) throws -> [Quantity<D>] {
        var values = startingValues()
        let counts = Set(draws.values.map(\.count))
        guard counts.count <= 1 else { throw CO2eError.input("every input needs the same number of samples") }
        for (k, s) in slots.enumerated() where s.given.map({ !$0.isPoint }) == true && draws[k] == nil {
            throw CO2eError(.invalidInput, "is a range but has no samples", field: s.key)
        }
        let n = counts.first ?? 1
        var out = [Quantity<D>]()
        out.reserveCapacity(n)
        let inputs = Array(draws)
        for i in 0..<n {
            for (k, column) in inputs { values.storage[k] = column[i] }
            run(&values)
            out.append(values[output])
        }
        return out
    }
}

/// Every variable of a formula after evaluation, with its spread.
package struct Evaluation: Sendable {
    /// The formula's named values, in order.
    package let slots: [Formula.Slot]
    /// Each variable's spread, in base units.
    package let spreads: [Spread]
    /// How many times the code ran.
    package let evaluations: Int
    /// Inputs the formula is not monotone in, whose ranges were swept (ends found on a grid).
    package let sweptInputs: [String]
    /// For a Monte Carlo evaluation: its settings, and what drives each output's spread.
    package let monteCarlo: MonteCarloSummary?

    init(slots: [Formula.Slot], spreads: [Spread], evaluations: Int, sweptInputs: [String], monteCarlo: MonteCarloSummary? = nil) {
        self.slots = slots
        self.spreads = spreads
        self.evaluations = evaluations
        self.sweptInputs = sweptInputs
        self.monteCarlo = monteCarlo
    }

    /// The spread of `v`, in base units.
    package subscript<D>(_ v: Variable<D>) -> Spread { spreads[v.index] }

    /// The bounds of `v` in base units.
    package func interval<D>(_ v: Variable<D>) -> Interval { spreads[v.index].interval }

    /// The single value of `v`, or its lower end.
    package func lower<D>(_ v: Variable<D>) -> Quantity<D> { Quantity(baseValue: interval(v).lower) }

    /// `v` printed for people: `19,177–23,013 tCO2e`.
    package func text<D>(_ v: Variable<D>, unit: String? = nil) -> String {
        Quantity<D>.format(interval(v), unit: unit)
    }

    /// `v` as a trail value.
    package func value<D>(_ v: Variable<D>, unit: String? = nil) -> Value {
        Value(spreads[v.index], D.self, unit: unit)
    }

    /// True when `v` is a single value.
    package func isExact<D>(_ v: Variable<D>) -> Bool {
        if case .exact = spreads[v.index] { return true }
        return false
    }
}
