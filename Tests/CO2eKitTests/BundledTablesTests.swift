import Foundation
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
@testable import embed_data

// The drift test: the data files embedded in the binary (Sources/CO2eData/BundledData.swift)
// must be the data files on disk (top-level grid-factors/*.csv, and data/**/*.csv and *.json),
// byte for byte, one for one.

private let regenerate = "run `swift run embed-data` from the package root to regenerate Sources/CO2eData/BundledData.swift"

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
        #expect(row == "US,2024,383.549,lifecycle,production,,owid-ember-2025,primary", "row \(line): \(row); \(regenerate)")
    }
}

@Suite("The embed-data generator")
struct EmbedDataTests {
    /// A scratch package folder holding `files` (path -> text), removed afterwards.
    private func withPackage(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("embed-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try body(root)
    }

    @Test("CSV and JSON under data/ are embedded, at any depth; other files are not")
    func walksDataRoots() throws {
        try withPackage([
            "grid-factors/zones.csv": "zone\n",
            "grid-factors/hourly/series.csv": "t\n",
            "grid-factors/curate/curate.py": "",
            "data/README.md": "# data\n",
            "data/claims.json": "[]\n",
            "data/inference/per-query.csv": "model,source,year\n",
            "data/.hidden.csv": "x\n",
        ]) { root in
            #expect(try DataEmbedder.files(in: root)
                    == ["data/claims.json", "data/inference/per-query.csv", "grid-factors/zones.csv"])
            let source = try DataEmbedder.generate(packageRoot: root).source
            #expect(source.contains("case \"data/inference/per-query.csv\":\n            return #\"\"\"\nmodel,source,year\n\n\"\"\"#\n"))
            #expect(source.contains("\"data/claims.json\",\n"))
        }
    }

    @Test("a missing or empty data/ folder embeds nothing from it")
    func missingData() throws {
        try withPackage(["grid-factors/zones.csv": "zone\n"]) { root in
            #expect(try DataEmbedder.files(in: root) == ["grid-factors/zones.csv"])
            try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
            #expect(try DataEmbedder.generate(packageRoot: root).paths == ["grid-factors/zones.csv"])
        }
    }

    @Test("the raw-string delimiter outgrows any \"\"\"# or backslash in the text")
    func delimiters() {
        #expect(DataEmbedder.literal("a,b\n") == "#\"\"\"\na,b\n\n\"\"\"#")
        #expect(DataEmbedder.literal("no \"\"\"# here\n").hasPrefix("##\"\"\"\n"))
        #expect(DataEmbedder.literal("path\\#(x) \"\"\"## \\n\n").hasPrefix("###\"\"\"\n"))
        #expect(DataEmbedder.literal("C:\\data\\n\n") == "#\"\"\"\nC:\\data\\n\n\n\"\"\"#")
    }

    @Test("CR line ends, bytes that are not UTF-8 and control characters are refused")
    func refusals() throws {
        #expect(throws: DataEmbedder.Refusal.self) { try DataEmbedder.text(of: Array("a\r\nb\n".utf8), path: "data/x.csv") }
        #expect(throws: DataEmbedder.Refusal.self) { try DataEmbedder.text(of: [0x61, 0xFF, 0x0A], path: "data/x.csv") }
        #expect(throws: DataEmbedder.Refusal.self) { try DataEmbedder.text(of: [0x61, 0x00, 0x0A], path: "data/x.csv") }
        #expect(try DataEmbedder.text(of: Array("Montréal,\t\"q\"\n".utf8), path: "data/x.csv") == "Montréal,\t\"q\"\n")
        let error = #expect(throws: DataEmbedder.Refusal.self) {
            try DataEmbedder.text(of: Array("a\nb\r\n".utf8), path: "data/x.csv")
        }
        #expect(error?.description == "data/x.csv:2 has a CR line end; save the file with LF line ends only")
    }
}
