/// Tests for the RFC 4180 reader (`CSV.records`, `CSV.forEachRecord`) and `CSVHeader`:
/// quoted fields with `""` escapes, embedded commas and line breaks (later records keep their
/// true line numbers), CRLF, the UTF-8 byte-order mark, blank lines, empty input, a trailing
/// comma as an empty last field, the two malformed-quote errors (naming origin and line), a
/// seeded property test that serialises random tables and reads them back exactly, and the
/// header's column lookup and its missing-column message. Also the `keepRecord` prefilter:
/// it never filters the header, skips refused records (multi-line ones too) with line
/// numbers kept right, and agrees with filtering after a full read.
import Testing
import CO2eKit

@Suite struct CSVTests {
    func read(_ text: String) throws -> [CSVRecord] {
        try CSV.records(in: text, origin: "test.csv")
    }

    func fields(_ text: String) throws -> [[String]] {
        try read(text).map(\.fields)
    }

    // MARK: Basics

    @Test func simpleRecords() throws {
        let records = try read("zone,year,g\nUS,2023,383.5\nIE,2023,290\n")
        #expect(records.map(\.fields) == [["zone", "year", "g"], ["US", "2023", "383.5"], ["IE", "2023", "290"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func noFinalLineBreak() throws {
        #expect(try fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func emptyInput() throws {
        #expect(try read("").isEmpty)
    }

    @Test func onlyBlankLines() throws {
        #expect(try read("\n\n\r\n\n").isEmpty)
    }

    @Test func blankLinesAreSkippedAndCounted() throws {
        let records = try read("a\n\nb\r\n\r\nc\n\n")
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"]])
        #expect(records.map(\.line) == [1, 3, 5])
    }

    @Test func spacesAreKept() throws {
        #expect(try fields(" a , b ") == [[" a ", " b "]])
    }

    @Test func lineOfSpacesIsARecord() throws {
        #expect(try fields(" \n") == [[" "]])
    }

    // MARK: Empty fields

    @Test func trailingCommaIsAnEmptyLastField() throws {
        #expect(try fields("a,b,\n") == [["a", "b", ""]])
        #expect(try fields("a,b,") == [["a", "b", ""]])
        #expect(try fields("a,b,\r\nc") == [["a", "b", ""], ["c"]])
    }

    @Test func emptyFields() throws {
        #expect(try fields(",,\n") == [["", "", ""]])
        #expect(try fields(",") == [["", ""]])
        #expect(try fields("a,,c") == [["a", "", "c"]])
        #expect(try fields(",a") == [["", "a"]])
    }

    @Test func quotedEmptyFieldIsARecord() throws {
        // `""` alone is a record with one empty field, not a blank line.
        let records = try read("\"\"\nx\n")
        #expect(records.map(\.fields) == [[""], ["x"]])
        #expect(records.map(\.line) == [1, 2])
    }

    // MARK: Quotes

    @Test func quotedFields() throws {
        #expect(try fields("\"a\",\"b\"\n") == [["a", "b"]])
        #expect(try fields("\"a\",b,\"c\"") == [["a", "b", "c"]])
    }

    @Test func escapedQuotes() throws {
        #expect(try fields("\"say \"\"hi\"\"\",x") == [["say \"hi\"", "x"]])
        #expect(try fields("\"\"\"\"") == [["\""]])
        #expect(try fields("\"\"\"\"\"\"") == [["\"\""]])
    }

    @Test func embeddedComma() throws {
        #expect(try fields("\"Patterson, D.\",2021\n") == [["Patterson, D.", "2021"]])
    }

    @Test func quoteInsideAnUnquotedFieldIsKept() throws {
        // Lenient: only a field that starts with a quote is a quoted field.
        #expect(try fields("5\" disk,x") == [["5\" disk", "x"]])
    }

    @Test func embeddedNewlinesKeepLaterLineNumbersRight() throws {
        let text = "h1,h2\n\"line one\nline two\nline three\",x\nnext,y\n\"a\r\nb\",z\nlast,w\n"
        let records = try read(text)
        #expect(records.map(\.fields) == [
            ["h1", "h2"], ["line one\nline two\nline three", "x"], ["next", "y"], ["a\r\nb", "z"], ["last", "w"],
        ])
        #expect(records.map(\.line) == [1, 2, 5, 6, 8])
    }

    @Test func crlf() throws {
        let records = try read("a,b\r\nc,d\r\n\"e\"\r\nf")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e"], ["f"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func loneCarriageReturnIsData() throws {
        #expect(try fields("a\rb,c\n") == [["a\rb", "c"]])
    }

    @Test func byteOrderMark() throws {
        let records = try read("\u{FEFF}zone,year\nUS,2023\n")
        #expect(records.first?.fields == ["zone", "year"])
        #expect(records.first?.line == 1)
        #expect(try fields("\u{FEFF}\"q\",x") == [["q", "x"]])
        // Only a leading mark is removed.
        #expect(try fields("a,\u{FEFF}b") == [["a", "\u{FEFF}b"]])
    }

    @Test func unicodeFields() throws {
        #expect(try fields("Zürich,CO₂e,🌍,中文\n") == [["Zürich", "CO₂e", "🌍", "中文"]])
    }

    // MARK: Errors

    @Test func unterminatedQuote() throws {
        let error = try #require(throws: CO2eError.self) { try read("a,b\nc,\"open\nmore\n") }
        #expect(error.kind == .invalidData)
        #expect(error.description.hasPrefix("test.csv:2:"))
        #expect(error.message.contains("never closed"))
    }

    @Test func unterminatedQuoteAtTheEnd() throws {
        let error = try #require(throws: CO2eError.self) { try read("\"") }
        #expect(error.description.hasPrefix("test.csv:1:"))
    }

    @Test func textAfterClosingQuote() throws {
        let error = try #require(throws: CO2eError.self) { try read("x\n\"a\"b,c\n") }
        #expect(error.kind == .invalidData)
        #expect(error.description.hasPrefix("test.csv:2:"))
        #expect(error.message.contains("after a closing quote"))
    }

    @Test func textAfterClosingQuoteOfAMultiLineField() throws {
        // The line is where the offending text is.
        let error = try #require(throws: CO2eError.self) { try read("\"a\nb\" c\n") }
        #expect(error.description.hasPrefix("test.csv:2:"))
    }

    @Test func quoteThenLoneCarriageReturn() throws {
        _ = try #require(throws: CO2eError.self) { try read("\"a\"\rb") }
    }

    @Test func errorNamesTheOrigin() throws {
        let error = try #require(throws: CO2eError.self) {
            try CSV.records(in: "\"x", origin: "grid-factors/ember.csv")
        }
        #expect(error.description.hasPrefix("grid-factors/ember.csv:1:"))
    }

    // MARK: forEachRecord

    @Test func forEachRecordStopsWhenAsked() throws {
        var text = "a\nb\nc\n\"unterminated"
        var seen: [String] = []
        try text.withUTF8 { bytes in
            try CSV.forEachRecord(in: bytes, origin: "x") { record in
                seen.append(record.fields[0])
                return record.fields[0] != "b"
            }
        }
        // Stopped at b, so the malformed last record was never read.
        #expect(seen == ["a", "b"])
    }

    @Test func bytesAndTextAgree() throws {
        let text = "a,\"b,c\"\n\nd\r\n"
        let fromText = try CSV.records(in: text, origin: "x")
        let bytes = Array(text.utf8)
        let fromBytes = try bytes.withUnsafeBufferPointer { try CSV.records(in: $0, origin: "x") }
        #expect(fromText == fromBytes)
    }

    // MARK: Property test: serialise random tables, read them back

    /// RFC 4180 serialisation: quote a field when it holds a comma, quote, CR or LF, or is empty
    /// (so a record of one empty field is not mistaken for a blank line), or starts with a
    /// byte-order mark (which the reader strips at the very start of the input).
    static func serialize(_ table: [[String]], lineEnd: String) -> String {
        table.map { record in
            record.map { field in
                let needsQuotes = field.isEmpty || field.contains { $0 == "," || $0 == "\"" || $0.isNewline }
                    || field.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
                    || field.unicodeScalars.first == "\u{FEFF}"
                guard needsQuotes else { return field }
                var quoted = "\""
                for scalar in field.unicodeScalars {
                    if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
                }
                return quoted + "\""
            }.joined(separator: ",")
        }.joined(separator: lineEnd) + lineEnd
    }

    static let alphabet: [String] = [
        "a", "b", "z", "0", "9", " ", ",", "\"", "\n", "\r\n", "\r", "é", "ü", "₂", "🌍", "中", "\t", ";", "'",
        "\u{FEFF}", "\"\"",
    ]

    static func randomField(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 0...8, using: &rng)
        var s = ""
        for _ in 0..<length { s += alphabet.randomElement(using: &rng)! }
        return s
    }

    @Test func randomTablesRoundTrip() throws {
        var rng = SplitMix64(seed: 4180)
        for iteration in 0..<400 {
            let width = Int.random(in: 1...6, using: &rng)
            let height = Int.random(in: 1...12, using: &rng)
            let table = (0..<height).map { _ in (0..<width).map { _ in Self.randomField(&rng) } }
            let lineEnd = Bool.random(using: &rng) ? "\n" : "\r\n"
            let text = Self.serialize(table, lineEnd: lineEnd)
            let records = try CSV.records(in: text, origin: "random")
            #expect(records.map(\.fields) == table, "iteration \(iteration): \(text.debugDescription)")
            // Each record starts on line 1 + the number of LFs before it.
            var expectedLines: [Int] = []
            var line = 1
            for record in table {
                expectedLines.append(line)
                let serialized = Self.serialize([record], lineEnd: lineEnd)
                line += serialized.utf8.filter { $0 == UInt8(ascii: "\n") }.count
            }
            #expect(records.map(\.line) == expectedLines, "iteration \(iteration)")
            if records.map(\.fields) != table { break }
        }
    }

    // MARK: keepRecord (raw first-line prefilter)

    /// Records of `text` read with `keepRecord` given `keep` on each record's raw first line.
    func filtered(_ text: String, keep: @escaping (String) -> Bool) throws -> [CSVRecord] {
        var copy = text
        var all: [CSVRecord] = []
        try copy.withUTF8 { bytes in
            try CSV.forEachRecord(in: bytes, origin: "test.csv", keepRecord: { keep(String(decoding: $0, as: UTF8.self)) }) {
                all.append($0)
                return true
            }
        }
        return all
    }

    @Test func keepRecordSkipsRefusedRowsButNeverTheHeader() throws {
        let text = "zone,year\nUS,2023\nIE,2023\nUS,2024\n"
        let records = try filtered(text) { $0.hasPrefix("US") }
        #expect(records.map(\.fields) == [["zone", "year"], ["US", "2023"], ["US", "2024"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func keepRecordSeesTheRawFirstLineOnce() throws {
        var seen: [String] = []
        _ = try filtered("h\r\n\"a,b\",c\r\nx\ny\n") { seen.append($0); return $0 != "x" }
        #expect(seen == ["\"a,b\",c\r", "x", "y"])
    }

    @Test func keepRecordSkipsMultiLineQuotedRecordsWithTheirLines() throws {
        let text = "h\n\"skip\nthis\nrecord\",1\nkeep,2\n\"also\nkept\",3\n"
        let records = try filtered(text) { !$0.hasPrefix("\"skip") }
        #expect(records.map(\.fields) == [["h"], ["keep", "2"], ["also\nkept", "3"]])
        #expect(records.map(\.line) == [1, 5, 6])
    }

    @Test func keepRecordStillReportsAnUnterminatedQuoteInASkippedRecord() throws {
        let error = try #require(throws: CO2eError.self) { try filtered("h\nok\n\"open,1\nmore\n") { _ in false } }
        #expect(error.description.hasPrefix("test.csv:3:"))
    }

    @Test func blankLinesBeforeTheHeaderDoNotMakeItFilterable() throws {
        let records = try filtered("\n\r\nzone,year\nUS,2023\nIE,2023\n") { $0.hasPrefix("US") }
        #expect(records.map(\.fields) == [["zone", "year"], ["US", "2023"]])
        #expect(records.map(\.line) == [3, 4])
    }

    @Test func keepRecordAgreesWithFilteringAfterReading() throws {
        // Random tables as in randomTablesRoundTrip; a record is kept iff it is the first one or
        // the predicate accepts the raw bytes of its first line.
        var rng = SplitMix64(seed: 2024)
        let keep: (String) -> Bool = { line in line.utf8.reduce(0) { $0 &+ Int($1) } % 3 != 0 }
        for iteration in 0..<300 {
            let width = Int.random(in: 1...4, using: &rng)
            let height = Int.random(in: 1...10, using: &rng)
            let table = (0..<height).map { _ in (0..<width).map { _ in Self.randomField(&rng) } }
            let lineEnd = Bool.random(using: &rng) ? "\n" : "\r\n"
            var expected: [[String]] = []
            var expectedLines: [Int] = []
            var line = 1
            for (k, record) in table.enumerated() {
                let serialized = Self.serialize([record], lineEnd: lineEnd)
                // Split on the LF byte: in a Swift String "\r\n" is one Character, not "\r" + "\n".
                let bytes = Array(serialized.utf8)
                let firstLine = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                if k == 0 || keep(firstLine) {
                    expected.append(record)
                    expectedLines.append(line)
                }
                line += serialized.utf8.filter { $0 == UInt8(ascii: "\n") }.count
            }
            let records = try filtered(Self.serialize(table, lineEnd: lineEnd), keep: keep)
            #expect(records.map(\.fields) == expected, "iteration \(iteration)")
            #expect(records.map(\.line) == expectedLines, "iteration \(iteration)")
            if records.map(\.fields) != expected { break }
        }
    }

    // MARK: CSVHeader

    @Test func headerFindsColumnsIgnoringCaseAndSpaces() throws {
        let record = try #require(try read("Zone, Year ,g_co2e_per_kwh\n").first)
        let header = CSVHeader(record, origin: "f.csv")
        #expect(header.names == ["Zone", "Year", "g_co2e_per_kwh"])
        #expect(header.index(of: "zone") == 0)
        #expect(header.index(of: "YEAR") == 1)
        #expect(header.index(of: "intensity", "g_co2e_per_kwh") == 2)
        #expect(header.index(of: "missing") == nil)
        #expect(try header.require("year") == 1)
    }

    @Test func headerPrefersTheFirstCandidate() throws {
        let record = try #require(try read("b,a\n").first)
        let header = CSVHeader(record, origin: "f.csv")
        #expect(header.index(of: "a", "b") == 1)
    }

    @Test func headerRequireNamesFileColumnAndHeader() throws {
        let record = try #require(try read("zone,year\n").first)
        let header = CSVHeader(record, origin: "factors.csv")
        let error = try #require(throws: CO2eError.self) { try header.require("g_co2e_per_kwh") }
        #expect(error.kind == .invalidData)
        #expect(error.description == "factors.csv:1: missing column 'g_co2e_per_kwh' (the header has: zone,year)")
    }
}
