import Foundation
import Testing
@testable import CO2eKit

// The drift test: the tables embedded in the binary (Sources/CO2eKit/GridFactors/BundledTables.swift)
// must be the grid-factors/*.csv files, byte for byte, one for one.

private let regenerate = "run `swift run embed-grid-factors` from the package root to regenerate Sources/CO2eKit/GridFactors/BundledTables.swift"

/// The package root: three levels above this file (Tests/CO2eKitTests/BundledTablesTests.swift).
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let gridFactors = packageRoot.appendingPathComponent("grid-factors")

/// The stems of the top-level grid-factors/*.csv files (hourly/ and curate/ are not bundled).
private func csvStems() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: gridFactors.path)
        .filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: gridFactors.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return name.hasSuffix(".csv") && exists && !isDirectory.boolValue
        }
        .map { String($0.dropLast(4)) }
        .sorted()
}

private func embeddedBytes(_ text: StaticString) -> [UInt8] {
    Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
}

@Suite("Bundled tables match grid-factors/*.csv")
struct BundledTablesTests {
    @Test("the package root is found from #filePath")
    func rootFound() {
        #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Package.swift").path),
                "no Package.swift at \(packageRoot.path)")
        #expect(FileManager.default.fileExists(atPath: gridFactors.path), "no grid-factors folder at \(gridFactors.path)")
    }

    @Test("every grid-factors/*.csv has an embedded table and every embedded table has a file")
    func sameTables() throws {
        let files = try csvStems()
        let embedded = BundledTables.all.map(\.name).sorted()
        #expect(!files.isEmpty, "no CSV files in \(gridFactors.path)")
        let missingFromBinary = Set(files).subtracting(embedded).sorted()
        let missingFile = Set(embedded).subtracting(files).sorted()
        #expect(missingFromBinary.isEmpty,
                "grid-factors has \(missingFromBinary.map { $0 + ".csv" }) but the binary does not embed it: \(regenerate)")
        #expect(missingFile.isEmpty,
                "the binary embeds \(missingFile) but grid-factors/ has no such .csv file: \(regenerate)")
        #expect(Set(embedded).count == embedded.count, "a table is embedded twice: \(embedded); \(regenerate)")
    }

    @Test("each embedded table equals its file byte for byte")
    func sameBytes() throws {
        for stem in try csvStems() {
            let file = gridFactors.appendingPathComponent(stem + ".csv")
            let onDisk = [UInt8](try Data(contentsOf: file))
            guard let table = BundledTables.all.first(where: { $0.name == stem }) else {
                Issue.record("grid-factors/\(stem).csv is not embedded in the binary: \(regenerate)")
                continue
            }
            let inBinary = embeddedBytes(table.text)
            if inBinary == onDisk { continue }
            // Say where they part, so the failure is easy to read.
            let common = zip(inBinary, onDisk).prefix { $0 == $1 }.count
            let line = onDisk.prefix(common).filter { $0 == UInt8(ascii: "\n") }.count + 1
            Issue.record("""
                grid-factors/\(stem).csv (\(onDisk.count) bytes) differs from the table embedded in the binary \
                (\(inBinary.count) bytes), first at byte \(common), line \(line): \(regenerate)
                """)
        }
    }

    @Test("the bundled catalogue reads its tables from the embedded text")
    func catalogueUsesEmbedded() throws {
        // A value that exists in grid-factors/countries.csv is found through FactorCatalog.bundled,
        // whose origins name the files.
        let f = try FactorCatalog.bundled.factor(for: "US", year: 2024).factor
        let countries = try String(contentsOf: gridFactors.appendingPathComponent("countries.csv"), encoding: .utf8)
        let parts = f.origin.split(separator: ":")
        #expect(parts.first == "grid-factors/countries.csv")
        let line = try #require(parts.last.flatMap { Int($0) })
        let row = countries.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(row == "US,2024,383.549,lifecycle,production,,owid-ember-2025", "row \(line): \(row); \(regenerate)")
    }
}
