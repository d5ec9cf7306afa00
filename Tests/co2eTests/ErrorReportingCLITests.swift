// Errors as the command line reports them: JSON fields, split values, clipped echoes, unknown commands, version spellings.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct ErrorReportingCLITests {
    @Test func jsonErrorsCarryFieldAndValue() throws {
        let r = runCLI(["training", "--energy", "0GWh", "--grid", "US", "--json"])
        #expect(r.code == 2)
        let e = try #require(JSONSerialization.jsonObject(with: Data(r.err.utf8)) as? [String: Any])
        #expect(e["field"] as? String == "energy")
        #expect(e["option"] as? String == "--energy")
        #expect(e["value"] as? String == "0GWh")
        #expect((e["reason"] as? String)?.contains("more than zero") == true)
        #expect(e["kind"] as? String == "usage")
    }

    @Test(arguments: ["-V", "--version", "version"])
    func versionSpellings(_ argument: String) {
        let r = runCLI([argument])
        #expect(r.code == 0 && r.out == "co2e \(CLI.version)\n")
    }

    @Test func aValueSplitByASpaceIsExplained() {
        let r = runCLI(["training", "--energy", "5", "GWh", "--grid", "US"])
        #expect(r.code == 2)
        #expect(r.err.contains("--energy: '5' is followed by 'GWh'") && r.err.contains("(5GWh)"), "\(r.err)")
    }

    @Test("a huge value is not echoed in full")
    func longValuesAreClipped() {
        let r = runCLI(["training", "--energy", String(repeating: "9", count: 5_000) + "GWh", "--grid", "US"])
        #expect(r.code == 2)
        #expect(r.err.count < 400, "\(r.err.count) characters")
    }

    @Test("an unknown command with --json answers in JSON")
    func unknownCommandJSON() throws {
        let r = runCLI(["bogus", "--json"])
        #expect(r.code == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.err.utf8)) as? [String: Any])
        #expect((object["error"] as? String)?.contains("is not a command") == true)
    }
}
