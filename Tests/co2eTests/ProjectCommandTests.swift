import Testing
import Foundation
@testable import co2e

// `co2e project`: the commands of the issue as written, and bad input.

@Test(arguments: [
    ["project", "--scenario", "iea-2025-base", "--to", "2035"],
    ["project", "--scenario", "iea-2025-base", "--scenario", "iea-2025-lift-off", "--scenario", "iea-2025-headwinds", "--to", "2035"],
    ["project", "--scenario", "morgan-stanley-2024", "--cumulative", "2024..2030"],
    ["project", "--scenario", "lbnl-2024-low", "--scenario", "lbnl-2024-high", "--to", "2028"],
    ["project", "--scenario", "iea-2025-base", "--set", "growth=20%/y", "--set", "grid-decline=3%/y", "--to", "2030"],
    ["project", "--scenario", "iea-2025-base", "--sensitivity", "--to", "2030"],
    ["project", "--list"],
])
func issueCommandsRun(_ args: [String]) {
    let r = runCLI(args)
    #expect(r.code == 0, "\(r)")
    #expect(r.err.isEmpty, "\(r)")
}

@Test func morganStanleyOutputSaysCumulativeAndGlobal() {
    let r = runCLI(["project", "--scenario", "morgan-stanley-2024", "--cumulative", "2024..2030"])
    #expect(r.out.contains("Emissions 2024–2030, CUMULATIVE (7 years)  2.591 GtCO2e"), "\(r)")
    #expect(r.out.contains("GLOBAL data centres; totals INCLUDE embodied"))
    #expect(r.out.contains("cumulative total 2024–2030  2.5Gt (morganstanley2024)  2.591 GtCO2e  +3.6 %      yes (±12 %)"), "\(r.out)")
}

@Test func fileScenarioWithChart() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-project-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("my-scenario.json").path, chart = dir.appendingPathComponent("projection.svg").path
    try """
    {"id": "my-scenario", "title": "Mine", "source": "me", "base_year": 2024, "interpolation": "constant compound rate",
     "regions": [{"region": "us", "base": {"value": "183TWh"}, "path": [{"year": 2030, "value": "350TWh"}]},
                 {"region": "europe", "base": {"value": "68TWh"}, "path": [{"year": 2030, "rate": "5%/y"}]}],
     "sources": [{"id": "me", "kind": "report", "title": "My notes", "publisher": "Me", "published": "2025", "licence": "-", "url": "-"}]}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = runCLI(["project", "--file", file, "--chart", chart])
    #expect(r.code == 0, "\(r)")
    #expect(r.out.contains("Chart written to \(chart)"))
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    // One scenario with two regions: the total and each region, in two panels.
    #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 3 * 2)
    let tornado = dir.appendingPathComponent("tornado.svg").path
    let t = runCLI(["project", "--file", file, "--sensitivity", "--chart", tornado])
    #expect(t.code == 0, "\(t)")
    #expect(try String(contentsOfFile: tornado, encoding: .utf8).contains("class=\"bar\""))
}

@Test(arguments: [
    (["project"], 2, "--scenario: give --scenario ID (see --list) or --file FILE"),
    (["project", "--scenario", "iea-2025-bse"], 1, "did you mean iea-2025-base"),
    (["project", "--scenario", "iea-2025-base", "--set", "grwoth=20%/y"], 2, "--set: 'grwoth=20%/y' names no input of a projection; did you mean growth?"),
    (["project", "--scenario", "iea-2025-base", "--set", "growth=-100%/y"], 2, "-100 %/y or less"),
    (["project", "--scenario", "iea-2025-base", "--set", "growth.mars=5%/y"], 2, "names region 'mars'"),
    (["project", "--scenario", "iea-2025-base", "--to", "2024"], 2, "--to: '2024' is not after iea-2025-base's base year"),
    (["project", "--scenario", "iea-2025-base", "--to", "20x"], 2, "--to: '20x' is not a year"),
    (["project", "--scenario", "morgan-stanley-2024", "--cumulative", "2030..2024"], 2, "ends before it starts"),
    (["project", "--scenario", "morgan-stanley-2024", "--cumulative", "2020..2030"], 2, "starts before morgan-stanley-2024's base year"),
    (["project", "--scenario", "morgan-stanley-2024", "--set", "grid-decline=3%/y"], 2, "does not apply to morgan-stanley-2024"),
    (["project", "--file", "/nonexistent/x.json"], 1, "cannot read '/nonexistent/x.json'"),
    (["project", "--list", "--scenario", "iea-2025-base"], 2, "give either --list or --scenario"),
    (["project", "--scenario", "iea-2025-base", "--scenario", "iea-2025-base"], 2, "is given twice"),
])
func badInputIsOneLineWithExitCode(_ args: [String], _ code: Int32, _ message: String) {
    let r = runCLI(args)
    #expect(r.code == code, "\(r)")
    #expect(r.err.contains(message), "\(r)")
    #expect(r.err.split(separator: "\n").count == 1, "\(r)")
    #expect(r.out.isEmpty)
}

@Test func malformedFileNamesTheFieldAndLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-bad-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "{\"id\": \"x\",\n \"regions\": [1,]}".write(toFile: path, atomically: true, encoding: .utf8)
    let r = runCLI(["project", "--file", path])
    #expect(r.code == 1)
    #expect(r.err.contains("\(path):2: line 2, column 16: trailing comma before ']'"), "\(r)")
    try #"{"id": "x", "title": "t", "source": "s", "base_year": 2024, "interpolation": "g", "regions": [{"region": "us", "base": {"value": "1TWh"}, "path": [{"year": 2030, "rate": "1%/y"}]}], "extra": 1}"#
        .write(toFile: path, atomically: true, encoding: .utf8)
    let u = runCLI(["project", "--file", path, "--json"])
    #expect(u.code == 1)
    #expect(u.err.contains("\"field\":\"extra\""), "\(u)")
}

// The reliability issue: files never damaged, outputs that fit, errors that name the input.

@Test func aChartOverItsScenarioFileIsRefusedAndTheFileKeptThroughALinkToo() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-project-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("my.json").path
    let text = #"{"id": "mine", "title": "Mine", "source": "iea2025", "base_year": 2024, "interpolation": "g", "regions": [{"region": "us", "base": {"value": "183TWh"}, "path": [{"year": 2030, "value": "350TWh"}]}]}"#
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let soft = dir.appendingPathComponent("soft.json").path, hard = dir.appendingPathComponent("hard.json").path
    try FileManager.default.createSymbolicLink(atPath: soft, withDestinationPath: file)
    try FileManager.default.linkItem(atPath: file, toPath: hard)
    for chart in [file, soft, hard] {
        let r = runCLI(["project", "--file", file, "--chart", chart, "--json"])
        #expect(r.code == 2 && r.err.contains("\"code\":\"output_refused\""), "\(r)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
    }
}

@Test func aNegativeIntensityIsRefusedLikeTrainingRefusesIt() {
    let p = runCLI(["project", "--scenario", "iea-2025-base", "--set", "intensity=-1g/kWh"])
    let t = runCLI(["training", "--energy", "1GWh", "--intensity", "-1g/kWh"])
    #expect(p.code == 2 && t.code == 2, "\(p)\n\(t)")
    #expect(p.err.contains("is negative") && t.err.contains("is negative"))
}

@Test func aScenarioTitleCannotForgeALineOrClearTheScreen() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-title-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try #"{"id": "mine", "title": "Mine\r\nFAKE LINE\u001b[2J", "source": "iea2025", "base_year": 2024, "interpolation": "g", "regions": [{"region": "us", "name": "U\u001b[31mS", "base": {"value": "183TWh"}, "path": [{"year": 2030, "value": "350TWh"}]}]}"#
        .write(toFile: path, atomically: true, encoding: .utf8)
    let r = runCLI(["project", "--file", path])
    #expect(r.code == 0, "\(r)")
    #expect(!r.out.contains("\u{1B}") && !r.out.contains("\r"))
    #expect(!r.out.split(separator: "\n").contains { $0.hasPrefix("FAKE LINE") })
    #expect(r.out.contains(#"Mine\r\nFAKE LINE\u{1B}[2J"#))
}
