// Shared by the batch fuzz targets (compiled into each with Common.swift): a run's counts add
// up, and errors are one short line with a file.
import CO2eKit

/// Lines a batch reads after its header: every newline-ended line, and a last one without its
/// newline (so rows read + blank lines = this).
func dataLines(_ bytes: [UInt8]) -> Int {
    guard let first = bytes.firstIndex(of: 10) else { return 0 }
    var n = 0
    for b in bytes[(first + 1)...] where b == 10 { n += 1 }
    if bytes.last != 10 && bytes.count > first + 1 { n += 1 }
    return n
}

/// Every row is used or counted: rows read = rows in groups + rows skipped; rows read and
/// blank lines are the lines after the header; no problem count exceeds the rows read.
func checkCounts(_ t: BatchTotals, lines: Int?) {
    let skipped = t.problems.values.reduce(UInt64(0)) { $0 &+ $1 }
    require(skipped <= t.rowsRead, "\(skipped) rows skipped of \(t.rowsRead) read")
    let inGroups = t.groups.values.reduce(UInt64(0)) { $0 &+ $1.rows }
    require(inGroups + skipped == t.rowsRead, "rows read \(t.rowsRead) != used \(inGroups) + skipped \(skipped)")
    if let lines { require(Int(t.rowsRead + t.blankLines) == lines, "\(t.rowsRead) rows + \(t.blankLines) blank lines for \(lines) lines") }
    require(t.samples.count <= BatchTotals.sampleLimit && UInt64(t.samples.count) <= skipped, "\(t.samples.count) samples for \(skipped) skipped")
    for s in t.samples { require(s.line >= 2, "a bad row at line \(s.line)") }
    _ = t.csv
    _ = t.estimate().json
}

/// Runs `body`; a CO2eError must be one short line, anything else thrown is a violation.
func oneLine(_ body: () throws -> Void) {
    do { try body() } catch let e as CO2eError {
        require(isOneShortLine(e.oneLine(), limit: 700), "error is not one short line: \(e.oneLine())")
    } catch { require(false, "not a CO2eError: \(error)") }
}

let fuzzFactors = try! AnnualFactors.parse(Array("region,g_per_kwh\nDE,380.5\nFR,50\nUS,400\n\"a,b\",1\n".utf8), origin: "f.csv")
let fuzzHourly = try! HourlyFactors.load(.bytes(Array("region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,300\nDE,2025-01-01T01:00:00Z,310\nFR,0001-01-01T00:00:00Z,50\nFR,9999-12-31T23:00:00Z,60\n".utf8), name: "h.csv"))

/// A grouping chosen by a byte.
func grouping(_ b: UInt8) -> [String] {
    [["region"], ["region", "day"], ["month"], ["region", "month"], ["day"]][Int(b) % 5]
}
