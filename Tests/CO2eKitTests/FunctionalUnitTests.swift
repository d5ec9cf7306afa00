// Issue 25: the SCI's functional unit R, and the bundled building figures' arithmetic.
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eTraining
@testable import CO2eGrid

@Suite struct FunctionalUnitTests {
    @Test("spellings of a unit: an optional count, then query, token or run", arguments: [
        ("query", FunctionalUnit.Kind.query, 1.0), ("queries", .query, 1), ("1000queries", .query, 1_000), ("1k queries", .query, 1_000),
        ("1M-tokens", .token, 1e6), ("1e6 tokens", .token, 1e6), ("1Mtokens", .token, 1e6), ("token", .token, 1), ("run", .run, 1), ("Run", .run, 1),
    ] as [(String, FunctionalUnit.Kind, Double)])
    func spellings(_ text: String, _ kind: FunctionalUnit.Kind, _ size: Double) throws {
        let u = try FunctionalUnit.parse(text, field: "per")
        #expect(u.kind == kind && u.size == size, "\(text): \(u)")
    }

    @Test("labels and keys: the default unit keeps sci_per_query")
    func labels() {
        #expect(FunctionalUnit(.query).key == "sci_per_query" && FunctionalUnit(.run).key == "sci_per_run")
        #expect(FunctionalUnit(.token, size: 1e6).label == "1M tokens" && FunctionalUnit(.token, size: 1e6).key == "sci_per_unit")
        #expect(FunctionalUnit(.query, size: 1_000).label == "1,000 queries")
    }

    @Test("bad units: an error naming the field, the text and what is accepted", arguments: ["bananas", "0tokens", "-5 tokens", "manytokens", "", "1..2tokens"])
    func bad(_ text: String) {
        #expect(throws: CO2eError.self) { try FunctionalUnit.parse(text, field: "per") }
        do { _ = try FunctionalUnit.parse(text, field: "per"); Issue.record("\(text) accepted") } catch let e as CO2eError {
            #expect(e.field == "per" && e.accepted?.contains("1M-tokens") == true, "\(e)")
        } catch { Issue.record("\(error)") }
    }

    @Test("the SCI without the embodied share, or a training unit for inference, is refused by the model, not only the CLI")
    func modelRefuses() throws {
        var run = TrainingRun(energy: .facility(.exact(.megawattHours(1))), electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400)))))
        run.sciUnit = FunctionalUnit(.run)
        #expect(throws: CO2eError.self) { try run.estimate() }
    }

    @Test("Data4's per-MW figure is its facility's total x the production share / its capacity, computed from the row's inputs")
    func buildingRows() throws {
        let figures = try HardwareCatalog.buildingFigures()
        let data4 = try #require(figures.first)
        #expect(data4.id == "data4-marcoussis" && data4.source.read == .secondary)
        #expect(abs(data4.perMegawatt.baseValue - 982_800) < 1e-6, "\(data4.perMegawatt)")
        #expect(data4.lifetime == .years(20))
        let upper = try #require(figures.first { $0.id == "curriebrown-2024-upper" })
        #expect(upper.perMegawatt.baseValue == 4_500_000 && upper.lifetime == nil)
        #expect(BuildingModel.perMegawatt(total: 1_000, share: 0.5, capacity: 10) == 50)
    }
}
