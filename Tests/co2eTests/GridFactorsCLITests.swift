// Grid factors: lookups in users' files, comparisons of sources, cloud regions, the lifecycle hint.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct GridFactorsCLITests {
    @Test func theLifecycleHintPointsToAComparisonOnlyWhereThereIsOne() {
        let ie = runCLI(["training", "--energy", "2GWh", "--grid", "IE"])
        #expect(ie.out.contains("lifecycle factor") && !ie.out.contains("--compare"), "\(ie.out)")
        let us = runCLI(["training", "--energy", "2GWh", "--grid", "US"])
        #expect(us.out.contains("co2e factors US --compare"))
    }

    @Test("a zone written with spaces in a user's file is found (was: listed but not found)")
    func spacedZoneInAUserFile() throws {
        let catalog = try FactorCatalog.parse(bytes: Array("zone,year,g_co2e_per_kwh,basis,source\nXX ,2023,400,lifecycle,me\n".utf8), origin: "f.csv")
        #expect(try catalog.factor(for: "XX").factor.intensity == .gramsPerKilowattHour(400))
    }

    @Test("a zone column that is not first still works in a user's file")
    func zoneNotFirst() throws {
        let catalog = try FactorCatalog.parse(bytes: Array("year,zone,g_co2e_per_kwh,basis,source\n2023,XX,400,lifecycle,me\n2023,YY,100,lifecycle,me\n".utf8), origin: "f.csv")
        #expect(try catalog.factor(for: "yy").factor.intensity == .gramsPerKilowattHour(100))
    }

    @Test("a Google region on the same grid as the country is not called another area")
    func compareAreas() throws {
        let c = try FactorCatalog.bundled.compare("westeurope")
        #expect(c.entries.contains { $0.factor.zone == "gcp:europe-west4" })
        #expect(!c.reasons.contains { $0.contains("areas differ") }, "\(c.reasons)")
        // A subregion against the national figures is another area.
        #expect(try FactorCatalog.bundled.compare("eGRID:SRVC").reasons.contains { $0.contains("areas differ") })
    }

    @Test("--compare --year says when a source lacks that year (was: silently the oldest)")
    func compareMissingYear() throws {
        let c = try FactorCatalog.bundled.compare("europe-west1", year: 2030)
        #expect(c.entries.allSatisfy { $0.factor.year == 2024 }, "the newest, not the oldest")
        #expect(c.notes.count == 2 && c.notes.allSatisfy { $0.contains("no 2030 figure") }, "\(c.notes)")
        #expect(try FactorCatalog.bundled.compare("europe-west1", year: 2020).notes.isEmpty)
    }

    @Test("a cloud region shows in the trail with the reason for its mapping (was: only the mapped zone)")
    func cloudRegionInTrail() throws {
        let r = runCLI(["training", "--energy", "2GWh", "--grid", "us-east-1"])
        #expect(r.out.contains("Cloud region aws:us-east-1") && r.out.contains("Dominion"), "\(r.out)")
        let json = runCLI(["training", "--energy", "2GWh", "--grid", "us-east-1", "--json"])
        #expect(json.out.contains("\"Cloud region aws:us-east-1\""))
    }

    @Test("--sources with a user's file lists the file's sources (was: nothing)")
    func userSources() throws {
        let file = try temporaryFile("zone,year,g_co2e_per_kwh,basis,source\nXX,2023,400,lifecycle,my-audit\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let r = runCLI(["factors", "--sources", "--factors", file.path])
        #expect(r.code == 0)
        #expect(r.out.contains("my-audit"), "\(r.out)")
    }
}
