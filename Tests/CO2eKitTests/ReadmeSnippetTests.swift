// Runs the "Use from Swift" snippet of README.md, and fails when the README's copy and this one
// differ: the code between the SNIPPET markers below must equal the README's swift block.
import Foundation
import Testing
import CO2eKit

@Suite struct ReadmeSnippetTests {
    @Test func snippetRunsAndGivesTheHandCalculation() throws {
        // SNIPPET-BEGIN
        let factor = try FactorCatalog.bundled.factor(for: "US").factor   // OWID/Ember, newest year
        let run = TrainingRun(
            energy: .facility(Uncertain(.gigawattHours(50), .gigawattHours(60))),
            electricity: ElectricityAccounting(location: .gridFactor(factor)))
        let result = try run.estimate()
        let tonnes = result.locationBased.bounds(in: "t")!                 // 19,177...23,013 t
        print(factor.year, factor.source.id, tonnes.low, tonnes.high)
        print(result.trail.json.prettySerialized())                        // the trail the CLI prints
        // SNIPPET-END
        // Hand calculation: 50e6 kWh x 383.549 g/kWh = 19,177.45 t; 60e6 kWh -> 23,012.94 t.
        #expect(factor.year == 2024)
        #expect(abs(tonnes.low - 19_177.45) < 0.01)
        #expect(abs(tonnes.high - 23_012.94) < 0.01)
    }

    @Test func readmeShowsTheSameCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let here = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        func lines(_ text: Substring) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        let begin = try #require(here.range(of: "// SNIPPET-BEGIN\n"))
        let end = try #require(here.range(of: "        // SNIPPET-END"))
        let ours = lines(here[begin.upperBound..<end.lowerBound])
        let block = try #require(readme.range(of: "```swift\nimport CO2eKit\n"))
        let blockEnd = try #require(readme.range(of: "```", range: block.upperBound..<readme.endIndex))
        let theirs = lines(readme[block.upperBound..<blockEnd.lowerBound])
        #expect(theirs == ours, "README.md's 'Use from Swift' snippet differs from ReadmeSnippetTests; keep them the same")
    }
}
