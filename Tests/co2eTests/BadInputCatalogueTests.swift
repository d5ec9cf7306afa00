// The bad-input catalogue: for every command, option and file format, inputs that must give a
// clear answer: the exit code, and for an error exactly one short line on standard error
// naming the value or field at fault. Rows are data; add one for every new way to be wrong.
import Foundation
import Testing
import CO2eKit
@testable import co2e

/// Files the rows name, written once into a scratch folder: `@name` in an argument is the
/// path of file `name`.
private let fixtures: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-catalogue-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let factorHeader = "zone,year,g_co2e_per_kwh,basis,source\n"
    let dealHeader = "id,buyer,supplier,method,durability,certification,tonnes,start_year,end_year,profile,price_basis,source,note\n"
    let files: [String: String] = [
        "load.csv": "timestamp,kwh\n2022-01-01T00:00:00Z,1\n2022-01-01T01:00:00Z,2\n",
        "hourly.csv": "timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,100\n2022-01-01T01:00:00Z,200\n",
        "span.csv": "timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,100\n2022-01-01T00:00:01Z,200\n9999-12-31T23:59:59Z,300\n",
        "millennia.csv": "timestamp,kwh\n2022-01-01T00:00:00Z,1\n9000-01-01T00:00:00Z,1\n",
        "year10000.csv": "timestamp,kwh\n9999-12-31T23:00-02:00,1\n",
        "cr-only.csv": "timestamp,kwh\r2022-01-01T00:00Z,1\r2022-01-01T01:00Z,2\r",
        "big-field.csv": "timestamp,kwh\n2022-01-01T00:00Z," + String(repeating: "9", count: 10 << 20) + "x\n",
        "long-value.csv": "timestamp,kwh\n2022-01-01T00:00Z," + String(repeating: "9", count: 5000) + "x\n",
        "nul.csv": "timestamp,kwh\n\0\0\0\n",
        "newline-field.csv": "timestamp,kwh\n\"2022-01-01\nT00:00Z\",1\n",
        "no-kwh.csv": "timestamp,watts\n2022-01-01T00:00Z,1\n",
        "no-time.csv": "when,kwh\n2022-01-01T00:00Z,1\n",
        "negative.csv": "timestamp,kwh\n2022-01-01T00:00Z,-1\n",
        "not-number.csv": "timestamp,kwh\n2022-01-01T00:00Z,lots\n",
        "empty-kwh.csv": "timestamp,kwh\n2022-01-01T00:00Z,\n",
        "twice.csv": "timestamp,kwh\n2022-01-01T00:00Z,1\n2022-01-01T00:00Z,1\n",
        "no-offset.csv": "timestamp,kwh\n2022-01-01T00:00,1\n",
        "bad-time.csv": "timestamp,kwh\n2022-13-01T00:00Z,1\n",
        "missing-hour.csv": "timestamp,kwh\n2022-01-01T00:00Z,1\n2022-01-01T01:00Z,1\n2022-01-01T03:00Z,1\n",
        "off-grid.csv": "timestamp,kwh\n2022-01-01T00:00Z,1\n2022-01-01T01:00Z,1\n2022-01-01T02:30Z,1\n",
        "fields.csv": "timestamp,kwh\n2022-01-01T00:00Z,1,2\n",
        "empty.csv": "",
        "header-only.csv": "timestamp,kwh\n",
        "unclosed.csv": "timestamp,kwh\n\"2022-01-01T00:00Z,1\n",
        "after-quote.csv": "timestamp,kwh\n\"2022-01-01T00:00Z\"x,1\n",
        "f-quote.csv": factorHeader + "US,2020,100,lifecycle,a\"b\nUS,2024,500,lifecycle,src\n",
        "f-unicode.csv": factorHeader + "ÉIRE,2020,100,lifecycle,s\néire,2024,500,lifecycle,s\n",
        "f-cr.csv": factorHeader + "US,2020,100,lifecycle,s\n\rUS,2024,500,lifecycle,s\n",
        "f-year.csv": factorHeader + "US,20x4,100,lifecycle,s\n",
        "f-value.csv": factorHeader + "US,2024,lots,lifecycle,s\n",
        "f-negative.csv": factorHeader + "US,2024,-5,lifecycle,s\n",
        "f-basis.csv": factorHeader + "US,2024,100,guess,s\n",
        "f-twice.csv": factorHeader + "US,2024,100,lifecycle,s\nus,2024,200,lifecycle,s\n",
        "f-no-source.csv": factorHeader + "US,2024,100,lifecycle,\n",
        "f-columns.csv": "zone,year,value\nUS,2024,100\n",
        "f-header-only.csv": factorHeader,
        "f-long-zone.csv": factorHeader + String(repeating: "Z", count: 100_000) + ",2024,100,lifecycle,s\n",
        "f-newline-zone.csv": factorHeader + "\"A\nB\",2024,100,guess,s\n",
        // Batch logs and factor files.
        "b-log.csv": "timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,100\n",
        "b-factors.csv": "region,g_per_kwh\nDE,380\n",
        "b-hourly.csv": "region,timestamp,g_per_kwh\nDE,2024-01-01T10:00:00Z,380\n",
        "b-cr-only.csv": "timestamp,region,kwh\r2024-01-01T00:00:00Z,DE,100\r",
        "b-cr-factors.csv": "region,g_per_kwh\rDE,380\r",
        "b-quote-header.csv": "timestamp,region,\"kwh\n2024-01-01T00:00:00Z,DE,100\n",
        "b-quote-factors.csv": "region,\"g_per_kwh\nDE,380\n",
        "b-quote-hourly.csv": "region,timestamp,\"g_per_kwh\nDE,2024-01-01T00:00:00Z,380\n",
        "b-two-kwh.csv": "timestamp,region,kwh,kwh\n2024-01-01T00:00:00Z,DE,1,2\n",
        "b-region-zone.csv": "timestamp,region,zone,kwh\n2024-01-01T00:00:00Z,DE,FR,1\n",
        "b-two-factor-columns.csv": "region,g_per_kwh,g_co2e_per_kwh\nDE,380,1\n",
        "b-long-line.csv": "timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,1\n" + String(repeating: "x", count: 2 << 20) + "\n",
        "b-total.csv": "timestamp,region,kwh\n2024-01-01T00:00:00Z,TOTAL,1\n",
        "b-total-factors.csv": "region,g_per_kwh\nTOTAL,1\n",
        "b-huge.csv": "timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,1e30\n",
        "b-bad-hour.csv": "timestamp,region,kwh\n2024-01-01T25:00:00Z,DE,1\n",
        "b-no-offset.csv": "timestamp,region,kwh\n2024-01-01T10:00:00,DE,1\n",
        "deals-tons.csv": "id,buyer,supplier,method,durability,tons,start_year,end_year,price_basis,source,year\nd1,B,S,dac,above_1000y,100,2025,2026,not_disclosed,x,2025\n",
        "d-huge.csv": dealHeader + "big,X,S,dac,above_1000y,,1e308,2026,2030,even,not_disclosed,s,\n",
        "d-inf.csv": dealHeader + "big,X,S,dac,above_1000y,,1e400,2026,2030,even,not_disclosed,s,\n",
        "d-profile-twice.csv": dealHeader + "d,X,S,dac,above_1000y,,1000,2026,2030,2026:500;2026:500,not_disclosed,s,\n",
        "d-profile-huge.csv": dealHeader + "d,X,S,dac,above_1000y,,1000,2026,2030,2026:1e300;2027:-1e300,not_disclosed,s,\n",
        "d-twice.csv": dealHeader + "d,X,S,dac,above_1000y,,1000,2026,2030,even,not_disclosed,s,\nD,X,S,dac,above_1000y,,1000,2026,2030,even,not_disclosed,s,\n",
        "d-escape.csv": dealHeader + "\"ev\u{1B}[2Jil\",X\u{1B}[31mY,\"S\rFAKE\",dac,above_1000y,,1000,2026,2030,even,not_disclosed,s,\"n\u{1B}]0;t\u{7}\"\n",
        // Scenario files for `project`.
        "scenario.json": scenario(),
        "s-unit.json": scenario(#", "published": [{"figure": "electricity", "year": 2030, "value": "5Mt"}]"#),
        "s-grid.json": scenario().replacingOccurrences(of: #""region": "us","#, with: #""region": "us", "grid": "Atlantis","#),
        "s-sources.json": scenario().replacingOccurrences(of: #""sources": ["#, with: #""sources": [{"id": "me", "kind": "report", "title": "B", "publisher": "B", "published": "2024", "licence": "-", "url": "-"}, "#),
        "f-read.csv": "zone,year,g_co2e_per_kwh,basis,source,read\nUS,2024,100,lifecycle,s,hearsay\n",
        "d-read.csv": "id,buyer,supplier,method,durability,tonnes,start_year,end_year,profile,price_basis,source,year,read\n"
            + "mine,Me,You,dac,above_1000y,1000,2025,2030,even,not_disclosed,me,2025,hearsay\n",
    ]
    for (name, text) in files { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8)) }
    _ = symlink(dir + "/nowhere.csv", dir + "/dangling.csv")
    writePartialFixtures(dir)
    return dir
}()

/// One row: arguments, the exit code, and what standard error (or, for exit 0, standard
/// output) must contain.
struct BadInput: CustomStringConvertible, Sendable {
    let arguments: [String]
    let code: Int32
    let contains: String
    init(_ arguments: [String], _ code: Int32, _ contains: String) {
        self.arguments = arguments
        self.code = code
        self.contains = contains
    }
    var description: String { arguments.map { $0.count > 40 ? String($0.prefix(37)) + "..." : $0 }.joined(separator: " ") }
}

/// A one-region scenario file, with `extra` top-level members.
private func scenario(_ extra: String = "") -> String {
    #"{"id": "mine", "title": "Mine", "source": "me", "base_year": 2024, "interpolation": "constant compound rate", "regions": [{"region": "us", "base": {"value": "183TWh"}, "path": [{"year": 2030, "value": "350TWh"}]}], "sources": [{"id": "me", "kind": "report", "title": "My notes", "publisher": "Me", "published": "2025", "licence": "-", "url": "-"}]"# + extra + "}"
}

private let long = String(repeating: "x", count: 128 << 10)
private let hourly = ["hourly", "--load", "@load.csv", "--factors", "@hourly.csv"]

private let batchLog = ["batch", "@b-log.csv"]

let badInputs: [BadInput] = [
    // Batch logs and their factor files (a bad row is counted: with --on-error skip the run
    // says why in its table of rows not used).
    BadInput(["batch", "@b-quote-header.csv", "--factors", "@b-factors.csv"], 1, "b-quote-header.csv:1: 'timestamp,region,\"kwh' is a header with a quote that is not closed"),
    BadInput(batchLog + ["--factors", "@b-quote-factors.csv"], 1, "b-quote-factors.csv:1:"),
    BadInput(batchLog + ["--factors", "@b-factors.csv", "--market-factors", "@b-quote-factors.csv"], 1, "header with a quote that is not closed"),
    BadInput(batchLog + ["--hourly-factors", "@b-quote-hourly.csv"], 1, "b-quote-hourly.csv:1:"),
    BadInput(["batch", "@b-two-kwh.csv", "--factors", "@b-factors.csv"], 1, "has two kwh columns, 'kwh' (column 3) and 'kwh' (column 4)"),
    BadInput(["batch", "@b-region-zone.csv", "--factors", "@b-factors.csv"], 1, "'region' (column 2) and 'zone' (column 3)"),
    BadInput(batchLog + ["--factors", "@b-two-factor-columns.csv"], 1, "has two factor columns"),
    BadInput(["batch", "@b-long-line.csv", "--factors", "@b-factors.csv"], 1, "b-long-line.csv:3: the line is longer than the 1 MiB"),
    BadInput(["batch", "@b-total.csv", "--factors", "@b-factors.csv", "--on-error", "skip"], 0, "has the name of the result's TOTAL row"),
    BadInput(batchLog + ["--factors", "@b-total-factors.csv"], 1, "b-total-factors.csv:2: region: 'TOTAL' is the name of the result's total row"),
    BadInput(["batch", "@b-huge.csv", "--factors", "@b-factors.csv", "--on-error", "skip"], 0, "kwh '1e30' is out of range (accepted: 0 to"),
    BadInput(["batch", "@b-bad-hour.csv", "--factors", "@b-factors.csv", "--by", "day", "--on-error", "skip"], 0, "'2024-01-01T25:00:00Z' is not an ISO 8601 time"),
    BadInput(["batch", "@b-no-offset.csv", "--hourly-factors", "@b-hourly.csv", "--on-error", "skip"], 0, "'2024-01-01T10:00:00' is not an ISO 8601 time with an offset"),
    BadInput(["batch", "@b-no-offset.csv", "--factors", "@b-factors.csv", "--by", "month"], 0, "a time without an offset is taken as UTC"),
    BadInput(batchLog + ["--grid", "bundled", "--year", "2030"], 2, "--year: '2030' is a year no bundled factor table has"),
    BadInput(batchLog + ["--grid", "US", "--year", "2030"], 2, "--year: '2030' has no bundled factor for US"),
    BadInput(batchLog + ["--grid", "Germny"], 1, "is not a known zone"),
    BadInput(batchLog + ["--grid", "US"], 0, "through one zone's factor"),
    BadInput(["removals", "--list", "--deals", "@deals-tons.csv"], 1, "deals-tons.csv:1: missing column 'tonnes'"),
    // The command line.
    BadInput(["nosuch"], 2, "nosuch"),
    BadInput([long], 2, "is not a command"),
    BadInput(["train\ning"], 2, "train\\ning"),
    BadInput(["training", "--" + long], 2, "is not an option"),
    BadInput(["training", "--energy\n", "1GWh"], 2, "--energy\\n"),
    BadInput(["training", "-e", "1GWh"], 2, "-e"),
    BadInput(["training", "--energy"], 2, "--energy"),
    BadInput(["training", "--energy", "1GWh", "--energy", "2GWh", "--grid", "US"], 2, "twice"),
    BadInput(["training", "--json=yes"], 2, "--json"),
    BadInput(["training", "--energy", long, "--grid", "US"], 2, "xxx..."),
    BadInput(["training", "--energy", "x\ny", "--grid", "US"], 2, "x\\ny"),
    BadInput(["training", "--energy", "NaN GWh", "--grid", "US"], 2, "NaN"),
    BadInput(["training", "--energy", "5GWh", "--grid", "Nowhere\nland"], 1, "Nowhere\\nland"),
    BadInput(["training", "--energy", "5GWh", "--grid", long], 1, "is not a known zone"),
    BadInput(["training", "--energy", "5GWh", "--grid", "US", "--pue", "0.5"], 2, "0.5"),
    BadInput(["training", "--energy", "5GWh", "--grid", "US", "--year", "1800"], 2, "1800"),
    BadInput(["training", "--energy", "5GWh", "--grid", "US", "extra"], 2, "extra"),
    BadInput(["training", "--energy", "50-60GWh", "--grid", "US"], 2, "write low..high with two dots: 50..60GWh"),
    BadInput(["training", "--devices", "1", "--device-power", "700W", "--hours", "10", "--grid", "US"], 2, "(see --pue-included)"),
    BadInput(["training", "--device-power", "700W", "--hours", "10", "--pue", "1.1", "--grid", "US"], 2, "(see --device-hours)"),
    BadInput(["factors", "DE", "FR", "--compare"], 2, "shows one zone at a time"),
    BadInput(["factors", "DE", "Nowhere"], 1, "Nowhere"),
    BadInput(["training", "--devices", "1", "--device-power", "700W", "--hours", "5devices", "--pue-included", "--intensity", "425g/kWh"], 2, "'devices', which is not a unit of duration"),
    BadInput(["factors", "Germny"], 1, "Germny"),
    BadInput(["factors", "Germny", "--json"], 1, "{\"error\":"),
    BadInput(["factors", "US", "--factors", "@nosuch.csv"], 1, "No such file"),
    BadInput(["factors", "US", "--factors", "/dev/zero"], 1, "not a regular file"),
    BadInput(["factors", "US", "--factors", "@"], 1, "directory"),
    // A user's factor file: the lookup agrees with the full read (exit 0 rows print the answer).
    BadInput(["training", "--energy", "1MWh", "--grid", "US", "--factors", "@f-quote.csv"], 0, "US 2024"),
    BadInput(["training", "--energy", "1MWh", "--grid", "ÉIRE", "--factors", "@f-unicode.csv"], 0, "ÉIRE 2024"),
    BadInput(["training", "--energy", "1MWh", "--grid", "US", "--factors", "@f-cr.csv"], 0, "US 2024"),
    BadInput(["factors", "--list", "--factors", "@f-year.csv"], 1, "column year"),
    BadInput(["factors", "--list", "--factors", "@f-value.csv"], 1, "lots"),
    BadInput(["factors", "--list", "--factors", "@f-negative.csv"], 1, "negative"),
    BadInput(["factors", "--list", "--factors", "@f-basis.csv"], 1, "guess"),
    BadInput(["factors", "--list", "--factors", "@f-twice.csv"], 1, "already given"),
    BadInput(["factors", "--list", "--factors", "@f-no-source.csv"], 1, "source"),
    BadInput(["factors", "--list", "--factors", "@f-columns.csv"], 1, "missing column"),
    BadInput(["factors", "--list", "--factors", "@f-header-only.csv"], 1, "no factor rows"),
    BadInput(["factors", "--list", "--factors", "@empty.csv"], 1, "empty"),
    BadInput(["training", "--energy", "1MWh", "--grid", String(repeating: "Z", count: 100_001), "--factors", "@f-long-zone.csv"], 1, "ZZZ..."),
    BadInput(["factors", "--list", "--factors", "@f-newline-zone.csv"], 1, "guess"),
    BadInput(["factors", "--list", "--factors", "@unclosed.csv"], 1, "never closed"),
    // The read column (issue 30): optional in a user's file, but one of primary, copy, secondary.
    BadInput(["factors", "--list", "--factors", "@f-read.csv"], 1, "hearsay"),
    BadInput(["removals", "--list", "--deals", "@d-read.csv"], 1, "hearsay"),
    // equivalents: the named set.
    BadInput(["equivalents", "90t", "--source", "nosuch"], 2, "nosuch"),
    BadInput(["equivalents", "90t", "--source", ""], 2, "--source"),
    // hourly: options.
    BadInput(["hourly", "--factors", "@hourly.csv"], 2, "--load"),
    BadInput(["hourly", "--load", "@load.csv"], 2, "--factors"),
    BadInput(hourly + ["--utc-offset", ":30Z"], 2, ":30Z"),
    BadInput(hourly + ["--utc-offset", ":30+01:00"], 2, ":30+01:00"),
    BadInput(hourly + ["--utc-offset", "+19:00"], 2, "+19:00"),
    BadInput(hourly + ["--utc-offset", long], 2, "UTC offset"),
    BadInput(hourly + ["--fill-gaps", "guess"], 2, "guess"),
    BadInput(hourly + ["--out", "/dev/null"], 1, "not a regular file"),
    BadInput(hourly + ["--out", "@dangling.csv"], 1, "symbolic link"),
    BadInput(hourly + ["--out", "@load.csv"], 2, "--load"),
    BadInput(hourly + ["--year", "2022"], 2, "--year"),
    // hourly: files.
    BadInput(["hourly", "--load", "/dev/zero", "--factors", "@hourly.csv"], 1, "/dev/zero"),
    BadInput(["hourly", "--load", "@load.csv", "--factors", "/dev/zero"], 1, "/dev/zero"),
    BadInput(["hourly", "--load", "@load.csv", "--factors", "@span.csv"], 1, "no value for 2"),
    BadInput(["hourly", "--load", "@load.csv", "--factors", "@span.csv", "--fill-gaps", "linear"], 1, "would invent"),
    BadInput(["hourly", "--load", "@millennia.csv", "--factors", "@span.csv"], 1, "9000-01-01T00:00:00Z"),
    BadInput(["hourly", "--load", "@year10000.csv", "--factors", "@hourly.csv"], 1, "outside the times"),
    BadInput(["hourly", "--load", "@cr-only.csv", "--factors", "@hourly.csv"], 1, "CR-only"),
    BadInput(["hourly", "--load", "@big-field.csv", "--factors", "@hourly.csv"], 1, "longer than 1 MiB"),
    BadInput(["hourly", "--load", "@long-value.csv", "--factors", "@hourly.csv"], 1, "999..."),
    BadInput(["hourly", "--load", "@nul.csv", "--factors", "@hourly.csv"], 1, "NUL"),
    BadInput(["hourly", "--load", "@newline-field.csv", "--factors", "@hourly.csv"], 1, "2022-01-01\\nT00:00Z"),
    BadInput(["hourly", "--load", "@no-kwh.csv", "--factors", "@hourly.csv"], 1, "kwh"),
    BadInput(["hourly", "--load", "@no-time.csv", "--factors", "@hourly.csv"], 1, "time column"),
    BadInput(["hourly", "--load", "@negative.csv", "--factors", "@hourly.csv"], 1, "negative"),
    BadInput(["hourly", "--load", "@not-number.csv", "--factors", "@hourly.csv"], 1, "lots"),
    BadInput(["hourly", "--load", "@empty-kwh.csv", "--factors", "@hourly.csv"], 1, "empty"),
    BadInput(["hourly", "--load", "@twice.csv", "--factors", "@hourly.csv"], 1, "2022-01-01T00:00:00Z"),
    BadInput(["hourly", "--load", "@no-offset.csv", "--factors", "@hourly.csv"], 1, "UTC offset"),
    BadInput(["hourly", "--load", "@bad-time.csv", "--factors", "@hourly.csv"], 1, "2022-13-01"),
    BadInput(["hourly", "--load", "@missing-hour.csv", "--factors", "@hourly.csv"], 1, "missing"),
    BadInput(["hourly", "--load", "@off-grid.csv", "--factors", "@hourly.csv"], 1, "grid"),
    BadInput(["hourly", "--load", "@fields.csv", "--factors", "@hourly.csv"], 1, "3 fields"),
    BadInput(["hourly", "--load", "@empty.csv", "--factors", "@hourly.csv"], 1, "empty"),
    BadInput(["hourly", "--load", "@header-only.csv", "--factors", "@hourly.csv"], 1, "no rows"),
    BadInput(["hourly", "--load", "@unclosed.csv", "--factors", "@hourly.csv"], 1, "never closed"),
    BadInput(["hourly", "--load", "@after-quote.csv", "--factors", "@hourly.csv"], 1, "closing quote"),
    BadInput(["hourly", "--load", "@nosuch.csv", "--factors", "@hourly.csv"], 1, "No such file"),
    // Removals, net, cost, montecarlo (issue 24, findings 10-12).
    BadInput(["removals", "--list", "--deals", "@d-huge.csv"], 1, "d-huge.csv:2: tonnes '1e308' is out of range"),
    BadInput(["removals", "--list", "--deals", "@d-inf.csv"], 1, "d-inf.csv:2: tonnes '1e400' is not a finite number"),
    BadInput(["net", "--emissions", "1Mt/y", "--portfolio", "all", "--deals", "@d-huge.csv"], 1, "d-huge.csv:2: tonnes '1e308'"),
    BadInput(["removals", "--list", "--deals", "@d-profile-twice.csv"], 1, "gives 2026 twice"),
    BadInput(["removals", "--list", "--deals", "@d-profile-huge.csv"], 1, "profile '2026:1e300;2027:-1e300'"),
    BadInput(["removals", "--list", "--deals", "@d-twice.csv"], 1, "d-twice.csv:3: deal 'D' is already given"),
    BadInput(["removals", "--list", "--deals", "@d-escape.csv"], 0, "ev\\u{1B}[2Jil  X\\u{1B}[31mY from S\\rFAKE"),
    BadInput(["cost", "--emissions", "22kt", "--method", "dac", "--in-service", "2024-02-30"], 2, "'2024-02-30' is not a calendar date"),
    BadInput(["cost", "--emissions", "22kt", "--method", "dac", "--in-service", "2024-2-3"], 2, "'2024-2-3' is not a date"),
    BadInput(["cost", "--emissions", "22kt", "--method", "reforestation", "--price", "10..50/t"], 2, "the unit before '/' is missing"),
    BadInput(["cost", "--emissions", "22kt", "--method", "reforestation", "--price", "$10..50/t"], 0, "0.22–1.1 million USD"),
    BadInput(["cost", "--emissions", "22kt", "--method", "dac", "--price", "$600..1,000/t"], 0, "13.2–22 million USD"),
    BadInput(["montecarlo", "--samples", "1", "--threads", "1"], 0, "\"samples\":1,"),
    // Found by trying README as a new user would (2026-12-06).
    BadInput(["embodied", "--accelerator", "H100", "--count", "8", "--use", "10y"], 2,
             "--use: '10y' is longer than the hardware is in use over its life (lifetime 5 y × utilisation 100 % = 5 y)"),
    BadInput(["embodied", "--accelerator", "H100", "--count", "8", "--use", "4y..6y"], 2, "accepted: a time in use of at most 5 y"),
    BadInput(["embodied", "--count", "8", "--use", "3y", "--device-embodied", "150kg", "--lifetime", "4y", "--utilisation", "60%"], 2,
             "(lifetime 4 y × utilisation 60 % = 2.4 y)"),
    BadInput(["embodied", "--accelerator", "H100", "--count", "8", "--use", "5y"], 0, "Embodied share, accelerators                  1.312 tCO2e"),
    BadInput(["embodied", "--datacenter", "100MW", "--lifetime", "20y"], 0, "default: one year, the building's yearly share"),
    BadInput(["embodied", "--datacenter", "100MW", "--lifetime", "20y", "--utilisation", "4%"], 2,
             "--lifetime: '20y' × utilisation 4 % is shorter than one year, the time in use taken when no --use is given"),
    BadInput(["embodied", "--accelerator", "H100", "--count", "8", "--use", "4y", "--lifetime", "lognormal:5y,0.2"], 2,
             "(for the distributions of the lifetime: over their support, or the central 99 % of a normal or lognormal)"),
    BadInput(["training", "--devices", "8", "--hours", "10y", "--device-power", "700W", "--pue", "1.1", "--accelerator", "H100", "--embodied", "--grid", "FR"], 2,
             "--hours: '10y' is longer than the hardware is in use over its life (lifetime 5 y × utilisation 100 % = 5 y)"),
    BadInput(["montecarlo", "--percentiles", "nan"], 2, "--percentiles: 'nan' is not a number"),
    BadInput(["impact", "--value", "carbon", "never-read.yaml"], 2, "--value: is refused: impact writes the observations back as YAML"),
    BadInput(["impact", "--html", "never-written.html", "never-read.yaml"], 2, "--html: is refused"),
    BadInput(["impact", "--json", "never-read.yaml"], 2, "\"error\":\"--json: is refused: impact writes the observations back as YAML"),
    BadInput(["impact", "--csv", "never-read.yaml"], 2, "--csv: is refused: impact writes the observations back as YAML"),
    BadInput(["impact", "--summary", "never-read.yaml"], 2, "--summary: is refused"),
    BadInput(["factors", "US", "--summary"], 2, "--summary: needs a command that gives an estimate; this one gives a list"),
    BadInput(["project", "--list", "--summary"], 2, "--summary: needs a command that gives an estimate; this one gives a list"),
    BadInput(["training", "--energy", "50GWh", "--grid", "US", "--csv", "--summary"], 2, "--summary: cannot be given with --csv"),
    BadInput(batchLog + ["--factors", "@b-factors.csv", "--partial", "--csv"], 2, "--partial: cannot be given with --csv"),
    BadInput(batchLog + ["--factors", "@b-factors.csv", "--partial", "--summary"], 2, "--partial: cannot be given with --summary"),
    BadInput(["montecarlo", "--samples", "100", "--threads", "1", "--csv"], 0, "part,section,key,label,value,low,high,unit\n"),
    BadInput(["montecarlo", "--samples", "100", "--threads", "1", "--summary"], 0, "Peer benchmark Monte Carlo job\n\n  Emissions  mean"),
    BadInput(["batch", "@b-cr-only.csv", "--factors", "@b-factors.csv"], 1, "b-cr-only.csv:1: has CR-only line ends (old Mac style)"),
    BadInput(batchLog + ["--factors", "@b-cr-factors.csv"], 1, "b-cr-factors.csv:1: has CR-only line ends (old Mac style)"),
    BadInput(["hourly", "--load", "@no-offset.csv", "--factors", "@hourly.csv"], 1, "Local times that follow daylight saving must carry their offsets. (see --utc-offset)"),
    BadInput(["cost", "--emissions", "22kt", "--method", "dac", "--in-service", "1850-01-01"], 2, "'1850-01-01' is outside the years co2e reads"),
    BadInput(["montecarlo", "--percentiles", "150"], 2, "--percentiles: '150' is not a percentile: it is outside 0 to 100"),
    BadInput(["montecarlo", "--percentiles", "5,x"], 2, "--percentiles: '5,x' has 'x', which is not a number"),
    BadInput(["training", "--energy", "1GWh", "--grid", "US", "--embodied", "--device-embodied", "150kg"], 2, "--embodied: needs the devices' time in use"),
    BadInput(["training", "--model", "gpt-3", "--params", "100B"], 2, "--model: cannot be given with --params"),
    BadInput(["company", "microsoft", "--baseline", "2015"], 1, "--baseline: '2015' is not a year Microsoft reported"),
    BadInput(["company", "microsoft", "--scope", "3"], 2, "--scope: goes with --by"),
    BadInput(["net", "--emissions", "1Mt/y", "--to", "2030"], 2, "give --portfolio BUYER or --deal ID, or --deals FILE for every deal in a file"),
]

/// Batch logs and partial results for the `batch` rows: a valid partial (`p-ok.jsonl`), one of
/// another job, one of part of its input, and crafted ones signed again so that only the named
/// fault is wrong.
private func writePartialFixtures(_ dir: String) {
    let log = "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,100\n2025-01-01T01:00:00Z,FR,40\n2025-01-01T02:00:00Z,DE,1.5\n"
    func partial(name: String = "w.csv", pue: String = "1", range: Range<Int>? = nil) -> String {
        let factors = try! AnnualFactors.parse(Array("region,g_per_kwh\nDE,380\nFR,44\n".utf8), origin: "f.csv")
        return try! Batch.run([.bytes(Array(log.utf8), name: name)], Batch.Job(factors: .annual(factors), pue: pue, version: CLI.version, range: range)).partialLines
    }
    let ok = partial()
    func crafted(_ edit: (inout [String]) -> Void) -> String {
        var lines = ok.split(separator: "\n").map(String.init)
        lines.removeLast()
        edit(&lines)
        let body = lines.map { $0 + "\n" }.joined()
        return body + "{\"end\":2,\"lines\":\(lines.count),\"sha256\":\"\(SHA256.hex(body))\"}\n"
    }
    func replacing(_ a: String, _ b: String, line: Int = 0) -> String { crafted { $0[line] = $0[line].replacingOccurrences(of: a, with: b) } }
    let files: [String: String] = [
        "w-batch.csv": log,
        "f-batch.csv": "region,g_per_kwh\nDE,380\nFR,44\n",
        "huge-kwh.csv": "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,1e30\n",
        "p-ok.jsonl": ok,
        "p-pue.jsonl": partial(name: "v.csv", pue: "1.2"),
        "p-part.jsonl": partial(range: 0..<60),
        "p-by-empty.jsonl": replacing("\"by\":[\"region\"]", "\"by\":[]"),
        "p-pue0.jsonl": replacing("\"pue\":\"1\"", "\"pue\":\"0\""),
        "p-pue-abc.jsonl": replacing("\"pue\":\"1\"", "\"pue\":\"abc\""),
        "p-mode.jsonl": replacing("\"mode\":\"annual\"", "\"mode\":\"weekly\""),
        "p-market.jsonl": replacing("\"market\":false", "\"market\":true"),
        "p-rows.jsonl": replacing("\"rows_read\":\"3\"", "\"rows_read\":\"2\""),
        "p-count.jsonl": replacing("\"rows_read\":\"3\"", "\"rows_read\":\"18446744073709551616\""),
        "p-v1.jsonl": replacing("\"partial\":2", "\"partial\":1"),
        "p-dup-key.jsonl": replacing("\"pue\":\"1\"", "\"pue\":\"1\",\"pue\":\"1\""),
        "p-line.jsonl": crafted { $0.append("{\"sample\":{\"file\":\"w.csv\",\"line\":1e300,\"problem\":\"bad_number\",\"detail\":\"x\"}}") },
        "p-checksum.jsonl": ok.replacingOccurrences(of: "\"kwh\":\"101", with: "\"kwh\":\"102"),
        "p-cut.jsonl": ok.split(separator: "\n").dropLast().map { $0 + "\n" }.joined(),
    ]
    for (name, text) in files { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8)) }
}

private let batchRows: [BadInput] = [
    // batch: exact sums (a kWh past what one row may hold is refused with its line and the bound).
    BadInput(["batch", "@huge-kwh.csv", "--factors", "@f-batch.csv", "--on-error", "skip"], 0, "out of range (accepted: 0 to 3.4e20 kWh per row)"),
    // batch --out: the atomic write; devices, FIFOs and dangling links refused.
    BadInput(["batch", "@w-batch.csv", "--factors", "@f-batch.csv", "--out", "/dev/null"], 1, "not a regular file"),
    BadInput(["batch", "@w-batch.csv", "--factors", "@f-batch.csv", "--out", "@dangling.csv"], 1, "symbolic link"),
    BadInput(["batch", "@w-batch.csv", "--factors", "@f-batch.csv", "--range", "abc"], 2, "is not a byte range"),
    BadInput(["batch", "@w-batch.csv", "--factors", "@f-batch.csv", "--range", "9..3"], 2, "ends before it starts"),
    BadInput(["batch", "@w-batch.csv", "@w-batch.csv", "--factors", "@f-batch.csv", "--range", "0..9"], 2, "one log file"),
    BadInput(["batch", "@w-batch.csv", "@w-batch.csv", "--factors", "@f-batch.csv"], 1, "read already"),
    // batch --merge: what a partial must be, and exactly once.
    BadInput(["batch", "--merge", "/dev/zero"], 1, "not a regular file"),
    BadInput(["batch", "--merge", "@p-ok.jsonl", "@p-ok.jsonl"], 1, "same partial"),
    BadInput(["batch", "--merge", "@p-ok.jsonl", "@p-pue.jsonl"], 1, "pue 1.2 differs from 1"),
    BadInput(["batch", "--merge", "@p-part.jsonl"], 1, "are in no partial"),
    BadInput(["batch", "--merge", "@p-part.jsonl", "@p-ok.jsonl"], 1, "read already"),
    BadInput(["batch", "--merge", "@p-by-empty.jsonl"], 1, "is empty"),
    BadInput(["batch", "--merge", "@p-pue0.jsonl"], 1, "is not a PUE"),
    BadInput(["batch", "--merge", "@p-pue-abc.jsonl"], 1, "'abc'"),
    BadInput(["batch", "--merge", "@p-mode.jsonl"], 1, "is not a mode"),
    BadInput(["batch", "--merge", "@p-market.jsonl"], 1, "names no market factor set"),
    BadInput(["batch", "--merge", "@p-rows.jsonl"], 1, "counts 2 rows read"),
    BadInput(["batch", "--merge", "@p-count.jsonl"], 1, "is not a count"),
    BadInput(["batch", "--merge", "@p-v1.jsonl"], 1, "another format version"),
    BadInput(["batch", "--merge", "@p-dup-key.jsonl"], 1, "appears twice"),
    BadInput(["batch", "--merge", "@p-line.jsonl"], 1, "sample.line"),
    BadInput(["batch", "--merge", "@p-checksum.jsonl"], 1, "checksum does not match"),
    BadInput(["batch", "--merge", "@p-cut.jsonl"], 1, "cut short"),
    // project: outputs, memory, settings, spans and scenario files.
    BadInput(["project", "--file", "@scenario.json", "--chart", "@scenario.json"], 2, "is the scenario file given with --file"),
    BadInput(["project", "--scenario", "iea-2025-base", "--samples", "2e8", "--to", "2100"], 2, "GiB of memory"),
    BadInput(["inference", "--queries", "1e9/day", "--per-query", "uniform:0.24Wh,2.9Wh", "--grid", "US", "--period", "1y", "--samples", "2e8"], 2, "GiB of memory"),
    BadInput(["project", "--scenario", "iea-2025-base", "--set", "intensity=-1g/kWh"], 2, "is negative"),
    BadInput(["project", "--scenario", "iea-2025-base", "--set", "intensity=normal:400g/kWh,1000g/kWh"], 2, "central 99 %"),
    BadInput(["project", "--scenario", "morgan-stanley-2024", "--to", "2030", "--cumulative", "2024..2040"], 2, "ends after the last year"),
    BadInput(["project", "--file", "@s-unit.json"], 1, "published[0].value"),
    BadInput(["project", "--file", "@s-grid.json"], 1, "regions[0].grid"),
    BadInput(["project", "--file", "@s-sources.json"], 1, "sources[1].id"),
]

@Suite("Bad-input catalogue: every command, option and file format")
struct BadInputCatalogueTests {
    @Test("each bad input gives its exit code and one short line", arguments: badInputs + batchRows)
    func row(_ input: BadInput) {
        let arguments = input.arguments.map { $0.hasPrefix("@") ? fixtures + "/" + $0.dropFirst() : $0 }
        let r = runCLI(arguments)
        #expect(r.code == input.code, "\(r)")
        if input.code == 0 {
            #expect(r.err.isEmpty && r.out.contains(input.contains), "\(r)")
            return
        }
        #expect(r.out.isEmpty)
        let line = r.err.hasSuffix("\n") ? String(r.err.dropLast()) : r.err
        #expect(r.err.hasSuffix("\n") && !line.contains("\n") && !line.contains("\r"), "not one line: \(line.debugDescription)")
        #expect(line.count <= 420, "\(line.count) characters: \(line.prefix(200))")
        #expect(line.contains(input.contains), "\(line)")
    }
}
