/// Tests for the number grammar `NumberText.parse`: optional sign, digits with `,` thousands
/// grouping in groups of exactly three (never after a leading zero, so a decimal comma such as
/// `0,429` is refused rather than read as 429), optional fraction, optional exponent; and the
/// refusals: hexadecimal, `nan`, `inf`, underscores, spaces inside, stray signs and dots,
/// non-ASCII digits. (`NumberText.format` and `exact` are covered in QuantityFormattingTests.)
import Testing
import CO2eKit

@Suite struct NumberTextTests {
    @Test(arguments: [
        ("0", 0.0), ("7", 7), ("42", 42), ("007", 7), ("3.25", 3.25), ("0.429", 0.429),
        (".5", 0.5), ("5.", 5), ("+5", 5), ("-5", -5), ("-0.5", -0.5), ("+.5", 0.5),
        ("1e9", 1e9), ("1E9", 1e9), ("1e+9", 1e9), ("1e-9", 1e-9), ("2.5e3", 2_500),
        ("-2.5E-3", -0.0025), (".5e1", 5), ("1e0", 1), ("1e09", 1e9),
    ] as [(String, Double)])
    func plainNumbers(text: String, value: Double) {
        #expect(NumberText.parse(text) == value)
    }

    @Test(arguments: [
        ("1,287", 1_287.0), ("12,345", 12_345), ("123,456", 123_456), ("1,000,000", 1_000_000),
        ("1,287.5", 1_287.5), ("-1,287", -1_287), ("+1,287", 1_287), ("1,082,990", 1_082_990),
        ("1,000e3", 1e6), ("999,999.999", 999_999.999), ("1234", 1_234), ("1234567", 1_234_567),
    ] as [(String, Double)])
    func grouping(text: String, value: Double) {
        #expect(NumberText.parse(text) == value)
    }

    @Test(arguments: [
        // Group lengths other than three.
        "1,28", "1,2870", "1,2", "12,34,567", "1,000,00", "1,0000",
        // First group longer than three digits, or missing.
        "1234,567", ",123", "-,123",
        // Doubled, trailing or misplaced commas.
        "1,,287", "1287,", "1,287,", "1,287.5,5", "1.287,5", "1,.5",
        // A leading zero before a comma is a decimal comma, not grouping.
        "0,429", "0,123", "00,123", "-0,429", "012,345",
    ])
    func badGrouping(text: String) {
        #expect(NumberText.parse(text) == nil, "\(text)")
    }

    @Test(arguments: [
        "", " ", "+", "-", ".", "+.", "-.", "e5", ".e5", "1e", "1e+", "1e-", "1e5.5", "1ee5",
        "1..2", "1.2.3", "--1", "+-1", "1-", "1+",
    ])
    func malformed(text: String) {
        #expect(NumberText.parse(text) == nil, "\(text)")
    }

    @Test(arguments: [
        "nan", "NaN", "NAN", "-nan", "inf", "-inf", "+inf", "Inf", "infinity", "Infinity",
        "0x10", "0X1F", "0x1p3", "0b101", "0o17",
    ])
    func refusesWhatDoubleWouldAccept(text: String) {
        #expect(NumberText.parse(text) == nil, "\(text)")
    }

    @Test(arguments: [
        " 5", "5 ", "1 287", "1 000 000", "1_000", "- 5", "1e 9", "1. 5", "5\t", "\n5",
        "1\u{00A0}287", "1\u{202F}287",
    ])
    func refusesSpacesAndSeparatorsInside(text: String) {
        // Callers trim surrounding spaces; the grammar itself admits none.
        #expect(NumberText.parse(text) == nil, "\(text.debugDescription)")
    }

    @Test(arguments: ["٣", "５", "1٣", "²", "½", "1.5GWh", "5%", "abc", "1,287 MWh"])
    func refusesNonASCIIDigitsAndTrailingText(text: String) {
        #expect(NumberText.parse(text) == nil, "\(text)")
    }

    @Test func hugeExponentIsInfiniteNotRefused() throws {
        // The grammar accepts 1e999; callers refuse the infinite value with their own message.
        let v = try #require(NumberText.parse("1e999"))
        #expect(v == .infinity)
        #expect(NumberText.parse("-1e999") == -.infinity)
        #expect(NumberText.parse("1e-999") == 0)
    }

    @Test func acceptsSubstrings() {
        let text = "x1,287y"
        let inner = text.dropFirst().dropLast()
        #expect(NumberText.parse(inner) == 1_287)
    }

    @Test func negativeZero() throws {
        let v = try #require(NumberText.parse("-0"))
        #expect(v == 0)
        #expect(v.sign == .minus)
    }

    @Test func manyDigitsRoundCorrectly() {
        #expect(NumberText.parse("0.1000000000000000055511151231257827") == 0.1)
        #expect(NumberText.parse("123,456,789,012,345,678") == 123_456_789_012_345_680)
    }
}
