// The "Use from Swift" snippet of README.md, compiled and run as a Swift caller would: in a new
// package that depends on co2e by path, so it sees only the public API. The test takes the code
// from README.md itself, so the README's copy cannot drift from what works.
import Foundation
import Testing

@Suite struct ReadmeSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The first swift block after the "Use from Swift" heading.
    static func snippet() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Use from Swift"))
        let block = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: block.upperBound..<readme.endIndex))
        return String(readme[block.upperBound..<end.lowerBound])
    }

    @Test("the README snippet, built in a package of its own, prints 169.2 t (1,000 x 700 W x 720 h x 1.2 at 279.702 g/kWh)")
    func snippetBuildsAgainstThePublicAPIAndPrintsTheHandCalculation() throws {
        let code = try Self.snippet()
        #expect(code.hasPrefix("import CO2eKit\n"))
        #expect(code.split(separator: "\n").count <= 14, "the snippet is about ten lines")
        // A package of its own, beside the build folder, so a second run builds incrementally.
        let dir = Self.root.appendingPathComponent(".build/readme-snippet")
        let sources = dir.appendingPathComponent("Sources/Snippet")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        // A path dependency's identity is its folder's name (co2e in a clone named so).
        let identity = Self.root.lastPathComponent.lowercased()
        let manifest = """
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(
                name: "Snippet",
                dependencies: [.package(path: "\(Self.root.path)")],
                targets: [.executableTarget(name: "Snippet", dependencies: [.product(name: "CO2eKit", package: "\(identity)")])]
            )

            """
        try manifest.write(to: dir.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try code.write(to: sources.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "run", "--package-path", dir.path, "--scratch-path", dir.appendingPathComponent(".build").path,
                             "-q", "Snippet"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(problems)")
        // 1,000 x 700 W x 720 h = 504 MWh; x 1.2 = 604.8 MWh; x 279.702 g/kWh (IE 2024) = 169.16 t.
        #expect(printed.contains("169.2 t CO2e"), "printed: \(printed)")
    }
}
