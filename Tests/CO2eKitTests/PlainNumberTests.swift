/// Tests for dimensionless inputs (`PlainNumber`): shares (`73%`, `0.73`, `60%..80%`) and their
/// refusals, plain numbers and ranges (`parseInterval`), positive counts and multipliers
/// (`parsePositive`), years (`parseYear`), and `looksLikeShare`. Every refusal is
/// `CO2eError.invalidInput` naming the text.
import Testing
import CO2eKit

@Suite struct PlainNumberTests {
    /// Runs `body`, expecting an `.invalidInput` error that names `text`; returns its message.
    func refusal<T>(_ text: String, _ body: () throws -> T) throws -> String {
        let error = try #require(throws: CO2eError.self, "\(text) should be refused") { try body() }
        #expect(error.kind == .invalidInput, "\(text)")
        #expect(error.message.contains("'\(text)'") || error.message.contains(text), "\(error.message)")
        return error.message
    }

    // MARK: parseShare

    @Test(arguments: [
        ("73%", Interval(0.73)), ("0.73", Interval(0.73)), ("100%", Interval(1)), ("1", Interval(1)),
        ("0%", Interval(0)), ("0", Interval(0)), ("60%..80%", Interval(0.6, 0.8)),
        ("0.6..0.8", Interval(0.6, 0.8)), (" 73 % ", Interval(0.73)), ("60 % .. 80 %", Interval(0.6, 0.8)),
        ("12.5%", Interval(0.125)), ("60%..0.8", Interval(0.6, 0.8)), ("1e-1", Interval(0.1)),
    ])
    func shares(text: String, share: Interval) throws {
        #expect(try PlainNumber.parseShare(text) == share)
    }

    @Test func percentIsDividedByExactlyOneHundred() throws {
        #expect(try PlainNumber.parseShare("73%").lower == 73.0 / 100)
        #expect(try PlainNumber.parseShare("33.3%").lower == 33.3 / 100)
    }

    @Test func shareAboveOneHundredPercent() throws {
        let m = try refusal("150%") { try PlainNumber.parseShare("150%") }
        #expect(m.contains("above 100 %"))
    }

    @Test func fractionAboveOne() throws {
        let m = try refusal("1.5") { try PlainNumber.parseShare("1.5") }
        #expect(m.contains("more than 1"))
        #expect(m.contains("73%")) // what is accepted
    }

    @Test(arguments: ["-5%", "-0.1", "-5%..10%"])
    func negativeShare(text: String) throws {
        let m = try refusal(text) { try PlainNumber.parseShare(text) }
        #expect(m.contains("negative"))
    }

    @Test(arguments: ["abc", "", "%", "73%%", "nan", "inf%", "1e999%", "73 percent", "0,73", "60%..", "..80%"])
    func notAShare(text: String) throws {
        let m = try refusal(text) { try PlainNumber.parseShare(text) }
        #expect(m.contains("not a share"))
        #expect(m.contains("73%") && m.contains("0.73"))
    }

    @Test func shareRangeLowAboveHigh() throws {
        let m = try refusal("80%..60%") { try PlainNumber.parseShare("80%..60%") }
        #expect(m.contains("low end"))
    }

    @Test func shareRangeWithThreeDots() throws {
        // `0...5` must not become 0..0.5.
        let m = try refusal("0...5") { try PlainNumber.parseShare("0...5") }
        #expect(m.contains("two dots"))
    }

    // MARK: parseInterval

    @Test(arguments: [
        ("1.1", Interval(1.1)), ("1.1..1.4", Interval(1.1, 1.4)), ("10,000", Interval(10_000)),
        ("1e4", Interval(10_000)), (" 2 ", Interval(2)), ("1.1 .. 1.4", Interval(1.1, 1.4)),
        ("-3..-1", Interval(-3, -1)), ("-1..2", Interval(-1, 2)), ("5..5", Interval(5)),
    ])
    func intervals(text: String, value: Interval) throws {
        #expect(try PlainNumber.parseInterval(text, what: "a PUE", example: "1.1") == value)
    }

    @Test(arguments: ["abc", "", "1.1x", "1..", "..2", "1..2..3", "nan", "inf", "0x10", "1,00", "0,5"])
    func notAnInterval(text: String) throws {
        let m = try refusal(text) { try PlainNumber.parseInterval(text, what: "a PUE", example: "1.1") }
        #expect(m.contains("a PUE"))
        #expect(m.contains("1.1"))
    }

    @Test func intervalTooLarge() throws {
        let m = try refusal("1e999") { try PlainNumber.parseInterval("1e999", what: "a PUE", example: "1.1") }
        #expect(m.contains("too large"))
    }

    @Test func intervalLowAboveHigh() throws {
        let m = try refusal("1.4..1.1") { try PlainNumber.parseInterval("1.4..1.1", what: "a PUE", example: "1.1") }
        #expect(m.contains("low end"))
    }

    @Test(arguments: ["0...5", "1...2", "1.1...1.4"])
    func intervalWithThreeDots(text: String) throws {
        let m = try refusal(text) { try PlainNumber.parseInterval(text, what: "a PUE", example: "1.1") }
        #expect(m.contains("two dots"))
    }

    // MARK: parsePositive

    @Test(arguments: [
        ("10000", Interval(10_000)), ("10,000", Interval(10_000)), ("1082990", Interval(1_082_990)),
        ("0.5", Interval(0.5)), ("1.1..1.4", Interval(1.1, 1.4)), ("1e-9", Interval(1e-9)),
    ])
    func positive(text: String, value: Interval) throws {
        #expect(try PlainNumber.parsePositive(text, what: "a device count", example: "10000") == value)
    }

    @Test(arguments: ["0", "-5", "-0", "0..5", "-1..2", "-3..-1"])
    func notPositive(text: String) throws {
        let error = try #require(throws: CO2eError.self) {
            try PlainNumber.parsePositive(text, what: "a device count", example: "10000")
        }
        #expect(error.kind == .invalidInput)
        #expect(error.message.contains("more than zero"))
        #expect(error.message.contains("a device count"))
        #expect(error.message.contains("10000"))
    }

    @Test func positiveNamesTheValue() throws {
        let error = try #require(throws: CO2eError.self) {
            try PlainNumber.parsePositive("-5", what: "a device count", example: "10000")
        }
        #expect(error.message.hasPrefix("-5 "))
    }

    @Test func positiveRefusesNonNumbers() throws {
        _ = try refusal("ten") { try PlainNumber.parsePositive("ten", what: "a device count", example: "10000") }
    }

    // MARK: parseYear

    @Test(arguments: [("2024", 2024), (" 2023 ", 2023), ("1900", 1900), ("2100", 2100)])
    func years(text: String, year: Int) throws {
        #expect(try PlainNumber.parseYear(text) == year)
    }

    @Test(arguments: ["20.24", "2024.0", "2,024", "abc", "", "2024a", "1e3"])
    func notAYear(text: String) throws {
        let m = try refusal(text) { try PlainNumber.parseYear(text) }
        #expect(m.contains("not a year"))
        #expect(m.contains("2024"))
    }

    @Test(arguments: ["1899", "2101", "24", "-2024"])
    func yearOutOfRange(text: String) throws {
        let m = try refusal(text) { try PlainNumber.parseYear(text) }
        #expect(m.contains("outside 1900–2100"), "\(m)")
    }

    // MARK: looksLikeShare

    @Test func looksLikeShare() {
        #expect(PlainNumber.looksLikeShare("73%"))
        #expect(PlainNumber.looksLikeShare("0.73"))
        #expect(PlainNumber.looksLikeShare("60%..80%"))
        #expect(PlainNumber.looksLikeShare("2160"))
        #expect(PlainNumber.looksLikeShare("1..2"))
        #expect(!PlainNumber.looksLikeShare("1.5GWh"))
        #expect(!PlainNumber.looksLikeShare("90d"))
        #expect(!PlainNumber.looksLikeShare("abc"))
    }
}
