/// The intensity applied to electricity for the location-based figure.
public enum LocationIntensity: Sendable, Hashable {
    /// A grid factor from a table, with its zone, year and source.
    case gridFactor(GridFactor)
    /// An intensity the caller gives (e.g. a figure from a paper).
    case given(Intensity)

    public var intensity: Intensity {
        switch self {
        case let .gridFactor(f): return f.intensity
        case let .given(i): return i
        }
    }
}

/// How the carbon-free energy a buyer matches to its load lowers the "net" figure
/// (Patterson et al. 2021, Table 4, gross vs net).
public enum CarbonFreeEnergy: Sendable, Hashable {
    /// A share of the energy matched by carbon-free supply: net = gross x (1 - share).
    case share(Interval)
    /// A net intensity the source gives directly.
    case netIntensity(Intensity)
    /// The carbon-free share the grid factor's source publishes (Google's CFE% per region).
    case publishedShare
}

/// Everything that turns electricity into emission figures: the location-based factor, and
/// optionally carbon-free-energy matching and scope 2 market instruments.
public struct ElectricityAccounting: Sendable {
    public var location: LocationIntensity
    /// The cloud region the location factor was found through, if any: the trail shows the
    /// mapping and its reason.
    public var cloudRegion: CloudRegion?
    public var carbonFree: CarbonFreeEnergy?
    /// Market instruments for the market-based figure; nil leaves it out.
    public var market: MarketInstruments?

    public init(location: LocationIntensity, cloudRegion: CloudRegion? = nil, carbonFree: CarbonFreeEnergy? = nil,
                market: MarketInstruments? = nil) {
        self.location = location
        self.cloudRegion = cloudRegion
        self.carbonFree = carbonFree
        self.market = market
    }

    /// Appends the factor, the emission steps and the figures for `energy` to `estimate`:
    /// always the location-based figure; the net figure with carbon-free energy; the
    /// market-based figure with market instruments (GHG Protocol Scope 2 Guidance, 2015).
    public func addEmissions(of energy: Energy, to estimate: inout Estimate) throws {
        let intensity = location.intensity
        try Check.nonNegative(intensity.baseValue, intensity.formatted(), context: "intensity", what: "an emission intensity")
        if let r = cloudRegion {
            estimate.steps.append(.init("Cloud region \(r.id)", Measure(kind: "zone", unit: "", value: Interval(0), text: "-> \(r.mapsTo)"),
                                        how: "\(r.location): \(r.reason)"))
        }
        switch location {
        case let .gridFactor(f):
            estimate.factors.append(f)
            estimate.steps.append(.init("Grid factor \(f.zone) \(f.year)", Measure(f.intensity),
                                        how: "\(f.zoneName); \(f.basisDescription); source \(f.source.id)"))
            if f.basis == .lifecycle {
                estimate.warnings.append("\(f.zone) \(f.year) is a lifecycle factor: besides combustion it counts fuel supply, methane leaks and plant construction. A GHG Protocol scope 2 inventory counts combustion only (upstream emissions go to scope 3, category 3); for scope 2 use an operational factor, such as eGRID's for US subregions (co2e factors \(f.zone) --compare).")
            }
        case let .given(i):
            estimate.steps.append(.init("Emission intensity", Measure(i), how: "given"))
        }
        let gross = energy * intensity
        estimate.figures.append(.init(key: .locationBased, label: "Location-based emissions", mass: gross,
                                      how: "\(energy) × \(intensity)"))

        if let carbonFree {
            var carbonFree = carbonFree
            var shareHow = "given"
            if case .publishedShare = carbonFree {
                guard case let .gridFactor(f) = location, let published = f.carbonFreeShare else {
                    throw CO2eError.input("the grid factor has no published carbon-free share (only Google Cloud regions have one); give a share such as 73%")
                }
                carbonFree = .share(Interval(published))
                shareHow = "published with the grid factor: \(f.source.id), \(f.zone) \(f.year) (\(f.origin))"
            }
            switch carbonFree {
            case .publishedShare:
                break
            case let .share(s):
                try Check.share(s, Measure.share(s).text, context: "carbon-free share")
                estimate.steps.append(.init("Carbon-free energy share", .share(s), how: shareHow))
                let net = gross * (Interval(1) - s)
                estimate.figures.append(.init(key: .net, label: "Net emissions (carbon-free energy matched)", mass: net,
                                              how: "\(gross) × (1 − \(Measure.share(s).text))"))
            case let .netIntensity(i):
                try Check.nonNegative(i.baseValue, i.formatted(), context: "net intensity", what: "an emission intensity")
                estimate.steps.append(.init("Net emission intensity", Measure(i), how: "given"))
                estimate.figures.append(.init(key: .net, label: "Net emissions (carbon-free energy matched)",
                                              mass: energy * i, how: "\(energy) × \(i)"))
            }
        }

        if let market {
            try market.addMarketBased(energy: energy, locationIntensity: intensity, to: &estimate)
        }
    }
}
