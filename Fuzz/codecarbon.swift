// CodeCarbon emissions.csv logs through co2e's bundled factors: counts add up, the log's own
// figure is summed only over rows used, or one short error line.
import CO2eKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let first = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let job = Batch.Job(factors: .catalog(.bundled, year: first & 0x80 != 0 ? 2023 : nil), grouping: grouping(first), threads: 1,
                        market: first & 0x40 != 0 ? fuzzFactors : nil)
    oneLine {
        let t = try Batch.run([.bytes(bytes, name: "emissions.csv")], job)
        checkCounts(t, lines: dataLines(bytes))
        if t.rowsUsed == 0 { require(t.total.reportedMass.isZero, "a reported mass without rows") }
    }
    return 0
}
