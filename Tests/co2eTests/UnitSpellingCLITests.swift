// Unit spellings on the command line: case, milli and mega, no-break spaces.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct UnitSpellingCLITests {
    @Test("m and p are never read as mega and peta (was: 400mW printed as 400 MW)", arguments: ["5mWh", "400mW", "5pWh", "2mwh"])
    func milliIsNotMega(_ text: String) {
        let error = #expect(throws: CO2eError.self) {
            if text.hasSuffix("W") { _ = try Power.parse(text) } else { _ = try Energy.parse(text) }
        }
        #expect(error?.message.contains("did you mean") == true, "\(error?.message ?? "")")
    }

    @Test("upper-case and fully lower-case spellings that mean the same unit still read", arguments: ["5gwh", "5GWH", "5kwh", "400w"])
    func caseInsensitiveWhereSafe(_ text: String) throws {
        if text.hasSuffix("w") { #expect(try Power.parse(text) == .watts(400)) } else { #expect(try Energy.parse(text).kilowattHours > 0) }
    }

    @Test("a no-break space between number and unit is a space")
    func noBreakSpace() throws {
        #expect(try Energy.parse("50\u{00A0}GWh") == .gigawattHours(50))
        #expect(try Energy.parse("50\u{202F}GWh") == .gigawattHours(50))
    }
}
