import CO2eCore
import CO2eGrid

/// Partial results as JSON lines: the unit of work a distributed engine runs per shard.
///
/// The first line describes the job and the rows (`"partial"`), then one line per group
/// (`"group"`), per factor used (`"factor"`) and per kept problem row (`"sample"`). Every sum is
/// an integer written as a decimal string in a fixed unit (`kwh_scale`, `gram_scale`,
/// `mass_scale`: the power of ten it is divided by), so merging any number of partials in any
/// order gives the same totals, bit for bit, as one run over all their input.
extension BatchTotals {
    /// Version of the partial format.
    public static let partialFormat = 1

    /// The totals as JSON lines, each ending in a newline.
    public var partialLines: String {
        var out = ""
        func line(_ members: [(String, JSONValue)]) { out += JSONValue.object(members).serialized() + "\n" }
        func count(_ v: UInt64) -> JSONValue { .number(Double(v)) }
        line([("partial", .number(Double(Self.partialFormat))), ("mode", .string(mode)), ("pue", .string(pue)),
              ("by", .array(grouping.map(JSONValue.string))), ("reported", .bool(hasReportedMass)), ("market", .bool(hasMarket)),
              ("kwh_scale", .number(Double(FixedPoint.kwhScale))), ("gram_scale", .number(Double(FixedPoint.gramScale))),
              ("mass_scale", .number(Double(FixedPoint.massScale))),
              ("rows_read", .string(String(rowsRead))), ("blank_lines", .string(String(blankLines))),
              ("rounded_values", .string(String(roundedValues))), ("skipped_kwh", .string(skippedEnergy.decimal)),
              ("problems", .object(problems.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .string(String($0.value))) }))])
        for (key, sums) in sortedGroups {
            line([("group", .object([("region", key.region.map(JSONValue.string) ?? .null),
                                     ("period", key.period.map(JSONValue.string) ?? .null)])),
                  ("rows", .string(String(sums.rows))), ("kwh", .string(sums.energy.decimal)),
                  ("grams", .string(sums.grams.decimal)), ("reported", .string(sums.reportedMass.decimal)),
                  ("market_grams", .string(sums.marketGrams.decimal)), ("market_kwh", .string(sums.marketEnergy.decimal))])
        }
        for (region, use) in factors.sorted(by: { $0.key < $1.key }) {
            line([("factor", .object([("region", .string(region)), ("value", .string(use.value)), ("origin", .string(use.origin)),
                                      ("source", use.source.map(JSONValue.string) ?? .null)]))])
        }
        for (region, use) in marketFactors.sorted(by: { $0.key < $1.key }) {
            line([("market_factor", .object([("region", .string(region)), ("value", .string(use.value)), ("origin", .string(use.origin))]))])
        }
        for s in samples {
            line([("sample", .object([("file", .string(s.file)), ("line", count(UInt64(s.line))),
                                      ("problem", .string(s.problem.rawValue)), ("detail", .string(s.detail))]))])
        }
        return out
    }

    /// Reads partial results written by `partialLines` (several may be concatenated: each
    /// `partial` line starts a new one) and merges them.
    ///
    /// - Throws: `CO2eError.invalidData` naming `origin` and the line for anything else.
    public static func mergePartials(_ bytes: [UInt8], origin: String, into totals: inout BatchTotals?) throws {
        var current: BatchTotals? = nil
        var lineNumber = 0
        func fail(_ why: String) -> CO2eError { CO2eError(.invalidData, why, file: origin, line: lineNumber) }
        func flush() throws {
            guard let c = current else { return }
            if totals == nil { totals = c } else { try totals!.merge(c) }
            current = nil
        }
        for raw in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            var text = String(decoding: raw, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.trimmingSpaces.isEmpty { continue }
            // The one strict JSON reader (RFC 8259), shared with scenario files.
            guard case let .object(members)? = try? JSONValue.parse(text) else { throw fail("is not a JSON object") }
            let m = Dictionary(members, uniquingKeysWith: { a, _ in a })
            func string(_ k: String, in d: [String: JSONValue]? = nil) throws -> String {
                guard case let .string(s)? = (d ?? m)[k] else { throw fail("has no text '\(k)'") }
                return s
            }
            func integer(_ k: String, in d: [String: JSONValue]? = nil) throws -> UInt64 {
                guard let v = UInt64(try string(k, in: d)) else { throw fail("'\(k)' is not a whole number") }
                return v
            }
            func exact(_ k: String) throws -> ExactSum {
                guard let v = ExactSum(decimal: try string(k)) else { throw fail("'\(k)' is not a whole number") }
                return v
            }
            if m["partial"] != nil {
                try flush()
                guard case .number(Double(partialFormat))? = m["partial"] else { throw fail("is a partial of another format version") }
                for (k, v) in [("kwh_scale", FixedPoint.kwhScale), ("gram_scale", FixedPoint.gramScale), ("mass_scale", FixedPoint.massScale)] {
                    guard case .number(Double(v))? = m[k] else { throw fail("has \(k) other than \(v)") }
                }
                guard case let .array(by)? = m["by"] else { throw fail("has no 'by'") }
                var t = BatchTotals(mode: try string("mode"), pue: try string("pue"),
                                    grouping: by.compactMap { if case let .string(s) = $0 { return s } else { return nil } })
                if case .bool(true)? = m["reported"] { t.hasReportedMass = true }
                if case .bool(true)? = m["market"] { t.hasMarket = true }
                t.rowsRead = try integer("rows_read")
                t.blankLines = try integer("blank_lines")
                t.roundedValues = try integer("rounded_values")
                t.skippedEnergy = try exact("skipped_kwh")
                if case let .object(list)? = m["problems"] {
                    for (k, v) in list {
                        guard let kind = BatchRowProblem(rawValue: k), case let .string(n) = v, let count = UInt64(n) else {
                            throw fail("has an unknown problem count '\(k)'")
                        }
                        t.problems[kind] = count
                    }
                }
                current = t
                continue
            }
            guard current != nil else { throw fail("comes before the 'partial' line that starts a partial result") }
            if case let .object(g)? = m["group"] {
                let d = Dictionary(g, uniquingKeysWith: { a, _ in a })
                func optional(_ k: String) -> String? { if case let .string(s)? = d[k] { return s } else { return nil } }
                var sums = BatchGroupSums()
                sums.rows = try integer("rows")
                sums.energy = try exact("kwh")
                sums.grams = try exact("grams")
                sums.reportedMass = try exact("reported")
                sums.marketGrams = try exact("market_grams")
                sums.marketEnergy = try exact("market_kwh")
                current!.groups[BatchGroupKey(region: optional("region"), period: optional("period")), default: BatchGroupSums()] += sums
            } else if case let .object(f)? = m["factor"] ?? m["market_factor"] {
                let d = Dictionary(f, uniquingKeysWith: { a, _ in a })
                let region = try string("region", in: d)
                var source: String? = nil
                if case let .string(id)? = d["source"] { source = id }
                let use = FactorUse(region: region, value: try string("value", in: d), origin: try string("origin", in: d), source: source)
                if m["factor"] != nil { current!.factors[region] = use } else { current!.marketFactors[region] = use }
            } else if case let .object(s)? = m["sample"] {
                let d = Dictionary(s, uniquingKeysWith: { a, _ in a })
                guard case let .number(line)? = d["line"], let kind = BatchRowProblem(rawValue: try string("problem", in: d)) else {
                    throw fail("has a sample without line and problem")
                }
                if current!.samples.count < sampleLimit {
                    current!.samples.append(BatchRowError(file: try string("file", in: d), line: Int(line), problem: kind,
                                                          detail: try string("detail", in: d)))
                }
            } else {
                throw fail("is not a partial, group, factor, market_factor or sample line")
            }
        }
        try flush()
    }
}
