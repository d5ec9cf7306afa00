import Foundation
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

// Issue 30, the bundled data audit: each correction reads the corrected value and the source it
// is cited to, and every row of every catalogue says how it was read (primary, copy, secondary).

private func auditWithin(_ actual: Double, _ expected: Double, pct: Double, _ what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let deviation = abs(actual - expected) / abs(expected) * 100
    #expect(deviation <= pct, "\(what): \(actual), expected \(expected) within \(pct) %", sourceLocation: sourceLocation)
}

private func figure(_ id: String) throws -> PerQueryFigure { try InferenceCatalog.figure(id) }

@Suite("Data audit: corrections")
struct DataAuditCorrectionTests {
    @Test("gemini_median_carbon_counts_all_three_scopes_with_scope2_apart")
    func geminiScopes() throws {
        let f = try figure("gemini-2025-median")
        #expect(f.source.id == "google2025-gemini")
        #expect(f.carbonScope == "scopes1-3")
        auditWithin(try #require(f.carbon).kilograms * 1_000, 0.03, pct: 1, "published g per prompt")
        auditWithin(try #require(f.carbonScope2).kilograms * 1_000, 0.023, pct: 1, "scope 2 part")
        #expect(f.carbonScopeDescription == "scopes 1, 2 and 3, of which scope 2 0.023 g")
        #expect(f.note.contains("0.010 g scopes 1 and 3"))
        // The narrower row's scopes are not confirmed: it must not claim a boundary.
        let narrow = try figure("gemini-2025-median-narrow")
        #expect(narrow.carbonScope == "unstated" && narrow.carbonScope2 == nil)
        #expect(narrow.carbonScopeDescription == "scopes not stated")
    }

    @Test("iea_high_efficiency_2035_is_the_cases_own_figure_not_the_base_rate")
    func ieaHighEfficiency2035() throws {
        let s = try ProjectionCatalog.scenario("iea-2025-high-efficiency")
        let point = try #require(s.regions.first?.path.first { $0.year == 2035 })
        guard case let .target(v) = point.kind else { Issue.record("2035 is \(point.kind), not a published value"); return }
        #expect(v.value == "970TWh")
        #expect(v.source == "iea2025")
        #expect(v.derived == nil, "no longer co2e's extension")
        // Read only through secondary texts: the file says so where the figure is cited.
        #expect(v.at?.contains("NOT VERIFIED") == true)
        #expect(ProjectionCatalog.bundledSources.first { $0.id == "iea2025" }?.read == .secondary)
    }

    @Test("morgan_stanley_annual_path_and_split_cite_bisnow_not_reuters")
    func morganStanleyCitations() throws {
        let s = try ProjectionCatalog.scenario("morgan-stanley-2024")
        let world = try #require(s.regions.first)
        #expect(world.base.value == "200Mt" && world.base.source == "bisnow2024")
        guard case let .target(end)? = world.path.first(where: { $0.year == 2030 })?.kind else { Issue.record("no 2030 point"); return }
        #expect(end.value == "600Mt" && end.source == "bisnow2024")
        #expect(s.embodiedShare?.value == "40%" && s.embodiedShare?.source == "bisnow2024")
        // The 2.5 Gt stays cited to the Reuters text, which has it.
        #expect(s.published.first { $0.figure == "cumulative_total" }?.value.source == "morganstanley2024")
        let bisnow = try #require(ProjectionCatalog.bundledSources.first { $0.id == "bisnow2024" })
        #expect(bisnow.publisher == "Bisnow" && bisnow.url.contains("bisnow.com"))
        let claim = try Claims.claim("morgan-stanley-2-5gt")
        #expect(claim.note.contains("Bisnow") && claim.note.contains("not in it"))
    }

    @Test("egrid2023_rev2_us_and_camx_from_the_published_lb_per_mwh")
    func egridRev2() throws {
        let lbPerMWh = 0.45359237  // g/kWh per lb/MWh
        for (zone, lb) in [("eGRID:US", 770.884), ("eGRID:CAMX", 429.983)] {
            let f = try FactorCatalog.bundled.factor(for: zone, year: 2023).factor
            #expect(abs(f.intensity.gramsPerKilowattHour - lb * lbPerMWh) < 0.001, "\(zone): \(f.intensity.gramsPerKilowattHour)")
            #expect(f.source.id == "epa-egrid2023-rev2")
            #expect(f.source.title.contains("rev2"))
            #expect(f.read == .copy)
        }
    }

    @Test("phone_charge_is_at_epas_marginal_rate")
    func phoneCharge() throws {
        let f = try Equivalents.factor("phone_charge")
        #expect(f.note.contains("marginal emission rate") && f.note.contains("not the average grid factor"))
        #expect(f.source.id == "dodge2022-epa-calculator")
    }

    @Test("patterson_passenger_round_trip_is_in_table_2")
    func pattersonTable() throws {
        let f = try Equivalents.factor("passenger_flight_ny_sf")
        #expect(f.at == "Table 2" && f.source.id == "patterson2021")
        #expect(f.mass.tonnes == 1.2)
    }

    @Test("b200_fp64_is_the_current_datasheets_37")
    func b200() throws {
        let a = try InferenceCatalog.accelerator("B200")
        #expect(a.peakTFLOPS["fp64"] == 37)
        #expect(a.note.contains("40 was the launch figure"))
        #expect(a.read == .copy)
    }

    @Test("tpu_v4_192_w_is_a_measured_maximum_not_a_tdp")
    func tpuV4() throws {
        let a = try InferenceCatalog.accelerator("TPUv4")
        #expect(a.tdp?.watts == 192)
        #expect(a.powerBasis == "measured_max")
        #expect(a.note.contains("measured maximum, not a TDP"))
        #expect(try InferenceCatalog.accelerator("H100").powerBasis == "tdp")
    }

    @Test("bloom_row_states_both_of_the_papers_figures")
    func bloom() throws {
        let f = try figure("bloom-2022-api")
        let requests = 230_768.0
        // The published total: 340 kg over the run (19 kg a day x 18 days).
        auditWithin(try #require(f.carbon).kilograms * requests, 340, pct: 0.5, "kg over the run")
        // 914 kWh x 394 g/kWh is 360 kg: the note says the paper's figures disagree.
        #expect(f.note.contains("360 kg") && f.note.contains("19 kg CO2e a day x 18 days = 340 kg"))
    }

    @Test("vaulted_deep_price_note_has_words_a_source_has")
    func vaultedDeep() throws {
        let d = try DealCatalog.bundled.deal("vaulted-deep-2025")
        #expect(!d.priceBy.contains("not what Microsoft paid"))
        #expect(d.priceBy.contains("neither company disclosed the actual terms"))
        #expect(d.read == .secondary)
    }

    @Test("dac_average_paid_715_is_dropped_unsourced")
    func dac715() throws {
        let dac = try RemovalPrices.prices(for: .dac)
        #expect(!dac.contains { $0.kind == "average_paid" })
        #expect(!dac.contains { $0.price.upper.baseValue == 715 })
        #expect(dac.contains { $0.kind == "cost_range" && $0.source.id == "dac-cost-techcrunch" })
        #expect(try Claims.claim("dac-below-1000").note.contains("was dropped"))
    }
}

@Suite("Data audit: figures users expect")
struct DataAuditNewFigureTests {
    @Test("openai_average_chatgpt_query_is_0_34_wh_read_through_coverage")
    func openAI() throws {
        let f = try figure("chatgpt-2025-average")
        auditWithin(try #require(f.energy).lower.kilowattHours * 1_000, 0.34, pct: 0, "Wh")
        #expect(f.year == 2025 && f.source.id == "altman2025-gentle-singularity")
        #expect(f.read == .secondary && f.source.read == .secondary)
        #expect(f.citation.at.contains("read only through secondary coverage"))
    }

    @Test("forest_equivalents_in_acres_and_hectares_from_epa")
    func forest() throws {
        let acre = try Equivalents.factor("forest_acre_year"), hectare = try Equivalents.factor("forest_hectare_year")
        #expect(acre.mass.tonnes == 0.82 && acre.source.id == "epa-calculator-refs")
        // One hectare is 1 / 0.40468564224 acres: the hectare factor is the acre's over that.
        auditWithin(hectare.mass.kilograms, 820 / 0.40468564224, pct: 0.01, "kg per hectare-year")
        let seedling = try Equivalents.factor("tree_seedling_10y")
        #expect(seedling.mass.tonnes == 0.039 && seedling.note.contains("was not read"))
        let e = try Equivalents.estimate(.exact(.tonnes(1e6)))
        let acres = try #require(e.result("equivalent_forest_acre_year")).value.text
        #expect(acres.hasPrefix("1.22") && acres.hasSuffix("million acre-years"), "\(acres)")
        let ha = try #require(e.result("equivalent_forest_hectare_year")).value.text
        #expect(ha.hasPrefix("493,5"), "\(ha)")
    }

    @Test("strubell_set_is_chosen_by_name_and_the_default_stays_epa")
    func strubell() throws {
        let e = try Equivalents.estimate(.exact(.tonnes(90)), set: "strubell")
        // 90 t / (1,984 lb x 0.45359237 kg/lb) = 100.0 round trips.
        #expect(try #require(e.result("equivalent_strubell_flight_ny_sf")).value.text == "100 round trips")
        #expect(e.results.allSatisfy { $0.key.hasPrefix("equivalent_strubell_") })
        auditWithin(try Equivalents.factor("strubell_car_lifetime").mass.kilograms, 126_000 * 0.45359237, pct: 0.001, "car lifetime")
        let byDefault = try Equivalents.estimate(.exact(.tonnes(90)))
        #expect(byDefault.result("equivalent_car_year") != nil)
        #expect(!byDefault.results.contains { $0.key.hasPrefix("equivalent_strubell_") })
    }

    @Test("an_unknown_equivalents_set_is_refused_naming_the_sets")
    func unknownSet() throws {
        let error = try #require(throws: CO2eError.self) { try Equivalents.estimate(.exact(.tonnes(90)), set: "nosuch") }
        #expect(error.field == "equivalents_source" && error.code == .invalidValue)
        #expect(error.accepted == "epa, patterson, strubell")
    }
}

/// The bundled CSV files and their rows, read with the same CSV reader the catalogues use.
private func bundledTables() throws -> [(path: String, header: CSVHeader, rows: [CSVRecord])] {
    try BundledData.paths.filter { $0.hasSuffix(".csv") }.map { path in
        let table = TableText(origin: path, storage: .embedded(try #require(BundledData.file(path))))
        var header: CSVHeader?
        var rows: [CSVRecord] = []
        try table.forEachRow { h, r in header = h; rows.append(r); return true }
        return (path, try #require(header, "\(path) has no rows"), rows)
    }
}

@Suite("Data audit: every row says how it was read")
struct DataAuditReadColumnTests {
    /// zones.csv holds zone names and aliases, no figure and no source: the one table without a
    /// `read` column.
    static let noFigures: Set<String> = ["grid-factors/zones.csv"]

    @Test("no_row_of_any_catalogue_lacks_its_read_column")
    func everyRowSaysHowItWasRead() throws {
        let tables = try bundledTables()
        #expect(tables.count >= 18, "\(tables.map(\.path))")
        for t in tables where !Self.noFigures.contains(t.path) {
            let k = try #require(t.header.index(of: "read"), "\(t.path) has no read column")
            for r in t.rows {
                let v = k < r.fields.count ? r.fields[k] : ""
                #expect(Reading(rawValue: v) != nil, "\(t.path):\(r.line): read is '\(v)', not one of \(Reading.accepted)")
            }
        }
        // The projections' sources (JSON) carry it too.
        let sources = ProjectionCatalog.bundledSources
        #expect(!sources.isEmpty && sources.allSatisfy { $0.read != nil }, "\(sources.filter { $0.read == nil }.map(\.id))")
    }

    @Test("every_source_the_catalogues_cite_says_how_it_was_read")
    func everySourceSaysHowItWasRead() throws {
        var cited: [Source] = try FactorCatalog.bundled.sources()
        cited += try InferenceCatalog.figures().map(\.source) + InferenceCatalog.accelerators().map(\.source)
        cited += try Equivalents.factors().map(\.source) + DealCatalog.bundled.deals().map(\.source)
        cited += try RemovalPrices.allPrices().map(\.source) + RemovalPrices.credits45Q().map(\.source) + Claims.all().map(\.source)
        for s in cited { #expect(s.read != nil, "\(s.id) does not say how it was read") }
        // The citation line ends with it, and JSON carries it.
        let owid = try #require(cited.first { $0.id == "owid-ember-2025" })
        #expect(owid.citation.hasSuffix("[read from the primary]"))
        #expect(owid.json["read"]?.stringValue == "primary")
    }

    @Test("a_bad_read_value_is_a_data_error_naming_file_line_and_the_accepted_words")
    func badReadValue() throws {
        let error = try #require(throws: CO2eError.self) { try Reading.parse("hearsay", file: "f.csv", line: 3) }
        #expect(error.field == "read" && error.value == "hearsay" && error.file == "f.csv" && error.line == 3)
        #expect(error.accepted == "primary, copy, secondary")
        #expect(try Reading.parse("") == nil && Reading.parse(" Copy ") == .copy)
        // In a user's factor file the column is optional, but checked when present.
        let bad = "zone,year,g_co2e_per_kwh,basis,source,read\nUS,2024,100,lifecycle,s,hearsay\n"
        #expect(throws: CO2eError.self) { try FactorCatalog.parse(bytes: Array(bad.utf8), origin: "mine.csv") }
        let good = "zone,year,g_co2e_per_kwh,basis,source,read\nUS,2024,100,lifecycle,s,secondary\n"
        #expect(try FactorCatalog.parse(bytes: Array(good.utf8), origin: "mine.csv").factor(for: "US").factor.read == .secondary)
    }
}
