/// Tests for `JSONValue` serialisation: string escaping (quotes, backslash, control characters,
/// non-ASCII text), numbers (integers without `.0`, exact round trips, non-finite as `null`),
/// key order kept, compact vs pretty layout, and equality. Every output is parsed back with
/// Foundation's `JSONSerialization` to prove it is valid JSON with the same content.
import Foundation
import Testing
import CO2eKit

@Suite struct JSONTests {
    /// Parses `text` with Foundation (fragments allowed), failing the test if it is not JSON.
    func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    // MARK: Strings

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("line\nbreak", "\"line\\nbreak\""),
        ("cr\rlf", "\"cr\\rlf\""),
        ("tab\there", "\"tab\\there\""),
        ("\u{0}", "\"\\u0000\""),
        ("\u{1}\u{8}\u{C}\u{1F}", "\"\\u0001\\u0008\\u000c\\u001f\""),
        ("\u{7F}", "\"\u{7F}\""),
        ("CO₂e 🌍 中文 Zürich", "\"CO₂e 🌍 中文 Zürich\""),
        ("/", "\"/\""),
        ("", "\"\""),
    ])
    func stringEscaping(text: String, json: String) throws {
        let serialized = JSONValue.string(text).serialized()
        #expect(serialized == json)
        #expect(try parse(serialized) as? String == text)
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let serialized = JSONValue.string(all).serialized()
        #expect(!serialized.unicodeScalars.contains { $0.value < 0x20 })
        #expect(try parse(serialized) as? String == all)
    }

    @Test func keysAreEscapedToo() throws {
        let value = JSONValue.object([("a\"b\n", .number(1))])
        #expect(value.serialized() == "{\"a\\\"b\\n\":1}")
        let object = try #require(try parse(value.serialized()) as? [String: Any])
        #expect(object["a\"b\n"] as? Int == 1)
    }

    // MARK: Numbers

    @Test(arguments: [
        (3.0, "3"), (-3.0, "-3"), (0.0, "0"), (-0.0, "0"), (1_287_000.0, "1287000"), (0.429, "0.429"),
        (552.1, "552.1"), (1e15, "1000000000000000.0"), (1e16, "1e+16"), (1e-7, "1e-07"), (24_692.172, "24692.172"),
    ] as [(Double, String)])
    func numbers(x: Double, json: String) throws {
        let serialized = JSONValue.number(x).serialized()
        #expect(serialized == json)
        let back = try #require(try parse(serialized) as? NSNumber)
        #expect(back.doubleValue == x)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -.nan])
    func nonFiniteIsNull(x: Double) throws {
        #expect(JSONValue.number(x).serialized() == "null")
        #expect(try parse(JSONValue.array([.number(x)]).serialized()) is [NSNull])
    }

    @Test func numbersRoundTrip() throws {
        var rng = SplitMix64(seed: 7)
        var values: [Double] = [
            0.1, 1.0 / 3, 771.5 * 0.45359237, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1e300,
            123_456_789_012_345,
        ]
        for _ in 0..<300 {
            let x = Double(bitPattern: rng.next())
            if x.isFinite { values.append(x) }
        }
        let json = JSONValue.array(values.map(JSONValue.number)).serialized()
        // Valid JSON, with every element a number.
        let parsed = try #require(try parse(json) as? [NSNumber])
        #expect(parsed.count == values.count)
        // Each number's text reads back as exactly the same Double. (Foundation's own parser is
        // checked only to within a relative 1e-14: swift-corelibs-foundation on Linux can be a
        // few ulps off for long mantissas, which is a property of that parser, not of the text.)
        let tokens = json.dropFirst().dropLast().split(separator: ",")
        #expect(tokens.count == values.count)
        for ((x, n), token) in zip(zip(values, parsed), tokens) {
            #expect(Double(String(token)) == x, "\(x) -> \(token)")
            #expect(abs(n.doubleValue - x) <= abs(x) * 1e-14, "\(x)")
        }
    }

    @Test func literals() throws {
        #expect(JSONValue.null.serialized() == "null")
        #expect(JSONValue.bool(true).serialized() == "true")
        #expect(JSONValue.bool(false).serialized() == "false")
        #expect(try parse("true") as? Bool == true)
    }

    // MARK: Structure

    static let sample = JSONValue.object([
        ("zone", .string("US")),
        ("year", .number(2023)),
        ("energy", .object([("low", .number(50_000_000)), ("high", .number(60_000_000)), ("unit", .string("kWh"))])),
        ("steps", .array([.string("a"), .number(0.5), .null, .bool(false)])),
        ("empty_array", .array([])),
        ("empty_object", .object([])),
    ])

    @Test func compact() {
        #expect(Self.sample.serialized() ==
            #"{"zone":"US","year":2023,"energy":{"low":50000000,"high":60000000,"unit":"kWh"},"steps":["a",0.5,null,false],"empty_array":[],"empty_object":{}}"#)
    }

    @Test func pretty() {
        let expected = """
        {
          "zone": "US",
          "year": 2023,
          "energy": {
            "low": 50000000,
            "high": 60000000,
            "unit": "kWh"
          },
          "steps": [
            "a",
            0.5,
            null,
            false
          ],
          "empty_array": [],
          "empty_object": {}
        }
        """
        #expect(Self.sample.prettySerialized() == expected)
    }

    @Test func compactAndPrettyParseToTheSameValue() throws {
        let compact = try #require(try parse(Self.sample.serialized()) as? [String: Any])
        let pretty = try #require(try parse(Self.sample.prettySerialized()) as? [String: Any])
        #expect(NSDictionary(dictionary: compact).isEqual(to: pretty))
        #expect(compact.count == 6)
        #expect(compact["zone"] as? String == "US")
        #expect((compact["energy"] as? [String: Any])?["high"] as? Int == 60_000_000)
        #expect((compact["steps"] as? [Any])?.count == 4)
    }

    @Test func keyOrderIsKept() {
        let keys = ["zulu", "alpha", "mike", "bravo", "yankee"]
        let value = JSONValue.object(keys.enumerated().map { ($0.element, .number(Double($0.offset))) })
        let text = value.serialized()
        let positions = keys.map { text.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text == #"{"zulu":0,"alpha":1,"mike":2,"bravo":3,"yankee":4}"#)
    }

    @Test func compactHasNoWhitespace() {
        let text = Self.sample.serialized()
        #expect(!text.contains("\n"))
        #expect(!text.contains(": "))
        #expect(!text.contains(", "))
    }

    @Test func deepNestingIsValid() throws {
        var value = JSONValue.number(1)
        for depth in 0..<50 { value = depth.isMultiple(of: 2) ? .array([value]) : .object([("k", value)]) }
        _ = try parse(value.serialized())
        _ = try parse(value.prettySerialized())
    }

    // MARK: Equality

    @Test func equalityFollowsTheText() {
        #expect(JSONValue.number(3) == JSONValue.number(3.0))
        #expect(JSONValue.object([("a", .number(1)), ("b", .number(2))]) != JSONValue.object([("b", .number(2)), ("a", .number(1))]))
        #expect(JSONValue.string("1") != JSONValue.number(1))
        #expect(Self.sample == Self.sample)
    }
}
