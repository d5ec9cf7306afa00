import CO2eCore
import CO2eGrid

/// What a batch adds up per group, exactly.
public struct BatchGroupKey: Sendable, Hashable, Comparable {
    /// The region, when grouping by region.
    public var region: String?
    /// `2025-03-14` (day) or `2025-03` (month), when grouping by time.
    public var period: String?

    public init(region: String?, period: String?) {
        self.region = region
        self.period = period
    }

    public static func < (a: BatchGroupKey, b: BatchGroupKey) -> Bool {
        let ar = a.region ?? "", br = b.region ?? ""
        if ar != br { return Array(ar.utf8).lexicographicallyPrecedes(Array(br.utf8)) }
        return (a.period ?? "") < (b.period ?? "")
    }
}

/// Exact sums of one group: rows, energy, grams (before PUE), and a log's own reported mass.
public struct BatchGroupSums: Sendable, Hashable {
    public var rows: UInt64 = 0
    /// kWh in units of 1e-18 kWh.
    public var energy = ExactSum()
    /// Grams CO2e before PUE, in units of 1e-24 g (kWh units x factor units).
    public var grams = ExactSum()
    /// The input's own figure (CodeCarbon's `emissions`), in units of 1e-18 kg.
    public var reportedMass = ExactSum()
    /// Market-based grams before PUE (1e-24 g): energy x the region's market factor, or the
    /// location-based grams where the region has none.
    public var marketGrams = ExactSum()
    /// kWh (1e-18) that a market factor covered.
    public var marketEnergy = ExactSum()

    public init() {}

    public static func += (a: inout BatchGroupSums, b: BatchGroupSums) {
        a.rows += b.rows
        a.energy += b.energy
        a.grams += b.grams
        a.reportedMass += b.reportedMass
        a.marketGrams += b.marketGrams
        a.marketEnergy += b.marketEnergy
    }

    /// kWh as a Double.
    public var kwh: Double { energy.double(scale: FixedPoint.kwhScale) }
}

/// Why a row could not be used.
public enum BatchRowProblem: String, Sendable, CaseIterable, Comparable {
    case columnCount = "column_count"
    case unclosedQuote = "unclosed_quote"
    case badNumber = "bad_number"
    case negativeEnergy = "negative_kwh"
    case unknownRegion = "unknown_region"
    case badTimestamp = "bad_timestamp"
    case outsideHourlyFactors = "outside_hourly_factors"

    public static func < (a: BatchRowProblem, b: BatchRowProblem) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// What the kind means, for a report.
    public var summary: String {
        switch self {
        case .columnCount: return "wrong number of fields"
        case .unclosedQuote: return "a quote not closed on its line"
        case .badNumber: return "a number that cannot be read"
        case .negativeEnergy: return "negative kWh"
        case .unknownRegion: return "a region without a factor"
        case .badTimestamp: return "a timestamp that cannot be read"
        case .outsideHourlyFactors: return "an hour the hourly factors do not cover"
        }
    }
}

/// One row that could not be used: where and why.
public struct BatchRowError: Sendable, Hashable {
    public let file: String
    /// The line in `file`, counting the header as line 1.
    public let line: Int
    public let problem: BatchRowProblem
    /// `kwh 'abc' is not a number`.
    public let detail: String

    public init(file: String, line: Int, problem: BatchRowProblem, detail: String) {
        self.file = file
        self.line = line
        self.problem = problem
        self.detail = detail
    }

    public var text: String { "\(file):\(line): \(problem.rawValue): \(detail)" }
}

/// The exact, mergeable result of a batch over some input: per-group sums, the factors used,
/// and every row it could not use. Totals of any split of the input, merged in any order, equal
/// the totals of one run over all of it, bit for bit: every sum is an integer.
public struct BatchTotals: Sendable {
    /// How many rows with problems are kept in full; the rest are counted by kind.
    public static let sampleLimit = 20

    /// `annual`, `hourly` or `bundled`.
    public var mode: String
    /// The PUE applied at the end, as given (`1.2`).
    public var pue: String
    /// `region`, `day`, `month`, in the order given.
    public var grouping: [String]
    /// True when the rows carry their own emissions figure (a CodeCarbon log).
    public var hasReportedMass = false
    /// True when market-based factors were given.
    public var hasMarket = false
    /// The market-based factor each region used.
    public var marketFactors: [String: FactorUse] = [:]
    public var groups: [BatchGroupKey: BatchGroupSums] = [:]
    /// The factor each region used.
    public var factors: [String: FactorUse] = [:]
    /// Data rows read (not counting the header and blank lines).
    public var rowsRead: UInt64 = 0
    public var blankLines: UInt64 = 0
    /// Values with more decimals than their fixed unit keeps (rounded half to even).
    public var roundedValues: UInt64 = 0
    public var problems: [BatchRowProblem: UInt64] = [:]
    /// kWh of rows skipped whose kWh could be read, in 1e-18 kWh.
    public var skippedEnergy = ExactSum()
    /// The first rows with problems, in input order (at most `sampleLimit`).
    public var samples: [BatchRowError] = []

    public init(mode: String, pue: String, grouping: [String]) {
        self.mode = mode
        self.pue = pue
        self.grouping = grouping
    }

    public var rowsSkipped: UInt64 { problems.values.reduce(0, +) }
    public var rowsUsed: UInt64 { rowsRead - rowsSkipped }

    /// Adds `other` (another shard of the same job).
    ///
    /// - Throws: `CO2eError.invalidData` when the two were made with different factors mode,
    ///   PUE or grouping, which would not add up to one run.
    public mutating func merge(_ other: BatchTotals) throws {
        guard mode == other.mode, pue == other.pue, grouping == other.grouping, hasMarket == other.hasMarket else {
            throw CO2eError(.invalidData, "cannot merge results of different jobs (\(describeJob) vs \(other.describeJob))")
        }
        hasReportedMass = hasReportedMass || other.hasReportedMass
        for (k, v) in other.groups { groups[k, default: BatchGroupSums()] += v }
        for (k, v) in other.factors where factors[k] == nil { factors[k] = v }
        for (k, v) in other.marketFactors where marketFactors[k] == nil { marketFactors[k] = v }
        rowsRead += other.rowsRead
        blankLines += other.blankLines
        roundedValues += other.roundedValues
        for (k, v) in other.problems { problems[k, default: 0] += v }
        skippedEnergy += other.skippedEnergy
        if samples.count < Self.sampleLimit {
            samples += other.samples.prefix(Self.sampleLimit - samples.count)
        }
    }

    var describeJob: String { "\(mode) factors\(hasMarket ? " with market factors" : ""), PUE \(pue), by \(grouping.joined(separator: ","))" }

    /// All groups added together.
    public var total: BatchGroupSums {
        var t = BatchGroupSums()
        for v in groups.values { t += v }
        return t
    }

    /// Groups in order: by region (byte order), then period.
    public var sortedGroups: [(key: BatchGroupKey, sums: BatchGroupSums)] {
        groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// kg CO2e of `sums` with the PUE applied, as exact decimal text.
    public func kilograms(_ sums: BatchGroupSums) -> String {
        let (m, s) = FixedPoint.decimal(pue) ?? (1, 0)
        return sums.grams.multiplied(by: m).decimalText(scale: FixedPoint.gramScale + 3 + s)
    }

    /// kg CO2e of `sums` with the PUE applied, the nearest Double to the exact value.
    public func kilogramsValue(_ sums: BatchGroupSums) -> Double {
        kilograms(grams: sums.grams).double
    }

    /// Market-based kg CO2e of `sums`, exact decimal text.
    public func marketKilograms(_ sums: BatchGroupSums) -> String { kilograms(grams: sums.marketGrams).text }

    func kilograms(grams: ExactSum) -> (text: String, double: Double) {
        let (m, s) = FixedPoint.decimal(pue) ?? (1, 0)
        let scaled = grams.multiplied(by: m)
        return (scaled.decimalText(scale: FixedPoint.gramScale + 3 + s), scaled.double(scale: FixedPoint.gramScale + 3 + s))
    }

    /// The result as CSV: a header, one row per group, and `TOTAL,<kg>` (the format peer tools
    /// and `check_result.py` read). Values are exact decimals.
    public var csv: String {
        var out = (grouping + ["kg_co2e"] + (hasMarket ? ["market_kg_co2e"] : [])).joined(separator: ",") + "\n"
        for (key, sums) in sortedGroups {
            var fields: [String] = []
            for g in grouping { fields.append(g == "region" ? key.region ?? "" : key.period ?? "") }
            fields.append(kilograms(sums))
            if hasMarket { fields.append(marketKilograms(sums)) }
            out += CSV.line(fields)
        }
        let t = total
        out += "TOTAL" + String(repeating: ",", count: grouping.count - 1) + "," + kilograms(t) + (hasMarket ? "," + marketKilograms(t) : "") + "\n"
        return out
    }
}
