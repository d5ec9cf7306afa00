import CO2eCore
import CO2eData

/// How a removal takes CO2 out of the air.
public enum RemovalMethod: String, Sendable, Hashable, CaseIterable {
    /// Direct air capture with storage (1PointFive's STRATOS).
    case dac
    /// Biomass carbon removal and storage (Vaulted Deep's waste slurry injected underground).
    case bicrs
    /// Bioenergy with carbon capture and storage.
    case beccs
    case reforestation
    case enhancedWeathering = "enhanced_weathering"
    case biochar
    case mineralisation
    case ocean
    case soil

    /// Every method, for messages.
    public static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The method named `text`, or an error suggesting the nearest.
    ///
    /// - Throws: `CO2eError.invalidInput` for an unknown method, naming `field`.
    public static func parse(_ text: String, field: String = "method") throws -> RemovalMethod {
        let t = text.trimmingSpaces.lowercased().replacingOccurrences("-", "_")
        if let m = RemovalMethod(rawValue: t) { return m }
        var reason = "is not a removal method"
        let near = Suggestions.nearest(to: t, among: allCases.map(\.rawValue))
        if !near.isEmpty { reason += "; did you mean \(near.joined(separator: ", "))?" }
        throw CO2eError(.invalidInput, reason, field: field, value: text, accepted: accepted)
    }
}

/// How long removed carbon stays out of the air, in Microsoft's classes, with nature-based
/// removals (forests, soils) apart because they can be reversed by fire, drought or logging.
public enum Durability: String, Sendable, Hashable, CaseIterable {
    case above1000 = "above_1000y"
    case from100To1000 = "100_1000y"
    case below100 = "below_100y"
    case natureBased = "nature_reversal_risk"

    /// 100 years or more in geological or mineral storage.
    public var isDurable: Bool { self == .above1000 || self == .from100To1000 }

    public var description: String {
        switch self {
        case .above1000: return "durable: above 1,000 years"
        case .from100To1000: return "durable: 100–1,000 years"
        case .below100: return "short-lived: below 100 years"
        case .natureBased: return "nature-based, with reversal risk"
        }
    }
}

/// Whether a deal's price is known.
public enum PriceBasis: String, Sendable, Hashable {
    case disclosed
    /// Someone outside the deal estimated it (who and how: `priceBy`).
    case estimated
    case notDisclosed = "not_disclosed"
}

/// One purchase of carbon removal: who buys what from whom, how much, when, how durable, at
/// what price (if known), and where that was read. Contracted and delivered tonnes are apart.
public struct RemovalDeal: Sendable, Hashable {
    public let id: String
    public let buyer: String
    public let supplier: String
    public let method: RemovalMethod
    public let durability: Durability
    public let certification: String
    /// Tonnes contracted over the whole deal.
    public let contracted: Mass
    /// First delivery year.
    public let startYear: Int
    /// The year the deal ends: deliveries run from `startYear` to `endYear - 1`, so the span is
    /// `endYear - startYear` years, as announcements count it (2026–2038 is 12 years).
    public let endYear: Int
    /// Tonnes per delivery year (an even spread unless the row gives a schedule).
    public let schedule: [(year: Int, mass: Mass)]
    /// Whether `schedule` was published (false: spread evenly by co2e).
    public let scheduleGiven: Bool
    /// Tonnes delivered so far, when reported, and as of when.
    public let delivered: Mass?
    public let deliveredAsOf: String
    /// The price per tonne, when disclosed or estimated.
    public let price: Uncertain<MoneyPerMassDimension>?
    /// The deal's total value, when that is what was disclosed or estimated.
    public let value: Dollars?
    public let priceBasis: PriceBasis
    /// The year of the dollars (no inflation adjustment is made).
    public let priceYear: Int?
    /// Who estimated the price, and how.
    public let priceBy: String
    public let announced: String
    public let source: Source
    /// `file:line` of the row.
    public let origin: String
    public let note: String
    /// The id of an earlier deal this one may restate rather than add to (reports disagree).
    public let mayRestate: String
    /// How the row's figures were read (its `read` column; nil when a user's file has none).
    public var read: Reading? = nil

    public var years: Int { endYear - startYear }

    public static func == (a: RemovalDeal, b: RemovalDeal) -> Bool { a.id == b.id && a.origin == b.origin }
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(origin) }
}

/// The dimension of a price per tonne ($/t).
public typealias MoneyPerMassDimension = Per<MoneyDimension<USD>, MassDimension>

extension String {
    package func replacingOccurrences(_ a: Character, _ b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}
