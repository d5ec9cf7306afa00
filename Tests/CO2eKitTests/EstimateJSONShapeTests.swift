// Pins the JSON shape of an estimate: keys, steps and results with stable keys, each value's
// spread kind (exact, bounds, percentiles, none), tables, nested parts, sources, citations,
// warnings and assumptions. README.md ("JSON for other tools") documents this shape; when this
// test has to change, the README and the tools reading the JSON change too.
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

@Suite struct EstimateJSONShapeTests {
    @Test func theShapeToolsRead() throws {
        var e = try TrainingRun.compare(
            energy: .facility(Uncertain(.gigawattHours(50), .gigawattHours(60))),
            on: [ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(40)))),
                 ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))))])
        e.cite(Source(id: "patterson2021", kind: .paper, title: "Carbon Emissions and Large Neural Network Training", publisher: "arXiv", published: "2021", licence: "CC BY 4.0", url: "https://arxiv.org/abs/2104.10350"))
        e.steps.append(.init("zone", "Cloud region", .text("-> eGRID:SRVC"), how: "a mapping", citations: [Citation(source: "patterson2021", at: "p. 7, Table 4")]))
        e.results.append(.init("p", "Sampled", Value(.percentiles(Percentiles(of: [1, 2, 3, 4])), MassDimension.self), how: "samples"))
        e.warn("a_warning", "Careful.")
        e.assume("year_length", UnitTable.yearConvention)
        let expected = #"""
{"key":"training_comparison","title":"Training run on 2 grids","steps":[{"key":"facility_energy","label":"Energy at the facility","value":{"dimension":"energy","unit":"kWh","spread":"bounds","low":50000000,"high":60000000,"text":"50–60 GWh"},"how":"given, overhead (PUE) included"},{"key":"zone","label":"Cloud region","value":{"dimension":"text","unit":"","spread":"none","text":"-> eGRID:SRVC"},"how":"a mapping","citations":[{"source":"patterson2021","at":"p. 7, Table 4"}]}],"results":[{"key":"ratio","label":"given 400 g/kWh / given 40 g/kWh","value":{"dimension":"ratio","unit":"","spread":"exact","value":10,"text":"10x"},"how":"20,000–24,000 tCO2e / 2,000–2,400 tCO2e; the run's energy cancels out"},{"key":"p","label":"Sampled","value":{"dimension":"mass","unit":"kg","spread":"percentiles","samples":4,"mean":2.5,"sd":1.2909944487358056,"p5":1.15,"p50":2.5,"p95":3.8499999999999996,"text":"mean 2.5 kgCO2e, p5–p95 1.15–3.85 kgCO2e"},"how":"samples"}],"tables":[{"key":"grids","title":"Location-based emissions by grid","columns":[{"key":"grid","label":"Grid","unit":""},{"key":"factor","label":"Factor","unit":"g/kWh"},{"key":"location_based","label":"Location-based","unit":"kg"},{"key":"ratio","label":"× lowest","unit":""}],"rows":[{"grid":"given 40 g/kWh","factor":{"dimension":"mass/energy","unit":"g/kWh","spread":"exact","value":40,"text":"40 g/kWh"},"location_based":{"dimension":"mass","unit":"kg","spread":"bounds","low":2000000,"high":2400000,"text":"2,000–2,400 tCO2e"},"ratio":{"dimension":"ratio","unit":"","spread":"exact","value":1,"text":"1x"}},{"grid":"given 400 g/kWh","factor":{"dimension":"mass/energy","unit":"g/kWh","spread":"exact","value":400,"text":"400 g/kWh"},"location_based":{"dimension":"mass","unit":"kg","spread":"bounds","low":20000000,"high":24000000,"text":"20,000–24,000 tCO2e"},"ratio":{"dimension":"ratio","unit":"","spread":"exact","value":10,"text":"10x"}}]}],"parts":[{"key":"grid_1","title":"On given 40 g/kWh","steps":[{"key":"grid_factor","label":"Emission intensity","value":{"dimension":"mass/energy","unit":"g/kWh","spread":"exact","value":40,"text":"40 g/kWh"},"how":"given"}],"results":[{"key":"location_based","label":"Location-based emissions","value":{"dimension":"mass","unit":"kg","spread":"bounds","low":2000000,"high":2400000,"text":"2,000–2,400 tCO2e"},"how":"50–60 GWh × 40 g/kWh"}],"tables":[],"parts":[],"sources":[],"grid_factors":[],"warnings":[],"assumptions":[]},{"key":"grid_2","title":"On given 400 g/kWh","steps":[{"key":"grid_factor","label":"Emission intensity","value":{"dimension":"mass/energy","unit":"g/kWh","spread":"exact","value":400,"text":"400 g/kWh"},"how":"given"}],"results":[{"key":"location_based","label":"Location-based emissions","value":{"dimension":"mass","unit":"kg","spread":"bounds","low":20000000,"high":24000000,"text":"20,000–24,000 tCO2e"},"how":"50–60 GWh × 400 g/kWh"}],"tables":[],"parts":[],"sources":[],"grid_factors":[],"warnings":[],"assumptions":[]}],"sources":[{"id":"patterson2021","kind":"paper","title":"Carbon Emissions and Large Neural Network Training","publisher":"arXiv","published":"2021","licence":"CC BY 4.0","url":"https://arxiv.org/abs/2104.10350"}],"grid_factors":[],"warnings":[{"key":"a_warning","text":"Careful."}],"assumptions":[{"key":"year_length","text":"a year is 365 days (8,760 h), a common calendar year, as IEA and EIA annual averages count it"}]}
"""#
        #expect(e.json.serialized() == expected)
    }
}
