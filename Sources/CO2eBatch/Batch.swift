import CO2eCore
import CO2eGrid

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Batch emissions of energy logs: rows of (timestamp, region, kWh) joined with annual or hourly
/// grid factors, summed per group exactly, streamed in blocks and split across threads.
///
/// Exactness: every value is read from its decimal text into integers (kWh in 1e-18 kWh,
/// factors in 1e-6 g/kWh, see `FixedPoint`) and every sum is an integer sum, so the result does
/// not depend on the order of the rows, the number of threads or how the input is split into
/// partial results; the kg printed is the exact decimal of the integer sum x PUE.
///
/// Nothing is dropped silently: a row that cannot be used is counted by kind in
/// `BatchTotals.problems`, its kWh (when readable) in `skippedEnergy`, and the first
/// `BatchTotals.sampleLimit` are kept with their file and line.
public enum Batch {
    /// The job: factors, PUE and grouping.
    public struct Job: Sendable {
        package var factors: BatchFactors
        /// The PUE as decimal text (`1.2`): applied to the exact sums at the end.
        package var pue: String
        /// `region`, `day`, `month` (not both day and month).
        package var grouping: [String]
        /// Threads per input file (1 or more).
        package var threads: Int
        /// Market-based factors per region (supplier-specific, contractual instruments or a
        /// residual mix): when given, a market-based figure is summed beside the location-based
        /// one; regions without one keep their location-based grams, and the energy that does
        /// is counted.
        package var market: AnnualFactors?
        /// The version of the program running the job, recorded in the totals (partials of
        /// other versions are not merged).
        package var version: String
        /// For one input: the byte range whose lines are read (a line belongs to the range it
        /// starts in, so ranges that touch read every line once); nil for all of it. For a
        /// stream the range only labels what the stream holds (its header line, then the lines
        /// of those bytes).
        package var range: Range<Int>?
        /// Bytes of a file mapped at a time per thread (tests make it small to cross windows).
        var window = LineBlocks.windowSize

        /// A job: the factors to join rows with, the PUE applied to every row (as written: `1.2`), the
        /// grouping (`region`, `day`, `month`), the threads, optional market-based factors, the version
        /// recorded in partials, and the byte range of a single input to read (nil for all of it).
        public init(factors: BatchFactors, pue: String = "1", grouping: [String] = ["region"], threads: Int = 1,
                    market: AnnualFactors? = nil, version: String = "", range: Range<Int>? = nil) {
            self.factors = factors
            self.version = version
            self.range = range
            self.pue = pue
            self.grouping = grouping
            self.threads = threads
            self.market = market
        }
    }

    /// The groupings a job accepts.
    package static let groupings = ["region", "day", "month"]

    /// Checks a grouping list: known names, no repeats, not both day and month.
    ///
    /// - Throws: `CO2eError.invalidInput` on field `by`.
    package static func checkGrouping(_ names: [String]) throws {
        guard !names.isEmpty else { throw CO2eError(.invalidInput, "is empty", field: "by", accepted: groupings.joined(separator: ", ")) }
        for n in names where !groupings.contains(n) {
            throw CO2eError(.invalidInput, "is not a grouping", field: "by", value: n, accepted: "region, day, month, or a comma-separated combination such as region,month")
        }
        guard Set(names).count == names.count else { throw CO2eError(.invalidInput, "names a grouping twice", field: "by", value: names.joined(separator: ",")) }
        if names.contains("day") && names.contains("month") {
            throw CO2eError(.invalidInput, "groups by day and by month at once; give one", field: "by", value: names.joined(separator: ","))
        }
    }

    /// What a PUE accepts: a decimal from 1 to 10 with at most 6 decimals (1.2), so that it
    /// multiplies the exact sums as an integer over a power of ten.
    package static let pueAccepted = "a decimal from 1 to 10 with at most 6 decimals, such as 1.2"

    /// Checks a PUE given as decimal text (the one rule for the command line, jobs and
    /// partials).
    ///
    /// - Throws: `CO2eError.invalidInput` on field `pue`.
    package static func checkPUE(_ text: String) throws {
        guard let (m, s) = FixedPoint.decimal(text), s <= 6, m >= FixedPoint.pow10(s), m <= 10 * FixedPoint.pow10(s) else {
            throw CO2eError(.invalidInput, "is not a PUE", code: .valueOutOfRange, field: "pue", value: text, accepted: pueAccepted)
        }
    }

    /// Runs `job` over every input and returns the exact totals.
    ///
    /// - Throws: `CO2eError` for a bad PUE or grouping, an input without the needed columns,
    ///   a range with more than one input, an input given twice, or a read error. Bad rows are
    ///   not thrown: they are in the totals.
    public static func run(_ inputs: [BatchInput], _ job: Job) throws -> BatchTotals {
        try checkGrouping(job.grouping)
        try checkPUE(job.pue)
        if job.range != nil && inputs.count != 1 {
            throw CO2eError(.invalidInput, "applies to one input; \(inputs.count) were given", field: "range", accepted: "one input file with a byte range")
        }
        let template = job.emptyTotals()
        var totals = template
        // Bundled factors: every name the catalogue knows, read once, so an unknown region is
        // known to be unknown without a look-up.
        var names: Set<String>? = nil
        if case let .catalog(catalog, _) = job.factors { names = try catalog.knownNames() }
        for input in inputs {
            try totals.merge(runOne(input, job, template: template, knownNames: names))
        }
        // Grouped by region alone, every region of a factor file is listed (0 when no row used
        // it), as a join from the factor table gives.
        if job.grouping == ["region"] {
            var names: [String] = []
            if case let .annual(a) = job.factors { names = Array(a.units.keys) }
            if case let .hourly(h) = job.factors { names = h.names }
            for n in names { totals.groups[BatchGroupKey(region: n, period: nil), default: BatchGroupSums()] += BatchGroupSums() }
        }
        return totals
    }

    private static func runOne(_ input: BatchInput, _ job: Job, template: BatchTotals, knownNames: Set<String>?) throws -> BatchTotals {
        let reader = ByteReader(input)
        let header = try BatchHeader.read(reader)
        let layout = try BatchLayout(header.columns, file: input.name)
        let period: BatchConfig.Period = job.grouping.contains("day") ? .day : job.grouping.contains("month") ? .month : .none
        var hourly: HourlyFactors? = nil
        if case let .hourly(h) = job.factors {
            hourly = h
            guard layout.timestamp != nil else {
                throw CO2eError(.invalidData, "has no timestamp column, which hourly factors need", value: header.columns.joined(separator: ","),
                                accepted: "a column timestamp (or time, datetime)", file: input.name, line: 1)
            }
        }
        if period != .none && layout.timestamp == nil {
            throw CO2eError(.invalidData, "has no timestamp column to group by \(period == .day ? "day" : "month")",
                            value: header.columns.joined(separator: ","), file: input.name, line: 1)
        }
        let config = BatchConfig(layout: layout, factors: job.factors, knownNames: knownNames, hourly: hourly, period: period,
                                 byRegion: job.grouping.contains("region"), file: input.name, market: job.market)

        // The bytes to read: the lines that start in the job's range (all by default).
        var begin = header.dataStart
        var stop = input.size
        let source: BatchSource
        if let size = input.size, input.splittable {
            let low = min(job.range?.lowerBound ?? 0, size), high = max(low, min(job.range?.upperBound ?? size, size))
            if low > 0 { begin = max(begin, LineBlocks.lineStart(reader, atOrAfter: low, end: size)) }
            stop = max(begin, high >= size ? size : LineBlocks.lineStart(reader, atOrAfter: high, end: size))
            source = BatchSource(name: input.name, size: size, ranges: [low..<high])
        } else {
            source = BatchSource(name: input.name, size: nil, ranges: job.range.map { [$0] })
        }

        // Split at line starts: thread k reads the lines that start in [bounds[k], bounds[k+1]).
        var bounds = [begin]
        let threads = input.splittable ? max(1, job.threads) : 1
        if let stop, threads > 1, stop - begin > 1 << 16 {
            for k in 1..<threads {
                let raw = begin + (stop - begin) * k / threads
                bounds.append(max(bounds.last!, LineBlocks.lineStart(reader, atOrAfter: raw, end: stop)))
            }
        }
        let ends: [Int?] = bounds.indices.map { $0 + 1 < bounds.count ? bounds[$0 + 1] : stop }
        let workers = bounds.indices.map { _ in BatchWorker(config) }
        if workers.count == 1 {
            workers[0].run(reader, from: bounds[0], to: ends[0], window: job.window)
        } else {
            var ids: [pthread_t] = []
            for k in workers.indices.dropFirst() {
                let worker = workers[k], from = bounds[k], to = ends[k]
                ids.append(startThread { worker.run(reader, from: from, to: to, window: job.window) })
            }
            workers[0].run(reader, from: bounds[0], to: ends[0], window: job.window)
            for id in ids { pthread_join(id, nil) }
        }
        var totals = template
        totals.hasReportedMass = layout.reportedMass != nil
        // Line numbers count from the top of the file: the lines before the range are counted
        // only when a row has a problem or an error has a line to report (a range late in a
        // large file costs a scan).
        var linesBefore = 1
        if begin > header.dataStart && workers.contains(where: { !$0.state.samples.isEmpty || $0.error?.line != nil }) {
            linesBefore += try countLines(reader, from: header.dataStart, to: begin)
        }
        for w in workers {
            if var error = w.error {
                // A worker counts lines from its own start.
                if error.code == .resourceLimit, let line = error.line { error.line = line + linesBefore }
                throw error
            }
            try totals.merge(w.totals(lineOffset: linesBefore, template: template))
            linesBefore += w.state.lines
        }
        totals.sources = [source]
        return totals
    }

    /// The newlines in `[from, to)` of `reader` (a file or bytes).
    static func countLines(_ reader: ByteReader, from: Int, to: Int) throws -> Int {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var at = from, lines = 0
        while at < to {
            let n = buffer.withUnsafeMutableBufferPointer { reader.read($0.baseAddress!, min($0.count, to - at), at: at) }
            if n < 0 { throw CO2eError.data("cannot read '\(EchoedText.path(reader.input.name))': \(String(cString: strerror(errno)))", file: nil) }
            if n == 0 { break }
            for k in 0..<n where buffer[k] == 10 { lines += 1 }
            at += n
        }
        return lines
    }

    final class ThreadBody {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func startThread(_ body: @escaping () -> Void) -> pthread_t {
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var id = pthread_t()
        let rc = pthread_create(&id, nil, { raw in
            let b = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
            b.body()
            return nil
        }, box)
        precondition(rc == 0, "cannot start a thread")
        return id
    }
}

/// Which column holds what. A plain log has `timestamp,region,kwh` (also `zone`, `energy_kwh`,
/// `time`, `datetime`); a CodeCarbon `emissions.csv` is read by its own names
/// (`energy_consumed` kWh, `emissions` kg, `country_iso_code`, `cloud_provider`,
/// `cloud_region`, `timestamp`).
struct BatchLayout: Sendable {
    var columns: Int
    var timestamp: Int?
    var region: Int
    var cloudProvider: Int?
    var cloudRegion: Int?
    var energy: Int
    var reportedMass: Int?

    init(_ header: [String], file: String) throws {
        let names = header.map { $0.trimmingSpaces.lowercased() }
        func column(_ candidates: [String], _ role: String) throws -> Int? {
            try BatchHeader.column(names, candidates, role: role, file: file)
        }
        columns = names.count
        timestamp = try column(["timestamp", "time", "datetime"], "timestamp")
        if let e = try column(["energy_consumed"], "energy"), let m = try column(["emissions"], "emissions"),
           let c = try column(["country_iso_code"], "country") {
            energy = e
            reportedMass = m
            region = c
            cloudProvider = try column(["cloud_provider"], "cloud provider")
            cloudRegion = try column(["cloud_region"], "cloud region")
            return
        }
        let e0 = try column(["kwh", "energy_kwh"], "kwh"), r0 = try column(["region", "zone"], "region")
        guard let e = e0, let r = r0 else {
            throw CO2eError(.invalidData, "has no region and kwh columns in its header", code: .missingColumn, value: header.joined(separator: ","),
                            accepted: "timestamp,region,kwh, or a CodeCarbon emissions.csv (energy_consumed, emissions, country_iso_code, ...)",
                            file: file, line: 1)
        }
        energy = e
        region = r
    }
}

struct BatchConfig: @unchecked Sendable {
    enum Period { case none, day, month }
    let layout: BatchLayout
    let factors: BatchFactors
    /// With bundled factors: every name (lowercased) a look-up could find.
    let knownNames: Set<String>?
    let hourly: HourlyFactors?
    let period: Period
    let byRegion: Bool
    let file: String
    let market: AnnualFactors?
}

/// A growable column of trivial values behind a raw pointer (no copy-on-write or exclusivity
/// checks in the row loop).
struct RawColumn<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var capacity: Int

    init(_ zero: T) {
        capacity = 256
        base = .allocate(capacity: capacity)
        base.initialize(repeating: zero, count: capacity)
    }

    mutating func ensure(_ n: Int, _ zero: T) {
        guard n > capacity else { return }
        var c = capacity
        while c < n { c *= 2 }
        let fresh = UnsafeMutablePointer<T>.allocate(capacity: c)
        fresh.moveInitialize(from: base, count: capacity)
        (fresh + capacity).initialize(repeating: zero, count: c - capacity)
        base.deallocate()
        base = fresh
        capacity = c
    }

    func free() { base.deallocate() }

    @inline(__always) subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// What one worker holds while it reads its share.
struct WorkerState {
    var fields = LineFields()
    var map = ByteKeyMap(capacity: 256)
    var lines = 0
    var rowsRead: UInt64 = 0
    var blank: UInt64 = 0
    var rounded: UInt64 = 0
    var problems = [UInt64](repeating: 0, count: BatchRowProblem.allCases.count)
    var skipped = RowSum()
    var samples: [(line: Int, problem: BatchRowProblem, detail: String)] = []

    // Regions, by the worker's own index.
    var regionNames: [String] = []
    var regionKnown = RawColumn<Bool>(false)
    var regionUnits = RawColumn<UInt64>(0)
    var regionHourBase = RawColumn<Int64>(0)
    var regionHourCount = RawColumn<Int>(0)
    var regionHourValues = RawColumn<UnsafePointer<UInt64>?>(nil)
    /// The hourly table's index of a region it holds sparsely, else -1.
    var regionSparse = RawColumn<Int32>(-1)
    var regionUses: [FactorUse?] = []
    /// Why a region has no factor, when there is more to say than that it is unknown.
    var regionDetails: [String?] = []

    // Accumulators, by group index (= region index when not grouping by time).
    var groupCount = 0
    var groupIndex: [UInt64: Int] = [:]
    var groupRegion = RawColumn<Int32>(0)
    var groupBucket = RawColumn<Int32>(0)
    var rows = RawColumn<UInt64>(0)
    var energy = RawColumn<RowSum>(RowSum())
    var grams0 = RawColumn<UInt64>(0)
    var grams1 = RawColumn<UInt64>(0)
    var grams2 = RawColumn<UInt64>(0)
    var grams3 = RawColumn<UInt64>(0)
    var reported = RawColumn<RowSum>(RowSum())

    // The last timestamp read (rows in time order repeat it).
    var lastStamp0: UInt64 = 0
    var lastStamp1: UInt64 = 0
    var lastStamp2: UInt32 = 0
    var lastHour: Int64 = Int64.min
    var lastDay = Int.min
    var stampCached = false
    /// Set when the last line read is over `LineBlocks.maximumLineBytes` (the read stops there).
    var tooLong = false

    func free() {
        fields.free()
        regionKnown.free(); regionUnits.free(); regionHourBase.free(); regionHourCount.free(); regionHourValues.free(); regionSparse.free()
        groupRegion.free(); groupBucket.free(); rows.free(); energy.free(); grams0.free(); grams1.free(); grams2.free(); grams3.free(); reported.free()
    }
}

final class BatchWorker: @unchecked Sendable {
    let config: BatchConfig
    var state = WorkerState()
    var error: CO2eError?

    init(_ config: BatchConfig) { self.config = config }

    deinit { state.free() }

    func run(_ reader: ByteReader, from: Int, to: Int?, window: Int) {
        do {
            try LineBlocks.read(reader, from: from, to: to, window: window) { base, count in
                Self.process(&state, config, base, count)
                if state.tooLong { throw LineBlocks.lineTooLong(file: config.file, line: state.lines) }
            }
        } catch let e as CO2eError {
            error = e
            // A line too long for the reader is the one after those this worker read.
            if e.code == .resourceLimit && e.line == nil { error?.line = state.lines + 1 }
        } catch {
            self.error = CO2eError.data("\(error)")
        }
    }

    @inline(__always)
    static func problem(_ s: inout WorkerState, _ kind: BatchRowProblem, _ detail: @autoclosure () -> String) {
        s.problems[kindIndex(kind)] += 1
        if s.samples.count < BatchTotals.sampleLimit { s.samples.append((s.lines, kind, detail())) }
    }

    static func kindIndex(_ k: BatchRowProblem) -> Int {
        switch k {
        case .columnCount: return 0
        case .unclosedQuote: return 1
        case .badNumber: return 2
        case .negativeEnergy: return 3
        case .unknownRegion: return 4
        case .badTimestamp: return 5
        case .outsideHourlyFactors: return 6
        }
    }

    /// Why a value could not be read: out of range when it is a number too large for its
    /// fixed-point unit (`1e30` kWh), else not a number.
    static func numberProblem(_ column: String, _ p: UnsafePointer<UInt8>, _ n: Int, scale: Int, unit: String) -> String {
        let raw = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self).trimmingSpaces
        let numeric = !raw.isEmpty && raw.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 101 || $0 == 69 || $0 == 43 || $0 == 45 }
        if numeric, let x = Double(raw), x.isFinite, x > 0 {
            let limit = Double(UInt128.max) / pow(10, Double(scale))
            return "\(column) '\(text(p, n))' is out of range (accepted: 0 to \(NumberText.format(limit, significantDigits: 2)) \(unit) per row)"
        }
        return "\(column) '\(text(p, n))' is not a number" + (unit == "kg" ? " of kg" : "")
    }

    static func text(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        EchoedText.value(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }

    /// Reads every line of one block.
    static func process(_ s: inout WorkerState, _ c: BatchConfig, _ base: UnsafePointer<UInt8>, _ count: Int) {
        let layout = c.layout
        let columns = layout.columns
        let hourlyMode = c.hourly != nil
        let needTime = hourlyMode || c.period != .none
        let timeColumn = layout.timestamp ?? 0
        var p = base
        let end = base + count
        while p < end {
            let lineStart = p
            let (n, newline, open) = s.fields.split(p)
            p = newline + 1
            s.lines += 1
            if newline - lineStart > LineBlocks.maximumLineBytes {
                s.tooLong = true
                return
            }
            if newline == lineStart || (newline == lineStart + 1 && lineStart[0] == 13) {
                s.blank += 1
                continue
            }
            s.rowsRead += 1
            if open {
                problem(&s, .unclosedQuote, "a quoted field is not closed before the end of the line")
                continue
            }
            if n != columns {
                problem(&s, .columnCount, "has \(n) field\(n == 1 ? "" : "s"); the header has \(columns)")
                continue
            }
            // Energy.
            let ep = s.fields.starts[layout.energy], en = s.fields.lengths[layout.energy]
            let kwh: UInt128
            switch FixedPoint.parse(ep, en, scale: FixedPoint.kwhScale) {
            case let .value(v, r):
                kwh = v
                if r { s.rounded += 1 }
            case .negative:
                problem(&s, .negativeEnergy, "kwh '\(text(ep, en))' is negative")
                continue
            case .invalid:
                problem(&s, .badNumber, numberProblem("kwh", ep, en, scale: FixedPoint.kwhScale, unit: "kWh"))
                continue
            case .tooLarge:
                problem(&s, .badNumber, numberProblem("kwh", ep, en, scale: FixedPoint.kwhScale, unit: "kWh"))
                continue
            }
            // Region.
            var rp = s.fields.starts[layout.region], rn = s.fields.lengths[layout.region]
            if let cp = layout.cloudProvider, let cr = layout.cloudRegion, s.fields.lengths[cp] > 0, s.fields.lengths[cr] > 0 {
                rp = s.fields.starts[cr]
                rn = s.fields.lengths[cr]
            }
            let region: Int
            if let found = s.map.find(rp, rn) {
                region = Int(found)
            } else {
                region = addRegion(&s, c, rp, rn)
            }
            guard s.regionKnown[region] else {
                s.skipped.add(kwh)
                let name = s.regionNames[region], detail = s.regionDetails[region]
                problem(&s, .unknownRegion, rn == 0 ? "the region is empty"
                        : detail ?? "region '\(EchoedText.value(name))' has no factor in \(describeFactors(c))")
                continue
            }
            // Time.
            var units = s.regionUnits[region]
            var bucket: Int32 = 0
            if needTime {
                let tp = s.fields.starts[timeColumn], tn = s.fields.lengths[timeColumn]
                var hour = Int64.min
                var day = Int.min
                let raw = UnsafeRawPointer(tp)
                if tn == 20 && s.stampCached && raw.loadUnaligned(as: UInt64.self) == s.lastStamp0
                    && raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == s.lastStamp1
                    && raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self) == s.lastStamp2 {
                    hour = s.lastHour
                    day = s.lastDay
                } else {
                    if hourlyMode {
                        if let h = TimeBytes.hour(tp, tn) { hour = h }
                    }
                    if c.period != .none {
                        // The UTC day of the whole timestamp, read strictly.
                        if hourlyMode {
                            if hour != Int64.min { day = Int(hour.floorDivided(by: 24)) }
                        } else if let d = TimeBytes.utcDay(tp, tn) {
                            day = d
                        }
                    }
                    if (hourlyMode && hour == Int64.min) || (c.period != .none && day == Int.min) {
                        s.skipped.add(kwh)
                        problem(&s, .badTimestamp, "timestamp '\(text(tp, tn))' is not an ISO 8601 time"
                                + (hourlyMode ? " with an offset (2025-01-01T00:00:00Z)" : " (2025-01-01T00:00:00Z, an offset or UTC) or a date (2025-01-01)"))
                        continue
                    }
                    if tn == 20 {
                        s.lastStamp0 = raw.loadUnaligned(as: UInt64.self)
                        s.lastStamp1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                        s.lastStamp2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
                        s.lastHour = hour
                        s.lastDay = day
                        s.stampCached = true
                    }
                }
                if hourlyMode {
                    let k = hour &- s.regionHourBase[region]
                    var f = HourlyFactors.missing
                    if k >= 0 && k < Int64(s.regionHourCount[region]) {
                        f = s.regionHourValues[region]![Int(k)]
                    } else if s.regionSparse[region] >= 0 {
                        f = c.hourly!.sparseUnits(region: Int(s.regionSparse[region]), hour: hour)
                    }
                    guard f != HourlyFactors.missing else {
                        s.skipped.add(kwh)
                        let name = s.regionNames[region]
                        problem(&s, .outsideHourlyFactors, "\(text(tp, tn)) is outside the hourly factors of \(name)")
                        continue
                    }
                    units = f
                }
                if c.period == .day {
                    bucket = Int32(truncatingIfNeeded: day)
                } else if c.period == .month {
                    let (y, m, _) = Timestamp.civilFromDays(day)
                    bucket = Int32(y * 12 + m - 1)
                }
            }
            // The log's own figure.
            var reportedMass: UInt128 = 0
            if let mc = layout.reportedMass {
                let mp = s.fields.starts[mc], mn = s.fields.lengths[mc]
                switch FixedPoint.parse(mp, mn, scale: FixedPoint.massScale) {
                case let .value(v, r):
                    reportedMass = v
                    if r { s.rounded += 1 }
                default:
                    s.skipped.add(kwh)
                    problem(&s, .badNumber, numberProblem("emissions", mp, mn, scale: FixedPoint.massScale, unit: "kg"))
                    continue
                }
            }
            // Accumulate.
            var g = region
            if c.period != .none {
                let key = UInt64(UInt32(region)) << 32 | UInt64(UInt32(bitPattern: bucket))
                if let found = s.groupIndex[key] {
                    g = found
                } else {
                    g = newGroup(&s, region: region, bucket: bucket)
                    s.groupIndex[key] = g
                }
            }
            s.rows[g] &+= 1
            s.energy[g].add(kwh)
            if hourlyMode {
                let lo = UInt64(truncatingIfNeeded: kwh), hi = UInt64(truncatingIfNeeded: kwh >> 64)
                let (h1, l1) = lo.multipliedFullWidth(by: units)
                let (h2, l2) = hi.multipliedFullWidth(by: units)
                var carry: UInt64
                (s.grams0[g], carry) = addWithCarry(s.grams0[g], l1, 0)
                let (mid, o) = h1.addingReportingOverflow(l2)
                (s.grams1[g], carry) = addWithCarry(s.grams1[g], mid, carry)
                // grams2 + h2 + carry + o, carried into grams3: fewer than 2^64 rows of grams
                // below 2^192 stay below 2^256.
                let (g2, o2) = s.grams2[g].addingReportingOverflow(h2)
                let (g2b, o3) = g2.addingReportingOverflow(carry + (o ? 1 : 0))
                s.grams2[g] = g2b
                s.grams3[g] &+= (o2 ? 1 : 0) + (o3 ? 1 : 0)
            }
            if layout.reportedMass != nil { s.reported[g].add(reportedMass) }
        }
    }

    static func describeFactors(_ c: BatchConfig) -> String {
        switch c.factors {
        case let .annual(a): return a.origin
        case let .hourly(h): return h.origin
        case .catalog: return "the bundled tables"
        case let .single(_, use): return use.origin
        }
    }

    static func newGroup(_ s: inout WorkerState, region: Int, bucket: Int32) -> Int {
        let g = s.groupCount
        s.groupCount += 1
        let n = s.groupCount
        s.groupRegion.ensure(n, 0); s.groupBucket.ensure(n, 0)
        s.rows.ensure(n, 0); s.energy.ensure(n, RowSum()); s.grams0.ensure(n, 0); s.grams1.ensure(n, 0); s.grams2.ensure(n, 0)
        s.grams3.ensure(n, 0); s.reported.ensure(n, RowSum())
        s.groupRegion[g] = Int32(region)
        s.groupBucket[g] = bucket
        return g
    }

    /// A region seen for the first time by this worker: find its factor.
    static func addRegion(_ s: inout WorkerState, _ c: BatchConfig, _ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let r = s.regionNames.count
        let name = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        s.regionNames.append(name)
        let count = r + 1
        s.regionKnown.ensure(count, false); s.regionUnits.ensure(count, 0); s.regionHourBase.ensure(count, 0)
        s.regionHourCount.ensure(count, 0); s.regionHourValues.ensure(count, nil); s.regionSparse.ensure(count, -1)
        var use: FactorUse? = nil
        var detail: String? = nil
        // The result's total row is named TOTAL: a group of that name would read as a second one.
        if BatchTotals.isTotalName(name) {
            s.regionUses.append(nil)
            s.regionDetails.append("region '\(EchoedText.value(name))' has the name of the result's TOTAL row; rename it in the log")
            if c.period == .none { _ = newGroup(&s, region: r, bucket: 0) }
            s.map.insert(p, n, value: Int32(r))
            return r
        }
        switch c.factors {
        case let .annual(a):
            if let u = a.units[name] {
                s.regionKnown[r] = true
                s.regionUnits[r] = u
                use = a.uses[name]
            }
        case let .hourly(h):
            if let i = h.regionIndex(name) {
                s.regionKnown[r] = true
                s.regionHourBase[r] = h.firstHour[i]
                s.regionHourCount[r] = h.hourCount[i]
                s.regionHourValues[r] = UnsafePointer(h.values[i])
                if h.isSparse(i) { s.regionSparse[r] = Int32(i) }
                use = h.use(region: i)
            }
        case let .catalog(catalog, year):
            // An unknown name costs one look-up (no suggestions built), once per worker.
            if c.knownNames?.contains(name.trimmingSpaces.lowercased()) != false, let match = (try? catalog.resolveIfKnown(name)) ?? nil {
                if let factor = try? catalog.factor(for: match.zone, year: year),
                   let (u, _) = FixedPoint.factorUnits(NumberText.exact(factor.intensity.baseValue)) {
                    s.regionKnown[r] = true
                    s.regionUnits[r] = u
                    var zone = match.zone.id
                    if case let .cloudRegion(cr, _) = match { zone = "\(cr.provider):\(cr.region) -> \(zone)" }
                    use = FactorUse(region: name, value: "\(NumberText.exact(factor.intensity.baseValue)) g/kWh",
                                    origin: "\(zone) \(factor.year), \(factor.source.id) (\(factor.basisDescription))", source: factor.source.id)
                } else if let year {
                    let years = ((try? catalog.factors(for: match.zone)) ?? []).map(\.year)
                    detail = "region '\(EchoedText.value(name))' (zone \(match.zone.id)) has no bundled factor for \(year); years available: \(FactorCatalog.describeYears(years))"
                }
            }
        case let .single(u, zoneUse):
            s.regionKnown[r] = true
            s.regionUnits[r] = u
            use = FactorUse(region: name, value: zoneUse.value, origin: zoneUse.origin, source: zoneUse.source)
        }
        s.regionUses.append(use)
        s.regionDetails.append(detail)
        if c.period == .none {
            // One group per region.
            _ = newGroup(&s, region: r, bucket: 0)
        }
        s.map.insert(p, n, value: Int32(r))
        return r
    }

    /// The worker's sums as totals of the job `template` describes; its line numbers moved by
    /// `lineOffset`.
    func totals(lineOffset: Int, template: BatchTotals) -> BatchTotals {
        var t = template
        t.hasReportedMass = config.layout.reportedMass != nil
        t.hasMarket = config.market != nil
        let s = state
        t.rowsRead = s.rowsRead
        t.blankLines = s.blank
        t.roundedValues = s.rounded
        for kind in BatchRowProblem.allCases where s.problems[Self.kindIndex(kind)] > 0 {
            t.problems[kind] = s.problems[Self.kindIndex(kind)]
        }
        t.skippedEnergy = s.skipped.exact
        t.samples = s.samples.map { BatchRowError(file: config.file, line: $0.line + lineOffset, problem: $0.problem, detail: $0.detail) }
        for r in s.regionNames.indices { if let u = s.regionUses[r] { t.factors[s.regionNames[r]] = u } }
        if let market = config.market {
            for name in s.regionNames { if let u = market.uses[name] { t.marketFactors[name] = u } }
        }
        for g in 0..<s.groupCount where s.rows[g] > 0 {
            let r = Int(s.groupRegion[g])
            var key = BatchGroupKey(region: config.byRegion ? s.regionNames[r] : nil, period: nil)
            switch config.period {
            case .none: break
            case .day: key.period = TimeBytes.dayText(Int(s.groupBucket[g]))
            case .month: key.period = TimeBytes.monthText(Int(s.groupBucket[g]))
            }
            var sums = BatchGroupSums()
            sums.rows = s.rows[g]
            sums.energy = s.energy[g].exact
            if config.hourly != nil {
                sums.grams = ExactSum(limbs: (s.grams0[g], s.grams1[g], s.grams2[g], s.grams3[g], 0, 0))
            } else {
                sums.grams = sums.energy.multiplied(by: s.regionUnits[r])
            }
            if let market = config.market {
                if let u = market.units[s.regionNames[r]] {
                    sums.marketGrams = sums.energy.multiplied(by: u)
                    sums.marketEnergy = sums.energy
                } else {
                    sums.marketGrams = sums.grams
                }
            }
            sums.reportedMass = s.reported[g].exact
            t.groups[key, default: BatchGroupSums()] += sums
        }
        return t
    }
}
