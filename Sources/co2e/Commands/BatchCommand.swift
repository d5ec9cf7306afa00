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
    static let grid = Option<String>("grid", "ZONE|bundled", "A zone (US, DE, us-east-1): every row at its bundled factor; or bundled: each row's region (zone, country, cloud region) resolved once.") { text in
        guard !trim(text).isEmpty else {
            throw CO2eError(.invalidInput, "is empty", value: text, accepted: "a zone (US, DE, eGRID:SRVC, us-east-1) or bundled")
        }
        return trim(text)
    }
    static let year = Option<Int>("year", "YEAR", "With --grid: the factors' year (default: each zone's newest).") { try Year.parse($0) }
    static let pue = Option<String>("pue", "PUE", "Power usage effectiveness applied to every row (default 1: the kWh are facility energy).") { text in
        do { try Batch.checkPUE(trim(text)) } catch let e as CO2eError {
            throw CO2eError(.invalidInput, e.reason, code: e.code, value: text, accepted: e.accepted)
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
    static let range = Option<Range<Int>>("range", "START..END", "With --partial and one log file: read only the lines that start in bytes START to END (END excluded; 'START..' to the end), so shards of one file cut anywhere read every line once. With a stream, names the bytes it holds (its header line, then those lines).") { text in
        try parseRange(text)
    }
    static let inputName = Option<String>("input-name", "NAME", "With one log: the name its partial records (what a stream such as '-' holds, or a path as the other workers know it).") { text in
        guard !text.isEmpty, text.utf8.count <= 4096 else {
            throw CO2eError(.invalidInput, "is not an input name", value: text, accepted: "a name of 1 to 4096 bytes, such as logs/2025-01.csv")
        }
        return text
    }
    static let partial = Flag("partial", "Print partial results (exact per-group sums and counts, JSON lines) for a later --merge.")
    static let merge = Flag("merge", "Merge partial results (the FILEs) into one result, bit for bit as one run over all their input.")

    static var options: [any OptionDeclaration] {
        [factors, hourlyFactors, grid, year, marketFactors, pue, by, threads, onError, out, partial, merge, range, inputName]
    }

    static var rules: [Rule] {
        [.oneOf([factors, hourlyFactors, grid, merge], hint: "where the factors come from, or --merge"),
         .requires(year, grid), .conflicts(partial, OutputOptions.json, because: "a partial is JSON lines already"),
         .conflicts(partial, OutputOptions.csv, because: "a partial is JSON lines"), .conflicts(partial, OutputOptions.summary, because: "a partial is written whole"), .conflicts(merge, pue, because: "the partials carry their PUE"),
         .conflicts(merge, by, because: "the partials carry their grouping"), .conflicts(merge, threads), .conflicts(merge, marketFactors, because: "the partials carry their market figures"),
         .conflicts(merge, range, because: "the partials carry their byte ranges"), .conflicts(merge, inputName, because: "the partials carry their input names")]
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
        if (a.text(range) != nil || a.text(inputName) != nil) && files.count != 1 {
            throw CO2eError(.invalidInput, "--range and --input-name go with one log file; \(files.count) were given", code: .conflictingOptions)
        }
        let totals: BatchTotals
        if a[merge] {
            var merged: BatchTotals? = nil
            for path in files {
                try BatchTotals.mergePartials(try path == "-" ? readAll(0, name: "-") : FileIO.read(path), origin: path, into: &merged)
            }
            guard let m = merged else {
                throw CO2eError.data("no partial results found in \(files.map { "'\(EchoedText.path($0))'" }.joined(separator: ", "))", file: nil)
            }
            // A result must count every byte of its inputs; a merged partial may leave gaps.
            if !a[partial] { try m.checkComplete() }
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
            } else if let zone = try a.value(grid), zone.lowercased() != "bundled" {
                source = try BatchFactors.zone(zone, year: try a.value(year))
            } else {
                let y = try a.value(year)
                if let y { try BatchFactors.checkBundledYear(y) }
                source = .catalog(.bundled, year: y)
            }
            var inputs: [BatchInput] = []
            for path in files {
                let input = try openInput(path, name: a.text(inputName))
                if let fd = input.1 { opened.append(fd) }
                inputs.append(input.0)
            }
            let market = try a.text(marketFactors).map { try AnnualFactors.parse(try FileIO.read($0), origin: $0) }
            let job = Batch.Job(factors: source, pue: try a.value(pue) ?? "1", grouping: try a.value(by) ?? ["region"],
                                threads: threadCount, market: market, version: CLI.version, range: try a.value(range))
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
            var said = ["Wrote \(out): \(totals.groups.count) group\(totals.groups.count == 1 ? "" : "s"), total \(totals.kilograms(totals.total)) kg CO2e from \(totals.rowsUsed) row\(totals.rowsUsed == 1 ? "" : "s")."]
            if totals.rowsSkipped > 0 { said.append(skippedNote(totals)) }
            return Output(.written(estimate, summary: said))
        }
        return .estimate(estimate)
    }

    static func title(_ t: BatchTotals) -> String {
        let how = t.mode == "hourly" ? "hourly factors" : t.mode == "annual" ? "annual factors"
            : t.mode == "zone" ? "one zone's factor" : "co2e's bundled factors"
        return "Batch emissions: \(t.rowsUsed) row\(t.rowsUsed == 1 ? "" : "s") through \(how), PUE \(t.pue), by \(t.grouping.joined(separator: ", "))"
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

    /// Writes a result as `hourly --out` does (`FileIO.writeAtomically`): through a temporary
    /// file, flushed and renamed over the target, so a full disk or a kill never leaves it cut
    /// short; a symbolic link is kept and the file it points to replaced. A directory, a device
    /// (/dev/null) or a FIFO is refused (output_refused), as is a link to a missing file.
    static func write(_ text: String, to path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw CO2eError(.invalidInput, "is a directory; give a file to write", code: .outputRefused, field: "out", value: path)
        }
        try FileIO.writeAtomically(text, to: path)
    }

    /// `START..END` or `START..` (to the end of the file), in bytes.
    static func parseRange(_ text: String) throws -> Range<Int> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        func bytes(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 16, s.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
            return Int(s)
        }
        guard parts.count == 3, parts[1].isEmpty, let low = bytes(parts[0]), parts[2].isEmpty || bytes(parts[2]) != nil else {
            throw CO2eError(.invalidInput, "is not a byte range", value: text, accepted: "START..END or START.. in bytes, such as 0..1048576")
        }
        let high = parts[2].isEmpty ? Int.max : bytes(parts[2])!
        guard low <= high else {
            throw CO2eError(.invalidInput, "ends before it starts", code: .valueOutOfRange, value: text, accepted: "START..END with START <= END")
        }
        return low..<high
    }

    /// Opens `path` for a batch: a regular file by descriptor and size (split across threads),
    /// a pipe or standard input as a stream. Returns the descriptor to close.
    static func openInput(_ path: String, name: String? = nil) throws -> (BatchInput, Int32?) {
        if path == "-" { return (.stream(descriptor: 0, name: name ?? "-"), nil) }
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
            return (.file(descriptor: fd, size: Int(info.st_size), name: name ?? path), fd)
        }
        return (.stream(descriptor: fd, name: name ?? path), fd)
    }

    /// Everything on a descriptor (standard input for `--merge -`), held to what a file may be
    /// (`FileIO.maximumFileBytes`) and refused at the first NUL byte: partials are text
    /// (`what` says which text, for the error).
    static func readAll(_ fd: Int32, name: String, limit: Int = FileIO.maximumFileBytes, what: String = "partial results are JSON text") throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let shown = EchoedText.path(name)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CO2eError.data("cannot read '\(shown)': \(FileIO.systemError())", file: nil)
            }
            if n == 0 { return bytes }
            if let k = chunk[0..<n].firstIndex(of: 0) {
                throw CO2eError.data("cannot read '\(shown)': byte \(bytes.count + k + 1) is a NUL; \(what)", code: .fileNotReadable, file: nil)
            }
            guard bytes.count + n <= limit else {
                throw CO2eError.data("cannot read '\(shown)': it is more than the \(FileIO.describe(limit)) co2e reads", code: .fileTooLarge, file: nil)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
