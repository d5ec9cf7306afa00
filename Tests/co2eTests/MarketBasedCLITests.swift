// Scope 2 market-based figures from the command line.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct MarketBasedCLITests {
    @Test func fullCoverageHasNoUncoveredFactorRow() {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "DE", "--recs", "100%"])
        #expect(r.code == 0)
        #expect(!r.out.contains("Factor for the uncovered energy"))
        #expect(r.out.contains("Not covered by instruments"))
    }
}
