// The library's public surface, read from its sources: what a Swift caller sees is small and
// documented. Machinery is `package` (visible to co2e's own targets and tests, not to callers);
// the README's "Use from Swift" snippet, built against the public API alone, shows it suffices.
import Foundation
import Testing

@Suite struct PublicAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every `public` declaration in the library targets (the generated data file, the CLI and
    /// the generator aside), with the doc comment line above it, if any.
    static func publicDeclarations() throws -> [(place: String, documented: Bool)] {
        let sources = root.appendingPathComponent("Sources")
        var found: [(String, Bool)] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let path = url.path
            let module = url.pathComponents[url.pathComponents.count - url.pathComponents.reversed().firstIndex(of: "Sources")!]
            guard module.hasPrefix("CO2e"), !path.hasSuffix("BundledData.swift") else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), code.range(of: #"(^|\s|@\w+\s)public\s"#, options: .regularExpression) != nil
                else { continue }
                var k = i - 1
                while k >= 0, lines[k].trimmingCharacters(in: .whitespaces).hasPrefix("@") { k -= 1 }
                let documented = k >= 0 && lines[k].trimmingCharacters(in: .whitespaces).hasPrefix("///")
                found.append(("\(module)/\(url.lastPathComponent):\(i + 1)", documented))
            }
        }
        return found
    }

    @Test("the library has at most 400 public declarations (issue 23), and found some")
    func publicSurfaceIsSmall() throws {
        let all = try Self.publicDeclarations()
        #expect(all.count > 100, "the scan found \(all.count): it no longer sees the sources")
        #expect(all.count <= 400, "\(all.count) public declarations; make machinery `package`")
    }

    @Test("every public declaration has a doc comment")
    func everyPublicDeclarationIsDocumented() throws {
        let missing = try Self.publicDeclarations().filter { !$0.documented }.map(\.place)
        #expect(missing.isEmpty, "no doc comment: \(missing.joined(separator: ", "))")
    }
}
