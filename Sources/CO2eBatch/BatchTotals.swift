import CO2eCore
import CO2eGrid

/// What a batch adds up per group, exactly.
package struct BatchGroupKey: Sendable, Hashable, Comparable {
    /// The region, when grouping by region.
    package var region: String?
    /// `2025-03-14` (day) or `2025-03` (month), when grouping by time.
    package var period: String?

    package init(region: String?, period: String?) {
        self.region = region
        self.period = period
    }

    package static func < (a: BatchGroupKey, b: BatchGroupKey) -> Bool {
        let ar = a.region ?? "", br = b.region ?? ""
        if ar != br { return Array(ar.utf8).lexicographicallyPrecedes(Array(br.utf8)) }
        return (a.period ?? "") < (b.period ?? "")
    }
}

/// Exact sums of one group: rows, energy, grams (before PUE), and a log's own reported mass.
package struct BatchGroupSums: Sendable, Hashable {
    package var rows: UInt64 = 0
    /// kWh in units of 1e-18 kWh.
    package var energy = ExactSum()
    /// Grams CO2e before PUE, in units of 1e-24 g (kWh units x factor units).
    package var grams = ExactSum()
    /// The input's own figure (CodeCarbon's `emissions`), in units of 1e-18 kg.
    package var reportedMass = ExactSum()
    /// Market-based grams before PUE (1e-24 g): energy x the region's market factor, or the
    /// location-based grams where the region has none.
    package var marketGrams = ExactSum()
    /// kWh (1e-18) that a market factor covered.
    package var marketEnergy = ExactSum()

    package init() {}

    package static func += (a: inout BatchGroupSums, b: BatchGroupSums) {
        a.rows += b.rows
        a.energy += b.energy
        a.grams += b.grams
        a.reportedMass += b.reportedMass
        a.marketGrams += b.marketGrams
        a.marketEnergy += b.marketEnergy
    }

    /// kWh as a Double.
    package var kwh: Double { energy.double(scale: FixedPoint.kwhScale) }
}

/// Why a row could not be used.
package enum BatchRowProblem: String, Sendable, CaseIterable, Comparable {
    case columnCount = "column_count"
    case unclosedQuote = "unclosed_quote"
    case badNumber = "bad_number"
    case negativeEnergy = "negative_kwh"
    case unknownRegion = "unknown_region"
    case badTimestamp = "bad_timestamp"
    case outsideHourlyFactors = "outside_hourly_factors"

    package static func < (a: BatchRowProblem, b: BatchRowProblem) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// What the kind means, for a report.
    package var summary: String {
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
package struct BatchRowError: Sendable, Hashable {
    package let file: String
    /// The line in `file`, counting the header as line 1.
    package let line: Int
    package let problem: BatchRowProblem
    /// `kwh 'abc' is not a number`.
    package let detail: String

    package init(file: String, line: Int, problem: BatchRowProblem, detail: String) {
        self.file = file
        self.line = line
        self.problem = problem
        self.detail = detail
    }

    package var text: String { "\(file):\(line): \(problem.rawValue): \(detail)" }
}

/// The bytes of one input a batch (or a partial) read: exactly-once across a merge.
package struct BatchSource: Sendable, Hashable {
    /// The input as named (a path, `-`, or the name given for a stream).
    package var name: String
    /// Its size in bytes, when it is a file (nil for a stream).
    package var size: Int?
    /// The byte ranges whose lines were read (a line belongs to the range it starts in), sorted
    /// and joined where they touch; nil for all of a stream of unknown length.
    package var ranges: [Range<Int>]?

    package init(name: String, size: Int?, ranges: [Range<Int>]?) {
        self.name = name
        self.size = size
        self.ranges = ranges
    }

    /// `0..1200, 5000..9000`, or `all of the stream`.
    var rangeText: String {
        guard let ranges else { return "all of the stream" }
        return ranges.isEmpty ? "no bytes" : ranges.map { "\($0.lowerBound)..\($0.upperBound)" }.joined(separator: ", ")
    }
}

/// The exact, mergeable result of a batch over some input: per-group sums, the factors used,
/// what the job was made with, and every row it could not use. Totals of any split of the
/// input, merged in any order, equal the totals of one run over all of it, bit for bit: every
/// sum is an integer.
public struct BatchTotals: Sendable {
    /// How many rows with problems are kept in full; the rest are counted by kind.
    package static let sampleLimit = 20

    /// `annual`, `hourly` or `bundled`.
    package var mode: String
    /// The PUE applied at the end, as given (`1.2`).
    package var pue: String
    /// `region`, `day`, `month`, in the order given.
    package var grouping: [String]
    /// The version of co2e that made the totals (sums of other versions are not merged).
    package var version = ""
    /// The factor set by content: `sha256:` and the hash of the table (see `BatchFactors.digest`).
    package var factorsDigest = ""
    /// Where the factors came from (a path, `bundled`), for messages; not compared.
    package var factorsOrigin = ""
    /// The market-based factor set by content, when market factors were given.
    package var marketDigest: String?
    /// The inputs read, with their byte ranges, sorted by name.
    package var sources: [BatchSource] = []
    /// Where these totals came from, for messages (`p1.jsonl:1`); not written.
    package var origin = ""
    /// The checksums of the partials merged into these totals (a partial given twice is
    /// refused); not written.
    package var partialChecksums: Set<String> = []
    /// True when the rows carry their own emissions figure (a CodeCarbon log).
    package var hasReportedMass = false
    /// True when market-based factors were given.
    package var hasMarket = false
    /// The market-based factor each region used.
    package var marketFactors: [String: FactorUse] = [:]
    package var groups: [BatchGroupKey: BatchGroupSums] = [:]
    /// The factor each region used.
    package var factors: [String: FactorUse] = [:]
    /// Data rows read (not counting the header and blank lines).
    package var rowsRead: UInt64 = 0
    package var blankLines: UInt64 = 0
    /// Values with more decimals than their fixed unit keeps (rounded half to even).
    package var roundedValues: UInt64 = 0
    package var problems: [BatchRowProblem: UInt64] = [:]
    /// kWh of rows skipped whose kWh could be read, in 1e-18 kWh.
    package var skippedEnergy = ExactSum()
    /// The first rows with problems, by file and line (at most `sampleLimit`).
    package var samples: [BatchRowError] = []

    package init(mode: String, pue: String, grouping: [String]) {
        self.mode = mode
        self.pue = pue
        self.grouping = grouping
    }

    /// True for a region named like the total row (`TOTAL`, any case, spaces around): such a
    /// region is refused, so the one TOTAL row of a result is the total.
    package static func isTotalName(_ name: String) -> Bool { name.trimmingSpaces.lowercased() == "total" }

    package var rowsSkipped: UInt64 { problems.values.reduce(0, &+) }
    /// Rows that entered the totals: rows read less those skipped as bad.
    public var rowsUsed: UInt64 { rowsRead &- rowsSkipped }

    /// Adds `other` (another shard of the same job), exactly once.
    ///
    /// - Throws: `CO2eError.invalidData` (code `partial_mismatch`) when the two were made with a
    ///   different co2e version, factor set, market factors, PUE or grouping, which would not
    ///   add up to one run, naming the field and both origins; when they read the same bytes of
    ///   an input; or when a count would pass 2^64.
    package mutating func merge(_ other: BatchTotals) throws {
        func mismatch(_ field: String, _ mine: String, _ theirs: String) -> CO2eError {
            CO2eError(.invalidData, "cannot merge: \(field) \(theirs) differs from \(mine) of \(origin.isEmpty ? "the others" : origin); partials of one job must agree",
                      code: .partialMismatch, field: field)
        }
        if version != other.version { throw mismatch("co2e_version", "'\(version)'", "'\(other.version)'") }
        if mode != other.mode { throw mismatch("mode", mode, other.mode) }
        if factorsDigest != other.factorsDigest {
            throw mismatch("factors", "\(factorsDigest) (\(factorsOrigin))", "\(other.factorsDigest) (\(other.factorsOrigin))")
        }
        if hasMarket != other.hasMarket || marketDigest != other.marketDigest {
            throw mismatch("market_factors", marketDigest ?? "none", other.marketDigest ?? "none")
        }
        if pue != other.pue { throw mismatch("pue", pue, other.pue) }
        if grouping != other.grouping { throw mismatch("by", grouping.joined(separator: ","), other.grouping.joined(separator: ",")) }
        var merged = sources
        for s in other.sources { try Self.add(s, to: &merged, into: origin) }

        func count(_ a: UInt64, _ b: UInt64, _ what: String) throws -> UInt64 {
            let (r, o) = a.addingReportingOverflow(b)
            if o {
                throw CO2eError(.invalidData, "cannot merge: \(what) would pass 2^64, more than any input holds", code: .partialMismatch,
                                field: what)
            }
            return r
        }
        var next = self
        next.sources = merged
        next.partialChecksums.formUnion(other.partialChecksums)
        next.hasReportedMass = hasReportedMass || other.hasReportedMass
        next.rowsRead = try count(rowsRead, other.rowsRead, "rows_read")
        next.blankLines = try count(blankLines, other.blankLines, "blank_lines")
        next.roundedValues = try count(roundedValues, other.roundedValues, "rounded_values")
        for (k, v) in other.problems { next.problems[k] = try count(problems[k] ?? 0, v, "problems") }
        for (k, v) in other.groups {
            var g = next.groups[k] ?? BatchGroupSums()
            g.rows = try count(g.rows, v.rows, "rows")
            // Within the bounds every part was checked against (rows below 2^64, each below
            // the per-row maximum), these sums cannot pass 384 bits.
            g.energy += v.energy
            g.grams += v.grams
            g.reportedMass += v.reportedMass
            g.marketGrams += v.marketGrams
            g.marketEnergy += v.marketEnergy
            next.groups[k] = g
        }
        next.skippedEnergy += other.skippedEnergy
        for (k, v) in other.factors where next.factors[k] == nil { next.factors[k] = v }
        for (k, v) in other.marketFactors where next.marketFactors[k] == nil { next.marketFactors[k] = v }
        // The first rows with problems by file and line, whatever the order of the merge.
        next.samples = Array((samples + other.samples).sorted {
            $0.file != $1.file ? Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) : $0.line < $1.line
        }.prefix(Self.sampleLimit))
        self = next
    }

    /// Adds the bytes `source` read to `list`, refusing bytes read already.
    package static func add(_ source: BatchSource, to list: inout [BatchSource], into: String) throws {
        guard let k = list.firstIndex(where: { $0.name == source.name }) else {
            list.append(source)
            list.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            return
        }
        var mine = list[k]
        func twice(_ what: String) -> CO2eError {
            CO2eError(.invalidData, "cannot merge: \(what) of input '\(EchoedText.value(source.name))' was read already\(into.isEmpty ? "" : " (by \(into))"); each byte must be counted exactly once",
                      code: .partialMismatch, field: "inputs", value: source.rangeText, accepted: "byte ranges that do not overlap (\(mine.rangeText) read already)")
        }
        if let a = mine.size, let b = source.size, a != b {
            throw CO2eError(.invalidData, "cannot merge: input '\(EchoedText.value(source.name))' is \(b) bytes here but \(a) bytes in \(into.isEmpty ? "another partial" : into); they are not the same file",
                            code: .partialMismatch, field: "inputs")
        }
        guard let have = mine.ranges, let new = source.ranges else { throw twice("all") }
        for r in new where !r.isEmpty {
            for h in have where h.overlaps(r) { throw twice("bytes \(max(h.lowerBound, r.lowerBound))..\(min(h.upperBound, r.upperBound))") }
        }
        var all = (have + new).filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var joined: [Range<Int>] = []
        for r in all {
            if let last = joined.last, last.upperBound == r.lowerBound { joined[joined.count - 1] = last.lowerBound..<r.upperBound } else { joined.append(r) }
        }
        all = joined
        mine.ranges = all
        mine.size = mine.size ?? source.size
        list[k] = mine
    }

    /// Checks that every file input was read whole: the partials' byte ranges leave no gap.
    ///
    /// - Throws: `CO2eError.invalidData` (code `partial_mismatch`) naming the input and the
    ///   first bytes no partial read.
    package func checkComplete() throws {
        for s in sources {
            guard let size = s.size, let ranges = s.ranges else { continue }
            var at = 0
            for r in ranges where !r.isEmpty {
                if r.lowerBound > at { break }
                at = max(at, r.upperBound)
            }
            if at < size {
                let next = ranges.first { $0.lowerBound > at }?.lowerBound ?? size
                throw CO2eError(.invalidData, "bytes \(at)..\(next) of input '\(EchoedText.value(s.name))' (\(size) bytes) are in no partial; merge the partial that read them too (a merged partial, not a result, may leave a gap)",
                                code: .partialMismatch, field: "inputs", value: s.rangeText, accepted: "ranges covering 0..\(size)")
            }
        }
    }

    /// All groups added together.
    package var total: BatchGroupSums {
        var t = BatchGroupSums()
        for v in groups.values { t += v }
        return t
    }

    /// Groups in order: by region (byte order), then period.
    package var sortedGroups: [(key: BatchGroupKey, sums: BatchGroupSums)] {
        groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// kg CO2e of `sums` with the PUE applied, as exact decimal text.
    package func kilograms(_ sums: BatchGroupSums) -> String {
        let (m, s) = FixedPoint.decimal(pue) ?? (1, 0)
        return sums.grams.multiplied(by: m).decimalText(scale: FixedPoint.gramScale + 3 + s)
    }

    /// kg CO2e of `sums` with the PUE applied, the nearest Double to the exact value.
    package func kilogramsValue(_ sums: BatchGroupSums) -> Double {
        kilograms(grams: sums.grams).double
    }

    /// Market-based kg CO2e of `sums`, exact decimal text.
    package func marketKilograms(_ sums: BatchGroupSums) -> String { kilograms(grams: sums.marketGrams).text }

    func kilograms(grams: ExactSum) -> (text: String, double: Double) {
        let (m, s) = FixedPoint.decimal(pue) ?? (1, 0)
        let scaled = grams.multiplied(by: m)
        return (scaled.decimalText(scale: FixedPoint.gramScale + 3 + s), scaled.double(scale: FixedPoint.gramScale + 3 + s))
    }

    /// The result as CSV: a header, one row per group, and `TOTAL,<kg>` (the format peer tools
    /// and `check_result.py` read). Values are exact decimals.
    package var csv: String {
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
