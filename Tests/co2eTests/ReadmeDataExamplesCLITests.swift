// The README's examples for the training-run catalogue, --td-loss and IEA's 2026 scenario run
// as written, and print the tonnes their comments give.
import Foundation
import Testing
@testable import co2e

@Suite struct ReadmeDataExamplesCLITests {
    static func lines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").map(String.init).filter { line in
            line.hasPrefix("co2e ") && (line.contains("--model") || line.contains("--list-models") || line.contains("--td-loss") || line.contains("iea-2026-base"))
        }
    }

    @Test func theExamplesRunAndPrintTheirTonnes() throws {
        let lines = try Self.lines()
        #expect(lines.count >= 8, "\(lines)")
        for line in lines {
            let parts = line.components(separatedBy: "#")
            let args = parts[0].split(separator: " ").map(String.init).dropFirst()
            let r = runCLI(Array(args))
            #expect(r.code == 0, "\(line): \(r)")
            guard parts.count > 1 else { continue }
            // "552.1 t" in a comment is printed as "552.1 tCO2e".
            let comment = parts[1]
            let pattern = try Regex("([0-9][0-9,.]*) t[ ,;(]|([0-9][0-9,.]*) t$")
            for match in comment.matches(of: pattern) {
                let number = (match.output[1].substring ?? match.output[2].substring).map(String.init) ?? ""
                #expect(r.out.contains(number + " tCO2e"), "\(line): '\(number) tCO2e' not in output")
            }
        }
    }
}
