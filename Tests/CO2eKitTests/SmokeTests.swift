import Testing
import CO2eKit

@Test func energyParses() throws {
    #expect(try Energy.parse("50GWh").kilowattHours == Interval(5e7))
}
