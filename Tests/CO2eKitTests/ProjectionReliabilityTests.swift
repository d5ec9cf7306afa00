import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eProjections
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// Projections as typed results, and the bad inputs of the reliability issue: memory, negative
// intensities, silent drops, duplicate ids, unknown grids and file text reaching a terminal.

private func run(_ scenarios: [Scenario], to: Int = 2030, cumulative: ClosedRange<Int>? = nil, settings: [String] = [],
                 sampling: MonteCarloSettings? = nil) throws -> ProjectionResult {
    try Projection.run(ProjectionRequest(scenarios: scenarios, to: to, cumulative: cumulative,
                                         settings: try settings.map(ProjectionSetting.parse), sampling: sampling))
}

/// A scenario file's text: two regions, the given extra top-level members and region fields.
private func scenarioText(title: String = "Mine", usName: String = "United States", grid: String = "", extra: String = "") -> String {
    """
    {"id": "mine", "title": "\(title)", "source": "me", "base_year": 2024, "interpolation": "constant compound rate",
     "regions": [{"region": "us", "name": "\(usName)", "base": {"value": "183TWh"}, "path": [{"year": 2030, "value": "350TWh"}]},
                 {"region": "europe", \(grid) "base": {"value": "68TWh"}, "path": [{"year": 2030, "rate": "5%/y"}]}],
     "sources": [{"id": "me", "kind": "report", "title": "My notes", "publisher": "Me", "published": "2025", "licence": "-", "url": "-"}]
     \(extra)}
    """
}

private func error(_ body: () throws -> Void) -> CO2eError? {
    do { try body() } catch let e as CO2eError { return e } catch { return nil }
    return nil
}

@Test func theTypedResultCarriesEachYearRegionAndTheHeadlineAndTheTrailAgrees() throws {
    let r = try run([try ProjectionCatalog.scenario("iea-2025-base")], to: 2030, cumulative: 2024...2030)
    let s = try #require(r.scenario("iea-2025-base"))
    #expect(r.year == 2030 && s.headline.year == 2030)
    #expect(s.years.map(\.year) == Array(2024...2030))
    #expect(s.regions.map(\.id) == ["us", "china", "europe", "asia-pacific", "rest-of-world"])
    // The trail's figures are the typed ones, in the trail's units.
    let total = try #require(r.estimate.result("iea_2025_base_total_2030")).value
    #expect(total.unit == "kg" && total.spread == s.headline.total.spread)
    let twh = try #require(s.headline.electricity?.value.value(in: "TWh"))
    #expect(abs(twh - 945) / 945 < 0.02, "\(twh) TWh in 2030")
    // The world is the sum of its regions, each year.
    for (k, y) in s.years.enumerated() {
        let sum = s.regions.map { $0.years[k].total.value.value(in: "Mt") ?? .nan }.reduce(0, +)
        #expect(abs(sum - (y.total.value.value(in: "Mt") ?? 0)) < 1e-6 * sum)
    }
    let span = try #require(s.cumulative)
    #expect(span.years == 2024...2030)
    #expect(try #require(r.estimate.result("iea_2025_base_cumulative_2024_2030")).value.spread == span.total.spread.expressed(in: MassDimension.reportingUnit))
}

@Test func aMonteCarloThatWouldNotFitInMemoryIsRefusedBeforeAnythingIsAllocated() throws {
    let iea = try ProjectionCatalog.scenario("iea-2025-base")
    let e = try #require(error { _ = try run([iea], to: 2100, sampling: MonteCarloSettings(samples: 200_000_000)) })
    #expect(e.code == .resourceLimit && e.field == "samples", "\(e)")
    #expect(e.reason.contains("GiB") && e.reason.contains("4 GiB co2e allows"), "\(e.reason)")
    // The number of samples it says would fit does fit (with a small limit, so the test is quick).
    let small = MonteCarloSettings(samples: 100_000, memoryLimit: 24 << 20)
    let refused = try #require(error { _ = try run([iea], sampling: small) })
    let accepted = try #require(refused.accepted)
    let digits = accepted.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
    let fits = try #require(Int(String(digits)), "\(accepted)")
    #expect(fits > 0 && fits < 100_000)
    var ok = small
    ok.samples = fits
    #expect(try run([iea], sampling: ok).monteCarlo?.samples == fits)
}

@Test func theMemoryRuleIsTheEnginesSoEverySampledEstimateHasIt() throws {
    var f = Formula()
    let x = f.input("x", Uncertain<EnergyDimension>(baseInterval: Interval(1, 2)))
    let y = f.value("y", EnergyDimension.self)
    f.compute { v in v[y] = v[x] }
    let settings = MonteCarloSettings(samples: 1_000_000, memoryLimit: 1 << 20)
    #expect(MonteCarlo.memoryNeeded(f, outputs: [y.index], settings: settings) > 8_000_000)
    let e = try #require(error { _ = try MonteCarlo.evaluate(f, output: y, settings: settings) })
    #expect(e.code == .resourceLimit)
}

@Test(arguments: ["intensity=-1g/kWh", "intensity=normal:400g/kWh,1000g/kWh", "intensity.us=-5..400g/kWh", "base=-1TWh", "embodied-share=120%"])
func aSettingOutsideWhatItAcceptsIsRefusedWithTheOneRule(_ setting: String) {
    let e = error { _ = try ProjectionSetting.parse(setting) }
    #expect(e?.code == .valueOutOfRange && e?.field == "set", "\(String(describing: e))")
}

@Test func aTruncatedNormalIntensityIsAcceptedAndNeverSamplesBelowZero() throws {
    let r = try run([try ProjectionCatalog.scenario("iea-2025-base")],
                    settings: ["intensity=normal:400g/kWh,1000g/kWh,0g/kWh..2000g/kWh"], sampling: MonteCarloSettings(samples: 4096))
    let low = try #require(r.scenario("iea-2025-base")).headline.total.low
    #expect(low.baseValue >= 0)
    #expect(r.estimate.parts[0].steps.contains { $0.how.contains("refused, never truncated") })
}

@Test func aPublishedFigureInTheWrongUnitIsRefusedNamingIt() {
    let text = scenarioText(extra: #", "published": [{"figure": "electricity", "year": 2030, "value": "5Mt"}]"#)
    let e = error { _ = try Scenario.parse(text, origin: "mine.json") }
    #expect(e?.field == "published[0].value" && e?.code == .unknownUnit && e?.file == "mine.json", "\(String(describing: e))")
}

@Test func aPublishedFigureThatCannotBeComparedIsNamedInAWarning() throws {
    let text = scenarioText(extra: #", "published": [{"figure": "share_of_use", "year": 2030, "region": "us", "value": "5%"}]"#)
    let r = try run([try Scenario.parse(text, origin: "mine.json")])
    let w = try #require(r.estimate.warnings.first { $0.key == "published_not_compared_mine_0" })
    #expect(w.text.contains("share_of_use 2030") && w.text.contains("other_electricity"), "\(w.text)")
}

@Test func aCumulativeSpanPastTheLastYearIsRefusedRatherThanMovingTheHeadline() throws {
    let ms = try ProjectionCatalog.scenario("morgan-stanley-2024")
    let e = try #require(error { _ = try run([ms], to: 2030, cumulative: 2024...2040) })
    #expect(e.field == "cumulative" && e.code == .valueOutOfRange && e.reason.contains("2040"), "\(e)")
    #expect(try run([ms], to: 2040, cumulative: 2024...2040).year == 2040)
}

@Test func twoSourcesWithOneIDAreRefused() throws {
    let twice = scenarioText(extra: #", "sources": [{"id": "me", "kind": "report", "title": "A", "publisher": "A", "published": "2025", "licence": "-", "url": "-"}, {"id": "me", "kind": "report", "title": "B", "publisher": "B", "published": "2025", "licence": "-", "url": "-"}]"#)
        .replacingOccurrences(of: #""sources": [{"id": "me", "kind": "report", "title": "My notes", "publisher": "Me", "published": "2025", "licence": "-", "url": "-"}]"#, with: #""notes": []"#)
    let e = error { _ = try Scenario.parse(twice, origin: "mine.json") }
    #expect(e?.code == .duplicateEntry && e?.field == "sources[1].id", "\(String(describing: e))")
    // A file's source under a bundled source's id, but another source: refused, not shadowed.
    let bundled = try #require(ProjectionCatalog.bundledSources.first)
    let clash = scenarioText().replacingOccurrences(of: #""id": "me""#, with: "\"id\": \"\(bundled.id)\"")
        .replacingOccurrences(of: #""source": "me""#, with: "\"source\": \"\(bundled.id)\"")
    let c = error { _ = try run([try Scenario.parse(clash, origin: "mine.json")]) }
    #expect(c?.code == .duplicateEntry && c?.value == bundled.id, "\(String(describing: c))")
}

@Test func aRegionOrScenarioGivenTwiceIsADuplicateEntry() throws {
    let text = scenarioText().replacingOccurrences(of: #""region": "europe""#, with: #""region": "us""#)
    #expect(error { _ = try Scenario.parse(text, origin: "mine.json") }?.code == .duplicateEntry)
    let s = try ProjectionCatalog.scenario("iea-2025-base")
    #expect(error { _ = try run([s, s]) }?.code == .duplicateEntry)
}

@Test func anUnknownGridNamesTheFileAndTheField() {
    let e = error { _ = try Scenario.parse(scenarioText(grid: #""grid": "Atlantis","#), origin: "my.json") }
    #expect(e?.code == .unknownZone && e?.file == "my.json" && e?.field == "regions[1].grid" && e?.value == "Atlantis", "\(String(describing: e))")
}

@Test func controlCharactersInTitlesAndNamesAreEscapedInTheTrailAndTheChart() throws {
    let text = scenarioText(title: #"Mine\u001b[2J\r\nFAKE LINE"#, usName: #"U\u001b]0;x\u0007S\u0085"#)
    let s = try Scenario.parse(text, origin: "mine.json")
    #expect(s.title.contains("\u{1B}"))
    let r = try run([s])
    func raw(_ t: String) -> Bool { t.unicodeScalars.contains { EchoedText.isControl($0) } }
    let part = r.estimate.parts[0]
    #expect(!raw(part.title) && part.title.contains(#"\u{1B}[2J\r\nFAKE LINE"#), "\(part.title)")
    #expect(!part.steps.contains { raw($0.label) } && part.steps.contains { $0.label.hasPrefix(#"U\u{1B}]0;x\u{7}S\u{85}"#) })
    #expect(!r.estimate.warnings.contains { raw($0.text) })
    let table = try #require(r.estimate.tables.first { $0.key == "by_region" })
    #expect(!table.rows.flatMap { $0 }.contains { if case let .text(t) = $0 { return raw(t) } else { return false } })
    let svg = SVGChart.projection(r, title: s.title)
    #expect(!svg.unicodeScalars.contains { EchoedText.isControl($0) && $0 != "\n" })
    #expect(throws: Never.self) { _ = try XMLDocument(xmlString: svg) }
}

@Test func theChartLabelsTheSumWorldWrapsLongNamesAndMarksThePublishedPoints() throws {
    let r = try run([try ProjectionCatalog.scenario("iea-2025-base")])
    #expect(r.series.map(\.label) == ["World", "United States", "China", "Europe", "Asia-Pacific (without China)", "Rest of world"])
    let svg = SVGChart.projection(r, title: "t")
    let doc = try XMLDocument(xmlString: svg)
    let legend = try doc.nodes(forXPath: "//*[local-name()='g'][@class='legend']//*[local-name()='text']").map { $0.stringValue ?? "" }
    #expect(legend.contains("World"))
    #expect(legend.contains { $0.replacingOccurrences(of: "  ", with: " ").contains("China)") && $0.contains("Asia-Pacific") }, "\(legend)")
    #expect(!legend.contains { $0.contains("…") }, "\(legend)")
    #expect(legend.contains { $0.contains("published point") })
    // The base year and every value point of each region's path: 5 regions x (2024, 2030, 2035),
    // those within the run drawn.
    let marks = try doc.nodes(forXPath: "//*[local-name()='circle'][@class='published']")
    #expect(marks.count == 5 * 2, "\(marks.count)")
    // A region's base year point sits on its line: the published base is the model's base.
    let us = try #require(r.series.first { $0.region == "us" })
    let base = try #require(us.publishedTerawattHours.first)
    #expect(base.year == 2024 && abs(base.value - us.terawattHours[0].midpoint) < 1e-9 * base.value)
}

@Test func legendLabelsWrapWithinTheirLinesAndClipOnlyPastThree() {
    #expect(SVGChart.wrap("Asia-Pacific (without China)", 27, maxLines: 3) == ["Asia-Pacific (without", "China)"])
    let long = SVGChart.wrap(String(repeating: "word ", count: 40), 27, maxLines: 3)
    #expect(long.count == 3 && long.allSatisfy { $0.count <= 27 } && long[2].hasSuffix("…"))
}

@Test func aScenarioOfTwoThousandRegionsSampledIsRefusedByItsSizeNotAttempted() throws {
    let regions = (0..<2000).map { k in
        ScenarioRegion(id: "r\(k)", name: "Region \(k)", base: ScenarioFigure("1TWh"), path: [PathPoint(year: 2030, .rate(ScenarioFigure("5%/y")))],
                       intensity: ScenarioFigure("400g/kWh"))
    }
    let s = Scenario(id: "many", title: "Many", source: "me", baseYear: 2024, interpolation: "g", regions: regions)
    let e = try #require(error { _ = try run([s], sampling: MonteCarloSettings(samples: 100_000)) })
    #expect(e.code == .resourceLimit && e.reason.contains("GiB"), "\(e)")
    // Exact, it runs.
    #expect(try run([s]).scenarios[0].regions.count == 2000)
}

@Test func aPublishedFigureBeforeTheBaseYearIsOutsideTheRunNotATrap() throws {
    // Found by the scenario fuzz target: a range built from the base year back to 2020 trapped.
    let text = scenarioText(extra: #", "published": [{"figure": "electricity", "year": 2020, "value": "100TWh"}, {"figure": "cumulative_total", "year": 2020, "value": "1Gt"}]"#)
    let r = try run([try Scenario.parse(text, origin: "mine.json")])
    #expect(!r.estimate.tables.contains { $0.key == "published" })
    #expect(!r.estimate.warnings.contains { $0.key.hasPrefix("published_not_compared") })
}

@Test func aYearTooLargeForAnIntegerIsRefusedNotATrap() throws {
    // Found by the scenario fuzz target in CI's short pass: a path year of 2e51 trapped in Int(_:).
    let text = #"{"id": "mine", "title": "Mine", "source": "me", "base_year": 2024, "interpolation": "geometric", "regions": [{"region": "us", "base": {"value": "183TWh"}, "path": [{"year": 2022222222222222222222222222222222222222222222222270, "value": "351TWh"}]}], "sources": [{"id": "me", "kind": "report", "title": "T", "publisher": "P", "published": "2024", "licence": "-", "url": "-"}]}"#
    #expect(throws: CO2eError.self) { try Scenario.parse(text, origin: "mine.json") }
    do { _ = try Scenario.parse(text, origin: "mine.json") } catch let e as CO2eError {
        #expect(e.reason.contains("is not a year"), "\(e)")
    }
}
