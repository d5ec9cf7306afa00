#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a Monte Carlo evaluation runs.
public struct MonteCarloSettings: Sendable, Hashable {
    /// Number of samples (draws of every sampled input).
    package var samples: Int
    /// Seed of the generator (`Xoshiro256PlusPlus`). Same seed, same numbers, whatever the
    /// number of threads.
    package var seed: UInt64
    /// Threads that draw and evaluate samples.
    package var threads: Int
    /// Percentiles to report, 0 to 100.
    package var percents: [Double]
    /// How many of the first samples keep every variable's value: the input contributions
    /// (rank correlations) and the spreads of inputs and intermediate steps are read from them;
    /// outputs use every sample.
    package var keptSamples: Int
    /// The most memory, in bytes, one evaluation may allocate for its samples; a run that would
    /// need more is refused before anything is allocated (`MonteCarlo.checkMemory`).
    package var memoryLimit: Int
    /// Bins of the outputs' histograms (`Percentiles.histogram`); 0, the default, counts none.
    package var histogramBins = 0

    @usableFromInline package static let defaultSamples = 100_000
    @usableFromInline package static let defaultSeed: UInt64 = 42
    @usableFromInline package static let defaultPercents: [Double] = [5, 50, 95]
    /// 16,384: a rank correlation from that many samples is within about 0.008 (one standard
    /// error, at most 1/sqrt(n)) of the one from every sample, enough to order the inputs.
    @usableFromInline package static let defaultKeptSamples = 16_384
    package static let maximumSamples = 200_000_000
    package static let maximumThreads = 64
    /// 4 GiB: the sample buffers of one evaluation. 2e8 samples of one figure (1.6 GB) fit; a
    /// projection to 2100 with 2e8 samples (about 250 GB) does not. A convention of co2e's, not
    /// a measured quantity: raise it with `memoryLimit` on a machine with more memory.
    @usableFromInline package static let defaultMemoryLimit = 4 << 30

    /// The cores this machine has online (at least 1, at most `maximumThreads`).
    @usableFromInline package static var availableCores: Int {
        Swift.min(maximumThreads, Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// Settings for a Monte Carlo run: how many samples, the seed (one seed gives the same
    /// result on every machine and thread count), threads, the percentiles reported, how many
    /// samples are kept for sensitivity, and the most memory a run may take.
    public init(samples: Int = defaultSamples, seed: UInt64 = defaultSeed, threads: Int = availableCores,
                percents: [Double] = defaultPercents, keptSamples: Int = defaultKeptSamples,
                memoryLimit: Int = defaultMemoryLimit) {
        self.samples = samples
        self.memoryLimit = memoryLimit
        self.seed = seed
        self.threads = threads
        self.percents = percents
        self.keptSamples = keptSamples
    }

    /// Checks the settings.
    ///
    /// - Throws: `CO2eError.invalidInput` naming `samples`, `threads` or `percentiles`.
    package func validate() throws {
        guard samples >= 1, samples <= Self.maximumSamples else {
            throw CO2eError(.invalidInput, samples < 1 ? "must be at least 1" : "is more than co2e samples at once",
                            field: "samples", value: "\(samples)", accepted: "a whole number from 1 to 200,000,000 (2e8), such as 1e5")
        }
        guard threads >= 1, threads <= Self.maximumThreads else {
            throw CO2eError(.invalidInput, "is not a number of threads co2e runs", field: "threads", value: "\(threads)",
                            accepted: "1 to \(Self.maximumThreads)")
        }
        guard !percents.isEmpty, percents.allSatisfy({ $0 >= 0 && $0 <= 100 }) else {
            throw CO2eError(.invalidInput, "must be percentiles from 0 to 100", field: "percentiles",
                            value: percents.map { NumberText.format($0, significantDigits: 6) }.joined(separator: ","), accepted: "numbers from 0 to 100, such as 5,50,95")
        }
    }
}

/// What a Monte Carlo evaluation found besides the spreads: its settings and, for each output,
/// how much each sampled input drives its spread.
public struct MonteCarloSummary: Sendable {
    /// An input's share in an output's spread.
    public struct Contribution: Sendable, Hashable {
        /// The input's formula key.
        public let input: String
        /// The output's formula key.
        package let output: String
        /// Spearman's rank correlation between the input's and the output's draws (-1 to 1).
        package let rankCorrelation: Double
        /// rho² over the sum of every input's rho² for this output: the input's share of the
        /// spread (exact for a sum of independent monotone terms, a guide otherwise).
        public let varianceShare: Double
    }

    package let settings: MonteCarloSettings
    /// The threads that ran (no more than blocks of samples).
    package let threadsUsed: Int
    /// The samples contributions and the spreads of inputs and steps were read from.
    package let keptSamples: Int
    /// Formula keys of the outputs summarised from every sample.
    package let outputs: [String]
    /// Every sampled input's contribution to every output, largest share first per output.
    public let contributions: [Contribution]

    /// The contributions to one output, largest first.
    package func contributions(to output: String) -> [Contribution] { contributions.filter { $0.output == output } }
}

/// Monte Carlo evaluation of any `Formula`: every input that is not exact is drawn (bounds as
/// uniform, distributions as themselves), the formula's own code runs once per sample on a
/// reused `Values` (no copy of the arithmetic), and the outputs are summarised as numpy would:
/// mean, standard deviation and linear-interpolation percentiles.
///
/// Samples are drawn in blocks of `blockSize`; block b draws from the generator seeded with
/// `seed` and jumped b times (2^128 outputs apart), each sampled input filling its block in
/// formula order. Threads take blocks in turn and write their outputs in place; per-block sums
/// are merged in block order. So a seed gives the same numbers for any thread count.
///
/// Memory: one array of `samples` doubles per output, plus `keptSamples` values of every
/// variable, plus a block of draws per thread.
package enum MonteCarlo {
    /// Samples per block (the unit of the generator's streams: part of what a seed means).
    package static let blockSize = 4096

    /// Evaluates `formula` by sampling; `outputs` (variable indices) are summarised from every
    /// sample, every other variable from the kept samples (exact when it does not vary).
    ///
    /// - Throws: `CO2eError.invalidInput` for bad settings (`samples`, `threads`, `percentiles`).
    package static func evaluate(_ formula: Formula, outputs: [Int], settings: MonteCarloSettings) throws -> Evaluation {
        try settings.validate()
        try checkMemory(formula, outputs: outputs, settings: settings)
        let slots = formula.slots
        let n = settings.samples
        let blocks = (n + blockSize - 1) / blockSize
        let threads = Swift.min(settings.threads, blocks)
        let kept = Swift.min(settings.keptSamples, n)
        let outputs = Array(Set(outputs)).sorted()
        // Every ranged input is drawn: one without a shape would be held at its lower end and
        // the figures would look exact where they are not.
        if let held = slots.first(where: { $0.given.map { !$0.isPoint } == true && $0.distribution == nil }) {
            throw CO2eError(.invalidInput, "is a range that sampling cannot draw (it has no distribution); give it as one value or evaluate its ends without sampling",
                            field: held.key)
        }
        let sampled = slots.indices.filter { slots[$0].distribution != nil }
        let shapes = sampled.map { slots[$0].distribution! }

        let work = Work(outputs: outputs.count, samples: n, blocks: blocks, kept: kept, slots: slots.count)
        defer { work.release() }
        let base = Xoshiro256PlusPlus(seed: settings.seed)
        // The steps as one closure: calling it retains nothing, where iterating an array of
        // closures retains and releases each one per sample.
        let steps = formula.stepsForRun
        let runAll: @Sendable (inout Values) -> Void = steps.count == 1 ? steps[0] : steps.dropFirst().reduce(steps.first ?? { _ in }) { previous, step in
            { v in previous(&v); step(&v) }
        }
        let (sampledIndex, outputIndex) = (sampled, outputs)
        let start = formula.startingValues()
        let B = blockSize
        // Each block's stream, the seed's jumped once per block before it (about a microsecond
        // a jump); threads then take the next block from a shared counter, so a thread the
        // system holds back takes fewer blocks, and the numbers stay the same.
        var streams = [Xoshiro256PlusPlus]()
        streams.reserveCapacity(blocks)
        var g = base
        for _ in 0..<blocks { streams.append(g); g.jump() }
        let blockStreams = streams
        let next = BlockCounter()
        parallel(threads) { _ in
            var values = start.copy()
            let draws = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, sampled.count) * B)
            defer { draws.deallocate() }
            while true {
                let b = next.take()
                guard b < blocks else { break }
                let first = b * B
                let count = Swift.min(B, n - first)
                var stream = blockStreams[b]
                for (j, shape) in shapes.enumerated() { Sampler.fill(draws + j * B, count, shape, &stream) }
                sampledIndex.withUnsafeBufferPointer { sampledIndex in
                    outputIndex.withUnsafeBufferPointer { outputIndex in
                        for i in 0..<count {
                            for j in 0..<sampledIndex.count { values[raw: sampledIndex[j]] = draws[j * B + i] }
                            runAll(&values)
                            for o in 0..<outputIndex.count { work.out[o * n + first + i] = values[raw: outputIndex[o]] }
                            if first + i < kept {
                                for s in 0..<work.slotCount { work.kept[s * kept + first + i] = values[raw: s] }
                            }
                        }
                    }
                }
                for o in outputs.indices {
                    let p = work.out + o * n + first
                    var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
                    for i in 0..<count { let x = p[i]; sum += x; lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
                    let mean = sum / Double(count)
                    var m2 = 0.0
                    for i in 0..<count { let d = p[i] - mean; m2 += d * d }
                    work.blockMean[o * blocks + b] = mean
                    work.blockM2[o * blocks + b] = m2
                    // NaN is kept: min/max would skip it.
                    work.blockMin[o * blocks + b] = sum.isNaN ? .nan : lo
                    work.blockMax[o * blocks + b] = sum.isNaN ? .nan : hi
                }
            }
        }

        // Outputs: every sample.
        var spreads = [Spread](repeating: .exact(.nan), count: slots.count)
        for (o, k) in outputs.enumerated() {
            var count = 0.0, mean = 0.0, m2 = 0.0, lowest = Double.infinity, highest = -Double.infinity
            for b in 0..<blocks {
                let (l, h) = (work.blockMin[o * blocks + b], work.blockMax[o * blocks + b])
                lowest = l.isNaN || lowest.isNaN ? .nan : Swift.min(lowest, l)
                highest = h.isNaN || highest.isNaN ? .nan : Swift.max(highest, h)
                let nb = Double(Swift.min(B, n - b * B))
                let mb = work.blockMean[o * blocks + b]
                let delta = mb - mean
                let total = count + nb
                mean += delta * nb / total
                m2 += work.blockM2[o * blocks + b] + delta * delta * count * nb / total
                count = total
            }
            // A figure no input moves is exact, as a fixed run gives it.
            if lowest == highest { spreads[k] = .exact(lowest); continue }
            let sd = n > 1 ? (m2 / Double(n - 1)).squareRoot() : 0
            let histogram = settings.histogramBins > 0
                ? Percentiles.Histogram(UnsafeBufferPointer(start: work.out + o * n, count: n), bins: settings.histogramBins,
                                        mean: mean, sd: sd, lowest: lowest, highest: highest) : nil
            let values = Selection.percentiles(work.out + o * n, count: n, settings.percents, threads: settings.threads,
                                               lowest: lowest, highest: highest)
            spreads[k] = .percentiles(Percentiles(samples: n, mean: mean, standardDeviation: sd,
                                                  values: zip(settings.percents, values).map { .init(percent: $0.0, value: $0.1) }.sorted { $0.percent < $1.percent },
                                                  histogram: histogram))
        }
        // Every other variable: the kept samples.
        func column(_ s: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: work.kept + s * kept, count: kept) }
        func varies(_ s: Int) -> Bool { let c = column(s); return c.contains { $0 != c[0] } }
        // Without kept samples only the outputs are summarised; inputs show what was given.
        for s in slots.indices where !outputs.contains(s) && kept == 0 {
            spreads[s] = slots[s].given.map { Spread($0) } ?? .exact(.nan)
        }
        // Percentiles of the other varying variables, and the ranks for the contributions: one
        // job per column, shared among the threads.
        let summarised = kept > 0 ? slots.indices.filter { !outputs.contains($0) } : []
        let inputs = kept > 1 ? sampled.filter(varies) : []
        let rankedOutputs = kept > 1 ? outputs.filter(varies) : []
        let ranked = inputs + rankedOutputs
        let jobs = summarised.count + ranked.count
        let results = ColumnResults(jobs)
        let percents = settings.percents
        parallel(Swift.min(settings.threads, Swift.max(1, jobs))) { t in
            var j = t
            while j < jobs {
                if j < summarised.count {
                    let c = UnsafeBufferPointer(start: work.kept + summarised[j] * kept, count: kept)
                    results.spreads[j] = c.contains { $0 != c[0] } ? .percentiles(Percentiles(of: Array(c), at: percents)) : .exact(c[0])
                } else {
                    let s = ranked[j - summarised.count]
                    results.ranks[j] = ranks(UnsafeBufferPointer(start: work.kept + s * kept, count: kept))
                }
                j += Swift.min(settings.threads, Swift.max(1, jobs))
            }
        }
        for (j, s) in summarised.enumerated() { spreads[s] = results.spreads[j] }
        // Contributions: Spearman's rho of each varying input with each varying output.
        var contributions: [MonteCarloSummary.Contribution] = []
        for (o, k) in rankedOutputs.enumerated() {
            let r = results.ranks[summarised.count + inputs.count + o]
            let rhos = inputs.indices.map { pearson(results.ranks[summarised.count + $0], r) }
            let total = rhos.reduce(0) { $0 + $1 * $1 }
            contributions += zip(inputs, rhos).map {
                .init(input: slots[$0.0].key, output: slots[k].key, rankCorrelation: $0.1, varianceShare: total > 0 ? $0.1 * $0.1 / total : 0)
            }.sorted { $0.varianceShare > $1.varianceShare }
        }
        let summary = MonteCarloSummary(settings: settings, threadsUsed: threads, keptSamples: kept,
                                        outputs: outputs.map { slots[$0].key }, contributions: contributions)
        return Evaluation(slots: slots, spreads: spreads, evaluations: n, sweptInputs: [], monteCarlo: summary)
    }

    /// The bytes an evaluation of `formula` would allocate: every sample of each output, the
    /// kept samples of every variable, each thread's block of draws and its ranks, and the
    /// per-block sums. Saturates at `Int.max`.
    package static func memoryNeeded(_ formula: Formula, outputs: [Int], settings: MonteCarloSettings) -> Int {
        let slots = formula.slots
        let sampled = slots.filter { $0.distribution != nil }.count
        return memoryNeeded(slots: slots.count, sampledInputs: sampled, outputs: Set(outputs).count, settings: settings)
    }

    static func memoryNeeded(slots: Int, sampledInputs: Int, outputs: Int, settings: MonteCarloSettings) -> Int {
        let n = Double(Swift.max(0, settings.samples)), b = Double(blockSize)
        let kept = Swift.min(Double(Swift.max(0, settings.keptSamples)), n)
        let threads = Double(Swift.max(1, settings.threads))
        let blocks = (n / b).rounded(.up)
        var bytes = 8 * Double(outputs) * n                                  // every sample of each output
        bytes += 8 * kept * Double(slots)                                    // kept samples of every variable
        bytes += 32 * Double(outputs) * blocks + 32 * blocks                 // block sums and streams
        bytes += threads * 8 * (Double(Swift.max(1, sampledInputs)) * b + Double(slots)) // draws and values
        bytes += 8 * kept * Double(sampledInputs + outputs)                  // ranks
        bytes += threads * 32 * kept                                         // a column being ranked or sorted
        return bytes >= Double(Int.max) ? Int.max : Int(bytes)
    }

    /// Refuses an evaluation that would need more than `settings.memoryLimit` bytes, before
    /// anything is allocated: one rule for every sampled estimate.
    ///
    /// - Throws: `CO2eError.invalidInput` (code `resource_limit`, field `samples`) saying how
    ///   much the run would need, the limit, and how many samples would fit.
    package static func checkMemory(_ formula: Formula, outputs: [Int], settings: MonteCarloSettings) throws {
        let slots = formula.slots.count
        let sampled = formula.slots.filter { $0.distribution != nil }.count
        let outputs = Set(outputs).count
        let needed = memoryNeeded(slots: slots, sampledInputs: sampled, outputs: outputs, settings: settings)
        guard needed > settings.memoryLimit else { return }
        // The most samples that fit: memory grows linearly with the samples past the kept ones.
        var fit = settings
        var lo = 0, hi = settings.samples
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            fit.samples = mid
            if memoryNeeded(slots: slots, sampledInputs: sampled, outputs: outputs, settings: fit) <= settings.memoryLimit { lo = mid } else { hi = mid - 1 }
        }
        // Shown rounded down to three digits, so the number shown fits too.
        let step = lo >= 1 ? pow(10, (log10(Double(lo))).rounded(.down) - 2) : 1
        let shown = Swift.max(1, ((Double(lo) / step).rounded(.down) * step))
        let accepted = lo >= 1
            ? "at most \(NumberText.format(shown, significantDigits: 3)) samples for this run"
            : "a smaller run: fewer figures (years, regions) than \(slots) variables"
        throw CO2eError(.invalidInput, "would need about \(bytesText(needed)) of memory for \(NumberText.format(Double(outputs), significantDigits: 12)) figures of \(NumberText.format(Double(slots), significantDigits: 12)) variables, more than the \(bytesText(settings.memoryLimit)) co2e allows",
                        code: .resourceLimit, field: "samples", value: "\(settings.samples)", accepted: accepted)
    }

    /// `4 GiB`, `246 GiB`, `512 MiB`.
    static func bytesText(_ bytes: Int) -> String {
        let x = Double(bytes)
        if x >= Double(1 << 30) { return NumberText.format(x / Double(1 << 30), significantDigits: 3) + " GiB" }
        return NumberText.format(x / Double(1 << 20), significantDigits: 3) + " MiB"
    }

    /// `evaluate` with one output.
    package static func evaluate<D>(_ formula: Formula, output: Variable<D>, settings: MonteCarloSettings) throws -> Evaluation {
        try evaluate(formula, outputs: [output.index], settings: settings)
    }

    /// Ranks from 1 to n, ties sharing their average rank.
    static func ranks(_ x: UnsafeBufferPointer<Double>) -> [Double] {
        var order = (0..<x.count).map { (value: x[$0], index: Int32($0)) }
        order.withUnsafeMutableBufferPointer { Selection.sort($0) { $0.value < $1.value } }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && order[j + 1].value == order[i].value { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i...j { r[Int(order[k].index)] = average }
            i = j + 1
        }
        return r
    }

    /// Pearson's correlation of two equally long series.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            let (da, db) = (a[i] - ma, b[i] - mb)
            sab += da * db; saa += da * da; sbb += db * db
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
    }

    /// Runs `body(t)` for t in 0..<count, on `count` threads (POSIX threads: no Dispatch or
    /// Foundation to load at start-up); the calling thread runs t = 0.
    static func parallel(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else { body(0); return }
        #if canImport(Glibc)
        var started: [pthread_t] = []
        for t in 1..<count {
            let box = Unmanaged.passRetained(ThreadBody { body(t) }).toOpaque()
            var id = pthread_t()
            if pthread_create(&id, nil, { p in
                Unmanaged<ThreadBody>.fromOpaque(p!).takeRetainedValue().run()
                return nil
            }, box) == 0 {
                started.append(id)
            } else {
                Unmanaged<ThreadBody>.fromOpaque(box).takeRetainedValue().run()
            }
        }
        body(0)
        for id in started { pthread_join(id, nil) }
        #else
        for t in 0..<count { body(t) }
        #endif
    }
}

/// The next block to sample, shared by the threads (a mutex: taken once per 4,096 samples).
private final class BlockCounter: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var next = 0
    init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }
    func take() -> Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        next += 1
        return next - 1
    }
}

/// Per-column results; each thread writes only its own jobs' slots.
private final class ColumnResults: @unchecked Sendable {
    let spreads: UnsafeMutablePointer<Spread>
    let ranks: UnsafeMutablePointer<[Double]>
    let count: Int
    init(_ n: Int) {
        count = n
        spreads = .allocate(capacity: Swift.max(1, n))
        spreads.initialize(repeating: .exact(.nan), count: Swift.max(1, n))
        ranks = .allocate(capacity: Swift.max(1, n))
        ranks.initialize(repeating: [], count: Swift.max(1, n))
    }
    deinit {
        spreads.deinitialize(count: Swift.max(1, count)); spreads.deallocate()
        ranks.deinitialize(count: Swift.max(1, count)); ranks.deallocate()
    }
}

private final class ThreadBody: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// The buffers threads share; each thread writes only its own blocks' parts.
private final class Work: @unchecked Sendable {
    let out: UnsafeMutablePointer<Double>
    let kept: UnsafeMutablePointer<Double>
    let blockMean: UnsafeMutablePointer<Double>
    let blockM2: UnsafeMutablePointer<Double>
    let blockMin: UnsafeMutablePointer<Double>
    let blockMax: UnsafeMutablePointer<Double>
    let slotCount: Int

    init(outputs: Int, samples: Int, blocks: Int, kept: Int, slots: Int) {
        out = .allocate(capacity: Swift.max(1, outputs * samples))
        self.kept = .allocate(capacity: Swift.max(1, kept * slots))
        blockMean = .allocate(capacity: Swift.max(1, outputs * blocks))
        blockM2 = .allocate(capacity: Swift.max(1, outputs * blocks))
        blockMin = .allocate(capacity: Swift.max(1, outputs * blocks))
        blockMax = .allocate(capacity: Swift.max(1, outputs * blocks))
        slotCount = slots
    }

    func release() {
        out.deallocate(); kept.deallocate(); blockMean.deallocate(); blockM2.deallocate(); blockMin.deallocate(); blockMax.deallocate()
    }
}
