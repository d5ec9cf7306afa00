import Foundation
import Testing
import CO2eKit
@testable import co2e

// `co2e batch --out`, `--partial`, `--merge` and `--range` at the edge (issue 24, findings 3,
// 4, 5, 6 and 12): results never cut short, devices refused, partials exactly once.

private final class Folder {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-merge-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    @discardableResult func write(_ name: String, _ text: String) -> String {
        _ = FileManager.default.createFile(atPath: path + "/" + name, contents: Data(text.utf8))
        return path + "/" + name
    }
    func read(_ name: String) -> String? { try? String(contentsOfFile: path + "/" + name, encoding: .utf8) }
    func file(_ name: String) -> String { path + "/" + name }
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

private let factors = "region,g_per_kwh\nDE,380\nFR,44\n"
private let rows = "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,100\n2025-01-01T01:00:00Z,FR,40\n2025-01-01T02:00:00Z,DE,1.5\n"

private func shell(_ script: String, in folder: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["CO2E"] = binary()
    process.environment = environment
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite(.serialized) struct BatchOutputAndMergeCLITests {
    @Test func outThroughALinkReplacesTheTargetWholeAndKeepsTheLink() throws {
        let f = Folder()
        let w = f.write("w.csv", rows), fa = f.write("f.csv", factors)
        try FileManager.default.createDirectory(atPath: f.file("reports"), withIntermediateDirectories: true)
        f.write("reports/result.csv", "old result\n")
        _ = symlink(f.file("reports/result.csv"), f.file("link.csv"))
        let r = runCLI(["batch", w, "--factors", fa, "--out", f.file("link.csv")])
        #expect(r.code == 0, "\(r)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: f.file("link.csv"))) == f.file("reports/result.csv"))
        #expect(f.read("reports/result.csv") == "region,kg_co2e\nDE,38.57\nFR,1.76\nTOTAL,40.33\n")
        #expect(f.names == ["f.csv", "link.csv", "reports", "w.csv"])
        #expect((try FileManager.default.contentsOfDirectory(atPath: f.file("reports"))) == ["result.csv"])   // no temporary file left
    }

    @Test(.enabled(if: binary() != nil, "build co2e first")) func aFileSizeLimitMidWriteLeavesTheOldResultWhole() throws {
        // ulimit -f: the write fails past the limit (SIGXFSZ); the result behind the link keeps
        // its old bytes and no temporary file is left (it was written in place before).
        let f = Folder()
        var text = "timestamp,region,kwh\n"
        for i in 0..<4000 { text += "2025-01-01T00:00:00Z,R\(i),1.5\n" }
        f.write("w.csv", text)
        f.write("f.csv", "region,g_per_kwh\n" + (0..<4000).map { "R\($0),300\n" }.joined())
        f.write("real.csv", "old result\n")
        _ = symlink(f.file("real.csv"), f.file("out.csv"))
        let code = try shell("ulimit -f 40; exec \"$CO2E\" batch w.csv --factors f.csv --out out.csv", in: f.path)
        #expect(code != 0)
        #expect(f.read("real.csv") == "old result\n")
        #expect(f.names == ["f.csv", "out.csv", "real.csv", "w.csv"])
    }

    @Test func outToADeviceAFifoOrADanglingLinkIsRefused() throws {
        let f = Folder()
        let w = f.write("w.csv", rows), fa = f.write("f.csv", factors)
        #expect(mkfifo(f.file("fifo"), 0o600) == 0)
        _ = symlink(f.file("nowhere.csv"), f.file("dangling.csv"))
        for (out, text) in [("/dev/null", "not a regular file"), (f.file("fifo"), "not a regular file"), (f.file("dangling.csv"), "symbolic link")] {
            let r = runCLI(["batch", w, "--factors", fa, "--out", out, "--json"])
            #expect(r.code == 1 && r.err.contains(text) && r.err.contains("\"code\":\"output_refused\""), "\(out): \(r)")
        }
    }

    @Test func rangesOfOneFileCutAnywhereMergeToTheWholeResult() throws {
        let f = Folder()
        var text = "timestamp,region,kwh\n"
        for i in 0..<500 { text += "2025-01-0\(1 + i % 3)T00:00:00Z,\(["DE", "FR"][i % 2]),\(i).\(i % 7)\n" }
        let w = f.write("w.csv", text), fa = f.write("f.csv", factors)
        #expect(runCLI(["batch", w, "--factors", fa, "--by", "region,day", "--out", f.file("whole.csv")]).code == 0)
        let size = text.utf8.count
        let cuts = [0, 7, 1000, 1001, 5555, size]
        var parts: [String] = []
        for k in 0..<(cuts.count - 1) {
            let r = runCLI(["batch", w, "--factors", fa, "--by", "region,day", "--partial", "--range", "\(cuts[k])..\(k == cuts.count - 2 ? "" : String(cuts[k + 1]))",
                            "--out", f.file("p\(k).jsonl")])
            #expect(r.code == 0, "\(r)")
            parts.append(f.file("p\(k).jsonl"))
        }
        let merged = runCLI(["batch", "--merge"] + parts.reversed() + ["--out", f.file("merged.csv")])
        #expect(merged.code == 0, "\(merged)")
        #expect(f.read("merged.csv") == f.read("whole.csv"))
        // A tree reduce: two merged partials, then their merge.
        #expect(runCLI(["batch", "--merge", parts[0], parts[1], "--partial", "--out", f.file("left.jsonl")]).code == 0)
        #expect(runCLI(["batch", "--merge"] + parts[2...] + ["--partial", "--out", f.file("right.jsonl")]).code == 0)
        #expect(runCLI(["batch", "--merge", f.file("right.jsonl"), f.file("left.jsonl"), "--out", f.file("tree.csv")]).code == 0)
        #expect(f.read("tree.csv") == f.read("whole.csv"))
        // A part left out, a part given twice, an overlap: refused, naming the bytes.
        let gap = runCLI(["batch", "--merge", parts[0], parts[2]])
        #expect(gap.code == 1 && gap.err.contains("are in no partial"), "\(gap)")
        let twice = runCLI(["batch", "--merge", parts[0], parts[1], parts[1]])
        #expect(twice.code == 1 && twice.err.contains("same partial"), "\(twice)")
        #expect(runCLI(["batch", w, "--factors", fa, "--by", "region,day", "--partial", "--range", "900..1200", "--out", f.file("o.jsonl")]).code == 0)
        let overlap = runCLI(["batch", "--merge", parts[2], f.file("o.jsonl"), "--json"])
        #expect(overlap.code == 1 && overlap.err.contains("partial_mismatch") && overlap.err.contains("1000..1001"), "\(overlap)")
    }

    @Test func partialsOfOtherFactorFilesDoNotMerge() throws {
        // Finding 5's case: DE 200 kWh through 380 and 440 g/kWh merged into "88 kg".
        let f = Folder()
        let a = f.write("a.csv", "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,100\n"), b = f.write("b.csv", "timestamp,region,kwh\n2025-01-01T00:00:00Z,DE,100\n")
        #expect(runCLI(["batch", a, "--factors", f.write("f1.csv", "region,g_per_kwh\nDE,380\n"), "--partial", "--out", f.file("pa.jsonl")]).code == 0)
        #expect(runCLI(["batch", b, "--factors", f.write("f2.csv", "region,g_per_kwh\nDE,440\n"), "--partial", "--out", f.file("pb.jsonl")]).code == 0)
        let r = runCLI(["batch", "--merge", f.file("pa.jsonl"), f.file("pb.jsonl")])
        #expect(r.code == 1 && r.err.contains("factors") && r.err.contains("pb.jsonl") && r.err.contains("pa.jsonl"), "\(r)")
    }

    @Test func mergeOfStandardInputIsBoundedAndRefusesBinaryInput() throws {
        // `--merge - < /dev/zero` once asked for gigabytes and aborted.
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let zeros = [UInt8](repeating: 0, count: 4096)
        _ = zeros.withUnsafeBytes { Glibc.write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        #expect(throws: CO2eError.self) { try BatchCommand.readAll(fds[0], name: "-") }
        close(fds[0])
        #expect(pipe(&fds) == 0)
        let text = [UInt8](repeating: UInt8(ascii: "{"), count: 8192)
        _ = text.withUnsafeBytes { Glibc.write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        do {
            _ = try BatchCommand.readAll(fds[0], name: "-", limit: 4096)
            Issue.record("read past its limit")
        } catch let e as CO2eError {
            #expect(e.code == .fileTooLarge)
        }
        close(fds[0])
    }

    @Test func aStreamPartialIsNamedAndCountedOnce() throws {
        // Standard input has no size: its partial names it by --input-name (or '-'), and the
        // same name twice without ranges is refused.
        let f = Folder()
        let fa = f.write("f.csv", factors)
        let w = f.write("w.csv", rows)
        let one = runCLI(["batch", w, "--factors", fa, "--input-name", "logs/day-1.csv", "--partial", "--out", f.file("a.jsonl")])
        #expect(one.code == 0 && f.read("a.jsonl")?.contains("\"name\":\"logs/day-1.csv\"") == true, "\(one)")
        let two = runCLI(["batch", w, w, "--factors", fa, "--input-name", "x"])
        #expect(two.code == 2 && two.err.contains("one log file"), "\(two)")
        var list: [BatchSource] = []
        try BatchTotals.add(BatchSource(name: "-", size: nil, ranges: nil), to: &list, into: "p1.jsonl:1")
        #expect(throws: CO2eError.self) { try BatchTotals.add(BatchSource(name: "-", size: nil, ranges: nil), to: &list, into: "p1.jsonl:1") }
    }
}
