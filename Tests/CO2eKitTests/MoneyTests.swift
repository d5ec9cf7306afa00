// Money: parsing with currency symbols or codes, ranges, printing, and currencies kept apart.
import Testing
import CO2eKit

@Suite struct MoneyTests {
    @Test(arguments: [
        ("$350", 350.0, 350.0, "USD"), ("350 USD", 350, 350, "USD"), ("USD 350", 350, 350, "USD"),
        ("US$1,700,000,000", 1.7e9, 1.7e9, "USD"), ("€90", 90, 90, "EUR"), ("90EUR", 90, 90, "EUR"),
        ("£5.50", 5.5, 5.5, "GBP"), ("$600..1,000", 600, 1_000, "USD"), ("600..1000 EUR", 600, 1_000, "EUR"),
    ])
    func parses(_ text: String, _ low: Double, _ high: Double, _ currency: String) throws {
        let money = try Money.parse(text)
        #expect(money.amount == Interval(low, high))
        #expect(money.currency == currency)
    }

    @Test(arguments: ["350", "three hundred dollars", "$", "$1000..600", "350 XYZ", "$NaN"])
    func refuses(_ text: String) {
        #expect(throws: CO2eError.self) { try Money.parse(text) }
    }

    @Test func prints() throws {
        #expect(try Money.parse("$350").description == "350 USD")
        #expect(try Money.parse("$1,700,000,000").description == "1.7 billion USD")
        #expect(try Money.parse("$600..1,000").description == "600–1,000 USD")
    }

    @Test func addsOnlyTheSameCurrency() throws {
        #expect(try (Money.parse("$1") + Money.parse("$2")).amount == Interval(3))
        let error = try #require(throws: CO2eError.self) { try Money.parse("$1") + Money.parse("€2") }
        #expect(error.message.contains("exchange rates"))
        #expect((try Money.parse("$350")) * Interval(2) == Money(Interval(700), "USD"))
    }
}
