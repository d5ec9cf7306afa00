// Market factors (region,g_per_kwh) beside annual location factors: any bytes give a table whose
// run has its counts add up, a market figure for every group and covered energy within the
// total, or one short error line.
import CO2eKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let log = Array("timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,1.5\n2025-01-01T00:00:00Z,FR,2\n2025-01-01T00:00:00Z,US,0.25\n2025-01-01T00:00:00Z,XX,1\n".utf8)
    oneLine {
        let market = try AnnualFactors.parse(bytes, origin: "market.csv")
        let t = try Batch.run([.bytes(log, name: "log.csv")], Batch.Job(factors: .annual(fuzzFactors), grouping: ["region"], market: market))
        checkCounts(t, lines: 4)
        require(t.hasMarket, "no market figure")
        let total = t.total
        require(total.marketEnergy.double(scale: 18) <= total.energy.double(scale: 18) * (1 + 1e-12), "covered energy above the total")
    }
    return 0
}
