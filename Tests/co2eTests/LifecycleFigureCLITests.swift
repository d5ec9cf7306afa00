// Mistral Large 2's per-reply figure (July 2025): a life-cycle emission figure with no energy,
// listed with its boundary and refused as the energy of a query.
import Testing
import CO2eKit
import CO2eCore
@testable import CO2eInference
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

    /// A lifecycle row with an energy, or without its emission figure, is a data error.
    @Test func malformedLifecycleRows() throws {
        let header = "id,label,value,unit,covers,pue_included,tokens_in,tokens_out,accelerator_wh,host_wh,idle_wh,overhead_wh,carbon_g,carbon_basis,carbon_scope,carbon_scope2_g,year,source,where,note,read"
        func parse(_ row: String) throws -> PerQueryFigure {
            let table = TableText(origin: "per-query.csv", storage: .owned(Array((header + "\n" + row + "\n").utf8)))
            var out: PerQueryFigure?
            try table.forEachRow { h, r in out = try InferenceCatalog.figure(h, r); return false }
            return try #require(out)
        }
        let good = "m,M,,,lifecycle,unstated,,400,,,,,1.14,location,lifecycle,,2025,mistral2025-lca,w,n,secondary"
        #expect(try parse(good).energy == nil)
        for bad in [good.replacingOccurrences(of: "m,M,,,", with: "m,M,1.8,Wh,"), good.replacingOccurrences(of: ",1.14,", with: ",,")] {
            let error = try #require(throws: CO2eError.self) { try parse(bad) }
            #expect(error.kind == .invalidData, "\(error)")
        }
    }
}

