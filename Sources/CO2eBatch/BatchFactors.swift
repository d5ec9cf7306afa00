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

    var mode: String {
        switch self {
        case .annual: return "annual"
        case .hourly: return "hourly"
        case .catalog: return "bundled"
        }
    }
}

/// How one region's factor was found, for the report beside the figures.
public struct FactorUse: Sendable, Hashable {
    /// The region as the rows name it.
    public let region: String
    /// `383.549 g/kWh`, or `hourly series, 8760 hours` for an hourly table.
    public let value: String
    /// Where it came from: `factors_annual.csv:12`, `US 2024, owid-ember (annual average)`.
    public let origin: String
    /// The bundled source it cites (`owid-ember-2025`), for a factor from co2e's tables.
    public let source: String?

    public init(region: String, value: String, origin: String, source: String? = nil) {
        self.region = region
        self.value = value
        self.origin = origin
        self.source = source
    }
}

/// The factors of a `region,g_per_kwh` file, exact to 1e-6 g/kWh.
public struct AnnualFactors: Sendable {
    public let origin: String
    var units: [String: UInt64] = [:]
    var uses: [String: FactorUse] = [:]

    public var count: Int { units.count }

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
                if newline == lineStart || (newline == lineStart + 1 && lineStart[0] == 13) { continue }
                let columns = (0..<n).map { fields.string($0) }
                guard let names = header else {
                    let lower = columns.map { $0.trimmingSpaces.lowercased() }
                    guard let r = lower.firstIndex(where: { $0 == "region" || $0 == "zone" }),
                          let v = lower.firstIndex(where: { $0 == "g_per_kwh" || $0 == "g_co2e_per_kwh" }) else {
                        throw CO2eError(.invalidData, "has no region and g_per_kwh columns in its header",
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
    public let origin: String
    private(set) var names: [String] = []
    private var index: [String: Int] = [:]
    private(set) var firstHour: [Int64] = []
    private(set) var hourCount: [Int] = []
    private(set) var values: [UnsafeMutablePointer<UInt64>] = []
    /// Rows read from the file.
    public private(set) var rows = 0
    static let missing = UInt64.max

    init(origin: String) { self.origin = origin }

    deinit { for v in values { v.deallocate() } }

    public var regionCount: Int { names.count }

    func regionIndex(_ name: String) -> Int? { index[name] }

    /// The factor units of `region` at `hour`, or nil outside the table.
    @inline(__always)
    func units(region r: Int, hour: Int64) -> UInt64? {
        let k = hour &- firstHour[r]
        guard k >= 0 && k < Int64(hourCount[r]) else { return nil }
        let v = values[r][Int(k)]
        return v == Self.missing ? nil : v
    }

    func use(region r: Int) -> FactorUse {
        var set = 0, low = Int.max, high = 0
        for k in 0..<hourCount[r] where values[r][k] != Self.missing {
            set += 1
            low = min(low, k)
            high = k
        }
        let first = Timestamp(secondsSinceEpoch: (firstHour[r] + Int64(low == Int.max ? 0 : low)) * 3600).iso8601
        let last = Timestamp(secondsSinceEpoch: (firstHour[r] + Int64(high)) * 3600).iso8601
        return FactorUse(region: names[r], value: "hourly, \(set) hours", origin: "\(origin) (\(first) to \(last))")
    }

    /// The table while it is read (a value, so the row loop needs no exclusivity checks).
    struct Builder {
        var names: [String] = []
        var firstHour: [Int64] = []
        var hourCount: [Int] = []
        var capacity: [Int] = []
        var values: [UnsafeMutablePointer<UInt64>] = []

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
                    r = names.count
                    names.append(name)
                    index[name] = r
                    firstHour.append(0)
                    hourCount.append(0)
                    capacity.append(0)
                    values.append(.allocate(capacity: 0))
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
        if hourCount[r] == 0 {
            firstHour[r] = hour
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
        return true
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
        guard let rc = lower.firstIndex(where: { $0 == "region" || $0 == "zone" }),
              let tc = lower.firstIndex(where: { ["timestamp", "time", "datetime"].contains($0) }),
              let vc = lower.firstIndex(where: { $0 == "g_per_kwh" || $0 == "g_co2e_per_kwh" }) else {
            throw CO2eError(.invalidData, "has no region, timestamp and g_per_kwh columns in its header",
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
        out.rows = rows
        return out
    }

    /// Adds the rows another builder read (a later part of the file), taking its slots.
    mutating func absorb(_ other: inout HourlyFactors.Builder, origin: String) throws {
        for (r, name) in other.names.enumerated() {
            if let mine = index[name] {
                for k in 0..<other.hourCount[r] where other.values[r][k] != HourlyFactors.missing {
                    let hour = other.firstHour[r] + Int64(k)
                    guard put(region: mine, hour: hour, units: other.values[r][k]) else {
                        throw CO2eError(.invalidData, "gives an hour of \(name) twice", field: "timestamp",
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
            }
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
                throw CO2eError(.invalidData, "has no line break in its first MiB; expected a CSV header line", file: reader.input.name, line: 1)
            }
        }
        let end = newline ?? bytes.count
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
        let columns: [String] = line.withUnsafeBufferPointer { b in
            let (n, _, _) = fields.split(b.baseAddress!)
            return (0..<n).map { fields.string($0) }
        }
        return BatchHeader(columns: columns, dataStart: min(end + 1, bytes.count))
    }
}
