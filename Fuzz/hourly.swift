// Hourly series and matching: a load, a factor series and (after a second 0 byte) a supply
// series (the same bytes also read as a grid CFE share series) from any bytes either match or
// give one short error line; matched factors lie
// within the series' values; matched supply never exceeds the load or the supply of its
// interval; grid CFE shares lie in 0...1 and the grid's carbon-free energy never exceeds the
// unmatched load; time and memory follow the rows (libFuzzer's
// -timeout and -rss_limit_mb catch the rest).
import CO2eKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let first = input.bytes.first else { return 0 }
    let (loadBytes, rest) = FuzzInput(data + 1, size - 1).split(at: 0)
    let cut = rest.firstIndex(of: 0)
    let factorBytes = cut.map { Array(rest[..<$0]) } ?? rest
    let supplyBytes = cut.map { Array(rest[($0 + 1)...]) }
    let filling = GapFilling.allCases[Int(first) % GapFilling.allCases.count]
    let offset: Int? = first & 0x80 != 0 ? nil : (Int(first >> 2) - 16) * 1800
    func oneLine(_ body: () throws -> Void) {
        do { try body() } catch let e as CO2eError {
            require(isOneShortLine(e.message, limit: 600), "error is not one short line: \(e.message)")
        } catch { require(false, "not a CO2eError: \(error)") }
    }
    oneLine {
        let load = try TimeSeries.read(loadBytes, origin: "load.csv", layout: .load, assumedOffsetSeconds: offset)
        let factors = try TimeSeries.read(factorBytes, origin: "factors.csv", layout: .factors, assumedOffsetSeconds: offset)
        for s in [load, factors] {
            require(!s.points.isEmpty && s.stepSeconds > 0, "an empty series or a step of \(s.stepSeconds)")
            for k in s.points.indices.dropFirst() {
                require(s.points[k].time > s.points[k - 1].time, "points out of order")
                require((s.points[k].time.secondsSinceEpoch - s.points[k - 1].time.secondsSinceEpoch) % s.stepSeconds == 0, "off the grid")
            }
        }
        let matched = try TimeMatchedEmissions.match(load: load, factors: factors, filling: filling)
        require(matched.slots.count == load.points.count, "\(matched.slots.count) slots for \(load.points.count) load rows")
        let known = factors.points.compactMap(\.value)
        let low = known.min() ?? 0, high = known.max() ?? 0
        for s in matched.slots {
            let g = s.gramsPerKilowattHour
            require(g >= low - 1e-9 * abs(low) && g <= high + 1e-9 * abs(high), "a matched factor \(g) outside the series' \(low)...\(high)")
        }
        require(matched.gapsInPeriod.count <= load.points.count + factors.points.count, "more filled gaps than rows")
        _ = matched.csv
        guard let supplyBytes else { return }
        let supply = try TimeSeries.read(supplyBytes, origin: "supply.csv", layout: .supply, assumedOffsetSeconds: offset)
        let hourly = try HourlySupply.match(matched, loadStepSeconds: load.stepSeconds, supplies: [supply])
        require(hourly.intervals.count == matched.slots.count, "\(hourly.intervals.count) supply intervals for \(matched.slots.count) slots")
        for i in hourly.intervals {
            let slack = 1e-9 * max(i.loadKWh, i.supplyKWh, 1)
            require(i.matchedKWh >= 0 && i.matchedKWh <= i.loadKWh + slack && i.matchedKWh <= i.supplyKWh + slack,
                    "matched \(i.matchedKWh) kWh of a load of \(i.loadKWh) and a supply of \(i.supplyKWh)")
        }
        // The same bytes as a grid CFE series (header cfe_share): every share read is 0...1 and
        // the grid's carbon-free energy never exceeds the load the contracts leave to the grid.
        guard let grid = try? TimeSeries.read(supplyBytes, origin: "cfe.csv", layout: .gridCFE, assumedOffsetSeconds: offset),
              let withGrid = try? HourlySupply.match(matched, loadStepSeconds: load.stepSeconds, supplies: [], gridCFE: grid) else { return }
        for i in withGrid.intervals {
            if let share = i.gridCFEShare { require(share >= 0 && share <= 1, "a grid CFE share \(share) outside 0...1") }
            require(i.gridCarbonFreeKWh <= i.unmatchedKWh * (1 + 1e-12), "grid carbon-free \(i.gridCarbonFreeKWh) kWh above the unmatched \(i.unmatchedKWh)")
        }
        require(withGrid.gridCFEGaps <= withGrid.intervals.count, "more grid CFE gaps than intervals")
    }
    return 0
}
