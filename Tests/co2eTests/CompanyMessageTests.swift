import Testing
@testable import CO2eCore
@testable import CO2eCompanies

/// Found by the inventories fuzz target: a company named with 120 NUL bytes in a user's file
/// made "'3' is not disclosed for Mic\u{0}\u{0}...rosoft" an error of over 600 characters, since
/// the row reader escapes control characters without clipping and the message used the name whole.
@Suite("Company inventories: errors stay one short line whatever a file names")
struct CompanyMessageTests {
    private let longName = "mic" + String(repeating: "\u{0}", count: 120) + "rosoft"

    private func catalog(_ rows: [String]) throws -> CompanyCatalog {
        let text = (["company,report,fiscal_year,year,scope,basis,category,boundary,tco2e,source,page,read,restated,note"] + rows)
            .joined(separator: "\n") + "\n"
        return try CompanyCatalog.parse(bytes: Array(text.utf8), origin: "mine.csv")
    }

    @Test("a scope not disclosed, a year not reported and a missing baseline: a long, control-laden name or report is clipped")
    func longNamesClipped() throws {
        let report = "r" + String(repeating: "\u{1B}[2J", count: 60)
        let cat = try catalog(["\(longName),\(report),calendar,2024,total,market,,company,120,s,p,primary,original,"])
        // The row reader stores the name with its control characters escaped: look it up as stored.
        let company = try cat.company(try #require(cat.companies.first))
        let errors = [
            #expect(throws: CO2eError.self) { try company.requireScope(.three) },
            #expect(throws: CO2eError.self) { try company.requireYear(2020) },
            #expect(throws: CO2eError.self) { try company.change(from: 2020, to: 2024) },
            #expect(throws: CO2eError.self) { try company.scope3ByCategory() },
        ]
        for e in errors {
            let line = try #require(e).oneLine(spellingField: { $0 })
            #expect(line.count < 600, "\(line.count) characters: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "a raw control character in \(line)")
            #expect(line.contains("Mic") && line.contains("..."), "the name is neither shown nor clipped: \(line)")
        }
    }
}
