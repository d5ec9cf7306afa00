/// Tests for the byte-level readers the hourly series use for speed: `CSV.forEachRawRecord`
/// gives the same fields, lines and errors as `CSV.forEachRecord`; `NumberText.parse(bytes:)`
/// (with its exact fast path) gives the same double as Swift's own `Double(String)` on the
/// digits, bit for bit; `Timestamp.parse(field:)` gives the same time or the same error message
/// as `Timestamp.parse(String)`. Random inputs are seeded, so a failure repeats.
import Testing
import CO2eKit

@Suite struct ByteReaderTests {
    /// Every record through both readers, or the error each throws.
    func bothReads(_ text: String) -> (strings: String, raw: String) {
        let bytes = Array(text.utf8)
        func run(_ read: (UnsafeBufferPointer<UInt8>) throws -> [String]) -> String {
            bytes.withUnsafeBufferPointer { b in
                do { return try read(b).joined(separator: "\n") } catch { return "error: \(error)" }
            }
        }
        let strings = run { b in
            var out: [String] = []
            try CSV.forEachRecord(in: b, origin: "t.csv") { out.append("\($0.line):\($0.fields)"); return true }
            return out
        }
        let raw = run { b in
            var out: [String] = []
            try CSV.forEachRawRecord(in: b, origin: "t.csv") { line, fields in
                out.append("\(line):\((0..<fields.count).map { fields.string($0) })")
                return true
            }
            return out
        }
        return (strings, raw)
    }

    @Test(arguments: [
        "a,b\n1,2\n", "a,b\r\n1,2\r\n", "\u{FEFF}a,b\n1,2", "a,b\n\n\n1,2\n", "a\n\"x,\"\"y\"\"\nz\"\n2\n",
        "a,b\n1,\n", "a,b\n,\n", "a,\"b\n", "a,\"b\"c\n1,2\n", "a,b\n1,2,3\n", "a\rb\rc", "a\n1\r2\n", "",
        "\n\n", "a,b\n\"\",\"\"\n", "h\n\u{301},é\n",
    ])
    func rawRecordsMatchTheStringReader(text: String) {
        let (strings, raw) = bothReads(text)
        #expect(strings == raw)
    }

    @Test func rawRecordsMatchOnRandomBytes() {
        var rng = SplitMix64(seed: 29)
        let alphabet = Array("ab1,\"\n\r ".utf8)
        for _ in 0..<2_000 {
            let n = Int.random(in: 0..<40, using: &rng)
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            let (strings, raw) = bothReads(String(decoding: bytes, as: UTF8.self))
            #expect(strings == raw, "\(bytes)")
        }
    }

    @Test func rawRecordsKeepTheStringReadersFilter() throws {
        let bytes = Array("h,v\nkeep,1\ndrop,2\n\"drop\nstill\",3\nkeep,4\n".utf8)
        let keep: (UnsafeBufferPointer<UInt8>) -> Bool = { $0.first != UInt8(ascii: "d") && $0.first != UInt8(ascii: "\"") }
        var a: [String] = [], b: [String] = []
        try bytes.withUnsafeBufferPointer { buf in
            try CSV.forEachRecord(in: buf, origin: "t", keepRecord: keep) { a.append("\($0.line):\($0.fields)"); return true }
            try CSV.forEachRawRecord(in: buf, origin: "t", keepRecord: keep) { line, f in
                b.append("\(line):\((0..<f.count).map { f.string($0) })"); return true
            }
        }
        #expect(a == b)
        #expect(a == ["1:[\"h\", \"v\"]", "2:[\"keep\", \"1\"]", "6:[\"keep\", \"4\"]"])
    }

    /// Swift's own reading of the grammar's digits (thousands commas removed).
    func reference(_ text: String) -> Double? {
        NumberText.parse(text).map { _ in Double(String(text.filter { $0 != "," }))! }
    }

    @Test(arguments: [
        "0", "-0", "+0.0", "334.2055847568988", "0.1", "0.3", "9007199254740993", "9007199254740992",
        "123456789012345678901234567890", "1e22", "1e23", "1.7976931348623157e308", "1e309", "4.9e-324",
        "1e-400", "0.000000000000000000000001", "1,234,567.891", "-2.5E-3", ".5e1", "5.", "1e-22",
        "12345678901234567e-5", "2.2250738585072014e-308",
    ])
    func bytesParseAsSwiftDoes(text: String) {
        let bytes = Array(text.utf8)
        let fast = bytes.withUnsafeBufferPointer { NumberText.parse(bytes: $0) }
        let ref = reference(text)
        #expect(fast?.bitPattern == ref?.bitPattern, "\(text)")
    }

    @Test func bytesParseAsSwiftDoesOnRandomDecimals() {
        var rng = SplitMix64(seed: 24)
        for _ in 0..<20_000 {
            let intDigits = Int.random(in: 0...18, using: &rng)
            let fracDigits = Int.random(in: 0...18, using: &rng)
            var text = Bool.random(using: &rng) ? "-" : ""
            for _ in 0..<intDigits { text.append(Character(String(Int.random(in: 0...9, using: &rng)))) }
            if fracDigits > 0 || intDigits == 0 {
                text += "."
                for _ in 0..<max(fracDigits, 1) { text.append(Character(String(Int.random(in: 0...9, using: &rng)))) }
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { text += "e\(Int.random(in: -30...30, using: &rng))" }
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { NumberText.parse(bytes: $0) }
            #expect(fast != nil && fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    /// The time, or the error's message.
    func timeOrError(_ read: () throws -> Timestamp) -> String {
        do { return "\(try read().secondsSinceEpoch)" } catch let error as CO2eError { return error.message } catch { return "\(error)" }
    }

    @Test(arguments: [
        "2022-01-01T00:00:00Z", " 2022-01-01T00:00:00Z\t", "2022-07-01 09:00+02:00", "2022-07-01T09:00:00.000-0500",
        "2022-07-01T09:00-05", "2022-07-01T09:00+1800", "2022-07-01T09:00+1801", "2022-07-01T09:00+18:60",
        "2022-07-01T09:00+2:00", "2022-07-01T09:00", "2022-02-29T00:00Z", "0001-01-01T00:00Z", "0001-01-01T00:00+01:00",
        "9999-12-31T23:59:59Z", "2022-01-01T00:00:00é", "é2022-01-01T00:00:00Z", " \u{301}2022-01-01T00:00Z", "",
        "2022-01-01", "2022-01-01T00:00:00.Z", "2022-01-01T00:00Zx",
        // The `YYYY-MM-DDThh:mm:ssZ` fast path and its edges, which the general parser reads.
        "2022-02-30T00:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2022-13-01T00:00:00Z", "2022-00-01T00:00:00Z",
        "2022-01-01T24:00:00Z", "2022-01-01T00:60:00Z", "2022-01-01T00:00:60Z", "0000-01-01T00:00:00Z",
        "2022-01-01t00:00:00Z", "2022-01-01T00:00:00z", "2022-01-01 00:00:00Z", "2022-01-0aT00:00:00Z", "2022/01/01T00:00:00Z",
    ])
    func fieldTimesMatchTheStringParser(text: String) {
        let bytes = Array(text.utf8)
        for offset in [nil, 3_600] as [Int?] {
            let fromField = bytes.withUnsafeBufferPointer { b in timeOrError { try Timestamp.parse(field: b, assumedOffsetSeconds: offset) } }
            let fromString = timeOrError { try Timestamp.parse(text, assumedOffsetSeconds: offset) }
            #expect(fromField == fromString, "\(text)")
        }
    }
}
