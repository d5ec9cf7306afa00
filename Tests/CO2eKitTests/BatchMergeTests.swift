import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eGrid
@testable import CO2eBatch

// Exact sums past 2^128, partials that say what they were made with, and a merge that checks
// each one and counts every byte exactly once (issue 24, findings 4 and 5).

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Decimal product of two digit strings, schoolbook: an oracle independent of `ExactSum`.
private func times(_ a: String, _ b: String) -> String {
    let x = a.utf8.reversed().map { Int($0) - 48 }, y = b.utf8.reversed().map { Int($0) - 48 }
    var out = [Int](repeating: 0, count: x.count + y.count)
    for (i, p) in x.enumerated() { for (j, q) in y.enumerated() { out[i + j] += p * q } }
    for k in 0..<(out.count - 1) { out[k + 1] += out[k] / 10; out[k] %= 10 }
    while out.count > 1 && out.last == 0 { out.removeLast() }
    return String(out.reversed().map { Character(String($0)) })
}

/// 10^38 - 1: the largest kWh co2e reads with every digit kept (38 significant digits), in
/// 1e-18 kWh; five of them pass 2^128.
private let rowMaximum = "99999999999999999999999999999999999999"
private let rowText = "99999999999999999999.999999999999999999"
private let annual = "region,g_per_kwh\nDE,380\nFR,44\n"
private let workload = "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,100\n2025-01-01T01:00:00Z,FR,40\n2025-01-01T02:00:00Z,DE,1.5\n"

private func job(_ factors: String = annual, pue: String = "1", by: [String] = ["region"], range: Range<Int>? = nil) throws -> Batch.Job {
    Batch.Job(factors: .annual(try AnnualFactors.parse(bytes(factors), origin: "f.csv")), pue: pue, grouping: by, version: "test", range: range)
}

private func partial(_ text: String = workload, name: String = "w.csv", _ j: Batch.Job? = nil) throws -> String {
    try Batch.run([.bytes(bytes(text), name: name)], j ?? job()).partialLines
}

/// Changes a partial's lines and signs it again (a crafted partial with a valid checksum).
private func crafted(_ text: String, _ edit: (inout [String]) -> Void) -> String {
    var lines = text.split(separator: "\n").map(String.init)
    lines.removeLast()
    edit(&lines)
    let body = lines.map { $0 + "\n" }.joined()
    return body + "{\"end\":2,\"lines\":\(lines.count),\"sha256\":\"\(SHA256.hex(body))\"}\n"
}

private func merge(_ partials: [String]) throws -> BatchTotals {
    var merged: BatchTotals? = nil
    for (k, p) in partials.enumerated() { try BatchTotals.mergePartials(bytes(p), origin: "p\(k + 1).jsonl", into: &merged) }
    return merged!
}

private func refusal(_ partials: [String]) -> CO2eError? {
    do { _ = try merge(partials); return nil } catch let e as CO2eError { return e } catch { return nil }
}

@Suite struct ExactSumOverflowTests {
    @Test func rowsOfTheLargestKwhSumExactlyWithoutOverflow() throws {
        // Five rows of 2^128 - 1 units: the old 128-bit per-thread sum trapped at the second.
        let text = "timestamp,region,kwh\n" + String(repeating: "2025-01-01T00:00:00Z,DE,\(rowText)\n", count: 5)
            + String(repeating: "2025-01-01T00:00:00Z,XX,\(rowText)\n", count: 3)
        let t = try Batch.run([.bytes(bytes(text), name: "w.csv")], try job())
        let de = t.groups[BatchGroupKey(region: "DE", period: nil)]!
        #expect(de.energy.decimal == times(rowMaximum, "5"))
        #expect(de.grams.decimal == times(times(rowMaximum, "5"), "380000000"))
        #expect(t.skippedEnergy.decimal == times(rowMaximum, "3"))   // skipped rows too
        // Through a partial and a merge, unchanged.
        #expect(try merge([t.partialLines]).csv == t.csv)
    }

    @Test func hourlyGramsPastTwoTo192SumExactly() throws {
        // The largest factor an hourly table holds (2^64 - 2 units) x the largest kWh, 4 rows:
        // the old three-word grams sum wrapped.
        let factor = "18446744073709.551614"
        let table = try HourlyFactors.load(.bytes(bytes("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,\(factor)\n"), name: "h.csv"))
        let text = "timestamp,region,kwh\n" + String(repeating: "2025-01-01T00:00:00Z,DE,\(rowText)\n", count: 4)
        let t = try Batch.run([.bytes(bytes(text), name: "w.csv")], Batch.Job(factors: .hourly(table)))
        let de = t.groups[BatchGroupKey(region: "DE", period: nil)]!
        #expect(de.grams.decimal == times(times(rowMaximum, "18446744073709551614"), "4"))
    }

    @Test func aLogsOwnEmissionsAreSummedWithoutWrapping() throws {
        // Two CodeCarbon rows of 2e20 kg once printed "59,717,633 GtCO2e" (a wrapped sum).
        let log = "timestamp,energy_consumed,emissions,country_iso_code\n2025-01-01T00:00:00Z,1,2e20,DE\n2025-01-01T00:00:00Z,1,2e20,DE\n"
        let t = try Batch.run([.bytes(bytes(log), name: "e.csv")], try job())
        #expect(t.total.reportedMass.decimalText(scale: FixedPoint.massScale) == "400000000000000000000")
    }

    @Test func aBillionRowSumStaysExact() throws {
        // 1e9 rows of the largest kWh at the largest annual factor, built by doubling one row's
        // totals through the merge (as shards would add up), never by reading a billion rows.
        var one = try Batch.run([.bytes(bytes("timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,\(rowText)\n"), name: "w.csv")],
                                try job("region,g_per_kwh\nDE,18446744073709.551615\n"))
        one.sources = []   // the same bytes on purpose: this is arithmetic, not a merge of inputs
        var power = one, sum = BatchTotals(mode: one.mode, pue: one.pue, grouping: one.grouping)
        sum.version = one.version; sum.factorsDigest = one.factorsDigest; sum.factorsOrigin = one.factorsOrigin
        var n = 1_000_000_000
        while n > 0 {
            if n & 1 == 1 { try sum.merge(power) }
            try power.merge(power)
            n >>= 1
        }
        let de = sum.groups[BatchGroupKey(region: "DE", period: nil)]!
        #expect(sum.rowsRead == 1_000_000_000 && de.rows == 1_000_000_000)
        #expect(de.energy.decimal == times(rowMaximum, "1000000000"))
        #expect(de.grams.decimal == times(times(rowMaximum, "18446744073709551615"), "1000000000"))
        // The row accumulator itself: 1,000 rows of the largest value carry into the third word.
        var acc = RowSum()
        for _ in 0..<1000 { acc.add(UInt128.max) }
        #expect(acc.exact.decimal == times("340282366920938463463374607431768211455", "1000"))
    }

    @Test func exactSumReportsOverflowInsteadOfTrapping() {
        var two384 = "1"
        for _ in 0..<384 { two384 = times(two384, "2") }
        let below = String(two384.dropLast()) + String(Character(UnicodeScalar(two384.utf8.last! - 1)))   // 2^384 - 1 (ends in 6)
        #expect(ExactSum(decimal: two384) == nil)
        let top = ExactSum(decimal: below)!
        #expect(top.decimal == below)
        #expect(top.adding(ExactSum(1)) == nil)
        #expect(ExactSum.power(ofTwo: 383).adding(ExactSum.power(ofTwo: 383)) == nil)
        #expect(top.multipliedReportingOverflow(by: 10).overflow)
        #expect(ExactSum(UInt128.max).adding(ExactSum(1))!.decimal == "340282366920938463463374607431768211456")
    }
}

@Suite struct PartialProvenanceTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// The digest does not depend on how the bytes arrive: one string, contiguous arrays and
    /// slices in pieces of any size (blocks hashed from their storage), a collection without
    /// contiguous storage byte by byte, and 64-bit values, all give the same hex.
    @Test func sha256IsTheSameHoweverTheBytesArrive() {
        // FIPS 180-4's two-block vector, and a million a's (its long message).
        let two = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hex(two) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var rng = SplitMix64(seed: 24)
        for _ in 0..<40 {
            let bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let whole = SHA256.hex(bytes)
            var pieces = SHA256(), lazy = SHA256()
            var at = 0
            while at < bytes.count {
                let n = min(bytes.count - at, Int(rng.next() % 130))
                if rng.next() % 2 == 0 { pieces.update(bytes[at..<(at + n)]) } else { pieces.update(Array(bytes[at..<(at + n)])) }
                lazy.update(bytes[at..<(at + n)].lazy.map { $0 })
                at += n
            }
            #expect(pieces.hex() == whole)
            #expect(lazy.hex() == whole)
        }
        var words = SHA256()
        words.update("x")
        words.update(UInt64(0x0807060504030201))
        words.update(Array(repeating: UInt8(7), count: 70))
        #expect(words.hex() == SHA256.hex([UInt8(ascii: "x"), 1, 2, 3, 4, 5, 6, 7, 8] + Array(repeating: UInt8(7), count: 70)))
    }

    @Test func aFactorSetIsNamedByItsContentNotItsSpelling() throws {
        let a = BatchFactors.annual(try AnnualFactors.parse(bytes("region,g_per_kwh\nDE,380\nFR,44\n"), origin: "a.csv"))
        let b = BatchFactors.annual(try AnnualFactors.parse(bytes("g_per_kwh,region\n44.000,FR\n380,DE\n"), origin: "b.csv"))
        let c = BatchFactors.annual(try AnnualFactors.parse(bytes("region,g_per_kwh\nDE,440\nFR,44\n"), origin: "c.csv"))
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
        #expect(BatchFactors.catalog(.bundled, year: nil).digest != BatchFactors.catalog(.bundled, year: 2023).digest)
    }

    @Test func aPartialSaysWhatItWasMadeWithAndEndsWithItsChecksum() throws {
        let p = try partial(workload, try job(pue: "1.2"))
        let lines = p.split(separator: "\n")
        let head = try JSONValue.parse(String(lines[0]))
        #expect(head["partial"] == .number(2) && head["co2e"] == .string("test") && head["pue"] == .string("1.2"))
        #expect(head["factors"] == .string(BatchFactors.annual(try AnnualFactors.parse(bytes(annual), origin: "x")).digest))
        #expect(head["inputs"] == .array([.object([("name", .string("w.csv")), ("size", .number(Double(workload.utf8.count))),
                                                    ("ranges", .array([.array([.number(0), .number(Double(workload.utf8.count))])]))])]))
        let end = try JSONValue.parse(String(lines.last!))
        let body = lines.dropLast().map { $0 + "\n" }.joined()
        #expect(end["sha256"] == .string(SHA256.hex(body)) && end["lines"] == .number(Double(lines.count - 1)))
    }

    @Test func partialsMadeWithOtherFactorsPueGroupingOrVersionAreRefusedNamingTheField() throws {
        let base = try partial()
        let other: [(Batch.Job, String)] = [
            (try job("region,g_per_kwh\nDE,440\nFR,44\n"), "factors"),
            (try job(pue: "1.1"), "pue"),
            (try job(by: ["region", "day"]), "by"),
        ]
        for (j, field) in other {
            let e = refusal([base, try partial(workload, name: "other.csv", j)])
            #expect(e?.code == .partialMismatch && e?.field == field && e?.file == "p2.jsonl" && e?.reason.contains("p1.jsonl:1") == true, "\(field): \(String(describing: e))")
        }
        var v = try job()
        v.version = "9.9"
        #expect(refusal([base, try partial(workload, name: "other.csv", v)])?.field == "co2e_version")
    }

    @Test func theSamePartialTwiceOrOverlappingBytesAreRefused() throws {
        let whole = try partial()
        #expect(refusal([whole, whole])?.reason.contains("same partial") == true)
        let a = try partial(workload, try job(range: 0..<60)), b = try partial(workload, try job(range: 40..<200))
        let e = refusal([a, b])
        #expect(e?.code == .partialMismatch && e?.reason.contains("bytes 40..60") == true, "\(String(describing: e))")
        // Ranges that touch read every line once, and leave no gap.
        let c = try partial(workload, try job(range: 60..<200))
        let merged = try merge([c, a])
        try merged.checkComplete()
        #expect(merged.csv == (try Batch.run([.bytes(bytes(workload), name: "w.csv")], try job())).csv)
        // One range alone leaves a gap, which a result refuses.
        #expect(throws: CO2eError.self) { try merge([a]).checkComplete() }
        // The same file given twice to one run is counted once or refused, never twice.
        #expect(throws: CO2eError.self) { try Batch.run([.bytes(bytes(workload), name: "w.csv"), .bytes(bytes(workload), name: "w.csv")], try job()) }
    }

    @Test func anEmptyRangeAtTheStartReadsNoRowsSoNoRowIsCountedTwice() throws {
        // 0..0 read the whole input while its partial claimed no byte, so merged with a partial
        // of all the bytes, every row was counted twice (found by examples/dask_batch.py).
        let empty = try Batch.run([.bytes(bytes(workload), name: "w.csv")], try job(range: 0..<0))
        #expect(empty.rowsRead == 0)
        #expect(empty.groups.values.allSatisfy { $0.rows == 0 })
        let merged = try merge([empty.partialLines, try partial(workload, try job(range: 0..<200))])
        try merged.checkComplete()
        #expect(merged.rowsRead == 3)
        #expect(merged.csv == (try Batch.run([.bytes(bytes(workload), name: "w.csv")], try job())).csv)
    }

    @Test func aLineTooLongInALaterRangeIsNamedByItsLineInTheFile() throws {
        // A range's own count named line 3 here (found by examples/dask_batch.py's tests).
        let rows = String(repeating: "2025-01-01T00:00:00Z,DE,1\n", count: 5)
        let text = "timestamp,region,kwh\n" + rows + "2025-01-01T00:00:00Z," + String(repeating: "D", count: 1 << 21) + ",1\n"
        let start = "timestamp,region,kwh\n".utf8.count + 3 * "2025-01-01T00:00:00Z,DE,1\n".utf8.count + 5
        for range in [0..<text.utf8.count, start..<text.utf8.count] {
            do {
                _ = try Batch.run([.bytes(bytes(text), name: "w.csv")], try job(range: range))
                Issue.record("a line over 1 MiB was read")
            } catch let e as CO2eError {
                #expect(e.file == "w.csv" && e.line == 7, "\(range): \(e)")
            }
        }
    }

    @Test func craftedPartialsAreRefusedNotTrappedOrTrusted() throws {
        let p = try partial()
        func replacing(_ a: String, _ b: String, line: Int = 0) -> String {
            crafted(p) { $0[line] = $0[line].replacingOccurrences(of: a, with: b) }
        }
        let cases: [(String, String)] = [
            (replacing("\"by\":[\"region\"]", "\"by\":[]"), "is empty"),
            (replacing("\"by\":[\"region\"]", "\"by\":[\"week\"]"), "not a grouping"),
            (replacing("\"pue\":\"1\"", "\"pue\":\"0\""), "is not a PUE"),
            (replacing("\"pue\":\"1\"", "\"pue\":\"abc\""), "is not a PUE"),
            (replacing("\"pue\":\"1\"", "\"pue\":\"0.5\""), "is not a PUE"),
            (replacing("\"mode\":\"annual\"", "\"mode\":\"weekly\""), "is not a mode"),
            (replacing("\"market\":false", "\"market\":true"), "names no market factor set"),
            (replacing("\"rows_read\":\"3\"", "\"rows_read\":\"2\""), "rows read"),
            (replacing("\"rows_read\":\"3\"", "\"rows_read\":\"18446744073709551616\""), "is not a count"),
            (replacing("\"problems\":{}", "\"problems\":{\"bad_number\":\"4\"}"), "more rows with problems"),
            (replacing("\"partial\":2", "\"partial\":1"), "another format version"),
            (replacing("\"pue\":\"1\"", "\"pue\":\"1\",\"pue\":\"2\""), "appears twice"),
            (replacing("\"rows\":\"2\"", "\"rows\":\"0\"", line: 1), "more than 0 rows can hold"),
            (crafted(p) { $0.append("{\"sample\":{\"file\":\"w.csv\",\"line\":1e300,\"problem\":\"bad_number\",\"detail\":\"x\"}}") }, "sample.line"),
            (crafted(p) { $0.append($0[1]) }, "gives a group twice"),
            (p.replacingOccurrences(of: "\"kwh\":\"101", with: "\"kwh\":\"102"), "checksum does not match"),
            (String(p.split(separator: "\n").dropLast().map { $0 + "\n" }.joined()), "cut short"),
        ]
        for (text, expected) in cases {
            let e = refusal([text])
            #expect(e != nil && e!.description.contains(expected) && e!.file == "p1.jsonl" && e!.line != nil, "\(expected): \(String(describing: e))")
        }
    }

    @Test func countsPastTwoTo64AcrossPartialsAreRefused() throws {
        // Two partials of 2^63 rows each (crafted with groups that can hold them).
        func huge(_ name: String) -> String {
            crafted(try! partial(workload, name: name)) { lines in
                lines[0] = lines[0].replacingOccurrences(of: "\"rows_read\":\"3\"", with: "\"rows_read\":\"9223372036854775809\"")
                lines[1] = lines[1].replacingOccurrences(of: "\"rows\":\"2\"", with: "\"rows\":\"9223372036854775808\"")
            }
        }
        let e = refusal([huge("a.csv"), huge("b.csv")])
        #expect(e?.code == .partialMismatch && e?.reason.contains("2^64") == true, "\(String(describing: e))")
    }

    /// Found by the partials fuzz target: a row in year 24 grouped by day was written `24-01-01`,
    /// so one run's own partial did not merge ("is not a period") and the day sorted after 2025.
    @Test func aDayOrMonthBeforeYear1000HasFourYearDigitsAndItsPartialsMerge() throws {
        let log = "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,100\n0024-01-01T01:00:00Z,FR,40\n0999-12-31T23:00:00Z,DE,2\n"
        for (by, periods) in [(["region", "day"], ["0999-12-31", "2025-01-01", "0024-01-01"]), (["month"], ["0024-01", "0999-12", "2025-01"])] {
            let j = try job(by: by)
            let whole = try Batch.run([.bytes(bytes(log), name: "w.csv")], j)
            #expect(whole.sortedGroups.map { $0.key.period } == periods, "\(by)")
            let cut = log.utf8.count / 2
            var first = j, second = j
            first.range = 0..<cut
            second.range = cut..<log.utf8.count
            let merged = try merge([try partial(log, first), try partial(log, second)])
            try merged.checkComplete()
            #expect(merged.csv == whole.csv && merged.partialLines == whole.partialLines, "\(by)")
        }
    }
}
