// Scenario files (`co2e project --file`): any bytes read as a scenario either give a scenario
// or a CO2eError, never a trap or another error. A scenario read writes back to text that reads
// as the same scenario, and runs (exactly, to its last year) to a result or a CO2eError whose
// message is one short line; the trail and the chart carry no raw control character from the
// file (a title or a region name cannot forge a line or clear a terminal).
import CO2eKit

/// True when `text` holds a character that would break a line or drive a terminal.
func hasControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) || $0.value == 0x2028 || $0.value == 0x2029 }
}

/// Every text of the trail a renderer prints.
func texts(_ e: Estimate) -> [String] {
    var out = [e.title] + e.warnings.map(\.text) + e.assumptions.map(\.text)
    for s in e.steps + e.results { out += [s.label, s.how, s.value.text] }
    for t in e.tables {
        out.append(t.title)
        for row in t.rows {
            for cell in row {
                switch cell {
                case let .text(x): out.append(x)
                case let .value(v): out.append(v.text)
                default: continue
                }
            }
        }
    }
    for c in e.sources { out += [c.title, c.publisher, c.published, c.url] }
    for p in e.parts { out += texts(p) }
    return out
}

func checkError(_ body: () throws -> Void, _ what: String) {
    do {
        try body()
    } catch let e as CO2eError {
        let line = EchoedText.oneLine(e.oneLine())
        require(isOneShortLine(line, limit: 420), "\(what): not one short line: \(line)")
    } catch {
        require(false, "\(what): an error that is not a CO2eError: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    var scenario: Scenario?
    checkError({ scenario = try Scenario.parse(bytes: input.bytes, origin: "fuzz.json") }, "parse")
    guard let s = scenario else { return 0 }
    // Written and read again: the same scenario.
    checkError({
        let back = try Scenario.parse(s.fileText, origin: "again.json")
        require(back == s, "the written scenario reads back as another: \(s.fileText)")
    }, "round trip")
    // A run to the scenario's last year (and a few years past it, extrapolated), exact values;
    // small enough for a fuzz pass.
    guard s.regions.count <= 16 else { return 0 }
    let to = Swift.min(2100, Swift.max(s.baseYear + 1, s.lastYear + 2))
    checkError({
        let r = try Projection.run(ProjectionRequest(scenarios: [s], to: to, cumulative: s.baseYear...to))
        for t in texts(r.estimate) { require(!hasControl(t), "a raw control character in the trail: \(t.debugDescription)") }
        let svg = SVGChart.projection(r, title: r.scenarios.first?.title ?? "")
        require(!hasControl(svg.split(separator: "\n").joined()), "a raw control character in the chart")
        require(r.scenarios.count == 1 && r.scenarios[0].years.count == to - s.baseYear + 1, "years missing from the result")
    }, "run")
    return 0
}
