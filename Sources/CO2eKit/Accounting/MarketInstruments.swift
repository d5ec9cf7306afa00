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
                guard s.isFinite, s.lower >= 0, s.upper <= 1 else {
                    throw CO2eError.input("\(instrument.kind.label) share: \(Measure.share(s).text) is outside 0–100 %")
                }
                shareTotal = shareTotal + s
            case let .energy(e):
                guard e.baseValue.isFinite, e.baseValue.lower >= 0 else {
                    throw CO2eError.input("\(instrument.kind.label) energy: \(e) is negative")
                }
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
        guard i.baseValue.isFinite, i.baseValue.lower >= 0 else {
            throw CO2eError.input("\(name): \(i) is negative; an emission intensity is 0 or more g/kWh")
        }
    }

    /// Appends the market-based steps and figure for `energy` to `estimate`.
    func addMarketBased(energy: Energy, locationIntensity: Intensity, to estimate: inout Estimate) throws {
        try validate()
        var shareTotal = Interval(0)
        var absolute = Energy.zero
        var mass = Mass.zero
        var parts: [String] = []
        for instrument in instruments {
            let covered: Energy
            switch instrument.coverage {
            case let .share(s):
                shareTotal = shareTotal + s
                covered = energy * s
                estimate.steps.append(.init("Covered by \(instrument.kind.label)", Measure(covered),
                                            how: "\(Measure.share(s).text) of \(energy), at \(instrument.intensity)"))
            case let .energy(e):
                absolute = absolute + e
                covered = e
                estimate.steps.append(.init("Covered by \(instrument.kind.label)", Measure(covered), how: "given, at \(instrument.intensity)"))
            }
            mass = mass + covered * instrument.intensity
            parts.append("\(covered) × \(instrument.intensity)")
        }
        // What no instrument covers: the shares' complement, less any amounts, never below zero.
        let complement = energy * (Interval(1) - shareTotal)
        var remainder = Energy(baseValue: Interval(max(0, complement.baseValue.lower - absolute.baseValue.upper),
                                                   max(0, complement.baseValue.upper - absolute.baseValue.lower)))
        if absolute.baseValue.upper > complement.baseValue.lower {
            estimate.warnings.append("Certificates and PPAs may cover more than the \(energy) used; the excess cannot be claimed, so it lowers nothing (GHG Protocol Scope 2 Guidance, Chapter 6).")
            if absolute.baseValue.lower > complement.baseValue.upper { remainder = .zero }
            // Claimed energy is at most what was used.
            mass = Mass.zero
            for instrument in instruments {
                switch instrument.coverage {
                case let .share(s): mass = mass + (energy * s) * instrument.intensity
                case let .energy(e):
                    let capped = Energy(baseValue: Interval(min(e.baseValue.lower, complement.baseValue.upper),
                                                            min(e.baseValue.upper, complement.baseValue.upper)))
                    mass = mass + capped * instrument.intensity
                }
            }
        }
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
            if remainder.baseValue.upper > 0 {
                estimate.warnings.append("No residual-mix factor given or bundled: the \(remainder) no instrument covers is counted at the location-based factor (\(locationIntensity)). A residual mix excludes renewable energy claimed by others and is usually higher, so this market-based figure is likely too low. Pass --residual-mix or --supplier-factor.")
            }
        }
        estimate.steps.append(.init("Not covered by instruments", Measure(remainder), how: "\(energy) less covered energy"))
        estimate.steps.append(.init("Factor for the uncovered energy", Measure(remainderIntensity), how: remainderSource))
        mass = mass + remainder * remainderIntensity
        parts.append("\(remainder) × \(remainderIntensity)")
        estimate.figures.append(.init(key: "market_based", label: "Market-based emissions", mass: mass,
                                      how: parts.joined(separator: " + ")))
    }
}
