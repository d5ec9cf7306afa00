import CO2eCore
import CO2eData

/// The intensity applied to electricity for the location-based figure.
public enum LocationIntensity: Sendable, Hashable {
    /// A grid factor from a table, with its zone, year and source.
    case gridFactor(GridFactor)
    /// An intensity the caller gives (a figure from a paper), a value or a range.
    case given(Uncertain<IntensityDimension>)
    /// Several sources' factors for one place (`FactorCatalog.compare`), drawn with equal
    /// weights when sampling: the spread between sources becomes part of the estimate's.
    case sources([GridFactor])

    /// The intensity as an input.
    package var intensity: Uncertain<IntensityDimension> {
        switch self {
        case let .gridFactor(f): return .exact(f.intensity)
        case let .given(i): return i
        case let .sources(factors):
            guard factors.count > 1, let d = try? Distribution<IntensityDimension>.choice(factors.map { ($0.intensity, 1) }) else {
                return factors.first.map { .exact($0.intensity) } ?? .exact(.gramsPerKilowattHour(.nan))
            }
            return .distribution(d)
        }
    }
}

/// How the carbon-free energy a buyer matches to its load lowers the "net" figure
/// (Patterson et al. 2021, Table 4, gross vs net).
public enum CarbonFreeEnergy: Sendable, Hashable {
    /// A share of the energy matched by carbon-free supply: net = gross x (1 - share).
    case share(Uncertain<ShareDimension>)
    /// A net intensity the source gives directly.
    case netIntensity(Uncertain<IntensityDimension>)
    /// The carbon-free share the grid factor's source publishes (Google's CFE% per region).
    case publishedShare
}

/// Everything that turns electricity into emission figures: the location-based factor, and
/// optionally carbon-free-energy matching and scope 2 market instruments.
public struct ElectricityAccounting: Sendable {
    /// The factor for the location-based figure.
    package var location: LocationIntensity
    /// The cloud region the location factor was found through, if any: the trail shows the
    /// mapping and its reason.
    package var cloudRegion: CloudRegion?
    /// Carbon-free energy matched to the load, for the net figure; nil leaves it out.
    package var carbonFree: CarbonFreeEnergy?
    /// Market instruments for the market-based figure; nil leaves it out.
    package var market: MarketInstruments?
    /// Transmission and distribution losses, as a share of the electricity generated (the
    /// World Bank's and IEA's "% of output"): the energy is measured at the meter and the factor
    /// at generation, so the location-based and net figures count E / (1 − loss). The
    /// market-based figure stays at the meter (instruments are bought per MWh consumed). Nil
    /// counts no losses, as grid factors per kWh generated are usually applied.
    package var transmissionLoss: Uncertain<ShareDimension>?

    /// Accounting with a location factor and, optionally, a cloud region, carbon-free energy and market instruments.
    public init(location: LocationIntensity, cloudRegion: CloudRegion? = nil, carbonFree: CarbonFreeEnergy? = nil,
                market: MarketInstruments? = nil) {
        self.location = location
        self.cloudRegion = cloudRegion
        self.carbonFree = carbonFree
        self.market = market
    }

    /// A short name for the electricity's origin: the zone (`US`, `eGRID:SRVC`), the cloud
    /// region, or "given intensity".
    package var name: String {
        if let r = cloudRegion { return r.region }
        if case let .gridFactor(f) = location { return f.zone }
        if case let .sources(factors) = location, let f = factors.first { return f.zone }
        return "given " + Quantity<IntensityDimension>.format(location.intensity.interval)
    }

    /// The variables the emissions formula adds.
    package struct Variables: Sendable {
        /// The location factor.
        package let intensity: Variable<IntensityDimension>
        /// The location-based emissions.
        package let locationBased: Variable<MassDimension>
        /// The carbon-free share, when one is given or published.
        package let carbonFreeShare: Variable<ShareDimension>?
        /// The net intensity, when one is given.
        package let netIntensity: Variable<IntensityDimension>?
        /// The net emissions, with carbon-free energy matched.
        package let net: Variable<MassDimension>?
        /// The market-based variables, with market instruments.
        package let market: MarketInstruments.Variables?
        /// The transmission and distribution loss, when one is given.
        package var transmissionLoss: Variable<ShareDimension>?
        /// The energy at generation (energy / (1 − loss)), when a loss is given.
        package var generation: Variable<EnergyDimension>?

        /// The emission figures, for a Monte Carlo summary (labels as in the trail's results).
        package var figures: [SampledFigure] {
            var out = [SampledFigure(locationBased, key: "location_based", label: "Location-based emissions")]
            if let net { out.append(SampledFigure(net, key: "net", label: "Net emissions")) }
            if let m = market { out.append(SampledFigure(m.mass, key: "market_based", label: "Market-based emissions")) }
            return out
        }
    }

    /// Checks the inputs.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the field: `intensity`, `cfe`, `net_intensity`,
    ///   or a market instrument's.
    package func validate() throws {
        try Check.nonNegative(location.intensity, field: "intensity")
        switch carbonFree {
        case let .share(s)?: try Check.share(s, field: "cfe")
        case let .netIntensity(i)?: try Check.nonNegative(i, field: "net_intensity")
        case .publishedShare?:
            guard case let .gridFactor(f) = location, f.carbonFreeShare != nil else {
                throw CO2eError(.invalidInput, "finds no share for \(name): its factor has no published carbon-free share (only Google Cloud regions have one)",
                                field: "cfe", value: "published", accepted: "a share such as 73%")
            }
        case nil: break
        }
        try market?.validate()
        if let loss = transmissionLoss {
            try Check.share(loss, field: "td_loss")
            if loss.interval.upper >= 1 {
                throw CO2eError(.invalidInput, "leaves nothing at the meter: the losses are a share of the electricity generated, below 100 %",
                                code: .valueOutOfRange, field: "td_loss", value: Quantity<ShareDimension>.format(loss.interval),
                                accepted: "a share from 0 to below 100 %, such as 5%")
            }
        }
    }

    /// Adds the emission arithmetic for `energy`: always the location-based figure; the net
    /// figure with carbon-free energy; the market-based figure with market instruments (GHG
    /// Protocol Scope 2 Guidance, 2015).
    package func addFormula(to formula: inout Formula, energy: Variable<EnergyDimension>) -> Variables {
        let intensity = formula.input("grid_factor", location.intensity)
        // Energy at the meter, a factor per kWh generated: with losses, the generation the
        // metered energy needs (written once; every figure on the grid's side uses it).
        var loss: Variable<ShareDimension>?
        var atGeneration = energy
        if let given = transmissionLoss {
            let l = formula.input("td_loss", given)
            let generated = formula.value("generation_energy", EnergyDimension.self)
            formula.compute { v in v[generated] = v[energy] / (1 - v[l].fraction) }
            (loss, atGeneration) = (l, generated)
        }
        let grossEnergy = atGeneration
        let gross = formula.value("location_based", MassDimension.self)
        formula.compute { v in v[gross] = v[grossEnergy] * v[intensity] }
        var share: Variable<ShareDimension>?
        var netIntensity: Variable<IntensityDimension>?
        var net: Variable<MassDimension>?
        switch carbonFree {
        case let .share(s)?:
            share = formula.input("cfe_share", s)
        case .publishedShare?:
            if case let .gridFactor(f) = location, let published = f.carbonFreeShare {
                share = formula.input("cfe_share", Share.fraction(published))
            }
        case let .netIntensity(i)?:
            netIntensity = formula.input("net_intensity", i)
        case nil:
            break
        }
        if let s = share {
            let n = formula.value("net", MassDimension.self)
            formula.compute { v in v[n] = v[gross] * (1 - v[s].fraction) }
            net = n
        } else if let i = netIntensity {
            let n = formula.value("net", MassDimension.self)
            formula.compute { v in v[n] = v[grossEnergy] * v[i] }
            net = n
        }
        let market = market?.addFormula(to: &formula, energy: energy, location: intensity)
        var vars = Variables(intensity: intensity, locationBased: gross, carbonFreeShare: share, netIntensity: netIntensity,
                             net: net, market: market)
        if let loss { (vars.transmissionLoss, vars.generation) = (loss, atGeneration) }
        return vars
    }

    /// Appends the factor, the emission steps, results, sources and warnings.
    package func describe(_ e: Evaluation, _ vars: Variables, energy: Variable<EnergyDimension>, into estimate: inout Estimate) {
        if let r = cloudRegion {
            estimate.steps.append(.init("cloud_region", "Cloud region \(r.id)", .text("-> \(r.mapsTo)"), how: "\(r.location): \(r.reason)",
                                        citations: [Citation(source: r.source.id, at: "grid-factors/cloud-regions.csv")]))
            estimate.cite(r.source)
        }
        switch location {
        case let .gridFactor(f):
            estimate.gridFactors.append(f)
            estimate.cite(f.source)
            estimate.steps.append(.init("grid_factor", "Grid factor \(f.zone) \(f.year)", e.value(vars.intensity),
                                        how: "\(f.zoneName); \(f.basisDescription); source \(f.source.id)",
                                        citations: [Citation(source: f.source.id, at: f.origin)]))
            if let text = LifecycleNote.warning(for: [f]) {
                estimate.warn(LifecycleNote.key, text)
            }
        case .given:
            estimate.steps.append(.init("grid_factor", "Emission intensity", e.value(vars.intensity), how: "given"))
        case let .sources(factors):
            estimate.gridFactors += factors
            for f in factors { estimate.cite(f.source) }
            let list = factors.map { "\(Quantity<IntensityDimension>.format(Interval($0.intensity.baseValue))) (\($0.source.id), \($0.year), \($0.basis.rawValue))" }
            estimate.steps.append(.init("grid_factor", "Grid factor \(factors.first?.zone ?? ""), \(factors.count) sources", e.value(vars.intensity),
                                        how: "each source's figure with equal weight: " + list.joined(separator: ", "),
                                        citations: factors.map { Citation(source: $0.source.id, at: $0.origin) }))
            let bases = Set(factors.map(\.basisDescription))
            if bases.count > 1 {
                estimate.warn("mixed_source_bases", "The sources count different things (\(bases.sorted().joined(separator: "; "))): part of the spread between them is the basis (lifecycle factors add upstream emissions), not uncertainty about the grid.")
            }
        }
        var atGeneration = energy
        if let loss = vars.transmissionLoss, let generated = vars.generation {
            estimate.steps.append(.init("td_loss", "Transmission and distribution losses", e.value(loss),
                                        how: "given: share of the electricity generated that is lost before the meter"))
            estimate.steps.append(.init("generation_energy", "Energy at generation", e.value(generated),
                                        how: "\(e.text(energy)) at the meter / (1 − \(e.text(loss)))"))
            estimate.assume("td_loss", "The grid factor is per kWh generated and the energy is metered, so the location-based\(vars.net == nil ? "" : " and net") figure counts the losses: energy / (1 − losses). The GHG Protocol reports the emissions of transmission and distribution losses in scope 3 (category 3), not in scope 2; the market-based figure, when shown, stays at the meter.")
            atGeneration = generated
        }
        estimate.results.append(.init(EmissionResult.locationBased.key, EmissionResult.locationBased.label, e.value(vars.locationBased),
                                      how: "\(e.text(atGeneration)) × \(e.text(vars.intensity))"))
        if let s = vars.carbonFreeShare, let net = vars.net {
            var how = "given"
            if case .publishedShare? = carbonFree, case let .gridFactor(f) = location {
                how = "published with the grid factor: \(f.source.id), \(f.zone) \(f.year) (\(f.origin))"
            }
            estimate.steps.append(.init("cfe_share", "Carbon-free energy share", e.value(s), how: how))
            estimate.results.append(.init(EmissionResult.net.key, EmissionResult.net.label, e.value(net),
                                          how: "\(e.text(vars.locationBased)) × (1 − \(e.text(s)))"))
        } else if let i = vars.netIntensity, let net = vars.net {
            estimate.steps.append(.init("net_intensity", "Net emission intensity", e.value(i), how: "given"))
            estimate.results.append(.init(EmissionResult.net.key, EmissionResult.net.label, e.value(net),
                                          how: "\(e.text(atGeneration)) × \(e.text(i))"))
        }
        if let market, let m = vars.market {
            market.describe(e, m, energy: energy, into: &estimate)
        }
    }
}

/// The keys and labels of the emission results, written once for the trail and for what reads
/// the typed figures (the equivalents of each).
package enum EmissionResult {
    package static let locationBased = (key: "location_based", label: "Location-based emissions")
    package static let net = (key: "net", label: "Net emissions (carbon-free energy matched)")
    package static let marketBased = (key: "market_based", label: "Market-based emissions")
}
