import Foundation
import Testing
@testable import CO2eKit
@testable import embed_data

// The drift test: the data files embedded in the binary (Sources/CO2eKit/Support/BundledData.swift)
// must be the data files on disk (top-level grid-factors/*.csv, and data/**/*.csv and *.json),
// byte for byte, one for one.

private let regenerate = "run `swift run embed-data` from the package root to regenerate Sources/CO2eKit/Support/BundledData.swift"

/// The package root: three levels above this file (Tests/CO2eKitTests/BundledTablesTests.swift).
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The data roots, stated here again on purpose: the test checks that the generator and the
/// generated file agree with it.
private let dataRoots: [(folder: String, recursive: Bool, extensions: [String])] = [
    ("grid-factors", false, ["csv"]),
    ("data", true, ["csv", "json"]),
]

private func patterns(_ roots: [(folder: String, recursive: Bool, extensions: [String])]) -> [String] {
    roots.flatMap { root in root.extensions.map { "\(root.folder)/\(root.recursive ? "**/" : "")*.\($0)" } }
}

/// The repository-relative paths of the data files on disk, found independently of the generator.
private func dataFilesOnDisk() -> [String] {
    let manager = FileManager.default
    var found: [String] = []
    for root in dataRoots {
        let folder = packageRoot.appendingPathComponent(root.folder).path
        let names = root.recursive
            ? (manager.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            : ((try? manager.contentsOfDirectory(atPath: folder)) ?? [])
        for name in names {
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                  root.extensions.contains(where: { name.hasSuffix("." + $0) }) else { continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append(root.folder + "/" + name)
        }
    }
    return found.sorted()
}

private func embeddedBytes(_ text: StaticString) -> [UInt8] {
    Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
}

@Suite("Bundled data matches the data files")
struct BundledTablesTests {
    @Test("the package root is found from #filePath")
    func rootFound() {
        #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Package.swift").path),
                "no Package.swift at \(packageRoot.path)")
        #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("grid-factors").path),
                "no grid-factors folder at \(packageRoot.path)")
    }

    @Test("the generator, the generated file and this test name the same data roots")
    func sameRoots() {
        #expect(DataEmbedder.roots.flatMap(\.patterns) == patterns(dataRoots),
                "the generator's roots differ from this test's; update `dataRoots` here")
        #expect(BundledData.roots == patterns(dataRoots), "the generated file was made from other roots: \(regenerate)")
    }

    @Test("every data file is embedded and every embedded file exists")
    func sameFiles() {
        let files = dataFilesOnDisk()
        let embedded = BundledData.paths
        #expect(files.contains("grid-factors/countries.csv"), "grid-factors/countries.csv not found under \(packageRoot.path)")
        let missingFromBinary = Set(files).subtracting(embedded).sorted()
        let missingFile = Set(embedded).subtracting(files).sorted()
        #expect(missingFromBinary.isEmpty, "\(missingFromBinary) on disk but not embedded in the binary: \(regenerate)")
        #expect(missingFile.isEmpty, "the binary embeds \(missingFile), which are not on disk: \(regenerate)")
        #expect(Set(embedded).count == embedded.count, "a file is embedded twice: \(embedded); \(regenerate)")
        for path in embedded {
            #expect(BundledData.file(path) != nil, "\(path) is listed but BundledData.file does not return it: \(regenerate)")
        }
        #expect(BundledData.file("grid-factors/no-such-table.csv") == nil)
    }

    @Test("each embedded file equals its file on disk byte for byte")
    func sameBytes() throws {
        for path in dataFilesOnDisk() {
            let onDisk = [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent(path)))
            guard let text = BundledData.file(path) else {
                Issue.record("\(path) is not embedded in the binary: \(regenerate)")
                continue
            }
            let inBinary = embeddedBytes(text)
            if inBinary == onDisk { continue }
            // Say where they part, so the failure is easy to read.
            let common = zip(inBinary, onDisk).prefix { $0 == $1 }.count
            let line = onDisk.prefix(common).filter { $0 == UInt8(ascii: "\n") }.count + 1
            Issue.record("""
                \(path) (\(onDisk.count) bytes) differs from the file embedded in the binary \
                (\(inBinary.count) bytes), first at byte \(common), line \(line): \(regenerate)
                """)
        }
    }

    @Test("the bundled catalogue reads its tables from the embedded text")
    func catalogueUsesEmbedded() throws {
        // A value that exists in grid-factors/countries.csv is found through FactorCatalog.bundled,
        // whose origins name the files.
        let f = try FactorCatalog.bundled.factor(for: "US", year: 2024).factor
        let countries = try String(contentsOf: packageRoot.appendingPathComponent("grid-factors/countries.csv"), encoding: .utf8)
        let parts = f.origin.split(separator: ":")
        #expect(parts.first == "grid-factors/countries.csv")
        let line = try #require(parts.last.flatMap { Int($0) })
        let row = countries.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(row == "US,2024,383.549,lifecycle,production,,owid-ember-2025", "row \(line): \(row); \(regenerate)")
    }
}
