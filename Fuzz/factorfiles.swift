// Factor files: the same bytes read as annual factors (region,g_per_kwh) and as hourly factors
// (region,timestamp,g_per_kwh), by one and by two threads: each gives a table or one short error
// line; an hourly table's rows are the rows after the header (blank lines aside), whichever the
// thread count; memory follows the rows (libFuzzer's -rss_limit_mb catches the rest).
import CO2eKit
@testable import CO2eBatch

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    oneLine {
        let a = try AnnualFactors.parse(bytes, origin: "f.csv")
        require(a.count <= dataLines(bytes), "\(a.count) regions from \(dataLines(bytes)) lines")
    }
    var rows: [Int] = []
    for threads in [1, 2] {
        oneLine {
            let h = try HourlyFactors.load(.bytes(bytes, name: "h.csv"), threads: threads)
            require(h.rows <= dataLines(bytes) && h.regionCount <= h.rows, "\(h.rows) rows, \(h.regionCount) regions from \(dataLines(bytes)) lines")
            rows.append(h.rows)
            // Every row read is an hour the table holds (dense or sparse), found where it was put.
            var held = 0
            for r in 0..<h.regionCount {
                let text = h.use(region: r).value
                held += Int(text.dropFirst("hourly, ".count).prefix { $0.isNumber }) ?? -1
            }
            require(held == h.rows, "\(h.rows) rows read, \(held) hours held")
            // Every table feeds a run.
            let log = Array("timestamp,region,kwh\n2025-01-01T00:30:00Z,DE,1\n5000-06-01T00:00:00+01:00,FR,2\n".utf8)
            let t = try Batch.run([.bytes(log, name: "log.csv")], Batch.Job(factors: .hourly(h), grouping: ["region", "day"]))
            checkCounts(t, lines: 2)
        }
    }
    require(rows.count != 1, "one thread count read the table, the other did not")
    if rows.count == 2 { require(rows[0] == rows[1], "\(rows[0]) rows by one thread, \(rows[1]) by two") }
    return 0
}
