import CO2eCore
import CO2eGrid

/// Partial results as JSON lines: the unit of work a distributed engine runs per shard.
///
/// A partial is a `"partial"` line that says what it was made with (format version, co2e
/// version, mode, factor set by content hash, market factors, PUE, grouping, its inputs and
/// byte ranges, its counts), one line per group (`"group"`), per factor used (`"factor"`,
/// `"market_factor"`) and per kept problem row (`"sample"`), and an `"end"` line with the number
/// of lines before it and the SHA-256 of their bytes. Every sum is an integer written as a
/// decimal string in a fixed unit (`kwh_scale`, `gram_scale`, `mass_scale`: the power of ten it
/// is divided by), so merging any number of partials in any order gives the same totals, bit
/// for bit, as one run over all their input. README's batch section documents the format.
extension BatchTotals {
    /// Version of the partial format (2: provenance, inputs and byte ranges, the end line and
    /// its checksum; 1 had none of them).
    package static let partialFormat = 2

    /// The longest line a partial may have (a group line with a long region name, escaped).
    package static let partialLineLimit = 8 << 20

    /// The largest a partial's value for one row can be: kWh and a log's kg in their units
    /// (what `FixedPoint.parse` reads, below 2^128), and a row's grams (kWh x a factor below
    /// 2^64 units).
    static let rowValueMaximum = ExactSum(UInt128.max)
    static let rowGramsMaximum = ExactSum(UInt128.max).multiplied(by: UInt64.max)

    /// The totals as JSON lines, each ending in a newline, the last the `end` line.
    package var partialLines: String {
        var out = ""
        var lines = 0
        func line(_ members: [(String, JSONValue)]) { out += JSONValue.object(members).serialized() + "\n"; lines += 1 }
        func int(_ v: Int) -> JSONValue { .number(Double(v)) }
        let inputs: [JSONValue] = sources.map { s in
            .object([("name", .string(s.name)), ("size", s.size.map(int) ?? .null),
                     ("ranges", s.ranges.map { .array($0.map { .array([int($0.lowerBound), int($0.upperBound)]) }) } ?? .null)])
        }
        line([("partial", int(Self.partialFormat)), ("co2e", .string(version)), ("mode", .string(mode)),
              ("factors", .string(factorsDigest)), ("factors_origin", .string(factorsOrigin)),
              ("market", .bool(hasMarket)), ("market_factors", marketDigest.map(JSONValue.string) ?? .null),
              ("pue", .string(pue)), ("by", .array(grouping.map(JSONValue.string))), ("reported", .bool(hasReportedMass)),
              ("kwh_scale", int(FixedPoint.kwhScale)), ("gram_scale", int(FixedPoint.gramScale)), ("mass_scale", int(FixedPoint.massScale)),
              ("inputs", .array(inputs)),
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
        for (region, use) in factors.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            line([("factor", .object([("region", .string(region)), ("value", .string(use.value)), ("origin", .string(use.origin)),
                                      ("source", use.source.map(JSONValue.string) ?? .null)]))])
        }
        for (region, use) in marketFactors.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            line([("market_factor", .object([("region", .string(region)), ("value", .string(use.value)), ("origin", .string(use.origin))]))])
        }
        for s in samples {
            line([("sample", .object([("file", .string(s.file)), ("line", int(s.line)),
                                      ("problem", .string(s.problem.rawValue)), ("detail", .string(s.detail))]))])
        }
        let checksum = SHA256.hex(out)
        out += JSONValue.object([("end", int(Self.partialFormat)), ("lines", int(lines)), ("sha256", .string(checksum))]).serialized() + "\n"
        return out
    }

    /// Reads partial results written by `partialLines` (several may be concatenated) and merges
    /// them, exactly once: each is checked whole (its end line, checksum, counts and bounds)
    /// before it is merged, a partial given twice or bytes of an input read twice are refused,
    /// and partials made with anything different are refused naming the field.
    ///
    /// - Throws: `CO2eError.invalidData` naming `origin` and the line.
    package static func mergePartials(_ bytes: [UInt8], origin: String, into totals: inout BatchTotals?) throws {
        var reader = PartialReader(origin: origin)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            let newline = bytes[lineStart...].firstIndex(of: 10) ?? bytes.count
            lineNumber += 1
            guard newline - lineStart <= partialLineLimit else {
                throw CO2eError.data("is longer than \(partialLineLimit >> 20) MiB; a partial's lines are shorter (is this a partial?)",
                                     code: .resourceLimit, file: origin, line: lineNumber)
            }
            if let done = try reader.line(bytes, lineStart..<newline, number: lineNumber) {
                if totals?.partialChecksums.contains(done.checksum) == true {
                    throw CO2eError.data("is the same partial as one merged already (sha256 \(done.checksum.prefix(12))...); each partial is merged once",
                                         code: .partialMismatch, file: origin, line: done.totals.origin.split(separator: ":").last.flatMap { Int($0) })
                }
                if totals == nil {
                    totals = done.totals
                } else {
                    do {
                        try totals!.merge(done.totals)
                    } catch var e as CO2eError {
                        if e.file == nil { e.file = origin; e.line = done.line }
                        throw e
                    }
                }
            }
            lineStart = newline + 1
        }
        if let open = reader.current {
            throw CO2eError.data("the partial that starts here has no end line: it was cut short", code: .invalidData, file: origin, line: open.line)
        }
    }
}

/// Reads a stream of partial lines, one partial at a time.
struct PartialReader {
    struct Open {
        var totals: BatchTotals
        var line: Int
        var start: Int
        var lines = 1
        var problemCount: UInt64 = 0
    }

    let origin: String
    var current: Open?

    init(origin: String) { self.origin = origin }

    /// Reads one line; returns a partial when this line ends one (checked whole).
    mutating func line(_ bytes: [UInt8], _ range: Range<Int>, number: Int) throws -> (totals: BatchTotals, checksum: String, line: Int)? {
        func fail(_ why: String, field: String? = nil, value: String? = nil, accepted: String? = nil, code: CO2eError.Code = .invalidData) -> CO2eError {
            CO2eError(.invalidData, why, code: code, field: field, value: value, accepted: accepted, file: origin, line: number)
        }
        var raw = bytes[range]
        if raw.last == 13 { raw = raw.dropLast() }
        if raw.allSatisfy({ $0 == 32 || $0 == 9 }) {
            if current != nil { current!.lines += 1 }
            return nil
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: Array(raw), origin: origin)
        } catch let e as CO2eError {
            // The JSON reader's own reason (a key given twice, a bad escape), at this line.
            var why = e.reason
            if why.hasPrefix("line 1, ") { why.removeFirst("line 1, ".count) }
            throw CO2eError(.invalidData, "is not a partial result line (JSON lines): \(why)", file: origin, line: number)
        }
        guard case let .object(members) = value else { throw fail("is not a JSON object; a partial's lines are objects") }
        let m = Dictionary(members, uniquingKeysWith: { a, _ in a })
        func string(_ k: String, in d: [String: JSONValue]? = nil) throws -> String {
            guard case let .string(s)? = (d ?? m)[k] else { throw fail("has no text '\(k)'", field: k) }
            return s
        }
        func count(_ k: String, in d: [String: JSONValue]? = nil) throws -> UInt64 {
            let text = try string(k, in: d)
            guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = UInt64(text) else {
                throw fail("is not a count", field: k, value: text, accepted: "a whole number below 2^64 as a decimal string")
            }
            return v
        }
        func exact(_ k: String, in d: [String: JSONValue]? = nil) throws -> ExactSum {
            let text = try string(k, in: d)
            guard let v = ExactSum(decimal: text) else {
                throw fail("is not an exact sum", field: k, value: text, accepted: "a whole number as a decimal string")
            }
            return v
        }
        func integer(_ v: JSONValue?, _ k: String) throws -> Int {
            guard case let .number(x)? = v, x >= 0, x <= 9_007_199_254_740_992, x == x.rounded(.towardZero) else {
                throw fail("is not a whole number from 0 to 2^53", field: k)
            }
            return Int(x)
        }

        if m["partial"] != nil {
            if let open = current {
                throw fail("starts a partial before the one at line \(open.line) ended (its end line is missing: cut short?)")
            }
            guard case let .number(format)? = m["partial"], format == Double(BatchTotals.partialFormat) else {
                throw fail("is a partial of another format version", field: "partial", value: m["partial"].map { $0.serialized() },
                           accepted: "version \(BatchTotals.partialFormat), as this co2e writes it (make the partials again with this co2e)")
            }
            for (k, v) in [("kwh_scale", FixedPoint.kwhScale), ("gram_scale", FixedPoint.gramScale), ("mass_scale", FixedPoint.massScale)] {
                guard case .number(Double(v))? = m[k] else { throw fail("is not \(v)", field: k, value: m[k]?.serialized()) }
            }
            let mode = try string("mode")
            guard ["annual", "hourly", "bundled"].contains(mode) else { throw fail("is not a mode", field: "mode", value: mode, accepted: "annual, hourly, bundled") }
            let pue = try string("pue")
            do { try Batch.checkPUE(pue) } catch let e as CO2eError { throw fail("is not a PUE", field: "pue", value: pue, accepted: e.accepted) }
            guard case let .array(byItems)? = m["by"] else { throw fail("has no list 'by'", field: "by") }
            var by: [String] = []
            for item in byItems {
                guard case let .string(s) = item else { throw fail("is not a list of groupings", field: "by", accepted: "region, day, month") }
                by.append(s)
            }
            do { try Batch.checkGrouping(by) } catch let e as CO2eError {
                throw fail(e.reason, field: "by", value: "[" + by.joined(separator: ",") + "]", accepted: "region, day, month, or a combination such as region,month")
            }
            var t = BatchTotals(mode: mode, pue: pue, grouping: by)
            t.origin = "\(origin):\(number)"
            t.version = try string("co2e")
            t.factorsDigest = try string("factors")
            guard Self.isDigest(t.factorsDigest) else {
                throw fail("is not a factor set's hash", field: "factors", value: t.factorsDigest, accepted: "sha256: and 64 hex digits")
            }
            if case let .string(s)? = m["factors_origin"] { t.factorsOrigin = s }
            guard case let .bool(market)? = m["market"] else { throw fail("has no true or false 'market'", field: "market") }
            t.hasMarket = market
            switch m["market_factors"] {
            case let .string(s)? where Self.isDigest(s) && market: t.marketDigest = s
            case .null? where !market, nil where !market: break
            default:
                throw fail(market ? "says market but names no market factor set" : "names a market factor set but says no market",
                           field: "market_factors", accepted: "the sha256 of the market factors when market is true, else null")
            }
            guard case let .bool(reported)? = m["reported"] else { throw fail("has no true or false 'reported'", field: "reported") }
            t.hasReportedMass = reported
            guard case let .array(inputs)? = m["inputs"] else { throw fail("has no list 'inputs'", field: "inputs") }
            for item in inputs {
                guard case let .object(o) = item, case let .string(name)? = Dictionary(o, uniquingKeysWith: { a, _ in a })["name"] else {
                    throw fail("is not a list of inputs with names", field: "inputs")
                }
                let d = Dictionary(o, uniquingKeysWith: { a, _ in a })
                var size: Int? = nil
                if let v = d["size"], v != .null { size = try integer(v, "inputs.size") }
                var ranges: [Range<Int>]? = nil
                if case let .array(list)? = d["ranges"] {
                    ranges = []
                    for r in list {
                        guard case let .array(ends) = r, ends.count == 2 else { throw fail("is not a list of [start, end] byte ranges", field: "inputs.ranges") }
                        let a = try integer(ends[0], "inputs.ranges"), b = try integer(ends[1], "inputs.ranges")
                        guard a <= b, size.map({ b <= $0 }) ?? true else {
                            throw fail("is not a byte range of the input", field: "inputs.ranges", value: "[\(a),\(b)]",
                                       accepted: "start <= end <= \(size.map(String.init) ?? "the size")")
                        }
                        ranges!.append(a..<b)
                    }
                } else if d["ranges"] != .null && d["ranges"] != nil {
                    throw fail("is not a list of byte ranges or null", field: "inputs.ranges")
                }
                do {
                    try BatchTotals.add(BatchSource(name: name, size: size, ranges: ranges), to: &t.sources, into: "")
                } catch let e as CO2eError {
                    throw fail("names input '\(EchoedText.value(name))' twice with overlapping bytes", field: "inputs", value: e.value, code: .partialMismatch)
                }
            }
            t.rowsRead = try count("rows_read")
            t.blankLines = try count("blank_lines")
            t.roundedValues = try count("rounded_values")
            t.skippedEnergy = try exact("skipped_kwh")
            var problemCount: UInt64 = 0
            guard case let .object(list)? = m["problems"] else { throw fail("has no object 'problems'", field: "problems") }
            for (k, _) in list {
                guard let kind = BatchRowProblem(rawValue: k) else {
                    throw fail("is not a kind of problem", field: "problems", value: k, accepted: BatchRowProblem.allCases.map(\.rawValue).joined(separator: ", "))
                }
                let n = try count(k, in: Dictionary(list, uniquingKeysWith: { a, _ in a }))
                t.problems[kind] = n
                let (sum, o) = problemCount.addingReportingOverflow(n)
                guard !o, sum <= t.rowsRead else { throw fail("counts more rows with problems than rows_read (\(t.rowsRead))", field: "problems") }
                problemCount = sum
            }
            let (bound, o) = BatchTotals.rowValueMaximum.multipliedReportingOverflow(by: problemCount)
            guard !o, t.skippedEnergy <= bound else {
                throw fail("is more than \(problemCount) skipped rows can hold", field: "skipped_kwh", value: t.skippedEnergy.decimal)
            }
            current = Open(totals: t, line: number, start: range.lowerBound, problemCount: problemCount)
            return nil
        }
        guard current != nil else { throw fail("comes before the 'partial' line that starts a partial result") }
        current!.lines += 1
        if case let .object(g)? = m["group"] {
            let d = Dictionary(g, uniquingKeysWith: { a, _ in a })
            func part(_ k: String, _ wanted: Bool) throws -> String? {
                switch d[k] {
                case let .string(s)? where wanted: return s
                case .null? where !wanted, nil where !wanted: return nil
                default: throw fail(wanted ? "has no \(k), which grouping by it needs" : "has a \(k), which its grouping does not have", field: "group.\(k)")
                }
            }
            let grouping = current!.totals.grouping
            let region = try part("region", grouping.contains("region"))
            let period = try part("period", grouping.contains("day") || grouping.contains("month"))
            if let p = period {
                let shape = grouping.contains("day") ? "YYYY-MM-DD" : "YYYY-MM"
                guard p.utf8.count == shape.utf8.count || (p.utf8.count > shape.utf8.count && p.utf8.count <= shape.utf8.count + 2),
                      p.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 }) else {
                    throw fail("is not a period", field: "group.period", value: p, accepted: shape)
                }
            }
            var sums = BatchGroupSums()
            sums.rows = try count("rows")
            sums.energy = try exact("kwh")
            sums.grams = try exact("grams")
            sums.reportedMass = try exact("reported")
            sums.marketGrams = try exact("market_grams")
            sums.marketEnergy = try exact("market_kwh")
            // What `rows` rows can hold: a sum beyond it was not made by co2e.
            let (kwhBound, o1) = BatchTotals.rowValueMaximum.multipliedReportingOverflow(by: sums.rows)
            let (gramsBound, o2) = BatchTotals.rowGramsMaximum.multipliedReportingOverflow(by: sums.rows)
            precondition(!o1 && !o2, "bounds fit 384 bits")
            for (k, v, bound) in [("kwh", sums.energy, kwhBound), ("reported", sums.reportedMass, kwhBound), ("grams", sums.grams, gramsBound),
                                  ("market_grams", sums.marketGrams, gramsBound), ("market_kwh", sums.marketEnergy, sums.energy)] where v > bound {
                throw fail("is more than \(sums.rows) row\(sums.rows == 1 ? "" : "s") can hold", field: k, value: v.decimal)
            }
            if !current!.totals.hasMarket && !(sums.marketGrams.isZero && sums.marketEnergy.isZero) {
                throw fail("has market sums in a partial without market factors", field: "market_grams")
            }
            if !current!.totals.hasReportedMass && !sums.reportedMass.isZero {
                throw fail("has a log's own emissions in a partial whose rows have none (reported is false)", field: "reported")
            }
            let key = BatchGroupKey(region: region, period: period)
            guard current!.totals.groups[key] == nil else {
                throw fail("gives a group twice", field: "group", value: [region, period].compactMap { $0 }.joined(separator: " "), code: .duplicateEntry)
            }
            current!.totals.groups[key] = sums
        } else if case let .object(f)? = m["factor"] ?? m["market_factor"] {
            let d = Dictionary(f, uniquingKeysWith: { a, _ in a })
            let region = try string("region", in: d)
            var source: String? = nil
            if case let .string(id)? = d["source"] { source = id }
            let use = FactorUse(region: region, value: try string("value", in: d), origin: try string("origin", in: d), source: source)
            if m["factor"] != nil {
                current!.totals.factors[region] = use
            } else {
                guard current!.totals.hasMarket else { throw fail("is a market factor in a partial without market factors", field: "market_factor") }
                current!.totals.marketFactors[region] = use
            }
        } else if case let .object(s)? = m["sample"] {
            let d = Dictionary(s, uniquingKeysWith: { a, _ in a })
            let line = try integer(d["line"], "sample.line")
            guard line >= 1, let kind = BatchRowProblem(rawValue: try string("problem", in: d)) else {
                throw fail("is not a sample with a line from 1 and a known problem", field: "sample")
            }
            guard current!.totals.samples.count < BatchTotals.sampleLimit, UInt64(current!.totals.samples.count) < current!.problemCount else {
                throw fail("is one sample more than the partial's problems and the limit of \(BatchTotals.sampleLimit) allow", field: "sample")
            }
            current!.totals.samples.append(BatchRowError(file: try string("file", in: d), line: line, problem: kind, detail: try string("detail", in: d)))
        } else if m["end"] != nil {
            var open = current!
            current = nil
            open.lines -= 1
            guard case .number(Double(BatchTotals.partialFormat))? = m["end"], case let .number(lines)? = m["lines"], case let .string(checksum)? = m["sha256"] else {
                throw fail("is not an end line {\"end\":\(BatchTotals.partialFormat),\"lines\":N,\"sha256\":\"...\"}", field: "end")
            }
            guard lines == Double(open.lines) else {
                throw fail("says the partial has \(lines.isFinite ? String(Int(exactly: lines) ?? -1) : "?") lines before it; it has \(open.lines) (lines lost or added)", field: "lines")
            }
            let actual = SHA256.hex(bytes[open.start..<range.lowerBound])
            guard actual == checksum else {
                throw fail("checksum does not match the partial's lines (from line \(open.line)): it was changed or damaged", field: "sha256",
                           value: checksum, accepted: actual)
            }
            var t = open.totals
            var used: UInt64 = 0
            for g in t.groups.values {
                let (s, o) = used.addingReportingOverflow(g.rows)
                guard !o else { throw fail("has groups of more than 2^64 rows", field: "rows") }
                used = s
            }
            guard used &+ open.problemCount == t.rowsRead, used <= t.rowsRead else {
                throw fail("counts \(t.rowsRead) rows read, but its groups hold \(used) and its problems \(open.problemCount)", field: "rows_read")
            }
            t.partialChecksums = [checksum]
            t.samples.sort { $0.file != $1.file ? Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) : $0.line < $1.line }
            return (t, checksum, open.line)
        } else {
            throw fail("is not a partial, group, factor, market_factor, sample or end line")
        }
        return nil
    }

    static func isDigest(_ s: String) -> Bool {
        s.hasPrefix("sha256:") && s.utf8.count == 71 && s.utf8.dropFirst(7).allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}

extension Batch.Job {
    /// Empty totals that describe this job: what a partial of it records.
    func emptyTotals() -> BatchTotals {
        var t = BatchTotals(mode: factors.mode, pue: pue, grouping: grouping)
        t.version = version
        t.factorsDigest = factors.digest
        t.factorsOrigin = factors.origin
        t.hasMarket = market != nil
        t.marketDigest = market.map { BatchFactors.annual($0).digest }
        return t
    }
}

extension BatchFactors {
    /// The factor set by content: `sha256:` and the SHA-256 of the table in a canonical form
    /// (regions in byte order, each with its factor units; hourly: each hour and its units;
    /// bundled: the bundled grid-factor tables and the year asked for), so two files with the
    /// same factors written differently hash the same, and any changed factor does not.
    package var digest: String {
        var h = SHA256()
        switch self {
        case let .annual(a):
            h.update("annual\n")
            for region in a.units.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                h.update(UInt64(region.utf8.count))
                h.update(region)
                h.update(a.units[region]!)
            }
        case let .hourly(t):
            h.update("hourly\n")
            for region in t.names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let r = t.regionIndex(region)!
                h.update(UInt64(region.utf8.count))
                h.update(region)
                if let held = t.sparse[r] {
                    for (hour, u) in zip(held.hours, held.units) where u != HourlyFactors.missing {
                        h.update(UInt64(bitPattern: hour))
                        h.update(u)
                    }
                } else {
                    let first = t.firstHour[r]
                    for k in 0..<t.hourCount[r] {
                        guard let u = t.units(region: r, hour: first + Int64(k)) else { continue }
                        h.update(UInt64(bitPattern: first + Int64(k)))
                        h.update(u)
                    }
                }
                h.update(UInt64.max)
            }
        case let .catalog(catalog, year):
            h.update("bundled\n")
            h.update(year.map { "year \($0)\n" } ?? "newest\n")
            catalog.hashContent(into: &h)
        case let .single(units, use):
            h.update("zone\n")
            h.update(units)
            h.update(use.origin)
        }
        return "sha256:" + h.hex()
    }

    /// Where the factors came from, for messages.
    var origin: String {
        switch self {
        case let .annual(a): return a.origin
        case let .hourly(h): return h.origin
        case let .catalog(c, year): return c.isBundled ? "bundled\(year.map { " \($0)" } ?? "")" : c.origin ?? "a catalogue"
        case let .single(_, use): return use.origin
        }
    }
}
