/// The prefilters of `TableText.forEachRow` only save work: on random tables (spaces, mixed case,
/// `;` lists, quoted fields, non-ASCII text, a byte-order mark) every record a full read would
/// select is still given to the body, in order, with its line number.
import Testing
@testable import CO2eCore

@Suite struct TableTextFilterTests {
    static let words = ["US", "us", " US ", "Us;USA", "IE", "eGRID:CAMX", "United States", "DE; Germany", "ÜS", "x", ""]

    /// One of `xs`, drawn with the seeded generator.
    func pick<T>(_ r: inout SplitMix64, _ xs: [T]) -> T { xs[Int(r.next() % UInt64(xs.count))] }

    func field(_ r: inout SplitMix64) -> String {
        let w = pick(&r, Self.words)
        // Some fields quoted, some with a comma or a line break inside the quotes.
        switch r.next() % 6 {
        case 0: return "\"" + w + "\""
        case 1: return "\"" + w + ",US\""
        case 2: return "\"" + w + "\nUS\""
        default: return w
        }
    }

    func table(_ r: inout SplitMix64) -> String {
        var text = r.next() % 4 == 0 ? "\u{FEFF}" : ""
        text += pick(&r, ["zone,name,aliases\n", " Zone ,name,aliases\n", "\"zone\",name,aliases\n", "id,zone,aliases\n"])
        for _ in 0..<Int(r.next() % 12) {
            text += (0..<3).map { _ in field(&r) }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The full read's records (after the header) and a reference predicate on them.
    func records(_ text: String) throws -> [CSVRecord] {
        Array(try CSV.records(in: text, origin: "t.csv").dropFirst())
    }

    func visited(_ text: String, column: String? = nil, equals: String? = nil, field: String? = nil) throws -> [CSVRecord] {
        var seen: [CSVRecord] = []
        let table = TableText(origin: "t.csv", storage: .owned(Array(text.utf8)))
        try table.forEachRow(where: column, equals: equals, field: field) { _, record in
            seen.append(record)
            return true
        }
        return seen
    }

    func parts(_ field: String) -> [String] {
        [field.trimmingSpaces.lowercased()] + field.split(separator: ";").map { String($0).trimmingSpaces.lowercased() }
    }

    @Test("the field filter gives the body every record with that field or alias (400 seeded tables)")
    func fieldFilterKeepsEveryMatch() throws {
        var r = SplitMix64(seed: 7)
        for _ in 0..<400 {
            let text = table(&r)
            guard let all = try? records(text), all.allSatisfy({ $0.fields.count == 3 }) else { continue }
            let needle = pick(&r, ["US", "usa", "germany", "egrid:camx", "United States", "x"])
            let expected = all.filter { rec in rec.fields.contains { parts($0).contains(needle.lowercased()) } }
            let got = try visited(text, field: needle)
            #expect(Set(expected.map(\.line)).isSubset(of: Set(got.map(\.line))), "\(text.debugDescription) for \(needle)")
            #expect(got.map(\.line) == got.map(\.line).sorted())
        }
    }

    @Test("the first-field filter gives the body every record whose first field is the value (400 seeded tables)")
    func firstFieldFilterKeepsEveryMatch() throws {
        var r = SplitMix64(seed: 11)
        for _ in 0..<400 {
            let text = table(&r)
            guard let all = try? records(text), all.allSatisfy({ $0.fields.count == 3 }) else { continue }
            let value = pick(&r, ["US", "us", "IE", "United States"])
            let expected = all.filter { $0.fields[0].trimmingSpaces.lowercased() == value.lowercased() }
            let got = try visited(text, column: "zone", equals: value)
            // The filter applies only when the header's first column is `zone`; otherwise it reads all.
            #expect(Set(expected.map(\.line)).isSubset(of: Set(got.map(\.line))), "\(text.debugDescription) for \(value)")
        }
    }

    @Test("the field filter skips a plain line without the field, and keeps one that has it as an alias")
    func fieldFilterSkipsWhatCannotMatch() throws {
        let text = "zone,name,aliases\nAU,Australia,AUS\nUS,United States,USA; America\nRU,Russia,RUS\n"
        #expect(try visited(text, field: "us").map(\.line) == [3])
        #expect(try visited(text, field: "america").map(\.line) == [3])
        #expect(try visited(text, field: "Austr").isEmpty)
    }
}
