// Regression tests for the reliability issue at the edge: files that are not regular or too
// large, output that cannot be written, and --out through links and temporary files.
import Foundation
import Testing
import CO2eKit
@testable import co2e

/// A fresh folder, removed by the caller.
private func scratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-rel-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func write(_ text: String, _ path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

private let load = "timestamp,kwh\n2022-01-01T00:00:00Z,1\n2022-01-01T01:00:00Z,2\n"
private let factors = "timestamp,g_co2e_per_kwh\n2022-01-01T00:00:00Z,100\n2022-01-01T01:00:00Z,200\n"

/// Runs `script` with /bin/sh; `$CO2E` is the binary. Returns the exit code and standard error.
private func shell(_ script: String, in folder: String) throws -> (code: Int32, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["CO2E"] = binary()
    process.environment = environment
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Reliability: files and output at the edge", .serialized)
struct ReliabilityCLITests {
    @Test("case 1: --factors /dev/zero and --load /dev/zero are refused as not regular files")
    func devZero() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(load, dir + "/load.csv")
        for args in [["--load", "/dev/zero", "--factors", dir + "/load.csv"], ["--load", dir + "/load.csv", "--factors", "/dev/zero"]] {
            let r = runCLI(["hourly"] + args)
            #expect(r.code == 1)
            #expect(r.err.contains("'/dev/zero': it is not a regular file"), "\(r.err)")
        }
    }

    @Test("case 1: a FIFO is refused without waiting for a writer")
    func fifo() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fifo.csv"
        #expect(mkfifo(path, 0o600) == 0)
        let r = runCLI(["hourly", "--load", path, "--factors", path])
        #expect(r.code == 1 && r.err.contains("not a regular file"), "\(r)")
    }

    @Test("case 1: a file over the size cap is refused by its size, before it is read")
    func oversizedFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(FileIO.maximumFileBytes) + 1) == 0)
        let r = runCLI(["hourly", "--load", path, "--factors", path])
        #expect(r.code == 1 && r.err.contains("more than the 256 MiB co2e reads"), "\(r)")
    }

    @Test("case 5: a file of NUL bytes is refused at its first block")
    func nulBytes() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/nul.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 200 << 20) == 0)  // sparse: 200 MiB of NULs
        let r = runCLI(["hourly", "--load", path, "--factors", path])
        #expect(r.code == 1 && r.err.contains("byte 1 is a NUL"), "\(r)")
    }

    @Test("case 4: standard output on /dev/full or closed is an error with exit 1")
    func writeErrors() throws {
        guard binary() != nil else { Issue.record("no co2e binary built"); return }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let full = try shell("\"$CO2E\" factors US > /dev/full", in: dir)
        #expect(full.code == 1 && full.err.contains("cannot write to standard output"), "\(full)")
        let closed = try shell("\"$CO2E\" factors US >&-", in: dir)
        #expect(closed.code == 1 && closed.err.contains("standard output"), "\(closed)")
        let json = try shell("\"$CO2E\" factors US --json > /dev/full", in: dir)
        #expect(json.code == 1 && json.err.hasPrefix("{\"error\":"), "\(json)")
        let fine = try shell("\"$CO2E\" factors US > /dev/null", in: dir)
        #expect(fine.code == 0 && fine.err.isEmpty)
    }

    @Test("case 6: --out writes through a symbolic link, leaving the link in place")
    func outThroughASymlink() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(load, dir + "/load.csv")
        try write(factors, dir + "/factors.csv")
        try write("old\n", dir + "/real.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "real.csv")
        let r = runCLI(["hourly", "--load", dir + "/load.csv", "--factors", dir + "/factors.csv", "--out", dir + "/link.csv"])
        #expect(r.code == 0, "\(r)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == "real.csv")
        #expect(try String(contentsOfFile: dir + "/real.csv", encoding: .utf8).hasPrefix("timestamp,kwh,g_co2e_per_kwh"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["factors.csv", "link.csv", "load.csv", "real.csv"])
    }

    @Test("case 6: --out on a dangling link or a device is refused; nothing is left behind")
    func outRefusals() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(load, dir + "/load.csv")
        try write(factors, dir + "/factors.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.csv", withDestinationPath: "nowhere.csv")
        let base = ["hourly", "--load", dir + "/load.csv", "--factors", dir + "/factors.csv", "--out"]
        let dangling = runCLI(base + [dir + "/dangling.csv"])
        #expect(dangling.code == 1 && dangling.err.contains("symbolic link to a file that does not exist"), "\(dangling)")
        let device = runCLI(base + ["/dev/null"])
        #expect(device.code == 1 && device.err.contains("not a regular file"), "\(device)")
        let missingFolder = runCLI(base + [dir + "/no/such/out.csv"])
        #expect(missingFolder.code == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["dangling.csv", "factors.csv", "load.csv"])
    }

    @Test("case 6: --out keeps the permissions of the file it replaces and leaves no temporary file")
    func outKeepsMode() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(load, dir + "/load.csv")
        try write(factors, dir + "/factors.csv")
        try write("old\n", dir + "/out.csv")
        #expect(chmod(dir + "/out.csv", 0o640) == 0)
        let r = runCLI(["hourly", "--load", dir + "/load.csv", "--factors", dir + "/factors.csv", "--out", dir + "/out.csv"])
        #expect(r.code == 0, "\(r)")
        var info = stat()
        #expect(stat(dir + "/out.csv", &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains(".tmp") })
    }

    @Test("case 6: an interrupted write removes its temporary file (SIGTERM)")
    func signalRemovesTheTemporaryFile() throws {
        guard binary() != nil else { Issue.record("no co2e binary built"); return }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A large load makes a write long enough to interrupt; whether the signal lands before,
        // during or after the write, no temporary file may remain.
        var text = "timestamp,kwh\n"
        var f = "timestamp,g_co2e_per_kwh\n"
        for h in 0..<200_000 {
            let t = Timestamp(secondsSinceEpoch: 1_640_995_200 + Int64(h) * 3600).iso8601
            text += "\(t),1\n"
            f += "\(t),100\n"
        }
        try write(text, dir + "/load.csv")
        try write(f, dir + "/factors.csv")
        for delay in ["0.05", "0.3", "0.6"] {
            _ = try shell("\"$CO2E\" hourly --load load.csv --factors factors.csv --out out.csv > /dev/null & pid=$!; sleep \(delay); kill -TERM $pid; wait $pid", in: dir)
            let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp") }
            #expect(left.isEmpty, "after \(delay) s: \(left)")
        }
    }
}
