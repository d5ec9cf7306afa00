import CO2eKit

/// The options every estimate command shares for turning electricity into emissions: where the
/// factor comes from, carbon-free energy for the net figure, and scope 2 market instruments.
enum ElectricityOptions {
    static var options: [OptionSpec] { locationOptions + marketOptions }

    static let locationOptions: [OptionSpec] = [
        .value("grid", "ZONE", "Where the electricity is drawn: a country (US, IRL, Ireland), an eGRID subregion (eGRID:SRVC), or a cloud region (us-east-1, europe-west1, westus2). See 'co2e factors --list'."),
        .value("year", "YEAR", "Year of the grid factor (default: the newest year the table has)."),
        .value("factors", "FILE", "Read grid factors from FILE instead of the bundled tables; columns zone,year,g_co2e_per_kwh,basis,source (optional boundary, cfe_share)."),
        .value("intensity", "INTENSITY", "An emission intensity instead of --grid: 0.429kg/kWh, 429g/kWh, 771.5lb/MWh, or a range 350..450g/kWh."),
        .value("cfe", "SHARE", "Carbon-free energy matched to the load, for a net figure (Patterson et al. 2021): 73% or 0.73; 'published' takes the zone's published share (Google Cloud regions)."),
        .value("net-intensity", "INTENSITY", "The net emission intensity after carbon-free energy, where a source gives it directly (e.g. 0.177kg/kWh)."),
    ]

    static let marketOptions: [OptionSpec] = [
        .flag("market-based", "Show the market-based scope 2 figure beside the location-based one (GHG Protocol Scope 2 Guidance). Implied by any option below."),
        .value("recs", "SHARE|ENERGY", "Energy attribute certificates (RECs, GOs, I-RECs) covering a share (100%) or an amount (1.5GWh) of the energy."),
        .value("rec-factor", "INTENSITY", "Emission rate of the certificates' energy (default 0g/kWh, renewable)."),
        .value("ppa", "SHARE|ENERGY", "A power purchase agreement covering a share or an amount of the energy."),
        .value("ppa-factor", "INTENSITY", "Emission rate of the PPA's energy (default 0g/kWh)."),
        .value("supplier-factor", "INTENSITY", "Supplier-specific emission rate for the energy no certificate or PPA covers."),
        .value("residual-mix", "INTENSITY", "Residual-mix factor for the energy nothing else covers. None is bundled: without it the location factor is used, with a warning."),
    ]

    /// The accounting the options describe.
    ///
    /// - Throws: usage errors for missing or conflicting options; data errors for unknown zones
    ///   and bad factor files.
    static func accounting(_ a: ParsedArguments) throws -> ElectricityAccounting {
        let location: LocationIntensity
        var cloudRegion: CloudRegion?
        switch (a.value("grid"), a.value("intensity")) {
        case (nil, nil):
            throw CO2eError.input("give --grid ZONE (e.g. --grid US) or --intensity (e.g. --intensity 429g/kWh)")
        case (.some, .some):
            throw CO2eError.input("give either --grid or --intensity, not both")
        case (nil, .some):
            if let option = ["year", "factors"].first(where: a.has) {
                throw CO2eError.input("--\(option) goes with --grid; --intensity gives the factor directly")
            }
            location = .given(try a.nonNegative("intensity", Intensity.self)!)
        case let (.some(zone), nil):
            let catalog = try a.value("factors").map { try FactorCatalog.load(file: $0) } ?? .bundled
            let year = try a.parsed("year", PlainNumber.parseYear)
            let found = try catalog.factor(for: zone, year: year)
            location = .gridFactor(found.factor)
            if case let .cloudRegion(r, _) = found.match { cloudRegion = r }
        }

        var carbonFree: CarbonFreeEnergy?
        if a.has("cfe") && a.has("net-intensity") {
            throw CO2eError.input("give either --cfe or --net-intensity, not both")
        }
        if let text = a.value("cfe") {
            carbonFree = text.lowercased() == "published" ? .publishedShare : .share(try a.parsed("cfe", PlainNumber.parseShare)!)
        }
        if a.has("net-intensity") {
            carbonFree = .netIntensity(try a.nonNegative("net-intensity", Intensity.self)!)
        }

        return ElectricityAccounting(location: location, cloudRegion: cloudRegion, carbonFree: carbonFree, market: try market(a))
    }

    /// The market instruments the options describe, or nil when none is asked for.
    static func market(_ a: ParsedArguments) throws -> MarketInstruments? {
        var market: MarketInstruments?
        if marketOptions.contains(where: { a.has($0.name) }) {
            var m = MarketInstruments()
            if a.has("rec-factor") && !a.has("recs") { throw CO2eError.input("--rec-factor goes with --recs") }
            if a.has("ppa-factor") && !a.has("ppa") { throw CO2eError.input("--ppa-factor goes with --ppa") }
            for (option, factor, kind) in [("recs", "rec-factor", MarketInstruments.Instrument.Kind.certificates), ("ppa", "ppa-factor", .ppa)] {
                guard let coverage = try a.parsed(option, parseCoverage) else { continue }
                let intensity = try a.nonNegative(factor, Intensity.self) ?? .gramsPerKilowattHour(0)
                m.instruments.append(.init(kind, covering: coverage, at: intensity))
            }
            if a.has("supplier-factor") && a.has("residual-mix") {
                throw CO2eError.input("give either --supplier-factor or --residual-mix: both would apply to the same uncovered energy (the supplier's rate comes first in the GHG Protocol hierarchy; a residual mix is for energy without one)")
            }
            m.supplierIntensity = try a.nonNegative("supplier-factor", Intensity.self)
            m.residualMix = try a.nonNegative("residual-mix", Intensity.self)
            try m.validate()
            market = m
        }
        return market
    }

    /// `100%` or `0.5` is a share; `1.5GWh` is an amount of energy.
    static func parseCoverage(_ text: String) throws -> MarketInstruments.Instrument.Coverage {
        if PlainNumber.looksLikeShare(text) { return .share(try PlainNumber.parseShare(text)) }
        let energy = try Energy.parse(text)
        guard energy.baseValue.lower >= 0 else { throw CO2eError.input("'\(text)' is negative; covered energy is 0 or more") }
        return .energy(energy)
    }
}
