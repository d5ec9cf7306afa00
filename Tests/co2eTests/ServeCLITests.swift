// co2e serve: the protocol (one response per line, in order, ids echoed, results equal to
// --json) and each kind of bad line, which gets an error and does not stop the service.
import Foundation
import Testing
@testable import co2e

/// The responses `co2e serve` gives to `input`, fed in chunks of `chunk` bytes, parsed.
private func serve(_ input: String, chunk: Int = 7) throws -> [[String: Any]] {
    let bytes = Array(input.utf8)
    var at = 0
    var out = ""
    Service.serve(read: {
        guard at < bytes.count else { return nil }
        let end = min(bytes.count, at + chunk)
        defer { at = end }
        return bytes[at..<end]
    }, write: { out += String(decoding: $0, as: UTF8.self); return true })
    #expect(out.isEmpty || out.hasSuffix("\n"))
    return try out.split(separator: "\n").map {
        try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
    }
}

private func errorCode(_ r: [String: Any]) -> String? { (r["error"] as? [String: Any])?["code"] as? String }

@Suite struct ServeCLITests {
    /// A caller that writes one line and waits for its answer must get it before the service
    /// reads again; lines that came in one read are answered in one write.
    @Test func answersAreWrittenBeforeTheNextRead() {
        let line = Array((#"{"id": 1, "command": "factors", "args": {"_": ["FR"]}}"# + "\n").utf8)
        var reads = 0
        var writes: [Int] = []  // the lines in each write
        var writtenBeforeRead: [Int] = []
        Service.serve(read: {
            writtenBeforeRead.append(writes.reduce(0, +))
            reads += 1
            switch reads {
            case 1: return line[...]
            case 2: return (line + line + line)[...]
            default: return nil
            }
        }, write: { bytes in
            writes.append(bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
            return true
        })
        #expect(writtenBeforeRead == [0, 1, 4])
        #expect(writes == [1, 3])
    }

    @Test func aRequestGetsTheSameResultAsJSON() throws {
        let responses = try serve(#"{"id": 1, "command": "training", "args": {"energy": "50..60GWh", "grid": ["FR", "US"]}}"# + "\n")
        let cli = try jsonObject(runCLI(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US", "--json"]))
        #expect(responses.count == 1)
        #expect(responses[0]["id"] as? Int == 1)
        let result = try #require(responses[0]["result"] as? [String: Any])
        #expect(NSDictionary(dictionary: result).isEqual(to: cli))
    }

    @Test func positionalsSwitchesAndAStringID() throws {
        let r = try serve(#"{"id": "a", "command": "factors", "args": {"_": ["US", "FR"], "json": true}}"# + "\n")
        let cli = try jsonObject(runCLI(["factors", "US", "FR", "--json"]))
        #expect(r[0]["id"] as? String == "a")
        #expect(NSDictionary(dictionary: try #require(r[0]["result"] as? [String: Any])).isEqual(to: cli))
    }

    @Test func anErrorCarriesTheFieldsOfJSONErrors() throws {
        let r = try serve(#"{"id": 3, "command": "training", "args": {"energy": "-5GWh", "grid": "US"}}"#)
        let cli = runCLI(["training", "--energy", "-5GWh", "--grid", "US", "--json"])
        var expected = try #require(JSONSerialization.jsonObject(with: Data(cli.err.utf8)) as? [String: Any])
        let message = expected.removeValue(forKey: "error") as? String
        let error = try #require(r[0]["error"] as? [String: Any])
        #expect(r[0]["id"] as? Int == 3)
        #expect(error["code"] as? String == "value_out_of_range")
        #expect(error["message"] as? String == message)
        #expect(NSDictionary(dictionary: try #require(error["data"] as? [String: Any])).isEqual(to: expected))
    }

    @Test(arguments: [
        ("not json", "invalid_value", true),
        ("", "invalid_value", true),
        ("[1, 2]", "invalid_value", true),
        (#"{"id": {}, "command": "factors"}"#, "invalid_value", true),
        (#"{"id": 9, "command": "serve"}"#, "unknown_command", false),
        (#"{"id": 9, "command": "trainin"}"#, "unknown_command", false),
        (#"{"id": 9}"#, "missing_option", false),
        (#"{"id": 9, "command": 5}"#, "invalid_value", false),
        (#"{"id": 9, "command": "factors", "extra": 1}"#, "unknown_option", false),   // the id is answered to
        (#"{"id": 9, "command": "training", "args": []}"#, "invalid_value", false),
        (#"{"id": 9, "command": "training", "args": {"energy": 50}}"#, "invalid_value", false),
        (#"{"id": 9, "command": "training", "args": {"grid": [1]}}"#, "invalid_value", false),
        (#"{"id": 9, "command": "training", "args": {"grid": []}}"#, "invalid_value", false),
        (#"{"id": 9, "command": "training", "args": {"energy=5GWh": "x"}}"#, "unknown_option", false),
        (#"{"id": 9, "command": "training", "args": {"energ": "5GWh"}}"#, "unknown_option", false),
        (#"{"id": 9, "command": "training", "args": {"energy": "5GWh", "grid": "US", "csv": true}}"#, "conflicting_options", false),
        (#"{"id": 9, "command": "hourly", "args": {"out": "x.csv"}}"#, "output_refused", false),
        (#"{"id": 9, "command": "project", "args": {"chart": "x.svg"}}"#, "output_refused", false),
        (#"{"id": 9, "command": "batch", "args": {"_": ["-"]}}"#, "invalid_value", false),
        (#"{"id": 9, "command": "training", "args": {"help": true}}"#, "unknown_option", false),
        (#"{"id": 9, "command": "factors", "args": {"list": true, "summary": true}}"#, "invalid_value", false),   // as --summary on a listing
    ])
    func aBadLineGetsAnErrorAndTheServiceGoesOn(line: String, code: String, nullID: Bool) throws {
        let good = #"{"id": 2, "command": "factors", "args": {"_": ["FR"]}}"#
        let r = try serve(good + "\n" + line + "\n" + good + "\n")
        #expect(r.count == 3)
        #expect(r[0]["result"] != nil && r[2]["result"] != nil)
        #expect(errorCode(r[1]) == code, "\(r[1])")
        #expect(nullID ? r[1]["id"] is NSNull : r[1]["id"] as? Int == 9)
    }

    @Test func aTooLongLineIsSkippedToItsEnd() throws {
        let long = "{\"id\": 1, \"command\": \"" + String(repeating: "x", count: Service.maximumLineBytes) + "\"}"
        let r = try serve(long + "\n" + #"{"id": 2, "command": "factors", "args": {"_": ["FR"]}}"# + "\n" + long, chunk: 1 << 16)
        #expect(r.count == 3)
        #expect(errorCode(r[0]) == "resource_limit" && r[0]["id"] is NSNull)
        #expect(r[1]["id"] as? Int == 2 && r[1]["result"] != nil)
        #expect(errorCode(r[2]) == "resource_limit")
    }

    @Test func aLastLineWithoutNewlineIsAnsweredAndNothingElse() throws {
        #expect(try serve("").isEmpty)
        let r = try serve(#"{"command": "factors", "args": {"_": "FR"}}"#)
        #expect(r.count == 1 && r[0]["id"] is NSNull && r[0]["result"] != nil)
    }

    @Test func serveTakesNoArguments() {
        #expect(runCLI(["serve", "--json"]).code == 2)
        #expect(runCLI(["serve", "--help"]).out.contains("REQUEST:"))
    }
}
