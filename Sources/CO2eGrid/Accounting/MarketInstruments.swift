import CO2eCore
import CO2eData

/// Contractual instruments for the market-based scope 2 figure (GHG Protocol Scope 2 Guidance,
/// WRI/WBCSD 2015, Chapter 6): energy attribute certificates and power purchase agreements cover
/// part of the consumption at their own emission rate; the rest takes a supplier-specific rate,
/// else a residual-mix factor, else (with a warning) the location-based factor.
public struct MarketInstruments: Sendable, Hashable {
    /// One contractual instrument.
    public struct Instrument: Sendable, Hashable {
        /// What kind of instrument it is.
        public enum Kind: String, Sendable, Hashable {
            /// Energy attribute certificates: RECs, Guarantees of Origin, I-RECs.
            case certificates
            /// A power purchase agreement with its attributes retained.
            case ppa

            /// Field names: `recs`, `rec_factor`; `ppa`, `ppa_factor`.
            package var field: String { self == .certificates ? "recs" : "ppa" }
            /// The field naming its emission rate: `rec_factor`, `ppa_factor`.
            package var factorField: String { self == .certificates ? "rec_factor" : "ppa_factor" }
            var label: String { self == .certificates ? "certificates (RECs/GOs)" : "PPA" }
        }

        /// How much of the consumption an instrument covers.
        public enum Coverage: Sendable, Hashable {
            /// A share of the consumption, 0 to 1.
            case share(Uncertain<ShareDimension>)
            /// An amount of energy.
            case energy(Uncertain<EnergyDimension>)

            /// True when the coverage is one value, not a range.
            package var isExact: Bool {
                switch self {
                case let .share(s): return s.isExact
                case let .energy(e): return e.isExact
                }
            }
        }

        /// Certificates or a PPA.
        package var kind: Kind
        /// The share or amount of energy it covers.
        package var coverage: Coverage
        /// The emission rate of the instrument's energy: 0 for renewable certificates.
        package var intensity: Uncertain<IntensityDimension>

        /// An instrument covering a share or an amount, at its emission rate (0 g/kWh by default).
        public init(_ kind: Kind, covering coverage: Coverage,
                    at intensity: Uncertain<IntensityDimension> = .exact(.gramsPerKilowattHour(0))) {
            self.kind = kind
            self.coverage = coverage
            self.intensity = intensity
        }
    }

    /// The instruments, claimed in order: shares first, then amounts from what is left.
    package var instruments: [Instrument]
    /// The supplier's own emission rate, for consumption no instrument covers.
    package var supplierIntensity: Uncertain<IntensityDimension>?
    /// The residual mix (the grid with claimed attributes removed), for consumption neither
    /// instruments nor a supplier rate cover.
    package var residualMix: Uncertain<IntensityDimension>?

    /// Instruments and the factors for what they leave uncovered.
    public init(instruments: [Instrument] = [], supplierIntensity: Uncertain<IntensityDimension>? = nil,
                residualMix: Uncertain<IntensityDimension>? = nil) {
        self.instruments = instruments
        self.supplierIntensity = supplierIntensity
        self.residualMix = residualMix
    }

    /// Checks shares (each and together at most 100 %), energies and intensities.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field (`recs`, `ppa_factor`, `supplier_factor`).
    package func validate() throws {
        var shareTotal = 0.0
        for instrument in instruments {
            switch instrument.coverage {
            case let .share(s):
                try Check.share(s, field: instrument.kind.field)
                shareTotal += s.interval.upper
            case let .energy(e):
                try Check.nonNegative(e, field: instrument.kind.field)
            }
            try Check.nonNegative(instrument.intensity, field: instrument.kind.factorField)
        }
        guard shareTotal <= 1 + 1e-12 else {
            throw CO2eError(.invalidInput, "certificates and PPAs cover \(Quantity<ShareDimension>.format(Interval(shareTotal))) of the energy together; at most 100 % can be covered",
                            field: "recs")
        }
        if supplierIntensity != nil && residualMix != nil {
            throw CO2eError(.invalidInput, "give either a supplier factor or a residual-mix factor: both would apply to the same uncovered energy (the supplier's rate comes first in the GHG Protocol hierarchy; a residual mix is for energy without one)",
                            field: "supplier_factor")
        }
        if let s = supplierIntensity { try Check.nonNegative(s, field: "supplier_factor") }
        if let r = residualMix { try Check.nonNegative(r, field: "residual_mix") }
    }

    /// The variables the market-based formula adds.
    package struct Variables: Sendable {
        /// Energy each instrument claims, in order.
        package let claimed: [Variable<EnergyDimension>]
        /// Energy no instrument covers.
        package let remainder: Variable<EnergyDimension>
        /// The factor for the remainder.
        package let remainderFactor: Variable<IntensityDimension>
        /// Energy bought beyond what could be claimed (0 unless amounts exceed the energy).
        package let excess: Variable<EnergyDimension>
        /// The market-based emissions.
        package let mass: Variable<MassDimension>
    }

    /// Adds the market-based formula to `formula`, for `energy` at the location factor
    /// `location` (used for the remainder when neither a supplier rate nor a residual mix is
    /// given).
    ///
    /// Instruments are claimed in order: shares first take their part of the energy; amounts
    /// then take what is left, never more (the excess of an over-bought amount cannot be
    /// claimed). The figure is monotone in the energy and in every factor. It is piecewise
    /// linear in the coverages once an amount is among the instruments: it turns where the
    /// energy left after the shares equals the amounts (one claim fills what is left and pushes
    /// the next off the energy). Those points are the coverages' kinks, so `Formula.evaluate`
    /// tries them at every corner and the range's ends stay exact.
    ///
    /// `amountScales` multiplies the amount of the instrument at a position by a variable of
    /// the formula (a supply profile's uncertain scale: the PPA's energy is the supply's total
    /// times it); the caller declares that variable's own kinks.
    package func addFormula(to formula: inout Formula, energy: Variable<EnergyDimension>,
                           location: Variable<IntensityDimension>,
                           amountScales: [Int: Variable<RatioDimension>] = [:]) -> Variables {
        let hasAmount = instruments.contains { if case .energy = $0.coverage { return true } else { return false } }
        // Indices of the coverage inputs, filled in below; the kink functions read them lazily.
        final class Indices: @unchecked Sendable { var coverage: [Int] = []; var isShare: [Bool] = [] }
        let indices = Indices()
        let energyIndex = energy.index
        let scaleIndex = instruments.indices.map { amountScales[$0]?.index }
        /// The shares' total, and the amounts in order (each times its scale), at one corner.
        @Sendable func state(_ v: Values) -> (kWh: Double, shares: Double, amounts: [Double]) {
            var shares = 0.0, amounts: [Double] = []
            for (k, i) in indices.coverage.enumerated() {
                if indices.isShare[k] { shares += v[raw: i] } else { amounts.append(v[raw: i] * (scaleIndex[k].map { v[raw: $0] } ?? 1)) }
            }
            return (v[raw: energyIndex], shares, amounts)
        }
        /// A share's kinks: where the energy left after all shares equals each running total of
        /// the amounts, and where the shares reach 100 %.
        @Sendable func shareKinks(_ own: Int) -> @Sendable (Values) -> [Double] {
            { v in
                let (kWh, shares, amounts) = state(v)
                guard kWh > 0 else { return [] }
                var out = [v[raw: own] + (1 - shares)]
                var running = 0.0
                for c in amounts { running += c; out.append(v[raw: own] + (1 - running / kWh - shares)) }
                return out
            }
        }
        /// An amount's kinks: where it equals the energy left before it, less each running total
        /// of the amounts after it.
        /// (In the amount's own terms: divided by its scale, when it has one.)
        @Sendable func amountKinks(_ position: Int, scale: Int?) -> @Sendable (Values) -> [Double] {
            { v in
                let (kWh, shares, amounts) = state(v)
                var left = kWh * max(0, 1 - shares)
                for c in amounts.prefix(position) { left -= min(c, left) }
                var out = [left]
                var after = 0.0
                for c in amounts.dropFirst(position + 1) { after += c; out.append(left - after) }
                guard let scale, v[raw: scale] > 0 else { return out }
                return out.map { $0 / v[raw: scale] }
            }
        }
        var coverage: [Int] = []
        var factors: [Variable<IntensityDimension>] = []
        var isShare: [Bool] = []
        var claimed: [Variable<EnergyDimension>] = []
        var amountPosition = 0
        for (n, i) in instruments.enumerated() {
            let key = "\(i.kind.field)_\(n + 1)"
            switch i.coverage {
            case let .share(s):
                let index = formula.slots.count
                coverage.append(hasAmount ? formula.input(key + "_share", s, kinks: shareKinks(index)).index
                                          : formula.input(key + "_share", s).index)
                isShare.append(true)
            case let .energy(e):
                coverage.append(formula.input(key + "_energy", e, kinks: amountKinks(amountPosition, scale: scaleIndex[n])).index)
                amountPosition += 1
                isShare.append(false)
            }
            factors.append(formula.input(key + "_factor", i.intensity))
            claimed.append(formula.value(key + "_claimed", EnergyDimension.self))
        }
        let remainderFactor: Variable<IntensityDimension>
        if let s = supplierIntensity {
            remainderFactor = formula.input("supplier_factor", s)
        } else if let r = residualMix {
            remainderFactor = formula.input("residual_mix", r)
        } else {
            remainderFactor = formula.value("uncovered_factor", IntensityDimension.self)
        }
        indices.coverage = coverage
        indices.isShare = isShare
        let usesLocation = supplierIntensity == nil && residualMix == nil
        let remainder = formula.value("uncovered_energy", EnergyDimension.self)
        let excess = formula.value("excess_claims", EnergyDimension.self)
        let mass = formula.value("market_based", MassDimension.self)
        let (coverageIndex, shareFlags, claimedVars, factorVars) = (coverage, isShare, claimed, factors)
        formula.compute { v in
            let (coverage, isShare, claimed, factors) = (coverageIndex, shareFlags, claimedVars, factorVars)
            let kWh = v[energy].baseValue
            if usesLocation { v[remainderFactor] = v[location] }
            var shareTotal = 0.0
            for k in coverage.indices where isShare[k] { shareTotal += v[raw: coverage[k]] }
            var left = Energy(baseValue: kWh * max(0, 1 - shareTotal))
            var total = Mass.zero
            var over = Energy.zero
            for k in coverage.indices {
                var c = v[raw: coverage[k]]
                if let s = scaleIndex[k] { c *= v[raw: s] }
                let taken: Energy
                if isShare[k] {
                    taken = Energy(baseValue: kWh * c)
                } else {
                    taken = Energy(baseValue: min(c, left.baseValue))
                    over += Energy(baseValue: max(0, c - left.baseValue))
                    left -= taken
                }
                v[claimed[k]] = taken
                total += taken * v[factors[k]]
            }
            total += left * v[remainderFactor]
            v[remainder] = left
            v[excess] = over
            v[mass] = total
        }
        return Variables(claimed: claimed, remainder: remainder, remainderFactor: remainderFactor, excess: excess, mass: mass)
    }

    /// Appends the market-based steps, result and warnings for an evaluated formula.
    package func describe(_ e: Evaluation, _ vars: Variables, energy: Variable<EnergyDimension>, into estimate: inout Estimate) {
        var parts: [String] = []
        for (n, i) in instruments.enumerated() {
            let claimed = vars.claimed[n]
            let factor = Value(i.intensity).text
            let how: String
            switch i.coverage {
            case let .share(s): how = "\(Value(s).text) of \(e.text(energy)), at \(factor)"
            case let .energy(given):
                how = e.interval(claimed) == given.interval
                    ? "given, at \(factor)"
                    : "\(Value(given).text) given, of which \(e.text(claimed)) can be claimed (no more than the energy left), at \(factor)"
            }
            estimate.steps.append(.init("\(i.kind.field)_\(n + 1)_claimed", "Claimed with \(i.kind.label)", e.value(claimed), how: how))
            parts.append("\(e.text(claimed)) × \(factor)")
        }
        if e.interval(vars.excess).upper > 0 {
            estimate.warn("excess_claims", "Certificates and PPAs amount to more than the energy they could cover; the excess cannot be claimed and lowers nothing (GHG Protocol Scope 2 Guidance, Chapter 6).")
        }
        let remainderUpper = e.interval(vars.remainder).upper
        let remainderSource = supplierIntensity != nil ? "supplier-specific factor, given"
            : residualMix != nil ? "residual-mix factor, given" : "location-based factor (no residual mix given or bundled)"
        if supplierIntensity == nil && residualMix == nil && remainderUpper > 0 {
            estimate.warn("no_residual_mix", "No residual-mix factor given or bundled: the \(e.text(vars.remainder)) no instrument covers is counted at the location-based factor (\(e.text(vars.remainderFactor))). A residual mix excludes renewable energy claimed by others and is usually higher, so this market-based figure is likely too low; give a residual-mix or supplier factor.")
        }
        estimate.steps.append(.init("uncovered_energy", "Not covered by instruments", e.value(vars.remainder), how: "\(e.text(energy)) less claimed energy"))
        if remainderUpper > 0 {
            estimate.steps.append(.init("uncovered_factor", "Factor for the uncovered energy", e.value(vars.remainderFactor), how: remainderSource))
            parts.append("\(e.text(vars.remainder)) × \(e.text(vars.remainderFactor))")
        }
        var how = parts.joined(separator: " + ")
        if instruments.contains(where: { if case .energy = $0.coverage { return true } else { return false } })
            && instruments.contains(where: { !$0.coverage.isExact }) {
            how += " (ends include the points where a claim fills the energy left, where the figure turns)"
        }
        estimate.results.append(.init(EmissionResult.marketBased.key, EmissionResult.marketBased.label, e.value(vars.mass), how: how))
    }
}
