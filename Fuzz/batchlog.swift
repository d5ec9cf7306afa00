// Batch logs (timestamp,region,kwh, any columns): any bytes give totals whose counts add up
// (every row used or counted), or one short error line. The first byte picks the factors
// (annual, hourly, one zone), the grouping and the thread count.
import CO2eKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let first = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let factors: BatchFactors = first & 0x18 == 0x08 ? .hourly(fuzzHourly) : first & 0x18 == 0x10 ? .single(380_000_000, FactorUse(region: "DE", value: "380 g/kWh", origin: "fuzz")) : .annual(fuzzFactors)
    let job = Batch.Job(factors: factors, pue: "1.2", grouping: grouping(first >> 5), threads: first & 0x04 != 0 ? 2 : 1)
    oneLine {
        let t = try Batch.run([.bytes(bytes, name: "log.csv")], job)
        checkCounts(t, lines: dataLines(bytes))
    }
    return 0
}
