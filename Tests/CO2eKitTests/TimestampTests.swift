// ISO 8601 timestamps with explicit UTC offsets: accepted spellings, offsets, calendar edge
// cases, and refusals (no offset, malformed text, impossible dates).
import Testing
import CO2eKit

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2022-01-01T00:00:00Z", Int64(1_640_995_200)),
        ("2022-01-01 00:00:00+00:00", 1_640_995_200),   // EIA-930 sample spelling
        ("2022-01-01T00:00Z", 1_640_995_200),           // NESO API spelling
        ("2022-01-01T01:00:00+01:00", 1_640_995_200),
        ("2021-12-31T19:00:00-0500", 1_640_995_200),
        ("2022-01-01T00:00:00.000Z", 1_640_995_200),
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T12:00:00Z", 1_709_208_000),        // leap day
        ("2000-03-01T00:00:00Z", 951_868_800),          // after a 400-year leap day
    ])
    func parses(_ text: String, _ seconds: Int64) throws {
        #expect(try Timestamp.parse(text).secondsSinceEpoch == seconds)
    }

    @Test func printsBackAsUTC() throws {
        let t = try Timestamp.parse("2023-03-14T00:30+01:00")
        #expect(t.iso8601 == "2023-03-13T23:30:00Z")
        #expect(try Timestamp.parse(t.iso8601) == t)
    }

    @Test func refusesATimeWithoutOffsetUnlessOneIsAssumed() throws {
        let error = try #require(throws: CO2eError.self) { try Timestamp.parse("2022-07-01 09:00") }
        #expect(error.message.contains("no UTC offset"))
        // It says how to fix it, in the library's words: no command-line flag (the CLI adds its own).
        #expect(error.message.contains("offset"))
        #expect(!error.description.contains("--"), "a library error names no flag: \(error.description)")
        let assumed = try Timestamp.parse("2022-07-01 09:00", assumedOffsetSeconds: 7_200)
        #expect(assumed == (try Timestamp.parse("2022-07-01T07:00:00Z")))
    }

    @Test(arguments: ["", "2022", "2022-13-01T00:00Z", "2022-02-29T00:00Z", "2022-01-01T24:00Z",
                      "2022-01-01", "2022/01/01 00:00Z", "2022-01-01T00:00:00+25:00", "2022-01-01T00:00:00Zjunk",
                      "yesterday"])
    func refusesMalformedText(_ text: String) {
        #expect(throws: CO2eError.self) { try Timestamp.parse(text) }
    }

    @Test func parsesOffsets() throws {
        #expect(try Timestamp.parseOffset("+00:00") == 0)
        #expect(try Timestamp.parseOffset("Z") == 0)
        #expect(try Timestamp.parseOffset("+01:00") == 3_600)
        #expect(try Timestamp.parseOffset("-0530") == -19_800)
        #expect(throws: CO2eError.self) { try Timestamp.parseOffset("one hour") }
    }
}
