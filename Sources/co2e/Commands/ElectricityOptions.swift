import CO2eKit

/// The options every estimate command shares for turning electricity into emissions: where the
/// factor comes from, carbon-free energy for the net figure, and scope 2 market instruments.
enum ElectricityOptions {
    static let grid = Option<String>("grid", "ZONE", "Where the electricity is drawn: a country (US, IRL, Ireland), an eGRID subregion (eGRID:SRVC), or a cloud region (us-east-1, europe-west1, westus2). Repeat it (--grid FR --grid US) to see the grids side by side with their ratio. See 'co2e factors --list'.", repeatable: true)
    static let year = Option<Int>("year", "YEAR", "Year of the grid factor (default: the newest year the table has).") { try Year.parse($0) }
    static let gridSources = Option<Bool>("grid-sources", "all", "With --grid: draw the grid factor from every bundled source's figure for the place (equal weights; see 'co2e factors ZONE --compare'), so their spread enters the estimate (Monte Carlo).") { text in
        guard text.lowercased() == "all" else {
            throw CO2eError(.invalidInput, "is not a choice of sources", value: text, accepted: "all")
        }
        return true
    }
    static let factorFile = Option<String>("factors", "FILE", "Read grid factors from FILE instead of the bundled tables; columns zone,year,g_co2e_per_kwh,basis,source (optional boundary, cfe_share).")
    static let intensity = Option<Uncertain<IntensityDimension>>.quantity("intensity", "INTENSITY", "An emission intensity instead of --grid: 0.429kg/kWh, 429g/kWh, 771.5lb/MWh, or a range 350..450g/kWh.")
    static let cfe = Option<CarbonFreeEnergy>("cfe", "SHARE", "Carbon-free energy matched to the load, for a net figure (Patterson et al. 2021): 73% or 0.73; 'published' takes the zone's published share (Google Cloud regions).") { text in
        text.lowercased() == "published" ? .publishedShare : .share(try Share.parseRange(text))
    }
    static let netIntensity = Option<Uncertain<IntensityDimension>>.quantity("net-intensity", "INTENSITY", "The net emission intensity after carbon-free energy, where a source gives it directly (e.g. 0.177kg/kWh).")

    static let marketBased = Flag("market-based", "Show the market-based scope 2 figure beside the location-based one (GHG Protocol Scope 2 Guidance). Implied by any option below.")
    static let recs = Option<MarketInstruments.Instrument.Coverage>("recs", "SHARE|ENERGY", "Energy attribute certificates (RECs, GOs, I-RECs) covering a share (100%) or an amount (1.5GWh) of the energy.", parse: coverage)
    static let recFactor = Option<Uncertain<IntensityDimension>>.quantity("rec-factor", "INTENSITY", "Emission rate of the certificates' energy (default 0g/kWh, renewable).")
    static let ppa = Option<MarketInstruments.Instrument.Coverage>("ppa", "SHARE|ENERGY", "A power purchase agreement covering a share or an amount of the energy.", parse: coverage)
    static let ppaFactor = Option<Uncertain<IntensityDimension>>.quantity("ppa-factor", "INTENSITY", "Emission rate of the PPA's energy (default 0g/kWh).")
    static let supplierFactor = Option<Uncertain<IntensityDimension>>.quantity("supplier-factor", "INTENSITY", "Supplier-specific emission rate for the energy no certificate or PPA covers.")
    static let residualMix = Option<Uncertain<IntensityDimension>>.quantity("residual-mix", "INTENSITY", "Residual-mix factor for the energy nothing else covers. None is bundled: without it the location factor is used, with a warning.")

    static let tdLoss = Option<Uncertain<ShareDimension>>.quantity("td-loss", "SHARE", "Transmission and distribution losses as a share of the electricity generated (5%, 0.05, 4..8%): for energy measured at the meter with a factor per kWh generated, the location-based figure counts energy / (1 - losses). No default: co2e bundles no country loss figures (none with a licence it could confirm), so none is applied unless given.")

    static var locationOptions: [any OptionDeclaration] { [grid, gridSources, year, factorFile, intensity, tdLoss, cfe, netIntensity] }
    static var marketOptions: [any OptionDeclaration] { [marketBased, recs, recFactor, ppa, ppaFactor, supplierFactor, residualMix] }
    static var options: [any OptionDeclaration] { locationOptions + marketOptions }

    static var marketRules: [Rule] {
        [.requires(recFactor, recs), .requires(ppaFactor, ppa),
         .conflicts(supplierFactor, residualMix, because: "both would apply to the same uncovered energy; the supplier's rate comes first in the GHG Protocol hierarchy, a residual mix is for energy without one")]
    }

    static var rules: [Rule] { rules(required: true) }

    /// The rules, with a grid or intensity required or optional (inference without one gives
    /// energy only).
    static func rules(required: Bool) -> [Rule] {
        [.oneOf([grid, intensity], required: required, hint: "e.g. --grid US or --intensity 429g/kWh"),
         .requires(year, grid, because: "--intensity gives the factor directly"),
         .requires(factorFile, grid, because: "--intensity gives the factor directly"),
         .requires(gridSources, grid, because: "--intensity gives the factor directly"),
         .conflicts(cfe, netIntensity)] + marketRules
    }

    /// The accounting for each `--grid` (one for `--intensity`).
    ///
    /// - Throws: usage errors for bad values; data errors for unknown zones and bad factor files.
    static func accountings(_ a: Arguments) throws -> [ElectricityAccounting] {
        var carbonFree: CarbonFreeEnergy? = try a.value(cfe)
        if let i = try a.value(netIntensity) { carbonFree = .netIntensity(i) }
        let market = try self.market(a)
        let loss = try a.value(tdLoss)
        if let i = try a.value(intensity) {
            var accounting = ElectricityAccounting(location: .given(i), carbonFree: carbonFree, market: market)
            accounting.transmissionLoss = loss
            return [accounting]
        }
        let catalog = try a.text(factorFile).map { try FactorCatalog.load(file: $0) } ?? .bundled
        let year = try a.value(year)
        var seen: [String: String] = [:]
        return try a.all(grid).map { zone in
            let found: (match: ZoneMatch, factor: GridFactor)
            do {
                found = try catalog.factor(for: zone, year: year)
            } catch let error as CO2eError {
                throw error.attributed(to: grid.field)
            }
            var cloud: CloudRegion?
            if case let .cloudRegion(r, _) = found.match { cloud = r }
            let place = cloud?.id ?? found.factor.zone
            if let first = seen[place] {
                throw CO2eError(.invalidInput, "names the same place as '\(first)'; give each grid once", field: grid.field, value: zone)
            }
            seen[place] = zone
            var location = LocationIntensity.gridFactor(found.factor)
            if try a.value(gridSources) == true {
                let factors = try catalog.compare(zone, year: year).entries.map(\.factor)
                if factors.count > 1 { location = .sources(factors) }
            }
            var accounting = ElectricityAccounting(location: location, cloudRegion: cloud, carbonFree: carbonFree, market: market)
            accounting.transmissionLoss = loss
            return accounting
        }
    }

    /// The market instruments the options describe, or nil when none is asked for.
    static func market(_ a: Arguments) throws -> MarketInstruments? {
        guard marketOptions.contains(where: a.has) else { return nil }
        var m = MarketInstruments()
        for (option, factor, kind) in [(recs, recFactor, MarketInstruments.Instrument.Kind.certificates), (ppa, ppaFactor, .ppa)] {
            guard let coverage = try a.value(option) else { continue }
            m.instruments.append(.init(kind, covering: coverage, at: try a.value(factor) ?? .exact(.gramsPerKilowattHour(0))))
        }
        m.supplierIntensity = try a.value(supplierFactor)
        m.residualMix = try a.value(residualMix)
        try m.validate()
        return m
    }

    /// `100%` or `0.5` is a share; `1.5GWh` is an amount of energy.
    @Sendable static func coverage(_ text: String) throws -> MarketInstruments.Instrument.Coverage {
        if let share = try? Share.parseRange(text) { return .share(share) }
        return .energy(try Energy.parseRange(text))
    }

    /// The lifecycle warning points to `co2e factors ZONE --compare` only where the bundled
    /// tables hold another figure for the place. The library names no command, so the CLI adds
    /// its own pointer.
    static func addHints(to estimate: inout Estimate, catalog: FactorCatalog = .bundled) {
        var zones: [String] = []
        for f in estimate.gridFactors where f.basis == .lifecycle && !zones.contains(f.zone) {
            if (try? catalog.hasOtherFigures(forZone: f.zone)) == true { zones.append(f.zone) }
        }
        guard !zones.isEmpty else { return }
        let hint = zones.map { "'co2e factors \($0) --compare'" }.joined(separator: " and ")
            + (zones.count == 1 ? " shows the other bundled figures for the place." : " show the other bundled figures for the places.")
        estimate.warnings = estimate.warnings.map { w in
            w.key == "lifecycle_factor" ? Note(w.key, w.text + " " + hint) : w
        }
    }
}
