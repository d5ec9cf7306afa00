// Money: parsing with currency symbols or codes, ranges, printing, and currencies kept apart
// (by type: `Quantity<MoneyDimension<USD>>` and `<EUR>` cannot be added, so the old run-time
// "no exchange rates" refusal is now a compile error and has no test).
import Testing
import CO2eKit

/// Parses `text` as money in the currency `code`; returns its bounds and the dimension's key.
private func parseMoney(_ text: String, _ code: String) throws -> (Interval, String) {
    switch code {
    case "USD": return (try Dollars.parseRange(text).interval, MoneyDimension<USD>.key)
    case "EUR": return (try Quantity<MoneyDimension<EUR>>.parseRange(text).interval, MoneyDimension<EUR>.key)
    case "GBP": return (try Quantity<MoneyDimension<GBP>>.parseRange(text).interval, MoneyDimension<GBP>.key)
    default: throw CO2eError.input("no currency \(code) in this test")
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [
        ("$350", 350.0, 350.0, "USD"), ("350 USD", 350, 350, "USD"), ("USD 350", 350, 350, "USD"),
        ("US$1,700,000,000", 1.7e9, 1.7e9, "USD"), ("€90", 90, 90, "EUR"), ("90EUR", 90, 90, "EUR"),
        ("£5.50", 5.5, 5.5, "GBP"), ("$600..1,000", 600, 1_000, "USD"), ("$600..$1,000", 600, 1_000, "USD"),
        ("600..1000 EUR", 600, 1_000, "EUR"), ("$1.7B", 1.7e9, 1.7e9, "USD"),
    ])
    func parses(_ text: String, _ low: Double, _ high: Double, _ currency: String) throws {
        let (amount, key) = try parseMoney(text, currency)
        #expect(amount == Interval(low, high), "\(text)")
        #expect(key == "money:" + currency)
    }

    @Test(arguments: ["350", "three hundred dollars", "$", "$1000..600", "350 XYZ", "$NaN", "€350"])
    func refuses(_ text: String) throws {
        let error = try #require(throws: CO2eError.self) { try Dollars.parseRange(text) }
        #expect(error.kind == .invalidInput)
        #expect(error.value == text)
    }

    @Test func prints() throws {
        #expect(try Dollars.parse("$350").description == "350 USD")
        #expect(try Dollars.parse("$1,700,000,000").description == "1.7 billion USD")
        #expect(Dollars.format(try Dollars.parseRange("$600..$1,000").interval) == "600–1,000 USD")
        #expect(Dollars.format(try Dollars.parseRange("$600..1,000").interval) == "600–1,000 USD")
    }

    @Test func addsTheSameCurrency() throws {
        #expect(try Dollars.parse("$1") + Dollars.parse("$2") == Dollars.parse("$3"))
        #expect(try Dollars.parse("$350") * 2 == Dollars.parse("$700"))
        // A price per tonne times tonnes is money: $350/t x 2 t = $700.
        let price = try DollarsPerMass.parse("$350/t")
        #expect(abs((price * Mass.tonnes(2)).baseValue - 700) < 1e-9)
    }
}
