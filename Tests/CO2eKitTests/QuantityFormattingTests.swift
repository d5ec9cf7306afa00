/// Tests for printing quantities (`Quantity.formatted`, `description`, `displayUnit`) and the
/// number formatting under it (`NumberText.format`, `NumberText.exact`): the display unit that
/// keeps the number at or above 1, four significant digits, `CO2e` on masses, ranges as
/// `low–high unit`, zero, small and negative values, thousands grouping, and `exact` reading
/// back as the same Double.
import Testing
import CO2eKit

@Suite struct QuantityFormattingTests {
    // MARK: Worked examples

    @Test func gpt3Tonnes() {
        // Patterson et al. 2021, GPT-3: 552.1 tCO2e.
        #expect(Mass.tonnes(552.1).formatted() == "552.1 tCO2e")
        #expect(Mass.tonnes(552.1).description == "552.1 tCO2e")
    }

    @Test func rangeOfEnergyTimesIntensity() throws {
        // 50..60 GWh x 383.549 g/kWh = 19,177,450..23,012,940 kg, each end computed at one value.
        let energy = try Energy.parseRange("50..60GWh")
        let factor = Intensity.gramsPerKilowattHour(383.549)
        let bounds = Interval((energy.lower * factor).baseValue, (energy.upper * factor).baseValue)
        // Tonnes up to a million, as reports print them (no kt).
        #expect(Mass.format(bounds) == "19,177–23,013 tCO2e")
        #expect(Mass.displayUnit(for: bounds).symbol == "t")
        #expect(Mass.format(bounds.scaled(by: 100)) == "1.918–2.301 MtCO2e")
    }

    @Test func bloomDynamic() {
        // Luccioni et al. 2022, BLOOM: 1,082,990 GPU-hours x 400 W x 57 g/kWh = 24.69 tCO2e.
        let energy = Power.watts(400) * TimeSpan.hours(1_082_990)
        #expect(energy.formatted() == "433.2 MWh")
        let mass = energy * Intensity.gramsPerKilowattHour(57)
        #expect(mass.formatted() == "24.69 tCO2e")
    }

    @Test func smallMassInKilograms() {
        #expect(Mass.tonnes(0.0177).formatted() == "17.7 kgCO2e")
    }

    @Test func verySmallMassInGrams() {
        #expect(Mass.kilograms(0.5).formatted() == "500 gCO2e")
        #expect(Mass.kilograms(0.0001234).formatted() == "0.1234 gCO2e")
    }

    @Test func zero() {
        #expect(Mass.zero.formatted() == "0 tCO2e")  // beside the other figures, in tonnes
        #expect(Energy.zero.formatted() == "0 kWh")
        #expect(Power.zero.formatted() == "0 W")
        #expect(Intensity.zero.formatted() == "0 g/kWh")
    }

    @Test func negative() {
        #expect(Mass.tonnes(-552.1).formatted() == "-552.1 tCO2e")
        #expect(Energy.kilowattHours(-21_079.5).formatted() == "-21.08 MWh")
    }

    @Test func rangeAcrossZero() {
        // The unit follows the larger magnitude; a negative low end reads "to", not a dash.
        #expect(Mass.format(Interval(-1_000, 2_000)) == "-1 to 2 tCO2e")
    }

    // MARK: Display unit choice

    @Test(arguments: [
        (0.5, "Wh"), (1, "kWh"), (999, "kWh"), (1_000, "MWh"), (1_287_000, "GWh"), (50e6, "GWh"),
        (1e9, "TWh"), (1e12, "PWh"), (1e15, "PWh"),
    ] as [(Double, String)])
    func energyDisplayUnit(kWh: Double, symbol: String) {
        #expect(Energy.displayUnit(for: Interval(kWh)).symbol == symbol)
    }

    @Test func energyExamples() {
        #expect(Energy.megawattHours(1_287).formatted() == "1.287 GWh")
        #expect(Energy.format(Interval(50e6, 60e6)) == "50–60 GWh")
        #expect(Energy.kilowattHours(0.25).formatted() == "250 Wh")
        // Above the largest display unit the number simply grows.
        #expect(Energy.kilowattHours(2e15).formatted() == "2,000 PWh")
    }

    @Test func displayUnitFollowsTheLargerBound() {
        // 500 kWh..2 MWh: the upper bound reaches 1 MWh, so both ends print in MWh.
        #expect(Energy.format(Interval(500, 2_000)) == "0.5–2 MWh")
    }

    @Test func durationAndIntensityHaveOneDisplayUnit() throws {
        #expect(TimeSpan.days(90).formatted() == "2,160 h")
        #expect(try Intensity.parse("0.429kg/kWh").formatted() == "429 g/kWh")
        #expect(Intensity.format(try Intensity.parseRange("350..450g/kWh").interval) == "350–450 g/kWh")
    }

    @Test func powerExamples() {
        #expect(Power.watts(400).formatted() == "400 W")
        #expect(Power.kilowatts(1.5).formatted() == "1.5 kW")
        // Power is stored in W.
        #expect(Power.format(Interval(20e6, 30e6)) == "20–30 MW")
    }

    @Test func explicitUnit() {
        #expect(Energy.gigawattHours(1).formatted(unit: "MWh") == "1,000 MWh")
        #expect(Mass.tonnes(552.1).formatted(unit: "kg") == "552,100 kgCO2e")
        #expect(Mass.tonnes(1).formatted(unit: "lb") == "2,205 lbCO2e")
        // An unknown unit falls back to the display unit.
        #expect(Energy.gigawattHours(1).formatted(unit: "furlongs") == "1 GWh")
    }

    @Test func significantDigits() {
        let m = Mass.kilograms(1_917.746)
        #expect(m.formatted(significantDigits: 2) == "1.9 tCO2e")
        #expect(m.formatted(significantDigits: 6) == "1.91775 tCO2e")
        // Integer digits are never rounded away.
        #expect(Mass.kilograms(19_177_450).formatted(significantDigits: 1) == "19,177 tCO2e")
    }

    // MARK: NumberText.format

    @Test(arguments: [
        (21_079.5, "21,080"), (0.13572, "0.1357"), (552.1, "552.1"), (1_287, "1,287"),
        (1_000_000, "1,000,000"), (999.96, "1,000"), (9.99951, "10"), (1.5, "1.5"), (100, "100"),
        (0.0001234, "0.0001234"), (19.17745, "19.18"), (23.01294, "23.01"), (0, "0"),
        (-21_079.5, "-21,080"), (-0.13572, "-0.1357"), (-1_287, "-1,287"), (1e-20, "0.00000000000000000001"),
        (-0.0, "0"), (123_456_789.4, "123,456,789"),
    ] as [(Double, String)])
    func formatFourSignificantDigits(x: Double, text: String) {
        #expect(NumberText.format(x) == text)
    }

    @Test func formatNeverPrintsNegativeZero() {
        #expect(NumberText.format(-0.00001, significantDigits: 4) == "-0.00001")
        #expect(NumberText.format(-0.0) == "0")
        #expect(NumberText.format(-0.4, decimals: 0) == "0")
    }

    @Test func formatNonFinite() {
        #expect(NumberText.format(.infinity) == "inf")
        #expect(NumberText.format(-.infinity) == "-inf")
        #expect(NumberText.format(.nan) == "nan")
    }

    @Test(arguments: [
        (1_287.0, 2, "1,287"), (1_287.456, 2, "1,287.46"), (0.5, 0, "0"), (1.5, 0, "2"),
        (1_234_567.891, 1, "1,234,567.9"), (-1_234.5, 1, "-1,234.5"), (3.10, 3, "3.1"),
    ] as [(Double, Int, String)])
    func formatWithDecimals(x: Double, decimals: Int, text: String) {
        #expect(NumberText.format(x, decimals: decimals) == text)
    }

    @Test func formattedNumbersParseBack() throws {
        for x in [21_079.5, 552.1, 1_287.0, -1_287.0, 0.0001234, 123_456_789.4] {
            let text = NumberText.format(x)
            let back = try #require(NumberText.parse(text), "\(text)")
            // Four significant digits (or all integer digits): within half a unit of the last.
            #expect(abs(back - x) <= max(abs(x) * 5e-4, 0.5), "\(x) -> \(text) -> \(back)")
        }
    }

    // MARK: NumberText.exact

    @Test(arguments: [
        (3.0, "3"), (-3.0, "-3"), (0.0, "0"), (-0.0, "0"), (1_287_000.0, "1287000"), (0.1, "0.1"),
        (552.1, "552.1"), (999_999_999_999_999.0, "999999999999999"), (1e15, "1000000000000000.0"), (1e16, "1e+16"),
        (-2.5e-8, "-2.5e-08"),
        (0.45359237, "0.45359237"),
    ] as [(Double, String)])
    func exactText(x: Double, text: String) {
        #expect(NumberText.exact(x) == text)
    }

    @Test func exactRoundTrips() throws {
        // Fixed values at the edges, then seeded pseudo-random bit patterns.
        var values: [Double] = [
            0, 1, -1, 0.1, 1.0 / 3, 2.0 / 3, 552.1, 24.69, 771.5 * 0.45359237, 1e15, 1e15 - 1, 1e16,
            -1e300, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 123_456_789.123_456_789,
            0.1 + 0.2, 19_177_450.000_000_004,
        ]
        var rng = SplitMix64(seed: 0xC02E)
        for _ in 0..<2_000 {
            let x = Double(bitPattern: rng.next())
            if x.isFinite { values.append(x) }
        }
        for _ in 0..<2_000 {
            values.append(Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &rng)) / 1_000)
        }
        for x in values {
            let text = NumberText.exact(x)
            #expect(Double(text) == x, "\(x) -> \(text)")
            #expect(NumberText.parse(text) == x, "\(x) -> \(text) (NumberText.parse)")
        }
    }
}

/// A small seeded generator (SplitMix64) so "random" tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A whole number from 0 to n - 1.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
