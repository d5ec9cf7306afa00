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
    /// Planting or restoring forests (re.green's Brazilian restoration).
    case reforestation
    /// Enhanced rock weathering on fields.
    case enhancedWeathering = "enhanced_weathering"
    /// Biochar: biomass charred and buried or spread on soil.
    case biochar
    /// Mineralisation: CO2 bound into rock or concrete.
    case mineralisation
    /// Ocean-based removal (alkalinity, biomass sinking).
    case ocean
    /// Soil carbon from changed farming.
    case soil

    /// Every method, for messages.
    package static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The method named `text`, or an error suggesting the nearest.
    ///
    /// - Throws: `CO2eError.invalidInput` for an unknown method, naming `field`.
    package static func parse(_ text: String, field: String = "method") throws -> RemovalMethod {
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
package enum Durability: String, Sendable, Hashable, CaseIterable {
    case above1000 = "above_1000y"
    case from100To1000 = "100_1000y"
    case below100 = "below_100y"
    case natureBased = "nature_reversal_risk"

    /// 100 years or more in geological or mineral storage.
    package var isDurable: Bool { self == .above1000 || self == .from100To1000 }

    package var description: String {
        switch self {
        case .above1000: return "durable: above 1,000 years"
        case .from100To1000: return "durable: 100–1,000 years"
        case .below100: return "short-lived: below 100 years"
        case .natureBased: return "nature-based, with reversal risk"
        }
    }
}

/// Whether a deal's price is known.
package enum PriceBasis: String, Sendable, Hashable {
    case disclosed
    /// Someone outside the deal estimated it (who and how: `priceBy`).
    case estimated
    case notDisclosed = "not_disclosed"
}

/// One purchase of carbon removal: who buys what from whom, how much, when, how durable, at
/// what price (if known), and where that was read. Contracted and delivered tonnes are apart.
public struct RemovalDeal: Sendable, Hashable {
    /// The deal's stable id (`vaulted-deep-2025`).
    public let id: String
    package let buyer: String
    package let supplier: String
    package let method: RemovalMethod
    package let durability: Durability
    package let certification: String
    /// Tonnes contracted over the whole deal.
    package let contracted: Mass
    /// First delivery year.
    package let startYear: Int
    /// The year the deal ends: deliveries run from `startYear` to `endYear - 1`, so the span is
    /// `endYear - startYear` years, as announcements count it (2026–2038 is 12 years).
    package let endYear: Int
    /// Tonnes per delivery year (an even spread unless the row gives a schedule).
    package let schedule: [(year: Int, mass: Mass)]
    /// Whether `schedule` was published (false: spread evenly by co2e).
    package let scheduleGiven: Bool
    /// Tonnes delivered so far, when reported, and as of when.
    package let delivered: Mass?
    package let deliveredAsOf: String
    /// The price per tonne, when disclosed or estimated.
    package let price: Uncertain<MoneyPerMassDimension>?
    /// The deal's total value, when that is what was disclosed or estimated.
    package let value: Dollars?
    package let priceBasis: PriceBasis
    /// The year of the dollars (no inflation adjustment is made).
    package let priceYear: Int?
    /// Who estimated the price, and how.
    package let priceBy: String
    package let announced: String
    package let source: Source
    /// `file:line` of the row.
    package let origin: String
    /// The row's line in its file, counting from 1.
    package let line: Int
    package let note: String
    /// The id of an earlier deal this one may restate rather than add to (reports disagree).
    package let mayRestate: String
    /// How the row's figures were read (its `read` column; nil when a user's file has none).
    package var read: Reading? = nil

    package var years: Int { endYear - startYear }

    /// Two deals are the same when their id and the file they come from are.
    public static func == (a: RemovalDeal, b: RemovalDeal) -> Bool { a.id == b.id && a.origin == b.origin }
    /// Hashes the id and the file the deal comes from.
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(origin) }
}

/// The dimension of a price per tonne ($/t).
public typealias MoneyPerMassDimension = Per<MoneyDimension<USD>, MassDimension>

extension String {
    package func replacingOccurrences(_ a: Character, _ b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}
