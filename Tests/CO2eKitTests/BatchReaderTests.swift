import Foundation
import Testing
import CO2eKit
@testable import CO2eBatch
@testable import CO2eGrid
@testable import CO2eCore

// The batch readers against hostile input: headers with open quotes, duplicate columns, long
// lines, sparse hourly tables, timestamps read in full, the TOTAL name, numbers out of range.

private let factors = try! AnnualFactors.parse(Array("region,g_per_kwh\nDE,380\nFR,50\n".utf8), origin: "f.csv")

private func run(_ log: String, _ f: BatchFactors = .annual(factors), by: [String] = ["region"], threads: Int = 1) throws -> BatchTotals {
    try Batch.run([.bytes(Array(log.utf8), name: "log.csv")], Batch.Job(factors: f, grouping: by, threads: threads))
}

private func error(_ body: () throws -> Any) -> CO2eError? {
    do { _ = try body(); return nil } catch { return error as? CO2eError }
}

@Suite struct BatchReaderTests {
    @Test func anOpenQuoteLeavesEveryCountedFieldSet() {
        // The splitter counts one more field than it closed: that field is still filled.
        var fields = LineFields()
        defer { fields.free() }
        let line = Array("a,\"b,c\n".utf8) + [UInt8](repeating: 0, count: 64)
        line.withUnsafeBufferPointer { b in
            let (n, _, open) = fields.split(b.baseAddress!)
            #expect(open && n == 2)
            #expect(fields.string(0) == "a" && fields.string(1) == "b,c")
        }
    }

    @Test func aHeaderWithAnOpenQuoteIsRefusedForLogsAndFactorFiles() {
        let log = error { try run("timestamp,region,\"kwh\n2024-01-01T00:00:00Z,DE,100\n") }
        #expect(log?.file == "log.csv" && log?.line == 1 && log?.reason.contains("quote that is not closed") == true)
        let annual = error { try AnnualFactors.parse(Array("region,\"g_per_kwh\nDE,1\n".utf8), origin: "a.csv") }
        #expect(annual?.file == "a.csv" && annual?.line == 1 && annual?.value == "region,\"g_per_kwh")
        let hourly = error { try HourlyFactors.load(.bytes(Array("region,timestamp,\"g\nDE,2024-01-01T00:00:00Z,1\n".utf8), name: "h.csv")) }
        #expect(hourly?.file == "h.csv" && hourly?.line == 1)
        let stream = error {
            var fds: [Int32] = [0, 0]
            _ = pipe(&fds)
            let text = Array("timestamp,region,\"kwh\n".utf8)
            _ = text.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count) }
            close(fds[1])
            defer { close(fds[0]) }
            return try Batch.run([.stream(descriptor: fds[0], name: "-")], Batch.Job(factors: .annual(factors)))
        }
        #expect(stream?.file == "-" && stream?.line == 1)
    }

    @Test func twoColumnsForOneRoleAreRefusedNamingBoth() {
        let kwh = error { try run("timestamp,region,kwh,energy_kwh\n") }
        #expect(kwh?.code == .missingColumn && kwh?.reason.contains("'kwh' (column 3) and 'energy_kwh' (column 4)") == true)
        let region = error { try run("timestamp,region,zone,kwh\n") }
        #expect(region?.code == .missingColumn && region?.reason.contains("'region' (column 2) and 'zone' (column 3)") == true)
        let time = error { try run("time,timestamp,region,kwh\n") }
        #expect(time?.code == .missingColumn)
        let factor = error { try AnnualFactors.parse(Array("zone,region,g_per_kwh\n".utf8), origin: "a.csv") }
        #expect(factor?.code == .missingColumn && factor?.line == 1)
    }

    @Test func aLineOverTheLimitIsRefusedWithItsLineWhateverTheReader() throws {
        let long = String(repeating: "x", count: LineBlocks.maximumLineBytes + 10)
        let log = "timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,1\n" + long + "\n2024-01-01T00:00:00Z,DE,1\n"
        // In memory (blocks), and mapped from a file in small windows (the side buffer) and large.
        let inMemory = error { try run(log) }
        #expect(inMemory?.code == .resourceLimit && inMemory?.line == 3 && inMemory?.file == "log.csv")
        let path = "/tmp/co2e-longline-\(getpid()).csv"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd); unlink(path) }
        _ = Array(log.utf8).withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        for window in [1 << 16, 8 << 20] {
            var job = Batch.Job(factors: .annual(factors))
            job.window = window
            let e = error { try Batch.run([.file(descriptor: fd, size: log.utf8.count, name: "log.csv")], job) }
            #expect(e?.code == .resourceLimit && e?.line == 3, "window \(window)")
        }
        let hourly = error { try HourlyFactors.load(.bytes(Array(("region,timestamp,g_per_kwh\n" + long + "\n").utf8), name: "h.csv")) }
        #expect(hourly?.code == .resourceLimit && hourly?.line == 2)
    }

    @Test func aSparseHourlyTableIsHeldByItsRowsNotItsSpan() throws {
        let text = "region,timestamp,g_per_kwh\nDE,0001-01-01T00:00:00Z,300\nDE,9999-12-31T23:00:00Z,400\nFR,2025-01-01T00:00:00Z,50\nFR,2025-01-01T01:00:00Z,60\n"
        for threads in [1, 2] {
            let h = try HourlyFactors.load(.bytes(Array(text.utf8), name: "h.csv"), threads: threads)
            #expect(h.isSparse(0) && !h.isSparse(1))
            #expect(h.hourCount[0] == 0, "no slot per hour of 0001-9999")
            #expect(h.use(region: 0).value == "hourly, 2 hours")
            let t = try run("timestamp,region,kwh\n0001-01-01T00:10:00Z,DE,1\n9999-12-31T23:59:00Z,DE,2\n5000-01-01T00:00:00Z,DE,4\n2025-01-01T01:00:00Z,FR,1\n",
                            .hourly(h))
            #expect(t.problems[.outsideHourlyFactors] == 1)
            #expect(t.kilograms(t.groups[BatchGroupKey(region: "DE", period: nil)]!) == "1.1")
        }
    }

    @Test func aRegionThatFillsInAfterASparseStartIsHeldDensely() throws {
        // Far hours first, then enough rows between them to justify slots.
        var text = "region,timestamp,g_per_kwh\nDE,2025-01-01T00:00:00Z,1\nDE,2026-06-01T00:00:00Z,1\n"
        let start = Int64(Timestamp.daysFromCivil(2025, 1, 1)) * 24
        for h in 1..<4000 {
            let hour: Int64 = start + Int64(h) * 3
            text += "DE," + Timestamp(secondsSinceEpoch: hour * 3600).iso8601 + ",2\n"
        }
        let h = try HourlyFactors.load(.bytes(Array(text.utf8), name: "h.csv"))
        #expect(!h.isSparse(0) && h.rows == 4001)
        #expect(h.units(region: 0, hour: start + 3) == 2_000_000)
    }

    @Test func dayAndMonthGroupsReadTheWholeTimestampInUTC() throws {
        let log = """
        timestamp,region,kwh
        2024-01-01T23:30:00-05:00,DE,1
        2024-01-01T12:00:00Z,DE,2
        2024-01-31T23:30:00-05:00,FR,4
        2024-01-01T25:00:00Z,DE,8
        2024-01-01Tgarbage,DE,16
        0000-01-01,DE,32
        2024-01-05,DE,64
        2024-01-06T10:00:00,DE,128

        """
        let days = try run(log, by: ["region", "day"])
        #expect(days.problems[.badTimestamp] == 3)
        #expect(days.groups[BatchGroupKey(region: "DE", period: "2024-01-02")]?.rows == 1, "23:30-05:00 is the next UTC day")
        #expect(days.groups[BatchGroupKey(region: "DE", period: "2024-01-01")]?.rows == 1)
        #expect(days.groups[BatchGroupKey(region: "DE", period: "2024-01-05")]?.rows == 1, "a date alone is that day")
        #expect(days.groups[BatchGroupKey(region: "DE", period: "2024-01-06")]?.rows == 1, "no offset: UTC")
        let months = try run(log, by: ["month"])
        #expect(months.groups[BatchGroupKey(region: nil, period: "2024-02")]?.rows == 1, "2024-01-31T23:30-05:00 is February in UTC")
        #expect(months.estimate().assumptions.contains { $0.key == "utc_periods" })
    }

    @Test func aRegionNamedTotalCannotMakeASecondTotalRow() throws {
        let t = try run("timestamp,region,kwh\n2024-01-01T00:00:00Z,TOTAL,1\n2024-01-01T00:00:00Z,DE,1\n",
                        .single(1_000_000, FactorUse(region: "US", value: "1 g/kWh", origin: "test")))
        #expect(t.problems[.unknownRegion] == 1 && t.samples.first?.detail.contains("TOTAL row") == true)
        #expect(t.csv.components(separatedBy: "\nTOTAL,").count == 2 && !t.csv.hasPrefix("region,kg_co2e\nTOTAL"))
        for text in ["region,g_per_kwh\nTOTAL,1\n", "region,g_per_kwh\n total ,1\n"] {
            let e = error { try AnnualFactors.parse(Array(text.utf8), origin: "a.csv") }
            #expect(e?.line == 2 && e?.field == "region")
        }
        let hourly = error { try HourlyFactors.load(.bytes(Array("region,timestamp,g_per_kwh\nTotal,2024-01-01T00:00:00Z,1\n".utf8), name: "h.csv")) }
        #expect(hourly?.line == 2)
    }

    @Test func aKwhAboveTheSumsRangeIsOutOfRangeNotANumber() throws {
        let t = try run("timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,1e30\n2024-01-01T00:00:00Z,DE,abc\n")
        #expect(t.samples.map(\.detail) == ["kwh '1e30' is out of range (accepted: 0 to 3.4e20 kWh per row)", "kwh 'abc' is not a number"])
    }

    @Test func unknownRegionsUnderBundledFactorsAreCountedOncePerName() throws {
        // Each unknown name is looked up once per worker and never builds suggestions; the rows
        // are still all counted.
        var log = "timestamp,region,kwh\n"
        for k in 0..<300 { log += "2024-01-01T00:00:00Z,nowhere-\(k),1\n2024-01-01T00:00:00Z,nowhere-\(k),1\n" }
        log += "2024-01-01T00:00:00Z,DE,1\n"
        let t = try run(log, .catalog(.bundled, year: nil))
        #expect(t.problems[.unknownRegion] == 600 && t.rowsUsed == 1)
        #expect(try FactorCatalog.bundled.resolveIfKnown("nowhere-1") == nil)
        #expect(try FactorCatalog.bundled.resolveIfKnown("us-east-1")?.zone.id == (try FactorCatalog.bundled.resolve("us-east-1")).zone.id)
    }

    @Test func resolveIfKnownGivesWhatResolveGivesOrNil() throws {
        // The bundled look-up goes through the known names and the process's memo: the same
        // match as resolve for names of every kind and spelling, nil where resolve refuses.
        let catalog = FactorCatalog.bundled
        for name in ["DE", "de", " Germany ", "IRL", "eGRID:SRVC", "egrid:srvc", "us-east-1", "US-EAST-1", "FR", "Ireland"] {
            let match = try catalog.resolveIfKnown(name)
            let resolved = try catalog.resolve(name)
            let again = try catalog.resolveIfKnown(name)
            #expect(match != nil && match == resolved, "\(name)")
            #expect(again == match, "\(name), asked again")
        }
        for name in ["", "  ", "nowhere-1", "Germanyy", "us-east-99"] {
            let match = try catalog.resolveIfKnown(name)
            #expect(match == nil, "\(name)")
            #expect(throws: CO2eError.self) { try catalog.resolve(name) }
        }
    }

    @Test func aYearTheZoneLacksIsBlamedOnTheYear() throws {
        let t = try run("timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,1\n", .catalog(.bundled, year: 1990))
        #expect(t.samples.first?.detail.contains("has no bundled factor for 1990; years available:") == true)
        let none = error { try BatchFactors.checkBundledYear(2090) }
        #expect(none?.field == "year" && none?.code == .notAvailable)
        let zone = error { try BatchFactors.zone("US", year: 2090) }
        #expect(zone?.field == "year" && zone?.code == .notAvailable)
    }

    @Test func aZoneGivesEveryRowItsFactor() throws {
        let us = try BatchFactors.zone("US")
        let t = try run("timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,1\n2024-01-01T00:00:00Z,anything,2\n", us)
        #expect(t.rowsUsed == 2 && t.mode == "zone")
        guard case let .single(units, use) = us else { Issue.record("not one factor"); return }
        #expect(t.groups[BatchGroupKey(region: "anything", period: nil)]?.grams == ExactSum(high: 0, low: 2_000_000_000_000_000_000).multiplied(by: units))
        #expect(use.origin.hasPrefix("US "))
        #expect(error { try BatchFactors.zone("Germny") }?.code == .unknownZone)
    }

    @Test func theBatchTableHasUnitsAndPrintsSignificantDigitsButKeepsExactValues() throws {
        let t = try run("timestamp,region,kwh\n2024-01-01T00:00:00Z,DE,0.000000002714811238\n")
        let e = t.estimate()
        let table = try #require(e.tables.first { $0.key == "groups" })
        #expect(table.columns.map(\.label).contains("Emissions (kg CO2e)") && table.columns.map(\.label).contains("Energy (kWh)"))
        let kg = table.rows[0][3]
        #expect(kg == .decimal("0.00000000103162827044"))
        #expect(kg.text == "0.00000000103163")
        #expect(table.csv.contains("0.00000000103162827044"))
        #expect(e.steps.first { $0.key == "energy" }?.how.contains("taken as facility energy: PUE 1") == true)
    }
}
