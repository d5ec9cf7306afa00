import Foundation
import Testing
import CO2eKit

// The bundled grid-factor catalogue (grid-factors/*.csv, embedded in the binary) and users'
// own factor files.

private let catalog = FactorCatalog.bundled

/// The header of a factor file with every column.
private let factorHeader = "zone,year,g_co2e_per_kwh,basis,boundary,cfe_share,source\n"

/// The value of a factor in g/kWh (factors are single values).
private func grams(_ f: GridFactor) -> Double { f.intensity.gramsPerKilowattHour }

/// Runs `body` and returns the CO2eError it throws, failing the test if it throws nothing or
/// something else.
private func co2eError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> CO2eError? {
    do {
        try body()
        Issue.record("expected a CO2eError, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as CO2eError {
        return error
    } catch {
        Issue.record("expected a CO2eError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite("Grid factor catalogue: bundled values")
struct GridFactorSpotValueTests {
    // Each value as the source publishes it; the table keeps the source's own precision.
    @Test("spot values from the bundled tables", arguments: [
        // OWID/Ember 2025 release, US 2024 = 383.549 (SOURCES.md: printed 383.5)
        ("US", 2024, 383.549, "owid-ember-2025", 0.001),
        // EPA eGRID2023 rev2 national total: 770.884 lb/MWh x 0.45359237 = 349.667 g/kWh (issue 30;
        // the first release's 775.239 lb/MWh = 351.642 g/kWh was superseded)
        ("eGRID:US", 2023, 349.67, "epa-egrid2023-rev2", 0.005),
        ("eGRID:CAMX", 2023, 195.04, "epa-egrid2023-rev2", 0.005),
        ("eGRID:SRVC", 2023, 269.0, "epa-egrid2023", 0.05),
        // Google region-carbon-info 2024, europe-west1
        ("gcp:europe-west1", 2024, 103.37, "google-region-carbon", 0.001),
        // OWID World 2024
        ("WORLD", 2024, 473.0, "owid-ember-2025", 0.05),
    ])
    func spotValue(zone: String, year: Int, expected: Double, source: String, rounding: Double) throws {
        let (match, factor) = try catalog.factor(for: zone, year: year)
        #expect(match.zone.id == zone)
        #expect(factor.year == year)
        #expect(abs(grams(factor) - expected) <= rounding, "\(zone) \(year): \(grams(factor)) g/kWh, expected \(expected)")
        #expect(factor.source.id == source)
        #expect(!factor.source.title.isEmpty && !factor.source.url.isEmpty)
        #expect(factor.origin.hasPrefix("grid-factors/"), "origin names the table and line: \(factor.origin)")
    }

    @Test("US 2024 is exactly the published 383.549 g/kWh, lifecycle and production-based")
    func usExact() throws {
        let f = try catalog.factor(for: "US").factor
        #expect(f.year == 2024)
        #expect(f.intensity.gramsPerKilowattHour == 383.549)
        #expect(f.basis == .lifecycle)
        #expect(f.boundary == .production)
        #expect(f.origin.hasPrefix("grid-factors/countries.csv:"))
    }

    @Test("eGRID and Google factors carry their basis and boundary")
    func bases() throws {
        let egrid = try catalog.factor(for: "eGRID:SRVC").factor
        #expect(egrid.basis == .operational && egrid.boundary == .production)
        let gcp = try catalog.factor(for: "gcp:europe-west1").factor
        #expect(gcp.basis == .operational && gcp.boundary == .consumption)
        #expect(gcp.carbonFreeShare == 0.84)
    }

    @Test("a factor reads back, in the trail and its JSON, as published (gcp:asia-east2 2024: 505.02 g/kWh)")
    func publishedValueReadsBack() throws {
        let f = try catalog.factor(for: "gcp:asia-east2", year: 2024).factor
        #expect(grams(f) == 505.02)
        let e = try TrainingRun(energy: .facility(.exact(.gigawattHours(1))),
                                electricity: ElectricityAccounting(location: .gridFactor(f))).estimate()
        let step = try #require(e.step("grid_factor"))
        #expect(step.value.unit == "g/kWh")
        #expect(step.value.spread == .exact(505.02))
        #expect(step.value.text == "505.02 g/kWh")
        #expect(f.json.serialized().contains("\"g_co2e_per_kwh\":505.02,"), "\(f.json.serialized())")
    }
}

@Suite("Grid factor catalogue: finding zones")
struct GridFactorLookupTests {
    @Test("countries by ISO2, ISO3 and English name, ignoring case", arguments: [
        ("us", "US"), ("US", "US"), ("USA", "US"), ("usa", "US"), ("united states", "US"), ("United States", "US"),
        ("Ireland", "IE"), ("IRL", "IE"), ("ie", "IE"), ("IRELAND", "IE"),
        ("Germany", "DE"), ("world", "WORLD"),
    ])
    func country(query: String, zone: String) throws {
        let match = try catalog.resolve(query)
        guard case let .zone(z) = match else {
            Issue.record("\(query) should find a zone, found \(match)")
            return
        }
        #expect(z.id == zone)
    }

    @Test("a bare eGRID subregion code finds its eGRID zone")
    func bareEGRID() throws {
        #expect(try catalog.resolve("SRVC").zone.id == "eGRID:SRVC")
        #expect(try catalog.resolve("srvc").zone.id == "eGRID:SRVC")
        #expect(try catalog.resolve("egrid:srvc").zone.id == "eGRID:SRVC")
        #expect(try catalog.factor(for: "SRVC", year: 2023).factor.intensity.gramsPerKilowattHour == 269.016)
    }

    @Test("us-east-1 maps to eGRID:SRVC (Northern Virginia)")
    func usEast1() throws {
        let match = try catalog.resolve("us-east-1")
        guard case let .cloudRegion(r, z) = match else {
            Issue.record("us-east-1 should be a cloud region, found \(match)")
            return
        }
        #expect(r.provider == "aws" && r.region == "us-east-1")
        #expect(r.mapsTo == "eGRID:SRVC" && z.id == "eGRID:SRVC")
        #expect(r.reason.contains("SRVC"))
        #expect(try catalog.factor(for: "us-east-1").factor.zone == "eGRID:SRVC")
        #expect(try catalog.resolve("aws:us-east-1").zone.id == "eGRID:SRVC")
    }

    @Test("westus2 maps to eGRID:NWPP (Washington), not Utah; the reason names Cloud Carbon Footprint")
    func westus2() throws {
        let match = try catalog.resolve("westus2")
        guard case let .cloudRegion(r, z) = match else {
            Issue.record("westus2 should be a cloud region, found \(match)")
            return
        }
        #expect(r.provider == "azure")
        #expect(z.id == "eGRID:NWPP")
        #expect(!z.name.contains("Utah") && !z.id.contains("PACE"), "\(z.id): \(z.name)")
        #expect(r.location.contains("Washington"))
        #expect(r.reason.contains("Cloud Carbon Footprint"), "reason: \(r.reason)")
        #expect(try catalog.resolve("WestUS2").zone.id == "eGRID:NWPP")
    }

    @Test("europe-west1 finds Google's own zone gcp:europe-west1, not the country")
    func europeWest1() throws {
        let match = try catalog.resolve("europe-west1")
        guard case let .zone(z) = match else {
            Issue.record("europe-west1 should find Google's zone, found \(match)")
            return
        }
        #expect(z.id == "gcp:europe-west1")
        #expect(z.kind == "gcp-region")
        let f = try catalog.factor(for: z)
        #expect(f.year == 2024 && grams(f) == 103.37 && f.source.id == "google-region-carbon")
    }

    @Test("the default year is the newest; year: picks another")
    func years() throws {
        let us = try catalog.resolve("US").zone
        let all = try catalog.factors(for: us)
        #expect(all.map(\.year) == all.map(\.year).sorted(), "oldest year first")
        #expect(all.map(\.year).contains(2015) && all.map(\.year).contains(2024))
        let newest = try catalog.factor(for: us)
        #expect(newest.year == all.map(\.year).max())
        #expect(newest.year == 2024)
        let y2023 = try catalog.factor(for: us, year: 2023)
        #expect(y2023.year == 2023 && grams(y2023) == 392.848)
        #expect(try catalog.factor(for: "eGRID:SRVC", year: 2022).factor.intensity.gramsPerKilowattHour == 284.02)
    }

    @Test("a year the zone lacks is invalidData listing the years it has")
    func missingYear() throws {
        let error = co2eError { _ = try catalog.factor(for: "US", year: 1999) }
        #expect(error?.kind == .invalidData)
        let message = error?.message ?? ""
        #expect(message.contains("1999"), "\(message)")
        #expect(message.contains("2015") && message.contains("2024"), "should list the years available: \(message)")

        let egrid = co2eError { _ = try catalog.factor(for: "eGRID:SRVC", year: 2024) }
        #expect(egrid?.kind == .invalidData)
        #expect(egrid?.message.contains("2022") == true && egrid?.message.contains("2023") == true, "\(egrid?.message ?? "")")
    }

    @Test("an unknown zone is invalidData suggesting the nearest name", arguments: [
        ("Germny", "Germany"),
        ("us-est-1", "us-east-1"),
    ])
    func unknownZone(query: String, suggestion: String) throws {
        let error = co2eError { _ = try catalog.resolve(query) }
        #expect(error?.kind == .invalidData)
        let message = error?.message ?? ""
        #expect(message.contains("'\(query)'"), "names the query: \(message)")
        #expect(message.contains(suggestion), "should suggest \(suggestion): \(message)")
        #expect(message.contains("did you mean"), "\(message)")
        // A library error names no command line (no `co2e factors --list`): front ends add their own hint.
        let line = error?.description ?? ""
        #expect(!line.contains("--"), "\(line)")
    }

    @Test("an empty zone is refused")
    func emptyZone() {
        let error = co2eError { _ = try catalog.resolve("  ") }
        #expect(error?.kind == .invalidInput)
    }
}

@Suite("Grid factor catalogue: invariants over the bundled tables")
struct GridFactorInvariantTests {
    @Test("every zone has factors")
    func everyZoneHasFactors() throws {
        let zones = try catalog.zones()
        #expect(zones.count > 250, "zones: \(zones.count)")
        let all = try catalog.allFactors()
        for z in zones {
            #expect(!(all[z.id] ?? []).isEmpty, "zone \(z.id) has no factors")
        }
        #expect(Set(all.keys) == Set(zones.map(\.id)), "factor rows for zones not in zones.csv")
        // The one-zone path agrees with the listing.
        for id in ["US", "eGRID:SRVC", "gcp:us-central1", "WORLD", "EU"] {
            let z = try catalog.resolve(id).zone
            #expect(try catalog.factors(for: z) == all[z.id], "\(id)")
        }
    }

    @Test("no key (id, name, alias; case-insensitive) belongs to two zones")
    func keysUnique() throws {
        var owner: [String: String] = [:]
        for z in try catalog.zones() {
            for key in Set(z.keys.map { $0.lowercased() }) where !key.isEmpty {
                if let other = owner[key] {
                    Issue.record("key '\(key)' belongs to both \(other) and \(z.id)")
                }
                owner[key] = z.id
            }
        }
        #expect(owner.count > 500)
    }

    @Test("every zone key finds its own zone")
    func keysResolve() throws {
        for z in try catalog.zones() {
            for key in z.keys where !key.isEmpty {
                let found = try catalog.resolve(key)
                #expect(found == .zone(z), "'\(key)' finds \(found.zone.id), not \(z.id)")
            }
        }
    }

    @Test("every cloud region's maps_to resolves to that zone")
    func cloudRegionsResolve() throws {
        let regions = try catalog.cloudRegions()
        #expect(regions.count >= 140)
        #expect(Set(regions.map(\.provider)) == ["aws", "azure", "gcp"])
        let ids = Set(try catalog.zones().map(\.id))
        for r in regions {
            #expect(ids.contains(r.mapsTo), "\(r.id) maps to \(r.mapsTo), not a zone")
            #expect(try catalog.resolve(r.mapsTo).zone.id == r.mapsTo, "\(r.id) -> \(r.mapsTo)")
            #expect(!r.reason.isEmpty && !r.location.isEmpty, "\(r.id)")
            // Every region id finds either the region or Google's own zone for it.
            let viaRegion = try catalog.resolve(r.id)
            switch viaRegion {
            case let .cloudRegion(found, z): #expect(found.id == r.id && z.id == r.mapsTo)
            case let .zone(z): #expect(r.provider == "gcp" && z.id == r.id, "\(r.id) finds zone \(z.id)")
            }
        }
        // Cloud region ids are unique.
        #expect(Set(regions.map { $0.id.lowercased() }).count == regions.count)
    }

    @Test("every factor's source id is in the sources table; (zone, year) unique; values >= 0")
    func factorsWellFormed() throws {
        let sources = Set(try catalog.sources().map(\.id))
        #expect(sources.contains("owid-ember-2025") && sources.contains("epa-egrid2023") && sources.contains("google-region-carbon"))
        var rows = 0
        for (zone, factors) in try catalog.allFactors() {
            var years = Set<Int>()
            for f in factors {
                rows += 1
                #expect(f.zone == zone)
                #expect(sources.contains(f.source.id), "\(f.origin): source \(f.source.id) not in sources.csv")
                #expect(years.insert(f.year).inserted, "\(zone) \(f.year) given twice (\(f.origin))")
                #expect(grams(f) >= 0 && grams(f).isFinite, "\(f.origin): \(grams(f))")
                #expect((1990...2030).contains(f.year), "\(f.origin): year \(f.year)")
            }
        }
        // SOURCES.md: 1984 + 56 + 205 factor rows.
        #expect(rows == 1984 + 56 + 205, "factor rows: \(rows)")
        for r in try catalog.cloudRegions() {
            #expect(sources.contains(r.source.id), "\(r.id): source \(r.source.id)")
        }
    }
}

@Suite("Grid factor catalogue: comparison")
struct GridFactorComparisonTests {
    @Test("compare(europe-west1): Google 2024 103.37 beside Belgium 117.6, with reasons")
    func europeWest1() throws {
        // Cross-checked against /work/shared/reference-data/comparisons/cloud_region_intensity_comparison.csv,
        // row gcp,europe-west1: gcp_published_2024 = 103.37, owid_country_2024 = 117.576.
        let gcpPublished2024 = 103.37
        let owidCountry2024 = 117.576

        let c = try catalog.compare("europe-west1")
        let google = try #require(c.entries.first { $0.factor.zone == "gcp:europe-west1" })
        #expect(google.factor.year == 2024)
        #expect(grams(google.factor) == gcpPublished2024)
        let belgium = try #require(c.entries.first { $0.factor.zone == "BE" })
        #expect(belgium.factor.year == 2024)
        #expect(grams(belgium.factor) == owidCountry2024)
        #expect(belgium.factor.intensity.formatted() == "117.576 g/kWh")
        #expect(belgium.scope.contains("Belgium"))

        #expect(c.range == Interval(gcpPublished2024, owidCountry2024))
        #expect(c.reasons.contains { $0.contains("basis") }, "reasons: \(c.reasons)")
        #expect(c.reasons.contains { $0.contains("boundary") }, "reasons: \(c.reasons)")
        #expect(c.summary.contains("103.37") && c.summary.contains("117.576"), "\(c.summary)")
    }

    @Test("compare(us-east-1): the subregion beside the national figures")
    func usEast1() throws {
        let c = try catalog.compare("us-east-1")
        #expect(c.cloudRegion?.region == "us-east-1")
        let zones = c.entries.map(\.factor.zone)
        #expect(zones.contains("eGRID:SRVC") && zones.contains("US") && zones.contains("eGRID:US"), "\(zones)")
        #expect(c.reasons.contains { $0.contains("basis") })
    }
}

@Suite("Grid factor catalogue: users' factor files")
struct UserFactorFileTests {
    private static let header = factorHeader

    private static func parse(_ text: String, origin: String = "mine.csv") throws -> FactorCatalog {
        try FactorCatalog.parse(bytes: Array(text.utf8), origin: origin)
    }

    @Test("a good file: its zones, values, sources and lines")
    func goodFile() throws {
        let text = Self.header + """
        DC-1,2023,250.5,operational,production,,my-utility
        DC-1,2024,240,operational,,,my-utility
        "Site, B",2024,12.25,lifecycle,consumption,0.9,ppa-report

        """
        let c = try Self.parse(text, origin: "sites.csv")
        #expect(try c.zones().map(\.id) == ["DC-1", "Site, B"])
        let newest = try c.factor(for: "dc-1").factor
        #expect(newest.year == 2024 && grams(newest) == 240 && newest.boundary == nil)
        #expect(newest.source.id == "my-utility")
        #expect(newest.origin == "sites.csv:3")
        let older = try c.factor(for: "DC-1", year: 2023).factor
        #expect(grams(older) == 250.5 && older.basis == .operational && older.boundary == .production)
        let b = try c.factor(for: "Site, B").factor
        #expect(grams(b) == 12.25 && b.carbonFreeShare == 0.9 && b.basis == .lifecycle && b.boundary == .consumption)
        // Only the file's zones: bundled names are not found.
        let error = co2eError { _ = try c.resolve("US") }
        #expect(error?.kind == .invalidData)
        #expect(error?.message.contains("sites.csv") == true, "\(error?.message ?? "")")
    }

    @Test("the required columns alone are enough, in any order")
    func minimalColumns() throws {
        let c = try Self.parse("source,basis,g_co2e_per_kwh,year,zone\nx,lifecycle,100,2020,Z\n")
        #expect(grams(try c.factor(for: "Z").factor) == 100)
    }

    /// A bad file, the line the error must name (nil: the file as a whole), and words the
    /// message must contain.
    @Test("bad files: the error names the file and the line", arguments: [
        ("empty file", "", nil, ["empty"]),
        ("header only", factorHeader, nil, ["no factor rows"]),
        ("missing column", "zone,year,g_co2e_per_kwh,basis\nX,2024,100,lifecycle\n", 1, ["missing column", "source"]),
        ("wrong field count", factorHeader + "X,2024,100,lifecycle,,,src\nY,2024,100,lifecycle,src\n", 3, ["5 fields", "7"]),
        ("non-numeric value", factorHeader + "X,2024,100,lifecycle,,,src\nY,2024,lots,lifecycle,,,src\n", 3, ["g_co2e_per_kwh", "'lots'", "not a number"]),
        ("negative value", factorHeader + "X,2024,-3,lifecycle,,,src\n", 2, ["g_co2e_per_kwh", "-3", "negative"]),
        ("bad basis", factorHeader + "X,2024,100,lifecycle,,,src\nX,2023,100,marginal,,,src\n", 3, ["basis", "'marginal'", "lifecycle, operational"]),
        ("bad year", factorHeader + "X,24,100,lifecycle,,,src\n", 2, ["year", "'24'"]),
        ("non-integer year", factorHeader + "X,2024.5,100,lifecycle,,,src\n", 2, ["year", "'2024.5'"]),
        ("duplicate zone+year", factorHeader + "X,2024,100,lifecycle,,,src\nY,2024,100,lifecycle,,,src\nx,2024,90,lifecycle,,,src\n", 4, ["2024", "already given", "line 2"]),
        ("unterminated quote", factorHeader + "X,2024,100,lifecycle,,,src\n\"Y,2024,100,lifecycle,,,src\nZ,2024,1,lifecycle,,,src\n", 3, ["quote", "never closed"]),
        ("bad boundary", factorHeader + "X,2024,100,lifecycle,imports,,src\n", 2, ["boundary", "'imports'"]),
        ("cfe share above 1", factorHeader + "X,2024,100,lifecycle,,1.5,src\n", 2, ["cfe_share", "'1.5'"]),
        ("empty source", factorHeader + "X,2024,100,lifecycle,,,\n", 2, ["source"]),
    ] as [(String, String, Int?, [String])])
    func badFile(what: String, text: String, line: Int?, words: [String]) throws {
        let origin = "bad-\(what.replacingOccurrences(of: " ", with: "-")).csv"
        let error = co2eError { _ = try Self.parse(text, origin: origin) }
        #expect(error?.kind == .invalidData, "\(what)")
        let message = error?.description ?? ""
        if let line {
            #expect(message.hasPrefix("\(origin):\(line):"), "\(what): should start with \(origin):\(line): — \(message)")
        } else {
            #expect(message.contains(origin), "\(what): should name the file — \(message)")
        }
        for word in words {
            #expect(message.contains(word), "\(what): '\(word)' missing from: \(message)")
        }
        #expect(!message.contains("\n"), "one line: \(message)")
    }
}
