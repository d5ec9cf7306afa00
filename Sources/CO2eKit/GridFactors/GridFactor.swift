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

/// Where a number comes from: enough to cite it and to check its licence.
public struct DataSource: Sendable, Hashable {
    /// Short id used in the tables, e.g. `owid-ember-2025`.
    public let id: String
    public let title: String
    public let publisher: String
    /// Year or date of the release used.
    public let published: String
    public let licence: String
    public let url: String

    public init(id: String, title: String, publisher: String, published: String, licence: String, url: String) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.published = published
        self.licence = licence
        self.url = url
    }

    /// One line to cite the source.
    public var citation: String {
        var parts = [title]
        if !publisher.isEmpty { parts.append(publisher) }
        if !published.isEmpty { parts.append(published) }
        if !licence.isEmpty { parts.append(licence) }
        if !url.isEmpty { parts.append(url) }
        return parts.joined(separator: ", ")
    }

    public var json: JSONValue {
        .object([("id", .string(id)), ("title", .string(title)), ("publisher", .string(publisher)),
                 ("published", .string(published)), ("licence", .string(licence)), ("url", .string(url))])
    }
}

/// The average emission intensity of a zone's electricity in one year, with what it counts and
/// where it comes from.
public struct GridFactor: Sendable, Hashable {
    /// The zone's canonical id, e.g. `US`, `eGRID:SRVC`, `gcp:europe-west1`.
    public let zone: String
    /// The zone's English name.
    public let zoneName: String
    public let year: Int
    public let intensity: Intensity
    public let basis: EmissionBasis
    /// Production or consumption, where the source says.
    public let boundary: GridBoundary?
    /// The carbon-free share of the operator's supply, where published (Google's CFE%).
    public let carbonFreeShare: Double?
    public let source: DataSource
    /// The file and line the factor was read from.
    public let origin: String

    public init(zone: String, zoneName: String, year: Int, intensity: Intensity, basis: EmissionBasis,
                boundary: GridBoundary?, carbonFreeShare: Double?, source: DataSource, origin: String) {
        self.zone = zone
        self.zoneName = zoneName
        self.year = year
        self.intensity = intensity
        self.basis = basis
        self.boundary = boundary
        self.carbonFreeShare = carbonFreeShare
        self.source = source
        self.origin = origin
    }

    /// "lifecycle, production" — what the factor counts, in words.
    public var basisDescription: String {
        [basis.rawValue, boundary?.rawValue].compactMap { $0 }.joined(separator: ", ")
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("zone", .string(zone)), ("name", .string(zoneName)), ("year", .number(Double(year))),
            ("g_co2e_per_kwh", .number(intensity.gramsPerKilowattHour.lower)),
            ("basis", .string(basis.rawValue)),
            ("boundary", boundary.map { .string($0.rawValue) } ?? .null),
        ]
        members.append(("cfe_share", carbonFreeShare.map(JSONValue.number) ?? .null))
        members.append(("source", source.json))
        members.append(("origin", .string(origin)))
        return .object(members)
    }
}
