import CO2eCore
import CO2eGrid

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The factors a batch joins its rows with.
public enum BatchFactors: Sendable {
    /// One factor per region (`region,g_per_kwh`).
    case annual(AnnualFactors)
    /// One factor per region and hour (`region,timestamp,g_per_kwh`).
    case hourly(HourlyFactors)
    /// co2e's bundled tables: each region name (a zone, a country, a cloud region) resolved
    /// once to its newest factor, or that of `year`.
    case catalog(FactorCatalog, year: Int?)
    /// One factor for every row (a zone's, from `zone(_:year:)`), in 1e-6 g/kWh, and how it was
    /// found. The rows' regions still group them.
    case single(UInt64, FactorUse)

    var mode: String {
        switch self {
        case .annual: return "annual"
        case .hourly: return "hourly"
        case .catalog: return "bundled"
        case .single: return "zone"
        }
    }

    /// Every row at the factor of the zone (country, subregion, cloud region) named `name`:
    /// its newest, or that of `year`.
    ///
    /// - Throws: `CO2eError` `.unknownZone` (with suggestions) for an unknown name; an error on
    ///   field `year` when the zone has no factor for it.
    package static func zone(_ name: String, year: Int? = nil, catalog: FactorCatalog = .bundled) throws -> BatchFactors {
        let match = try catalog.resolve(name)
        let all = try catalog.factors(for: match.zone)
        guard let factor = year.map({ y in all.first { $0.year == y } }) ?? all.last else {
            throw CO2eError(.invalidInput, "has no bundled factor for \(match.zone.id)", code: .notAvailable, field: "year",
                            value: year.map(String.init), accepted: FactorCatalog.describeYears(all.map(\.year)))
        }
        let text = NumberText.exact(factor.intensity.baseValue)
        guard let (u, _) = FixedPoint.factorUnits(text) else {
            throw CO2eError(.invalidData, "is not a factor a batch can use", field: "grid", value: text)
        }
        var zone = match.zone.id
        if case let .cloudRegion(cr, _) = match { zone = "\(cr.provider):\(cr.region) -> \(zone)" }
        return .single(u, FactorUse(region: zone, value: "\(text) g/kWh",
                                    origin: "\(zone) \(factor.year), \(factor.source.id) (\(factor.basisDescription))",
                                    source: factor.source.id))
    }

    /// Checks that the bundled tables have factors for `year` at all (so a batch does not blame
    /// every region for a year no table has).
    ///
    /// - Throws: `CO2eError` `.notAvailable` on field `year`, with the years the tables cover.
    package static func checkBundledYear(_ year: Int, catalog: FactorCatalog = .bundled) throws {
        let years = Set(try catalog.allFactors().values.flatMap { $0.map(\.year) })
        guard !years.contains(year) else { return }
        let sorted = years.sorted()
        throw CO2eError(.invalidInput, "is a year no bundled factor table has", code: .notAvailable, field: "year", value: String(year),
                        accepted: sorted.isEmpty ? "none" : "\(sorted.first!)–\(sorted.last!) (each zone has its own years)")
    }
}

/// How one region's factor was found, for the report beside the figures.
public struct FactorUse: Sendable, Hashable {
    /// The region as the rows name it.
    package let region: String
    /// `383.549 g/kWh`, or `hourly series, 8760 hours` for an hourly table.
    package let value: String
    /// Where it came from: `factors_annual.csv:12`, `US 2024, owid-ember (annual average)`.
    package let origin: String
    /// The bundled source it cites (`owid-ember-2025`), for a factor from co2e's tables.
    package let source: String?

    package init(region: String, value: String, origin: String, source: String? = nil) {
        self.region = region
        self.value = value
        self.origin = origin
        self.source = source
    }
}

/// The factors of a `region,g_per_kwh` file, exact to 1e-6 g/kWh.
public struct AnnualFactors: Sendable {
    package let origin: String
    var units: [String: UInt64] = [:]
    var uses: [String: FactorUse] = [:]

    package var count: Int { units.count }

    /// Parses the file's bytes. Columns: `region` (or `zone`) and `g_per_kwh` (or
    /// `g_co2e_per_kwh`), in any order.
    ///
    /// - Throws: `CO2eError.invalidData` naming `origin`, the line and the value at fault.
    public static func parse(_ bytes: [UInt8], origin: String) throws -> AnnualFactors {
        var table = AnnualFactors(origin: origin)
        var header: [String]? = nil
        var regionColumn = 0, valueColumn = 0
        var fields = LineFields()
        defer { fields.free() }
        var padded = bytes
        if padded.starts(with: [0xEF, 0xBB, 0xBF]) { padded.removeFirst(3) }
        if !padded.contains(10) { try BatchHeader.refuseCROnly(padded, file: origin) }
        if padded.last != 10 { padded.append(10) }
        padded.append(contentsOf: [UInt8](repeating: 0, count: 64))
        try padded.withUnsafeBufferPointer { buffer in
            var p = buffer.baseAddress!
            let end = p + (buffer.count - 64)
            var line = 0
            while p < end {
                line += 1
                let lineStart = p
                let (n, newline, open) = fields.split(p)
                defer { p = newline + 1 }
                if newline - lineStart > LineBlocks.maximumLineBytes { throw LineBlocks.lineTooLong(file: origin, line: line) }
                if newline == lineStart || (newline == lineStart + 1 && lineStart[0] == 13) { continue }
                if header == nil && open {
                    throw BatchHeader.unclosedQuote(String(decoding: UnsafeBufferPointer(start: lineStart, count: newline - lineStart), as: UTF8.self),
                                                    file: origin)
                }
                let columns = (0..<n).map { fields.string($0) }
                guard let names = header else {
                    let lower = columns.map { $0.trimmingSpaces.lowercased() }
                    guard let r = try BatchHeader.column(lower, ["region", "zone"], role: "region", file: origin),
                          let v = try BatchHeader.column(lower, ["g_per_kwh", "g_co2e_per_kwh"], role: "factor", file: origin) else {
                        throw CO2eError(.invalidData, "has no region and g_per_kwh columns in its header", code: .missingColumn,
                                        value: columns.joined(separator: ","), accepted: "region,g_per_kwh (or zone,g_co2e_per_kwh)",
                                        file: origin, line: line)
                    }
                    header = lower
                    regionColumn = r
                    valueColumn = v
                    continue
                }
                guard !open, n == names.count else {
                    throw CO2eError(.invalidData, open ? "has a quote that is not closed" : "has \(n) fields; the header has \(names.count)",
                                    file: origin, line: line)
                }
                let region = columns[regionColumn]
                let text = columns[valueColumn].trimmingSpaces
                guard !region.isEmpty else { throw CO2eError(.invalidData, "has an empty region", file: origin, line: line) }
                guard !BatchTotals.isTotalName(region) else { throw reservedTotal(region, file: origin, line: line) }
                guard let (u, _) = FixedPoint.factorUnits(text) else {
                    throw CO2eError(.invalidData, "is not a factor in g/kWh", field: "g_per_kwh", value: text,
                                    accepted: "a number of 0 or more, such as 383.5", file: origin, line: line)
                }
                guard table.units[region] == nil else {
                    throw CO2eError(.invalidData, "is given twice", field: "region", value: region, file: origin, line: line)
                }
                table.units[region] = u
                table.uses[region] = FactorUse(region: region, value: "\(text) g/kWh", origin: "\(origin):\(line)")
            }
        }
        guard header != nil else { throw CO2eError(.invalidData, "is empty; expected a header region,g_per_kwh", file: origin) }
        return table
    }
}

/// An hourly factor table held densely: per region, one slot per hour from its first hour to
/// its last (sized by the hours present, not by a fixed span), exact to 1e-6 g/kWh.
public final class HourlyFactors: @unchecked Sendable {
    package let origin: String
    private(set) var names: [String] = []
    private var index: [String: Int] = [:]
    private(set) var firstHour: [Int64] = []
    private(set) var hourCount: [Int] = []
    private(set) var values: [UnsafeMutablePointer<UInt64>] = []
    /// For a region whose hours are few over a long span (two rows 9,998 years apart): its
    /// hours in order and their units, looked up by binary search; nil for a dense region.
    private(set) var sparse: [(hours: [Int64], units: [UInt64])?] = []
    /// Rows read from the file.
    package private(set) var rows = 0
    static let missing = UInt64.max

    /// True when a region of `count` hours over `span` hours is held densely (one slot per
    /// hour): the slots are at most four per row plus a year, so memory follows the rows, not
    /// the time they span.
    @inline(__always)
    static func denseAllowed(span: Int64, count: Int) -> Bool { span <= Int64(count) * 4 + 8760 }

    init(origin: String) { self.origin = origin }

    deinit { for v in values { v.deallocate() } }

    package var regionCount: Int { names.count }

    func regionIndex(_ name: String) -> Int? { index[name] }

    /// The factor units of `region` at `hour`, or nil outside the table.
    @inline(__always)
    func units(region r: Int, hour: Int64) -> UInt64? {
        if sparse[r] != nil {
            let v = sparseUnits(region: r, hour: hour)
            return v == Self.missing ? nil : v
        }
        let k = hour &- firstHour[r]
        guard k >= 0 && k < Int64(hourCount[r]) else { return nil }
        let v = values[r][Int(k)]
        return v == Self.missing ? nil : v
    }

    /// True when region `r` is held sparsely (see `sparse`).
    func isSparse(_ r: Int) -> Bool { sparse[r] != nil }

    /// The units of a sparse region at `hour`, or `missing`.
    func sparseUnits(region r: Int, hour: Int64) -> UInt64 {
        guard let (hours, units) = sparse[r] else { return Self.missing }
        var low = 0, high = hours.count
        while low < high {
            let mid = (low + high) / 2
            if hours[mid] < hour { low = mid + 1 } else { high = mid }
        }
        return low < hours.count && hours[low] == hour ? units[low] : Self.missing
    }

    func use(region r: Int) -> FactorUse {
        var set = 0
        var low = Int64.max, high = Int64.min
        if let (hours, _) = sparse[r] {
            set = hours.count
            low = hours.first ?? 0
            high = hours.last ?? 0
        } else {
            for k in 0..<hourCount[r] where values[r][k] != Self.missing {
                set += 1
                low = min(low, firstHour[r] + Int64(k))
                high = firstHour[r] + Int64(k)
            }
        }
        if set == 0 { low = firstHour[r]; high = firstHour[r] }
        let first = Timestamp(secondsSinceEpoch: low * 3600).iso8601
        let last = Timestamp(secondsSinceEpoch: high * 3600).iso8601
        return FactorUse(region: names[r], value: "hourly, \(set) hours", origin: "\(origin) (\(first) to \(last))")
    }

    /// The table while it is read (a value, so the row loop needs no exclusivity checks).
    struct Builder {
        var names: [String] = []
        var firstHour: [Int64] = []
        var hourCount: [Int] = []
        var capacity: [Int] = []
        var values: [UnsafeMutablePointer<UInt64>] = []
        /// Hours set per region.
        var counts: [Int] = []
        /// A region too sparse for slots (see `HourlyFactors.denseAllowed`): hour -> units.
        var sparse: [[Int64: UInt64]?] = []

        var index: [String: Int] = [:]
        var map = ByteKeyMap(capacity: 256)
        var fields = LineFields(capacity: 1)
        var line = 1
        var rows = 0
        var lastDate0: UInt64 = 0, lastDate1: UInt16 = 0, lastDays = Int.min

        /// Reads the rows of one block into the table.
        mutating func consume(_ base: UnsafePointer<UInt8>, _ count: Int, origin: String, columns: Int, rc: Int, tc: Int, vc: Int) throws {
            var p = base
            let end = base + count
            while p < end {
                line += 1
                let lineStart = p
                let (n, newline, open) = fields.split(p)
                p = newline + 1
                if newline - lineStart > LineBlocks.maximumLineBytes { throw LineBlocks.lineTooLong(file: origin, line: line) }
                if newline == lineStart || (newline == lineStart + 1 && lineStart[0] == 13) { continue }
                guard !open, n == columns else {
                    throw CO2eError(.invalidData, open ? "has a quote that is not closed" : "has \(n) fields; the header has \(columns)",
                                    file: origin, line: line)
                }
                let rp = fields.starts[rc], rn = fields.lengths[rc]
                var r: Int
                if let found = map.find(rp, rn) {
                    r = Int(found)
                } else {
                    let name = fields.string(rc)
                    guard !name.isEmpty else { throw CO2eError(.invalidData, "has an empty region", file: origin, line: line) }
                    guard !BatchTotals.isTotalName(name) else { throw reservedTotal(name, file: origin, line: line) }
                    r = names.count
                    names.append(name)
                    index[name] = r
                    firstHour.append(0)
                    hourCount.append(0)
                    capacity.append(0)
                    values.append(.allocate(capacity: 0))
                    counts.append(0)
                    sparse.append(nil)
                    map.insert(rp, rn, value: Int32(r))
                }
                let tp = fields.starts[tc], tn = fields.lengths[tc]
                // Rows of one day share its date: read `YYYY-MM-DD` once per day.
                var fastHour: Int64? = nil
                if tn == 20 && tp[19] == 90 && tp[10] == 84 && tp[13] == 58 && tp[16] == 58
                    && tp[14] == 48 && tp[15] == 48 && tp[17] == 48 && tp[18] == 48 {
                    let raw = UnsafeRawPointer(tp)
                    let d0 = raw.loadUnaligned(as: UInt64.self), d1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
                    if d0 != lastDate0 || d1 != lastDate1 || lastDays == Int.min {
                        lastDays = TimeBytes.day(tp, tn) ?? Int.min
                        lastDate0 = d0
                        lastDate1 = d1
                    }
                    let h0 = tp[11] &- 48, h1 = tp[12] &- 48
                    if lastDays != Int.min && h0 < 10 && h1 < 10 && Int(h0) * 10 + Int(h1) < 24 {
                        fastHour = Int64(lastDays) * 24 + Int64(h0) * 10 + Int64(h1)
                    }
                }
                guard let hour = fastHour ?? (TimeBytes.isOnTheHour(tp, tn) ? TimeBytes.hour(tp, tn) : nil) else {
                    throw CO2eError(.invalidData, "is not the start of an hour in ISO 8601 with an offset", field: "timestamp",
                                    value: fields.string(tc), accepted: "such as 2025-01-01T00:00:00Z", file: origin, line: line)
                }
                guard case let .value(v, _) = FixedPoint.parse(fields.starts[vc], fields.lengths[vc], scale: FixedPoint.factorScale),
                      v < UInt128(HourlyFactors.missing) else {
                    throw CO2eError(.invalidData, "is not a factor in g/kWh", field: "g_per_kwh", value: fields.string(vc),
                                    accepted: "a number of 0 or more, such as 383.5", file: origin, line: line)
                }
                guard put(region: r, hour: hour, units: UInt64(v)) else {
                    throw CO2eError(.invalidData, "gives an hour of \(names[r]) twice", field: "timestamp",
                                    value: fields.string(tc), file: origin, line: line)
                }
                rows += 1
            }
        }

    mutating func put(region r: Int, hour: Int64, units: UInt64) -> Bool {
        if sparse[r] != nil {
            guard sparse[r]![hour] == nil else { return false }
            sparse[r]![hour] = units
            counts[r] += 1
            return true
        }
        if hourCount[r] == 0 {
            firstHour[r] = hour
        } else {
            // Slots for the span this hour would make must stay within what the rows justify;
            // else the region's hours go to a map (memory follows rows, not the time span).
            let span = max(firstHour[r] + Int64(hourCount[r]) - 1, hour) - min(firstHour[r], hour) + 1
            if !HourlyFactors.denseAllowed(span: span, count: counts[r] + 1) {
                var map: [Int64: UInt64] = [:]
                map.reserveCapacity(counts[r] + 1)
                for k in 0..<hourCount[r] where values[r][k] != HourlyFactors.missing { map[firstHour[r] + Int64(k)] = values[r][k] }
                values[r].deallocate()
                values[r] = .allocate(capacity: 0)
                hourCount[r] = 0
                capacity[r] = 0
                sparse[r] = map
                return put(region: r, hour: hour, units: units)
            }
        }
        var k = hour - firstHour[r]
        if k < 0 {
            // An earlier hour than the first seen: shift the slots right, with room for more
            // (a file in descending order moves them only now and then).
            let shift = max(Int(-k), hourCount[r] / 2 + 64)
            let newCount = hourCount[r] + shift
            let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: newCount)
            fresh.initialize(repeating: HourlyFactors.missing, count: shift)
            (fresh + shift).initialize(from: values[r], count: hourCount[r])
            values[r].deallocate()
            values[r] = fresh
            capacity[r] = newCount
            hourCount[r] = newCount
            firstHour[r] -= Int64(shift)
            k = hour - firstHour[r]
        }
        let slot = Int(k)
        if slot >= capacity[r] {
            let newCapacity = max(slot + 1, capacity[r] * 3 / 2 + 64)
            let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
            fresh.initialize(from: values[r], count: hourCount[r])
            (fresh + hourCount[r]).initialize(repeating: HourlyFactors.missing, count: newCapacity - hourCount[r])
            values[r].deallocate()
            values[r] = fresh
            capacity[r] = newCapacity
        }
        if slot >= hourCount[r] { hourCount[r] = slot + 1 }
        if values[r][slot] != HourlyFactors.missing { return false }
        values[r][slot] = units
        counts[r] += 1
        return true
    }

    /// Every hour set in region `r`, with its units, in no particular order.
    func forEachHour(of r: Int, _ body: (Int64, UInt64) throws -> Void) rethrows {
        if let map = sparse[r] {
            for (hour, units) in map { try body(hour, units) }
            return
        }
        for k in 0..<hourCount[r] where values[r][k] != HourlyFactors.missing { try body(firstHour[r] + Int64(k), values[r][k]) }
    }

    /// The sparse regions as sorted hours and units, or back to slots when the whole file made
    /// them dense enough.
    mutating func finishSparse() -> [(hours: [Int64], units: [UInt64])?] {
        var out: [(hours: [Int64], units: [UInt64])?] = Array(repeating: nil, count: names.count)
        for r in names.indices {
            guard let map = sparse[r] else { continue }
            let hours = map.keys.sorted()
            if let first = hours.first, let last = hours.last, HourlyFactors.denseAllowed(span: last - first + 1, count: hours.count) {
                let n = Int(last - first + 1)
                let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
                fresh.initialize(repeating: HourlyFactors.missing, count: n)
                for (h, u) in map { fresh[Int(h - first)] = u }
                values[r].deallocate()
                values[r] = fresh
                firstHour[r] = first
                hourCount[r] = n
                capacity[r] = n
                sparse[r] = nil
                continue
            }
            out[r] = (hours, hours.map { map[$0]! })
        }
        return out
    }
    }

    /// Reads a `region,timestamp,g_per_kwh` file (columns in any order; `zone`, `time`,
    /// `datetime`, `g_co2e_per_kwh` also read), streaming it in blocks.
    ///
    /// - Throws: `CO2eError.invalidData` at the first bad line: wrong field count, a timestamp
    ///   that is not on the hour, a bad or negative factor, an hour given twice.
    public static func load(_ input: BatchInput, threads: Int = 1) throws -> HourlyFactors {
        let table = HourlyFactors(origin: input.name)
        let reader = ByteReader(input)
        let header = try BatchHeader.read(reader)
        let lower = header.columns.map { $0.trimmingSpaces.lowercased() }
        let rc0 = try BatchHeader.column(lower, ["region", "zone"], role: "region", file: input.name)
        let tc0 = try BatchHeader.column(lower, ["timestamp", "time", "datetime"], role: "timestamp", file: input.name)
        let vc0 = try BatchHeader.column(lower, ["g_per_kwh", "g_co2e_per_kwh"], role: "factor", file: input.name)
        guard let rc = rc0, let tc = tc0, let vc = vc0 else {
            throw CO2eError(.invalidData, "has no region, timestamp and g_per_kwh columns in its header", code: .missingColumn,
                            value: header.columns.joined(separator: ","), accepted: "region,timestamp,g_per_kwh",
                            file: input.name, line: 1)
        }
        let columns = lower.count
        // A large file is read by several threads, each into its own builder, merged in order.
        var bounds = [header.dataStart]
        if let size = input.size, input.splittable, threads > 1, size - header.dataStart > 1 << 20 {
            for k in 1..<threads {
                let raw = header.dataStart + (size - header.dataStart) * k / threads
                bounds.append(max(bounds.last!, LineBlocks.lineStart(reader, atOrAfter: raw, end: size)))
            }
        }
        final class Part: @unchecked Sendable {
            var builder = Builder()
            var error: Error?
        }
        let parts = bounds.map { _ in Part() }
        defer { for p in parts { p.builder.fields.free(); p.builder.releaseValues() } }
        func run(_ k: Int) {
            let end = k + 1 < bounds.count ? bounds[k + 1] : input.size
            do {
                try LineBlocks.read(reader, from: bounds[k], to: end) { base, count in
                    try parts[k].builder.consume(base, count, origin: input.name, columns: columns, rc: rc, tc: tc, vc: vc)
                }
            } catch var e as CO2eError {
                // A line too long for the reader is the one after those this part read.
                if e.code == .resourceLimit && e.line == nil { e.line = parts[k].builder.line + 1 }
                parts[k].error = e
            } catch {
                parts[k].error = error
            }
        }
        var ids: [pthread_t] = []
        for k in parts.indices.dropFirst() { ids.append(Batch.startThread { run(k) }) }
        run(0)
        for id in ids { pthread_join(id, nil) }
        var linesBefore = 0
        for p in parts {
            if var e = p.error as? CO2eError {
                if let l = e.line, l > 1 { e.line = l + linesBefore }
                throw e
            }
            if let e = p.error { throw e }
            linesBefore += p.builder.line - 1
        }
        var merged = parts[0].builder.take()
        do {
            for p in parts.dropFirst() { try merged.absorb(&p.builder, origin: input.name) }
        } catch {
            merged.releaseValues()
            merged.fields.free()
            throw error
        }
        merged.fields.free()
        // First: a region made dense again changes its slots.
        table.sparse = merged.finishSparse()
        table.index = merged.index
        table.names = merged.names
        table.firstHour = merged.firstHour
        table.hourCount = merged.hourCount
        table.values = merged.values
        table.rows = merged.rows
        guard table.rows > 0 else { throw CO2eError(.invalidData, "has no factor rows after the header", file: input.name) }
        return table
    }
}

extension HourlyFactors.Builder {
    /// The table so far, leaving this builder empty (its slots then belong to the caller).
    mutating func take() -> HourlyFactors.Builder {
        var out = HourlyFactors.Builder()
        out.fields.free()
        out.fields = LineFields(capacity: 1)
        swap(&out.names, &names); swap(&out.firstHour, &firstHour); swap(&out.hourCount, &hourCount)
        swap(&out.capacity, &capacity); swap(&out.values, &values); swap(&out.index, &index)
        swap(&out.counts, &counts); swap(&out.sparse, &sparse)
        out.rows = rows
        return out
    }

    /// Adds the rows another builder read (a later part of the file), taking its slots.
    mutating func absorb(_ other: inout HourlyFactors.Builder, origin: String) throws {
        for (r, name) in other.names.enumerated() {
            if let mine = index[name] {
                try other.forEachHour(of: r) { hour, units in
                    guard put(region: mine, hour: hour, units: units) else {
                        throw CO2eError(.invalidData, "gives an hour of \(name) twice", code: .duplicateEntry, field: "timestamp",
                                        value: Timestamp(secondsSinceEpoch: hour * 3600).iso8601, file: origin)
                    }
                }
                other.values[r].deallocate()
            } else {
                index[name] = names.count
                names.append(name)
                firstHour.append(other.firstHour[r])
                hourCount.append(other.hourCount[r])
                capacity.append(other.capacity[r])
                values.append(other.values[r])
                counts.append(other.counts[r])
                sparse.append(other.sparse[r])
            }
            other.sparse[r] = nil
            // Now owned here (or freed): the other builder keeps an empty placeholder.
            other.values[r] = .allocate(capacity: 0)
            other.hourCount[r] = 0
        }
        rows += other.rows
        other.values = []
        other.names = []
    }

    /// Frees the slots still owned (after an error).
    mutating func releaseValues() {
        for v in values { v.deallocate() }
        values = []
    }
}

/// A factor file naming a region `TOTAL`, the name of a result's total row.
func reservedTotal(_ region: String, file: String, line: Int) -> CO2eError {
    CO2eError(.invalidData, "is the name of the result's total row, not a region a batch can list", code: .invalidValue, field: "region",
              value: region, accepted: "any other region name", file: file, line: line)
}

/// The header line of a CSV input: its column names and where the data starts (after a
/// byte-order mark and the header's newline).
struct BatchHeader {
    let columns: [String]
    let dataStart: Int

    static func read(_ reader: ByteReader) throws -> BatchHeader {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var newline: Int? = nil
        while newline == nil {
            let n = chunk.withUnsafeMutableBufferPointer { reader.read($0.baseAddress!, $0.count, at: bytes.count) }
            if n < 0 { throw CO2eError.data("cannot read '\(reader.input.name)'") }
            if n == 0 { break }
            let from = bytes.count
            bytes.append(contentsOf: chunk[0..<n])
            newline = bytes[from...].firstIndex(of: 10)
            if bytes.count > 1 << 20 && newline == nil {
                try refuseCROnly(bytes + [10], file: reader.input.name)
                throw CO2eError(.invalidData, "has no line break in its first MiB; expected a CSV header line", file: reader.input.name, line: 1)
            }
        }
        let end = newline ?? bytes.count
        if newline == nil { try refuseCROnly(bytes, file: reader.input.name) }
        if case .stream = reader.input { reader.unread(bytes[min(end + 1, bytes.count)...]) }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var line = Array(bytes[start..<end])
        guard !line.isEmpty && !(line.count == 1 && line[0] == 13) else {
            throw CO2eError(.invalidData, "is empty; expected a CSV header line", file: reader.input.name, line: 1)
        }
        line.append(10)
        line.append(contentsOf: [UInt8](repeating: 0, count: 64))
        var fields = LineFields()
        defer { fields.free() }
        let (columns, open): ([String], Bool) = line.withUnsafeBufferPointer { b in
            let (n, _, open) = fields.split(b.baseAddress!)
            return ((0..<n).map { fields.string($0) }, open)
        }
        if open { throw unclosedQuote(String(decoding: line.prefix(end - start), as: UTF8.self), file: reader.input.name) }
        return BatchHeader(columns: columns, dataStart: min(end + 1, bytes.count))
    }

    /// Refuses bytes with no LF that hold a CR before their last byte: lines that end in CR
    /// alone (old Mac style), which would read as one header line. The caller has seen no LF.
    static func refuseCROnly(_ bytes: [UInt8], file: String) throws {
        guard let cr = bytes.firstIndex(of: 13), cr < bytes.count - 1 else { return }
        throw CO2eError(.invalidData, "has CR-only line ends (old Mac style), so it reads as one line", code: .invalidData,
                        accepted: "lines that end in LF or CRLF", file: file, line: 1)
    }

    /// A header line whose quote is not closed (its column names cannot be read).
    static func unclosedQuote(_ text: String, file: String) -> CO2eError {
        CO2eError(.invalidData, "is a header with a quote that is not closed", code: .invalidData, value: text,
                  accepted: "column names separated by commas, a quoted name closed on its line (\"a name\")", file: file, line: 1)
    }

    /// The index of the one column named any of `candidates` (lowercased, trimmed `names`), nil
    /// when none is.
    ///
    /// - Throws: `CO2eError` `.missingColumn` when two columns name it (`kwh` twice, or `region`
    ///   and `zone`): which one to read would be a guess.
    static func column(_ names: [String], _ candidates: [String], role: String, file: String) throws -> Int? {
        let found = names.indices.filter { candidates.contains(names[$0]) }
        guard found.count <= 1 else {
            let listed = found.prefix(3).map { "'\(names[$0])' (column \($0 + 1))" }.joined(separator: " and ")
            throw CO2eError(.invalidData, "has two \(role) columns, \(listed); keep one", code: .missingColumn,
                            value: names.joined(separator: ","), accepted: "one column named \(candidates.joined(separator: " or "))",
                            file: file, line: 1)
        }
        return found.first
    }
}
