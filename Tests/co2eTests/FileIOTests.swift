// Files at the edge: reading a user's factor file from disk, refusing missing files and
// directories, and writing output atomically.
import Foundation
import Testing
import CO2eKit
@testable import co2e

private func co2eError(_ body: () throws -> Void) -> CO2eError? {
    do { try body() } catch let e as CO2eError { return e } catch { Issue.record("not a CO2eError: \(error)") }
    return nil
}

@Suite struct FileIOTests {
    @Test("load(file:) reads a file from disk, and factors cite its path and line")
    func loadFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("factors.csv").path
        try "zone,year,g_co2e_per_kwh,basis,boundary,cfe_share,source\nHOME,2024,55,lifecycle,,,me\n".write(toFile: path, atomically: true, encoding: .utf8)
        let f = try FactorCatalog.load(file: path).factor(for: "HOME").factor
        #expect(f.intensity.gramsPerKilowattHour == 55)
        #expect(f.origin == "\(path):2")
    }

    @Test("a missing file is a clear data error naming the path")
    func missingFile() {
        let path = "/nonexistent-\(UUID().uuidString)/factors.csv"
        let error = co2eError { _ = try FactorCatalog.load(file: path) }
        #expect(error?.kind == .invalidData)
        #expect(error?.message.contains(path) == true && error?.message.contains("No such file") == true, "\(error?.message ?? "")")
    }

    @Test("a directory is not a factor file")
    func directory() {
        let error = co2eError { _ = try FactorCatalog.load(file: FileManager.default.temporaryDirectory.path) }
        #expect(error?.kind == .invalidData)
        #expect(error?.message.contains("directory") == true, "\(error?.message ?? "")")
    }

    @Test("writeAtomically leaves the whole text and no temporary file")
    func writeAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        let text = String(repeating: "2022-01-01T00:00:00Z,1000,350.5,350.5,false\n", count: 10_000)
        try FileIO.writeAtomically(text, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        let error = co2eError { try FileIO.writeAtomically("x", to: dir.appendingPathComponent("no/such/dir/out.csv").path) }
        #expect(error?.message.contains("cannot write") == true)
    }
}
