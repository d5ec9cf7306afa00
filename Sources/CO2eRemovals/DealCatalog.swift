import CO2eCore
import CO2eData

/// The removal deals co2e knows: the bundled `data/removals/deals.csv`, or a user's file with
/// the same columns (its `source` column then names the user's own source, and is shown as
/// given). A lookup by id reads only that row.
public struct DealCatalog: Sendable {
    static let dealsPath = "data/removals/deals.csv"
    static let sourcesPath = "data/removals/sources.csv"

    private let rows: CatalogRows
    private let isUser: Bool

    /// The bundled deals.
    public static var bundled: DealCatalog {
        get throws { DealCatalog(rows: try CatalogRows.bundled(dealsPath), isUser: false) }
    }

    /// The deals in a user's CSV `bytes`, named `origin` in errors; every row is checked now.
    ///
    /// - Throws: `CO2eError.invalidData` naming the file and line of the first bad row.
    package static func parse(bytes: [UInt8], origin: String) throws -> DealCatalog {
        let catalog = DealCatalog(rows: .user(bytes: bytes, origin: origin), isUser: true)
        let all = try catalog.deals()
        guard !all.isEmpty else { throw CO2eError(.invalidData, "has no deals (a header line, then one deal per line)", file: origin) }
        var seen: [String: String] = [:]
        for d in all {
            if let first = seen[d.id.lowercased()] {
                throw CO2eError(.invalidData, "deal '\(EchoedText.value(d.id))' is already given at \(first)", code: .duplicateEntry, file: origin, line: d.line)
            }
            seen[d.id.lowercased()] = d.origin
        }
        return catalog
    }

    /// Every deal, in file order.
    public func deals() throws -> [RemovalDeal] {
        var all: [RemovalDeal] = []
        var sources: [String: Source] = [:]
        try rows.forEach { row in
            let d = try deal(row, sources: &sources)
            all.append(d)
            return true
        }
        return all
    }

    /// The deal with `id` (ignoring case).
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (field `deal`), with the nearest ids.
    public func deal(_ id: String) throws -> RemovalDeal {
        let wanted = id.trimmingSpaces.lowercased()
        // Ids are read escaped (CatalogRows.safe): an id with a control character is found by its
        // raw or its escaped spelling. A user's file is scanned whole (it was checked whole).
        let escaped = CatalogRows.safe(wanted).lowercased()
        var found: RemovalDeal?
        var sources: [String: Source] = [:]
        try rows.forEach(where: isUser ? nil : "id", equals: isUser ? nil : wanted) { row in
            let rowID = try row["id"].lowercased()
            guard rowID == wanted || rowID == escaped else { return true }
            found = try deal(row, sources: &sources)
            return false
        }
        if let found { return found }
        throw CO2eError.unknown(id, kind: "removal deal", field: "deal", candidates: try rows.column("id"), seeAlso: "list")
    }

    /// The deals bought by `buyer` (ignoring case); `all` gives every deal.
    ///
    /// - Throws: `CO2eError.invalidData` when no deal has that buyer (field `portfolio`).
    package func portfolio(_ buyer: String) throws -> [RemovalDeal] {
        let all = try deals()
        let wanted = buyer.trimmingSpaces.lowercased()
        if wanted == "all" { return all }
        let found = all.filter { $0.buyer.lowercased() == wanted }
        guard found.isEmpty else { return found }
        let buyers = Array(Set(all.map { $0.buyer.lowercased() })).sorted() + ["all"]
        var reason = "is not a buyer in the deals catalogue"
        let near = Suggestions.nearest(to: wanted, among: buyers)
        if !near.isEmpty { reason += "; did you mean \(near.joined(separator: ", "))?" }
        throw CO2eError(.invalidData, reason, field: "portfolio", value: buyer, accepted: buyers.joined(separator: ", "))
    }

    private func deal(_ row: CatalogRows.Row, sources: inout [String: Source]) throws -> RemovalDeal {
        let id = try row["id"]
        guard !id.isEmpty else { throw row.bad("id", id, "is empty") }
        let method: RemovalMethod
        do { method = try RemovalMethod.parse(try row["method"]) } catch {
            throw row.bad("method", try row["method"], "is not a removal method", accepted: RemovalMethod.accepted)
        }
        guard let durability = Durability(rawValue: try row["durability"]) else {
            throw row.bad("durability", try row["durability"], "is not a durability class",
                          accepted: Durability.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let tonnes = try row.requiredNumber("tonnes")
        guard tonnes > 0 else { throw row.bad("tonnes", try row["tonnes"], "must be more than zero") }
        guard let start = try row.year("start_year") else { throw row.bad("start_year", "", "is empty") }
        guard let end = try row.year("end_year") else { throw row.bad("end_year", "", "is empty") }
        guard end > start else {
            throw row.bad("end_year", String(end), "is not after start_year \(start); deliveries run from start_year to end_year - 1")
        }
        let contracted = Mass.tonnes(tonnes)
        var schedule: [(year: Int, mass: Mass)] = []
        let profile = row.optional("profile") ?? "even"
        if profile == "even" {
            let each = contracted / Double(end - start)
            schedule = (start..<end).map { ($0, each) }
        } else {
            // `2026:100000;2027:400000`: tonnes per year, summing to the contracted tonnes.
            for item in profile.split(separator: ";") {
                let parts = item.split(separator: ":")
                guard parts.count == 2, let y = Int(parts[0].trimmingSpacesSubstring), let t = NumberText.parse(String(parts[1].trimmingSpacesSubstring)),
                      (start..<end).contains(y), t >= 0 else {
                    throw row.bad("profile", profile, "is not a schedule within the deal's years", accepted: "even, or YEAR:TONNES;YEAR:TONNES with years from start_year to end_year - 1")
                }
                try CatalogRows.Row.checkMagnitude(t, column: "profile", text: profile, row: row)
                if schedule.contains(where: { $0.year == y }) {
                    throw row.bad("profile", profile, "gives \(y) twice", accepted: "each delivery year once", code: .duplicateEntry)
                }
                schedule.append((y, Mass.tonnes(t)))
            }
            let sum = schedule.reduce(0.0) { $0 + $1.mass.tonnes }
            guard abs(sum - tonnes) <= tonnes * 0.005 else {
                throw row.bad("profile", profile, "sums to \(NumberText.format(sum, significantDigits: 6)) t, not the contracted \(NumberText.format(tonnes, significantDigits: 6)) t")
            }
            schedule.sort { $0.year < $1.year }
        }
        let delivered = try row.number("delivered_tonnes")
        if let delivered, delivered < 0 || delivered > tonnes * 1.005 {
            throw row.bad("delivered_tonnes", try row["delivered_tonnes"], "must be from 0 to the contracted tonnes")
        }
        let low = try row.number("price_low_usd_per_t"), high = try row.number("price_high_usd_per_t")
        var price: Uncertain<MoneyPerMassDimension>?
        if let low, let high {
            guard low >= 0 else { throw row.bad("price_low_usd_per_t", try row["price_low_usd_per_t"], "is negative") }
            guard low <= high else {
                throw row.bad("price_low_usd_per_t", try row["price_low_usd_per_t"], "is above price_high_usd_per_t \(try row["price_high_usd_per_t"])")
            }
            price = Uncertain(DollarsPerMass(low, "$/t")!, DollarsPerMass(high, "$/t")!)
        } else if low != nil || high != nil {
            throw row.bad(low == nil ? "price_low_usd_per_t" : "price_high_usd_per_t", "", "is empty; give both ends of the price (equal for one price)")
        }
        let value = try row.number("value_usd")
        if let value, value < 0 { throw row.bad("value_usd", try row["value_usd"], "is negative") }
        let basisText = row.optional("price_basis") ?? "not_disclosed"
        guard let basis = PriceBasis(rawValue: basisText) else {
            throw row.bad("price_basis", basisText, "is not a price basis", accepted: "disclosed, estimated, not_disclosed")
        }
        if basis != .notDisclosed && price == nil && value == nil {
            throw row.bad("price_basis", basisText, "needs a price (price_low_usd_per_t, price_high_usd_per_t) or a value_usd")
        }
        let sourceID = try row["source"]
        let source: Source
        if isUser {
            source = Source(id: sourceID.isEmpty ? "user" : sourceID, kind: .dataset, title: "as given in \(rows.origin)", publisher: "",
                            published: "", licence: "", url: "")
        } else {
            source = try sources[sourceID] ?? CatalogRows.source(sourceID, in: Self.sourcesPath, usedAt: row)
            sources[sourceID] = source
        }
        var deal = RemovalDeal(
            id: id, buyer: try row["buyer"], supplier: try row["supplier"], method: method, durability: durability,
            certification: row.optional("certification") ?? "", contracted: contracted, startYear: start, endYear: end,
            schedule: schedule, scheduleGiven: profile != "even", delivered: delivered.map(Mass.tonnes),
            deliveredAsOf: row.optional("delivered_as_of") ?? "", price: price, value: value.map { Dollars(baseValue: $0) },
            priceBasis: basis, priceYear: try row.year("price_year"), priceBy: row.optional("price_by") ?? "",
            announced: row.optional("announced") ?? "", source: source, origin: row.place, line: row.line, note: row.optional("note") ?? "",
            mayRestate: row.optional("may_restate") ?? "")
        deal.read = try row.reading()
        return deal
    }
}
