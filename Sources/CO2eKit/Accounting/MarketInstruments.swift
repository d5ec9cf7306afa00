/// Contractual instruments for the market-based scope 2 figure (GHG Protocol Scope 2 Guidance,
/// WRI/WBCSD 2015, Chapter 6): energy attribute certificates and power purchase agreements cover
/// part of the consumption at their own emission rate; the rest takes a supplier-specific rate,
/// else a residual-mix factor, else (with a warning) the location-based factor.
public struct MarketInstruments: Sendable, Hashable {
    /// One contractual instrument.
    public struct Instrument: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// Energy attribute certificates: RECs, Guarantees of Origin, I-RECs.
            case certificates
            /// A power purchase agreement with its attributes retained.
            case ppa

            var label: String { self == .certificates ? "certificates (RECs/GOs)" : "PPA" }
        }

        /// How much of the consumption an instrument covers.
        public enum Coverage: Sendable, Hashable {
            /// A share of the consumption, 0 to 1.
            case share(Interval)
            /// An amount of energy.
            case energy(Energy)
        }

        public var kind: Kind
        public var coverage: Coverage
        /// The emission rate of the instrument's energy: 0 for renewable certificates.
        public var intensity: Intensity

        public init(_ kind: Kind, covering coverage: Coverage, at intensity: Intensity = .gramsPerKilowattHour(0)) {
            self.kind = kind
            self.coverage = coverage
            self.intensity = intensity
        }
    }

    public var instruments: [Instrument]
    /// The supplier's own emission rate, for consumption no instrument covers.
    public var supplierIntensity: Intensity?
    /// The residual mix (the grid with claimed attributes removed), for consumption neither
    /// instruments nor a supplier rate cover.
    public var residualMix: Intensity?

    public init(instruments: [Instrument] = [], supplierIntensity: Intensity? = nil, residualMix: Intensity? = nil) {
        self.instruments = instruments
        self.supplierIntensity = supplierIntensity
        self.residualMix = residualMix
    }

    /// Checks shares (each and together at most 100 %), energies and intensities.
    public func validate() throws {
        var shareTotal = Interval(0)
        for instrument in instruments {
            switch instrument.coverage {
            case let .share(s):
                try Check.share(s, Measure.share(s).text, context: "\(instrument.kind.label) share")
                shareTotal = shareTotal + s
            case let .energy(e):
                try Check.nonNegative(e.baseValue, e.formatted(), context: "\(instrument.kind.label) energy", what: "covered energy")
            }
            try Self.checkIntensity(instrument.intensity, "\(instrument.kind.label) factor")
        }
        guard shareTotal.upper <= 1 + 1e-12 else {
            throw CO2eError.input("certificates and PPAs cover \(Measure.share(shareTotal).text) of the energy together; at most 100 % can be covered")
        }
        if let s = supplierIntensity { try Self.checkIntensity(s, "supplier factor") }
        if let r = residualMix { try Self.checkIntensity(r, "residual-mix factor") }
    }

    static func checkIntensity(_ i: Intensity, _ name: String) throws {
        try Check.nonNegative(i.baseValue, i.formatted(), context: name, what: "an emission intensity")
    }

    /// Appends the market-based steps and figure for `energy` to `estimate`.
    ///
    /// Instruments are claimed in order: shares first take their part of the energy; amounts
    /// then take what is left, never more (the excess of an over-bought amount cannot be
    /// claimed). The uncovered remainder takes the supplier rate, else the residual mix, else
    /// the location factor with a warning. With ranges among the inputs, the figure is computed
    /// at every corner of the input ranges and spans their lowest and highest result, so each
    /// end is a consistent claim (the figure is monotone in each input).
    func addMarketBased(energy: Energy, locationIntensity: Intensity, to estimate: inout Estimate) throws {
        try validate()
        let remainderIntensity: Intensity
        let remainderSource: String
        if let s = supplierIntensity {
            remainderIntensity = s
            remainderSource = "supplier-specific factor, given"
        } else if let r = residualMix {
            remainderIntensity = r
            remainderSource = "residual-mix factor, given"
        } else {
            remainderIntensity = locationIntensity
            remainderSource = "location-based factor (no residual mix given or bundled)"
        }
        // The inputs: energy, each instrument's coverage and factor, the remainder's factor.
        var inputs: [Interval] = [energy.baseValue]
        for i in instruments {
            switch i.coverage {
            case let .share(s): inputs.append(s)
            case let .energy(e): inputs.append(e.baseValue)
            }
            inputs.append(i.intensity.baseValue)
        }
        inputs.append(remainderIntensity.baseValue)
        let ranged = inputs.indices.filter { !inputs[$0].isPoint }
        guard ranged.count <= 16 else {
            throw CO2eError.input("too many ranges among the market-based inputs (\(ranged.count)); at most 16")
        }
        var claimedLow = [Double](repeating: .infinity, count: instruments.count)
        var claimedHigh = [Double](repeating: -.infinity, count: instruments.count)
        var remainderRange = (low: Double.infinity, high: -Double.infinity)
        var massRange = (low: Double.infinity, high: -Double.infinity)
        var overClaimed = false
        for corner in 0..<(1 << ranged.count) {
            var point = inputs.map(\.lower)
            for (bit, k) in ranged.enumerated() where corner & (1 << bit) != 0 { point[k] = inputs[k].upper }
            let kWh = point[0]
            var shareTotal = 0.0
            for (n, i) in instruments.enumerated() {
                if case .share = i.coverage { shareTotal += point[1 + 2 * n] }
            }
            var left = kWh * max(0, 1 - shareTotal)
            var grams = 0.0
            for (n, i) in instruments.enumerated() {
                let coverage = point[1 + 2 * n], factor = point[2 + 2 * n]
                let claimed: Double
                switch i.coverage {
                case .share:
                    claimed = kWh * coverage
                case .energy:
                    claimed = min(coverage, left)
                    if coverage > left { overClaimed = true }
                    left -= claimed
                }
                claimedLow[n] = min(claimedLow[n], claimed)
                claimedHigh[n] = max(claimedHigh[n], claimed)
                grams += claimed * factor
            }
            grams += left * point[point.count - 1]
            remainderRange = (min(remainderRange.low, left), max(remainderRange.high, left))
            let kilograms = grams / UnitTable.gramsPerKilogram
            massRange = (min(massRange.low, kilograms), max(massRange.high, kilograms))
        }
        var parts: [String] = []
        for (n, i) in instruments.enumerated() {
            let claimed = Energy.kilowattHours(Interval(claimedLow[n], claimedHigh[n]))
            let how: String
            switch i.coverage {
            case let .share(s): how = "\(Measure.share(s).text) of \(energy), at \(i.intensity)"
            case let .energy(e):
                how = claimed.baseValue == e.baseValue
                    ? "given, at \(i.intensity)"
                    : "\(e) given, of which \(claimed) can be claimed (no more than the energy left), at \(i.intensity)"
            }
            estimate.steps.append(.init("Claimed with \(i.kind.label)", Measure(claimed), how: how))
            parts.append("\(claimed) × \(i.intensity)")
        }
        let remainder = Energy.kilowattHours(Interval(remainderRange.low, remainderRange.high))
        if overClaimed {
            estimate.warnings.append("Certificates and PPAs amount to more than the energy they could cover; the excess cannot be claimed and lowers nothing (GHG Protocol Scope 2 Guidance, Chapter 6).")
        }
        if supplierIntensity == nil && residualMix == nil && remainder.baseValue.upper > 0 {
            estimate.warnings.append("No residual-mix factor given or bundled: the \(remainder) no instrument covers is counted at the location-based factor (\(locationIntensity)). A residual mix excludes renewable energy claimed by others and is usually higher, so this market-based figure is likely too low. Pass --residual-mix or --supplier-factor.")
        }
        estimate.steps.append(.init("Not covered by instruments", Measure(remainder), how: "\(energy) less claimed energy"))
        estimate.steps.append(.init("Factor for the uncovered energy", Measure(remainderIntensity), how: remainderSource))
        parts.append("\(remainder) × \(remainderIntensity)")
        estimate.figures.append(.init(key: .marketBased, label: "Market-based emissions",
                                      mass: .kilograms(Interval(massRange.low, massRange.high)),
                                      how: parts.joined(separator: " + ")))
    }
}
