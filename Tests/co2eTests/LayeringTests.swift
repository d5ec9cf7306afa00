// The layers: the library names no command-line flag.
import Foundation
import Testing
import CO2eKit
@testable import co2e

@Suite struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theLibraryNamesNoFlag() throws {
        // Every library target: Sources/ less the command line, the generator and the data.
        let sources = Self.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .filter { !["co2e", "embed-data", "CO2eData"].contains($0) }
        #expect(targets.count >= 10)
        var files: [String] = []
        for t in targets {
            files += try #require(FileManager.default.enumerator(atPath: sources.appendingPathComponent(t).path))
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { t + "/" + $0 }
        }
        #expect(files.count > 40)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                // Swift has no `--` operator: any `--name` or `--\(` on a code line is in a string.
                #expect(code.range(of: #"--([a-z]|\\\()"#, options: .regularExpression) == nil,
                        "Sources/\(file):\(n + 1) names a flag: \(code)")
            }
        }
    }
}
