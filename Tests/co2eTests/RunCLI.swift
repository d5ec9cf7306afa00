// Runs the command line in-process and captures what it prints (shared by the CLI test files).
import Foundation
import Testing
@testable import co2e

/// What one in-process run of co2e did.
struct CLIRun: CustomStringConvertible {
    let code: Int32
    let out: String
    let err: String
    var description: String { "exit \(code)\n--- stdout:\n\(out)\n--- stderr:\n\(err)" }
}

/// Runs co2e with `arguments` (without the program name).
func runCLI(_ arguments: [String]) -> CLIRun {
    final class Box: @unchecked Sendable { var out = "", err = "" }
    let box = Box()
    let code = CLI.run(arguments, console: Console(out: { box.out += $0 }, err: { box.err += $0 }, width: 1_000))
    return CLIRun(code: code, out: box.out, err: box.err)
}

/// A file holding `text`, named `name`, in a new temporary folder.
func temporaryFile(_ text: String, _ name: String = "f.csv") throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

/// A run's standard output as a JSON object.
func jsonObject(_ r: CLIRun) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r)")
}

/// The debug or release co2e binary SwiftPM built, for tests that run it as a process.
func binary() -> String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/co2e").path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
