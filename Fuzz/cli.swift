// The command line: any arguments give exit 0 with output, or exit 1 or 2 with exactly one
// short line on standard error. Arguments are the input split at NUL bytes; the options that
// write files (`--out`, `--chart`) are left out so the fuzzer writes none.
@testable import co2e

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let arguments = FuzzInput(data, size).bytes.split(separator: 0, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    let writers = ["--out", "--chart"]
    if arguments.contains(where: { a in writers.contains { a == $0 || a.hasPrefix($0 + "=") } }) { return 0 }
    var out = "", err = ""
    let code = CLI.run(arguments, console: Console(out: { out += $0 }, err: { err += $0 }))
    switch code {
    case 0:
        require(err.isEmpty, "exit 0 with an error: \(err)")
        require(!out.isEmpty, "exit 0 with no output for \(arguments)")
    case 1, 2:
        require(out.isEmpty, "an error after output")
        // A JSON error holds the line and its parts (field, value, reason, accepted), each clipped.
        let limit = arguments.contains("--json") ? 2_000 : 600
        require(err.hasSuffix("\n") && isOneShortLine(String(err.dropLast()), limit: limit), "the error is not one short line: \(err)")
    default:
        require(false, "exit code \(code)")
    }
    return 0
}
