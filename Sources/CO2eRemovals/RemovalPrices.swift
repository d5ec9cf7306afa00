import CO2eCore
import CO2eData

/// A published price or cost per tonne for a removal method, with what kind of figure it is.
package struct RemovalPrice: Sendable, Hashable {
    package let method: RemovalMethod
    /// `cost_range`, `average_paid`, `quoted_rate`, `estimate`.
    package let kind: String
    package let price: Uncertain<MoneyPerMassDimension>
    /// The year of the dollars (no inflation adjustment is made).
    package let priceYear: Int
    package let source: Source
    package let origin: String
    /// How the row's figures were read (its `read` column; nil when a user's file has none).
    package var read: Reading? = nil
    package let note: String
}

/// One row of the 45Q credit table: the credit per tonne for a capture source and storage
/// route, under one law, for equipment placed in service in a date window.
package struct Credit45Q: Sendable, Hashable {
    /// `ira-2022`, `obbba-2025`.
    package let law: String
    package let enacted: String
    /// Placed in service after this date (exclusive), ISO `YYYY-MM-DD`.
    package let inServiceAfter: String
    /// Placed in service before this date (exclusive); empty for no end.
    package let inServiceBefore: String
    /// `point_source` or `dac`.
    package let capture: String
    /// `geologic`, `utilisation` or `eor`.
    package let route: String
    package let base: DollarsPerMass
    /// With the prevailing-wage and apprenticeship requirements met (base x 5).
    package let full: DollarsPerMass
    package let creditYears: Int
    package let constructionBefore: String
    package let source: Source
    package let origin: String
    /// How the row's figures were read (its `read` column; nil when a user's file has none).
    package var read: Reading? = nil
    package let note: String

    /// True when equipment placed in service on `date` (ISO) falls in this row's window.
    package func covers(placedInService date: String) -> Bool {
        date > inServiceAfter && (inServiceBefore.isEmpty || date < inServiceBefore)
    }
}

/// Prices per method (`data/removals/prices.csv`) and the 45Q credit table
/// (`data/removals/credits-45q.csv`).
package enum RemovalPrices {
    static let pricesPath = "data/removals/prices.csv"
    static let creditsPath = "data/removals/credits-45q.csv"
    package static let captures = ["point_source", "dac"]
    package static let routes = ["geologic", "utilisation", "eor"]

    /// The bundled prices for `method` (empty when none is bundled).
    package static func prices(for method: RemovalMethod) throws -> [RemovalPrice] {
        try allPrices().filter { $0.method == method }
    }

    /// Every bundled price row.
    package static func allPrices() throws -> [RemovalPrice] {
        var out: [RemovalPrice] = []
        var sources: [String: Source] = [:]
        try CatalogRows.bundled(pricesPath).forEach { row in
            let methodText = try row["method"]
            guard let method = RemovalMethod(rawValue: methodText) else { throw row.bad("method", methodText, "is not a removal method", accepted: RemovalMethod.accepted) }
            guard let low = try row.number("low_usd_per_t"), let high = try row.number("high_usd_per_t") else {
                throw row.bad("low_usd_per_t", "", "and high_usd_per_t are both needed")
            }
            guard low >= 0, low <= high else { throw row.bad("low_usd_per_t", try row["low_usd_per_t"], "must be 0 or more and not above high_usd_per_t") }
            guard let year = try row.year("price_year") else { throw row.bad("price_year", "", "is empty") }
            let id = try row["source"]
            let source = try sources[id] ?? CatalogRows.source(id, in: DealCatalog.sourcesPath, usedAt: row)
            sources[id] = source
            var price = RemovalPrice(method: method, kind: try row["kind"], price: Uncertain(DollarsPerMass(low, "$/t")!, DollarsPerMass(high, "$/t")!),
                                     priceYear: year, source: source, origin: row.place, note: row.optional("note") ?? "")
            price.read = try row.reading()
            out.append(price)
            return true
        }
        return out
    }

    /// Every row of the 45Q table.
    package static func credits45Q() throws -> [Credit45Q] {
        var out: [Credit45Q] = []
        var sources: [String: Source] = [:]
        try CatalogRows.bundled(creditsPath).forEach { row in
            guard let base = try row.number("base_usd_per_t"), let full = try row.number("full_usd_per_t") else {
                throw row.bad("base_usd_per_t", "", "and full_usd_per_t are both needed")
            }
            guard let creditYears = Int(try row["credit_years"]), creditYears > 0 else {
                throw row.bad("credit_years", try row["credit_years"], "is not a whole number of years above zero")
            }
            let id = try row["source"]
            let source = try sources[id] ?? CatalogRows.source(id, in: DealCatalog.sourcesPath, usedAt: row)
            sources[id] = source
            var credit = (Credit45Q(law: try row["law"], enacted: try row["enacted"], inServiceAfter: try row["in_service_after"],
                                 inServiceBefore: try row["in_service_before"], capture: try row["capture"], route: try row["route"],
                                 base: DollarsPerMass(base, "$/t")!, full: DollarsPerMass(full, "$/t")!,
                                 creditYears: creditYears, constructionBefore: try row["construction_before"],
                                 source: source, origin: row.place, note: row.optional("note") ?? ""))
            credit.read = try row.reading()
            out.append(credit)
            return true
        }
        return out
    }

    /// The 45Q row for `capture` and `route`: under `law` when given, else for equipment placed
    /// in service on `placedInService` (ISO date), else the newest law.
    ///
    /// - Throws: `CO2eError.invalidInput` for an unknown capture, route, law or a date no row covers.
    package static func credit45Q(capture: String, route: String, law: String? = nil, placedInService: String? = nil) throws -> Credit45Q {
        guard captures.contains(capture) else {
            throw CO2eError(.invalidInput, "is not a 45Q capture source", field: "capture", value: capture, accepted: captures.joined(separator: ", "))
        }
        guard routes.contains(route) else {
            var reason = "is not a 45Q storage route"
            if let near = Suggestions.nearest(to: route, among: routes, limit: 1).first { reason += "; did you mean \(near)?" }
            throw CO2eError(.invalidInput, reason, field: "route", value: route, accepted: routes.joined(separator: ", "))
        }
        let rows = try credits45Q().filter { $0.capture == capture && $0.route == route }
        if let law {
            guard let r = rows.first(where: { $0.law == law }) else {
                throw CO2eError(.invalidInput, "is not a law in the 45Q table", field: "law", value: law,
                                accepted: Array(Set(rows.map(\.law))).sorted().joined(separator: ", "))
            }
            return r
        }
        if let date = placedInService {
            try checkDate(date, field: "in_service")
            guard let r = rows.first(where: { $0.covers(placedInService: date) }) else {
                let earliest = rows.map(\.inServiceAfter).min() ?? ""
                throw CO2eError(.invalidInput, "is before the 45Q rates co2e bundles (equipment placed in service after \(earliest))",
                                field: "in_service", value: date, accepted: "a date after \(earliest)")
            }
            return r
        }
        guard let newest = rows.max(by: { $0.enacted < $1.enacted }) else {
            throw CO2eError.data("has no 45Q row for \(capture), \(route)", code: .notAvailable, file: creditsPath)
        }
        return newest
    }

    /// Checks that `text` is a calendar date `YYYY-MM-DD` with a year co2e reads (1900-2100), a
    /// month 01-12 and a day that month has (2024-02-30 is refused; 2024-02-29 is read).
    ///
    /// - Throws: `CO2eError.invalidInput` naming `field`.
    static func checkDate(_ text: String, field: String) throws {
        let u = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var n = 0
            for k in r { guard u[k] >= 48, u[k] <= 57 else { return nil }; n = n * 10 + Int(u[k] - 48) }
            return n
        }
        let accepted = "a date YYYY-MM-DD from 1900 to 2100, such as 2025-08-01"
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else {
            throw CO2eError(.invalidInput, "is not a date", field: field, value: text, accepted: accepted)
        }
        guard Year.accepted.contains(y) else {
            throw CO2eError(.invalidInput, "is outside the years co2e reads", code: .valueOutOfRange, field: field, value: text, accepted: accepted)
        }
        guard (1...12).contains(m), (1...Timestamp.daysInMonth(y, m)).contains(d) else {
            throw CO2eError(.invalidInput, "is not a calendar date", code: .valueOutOfRange, field: field, value: text, accepted: accepted)
        }
    }

    /// The 45Q capture source for a removal method, or nil with the reason it does not qualify.
    package static func capture(for method: RemovalMethod) -> (capture: String?, why: String) {
        switch method {
        case .dac: return ("dac", "direct air capture qualifies as DAC under 45Q")
        case .beccs: return ("point_source", "CO2 captured at a bioenergy plant qualifies as point-source capture under 45Q")
        default: return (nil, "45Q credits carbon oxide captured by capture equipment (at a facility, or from the air); \(method.rawValue) does not capture carbon oxide that way")
        }
    }
}
