import Testing
@testable import co2e

// Issue 30 as the commands show it: the corrected figures, the forest and Strubell equivalents,
// and how each row was read.
@Suite("Data audit on the command line")
struct DataAuditCLITests {
    @Test func listFiguresShowsGeminisScopesAndHowEachRowWasRead() {
        let r = runCLI(["inference", "--list-figures"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("0.03 gCO2e (market; scopes 1, 2 and 3, of which scope 2 0.023 g)"), "\(r.out)")
        let openAI = r.out.split(separator: "\n").first { $0.contains("chatgpt-2025-average") } ?? ""
        #expect(openAI.contains("0.34 Wh") && openAI.hasSuffix("secondary"), "\(openAI)")
        #expect(r.out.contains("[read only through secondary coverage]"))
    }

    @Test func highEfficiencyReaches970TWhIn2035() {
        let r = runCLI(["project", "--scenario", "iea-2025-high-efficiency", "--to", "2035"])
        #expect(r.code == 0, "\(r)")
        let line = r.out.split(separator: "\n").first { $0.contains("Electricity 2035 (annual)") } ?? ""
        #expect(line.contains(" 970 TWh "), "\(line)")
    }

    @Test func camxIsEgrid2023Rev2AndSaysHowItWasRead() {
        let r = runCLI(["factors", "eGRID:CAMX"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("195.037 g/kWh CO2e in 2023"), "\(r.out)")
        #expect(r.out.contains("rev2") && r.out.contains("[epa-egrid2023-rev2]"))
        #expect(r.out.contains("Read           read through a faithful copy"), "\(r.out)")
        let j = runCLI(["factors", "eGRID:CAMX", "--json"])
        #expect(j.out.contains("\"read\": \"copy\""), "\(j.out)")
    }

    @Test func strubellSetGivesAbout100RoundTripsFor90t() {
        let r = runCLI(["equivalents", "90t", "--source", "strubell"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("100 round trips"), "\(r.out)")
        #expect(!r.out.contains("car-years"), "the EPA set is not shown with --source strubell")
        #expect(runCLI(["equivalents", "90t"]).out.contains("car-years"))
    }

    @Test func oneMegatonneShowsForestInAcresAndHectaresSourced() {
        let r = runCLI(["equivalents", "1Mt"])
        #expect(r.code == 0, "\(r)")
        #expect(r.out.contains("1.22 million acre-years"), "\(r.out)")
        #expect(r.out.contains("493,5") && r.out.contains("hectare-years"), "\(r.out)")
        #expect(r.out.contains("epa-calculator-refs:"), "the EPA page is among the sources")
    }

    @Test func listingsShowHowRowsWereRead() {
        let removals = runCLI(["removals", "--list"])
        #expect(removals.code == 0)
        let vaulted = removals.out.split(separator: "\n").first { $0.contains("vaulted-deep-2025") } ?? ""
        #expect(vaulted.contains("vaulted-deep-microsoft-2025 (secondary)"), "\(vaulted)")
        let sources = runCLI(["factors", "--sources"])
        #expect(sources.out.contains("owid-ember-2025") && sources.out.contains("[read from the primary]"))
        let scenarios = runCLI(["project", "--list"])
        let ms = scenarios.out.split(separator: "\n").first { $0.contains("morgan-stanley-2024") } ?? ""
        #expect(ms.hasSuffix("(read only through secondary coverage)"), "\(ms)")
        let lbnl = scenarios.out.split(separator: "\n").first { $0.contains("lbnl-2024-high") } ?? ""
        #expect(!lbnl.contains("secondary"), "LBNL was read through verbatim quotes of the PDF (a copy): \(lbnl)")
        let deal = runCLI(["removals", "--deal", "vaulted-deep-2025"])
        #expect(deal.out.contains("read only through secondary coverage"), "\(deal.out)")
    }
}
