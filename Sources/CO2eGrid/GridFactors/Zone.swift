import CO2eCore
import CO2eData

/// A place with grid factors: a country, an eGRID subregion, a cloud provider's region.
public struct Zone: Sendable, Hashable {
    /// Canonical id: ISO 3166-1 alpha-2 for countries (`US`), `WORLD`, `eGRID:SRVC`,
    /// `gcp:europe-west1`.
    public let id: String
    /// `country`, `world`, `aggregate`, `egrid-subregion`, `egrid-total`, `gcp-region`, or
    /// `user` for zones from a user's file.
    package let kind: String
    /// The zone's name in English.
    public let name: String
    /// Other keys that find the zone (ISO3 code, other names, bare region ids).
    package let aliases: [String]
    /// The table holding its factors (`countries`, `egrid`, `gcp`, or a user's file).
    package let table: String

    /// A zone with its id, kind, name, aliases and table.
    package init(id: String, kind: String, name: String, aliases: [String], table: String) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.table = table
    }

    /// Every key that finds this zone: id, name and aliases.
    package var keys: [String] { [id, name] + aliases }
}

/// A cloud provider's region and the zone whose grid it draws from, with the reason.
public struct CloudRegion: Sendable, Hashable {
    /// `aws`, `azure` or `gcp`.
    package let provider: String
    /// The provider's region id, e.g. `us-east-1`, `westus2`, `europe-west1`.
    package let region: String
    /// Other names the provider uses for the region.
    package let aliases: [String]
    /// Where the provider says the region is.
    package let location: String
    /// The zone id whose grid factor applies.
    package let mapsTo: String
    /// Why that zone, in one sentence.
    package let reason: String
    /// Where the region's location was read.
    package let source: Source

    /// `aws:us-east-1`.
    package var id: String { "\(provider):\(region)" }

    /// The region as JSON: `provider`, `region`, `location`, `maps_to`, `reason`, `source`.
    package var json: JSONValue {
        .object([("provider", .string(provider)), ("region", .string(region)), ("location", .string(location)),
                 ("maps_to", .string(mapsTo)), ("reason", .string(reason)), ("source", source.json)])
    }
    /// Every key that finds the region.
    package var keys: [String] { [id, region] + aliases }
}

/// What a zone query found.
public enum ZoneMatch: Sendable, Hashable {
    /// A zone with factors of its own.
    case zone(Zone)
    /// A cloud region, and the zone it maps to.
    case cloudRegion(CloudRegion, Zone)

    /// The zone whose factors apply.
    package var zone: Zone {
        switch self {
        case let .zone(z): return z
        case let .cloudRegion(_, z): return z
        }
    }
}
