#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import CO2eKit

/// `co2e batch`: energy logs through annual or hourly grid factors, exact sums per group.
struct BatchCommand: Command {
    static let name = "batch"
    static let abstract = "Energy logs (timestamp, region, kWh; or CodeCarbon's emissions.csv) through annual or hourly grid factors, summed exactly per group."
    static let discussion = """
    FILES:
      Logs: CSV with timestamp, region (or zone) and kwh columns, any order, more columns ignored;
            or a CodeCarbon emissions.csv (energy_consumed, emissions, country_iso_code,
            cloud_provider, cloud_region, timestamp), re-estimated and shown beside its own figure.
      --factors: CSV region,g_per_kwh.  --hourly-factors: CSV region,timestamp,g_per_kwh (each
            timestamp the start of its hour, ISO 8601 with an offset).
      --market-factors: CSV region,g_per_kwh of each region's market-based factor (supplier,
            contract or residual mix); the result gains a market-based column.
      Sums are exact (integers: kWh to 1e-18, g/kWh to 1e-6), so threads, row order and partial
      results merged in any order all give the same figures, bit for bit.

    BAD ROWS:
      A row with the wrong number of fields, a number that cannot be read, negative kWh, a
      region without a factor, or a time outside the hourly factors is counted by kind with its
      line (the first 20 in full). --on-error fail (default) reports them and exits 1;
      --on-error skip leaves them out and says how many rows and kWh were skipped.

    EXAMPLES:
      co2e batch workload.csv --factors factors_annual.csv --pue 1.2 --out result.csv
      co2e batch workload.csv --hourly-factors factors_hourly.csv --pue 1.2 --out result.csv
      co2e batch emissions.csv --grid bundled --by region,month --json
      co2e batch part-*.csv --factors f.csv --partial > parts.jsonl && co2e batch --merge parts.jsonl
    """

    static let positionals = [Positional(name: "FILE...", help: "Log files (CSV; '-' reads standard input). With --merge: partial results (JSON lines).",
                                         optional: true, variadic: true)]

    static let factors = Option<String>("factors", "FILE", "Annual factors: CSV region,g_per_kwh.")
    static let hourlyFactors = Option<String>("hourly-factors", "FILE", "Hourly factors: CSV region,timestamp,g_per_kwh.")
    static let marketFactors = Option<String>("market-factors", "FILE", "Market-based factors per region (CSV region,g_per_kwh: supplier-specific, contractual instruments or residual mix): adds a market-based figure beside the location-based one.")
    static let grid = Option<String>("grid", "bundled", "Use co2e's bundled factors: each region (zone, country, cloud region) resolved once.") { text in
        guard text.lowercased() == "bundled" else {
            throw CO2eError(.invalidInput, "is not a factor source for batch", value: text, accepted: "bundled (or give --factors / --hourly-factors FILE)")
        }
        return text
    }
    static let year = Option<Int>("year", "YEAR", "With --grid bundled: the factors' year (default: each zone's newest).") { try Year.parse($0) }
    static let pue = Option<String>("pue", "PUE", "Power usage effectiveness applied to every row (default 1: the kWh are facility energy).") { text in
        guard let (m, s) = FixedPoint.decimal(trim(text)), m > 0, Double(trim(text)).map({ $0 >= 1 && $0 <= 10 }) == true, s <= 6 else {
            throw CO2eError(.invalidInput, "is not a PUE", value: text, accepted: "a decimal from 1 to 10 with at most 6 decimals, such as 1.2")
        }
        return trim(text)
    }
    static let by = Option<[String]>("by", "GROUPS", "Group by region (default), day, month, or a combination such as region,month.") { text in
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { trim(String($0)).lowercased() }
        try Batch.checkGrouping(names)
        return names
    }
    static let threads = Option<Int>("threads", "N", "Threads per file (default: the processors online).") { text in
        guard let n = Int(text), (1...256).contains(n) else {
            throw CO2eError(.invalidInput, "is not a thread count", value: text, accepted: "a whole number from 1 to 256")
        }
        return n
    }
    static let onError = Option<String>("on-error", "fail|skip", "A row that cannot be used: fail (default: report and exit 1) or skip (leave it out, count it).") { text in
        guard ["fail", "skip"].contains(text) else {
            throw CO2eError(.invalidInput, "is not a way to handle bad rows", value: text, accepted: "fail, skip")
        }
        return text
    }
    static let out = Option<String>("out", "FILE", "Write the result CSV (groups, kg_co2e, TOTAL row; or the partial results) to FILE, atomically.")
    static let partial = Flag("partial", "Print partial results (exact per-group sums and counts, JSON lines) for a later --merge.")
    static let merge = Flag("merge", "Merge partial results (the FILEs) into one result, bit for bit as one run over all their input.")

    static var options: [any OptionDeclaration] {
        [factors, hourlyFactors, grid, year, marketFactors, pue, by, threads, onError, out, partial, merge]
    }

    static var rules: [Rule] {
        [.oneOf([factors, hourlyFactors, grid, merge], hint: "where the factors come from, or --merge"),
         .requires(year, grid), .conflicts(partial, OutputOptions.json), .conflicts(merge, pue, because: "the partials carry their PUE"),
         .conflicts(merge, by, because: "the partials carry their grouping"), .conflicts(merge, threads), .conflicts(merge, marketFactors, because: "the partials carry their market figures")]
    }

    static func run(_ a: Arguments) throws -> Output {
        let files = a.positionals
        guard !files.isEmpty else {
            throw CO2eError.input(a[merge] ? "give the partial result files to merge" : "give one or more log files (CSV), or '-' for standard input")
        }
        if let out = a.text(out) {
            for input in files + [a.text(factors), a.text(hourlyFactors), a.text(marketFactors)].compactMap({ $0 }) where FileIO.sameFile(out, input) {
                throw CO2eError(.invalidInput, "is an input file ('\(input)'); write the result to another file", field: "out", value: out)
            }
        }
        let totals: BatchTotals
        if a[merge] {
            var merged: BatchTotals? = nil
            for path in files {
                try BatchTotals.mergePartials(try path == "-" ? readAll(0, name: "-") : FileIO.read(path), origin: path, into: &merged)
            }
            guard let m = merged else { throw CO2eError.data("\(files.joined(separator: ", ")): no partial results found") }
            totals = m
        } else {
            let threadCount = try a.value(threads) ?? processors()
            var source: BatchFactors
            var opened: [Int32] = []
            defer { for fd in opened { close(fd) } }
            if let path = a.text(factors) {
                source = .annual(try AnnualFactors.parse(try FileIO.read(path), origin: path))
            } else if let path = a.text(hourlyFactors) {
                let input = try openInput(path)
                if let fd = input.1 { opened.append(fd) }
                source = .hourly(try HourlyFactors.load(input.0, threads: threadCount))
            } else {
                _ = try a.value(grid)   // checks it says 'bundled'
                source = .catalog(.bundled, year: try a.value(year))
            }
            var inputs: [BatchInput] = []
            for path in files {
                let input = try openInput(path)
                if let fd = input.1 { opened.append(fd) }
                inputs.append(input.0)
            }
            let market = try a.text(marketFactors).map { try AnnualFactors.parse(try FileIO.read($0), origin: $0) }
            let job = Batch.Job(factors: source, pue: try a.value(pue) ?? "1", grouping: try a.value(by) ?? ["region"],
                                threads: threadCount, market: market)
            totals = try Batch.run(inputs, job)
        }
        let skip = (try a.value(onError)) == "skip"
        if totals.rowsSkipped > 0 && !skip {
            var details = totals.samples.map(\.text)
            if totals.rowsSkipped > UInt64(totals.samples.count) {
                details.append("... and \(totals.rowsSkipped - UInt64(totals.samples.count)) more (\(totals.problemSummary))")
            }
            var error = CO2eError(.invalidData, "\(totals.rowsSkipped) of \(totals.rowsRead) rows cannot be used (\(totals.problemSummary)); nothing was written. Fix them, or give --on-error skip to leave them out and count them")
            error.details = details
            throw error
        }
        if a[partial] {
            let diagnostics = skip && totals.rowsSkipped > 0 ? [skippedNote(totals)] : []
            if let out = a.text(out) {
                try write(totals.partialLines, to: out)
                return Output(.document(""), diagnostics: diagnostics)
            }
            return Output(.document(totals.partialLines), diagnostics: diagnostics)
        }
        let estimate = totals.estimate(title: title(totals))
        if let out = a.text(out) {
            try write(totals.csv, to: out)
            var said = ["Wrote \(out): \(totals.groups.count) group\(totals.groups.count == 1 ? "" : "s"), total \(totals.kilograms(totals.total)) kg CO2e from \(totals.rowsUsed) rows."]
            if totals.rowsSkipped > 0 { said.append(skippedNote(totals)) }
            return Output(.written(estimate, summary: said))
        }
        return .estimate(estimate)
    }

    static func title(_ t: BatchTotals) -> String {
        let how = t.mode == "hourly" ? "hourly factors" : t.mode == "annual" ? "annual factors" : "co2e's bundled factors"
        return "Batch emissions: \(t.rowsUsed) rows through \(how), PUE \(t.pue), by \(t.grouping.joined(separator: ", "))"
    }

    static func skippedNote(_ t: BatchTotals) -> String {
        "Skipped \(t.rowsSkipped) of \(t.rowsRead) rows (\(t.problemSummary)), \(t.skippedEnergy.decimalText(scale: FixedPoint.kwhScale)) kWh left out."
    }

    static func trim(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    static func processors() -> Int {
        max(1, min(256, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// Writes a result: a regular file (or a new one) through a temporary file and a rename, so
    /// it is never seen half-written; a symbolic link, device or pipe (/dev/null, /dev/stdout)
    /// through itself, in place, since a rename would replace the link or the device node.
    static func write(_ text: String, to path: String) throws {
        var info = stat()
        let exists = lstat(path, &info) == 0
        if !exists || (info.st_mode & S_IFMT) == S_IFREG {
            try FileIO.writeAtomically(text, to: path)
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw CO2eError(.invalidInput, "is a directory; give a file to write", field: "out", value: path)
        }
        let fd = open(path, O_WRONLY | O_TRUNC)
        guard fd >= 0 else { throw CO2eError.data("cannot write '\(path)': \(FileIO.systemError())") }
        defer { close(fd) }
        var copy = text
        let ok = copy.withUTF8 { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        if !ok { throw CO2eError.data("cannot write '\(path)': \(FileIO.systemError())") }
    }

    /// Opens `path` for a batch: a regular file by descriptor and size (split across threads),
    /// a pipe or standard input as a stream. Returns the descriptor to close.
    static func openInput(_ path: String) throws -> (BatchInput, Int32?) {
        if path == "-" { return (.stream(descriptor: 0, name: "-"), nil) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CO2eError.data("cannot read '\(path)': \(FileIO.systemError())") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw CO2eError.data("cannot read '\(path)': \(FileIO.systemError())")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw CO2eError.data("cannot read '\(path)': it is a directory, not a file")
        }
        if (info.st_mode & S_IFMT) == S_IFREG {
            return (.file(descriptor: fd, size: Int(info.st_size), name: path), fd)
        }
        return (.stream(descriptor: fd, name: path), fd)
    }

    /// Everything on a descriptor (standard input for `--merge -`).
    static func readAll(_ fd: Int32, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CO2eError.data("cannot read '\(name)': \(FileIO.systemError())")
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
