// The YAML subset reader and writer: what js-yaml's dump writes is read, the rest refused with
// its line and column, and what co2e writes reads back to the same value.
import Testing
@testable import CO2eKit

@Suite struct YAMLTests {
    func parse(_ text: String) throws -> YAMLValue { try YAMLValue.parse(text, origin: "t.yaml") }

    /// The error `text` gets, as one line.
    func error(_ text: String) -> CO2eError? {
        do { _ = try parse(text); return nil } catch let e as CO2eError { return e } catch { return nil }
    }

    @Test func readsWhatJsYamlDumpWritesForObservations() throws {
        // As js-yaml 4's dump(inputs, {indent: 2}) lays out IF's observations.
        let text = """
        - timestamp: '2023-07-06T00:00'
          duration: 3600
          cpu/energy: 0.002
          memory/energy: 5.e-7
          cloud/region: us-east-1
          tags:
            - a
            - 'yes'
          empty: []
          nested:
            deep: null
          on: true
        - timestamp: 2023-07-06T01:00:00.000Z
          note: "tab\\there \\u00e9"

        """
        let v = try parse(text)
        let items = try #require(v.sequenceItems)
        #expect(items.count == 2)
        #expect(items[0]["timestamp"] == .string("2023-07-06T00:00"))
        #expect(items[0]["duration"]?.numberValue == 3600)
        #expect(items[0]["memory/energy"]?.numberValue == 5e-7)
        #expect(items[0]["cloud/region"] == .string("us-east-1"))
        #expect(items[0]["tags"] == .sequence([.string("a"), .string("yes")]))
        #expect(items[0]["empty"] == .sequence([]))
        #expect(items[0]["nested"] == .mapping([("deep", .null)]))
        #expect(items[0]["on"] == .bool(true))
        #expect(items[1]["timestamp"] == .timestamp("2023-07-06T01:00:00.000Z"))
        #expect(items[1]["note"] == .string("tab\there é"))
        #expect(items[0].mappingEntries?.map(\.0) == ["timestamp", "duration", "cpu/energy", "memory/energy", "cloud/region", "tags", "empty", "nested", "on"])
    }

    @Test func resolvesPlainScalarsAsJsYamlsDefaultSchema() {
        let cases: [(String, YAMLValue)] = [
            ("~", .null), ("Null", .null), ("TRUE", .bool(true)), ("False", .bool(false)),
            ("12", .number("12")), ("-0.5", .number("-0.5")), ("1_000", .number("1_000")), (".5", .number(".5")),
            ("1e3", .number("1e3")), ("0x1F", .number("0x1F")), ("-.inf", .number("-.inf")), (".NaN", .number(".NaN")),
            ("2024-08-19", .timestamp("2024-08-19")), ("2024-8-1 3:04:05.5 +01:00", .timestamp("2024-8-1 3:04:05.5 +01:00")),
            // Not numbers or dates in js-yaml: kept as strings.
            ("-.5", .string("-.5")), ("1_", .string("1_")), ("1e", .string("1e")), ("2023-07-06T00:00", .string("2023-07-06T00:00")),
            ("yes", .string("yes")), ("0x", .string("0x")), ("5GWh", .string("5GWh")),
        ]
        for (text, expected) in cases {
            #expect(YAMLScalar.resolve(text) == expected, "\(text)")
        }
        #expect(YAMLScalar.numberValue("1_000.5") == 1000.5)
        #expect(YAMLScalar.numberValue("0b101") == 5)
        #expect(YAMLScalar.numberValue("-0o17") == -15)
        #expect(YAMLScalar.numberValue("+.inf") == .infinity)
        #expect(YAMLScalar.numberValue("5.e-7") == 5e-7)
    }

    @Test func readsBlockScalarsWithTheirChomping() throws {
        let text = """
        folded: >-
          a long value that js-yaml
          folds past 80 columns

          and a paragraph
        literal: |
          line one
            indented
        kept: |+
          x

        stripped: |-
          y
        indicator: |2-
           starts with a space
        after: 1
        """
        let v = try parse(text)
        #expect(v["folded"] == .string("a long value that js-yaml folds past 80 columns\nand a paragraph"))
        #expect(v["literal"] == .string("line one\n  indented\n"))
        #expect(v["kept"] == .string("x\n\n"))
        #expect(v["stripped"] == .string("y"))
        #expect(v["indicator"] == .string(" starts with a space"))
        #expect(v["after"] == .number("1"))
    }

    @Test func readsSequencesAtTheirKeysIndentationCommentsAndADocumentStart() throws {
        let v = try parse("""
        --- # one document
        # a comment line
        inputs:
        - energy: 1 # kWh
          'quoted key': "x # not a comment"
        - - nested
          - items
        url: http://example.com/a#b
        """)
        #expect(v["inputs"] == .sequence([.mapping([("energy", .number("1")), ("quoted key", .string("x # not a comment"))]),
                                         .sequence([.string("nested"), .string("items")])]))
        #expect(v["url"] == .string("http://example.com/a#b"))
        #expect(try parse("") == .null)
        #expect(try parse("# only a comment\n") == .null)
        #expect(try parse("\u{FEFF}- 1\r\n- 2\r\n") == .sequence([.number("1"), .number("2")]))
    }

    @Test func refusesWhatItDoesNotReadNamingLineAndColumn() {
        let cases: [(String, String)] = [
            ("a: &x 1\n", "line 1, column 4: anchors ('&name') are not read"),
            ("a: 1\nb: *x\n", "line 2, column 4: aliases ('*name') are not read"),
            ("a: !!str 1\n", "line 1, column 4: tags ('!tag') are not read"),
            ("%YAML 1.2\n---\na: 1\n", "line 1, column 1: directives"),
            ("a: 1\n---\nb: 2\n", "line 2, column 1: a second document"),
            ("a: 1\n...\n", "document end markers"),
            ("a:\n\tb: 1\n", "line 2, column 1: a tab in the indentation"),
            ("a: 1\na: 2\n", "line 2, column 1: key 'a' appears twice"),
            ("? a\n: 1\n", "complex keys"),
            ("<<: {}\n", "merge keys"),
            ("a: [1, 2]\n", "line 1, column 4: flow sequences"),
            ("a: {b: 1}\n", "flow mappings"),
            ("a: 'open\n", "line 1, column 4: a quoted value that does not end on its line"),
            ("a: \"x\\q\"\n", "line 1, column 6: unknown escape '\\q'"),
            ("a: \"\\uD800\"\n", "not a character"),
            ("a: b: c\n", "line 1, column 5: ': ' inside a plain value"),
            ("a: plain\n  continued\n", "line 2, column 3: a plain value that goes on over several lines"),
            ("a: 1\n  b: 2\n", "line 2, column 3:"),
            ("- a\nb: 1\n", "line 2, column 1: unexpected content"),
            ("a: 1\n- b\n", "line 2, column 1: a sequence item"),
            ("a: 'x' y\n", "line 1, column 8: unexpected text after the value"),
            ("a: @x\n", "reserved"),
            ("a: \u{07}\n", "line 1, column 4: control character 0x7"),
            ("a: 1\rb: 2\n", "carriage return"),
            ("a: - b\n", "'- ' cannot start a value"),
        ]
        for (text, expected) in cases {
            let e = error(text)
            let line = e?.oneLine() ?? "no error"
            #expect(line.contains(expected), "\(text.debugDescription): \(line)")
            #expect(e?.file == "t.yaml", "\(text.debugDescription)")
        }
        // What is accepted is said with each refusal of a construct.
        #expect(error("a: &x 1\n")?.accepted == YAMLValue.subset)
    }

    @Test func refusesInvalidUTF8() throws {
        #expect(throws: CO2eError.self) { try YAMLValue.parse(bytes: Array("a: ".utf8) + [0xC3, 0x28], origin: "t.yaml") }
        #expect(throws: CO2eError.self) { try YAMLValue.parse(bytes: Array("a: ".utf8) + [0xED, 0xA0, 0x80], origin: "t.yaml") }   // a surrogate
        #expect(try YAMLValue.parse(bytes: Array("a: é€😀".utf8), origin: "t.yaml") == .mapping([("a", .string("é€😀"))]))
    }

    @Test func isBoundedInDepthAndSize() throws {
        let deep = (0..<(YAMLValue.maximumDepth + 1)).map { String(repeating: "  ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        let e = try #require(error(deep))
        #expect(e.oneLine().contains("nesting deeper than \(YAMLValue.maximumDepth) levels"))
        let fits = (0..<YAMLValue.maximumDepth).map { String(repeating: "  ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        #expect(error(fits) == nil)
        // Sequences of sequences on one line count the same.
        #expect(error(String(repeating: "- ", count: YAMLValue.maximumDepth + 1) + "x\n")?.oneLine().contains("nesting deeper") == true)
        let big = [UInt8](repeating: UInt8(ascii: "#"), count: YAMLValue.maximumBytes + 1)
        #expect(throws: CO2eError.self) { try YAMLValue.parse(bytes: big, origin: "t.yaml") }
    }

    @Test func writesWhatItReadsBackAsTheSameValue() throws {
        let tricky: [String] = ["", " lead", "trail ", "a: b", "a #b", "#x", "- x", "yes", "null", "12", "1e3", ".5", "2024-08-19",
                                "it's", "\"q\"", "line\nbreak", "tab\there", "\u{85}\u{2028}", "é😀", "<<", "~", "[]", "{x}", "...", "---", "x:",
                                // A quote and a combining mark are one Character: found by the yaml fuzz target.
                                "?'\u{59E}x", "''\u{301}'",
                                // A space and a combining mark are one Character, so `": "` was missed (yaml campaign, 2026-12-03).
                                "y: \u{5B1}i", "a #\u{301}", "a:\t\u{301}"]
        let value = YAMLValue.sequence([
            .mapping(tricky.enumerated().map { ("k\($0.offset) \($0.element)", .string($0.element)) }),
            .sequence([.sequence([.number("1"), .null]), .mapping([]), .sequence([])]),
            .mapping([("n", .number("5.e-7")), ("t", .timestamp("2023-07-06T01:00:00.000Z")), ("b", .bool(false)),
                      ("m", .mapping([("s", .sequence([.mapping([("x", .string("y"))])]))]))]),
            .string("top"),
        ])
        let text = value.yamlText()
        #expect(try parse(text) == value, "\(text)")
        // The layout is js-yaml's: the first field on the item's line, sequences under a key indented.
        #expect(YAMLValue.sequence([.mapping([("a", .number("1")), ("b", .sequence([.string("x")]))])]).yamlText() == "- a: 1\n  b:\n    - x\n")
        #expect(YAMLWriter.string("'x") == "'''x'")
        #expect(YAMLWriter.string("a\nb") == "\"a\\nb\"")
        #expect(YAMLWriter.string("us-east-1") == "us-east-1")
        #expect(YAMLWriter.string("y: \u{5B1}i") == "'y: \u{5B1}i'")
    }
}
