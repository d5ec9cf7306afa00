// Regression tests for the reliability issue, one per case: bounded work, lookups that agree
// with a full read, timestamps that round-trip, and one-line errors.
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eData
@testable import CO2eGrid
@testable import CO2eTraining
@testable import CO2eInference
@testable import CO2eProjections
@testable import CO2eRemovals
@testable import CO2eEquivalents
@testable import CO2eBatch
@testable import CO2eClaims

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func dataError(_ body: () throws -> Void) -> CO2eError? {
    do { try body() } catch let e as CO2eError { return e } catch { Issue.record("not a CO2eError: \(error)") }
    return nil
}

private let factorHeader = "zone,year,g_co2e_per_kwh,basis,source\n"

@Suite("Reliability: the cases of the issue")
struct ReliabilityTests {
    // MARK: 1. Memory and time in proportion to the rows

    @Test("case 1: three factor rows from 2022 to 9999 one second apart make no grid of the span")
    func factorGridSpanningTheCalendar() throws {
        let factors = try TimeSeries.read(bytes("timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,100\n2022-01-01T00:00:01Z,200\n9999-12-31T23:59:59Z,300\n"),
                                          origin: "f.csv", layout: .factors)
        let load = try TimeSeries.read(bytes("timestamp,kwh\n2022-01-01T00:00:00Z,1\n2022-01-01T01:00:00Z,1\n"), origin: "load.csv", layout: .load)
        let error = dataError { _ = try TimeMatchedEmissions.match(load: load, factors: factors) }
        #expect(error?.message.contains("no value for 2 load intervals") == true, "\(error?.message ?? "")")
        // Filling would invent 7,198 values from 5 rows: refused, not laid out.
        let filled = dataError { _ = try TimeMatchedEmissions.match(load: load, factors: factors, filling: .linear) }
        #expect(filled?.message.contains("would invent 7198 factor values") == true, "\(filled?.message ?? "")")
        // The gaps of the whole series are counted, not listed.
        let matched = try? TimeMatchedEmissions.match(load: load, factors: factors, filling: .none)
        #expect(matched == nil)
    }

    @Test("case 1: a load with rows in 2022 and 9000 against a one-second series")
    func loadSpanningMillennia() throws {
        let factors = try TimeSeries.read(bytes("timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,100\n2022-01-01T00:00:01Z,200\n9999-12-31T23:59:59Z,300\n"),
                                          origin: "f.csv", layout: .factors)
        let load = try TimeSeries.read(bytes("timestamp,kwh\n2022-01-01T00:00:00Z,1\n9000-01-01T00:00:00Z,1\n"), origin: "load.csv", layout: .load)
        for filling in GapFilling.allCases {
            let error = dataError { _ = try TimeMatchedEmissions.match(load: load, factors: factors, filling: filling) }
            #expect(error?.message.contains("9000-01-01T00:00:00Z") == true, "\(error?.message ?? "")")
        }
    }

    @Test("case 1: filling small gaps still gives the same figures")
    func fillingSmallGapsIsUnchanged() throws {
        let factors = try TimeSeries.read(bytes("timestamp,g_co2e_per_kwh\n2022-01-01T00:00Z,100\n2022-01-01T01:00Z,\n2022-01-01T03:00Z,400\n"),
                                          origin: "f.csv", layout: .factors)
        let load = try TimeSeries.read(bytes("timestamp,kwh\n2022-01-01T00:00Z,1\n2022-01-01T01:00Z,1\n2022-01-01T02:00Z,1\n2022-01-01T03:00Z,1\n"),
                                       origin: "load.csv", layout: .load)
        let linear = try TimeMatchedEmissions.match(load: load, factors: factors, filling: .linear)
        #expect(linear.slots.map(\.gramsPerKilowattHour) == [100, 200, 300, 400])
        #expect(linear.gapsInPeriod.map(\.iso8601) == ["2022-01-01T01:00:00Z", "2022-01-01T02:00:00Z"])
        #expect(linear.gapsInSeries == 2)
        let previous = try TimeMatchedEmissions.match(load: load, factors: factors, filling: .previous)
        #expect(previous.slots.map(\.gramsPerKilowattHour) == [100, 100, 100, 400])
        let mean = try TimeMatchedEmissions.match(load: load, factors: factors, filling: .mean)
        #expect(mean.slots.map(\.gramsPerKilowattHour) == [100, 250, 250, 400])
    }

    // MARK: 2. Lookups agree with a full read

    @Test("case 2: a literal quote inside an unquoted field does not swallow the next rows")
    func quoteInsideAnUnquotedField() throws {
        let file = factorHeader + "US,2020,100,lifecycle,a\"b\nUS,2024,500,lifecycle,src\n"
        let catalog = try FactorCatalog.parse(bytes: bytes(file), origin: "f.csv")
        let factor = try catalog.factor(for: "US").factor
        #expect(factor.year == 2024)
        #expect(factor.intensity.gramsPerKilowattHour == 500)
    }

    @Test("case 2: a file the full read accepts is never refused by the lookup as an unclosed quote")
    func oddQuotesInUnquotedFields() throws {
        let file = factorHeader + "IE,2020,100,lifecycle,x\"\nUS,2021,200,lifecycle,\"quoted, source\"\nUS,2024,500,lifecycle,y\"y\"\"\n"
        let catalog = try FactorCatalog.parse(bytes: bytes(file), origin: "f.csv")
        #expect(try catalog.factors(for: catalog.resolve("US").zone).map(\.year) == [2021, 2024])
        #expect(try catalog.factors(for: catalog.resolve("IE").zone).map(\.year) == [2020])
    }

    @Test("case 2: case is folded as Unicode folds it, so ÉIRE and éire are one zone")
    func unicodeCaseFolding() throws {
        let file = factorHeader + "ÉIRE,2020,100,lifecycle,s\néire,2024,500,lifecycle,s\n"
        let catalog = try FactorCatalog.parse(bytes: bytes(file), origin: "f.csv")
        let factors = try catalog.factors(for: catalog.resolve("ÉIRE").zone)
        #expect(factors.map(\.year) == [2020, 2024])
        #expect(try catalog.factor(for: "éire").factor.year == 2024)
    }

    @Test("case 2: a row starting with a carriage return is read, as the full read reads it")
    func rowStartingWithACarriageReturn() throws {
        let file = factorHeader + "US,2020,100,lifecycle,s\n\rUS,2024,500,lifecycle,s\n"
        let catalog = try FactorCatalog.parse(bytes: bytes(file), origin: "f.csv")
        #expect(try catalog.factor(for: "US").factor.year == 2024)
    }

    @Test("case 2: the bundled zone and cloud-region lookups still find what they found")
    func bundledLookups() throws {
        let catalog = FactorCatalog.bundled
        #expect(try catalog.resolve("Ireland").zone.id == "IE")
        #expect(try catalog.resolve("aws:us-east-1").zone.id.isEmpty == false)
        #expect(try catalog.resolve("us-east-1").zone.id.isEmpty == false)
    }

    // MARK: 3. Timestamps that round-trip

    @Test("case 3: --utc-offset :30Z and :30+01:00 are not offsets")
    func offsetsMustBeOffsets() throws {
        for text in [":30Z", ":30+01:00", "+01:", "+1", "+01:0", "+0100x", "+19:00", "-18:01", "+01:60"] {
            #expect(throws: CO2eError.self, "\(text)") { _ = try Timestamp.parseOffset(text) }
        }
        #expect(try Timestamp.parseOffset("+01:00") == 3600)
        #expect(try Timestamp.parseOffset("-0530") == -19800)
        #expect(try Timestamp.parseOffset("+05") == 18000)
        #expect(try Timestamp.parseOffset("UTC") == 0)
        #expect(try Timestamp.parseOffset("-18:00") == -64800)
    }

    @Test("case 3: a time that would be written as year 10000 is refused when read")
    func yearTenThousand() throws {
        let error = dataError { _ = try Timestamp.parse("9999-12-31T23:00-02:00") }
        #expect(error?.message.contains("outside the times co2e reads") == true, "\(error?.message ?? "")")
        #expect(try Timestamp.parse("9999-12-31T23:59:59Z") == Timestamp.latest)
        #expect(throws: CO2eError.self) { _ = try Timestamp.parse("0001-01-01T00:00+00:01") }
        #expect(throws: CO2eError.self) { _ = try Timestamp.parse("0000-06-01T00:00Z") }
    }

    @Test("case 3: years below 1000 print with four digits and read back")
    func smallYears() throws {
        for text in ["0022-02-01T00:00:00Z", "0001-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "1969-12-31T23:59:59Z"] {
            let t = try Timestamp.parse(text)
            #expect(t.iso8601 == text)
            #expect(try Timestamp.parse(t.iso8601) == t)
        }
    }

    // MARK: 5. One-line errors

    @Test("case 5: a 10 MiB field is refused at its size, in a short line")
    func hugeField() {
        let text = "timestamp,kwh\n2022-01-01T00:00Z," + String(repeating: "9", count: 10 << 20) + "x\n"
        let error = dataError { _ = try TimeSeries.read(bytes(text), origin: "load.csv", layout: .load) }
        #expect(error?.message.contains("longer than 1 MiB") == true)
        #expect((error?.message.count ?? 0) < 200)
    }

    @Test("case 5: a long value is clipped in the error")
    func longValueClipped() {
        let text = "timestamp,kwh\n2022-01-01T00:00Z," + String(repeating: "9", count: 5000) + "x\n"
        let error = dataError { _ = try TimeSeries.read(bytes(text), origin: "load.csv", layout: .load) }
        #expect(error?.message.contains("...") == true)
        #expect((error?.message.count ?? 0) < 200, "\(error?.message ?? "")")
    }

    @Test("case 5: CR-only line ends are refused clearly instead of echoing the file as a header")
    func carriageReturnOnlyFile() {
        let text = "timestamp,kwh\r2022-01-01T00:00Z,1\r2022-01-01T01:00Z,2\r"
        let error = dataError { _ = try TimeSeries.read(bytes(text), origin: "load.csv", layout: .load) }
        #expect(error?.message.contains("CR-only line ends") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("2022") == false)
    }

    @Test("case 5: a newline in a quoted field is escaped in the error")
    func newlineInAQuotedField() {
        let text = "timestamp,kwh\n\"2022-01-01\nT00:00Z\",1\n"
        let error = dataError { _ = try TimeSeries.read(bytes(text), origin: "load.csv", layout: .load) }
        #expect(error?.message.contains("2022-01-01\\nT00:00Z") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
    }

    @Test("case 5: EchoedText escapes control characters and clips")
    func echoedText() {
        #expect("a\nb\tc\u{1B}".echoed == "a\\nb\\tc\\u{1B}")
        #expect(String(repeating: "x", count: 100).echoed == String(repeating: "x", count: 57) + "...")
        #expect(EchoedText.value(String(repeating: "\u{7}", count: 100)).count <= 60)
        let long = "head " + String(repeating: "y", count: 1_000_000) + " tail"
        let line = EchoedText.oneLine(long)
        #expect(line.count <= EchoedText.messageLimit && line.hasPrefix("head ") && line.hasSuffix(" tail"))
        #expect(EchoedText.oneLine("plain") == "plain")
        #expect(EchoedText.oneLine("two\nlines\u{2028}") == "two\\nlines\\u{2028}")
    }
}
