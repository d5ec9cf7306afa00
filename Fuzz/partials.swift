// Batch partials and --merge: any bytes given to the merge as partial lines, and valid partials
// changed and signed again, either merge or give one short error line (no trap); and a log cut
// into byte ranges at any places, one partial per range, merged in any order, equals one run
// over the whole log bit for bit (rows with problems, their lines and counts included).
import CO2eKit
import CO2eCore
@testable import CO2eBatch

let factorTable = try! AnnualFactors.parse(Array("region,g_per_kwh\nDE,380.5\nFR,44\nXL,18446744073709.551615\n".utf8), origin: "f.csv")

func oneLine(_ body: () throws -> Void) {
    do { try body() } catch let e as CO2eError {
        require(isOneShortLine(e.description, limit: 1_200), "error is not one short line: \(e.description)")
    } catch { require(false, "not a CO2eError: \(error)") }
}

func resigned(_ text: String, _ edit: (inout [String]) -> Void) -> [UInt8] {
    var lines = text.split(separator: "\n").map(String.init)
    guard !lines.isEmpty else { return [] }
    lines.removeLast()
    edit(&lines)
    let body = lines.map { $0 + "\n" }.joined()
    return Array((body + "{\"end\":2,\"lines\":\(lines.count),\"sha256\":\"\(SHA256.hex(body))\"}\n").utf8)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let first = input.bytes.first else { return 0 }
    let rest = Array(input.bytes.dropFirst())

    // 1. The bytes as partial lines, straight into the merge.
    oneLine {
        var merged: BatchTotals? = nil
        try BatchTotals.mergePartials(rest, origin: "fuzz.jsonl", into: &merged)
        if let m = merged { _ = m.csv; _ = m.partialLines; _ = m.estimate() }
    }

    // 2. The bytes as a log: cut into ranges, merged, equal to one run.
    let cuts = Int(first & 7)
    let by: [String] = first & 8 != 0 ? ["region", "day"] : ["region"]
    let pue = first & 16 != 0 ? "1.25" : "1"
    let log = Array("timestamp,region,kwh\n".utf8) + rest
    let job = Batch.Job(factors: .annual(factorTable), pue: pue, grouping: by, version: "fuzz")
    guard let whole = try? Batch.run([.bytes(log, name: "w.csv")], job) else {
        oneLine { _ = try Batch.run([.bytes(log, name: "w.csv")], job) }
        return 0
    }
    var points = Set<Int>()
    for k in 0..<cuts {
        let at = rest.isEmpty ? 0 : (k * 7) % rest.count
        let byte: Int = rest.isEmpty ? k : Int(rest[at]) + k * 251
        points.insert(byte * 37 % (log.count + 1))
    }
    let starts = ([0] + points.sorted()).reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
    var partials: [String] = []
    for (k, s) in starts.enumerated() {
        var j = job
        j.range = s..<(k + 1 < starts.count ? starts[k + 1] : log.count)
        guard let t = try? Batch.run([.bytes(log, name: "w.csv")], j) else { require(false, "a range of a log that reads whole failed"); return 0 }
        partials.append(t.partialLines)
    }
    if first & 32 != 0 { partials.reverse() }
    var merged: BatchTotals? = nil
    do {
        for p in partials { try BatchTotals.mergePartials(Array(p.utf8), origin: "p.jsonl", into: &merged) }
        try merged!.checkComplete()
    } catch { require(false, "valid partials did not merge: \(error)") }
    require(merged!.csv == whole.csv, "merged result differs: \(merged!.csv) vs \(whole.csv)")
    // One run's partial, written once: compared here and edited below.
    let p = whole.partialLines
    require(merged!.partialLines == p, "merged partial differs from one run's")
    require(merged!.rowsRead == whole.rowsRead && merged!.samples == whole.samples, "rows or samples differ")

    // 3. A valid partial changed at one line by the fuzz bytes and signed again: merged or
    // refused, never a trap.
    let edit = String(decoding: rest.prefix(64), as: UTF8.self)
    oneLine {
        var m: BatchTotals? = nil
        try BatchTotals.mergePartials(resigned(p) { lines in
            let k = Int(first >> 6) % lines.count
            let line = lines[k]
            let at = line.index(line.startIndex, offsetBy: min(line.count, Int(first) % max(line.count, 1)))
            lines[k] = String(line[..<at]) + edit + String(line[at...].dropFirst(edit.count % 5))
        }, origin: "e.jsonl", into: &m)
        if let m { _ = m.csv; _ = m.kilograms(m.total) }
    }
    return 0
}
