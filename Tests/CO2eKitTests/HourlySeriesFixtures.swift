// Series for the hourly tests (time matching, supply), written once.
@testable import CO2eCore

/// CSV bytes from lines.
func csv(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

/// `count` hourly rows from 2022-01-01T00:00Z: `header`, then the time and `row(hour)` ("" for a gap).
func hourlyCSV(_ header: String, _ count: Int, _ row: (Int) -> String) -> [UInt8] {
    var lines = [header]
    for h in 0..<count {
        lines.append(Timestamp(secondsSinceEpoch: 1_640_995_200 + Int64(h) * 3_600).iso8601 + "," + row(h))
    }
    return csv(lines)
}
