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

// The strict JSON reader (RFC 8259): what it accepts, what it refuses, and where it says the
// error is.

private func error(_ text: String) -> CO2eError? {
    do {
        _ = try JSONValue.parse(text, origin: "t.json")
        return nil
    } catch let e as CO2eError {
        return e
    } catch {
        return nil
    }
}

@Test func parsesEveryKindOfValue() throws {
    let v = try JSONValue.parse(#" {"a": [1, -2.5e3, 0, 0.125, true, false, null], "b": {"c": "d\n\u00e9\ud83d\ude00"}, "": []} "#)
    #expect(v["a"]?.arrayItems?.count == 7)
    #expect(v["a"]?.arrayItems?[1].numberValue == -2500)
    #expect(v["a"]?.arrayItems?[3].numberValue == 0.125)
    #expect(v["a"]?.arrayItems?[4] == .bool(true))
    #expect(v["a"]?.arrayItems?[6] == .null)
    #expect(v["b"]?["c"]?.stringValue == "d\né😀")
    #expect(v[""]?.arrayItems?.isEmpty == true)
    // Keys keep their order.
    #expect(v.objectMembers?.map(\.0) == ["a", "b", ""])
}

@Test func writesAndReadsBackTheSameValue() throws {
    let text = #"{"x":[1.5,"tab\there \"q\" \\ /",{"y":null}],"z":1e-7,"w":123456789012}"#
    let v = try JSONValue.parse(text)
    let again = try JSONValue.parse(v.prettySerialized())
    #expect(again == v)
    #expect(try JSONValue.parse(v.serialized()).serialized() == v.serialized())
}

@Test(arguments: [
    ("", "line 1, column 1: the text is empty"),
    ("{\"a\": 1,}", "trailing comma before '}'"),
    ("[1, 2,]", "trailing comma before ']'"),
    ("{\"a\": 01}", "leading zeros"),
    ("{'a': 1}", "unexpected '''; expected a key in double quotes"),
    ("[NaN]", "'NaN' is not a JSON number"),
    ("[Infinity]", "'Infinity' is not a JSON number"),
    ("[1.]", "a decimal point must be followed by a digit"),
    ("[1e]", "an exponent must have digits"),
    ("[-]", "'-' must be followed by a digit"),
    ("[tru]", "did you mean true?"),
    ("{\"a\" 1}", "expected ':'"),
    ("{\"a\": 1, \"a\": 2}", "key \"a\" appears twice"),
    ("[\"a\nb\"]", "line break inside a string"),
    ("[\"\\x\"]", "unknown escape"),
    ("[\"\\ud800\"]", "high surrogate"),
    ("[\"\\udc00\"]", "lone low surrogate"),
    ("[1] [2]", "after the JSON value"),
    ("// comment\n[1]", "expected a value"),
    ("[1e999]", "too large"),
    ("{\"a\": [1, 2}", "expected ',' or ']'"),
    ("[\"abc", "the text ends inside a string"),
])
func refusesWhatIsNotJSON(_ text: String, _ expected: String) throws {
    let e = try #require(error(text), "accepted \(text)")
    #expect(e.kind == .invalidData)
    #expect(e.file == "t.json")
    #expect(e.reason.contains(expected), "\(e.reason)")
}

@Test func errorsNameLineAndColumn() throws {
    let e = try #require(error("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}"))
    #expect(e.line == 3)
    #expect(e.reason.hasPrefix("line 3, column 14:"), "\(e.reason)")
    // Columns count characters, not bytes.
    let u = try #require(error("[\"é\", x]"))
    #expect(u.reason.hasPrefix("line 1, column 7:"), "\(u.reason)")
}

@Test func refusesDeepNestingAndInvalidUTF8() throws {
    let deep = String(repeating: "[", count: JSONValue.maximumDepth + 1) + String(repeating: "]", count: JSONValue.maximumDepth + 1)
    #expect(error(deep)?.reason.contains("nesting deeper") == true)
    let fine = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
    #expect(error(fine) == nil)
    #expect(throws: CO2eError.self) { try JSONValue.parse(bytes: [0x5B, 0x22, 0xFF, 0x22, 0x5D]) }
}
