/// What emissions a grid factor counts.
public enum EmissionBasis: String, Sendable, Hashable, CaseIterable {
    /// Whole life cycle: fuel extraction and transport, plant construction, methane leaks, and
    /// combustion (Ember/OWID, IPCC AR5 medians).
    case lifecycle
    /// Combustion at the power plant only ("stack" or direct emissions: eGRID, Google 2021+).
    case operational
}

/// Whose electricity a factor describes.
public enum GridBoundary: String, Sendable, Hashable, CaseIterable {
    /// Generation inside the zone, imports not traced.
    case production
    /// Electricity consumed in the zone, imports traced to where they were generated.
    case consumption
}


/// The average emission intensity of a zone's electricity in one year, with what it counts and
/// where it comes from.
public struct GridFactor: Sendable, Hashable {
    /// The zone's canonical id, e.g. `US`, `eGRID:SRVC`, `gcp:europe-west1`.
    public let zone: String
    /// The zone's English name.
    package let zoneName: String
    /// The year the factor describes.
    public let year: Int
    /// The emission intensity, as published (stored in g CO2e/kWh).
    public let intensity: Intensity
    /// What emissions it counts: lifecycle or operational.
    public let basis: EmissionBasis
    /// Production or consumption, where the source says.
    public let boundary: GridBoundary?
    /// The carbon-free share of the operator's supply, where published (Google's CFE%).
    package let carbonFreeShare: Double?
    /// Where it was published.
    public let source: Source
    /// The file and line the factor was read from.
    package let origin: String
    /// How the figure was read (primary, faithful copy, secondary coverage), where the table says.
    public let read: Reading?

    /// A factor with its zone, year, value, basis, boundary, carbon-free share, source and origin.
    package init(zone: String, zoneName: String, year: Int, intensity: Intensity, basis: EmissionBasis,
                boundary: GridBoundary?, carbonFreeShare: Double?, source: Source, origin: String, read: Reading? = nil) {
        self.zone = zone
        self.zoneName = zoneName
        self.year = year
        self.intensity = intensity
        self.basis = basis
        self.boundary = boundary
        self.carbonFreeShare = carbonFreeShare
        self.source = source
        self.origin = origin
        self.read = read
    }

    /// "lifecycle, production" — what the factor counts, in words.
    package var basisDescription: String {
        [basis.rawValue, boundary?.rawValue].compactMap { $0 }.joined(separator: ", ")
    }

    /// The factor as JSON (`zone`, `name`, `year`, `g_co2e_per_kwh`, `basis`, `boundary`, `cfe_share`, `source`, `origin`, and `read` when known).
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("zone", .string(zone)), ("name", .string(zoneName)), ("year", .number(Double(year))),
            ("g_co2e_per_kwh", .number(intensity.gramsPerKilowattHour)),
            ("basis", .string(basis.rawValue)),
            ("boundary", boundary.map { .string($0.rawValue) } ?? .null),
        ]
        members.append(("cfe_share", carbonFreeShare.map(JSONValue.number) ?? .null))
        members.append(("source", source.json))
        members.append(("origin", .string(origin)))
        if let read { members.append(("read", .string(read.rawValue))) }
        return .object(members)
    }
}
