// Units the areas need: rates per time, amounts per item, money with quantities, counts with
// suffixes, shares, growth rates; every product comes from `Per`, with no operator written per
// pair of dimensions.
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

@Suite struct UnitDimensionTests {
    func close(_ a: Double, _ b: Double, _ rel: Double = 1e-12) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

    @Test func annualEnergyIsAPowerThatPrintsAsTWhPerYear() throws {
        let iea2030 = try Power.parse("945TWh/y")
        #expect(close(iea2030.value(in: "GW")!, 945e9 / 8_760 / 1e6))   // 107.9 GW average
        #expect(iea2030.formatted(unit: "TWh/y") == "945 TWh/y")
        #expect((iea2030 * TimeSpan.years(1)) == Energy.terawattHours(945))
    }

    @Test func massAndMassPerYearAreDifferentTypesThatMeetThroughTime() throws {
        let cumulative = try Mass.parse("2.5Gt")
        let annual = try EmissionRate.parse("600Mt/y")
        #expect(close((annual * TimeSpan.years(7)).tonnes, 4.2e9))
        #expect(close(cumulative / (annual * TimeSpan.years(1)), 2.5 / 0.6))
    }

    @Test func volumesAndPerItemFiguresChain() throws {
        // de Vries 2023 / issue example: 1e9 queries a day at 2.9 Wh for a year = 1.0585 TWh.
        let volume = try Volume.parse("1e9/day")
        let perQuery = try EnergyPerItem.parse("2.9Wh/query")
        let daily: Power = perQuery * volume
        #expect(close((daily * TimeSpan.years(1)).value(in: "TWh")!, 1.0585))
        #expect(close((volume * TimeSpan.days(1)).number, 1e9))
        #expect(close((Energy.gigawattHours(50) / perQuery).number, 50e9 / 2.9))
    }

    @Test func moneyMultipliesWithQuantities() throws {
        let price = try DollarsPerMass.parse("$350/t")
        let deal = price * Mass.tonnes(4.9e6)
        #expect(close(deal.baseValue, 1.715e9))
        #expect(deal.formatted() == "1.715 billion USD")
        #expect(try Dollars.parse("$1.7B") == Dollars(baseValue: 1.7e9))
        #expect(try Dollars.parse("350 USD") == Dollars(baseValue: 350))
        #expect(throws: CO2eError.self) { try Dollars.parse("€90") }
        #expect(try Quantity<MoneyDimension<EUR>>.parse("€90").baseValue == 90)
    }

    @Test(arguments: [("30.84M", 30.84e6), ("1.2k", 1_200), ("9e9", 9e9), ("2.5B", 2.5e9), ("10,000", 1e4), ("3 billion", 3e9)])
    func countsWithSuffixes(text: String, value: Double) throws {
        #expect(close(try Count.parse(text).number, value))
    }

    @Test func sharesAndGrowth() throws {
        #expect(try Share.parse("73%").fraction == 0.73)
        #expect(try Share.parse("0.73").fraction == 0.73)
        let g = try Growth.parse("15%/y")
        #expect(close(g.factor(over: .years(2)), 1.3225))
        #expect(throws: CO2eError.self) { try Check.growth(.exact(try Growth.parse("-100%/y")), field: "growth") }
        #expect(try Growth.parse("-3%/y").perYear == -0.03)
    }

    @Test func aYearIs365Days() {
        #expect(TimeSpan.years(1).hours == 8_760)
        #expect(UnitTable.yearConvention.contains("365 days"))
    }

    @Test func hugeNumbersPrintSignificantDigitsNotNoise() {
        #expect(NumberText.format(1e33, significantDigits: 4) == "1e33")
        #expect(NumberText.format(1.23456e21, significantDigits: 4) == "1.235e21")
        #expect(NumberText.format(9.9999e20, significantDigits: 4) == "1e21")
        #expect(NumberText.format(123_456_789, significantDigits: 4) == "123,456,789")
    }

    @Test func magnitudesBeyond1e18AreRefused() {
        let error = #expect(throws: CO2eError.self) { try Energy.parse("1e30GWh") }
        #expect(error?.reason.contains("out of range") == true)
        #expect(error?.value == "1e30GWh")
    }

    @Test func nanIsNeverEqualToANumber() {
        #expect(Interval(1, .nan) != Interval(1))
        #expect(!Interval(1, .nan).isFinite)
    }
}
