/// Tests for dimensionless inputs, which were `PlainNumber` and are now quantities: shares
/// (`Share.parseRange`: `73%`, `0.73`, `60%..80%`) and their range check (`Check.share`), plain
/// numbers and ranges such as a PUE (`Ratio.parseRange`), positive counts (`Count.parseRange`
/// with `Check.positive`), years (`Year.parse`), and the new dimensions' spellings (counts with
/// scales, growth rates, volumes, energy per item, emission rates). Every refusal is
/// `CO2eError.invalidInput` naming the text. (`PlainNumber.looksLikeShare` is gone with no
/// successor: its test went with it.)
import Testing
import CO2eKit

/// A share as the CLI reads one: parsed, then checked to lie in 0–100 %.
private func share(_ text: String) throws -> Interval {
    let given = try Share.parseRange(text)
    try Check.share(given, field: "cfe", shown: text)
    return given.interval
}

/// A positive count as the CLI reads one (`--devices`).
private func positiveCount(_ text: String) throws -> Interval {
    let given = try Count.parseRange(text)
    try Check.positive(given, field: "devices", shown: text)
    return given.interval
}

@Suite struct DimensionlessInputTests {
    /// Runs `body`, expecting an `.invalidInput` error that names `text`; returns its message.
    func refusal<T>(_ text: String, _ body: () throws -> T) throws -> String {
        let error = try #require(throws: CO2eError.self, "\(text) should be refused") { try body() }
        #expect(error.kind == .invalidInput, "\(text)")
        #expect(error.message.contains("'\(text)'") || error.message.contains(text), "\(error.message)")
        #expect(!error.description.contains("--"), "a library error names no flag: \(error.description)")
        return error.message
    }

    // MARK: Shares

    @Test(arguments: [
        ("73%", Interval(0.73)), ("0.73", Interval(0.73)), ("100%", Interval(1)), ("1", Interval(1)),
        ("0%", Interval(0)), ("0", Interval(0)), ("60%..80%", Interval(0.6, 0.8)),
        ("0.6..0.8", Interval(0.6, 0.8)), (" 73 % ", Interval(0.73)), ("60 % .. 80 %", Interval(0.6, 0.8)),
        ("12.5%", Interval(0.125)), ("60%..0.8", Interval(0.6, 0.8)), ("1e-1", Interval(0.1)),
        ("73 percent", Interval(0.73)),
    ])
    func shares(text: String, value: Interval) throws {
        #expect(try share(text) == value)
    }

    @Test func percentIsDividedByExactlyOneHundred() throws {
        #expect(try Share.parse("73%").fraction == 73.0 / 100)
        #expect(try Share.parse("33.3%").fraction == 33.3 / 100)
        #expect(try Share.parse("33.3%") == Share.percent(33.3))
    }

    @Test func shareAboveOneHundredPercent() throws {
        let m = try refusal("150%") { try share("150%") }
        #expect(m.contains("outside 0–100 %"))
    }

    @Test func fractionAboveOne() throws {
        let m = try refusal("1.5") { try share("1.5") }
        #expect(m.contains("outside 0–100 %"))
        #expect(m.contains("73%")) // what is accepted
    }

    @Test(arguments: ["-5%", "-0.1", "-5%..10%"])
    func negativeShare(text: String) throws {
        let m = try refusal(text) { try share(text) }
        #expect(m.contains("outside 0–100 %"))
    }

    @Test(arguments: ["abc", "", "%", "73%%", "nan", "inf%", "1e999%", "0,73", "60%..", "..80%"])
    func notAShare(text: String) throws {
        let m = try refusal(text) { try share(text) }
        // What was wrong: not a number, an incomplete range (with an example), or too large.
        #expect(m.contains("73") || m.contains("number") || m.contains("1e18"), "\(m)")
    }

    @Test func shareRangeLowAboveHigh() throws {
        let m = try refusal("80%..60%") { try share("80%..60%") }
        #expect(m.contains("low end"))
    }

    @Test func shareRangeWithThreeDots() throws {
        // `0...5` must not become 0..0.5.
        let m = try refusal("0...5") { try share("0...5") }
        #expect(m.contains("two dots"))
    }

    @Test func shareCheckNamesTheField() throws {
        let error = try #require(throws: CO2eError.self) { try share("150%") }
        #expect(error.field == "cfe")
        #expect(error.value == "150%")
        #expect(error.description.hasPrefix("cfe: '150%'"), "\(error.description)")
    }

    // MARK: Plain numbers and ranges (a PUE)

    @Test(arguments: [
        ("1.1", Interval(1.1)), ("1.1..1.4", Interval(1.1, 1.4)), ("10,000", Interval(10_000)),
        ("1e4", Interval(10_000)), (" 2 ", Interval(2)), ("1.1 .. 1.4", Interval(1.1, 1.4)),
        ("-3..-1", Interval(-3, -1)), ("-1..2", Interval(-1, 2)), ("5..5", Interval(5)), ("1.1x", Interval(1.1)),
    ])
    func ratios(text: String, value: Interval) throws {
        #expect(try Ratio.parseRange(text).interval == value)
    }

    @Test(arguments: ["abc", "", "1..", "..2", "1..2..3", "nan", "inf", "0x10", "1,00", "0,5"])
    func notARatio(text: String) throws {
        let m = try refusal(text) { try Ratio.parseRange(text) }
        #expect(m.contains("1.1") || m.contains("number"), "\(m)")
    }

    @Test func ratioTooLarge() throws {
        let m = try refusal("1e999") { try Ratio.parseRange("1e999") }
        #expect(m.contains("out of range") && m.contains("1e18"), "\(m)")
    }

    @Test func ratioLowAboveHigh() throws {
        let m = try refusal("1.4..1.1") { try Ratio.parseRange("1.4..1.1") }
        #expect(m.contains("low end"))
    }

    @Test(arguments: ["0...5", "1...2", "1.1...1.4"])
    func ratioWithThreeDots(text: String) throws {
        let m = try refusal(text) { try Ratio.parseRange(text) }
        #expect(m.contains("two dots"))
    }

    @Test(arguments: ["0.9", "0.5..1.2"])
    func pueBelowOne(text: String) throws {
        let error = try #require(throws: CO2eError.self) { try Check.pue(Ratio.parseRange(text), shown: text) }
        #expect(error.field == "pue")
        #expect(error.value == text)
        #expect(error.message.contains("below 1"))
    }

    // MARK: Positive counts

    @Test(arguments: [
        ("10000", Interval(10_000)), ("10,000", Interval(10_000)), ("1082990", Interval(1_082_990)),
        ("0.5", Interval(0.5)), ("1.1..1.4", Interval(1.1, 1.4)), ("1e-9", Interval(1e-9)),
    ])
    func positive(text: String, value: Interval) throws {
        #expect(try positiveCount(text) == value)
    }

    @Test(arguments: ["0", "-5", "-0", "0..5", "-1..2", "-3..-1"])
    func notPositive(text: String) throws {
        let error = try #require(throws: CO2eError.self) { try positiveCount(text) }
        #expect(error.kind == .invalidInput)
        #expect(error.message.contains("more than zero"))
        #expect(error.field == "devices")
        #expect(error.value == text)
        #expect(error.message.contains("30.84M")) // an accepted example
    }

    @Test func positiveNamesTheValue() throws {
        let error = try #require(throws: CO2eError.self) { try positiveCount("-5") }
        #expect(error.message.hasPrefix("'-5' "))
        #expect(error.description.hasPrefix("devices: '-5' "))
    }

    @Test func positiveRefusesNonNumbers() throws {
        _ = try refusal("ten") { try positiveCount("ten") }
    }

    // MARK: Counts with scales and nouns

    @Test(arguments: [
        ("30.84M", 30_840_000.0), ("1.2k", 1_200), ("2.5B", 2.5e9), ("9e9", 9e9), ("1T", 1e12),
        ("2.5B queries", 2.5e9), ("1,082,990", 1_082_990), ("30.84 million", 30_840_000),
    ] as [(String, Double)])
    func counts(text: String, number: Double) throws {
        #expect(try Count.parse(text).number == number)
    }

    @Test(arguments: ["30.84m", "5 furlongs", "M"])
    func notACount(text: String) throws {
        _ = try refusal(text) { try Count.parse(text) }
    }

    // MARK: Growth, volumes, energy per item, emission rates

    @Test func growthCompoundsYearly() throws {
        let g = try Growth.parse("15%/y")
        #expect(abs(g.perYear - 0.15) < 1e-15)
        #expect(abs(g.factor(over: .years(2)) - 1.15 * 1.15) < 1e-12)
        #expect(g.factor(over: .years(0)) == 1)
        #expect(try Growth.parse("-3%/y").perYear < 0)
        let error = try #require(throws: CO2eError.self) {
            try Check.growth(Growth.parseRange("-100%/y"), field: "growth", shown: "-100%/y")
        }
        #expect(error.field == "growth")
    }

    @Test func ratesCombineThroughPer() throws {
        // 9e9 queries/day x 2.9 Wh/query x 365 d = 9.5265 TWh (a year is 365 days).
        let volume = try Volume.parse("9e9/day")
        let perQuery = try EnergyPerItem.parse("2.9Wh/query")
        let yearly: Energy = perQuery * (volume * TimeSpan.years(1))
        #expect(abs(yearly.value(in: "TWh")! - 9.5265) < 1e-9)
        #expect(UnitTable.hoursPerYear == 8_760)
        #expect(TimeSpan.years(1) == TimeSpan.days(365))
        // 1 Mt/y over half a year is 0.5 Mt.
        let rate = try EmissionRate.parse("1Mt/y")
        #expect(abs((rate * TimeSpan.days(182.5)).value(in: "Mt")! - 0.5) < 1e-12)
        // Power and intensity through `Per`: 400 W x 1 h = 0.4 kWh; x 500 g/kWh = 200 g.
        let energy = Power.watts(400) * TimeSpan.hours(1)
        #expect(energy == Energy.kilowattHours(0.4))
        #expect(abs((energy * Intensity.gramsPerKilowattHour(500)).kilograms - 0.2) < 1e-15)
        #expect(Power.watts(400).watts == 400)
    }

    // MARK: Years

    @Test(arguments: [("2024", 2024), (" 2023 ", 2023), ("1900", 1900), ("2100", 2100)])
    func years(text: String, year: Int) throws {
        #expect(try Year.parse(text) == year)
    }

    @Test(arguments: ["20.24", "2024.0", "2,024", "abc", "", "2024a", "1e3"])
    func notAYear(text: String) throws {
        let m = try refusal(text) { try Year.parse(text) }
        #expect(m.contains("not a year"))
        #expect(m.contains("2024"))
    }

    @Test(arguments: ["1899", "2101", "24", "-2024"])
    func yearOutOfRange(text: String) throws {
        let m = try refusal(text) { try Year.parse(text) }
        #expect(m.contains("outside") && m.contains("1900–2100"), "\(m)")
    }
}
