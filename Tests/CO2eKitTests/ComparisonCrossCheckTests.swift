// Cross-checks the bundled tables against the side-by-side comparison tables in
// ../shared/reference-data/comparisons (built independently from the same sources). Runs when
// that folder is beside the package, as in CI; a clone without it skips these with a reason.
import Foundation
import Testing
import CO2eKit

private let comparisons = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/reference-data/comparisons")

private func table(_ name: String) throws -> [[String: String]] {
    let records = try CSV.records(in: try String(contentsOf: comparisons.appendingPathComponent(name), encoding: .utf8), origin: name)
    let header = records[0].fields
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: comparisons.path), "needs ../shared/reference-data/comparisons"))
struct ComparisonCrossCheckTests {
    @Test func countryFactorsAgreeWithTheCountryComparison() throws {
        let catalog = FactorCatalog.bundled
        var checked = 0, expected = 0
        for row in try table("country_intensity_comparison.csv") {
            let values = [2023, 2024].compactMap { year in row["owid_\(year)"].flatMap(Double.init).map { (year, $0) } }
            // Rows without an ISO-2 code cannot be matched (one such row in the comparison).
            guard let iso2 = row["iso2"], !iso2.isEmpty else { continue }
            expected += values.count
            guard !values.isEmpty else { continue }
            guard case let .zone(zone) = try catalog.resolve(iso2), zone.kind == "country" else {
                Issue.record("\(iso2) has OWID values in the comparison but is not a bundled country")
                continue
            }
            let ours = try catalog.factors(for: zone)
            for (year, published) in values {
                let factor = try #require(ours.first { $0.year == year }, "\(iso2) \(year) is in the comparison but not bundled")
                #expect(abs(factor.intensity.gramsPerKilowattHour - published) < 0.001, "\(iso2) \(year)")
                checked += 1
            }
        }
        #expect(checked == expected)
        #expect(checked > 250)
    }

    @Test func googleRegionsAgreeWithTheCloudComparison() throws {
        let catalog = FactorCatalog.bundled
        var checked = 0
        for row in try table("cloud_region_intensity_comparison.csv") where row["provider"] == "gcp" {
            guard let region = row["region"], let text = row["gcp_published_2024"], let published = Double(text),
                  case let .zone(zone)? = try? catalog.resolve("gcp:" + region) else { continue }
            let factor = try catalog.factor(for: zone, year: 2024)
            #expect(factor.intensity.gramsPerKilowattHour == published, "gcp:\(region)")
            if let cfe = row["gcp_cfe_2024"], let share = Double(cfe) { #expect(factor.carbonFreeShare == share, "gcp:\(region) CFE") }
            checked += 1
        }
        #expect(checked > 30)
    }
}
