// Mistral Large 2's per-reply figure (July 2025): a life-cycle emission figure with no energy,
// listed with its boundary and refused as the energy of a query.
import Testing
import CO2eKit
@testable import co2e

@Suite struct LifecycleFigureCLITests {
    @Test func listedWithItsBoundaryAndNoEnergy() throws {
        let r = runCLI(["inference", "--list-figures"])
        let line = try #require(r.out.split(separator: "\n").first { $0.contains("mistral-large-2-2025") }, "\(r.out)")
        #expect(line.contains("1.14 gCO2e (location; life cycle") && line.contains("lifecycle") && line.contains("secondary"), "\(line)")
        #expect(line.contains(" -  "), "no energy is shown: \(line)")
        let f = try #require(try InferenceCatalog.figures().first { $0.id == "mistral-large-2-2025" })
        #expect(f.energy == nil && f.covers == .lifecycle && f.carbonScope == "lifecycle" && f.tokensOut == 400)
        #expect(abs((f.carbon?.kilograms ?? 0) * 1_000 - 1.14) < 1e-9)
    }

    @Test func refusedAsTheEnergyOfAQuery() {
        for args in [["--per-query", "mistral-large-2-2025", "--grid", "FR"], ["--baseline", "mistral-large-2-2025", "--multiplier", "2"],
                     ["--per-query", "2.9Wh", "--baseline", "mistral-large-2-2025"]] {
            let r = runCLI(["inference"] + args)
            #expect(r.code == 2, "\(args): \(r)")
            #expect(r.err.contains("'mistral-large-2-2025' is a per-query emission figure over the life cycle, with no published energy"), "\(args): \(r.err)")
        }
    }
}
