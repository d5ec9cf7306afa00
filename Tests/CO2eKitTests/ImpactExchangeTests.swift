// Impact Framework's Shell-plugin exchange: observations in, the same observations with their
// carbon fields out, each checked against arithmetic written out here; every bad field refused.
import Testing
@testable import CO2eKit

@Suite struct ImpactExchangeTests {
    let exchange = ImpactExchange(zone: "DE", zoneField: "cloud/region")

    func run(_ yaml: String, _ exchange: ImpactExchange? = nil) throws -> [YAMLValue] {
        let out = try (exchange ?? self.exchange).respond(to: Array(yaml.utf8), origin: "inputs.yaml")
        return try #require(try YAMLValue.parse(out, origin: "outputs.yaml").sequenceItems, "\(out)")
    }

    func number(_ v: YAMLValue?, _ key: String) -> Double? { v?[key]?.numberValue }

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-12 * max(1, abs(b)) } ?? false }

    static let three = """
    - timestamp: '2023-07-06T00:00'
      duration: 3600
      energy: 0.5
      grid/carbon-intensity: 400
    - timestamp: 2023-07-06T01:00:00.000Z
      duration: 3600
      cloud/region: us-east-1
      energy: 1.25
      device/emissions-embodied: 1533120
      device/expected-lifespan: 94608000
      resources-reserved: 1
      resources-total: 8
    - timestamp: '2023-07-06T02:00'
      duration: 1800
      energy: 2
      carbon: 999

    """

    @Test func threeObservationsGetTheirCarbonFields() throws {
        let out = try run(Self.three)
        #expect(out.count == 3)
        // 1: its own intensity: 0.5 kWh × 400 g/kWh.
        #expect(close(number(out[0], "carbon-operational"), 200))
        #expect(out[0]["carbon-embodied"] == nil)
        #expect(close(number(out[0], "carbon"), 200))
        #expect(out[0]["co2e/grid-source"] == .string("given: the observation's grid/carbon-intensity"))
        // 2: us-east-1's bundled factor, and a share of the server's embodied emissions:
        // 1,533,120 g × (3,600 s / 94,608,000 s) × (1 / 8).
        let east = try FactorCatalog.bundled.factor(for: "us-east-1").factor
        let operational = 1.25 * east.intensity.gramsPerKilowattHour
        let embodied = 1_533_120.0 * 3_600 / 94_608_000 / 8
        #expect(close(embodied, 7.292237442922374))
        #expect(close(number(out[1], "carbon-operational"), operational))
        #expect(close(number(out[1], "carbon-embodied"), embodied))
        #expect(close(number(out[1], "carbon"), operational + embodied))
        #expect(number(out[1], "co2e/grid-intensity") == east.intensity.gramsPerKilowattHour)
        guard case let .string(source)? = out[1]["co2e/grid-source"] else { Issue.record("no co2e/grid-source"); return }
        #expect(source.contains("us-east-1") && source.contains(east.zone) && source.contains(east.source.id) && source.contains(east.origin), "\(source)")
        // 3: no intensity and no zone field: the zone for all (DE); its `carbon` is replaced in place.
        let de = try FactorCatalog.bundled.factor(for: "DE").factor
        #expect(close(number(out[2], "carbon-operational"), 2 * de.intensity.gramsPerKilowattHour))
        #expect(close(number(out[2], "carbon"), 2 * de.intensity.gramsPerKilowattHour))
        // Every input field kept, in order, with its value as written; co2e's fields after.
        #expect(out[1].mappingEntries?.map(\.0) == ["timestamp", "duration", "cloud/region", "energy", "device/emissions-embodied", "device/expected-lifespan",
                                                    "resources-reserved", "resources-total", "carbon-operational", "carbon-embodied", "carbon",
                                                    "co2e/grid-intensity", "co2e/grid-source", "co2e/embodied-source"])
        #expect(out[1]["timestamp"] == .timestamp("2023-07-06T01:00:00.000Z"))
        #expect(out[0]["timestamp"] == .string("2023-07-06T00:00"))
        #expect(out[2].mappingEntries?.map(\.0).prefix(5) == ["timestamp", "duration", "energy", "carbon", "carbon-operational"])
    }

    @Test func embodiedMatchesIFsOwnSciEmbodiedTest() throws {
        // IF's sci-embodied unit test (Green-Software-Foundation/if, commit 2d0cc9a3,
        // src/__tests__/unit/builtins/sci-embodied.test.ts) expects 4.10958904109589 g for
        // 200 g over 30 days of a 4-year (365-day) lifespan, all resources reserved, and twice
        // that for 60 days.
        let yaml = """
        - timestamp: '2021-01-01T00:00:00Z'
          duration: 2592000
          device/emissions-embodied: 200
          device/expected-lifespan: 126144000
          resources-reserved: 1
          resources-total: 1
          energy: 0
        - timestamp: '2021-01-01T00:00:00Z'
          duration: 5184000
          device/emissions-embodied: 200
          device/expected-lifespan: 126144000
          vcpus-allocated: 1
          vcpus-total: 1
          energy: 0
        """
        let out = try run(yaml)
        #expect(close(number(out[0], "carbon-embodied"), 4.10958904109589))
        #expect(close(number(out[1], "carbon-embodied"), 4.10958904109589 * 2))
        // time-reserved, where given, is the amortisation's time rather than duration.
        let reserved = try run("- energy: 0\n  duration: 60\n  time-reserved: 2592000\n  device/emissions-embodied: 200\n  device/expected-lifespan: 126144000\n")
        #expect(close(number(reserved[0], "carbon-embodied"), 4.10958904109589))
    }

    @Test func anEmptyListGivesAnEmptyList() throws {
        #expect(try exchange.respond(to: Array("[]\n".utf8), origin: "inputs.yaml") == "[]\n")
        #expect(try exchange.respond(to: [], origin: "inputs.yaml") == "[]\n")
    }

    /// The error for observations `yaml`.
    func error(_ yaml: String, _ exchange: ImpactExchange? = nil) -> CO2eError? {
        do { _ = try run(yaml, exchange); return nil } catch let e as CO2eError { return e } catch { return nil }
    }

    @Test func eachBadFieldIsRefusedNamingTheObservationAndField() {
        let good = "- energy: 1\n  grid/carbon-intensity: 100\n"
        let cases: [(String, String, String, CO2eError.Code)] = [
            (good + "- duration: 3600\n", "inputs[1].energy", "is missing", .missingOption),
            (good + "- energy: -1\n", "inputs[1].energy", "'-1' is negative", .valueOutOfRange),
            (good + "- energy: 5kWh\n", "inputs[1].energy", "'5kWh' is a string, not a number", .invalidNumber),
            (good + "- energy: '5'\n", "inputs[1].energy", "it is quoted", .invalidNumber),
            (good + "- energy: .inf\n", "inputs[1].energy", "is not a finite number", .notFinite),
            (good + "- energy: true\n", "inputs[1].energy", "is a boolean", .invalidNumber),
            ("- energy: 1\n  grid/carbon-intensity: -5\n", "inputs[0].grid/carbon-intensity", "is negative", .valueOutOfRange),
            ("- energy: 1\n  cloud/region: mars-east-9\n", "inputs[0].cloud/region", "'mars-east-9' is not a known zone", .unknownZone),
            ("- energy: 1\n  cloud/region: 12\n", "inputs[0].cloud/region", "is a number; a zone is a name", .invalidValue),
            ("- energy: 1\n  device/emissions-embodied: 100\n", "inputs[0].device/expected-lifespan", "is missing", .missingOption),
            ("- energy: 1\n  device/expected-lifespan: 100\n", "inputs[0].device/emissions-embodied", "is missing", .missingOption),
            ("- energy: 1\n  device/emissions-embodied: 1\n  device/expected-lifespan: 0\n", "inputs[0].device/expected-lifespan", "must be more than zero", .valueOutOfRange),
            ("- energy: 1\n  device/emissions-embodied: 1\n  device/expected-lifespan: 9\n", "inputs[0].duration", "is missing", .missingOption),
            ("- energy: 1\n  duration: 1\n  device/emissions-embodied: 1\n  device/expected-lifespan: 9\n  resources-reserved: 9\n  resources-total: 8\n",
             "inputs[0].resources-reserved", "is more than resources-total", .valueOutOfRange),
            ("- energy: 1\n  duration: 1\n  device/emissions-embodied: 1\n  device/expected-lifespan: 9\n  resources-reserved: 1\n",
             "inputs[0].resources-total", "is missing", .missingOption),
            (good + "- just a string\n", "inputs[1]", "is a string; each observation is a mapping", .invalidValue),
            ("energy: 1\n", "inputs", "is a mapping; IF's Shell plugin writes a sequence", .invalidValue),
        ]
        for (yaml, field, reason, code) in cases {
            let e = error(yaml)
            #expect(e?.field == field, "\(yaml.debugDescription): \(e?.oneLine() ?? "no error")")
            #expect(e?.message.contains(reason) == true, "\(yaml.debugDescription): \(e?.message ?? "no error")")
            #expect(e?.code == code, "\(yaml.debugDescription)")
        }
    }

    @Test func withoutAZoneAnObservationWithNoIntensityIsRefused() {
        let e = error("- energy: 1\n", ImpactExchange())
        #expect(e?.field == "inputs[0].grid/carbon-intensity")
        #expect(e?.seeAlso == "grid")
        let f = error("- energy: 1\n", ImpactExchange(zoneField: "cloud/region"))
        #expect(f?.message.contains("neither it nor cloud/region is in the observation") == true, "\(f?.message ?? "")")
        #expect(f?.seeAlso == "zone_field")
        // The zone for all is checked once, as an option.
        #expect(error("- energy: 1\n", ImpactExchange(zone: "Atlantis"))?.field == "grid")
        #expect(error("- energy: 1\n", ImpactExchange(zone: "DE", zoneField: " "))?.field == "zone_field")
    }

    @Test func malformedYAMLIsRefusedWithItsLineAndColumn() {
        let e = error("- energy: 1\n  grid/carbon-intensity: [400]\n")
        #expect(e?.file == "inputs.yaml")
        #expect(e?.line == 2)
        #expect(e?.message.contains("line 2, column 26: flow sequences") == true, "\(e?.message ?? "")")
    }
}
