import Foundation
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eData
@testable import CO2eGrid
@testable import CO2eTraining
@testable import CO2eInference
@testable import CO2eProjections
@testable import CO2eRemovals
@testable import CO2eEquivalents
@testable import CO2eBatch
@testable import CO2eClaims

// The batch engine on files generated here with exact expected sums (integer arithmetic, as
// ../shared/peer-bench/gen_data.py does), split over threads and into partial results.


/// A workload with integer milli-kWh and deci-g/kWh factors, and the exact kg per region at
/// PUE 1.2 as decimal text (sum(mkWh x dg) x 12 / 1e8).
fileprivate struct Generated {
    var workload = "timestamp,region,kwh\n"
    var annual = "region,g_per_kwh\n"
    var hourly = "region,timestamp,g_per_kwh\n"
    var expectedAnnual: [String: Int] = [:]   // sum of mkWh x dg
    var expectedHourly: [String: Int] = [:]
    static let regions = ["DE", "FR", "US-CAL-CISO", "NA", "IN-NO", "a-region-name-longer-than-16-bytes"]

    init(rows: Int, seed: UInt64, hours: Int = 48) {
        var r = SplitMix64(seed: seed)
        var annualDg: [String: Int] = [:]
        var hourlyDg: [String: [Int]] = [:]
        for region in Self.regions {
            let dg = 100 + r.below(8900)
            annualDg[region] = dg
            annual += "\(region),\(dg / 10).\(dg % 10)\n"
            hourlyDg[region] = (0..<hours).map { _ in 50 + r.below(9000) }
            for h in 0..<hours {
                let v = hourlyDg[region]![h]
                hourly += "\(region),\(Self.stamp(h)),\(v / 10).\(v % 10)\n"
            }
        }
        for i in 0..<rows {
            let h = i * hours / max(rows, 1)
            let region = Self.regions[r.below(Self.regions.count)]
            let m = 1 + r.below(99_999_999)
            workload += "\(Self.stamp(h)),\(region),\(m / 1000).\(String(format: "%03d", m % 1000))\n"
            expectedAnnual[region, default: 0] += m * annualDg[region]!
            expectedHourly[region, default: 0] += m * hourlyDg[region]![h]
        }
    }

    static func stamp(_ h: Int) -> String {
        String(format: "2025-01-%02dT%02d:00:00Z", 1 + h / 24, h % 24)
    }

    /// Exact kg text as `BatchTotals.kilograms` writes it (trailing zeros trimmed).
    static func kg(_ sum: Int) -> String {
        let n = sum * 12   // units of 1e-8 kg
        var text = "\(n / 100_000_000).\(String(format: "%08d", n % 100_000_000))"
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

private func run(_ text: String, _ factors: BatchFactors, pue: String = "1.2", by: [String] = ["region"], threads: Int = 1) throws -> BatchTotals {
    try Batch.run([.bytes(bytes(text), name: "w.csv")], Batch.Job(factors: factors, pue: pue, grouping: by, threads: threads))
}

@Suite struct BatchExactSumTests {
    fileprivate let data = Generated(rows: 20_000, seed: 7)

    @Test func annualGivesTheExactSumsPerRegionAndTotal() throws {
        let t = try run(data.workload, .annual(try AnnualFactors.parse(bytes(data.annual), origin: "f.csv")))
        for (region, sum) in data.expectedAnnual {
            #expect(t.kilograms(t.groups[BatchGroupKey(region: region, period: nil)]!) == Generated.kg(sum), "\(region)")
        }
        #expect(t.kilograms(t.total) == Generated.kg(data.expectedAnnual.values.reduce(0, +)))
        #expect(t.rowsRead == 20_000 && t.rowsSkipped == 0)
    }

    @Test func hourlyGivesTheExactSumsPerRegionAndTotal() throws {
        let table = try HourlyFactors.load(.bytes(bytes(data.hourly), name: "h.csv"))
        let t = try run(data.workload, .hourly(table))
        for (region, sum) in data.expectedHourly {
            #expect(t.kilograms(t.groups[BatchGroupKey(region: region, period: nil)]!) == Generated.kg(sum), "\(region)")
        }
        #expect(t.kilograms(t.total) == Generated.kg(data.expectedHourly.values.reduce(0, +)))
    }

    @Test func oneTwoOrThreeThreadsGiveIdenticalResults() throws {
        // Large enough to be split (more than 64 KiB).
        let big = Generated(rows: 60_000, seed: 11)
        let table = try HourlyFactors.load(.bytes(bytes(big.hourly), name: "h.csv"))
        let one = try run(big.workload, .hourly(table), threads: 1)
        for n in [2, 3] {
            let many = try run(big.workload, .hourly(table), threads: n)
            #expect(many.partialLines == one.partialLines)
            #expect(many.csv == one.csv)
        }
        #expect(one.kilograms(one.total) == Generated.kg(big.expectedHourly.values.reduce(0, +)))
    }

    @Test func anySplitIntoPartialsMergesBitForBitInAnyOrder() throws {
        let factors = BatchFactors.annual(try AnnualFactors.parse(bytes(data.annual), origin: "f.csv"))
        let whole = try run(data.workload, factors, by: ["region", "day"])
        let all = bytes(data.workload)
        var r = SplitMix64(seed: 3)
        for _ in 0..<4 {
            // Cut the file into 1-6 byte ranges at random places (inside lines too), one
            // partial per range: each line belongs to the range it starts in.
            var cuts = Set((0..<r.below(6)).map { _ in r.below(all.count) })
            cuts.insert(0)
            let starts = cuts.sorted()
            var partials: [String] = []
            for (k, s) in starts.enumerated() {
                let e = k + 1 < starts.count ? starts[k + 1] : all.count
                let job = Batch.Job(factors: factors, pue: "1.2", grouping: ["region", "day"], range: s..<e)
                partials.append(try Batch.run([.bytes(all, name: "w.csv")], job).partialLines)
            }
            partials.shuffle()
            var merged: BatchTotals? = nil
            for p in partials { try BatchTotals.mergePartials(bytes(p), origin: "p.jsonl", into: &merged) }
            try merged!.checkComplete()
            #expect(merged!.csv == whole.csv)
            #expect(merged!.partialLines == whole.partialLines)
        }
    }

    @Test func partialsOfDifferentJobsDoNotMerge() throws {
        let factors = BatchFactors.annual(try AnnualFactors.parse(bytes(data.annual), origin: "f.csv"))
        let a = try run(data.workload, factors, pue: "1.2").partialLines
        let b = try run(data.workload, factors, pue: "1.1").partialLines
        var merged: BatchTotals? = nil
        try BatchTotals.mergePartials(bytes(a), origin: "a", into: &merged)
        #expect(throws: CO2eError.self) { try BatchTotals.mergePartials(bytes(b), origin: "b", into: &merged) }
    }

    @Test func monthGroupsAddUpToTheRegionTotals() throws {
        let factors = BatchFactors.annual(try AnnualFactors.parse(bytes(data.annual), origin: "f.csv"))
        let byRegion = try run(data.workload, factors)
        let byMonth = try run(data.workload, factors, by: ["month"])
        #expect(byMonth.groups.keys.map { $0.period } == ["2025-01"])
        #expect(byMonth.kilograms(byMonth.total) == byRegion.kilograms(byRegion.total))
    }

    @Test func aBillionRowsStayExactInPrinciple() {
        // 1e9 rows of 99,999.999 kWh at 2,000 g/kWh: the grams sum in 1e-24 g units.
        let row = ExactSum(high: 0, low: 99_999_999).multiplied(by: 1_000_000_000_000_000)   // kWh in 1e-18
        let grams = row.multiplied(by: 2_000_000_000).multiplied(by: 1_000_000_000)             // x factor x rows
        #expect(grams.decimalText(scale: FixedPoint.gramScale + 3) == "199999998000000")       // kg, exact
    }
}

@Suite struct FixedPointTests {
    private func parse(_ s: String, scale: Int = FixedPoint.kwhScale) -> String {
        var b = Array(s.utf8)
        b += [UInt8](repeating: 0, count: 16)
        switch b.withUnsafeBufferPointer({ FixedPoint.parse($0.baseAddress!, s.utf8.count, scale: scale) }) {
        case let .value(v, rounded): return "\(v)\(rounded ? " rounded" : "")"
        case .negative: return "negative"
        case .invalid: return "invalid"
        case .tooLarge: return "too large"
        }
    }

    @Test func readsDecimalsExactly() {
        #expect(parse("123.456", scale: 3) == "123456")
        #expect(parse("0.1", scale: 6) == "100000")
        #expect(parse(" 7 ", scale: 0) == "7")
        #expect(parse("+2.5", scale: 1) == "25")
        #expect(parse("1.2345e-05", scale: 9) == "12345")
        #expect(parse("3E2", scale: 0) == "300")
        #expect(parse("0.25", scale: 1) == "2 rounded")      // half to even
        #expect(parse("0.35", scale: 1) == "4 rounded")
        #expect(parse("0.251", scale: 1) == "3 rounded")
        #expect(parse("-0", scale: 1) == "0")
        #expect(parse("-1.5") == "negative")
        for bad in ["", ".", "abc", "1.2.3", "1e", "1,5", "0x10", "nan", "--1"] { #expect(parse(bad) == "invalid", "\(bad)") }
    }

    @Test func exactSumPrintsAndParsesBack() {
        let x = ExactSum(high: 0xFFFF_FFFF_FFFF_FFFF, low: 12345).multiplied(by: 987_654_321_987)
        #expect(ExactSum(decimal: x.decimal) == x)
        #expect(ExactSum(12_000).decimalText(scale: 4) == "1.2")
        #expect(ExactSum(5).decimalText(scale: 3) == "0.005")
        #expect(ExactSum(0).decimalText(scale: 3) == "0")
        #expect(ExactSum(120).decimalText(scale: 0) == "120")
        #expect(ExactSum(12).decimalText(scale: -2) == "1200")
        #expect(ExactSum(500).decimalText(scale: 3) == "0.5")
        #expect(ExactSum(1000).decimalText(scale: 3) == "1")
        #expect(ExactSum(1_234_567).decimalText(scale: 2) == "12345.67")
        #expect(ExactSum(1_234_500).decimalText(scale: 7) == "0.12345")
        #expect(ExactSum(decimal: "12a") == nil)
    }
}

@Suite struct BatchReaderFuzzTests {
    static let factors = "region,g_per_kwh\nDE,300\nFR,50.5\n"

    /// Lines after the header that are not blank: each must be used or reported, once.
    private func nonBlankLines(_ text: [UInt8]) -> Int {
        var body = text
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let lines = body.split(separator: 10, omittingEmptySubsequences: false).dropFirst()
        return lines.filter { !($0.isEmpty || $0 == [13]) }.count
    }

    static let hourly = try! HourlyFactors.load(.bytes(Array("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,300\nFR,2025-01-01T01:00:00Z,50\n".utf8), name: "h.csv"))

    /// Runs the input by region (annual), by region and day (annual) and by month (hourly).
    private func check(_ input: [UInt8], threads: Int = 1) throws {
        let annual = BatchFactors.annual(try AnnualFactors.parse(Array(Self.factors.utf8), origin: "f.csv"))
        for (factors, by) in [(annual, ["region"]), (annual, ["region", "day"]), (.hourly(Self.hourly), ["month"])] {
            do {
                let t = try Batch.run([.bytes(input, name: "fuzz.csv")], Batch.Job(factors: factors, grouping: by, threads: threads))
                #expect(Int(t.rowsRead) == nonBlankLines(input), "\(input)")
                #expect(t.total.rows + t.rowsSkipped == t.rowsRead)
                #expect(t.samples.count == min(Int(t.rowsSkipped), BatchTotals.sampleLimit))
            } catch let e as CO2eError {
                // Only the header can make a whole file unusable.
                #expect(e.line == 1 || e.reason.contains("empty") || e.reason.contains("header"), "\(e)")
            }
        }
    }

    @Test func randomBytesNeverCrashAndEveryRowIsCounted() throws {
        var r = SplitMix64(seed: 99)
        let alphabet = Array("DEFR,.0123456789-\"\r\ne T:Z".utf8)
        for _ in 0..<300 {
            var b = Array("timestamp,region,kwh\n".utf8)
            for _ in 0..<r.below(400) {
                b.append(r.below(10) == 0 ? UInt8(truncatingIfNeeded: r.next()) : alphabet[r.below(alphabet.count)])
            }
            try check(b)
        }
        for _ in 0..<50 {
            try check((0..<r.below(300)).map { _ in UInt8(truncatingIfNeeded: r.next()) })
        }
        // Well-formed lines with one byte changed, dropped or cut short.
        let good = Array("2025-01-01T00:30:00Z,DE,12.5\n".utf8)
        for _ in 0..<200 {
            var b = Array("timestamp,region,kwh\n".utf8)
            for _ in 0..<(1 + r.below(20)) {
                var line = good
                switch r.below(4) {
                case 0: line[r.below(line.count - 1)] = UInt8(truncatingIfNeeded: r.next())
                case 1: line.remove(at: r.below(line.count - 1))
                case 2: line = Array(line.prefix(r.below(line.count)))
                default: break
                }
                b += line
            }
            try check(b)
        }
    }

    @Test func truncatedCRLFQuotedBOMAndNoFinalNewline() throws {
        let cases = [
            "timestamp,region,kwh\r\n2025-01-01T00:00:00Z,DE,1.5\r\n2025-01-01T00:00:00Z,FR,2\r\n",
            "\u{FEFF}timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,1\n",
            "timestamp,region,kwh\n2025-01-01T00:00:00Z,\"DE\",\"1.5\"\n\"2025-01-01T00:00:00Z\",\"F\"\"R\",2\n",
            "timestamp,region,kwh\n2025-01-01T00:00:00Z,\"D,E\",1\n2025-01-01T00:00:00Z,\"DE,1\n",
            "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,1.5",
            "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE",
            "timestamp,region,kwh\n2025-01-01T00:00",
            "timestamp,region,kwh\n\n\n2025-01-01T00:00:00Z,DE,1\n\r\n",
            "timestamp,region,kwh",
            "timestamp,region,kwh\n",
            "",
            "\u{FEFF}",
            "\n\n",
            "timestamp,region,kwh\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0,DE,1\n",
            "timestamp,region,kwh\n2025-02-30T00:00:00Z,DE,1\n9999-12-31T23:59:59Z,FR,2\n0000-01-01T00:00:00Z,DE,3\n2025-01-01T00:00:00+99:00,DE,4\n",
        ]
        for c in cases { try check(Array(c.utf8)) }
        // What the quoted and CRLF files hold.
        let factors = BatchFactors.annual(try AnnualFactors.parse(Array(Self.factors.utf8), origin: "f.csv"))
        let crlf = try Batch.run([.bytes(Array(cases[0].utf8), name: "c")], Batch.Job(factors: factors))
        #expect(crlf.rowsSkipped == 0 && crlf.kilograms(crlf.total) == "0.551")   // 1.5 x 300 + 2 x 50.5 g
        let quoted = try Batch.run([.bytes(Array(cases[2].utf8), name: "q")], Batch.Job(factors: factors))
        #expect(quoted.rowsUsed == 1 && quoted.problems[.unknownRegion] == 1)    // F"R has no factor
        let open = try Batch.run([.bytes(Array(cases[3].utf8), name: "o")], Batch.Job(factors: factors))
        #expect(open.problems[.unknownRegion] == 1 && open.problems[.unclosedQuote] == 1)
        #expect(open.samples.map(\.line) == [2, 3])
        #expect(throws: CO2eError.self) { try Batch.run([.bytes([], name: "e")], Batch.Job(factors: factors)) }
    }

    @Test func mappedFilesGiveTheSameResultAcrossWindowsAndThreads() throws {
        // Rows of every kind, one line longer than a window, no final newline: read from a
        // file mapped one page at a time, split over 1-3 threads, as from memory.
        var r = SplitMix64(seed: 17)
        var text = "timestamp,region,kwh\n"
        for i in 0..<3000 {
            switch r.below(20) {
            case 0: text += "2025-01-01T00:00:00Z,XX,\(i)\n"
            case 1: text += "2025-01-01T00:00:00Z,DE,\(String(repeating: "9", count: 9000))x\n"
            case 2: text += "\r\n"
            default: text += "2025-01-0\(1 + i % 9)T00:00:00Z,\(r.below(2) == 0 ? "DE" : "FR"),\(i).\(i % 7)\n"
            }
        }
        text += "2025-01-01T00:00:00Z,FR,1.25"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-mapped-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let size = text.utf8.count
        let factors = BatchFactors.annual(try AnnualFactors.parse(Array(Self.factors.utf8), origin: "f.csv"))
        var reference = Batch.Job(factors: factors, grouping: ["region", "day"])
        let memory = try Batch.run([.bytes(Array(text.utf8), name: "m.csv")], reference)
        #expect(Int(memory.rowsRead) == nonBlankLines(Array(text.utf8)))
        for threads in [1, 2, 3] {
            for window in [4096, 8192, 1 << 20] {
                reference.threads = threads
                reference.window = window
                let mapped = try Batch.run([.file(descriptor: fd, size: size, name: "m.csv")], reference)
                let a = mapped.partialLines.split(separator: "\n"), b = memory.partialLines.split(separator: "\n")
                let diff = zip(a, b).filter { $0.0 != $0.1 }.prefix(3).map { "\($0.0.prefix(400)) VS \($0.1.prefix(400))" }
                #expect(a == b, "DIFF threads \(threads), window \(window): \(a.count) vs \(b.count) \(diff)")
            }
        }
    }

    @Test func splitInputsCountEveryRowOnce() throws {
        var r = SplitMix64(seed: 5)
        var text = "timestamp,region,kwh\n"
        for i in 0..<8000 {
            switch r.below(12) {
            case 0: text += "2025-01-01T00:00:00Z,XX,\(i)\n"
            case 1: text += "2025-01-01T00:00:00Z,DE,-\(i)\n"
            case 2: text += "2025-01-01T00:00:00Z,DE\n"
            case 3: text += "\r\n"
            default: text += "2025-01-01T00:00:00Z,\(r.below(2) == 0 ? "DE" : "FR"),\(i).5\r\n"
            }
        }
        for threads in [1, 2, 4] { try check(Array(text.utf8), threads: threads) }
        let factors = BatchFactors.annual(try AnnualFactors.parse(Array(Self.factors.utf8), origin: "f.csv"))
        let one = try Batch.run([.bytes(Array(text.utf8), name: "s")], Batch.Job(factors: factors, threads: 1))
        let two = try Batch.run([.bytes(Array(text.utf8), name: "s")], Batch.Job(factors: factors, threads: 2))
        #expect(one.samples == two.samples)   // same lines, numbered across the split
        #expect(one.partialLines == two.partialLines)
    }
}

@Suite struct BatchHourlyFactorTests {
    @Test func rowsOutsideTheHourlyTableAreReportedWithTheirKwh() throws {
        let table = try HourlyFactors.load(.bytes(Array("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,100\nDE,2025-01-01T01:00:00+00:00,200\n".utf8), name: "h.csv"))
        let w = "timestamp,region,kwh\n2025-01-01T00:30:00Z,DE,1\n2025-01-01T01:00:00Z,DE,2\n2025-01-01T02:00:00Z,DE,4\n2025-01-01 00:00,DE,8\n"
        let t = try run(w, .hourly(table), pue: "1")
        #expect(t.kilograms(t.total) == "0.5")                  // 1 x 100 + 2 x 200 g
        #expect(t.problems[.outsideHourlyFactors] == 1 && t.problems[.badTimestamp] == 1)
        #expect(t.skippedEnergy.decimalText(scale: FixedPoint.kwhScale) == "12")
        #expect(t.samples.map(\.line) == [4, 5])
    }

    @Test func aLargeHourlyTableReadByOneToThreeThreadsIsTheSame() throws {
        // 6 regions x 8760 hours (2 MB): large enough to be split; the last region's hours
        // written out of order.
        var text = "region,timestamp,g_per_kwh\n"
        let regions = ["DE", "FR", "US-CAL-CISO", "NA", "IN-NO", "SE-SE3"]
        var r = SplitMix64(seed: 23)
        var expected: [String: [Int]] = [:]
        for region in regions {
            let hours = region == "SE-SE3" ? Array((0..<8760).reversed()) : Array(0..<8760)
            expected[region] = [Int](repeating: 0, count: 8760)
            for h in hours {
                let v = r.below(10_000_000)
                expected[region]![h] = v
                text += "\(region),\(Timestamp(secondsSinceEpoch: Int64(1_735_689_600 + h * 3600)).iso8601),\(v / 1000).\(String(format: "%03d", v % 1000))\n"
            }
        }
        func load(_ text: String, threads: Int) throws -> HourlyFactors {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-hourly-\(UUID().uuidString).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            return try HourlyFactors.load(.file(descriptor: fd, size: text.utf8.count, name: "h.csv"), threads: threads)
        }
        let first = 1_735_689_600 / 3600   // 2025-01-01T00Z in hours
        for threads in [1, 2, 3] {
            let t = try load(text, threads: threads)
            #expect(t.rows == 6 * 8760 && Set(t.names) == Set(regions))
            for region in regions {
                let i = try #require(t.regionIndex(region))
                for h in stride(from: 0, to: 8760, by: 97) {
                    #expect(t.units(region: i, hour: Int64(first + h)) == UInt64(expected[region]![h]) * 1000)
                }
                #expect(t.units(region: i, hour: Int64(first + 8760)) == nil)
            }
        }
        // An error late in the file keeps its line; an hour given twice across parts is found.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var bad = lines
        bad[50_000] = "NA,2025-06-01T00:00:00Z,abc"
        for threads in [1, 2] {
            #expect { try load(bad.joined(separator: "\n"), threads: threads) } throws: { ($0 as? CO2eError)?.line == 50_001 }
            #expect(throws: CO2eError.self) { try load(text + "DE,2025-01-01T05:00:00Z,1\n", threads: threads) }
        }
    }

    @Test func badFactorFilesAreRefusedWithTheirLine() {
        for (text, line) in [("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,1\nDE,2025-01-01T00:00:00Z,2\n", 3),
                             ("region,timestamp,g_per_kwh\nDE,2025-01-01T00:30:00Z,1\n", 2),
                             ("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,-1\n", 2),
                             ("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z\n", 2),
                             ("zone,when,value\n", 1)] {
            #expect { try HourlyFactors.load(.bytes(Array(text.utf8), name: "h.csv")) } throws: { ($0 as? CO2eError)?.line == line }
        }
        #expect { try AnnualFactors.parse(Array("region,g_per_kwh\nDE,abc\n".utf8), origin: "a.csv") } throws: { ($0 as? CO2eError)?.line == 2 }
        #expect { try AnnualFactors.parse(Array("region,g_per_kwh\nDE,1\nDE,2\n".utf8), origin: "a.csv") } throws: { ($0 as? CO2eError)?.line == 3 }
    }
}

@Suite struct CodeCarbonFixtureTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/codecarbon/emissions.csv")

    @Test func reEstimatesTheCodeCarbonLogBesideItsOwnFigure() throws {
        let data = try [UInt8](Data(contentsOf: Self.fixture))
        let t = try Batch.run([.bytes(data, name: "emissions.csv")], Batch.Job(factors: .catalog(.bundled, year: nil)))
        #expect(t.hasReportedMass && t.rowsSkipped == 0)
        // Independently: sum the columns with Foundation and look the factors up by name.
        let text = String(decoding: data, as: UTF8.self)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let e = header.firstIndex(of: "energy_consumed")!, m = header.firstIndex(of: "emissions")!
        let c = header.firstIndex(of: "country_iso_code")!, cr = header.firstIndex(of: "cloud_region")!
        var energy: [String: Double] = [:], reported: [String: Double] = [:]
        for r in rows.dropFirst() {
            let key = r[cr].isEmpty ? r[c] : r[cr]
            energy[key, default: 0] += Double(r[e])!
            reported[key, default: 0] += Double(r[m])!
        }
        #expect(Set(energy.keys) == ["IRL", "FRA", "europe-west1"])
        for (key, kwh) in energy {
            let sums = t.groups[BatchGroupKey(region: key, period: nil)]!
            let factor = try FactorCatalog.bundled.factor(for: key).factor.intensity.baseValue
            #expect(abs(t.kilogramsValue(sums) - kwh * factor / 1000) <= 1e-12 * kwh * factor)
            #expect(abs(sums.reportedMass.double(scale: FixedPoint.massScale) - reported[key]!) <= 1e-12 * reported[key]!)
        }
        // Side by side in the trail: co2e's kg, CodeCarbon's kg and factor, per group.
        let table = t.estimate().tables.first { $0.key == "groups" }!
        #expect(table.columns.map(\.key).contains("reported_emissions") && table.columns.map(\.key).contains("reported_factor"))
    }
}
