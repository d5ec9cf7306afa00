import CO2eCore
import CO2eData
import CO2eGrid
import CO2eTraining
import CO2eInference
import CO2eProjections
import CO2eRemovals
import CO2eEquivalents

/// A published statement co2e can redo: who said it, where and when, the number it states, and
/// which of co2e's computations checks it (`kind` with its parameters).
public struct Claim: Sendable, Hashable {
    /// The claim's stable id (`vaulted-deep-49mt`), as `co2e check ID` takes it.
    public let id: String
    package let title: String
    package let who: String
    package let whereSaid: String
    package let when: String
    package let statement: String
    /// The number the statement gives, in `claimedUnit`.
    package let claimed: Double
    package let claimedUnit: String
    /// `training_equivalent`, `deal_tonnes`, `deal_value`, `deals_total`, `credit_45q`,
    /// `price_below`, `percent_higher`,
    /// `share_at_least`, `company_change`, `company_share`, `dc_ratio`, `inference_ratio`,
    /// `projection_cumulative`, `projection_added`, `country_rank`, `reported`.
    package let kind: String
    package let parameters: [String: String]
    /// How far the recomputation may be from the claim for it to hold, in percent.
    package let tolerancePercent: Double
    package let source: Source
    package let origin: String
    /// The file and line of the claim's row.
    package let originFile: String
    package let originLine: Int
    package let note: String
    /// The correct statement, with `{result}` (and other keys) filled from the recomputation.
    package let correctTemplate: String
    /// How the row's figures were read (its `read` column; nil when a user's file has none).
    package var read: Reading? = nil
}

/// What a check concluded.
public enum Verdict: Sendable, Hashable {
    /// The recomputation agrees with the claim within the claim's tolerance.
    case holds
    /// The recomputation is this many times the claim (a range when the inputs are).
    case offBy(Interval)
    /// The claim cannot be recomputed from what it states; the reason.
    case notCheckable(String)

    /// The verdict in a few words: `holds`, `10x too high` (the claim is ten times the
    /// recomputation), `1.39–1.67x too low`, `not checkable`.
    public var summary: String {
        switch self {
        case .holds: return "holds"
        case let .offBy(f):
            // f is recomputed / claimed: below 1 the claim is too high, by 1 / f.
            let (lo, hi, word) = f.upper < 1 ? (1 / f.upper, 1 / f.lower, "high") : (f.lower, f.upper, "low")
            let a = Claim.number(lo, digits: 3), b = Claim.number(hi, digits: 3)
            return "\(a == b ? a : a + "–" + b)x too \(word)"
        case .notCheckable: return "not checkable"
        }
    }

    package var key: String {
        switch self {
        case .holds: return "holds"
        case .offBy: return "off_by_a_factor"
        case .notCheckable: return "not_checkable"
        }
    }
}

/// The claims co2e can redo (`data/claims/claims.csv`), each checked with the same models the
/// commands use, so a check changes when a factor does.
public enum Claims {
    static let claimsPath = "data/claims/claims.csv"
    static let sourcesPath = "data/claims/sources.csv"
    package static let kinds = ["training_equivalent", "deal_tonnes", "deal_value", "deals_total", "credit_45q", "price_below",
                               "percent_higher", "share_at_least", "company_change", "company_share", "dc_ratio", "inference_ratio", "projection_cumulative", "projection_added", "country_rank", "reported"]

    /// Every claim, in file order.
    public static func all() throws -> [Claim] {
        var out: [Claim] = []
        try CatalogRows.bundled(claimsPath).forEach { row in
            out.append(try claim(row))
            return true
        }
        return out
    }

    /// The claim with `id`.
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (field `claim`), with the nearest.
    public static func claim(_ id: String) throws -> Claim {
        let wanted = id.trimmingSpaces.lowercased()
        var found: Claim?
        let rows = try CatalogRows.bundled(claimsPath)
        try rows.forEach(where: "id", equals: wanted) { row in
            guard try row["id"].lowercased() == wanted else { return true }
            found = try claim(row)
            return false
        }
        if let found { return found }
        throw CO2eError.unknown(id, kind: "claim", field: "claim", candidates: try rows.column("id"), seeAlso: "list")
    }

    static func claim(_ row: CatalogRows.Row) throws -> Claim {
        let kind = try row["kind"]
        guard kinds.contains(kind) else { throw row.bad("kind", kind, "is not a kind of check", accepted: kinds.joined(separator: ", ")) }
        let claimed = try row.requiredNumber("claimed")
        var params: [String: String] = [:]
        for item in (row.optional("params") ?? "").split(separator: ";") {
            guard let eq = item.firstIndex(of: "=") else { throw row.bad("params", String(item), "is not key=value") }
            params[String(item[..<eq]).trimmingSpaces] = String(item[item.index(after: eq)...]).trimmingSpaces
        }
        let sourceID = try row["source"]
        var claim = Claim(id: try row["id"], title: try row["title"], who: try row["who"], whereSaid: try row["where"], when: try row["when"],
                     statement: try row["statement"], claimed: claimed, claimedUnit: try row["claimed_unit"], kind: kind, parameters: params,
                     tolerancePercent: try row.number("tolerance_pct") ?? 0,
                     source: try CatalogRows.source(sourceID, in: sourcesPath, usedAt: row), origin: row.place,
                     originFile: row.origin, originLine: row.line,
                     note: row.optional("note") ?? "", correctTemplate: row.optional("correct") ?? "")
        claim.read = try row.reading()
        return claim
    }
}
