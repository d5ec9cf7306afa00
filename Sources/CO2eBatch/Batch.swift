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
        public var factors: BatchFactors
        /// The PUE as decimal text (`1.2`): applied to the exact sums at the end.
        public var pue: String
        /// `region`, `day`, `month` (not both day and month).
        public var grouping: [String]
        /// Threads per input file (1 or more).
        public var threads: Int
        /// Market-based factors per region (supplier-specific, contractual instruments or a
        /// residual mix): when given, a market-based figure is summed beside the location-based
        /// one; regions without one keep their location-based grams, and the energy that does
        /// is counted.
        public var market: AnnualFactors?
        /// Bytes of a file mapped at a time per thread (tests make it small to cross windows).
        var window = LineBlocks.windowSize

        public init(factors: BatchFactors, pue: String = "1", grouping: [String] = ["region"], threads: Int = 1,
                    market: AnnualFactors? = nil) {
            self.factors = factors
            self.pue = pue
            self.grouping = grouping
            self.threads = threads
            self.market = market
        }
    }

    /// The groupings a job accepts.
    public static let groupings = ["region", "day", "month"]

    /// Checks a grouping list: known names, no repeats, not both day and month.
    ///
    /// - Throws: `CO2eError.invalidInput` on field `by`.
    public static func checkGrouping(_ names: [String]) throws {
        guard !names.isEmpty else { throw CO2eError(.invalidInput, "is empty", field: "by", accepted: groupings.joined(separator: ", ")) }
        for n in names where !groupings.contains(n) {
            throw CO2eError(.invalidInput, "is not a grouping", field: "by", value: n, accepted: "region, day, month, or a comma-separated combination such as region,month")
        }
        guard Set(names).count == names.count else { throw CO2eError(.invalidInput, "names a grouping twice", field: "by", value: names.joined(separator: ",")) }
        if names.contains("day") && names.contains("month") {
            throw CO2eError(.invalidInput, "groups by day and by month at once; give one", field: "by", value: names.joined(separator: ","))
        }
    }

    /// Runs `job` over every input and returns the exact totals.
    ///
    /// - Throws: `CO2eError` for a bad PUE or grouping, an input without the needed columns,
    ///   or a read error. Bad rows are not thrown: they are in the totals.
    public static func run(_ inputs: [BatchInput], _ job: Job) throws -> BatchTotals {
        try checkGrouping(job.grouping)
        guard let (pm, _) = FixedPoint.decimal(job.pue), pm > 0 else {
            throw CO2eError(.invalidInput, "is not a PUE", field: "pue", value: job.pue, accepted: "a decimal of 1 or more, such as 1.2")
        }
        var totals = BatchTotals(mode: job.factors.mode, pue: job.pue, grouping: job.grouping)
        totals.hasMarket = job.market != nil
        for input in inputs {
            try totals.merge(runOne(input, job))
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

    private static func runOne(_ input: BatchInput, _ job: Job) throws -> BatchTotals {
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
        let config = BatchConfig(layout: layout, factors: job.factors, hourly: hourly, period: period,
                                 byRegion: job.grouping.contains("region"), file: input.name, market: job.market)

        // Split at line starts: thread k reads the lines that start in [bounds[k], bounds[k+1]).
        var bounds = [header.dataStart]
        let threads = input.splittable ? max(1, job.threads) : 1
        let size = input.size
        if let size, threads > 1, size - header.dataStart > 1 << 16 {
            for k in 1..<threads {
                let raw = header.dataStart + (size - header.dataStart) * k / threads
                bounds.append(max(bounds.last!, LineBlocks.lineStart(reader, atOrAfter: raw, end: size)))
            }
        }
        let ends: [Int?] = bounds.indices.map { $0 + 1 < bounds.count ? bounds[$0 + 1] : size }
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
        var totals = BatchTotals(mode: job.factors.mode, pue: job.pue, grouping: job.grouping)
        totals.hasReportedMass = layout.reportedMass != nil
        totals.hasMarket = job.market != nil
        var linesBefore = 1
        for w in workers {
            if let error = w.error { throw error }
            try totals.merge(w.totals(lineOffset: linesBefore, pue: job.pue, grouping: job.grouping))
            linesBefore += w.state.lines
        }
        return totals
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
        func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
        columns = names.count
        timestamp = column(["timestamp", "time", "datetime"])
        if let e = column(["energy_consumed"]), let m = column(["emissions"]), let c = column(["country_iso_code"]) {
            energy = e
            reportedMass = m
            region = c
            cloudProvider = column(["cloud_provider"])
            cloudRegion = column(["cloud_region"])
            return
        }
        guard let e = column(["kwh", "energy_kwh"]), let r = column(["region", "zone"]) else {
            throw CO2eError(.invalidData, "has no region and kwh columns in its header", value: header.joined(separator: ","),
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
    var skipped: UInt128 = 0
    var samples: [(line: Int, problem: BatchRowProblem, detail: String)] = []

    // Regions, by the worker's own index.
    var regionNames: [String] = []
    var regionKnown = RawColumn<Bool>(false)
    var regionUnits = RawColumn<UInt64>(0)
    var regionHourBase = RawColumn<Int64>(0)
    var regionHourCount = RawColumn<Int>(0)
    var regionHourValues = RawColumn<UnsafePointer<UInt64>?>(nil)
    var regionUses: [FactorUse?] = []

    // Accumulators, by group index (= region index when not grouping by time).
    var groupCount = 0
    var groupIndex: [UInt64: Int] = [:]
    var groupRegion = RawColumn<Int32>(0)
    var groupBucket = RawColumn<Int32>(0)
    var rows = RawColumn<UInt64>(0)
    var energy = RawColumn<UInt128>(0)
    var grams0 = RawColumn<UInt64>(0)
    var grams1 = RawColumn<UInt64>(0)
    var grams2 = RawColumn<UInt64>(0)
    var reported = RawColumn<UInt128>(0)

    // The last timestamp read (rows in time order repeat it).
    var lastStamp0: UInt64 = 0
    var lastStamp1: UInt64 = 0
    var lastStamp2: UInt32 = 0
    var lastHour: Int64 = Int64.min
    var lastDay = Int.min
    var stampCached = false

    func free() {
        fields.free()
        regionKnown.free(); regionUnits.free(); regionHourBase.free(); regionHourCount.free(); regionHourValues.free()
        groupRegion.free(); groupBucket.free(); rows.free(); energy.free(); grams0.free(); grams1.free(); grams2.free(); reported.free()
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
            }
        } catch let e as CO2eError {
            error = e
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
                problem(&s, .badNumber, "kwh '\(text(ep, en))' is not a number")
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
                s.skipped += kwh
                let name = s.regionNames[region]
                problem(&s, .unknownRegion, rn == 0 ? "the region is empty" : "region '\(EchoedText.value(name))' has no factor in \(describeFactors(c))")
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
                        if let d = TimeBytes.day(tp, tn) { day = d }
                    }
                    if (hourlyMode && hour == Int64.min) || (c.period != .none && day == Int.min) {
                        s.skipped += kwh
                        problem(&s, .badTimestamp, "timestamp '\(text(tp, tn))' is not an ISO 8601 time\(hourlyMode ? " with an offset (2025-01-01T00:00:00Z)" : "")")
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
                    guard k >= 0 && k < Int64(s.regionHourCount[region]),
                          case let f = s.regionHourValues[region]![Int(k)], f != HourlyFactors.missing else {
                        s.skipped += kwh
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
                    s.skipped += kwh
                    problem(&s, .badNumber, "emissions '\(text(mp, mn))' is not a number of kg")
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
            s.energy[g] += kwh
            if hourlyMode {
                let lo = UInt64(truncatingIfNeeded: kwh), hi = UInt64(truncatingIfNeeded: kwh >> 64)
                let (h1, l1) = lo.multipliedFullWidth(by: units)
                let (h2, l2) = hi.multipliedFullWidth(by: units)
                var carry: UInt64
                (s.grams0[g], carry) = addWithCarry(s.grams0[g], l1, 0)
                let (mid, o) = h1.addingReportingOverflow(l2)
                (s.grams1[g], carry) = addWithCarry(s.grams1[g], mid, carry)
                s.grams2[g] = s.grams2[g] + h2 + carry + (o ? 1 : 0)
            }
            if layout.reportedMass != nil { s.reported[g] &+= reportedMass }
        }
    }

    static func describeFactors(_ c: BatchConfig) -> String {
        switch c.factors {
        case let .annual(a): return a.origin
        case let .hourly(h): return h.origin
        case .catalog: return "the bundled tables"
        }
    }

    static func newGroup(_ s: inout WorkerState, region: Int, bucket: Int32) -> Int {
        let g = s.groupCount
        s.groupCount += 1
        let n = s.groupCount
        s.groupRegion.ensure(n, 0); s.groupBucket.ensure(n, 0)
        s.rows.ensure(n, 0); s.energy.ensure(n, 0); s.grams0.ensure(n, 0); s.grams1.ensure(n, 0); s.grams2.ensure(n, 0)
        s.reported.ensure(n, 0)
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
        s.regionHourCount.ensure(count, 0); s.regionHourValues.ensure(count, nil)
        var use: FactorUse? = nil
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
                use = h.use(region: i)
            }
        case let .catalog(catalog, year):
            if !name.trimmingSpaces.isEmpty, let (match, factor) = try? catalog.factor(for: name, year: year),
               let (u, _) = FixedPoint.factorUnits(NumberText.exact(factor.intensity.baseValue)) {
                s.regionKnown[r] = true
                s.regionUnits[r] = u
                var zone = match.zone.id
                if case let .cloudRegion(cr, _) = match { zone = "\(cr.provider):\(cr.region) -> \(zone)" }
                use = FactorUse(region: name, value: "\(NumberText.exact(factor.intensity.baseValue)) g/kWh",
                                origin: "\(zone) \(factor.year), \(factor.source.id) (\(factor.basisDescription))", source: factor.source.id)
            }
        }
        s.regionUses.append(use)
        if c.period == .none {
            // One group per region.
            _ = newGroup(&s, region: r, bucket: 0)
        }
        s.map.insert(p, n, value: Int32(r))
        return r
    }

    /// The worker's sums as totals; its line numbers moved by `lineOffset`.
    func totals(lineOffset: Int, pue: String, grouping: [String]) -> BatchTotals {
        var t = BatchTotals(mode: config.factors.mode, pue: pue, grouping: grouping)
        t.hasReportedMass = config.layout.reportedMass != nil
        t.hasMarket = config.market != nil
        let s = state
        t.rowsRead = s.rowsRead
        t.blankLines = s.blank
        t.roundedValues = s.rounded
        for kind in BatchRowProblem.allCases where s.problems[Self.kindIndex(kind)] > 0 {
            t.problems[kind] = s.problems[Self.kindIndex(kind)]
        }
        t.skippedEnergy = ExactSum(high: UInt64(truncatingIfNeeded: s.skipped >> 64), low: UInt64(truncatingIfNeeded: s.skipped))
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
            let e = s.energy[g]
            sums.energy = ExactSum(high: UInt64(truncatingIfNeeded: e >> 64), low: UInt64(truncatingIfNeeded: e))
            if config.hourly != nil {
                sums.grams = ExactSum(limbs: (s.grams0[g], s.grams1[g], s.grams2[g], 0))
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
            let m = s.reported[g]
            sums.reportedMass = ExactSum(high: UInt64(truncatingIfNeeded: m >> 64), low: UInt64(truncatingIfNeeded: m))
            t.groups[key, default: BatchGroupSums()] += sums
        }
        return t
    }
}
