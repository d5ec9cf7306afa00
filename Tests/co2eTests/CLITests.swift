import Foundation
import Testing
import CO2eKit
@testable import co2e

// The co2e command line, run in-process through CLI.run with a capturing Console, and (at the
// end of the file) as a copied binary in a subprocess.

@Suite struct SmokeTests {
    @Test func versionPrints() {
        var out = ""
        let code = CLI.run(["--version"], console: Console(out: { out += $0 }, err: { _ in }))
        #expect(code == 0)
        #expect(out.hasPrefix("co2e "))
    }
}

// MARK: - Helpers

/// What one run of the CLI did.
private struct CLIResult: CustomStringConvertible {
    let code: Int32
    let out: String
    let err: String

    var description: String { "exit \(code)\n--- stdout:\n\(out)\n--- stderr:\n\(err)" }

    /// The standard output parsed as a JSON object.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(out.utf8))
        return try #require(value as? [String: Any], "stdout is not a JSON object: \(out)", sourceLocation: sourceLocation)
    }
}

private final class Buffer {
    var text = ""
}

/// Runs co2e in-process with `arguments`, capturing what it prints.
private func co2e(_ arguments: String...) -> CLIResult {
    co2e(arguments)
}

private func co2e(_ arguments: [String]) -> CLIResult {
    let out = Buffer(), err = Buffer()
    let code = CLI.run(arguments, console: Console(out: { out.text += $0 }, err: { err.text += $0 }))
    return CLIResult(code: code, out: out.text, err: err.text)
}

/// Expects a successful run with nothing on standard error.
private func expectSuccess(_ r: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.code == 0, "\(r)", sourceLocation: sourceLocation)
    #expect(r.err.isEmpty, "\(r)", sourceLocation: sourceLocation)
    #expect(!r.out.isEmpty, "\(r)", sourceLocation: sourceLocation)
}

/// Expects a failed run: exit `code`, nothing on stdout, one line on stderr starting
/// `co2e: error:` that contains each of `words`.
private func expectFailure(_ r: CLIResult, code: Int32, mentioning words: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.code == code, "expected exit \(code): \(r)", sourceLocation: sourceLocation)
    #expect(r.out.isEmpty, "nothing on stdout on error: \(r)", sourceLocation: sourceLocation)
    #expect(r.err.hasPrefix("co2e: error: "), "\(r)", sourceLocation: sourceLocation)
    #expect(r.err.hasSuffix("\n") && r.err.filter { $0 == "\n" }.count == 1, "one line on stderr: \(r)",
            sourceLocation: sourceLocation)
    for word in words {
        #expect(r.err.contains(word), "stderr should mention '\(word)': \(r.err)", sourceLocation: sourceLocation)
    }
}

/// `results` of an estimate's JSON, by key.
private func results(_ json: [String: Any]) -> [String: [String: Any]] {
    var byKey: [String: [String: Any]] = [:]
    for case let r as [String: Any] in json["results"] as? [Any] ?? [] {
        if let key = r["key"] as? String, let value = r["value"] as? [String: Any] { byKey[key] = value }
    }
    return byKey
}

private func number(_ any: Any?) -> Double? {
    switch any {
    case let d as Double: return d
    case let i as Int: return Double(i)
    case let n as NSNumber: return n.doubleValue
    default: return nil
    }
}

/// Relative closeness for values computed by floating-point arithmetic (1e-12: the same number).
private func same(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))
}

/// Checks that the table and the JSON of one estimate carry the same steps and figures.
private func expectSameContent(table: CLIResult, json: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
    expectSuccess(table, sourceLocation: sourceLocation)
    expectSuccess(json, sourceLocation: sourceLocation)
    let object = try json.json(sourceLocation: sourceLocation)
    let steps = try #require(object["steps"] as? [[String: Any]], sourceLocation: sourceLocation)
    let figures = try #require(object["results"] as? [[String: Any]], sourceLocation: sourceLocation)
    #expect(!steps.isEmpty && !figures.isEmpty, sourceLocation: sourceLocation)
    for item in steps + figures {
        let label = item["label"] as? String ?? "?"
        let text = (item["value"] as? [String: Any])?["text"] as? String ?? "?"
        let line = table.out.split(separator: "\n").first { $0.contains(label) }
        #expect(line != nil, "table lacks '\(label)':\n\(table.out)", sourceLocation: sourceLocation)
        #expect(line?.contains(text) == true, "table line for '\(label)' should show \(text): \(line ?? "")",
                sourceLocation: sourceLocation)
    }
    for case let f as [String: Any] in object["grid_factors"] as? [Any] ?? [] {
        let zone = f["zone"] as? String ?? "?"
        let source = (f["source"] as? [String: Any])?["id"] as? String ?? "?"
        #expect(table.out.contains(zone) && table.out.contains(source), "table lacks \(zone) / \(source)",
                sourceLocation: sourceLocation)
    }
}

/// A fresh temporary folder, removed by the caller.
private func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

// MARK: - Commands that work

@Suite("CLI: commands that work")
struct CLICommandTests {
    /// OWID/Ember 2025 release, US 2024 (grid-factors/countries.csv): the factor used by
    /// `--grid US` by default.
    static let us2024 = 383.549

    @Test("training --energy 50..60GWh --grid US: 19,177–23,013 t at 383.549 g/kWh, source and year named")
    func energyRangeUS() throws {
        let r = co2e("training", "--energy", "50..60GWh", "--grid", "US")
        expectSuccess(r)
        // Hand calculation: 50e6 kWh x 383.549 g/kWh = 19,177.45 t; 60e6 kWh -> 23,012.94 t.
        let low = 50e6 * Self.us2024 / 1000, high = 60e6 * Self.us2024 / 1000 // kg
        #expect(r.out.contains("19,177–23,013 tCO2e"), "\(r.out)")
        #expect(r.out.contains("50–60 GWh"))
        #expect(r.out.contains("383.549 g/kWh"), "the factor as used, so the printed sum checks")
        #expect(r.out.contains("owid-ember-2025"), "names the source id: \(r.out)")
        #expect(r.out.contains("US 2024"), "names the zone and year: \(r.out)")
        #expect(r.out.contains("Location-based"))

        let j = co2e("training", "--energy", "50..60GWh", "--grid", "US", "--json")
        expectSuccess(j)
        let json = try j.json()
        let location = try #require(results(json)["location_based"])
        #expect(location["unit"] as? String == "kg")
        #expect(number(location["low"]) == low, "low: \(location["low"] ?? "nil")")
        #expect(number(location["high"]) == high, "high: \(location["high"] ?? "nil")")
        #expect(location["value"] == nil, "a range has no single value")
        let factors = try #require(json["grid_factors"] as? [[String: Any]])
        #expect(factors.count == 1)
        #expect(factors.first?["zone"] as? String == "US")
        #expect(number(factors.first?["year"]) == 2024)
        #expect(number(factors.first?["g_co2e_per_kwh"]) == Self.us2024)
        #expect((factors.first?["source"] as? [String: Any])?["id"] as? String == "owid-ember-2025")
        try expectSameContent(table: r, json: j)
    }

    @Test("training --devices 10000 --device-power 400W --hours 2160 --pue 1.1 --grid IE")
    func hardwareIreland() throws {
        let args = ["training", "--devices", "10000", "--device-power", "400W", "--hours", "2160", "--pue", "1.1", "--grid", "IE"]
        let r = co2e(args)
        expectSuccess(r)
        for text in ["10,000 devices", "400 W", "2,160 h", "8.64 GWh", "PUE", "1.1", "9.504 GWh", "IE 2024", "owid-ember-2025", "2,658 tCO2e"] {
            #expect(r.out.contains(text), "'\(text)' missing:\n\(r.out)")
        }
        let j = co2e(args + ["--json"])
        let location = try #require(results(try j.json())["location_based"])
        // 10,000 x 400 W x 2,160 h = 8.64 GWh; x 1.1 = 9.504 GWh; x 279.702 g/kWh (IE 2024,
        // grid-factors/countries.csv) = 2,658.29 t.
        #expect(same(number(location["value"]), 10_000 * 400 * 2160 / 1000 * 1.1 * 279.702 / 1000), "\(location)")
        try expectSameContent(table: r, json: j)
    }

    @Test("training --energy 1287MWh --pue-included --intensity 0.429kg/kWh: 552.1 t (Patterson's GPT-3)")
    func gpt3() throws {
        let args = ["training", "--energy", "1287MWh", "--pue-included", "--intensity", "0.429kg/kWh"]
        let r = co2e(args)
        expectSuccess(r)
        #expect(r.out.contains("552.1 tCO2e"), "\(r.out)")
        #expect(r.out.contains("1.287 GWh"))
        #expect(r.out.contains("429 g/kWh"))
        #expect(r.out.contains("PUE) included"), "the trail says PUE is already included: \(r.out)")
        #expect(!r.out.contains("× PUE"), "no PUE multiplication: \(r.out)")
        let j = co2e(args + ["--json"])
        let location = try #require(results(try j.json())["location_based"])
        #expect(same(number(location["value"]), 1_287_000 * 429 / 1000))
        try expectSameContent(table: r, json: j)
    }

    @Test("training --energy 2GWh --grid us-central1 --market-based --recs 100%: location-based and market-based 0")
    func marketBased() throws {
        let args = ["training", "--energy", "2GWh", "--grid", "us-central1", "--market-based", "--recs", "100%"]
        let r = co2e(args)
        expectSuccess(r)
        #expect(r.out.contains("Location-based emissions"), "\(r.out)")
        #expect(r.out.contains("Market-based emissions"), "\(r.out)")
        #expect(r.out.contains("certificates"), "\(r.out)")
        let marketLine = r.out.split(separator: "\n").first { $0.contains("Market-based emissions") }
        #expect(marketLine?.contains(" 0 kgCO2e") == true || marketLine?.contains(" 0 tCO2e") == true, "\(marketLine ?? "")")
        let j = co2e(args + ["--json"])
        let json = try j.json()
        let figures = results(json)
        #expect(Set(figures.keys) == ["location_based", "market_based"])
        #expect(number(figures["market_based"]?["value"]) == 0)
        let factor = try #require((json["grid_factors"] as? [[String: Any]])?.first)
        let g = try #require(number(factor["g_co2e_per_kwh"]))
        #expect(same(number(figures["location_based"]?["value"]), 2e6 * g / 1000))
        #expect(number(figures["location_based"]?["value"]).map { $0 > 0 } == true)
        try expectSameContent(table: r, json: j)
    }

    @Test("training --energy 2GWh --grid eGRID:SRVC: 269.016 g/kWh (eGRID2023) -> 538 t")
    func eGRIDSubregion() throws {
        let r = co2e("training", "--energy", "2GWh", "--grid", "eGRID:SRVC")
        expectSuccess(r)
        #expect(r.out.contains("eGRID:SRVC 2023"), "\(r.out)")
        #expect(r.out.contains("epa-egrid2023"))
        #expect(r.out.contains("538 tCO2e"), "\(r.out)")
        let j = co2e("training", "--energy", "2GWh", "--grid", "eGRID:SRVC", "--json")
        #expect(same(number(results(try j.json())["location_based"]?["value"]), 2e6 * 269.016 / 1000))
        try expectSameContent(table: r, json: j)
    }

    @Test("factors US: value, year, basis, source")
    func factorsUS() throws {
        let r = co2e("factors", "US")
        expectSuccess(r)
        for text in ["United States", "383.549 g/kWh", "2024", "lifecycle", "production", "owid-ember-2025", "grid-factors/countries.csv"] {
            #expect(r.out.contains(text), "'\(text)' missing:\n\(r.out)")
        }
        let json = try co2e("factors", "US", "--json").json()
        #expect(json["zone"] as? String == "US")
        let factor = try #require((json["factors"] as? [[String: Any]])?.first)
        #expect(number(factor["g_co2e_per_kwh"]) == 383.549)
        #expect(number(factor["year"]) == 2024)
        #expect((factor["source"] as? [String: Any])?["id"] as? String == "owid-ember-2025")
        #expect((json["years"] as? [Any])?.count == 10)
    }

    @Test("factors --list: every zone and cloud region")
    func factorsList() throws {
        let r = co2e("factors", "--list")
        expectSuccess(r)
        let zones = try FactorCatalog.bundled.zones()
        let regions = try FactorCatalog.bundled.cloudRegions()
        #expect(r.out.contains("\(zones.count) zones"), "\(r.out.prefix(200))")
        #expect(r.out.contains("\(regions.count) cloud regions"))
        for text in ["US", "eGRID:SRVC", "gcp:europe-west1", "WORLD", "aws:us-east-1", "azure:westus2"] {
            #expect(r.out.contains(text), "'\(text)' missing from the list")
        }
        let json = try co2e("factors", "--list", "--json").json()
        #expect((json["zones"] as? [Any])?.count == zones.count)
        #expect((json["cloud_regions"] as? [Any])?.count == regions.count)
    }

    @Test("factors us-east-1: the zone it maps to, and why")
    func factorsUSEast1() throws {
        let r = co2e("factors", "us-east-1")
        expectSuccess(r)
        for text in ["aws:us-east-1", "eGRID:SRVC", "269.016 g/kWh", "2023", "operational", "epa-egrid2023", "Dominion"] {
            #expect(r.out.contains(text), "'\(text)' missing:\n\(r.out)")
        }
        let json = try co2e("factors", "us-east-1", "--json").json()
        #expect(json["zone"] as? String == "eGRID:SRVC")
        #expect((json["cloud_region"] as? [String: Any])?["maps_to"] as? String == "eGRID:SRVC")
    }

    @Test("factors europe-west1 --compare: Google 103.37 and Belgium 117.6, with the reasons")
    func factorsCompare() throws {
        let r = co2e("factors", "europe-west1", "--compare")
        expectSuccess(r)
        for text in ["103.37 g/kWh", "117.576 g/kWh", "google-region-carbon", "owid-ember-2025", "Belgium", "basis", "boundary"] {
            #expect(r.out.contains(text), "'\(text)' missing:\n\(r.out)")
        }
        let json = try co2e("factors", "europe-west1", "--compare", "--json").json()
        let values = (json["entries"] as? [[String: Any]] ?? []).compactMap { number(($0["factor"] as? [String: Any])?["g_co2e_per_kwh"]) }
        #expect(values.contains(103.37) && values.contains(117.576), "\(values)")
        #expect(number(json["low_g_per_kwh"]) == 103.37 && number(json["high_g_per_kwh"]) == 117.576)
    }

    @Test("a user's factor file is used with --grid")
    func userFactorFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mine.csv").path
        try "zone,year,g_co2e_per_kwh,basis,source\nDC-1,2024,250,operational,my-utility\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = co2e("training", "--energy", "2GWh", "--grid", "DC-1", "--factors", path)
        expectSuccess(r)
        #expect(r.out.contains("500 tCO2e"), "\(r.out)")
        #expect(r.out.contains("my-utility"))
        #expect(r.out.contains("\(path):2"), "the trail names the file and line: \(r.out)")
    }

    @Test("no arguments and --help print the overview")
    func overview() {
        for args in [[String](), ["--help"], ["-h"], ["help"]] {
            let r = co2e(args)
            expectSuccess(r)
            #expect(r.out.contains("USAGE: co2e"))
            for c in CLI.commands { #expect(r.out.contains(c.name), "\(args): overview lacks \(c.name)") }
        }
    }

    @Test("--help for each command exits 0 and lists its options", arguments: CLI.commands.map { $0.name })
    func commandHelp(name: String) throws {
        let command = try #require(CLI.command(named: name))
        for args in [[name, "--help"], [name, "-h"], ["help", name], [name, "--energy", "5GWh", "--help"]] {
            let r = co2e(args)
            expectSuccess(r)
            #expect(r.out.contains("USAGE: co2e \(name)"), "\(args): \(r.out)")
            for option in command.options {
                #expect(r.out.contains("--\(option.name)"), "\(args): help lacks --\(option.name)")
            }
        }
    }
}

// MARK: - Bad input

@Suite("CLI: bad input is one line on stderr, exit 1 or 2")
struct CLIErrorTests {
    @Test("usage and input errors", arguments: [
        (["training", "--energy", "50", "--grid", "US"], 2, ["--energy", "'50'", "unit"]),
        (["training", "--energy", "50GWz", "--grid", "US"], 2, ["--energy", "GWz", "did you mean GWh"]),
        (["training", "--energy", "-5GWh", "--grid", "US"], 2, ["energy", "-5", "more than zero"]),
        (["training", "--energy", "0GWh", "--grid", "US"], 2, ["energy", "0", "more than zero"]),
        (["training", "--energy", "NaN", "--grid", "US"], 2, ["--energy", "NaN"]),
        (["training", "--energy", "infGWh", "--grid", "US"], 2, ["--energy", "inf"]),
        (["training", "--energy", "1e400GWh", "--grid", "US"], 2, ["--energy", "1e400"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--pue", "0.9"], 2, ["PUE", "0.9"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--pue", "1.1", "--pue-included"], 2, ["--pue", "--pue-included"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--recs", "150%"], 2, ["--recs", "150%", "100 %"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--intensity", "400g/kWh"], 2, ["--grid", "--intensity"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--enrgy", "4GWh"], 2, ["--enrgy", "did you mean --energy"]),
        (["training", "--energy", "5GWh", "--gird", "US"], 2, ["--gird", "--grid"]),
        (["trainig", "--energy", "5GWh"], 2, ["trainig", "did you mean 'training'"]),
        (["frobnicate"], 2, ["frobnicate", "training", "factors"]),
        (["training", "--grid", "US"], 2, ["--energy"]),
        (["training", "--energy", "5GWh"], 2, ["--grid", "--intensity"]),
        (["training", "--devices", "10000", "--device-power", "400W", "--hours", "2160", "--grid", "US"], 2, ["--pue", "--pue-included"]),
        (["training", "--devices", "10000", "--hours", "2160", "--pue", "1.1", "--grid", "US"], 2, ["--device-power"]),
        (["training", "--energy", "5GWh", "--devices", "8", "--grid", "US"], 2, ["--energy", "--devices"]),
        (["training", "--energy", "5GWh", "--energy", "6GWh", "--grid", "US"], 2, ["--energy", "twice"]),
        (["training", "--energy"], 2, ["--energy", "needs a value"]),
        (["training", "--energy", "5GWh", "--grid", "Germny"], 1, ["Germny", "did you mean Germany"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--year", "1999"], 1, ["1999", "2015", "2024"]),
        (["training", "--energy", "5GWh", "--grid", "US", "--year", "soon"], 2, ["--year", "soon"]),
        (["factors", "Germny"], 1, ["Germny", "Germany"]),
        (["factors", "us-est-1"], 1, ["us-est-1", "us-east-1"]),
        (["factors"], 2, ["ZONE", "--list"]),
        (["factors", "US", "--colour"], 2, ["--colour"]),
    ] as [([String], Int32, [String])])
    func badInput(arguments: [String], code: Int32, words: [String]) {
        expectFailure(co2e(arguments), code: code, mentioning: words)
    }

    @Test("an empty --factors file: exit 1, the message names the file")
    func emptyFactorFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        expectFailure(co2e("training", "--energy", "5GWh", "--grid", "X", "--factors", path), code: 1, mentioning: [path, "empty"])
        expectFailure(co2e("factors", "X", "--factors", path), code: 1, mentioning: [path, "empty"])
    }

    @Test("a malformed --factors file: exit 1, the message names the file and the line")
    func malformedFactorFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.csv").path
        try "zone,year,g_co2e_per_kwh,basis,source\nX,2024,100,lifecycle,me\nY,2024,abc,lifecycle,me\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        expectFailure(co2e("training", "--energy", "5GWh", "--grid", "X", "--factors", path), code: 1,
                      mentioning: ["\(path):3", "abc", "g_co2e_per_kwh"])
        let quote = dir.appendingPathComponent("quote.csv").path
        try "zone,year,g_co2e_per_kwh,basis,source\n\"X,2024,100,lifecycle,me\n"
            .write(toFile: quote, atomically: true, encoding: .utf8)
        expectFailure(co2e("factors", "X", "--factors", quote), code: 1, mentioning: ["\(quote):2", "quote"])
    }

    @Test("a --factors path that does not exist: exit 1, the message names the path")
    func missingFactorFile() {
        let path = "/nonexistent-\(UUID().uuidString)/factors.csv"
        expectFailure(co2e("training", "--energy", "5GWh", "--grid", "US", "--factors", path), code: 1,
                      mentioning: [path, "No such file"])
    }
}

// MARK: - The binary on its own

/// The built co2e executable: next to the test bundle (`.build/<config>/co2e`), else under the
/// package root's `.build*/<config>/`.
private func builtBinary() -> URL? {
    var candidates: [URL] = []
    if let exe = Bundle.main.executableURL {
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("co2e"))
        candidates.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("co2e"))
    }
    var bundle = Bundle.main.bundleURL
    for _ in 0..<4 {
        candidates.append(bundle.appendingPathComponent("co2e"))
        bundle = bundle.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for build in [".build"] {
        for config in ["debug", "release"] {
            candidates.append(root.appendingPathComponent(build).appendingPathComponent(config).appendingPathComponent("co2e"))
        }
    }
    return candidates.first { url in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}

private func runProcess(_ executable: URL, _ arguments: [String], in folder: URL) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting, so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                     err: String(decoding: errData, as: UTF8.self))
}

@Suite("CLI: the co2e binary copied alone")
struct CLIBinaryTests {
    @Test("co2e copied alone into an empty folder still has its tables; exit codes propagate",
          .enabled(if: builtBinary() != nil, "the co2e executable was not found next to the test bundle; build it with `swift build` first"))
    func binaryAlone() throws {
        let built = try #require(builtBinary())
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("co2e")
        try FileManager.default.copyItem(at: built, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["co2e"])

        let ok = try runProcess(copy, ["factors", "US"], in: dir)
        #expect(ok.code == 0, "\(ok)")
        #expect(ok.out.contains("383.549 g/kWh") && ok.out.contains("owid-ember-2025"), "\(ok)")
        #expect(ok.err.isEmpty)

        let estimate = try runProcess(copy, ["training", "--energy", "50..60GWh", "--grid", "US"], in: dir)
        #expect(estimate.code == 0 && estimate.out.contains("19,177–23,013 tCO2e"), "\(estimate)")

        let data = try runProcess(copy, ["factors", "Germny"], in: dir)
        #expect(data.code == 1, "\(data)")
        #expect(data.out.isEmpty && data.err.hasPrefix("co2e: error: ") && data.err.contains("Germany"), "\(data)")

        let usage = try runProcess(copy, ["training", "--energy", "50", "--grid", "US"], in: dir)
        #expect(usage.code == 2, "\(usage)")
        #expect(usage.out.isEmpty && usage.err.hasPrefix("co2e: error: "), "\(usage)")

        let version = try runProcess(copy, ["--version"], in: dir)
        #expect(version.code == 0 && version.out.hasPrefix("co2e "), "\(version)")
    }
}
