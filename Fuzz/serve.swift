// `co2e serve`'s request stream: any bytes, cut into chunks of any size, get exactly one
// response per line (a last line without a newline included), in order, each one line of JSON:
// an object with the request's id and either a result or an error with a code, a message of
// one short line and data. The first input byte sets the chunk size (1-256 bytes), so lines
// split across reads are exercised. Runs in a scratch folder (see run.sh), like the cli target.
@testable import co2e
import CO2eKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let all = FuzzInput(data, size).bytes
    guard let first = all.first else { return 0 }
    let stream = Array(all.dropFirst())
    let chunk = Int(first) + 1
    var offset = 0
    var written: [UInt8] = []
    Service.serve(read: {
        guard offset < stream.count else { return nil }
        let end = min(offset + chunk, stream.count)
        defer { offset = end }
        return stream[offset..<end]
    }, write: { lines in
        require(lines.last == UInt8(ascii: "\n"), "a write does not end with a whole response line")
        written += lines
        return true
    })
    // One or more whole lines a write; the lines, each with its newline, are the responses.
    let responses = String(decoding: written, as: UTF8.self).split(separator: "\n").map { String($0) + "\n" }

    var lines = stream.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    if let last = stream.last, last != UInt8(ascii: "\n") { lines += 1 }
    require(responses.count == lines, "\(lines) request lines, \(responses.count) responses")
    for r in responses {
        require(r.hasSuffix("\n") && !r.dropLast().contains("\n"), "a response is not one line: \(r.debugDescription)")
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: Array(r.utf8.dropLast()), origin: "response") } catch {
            require(false, "a response is not JSON: \(r.debugDescription)")
            return 0
        }
        guard let members = value.objectMembers else {
            require(false, "a response is not an object: \(r)")
            return 0
        }
        let keys = members.map(\.0)
        require(keys.first == "id", "a response does not start with its id: \(r)")
        let result = keys.contains("result"), error = keys.contains("error")
        require(result != error, "a response has \(result ? "both" : "neither") a result and an error: \(r)")
        if error, let e = value["error"] {
            require(e["code"]?.stringValue?.isEmpty == false, "an error without a code: \(r)")
            require(isOneShortLine(e["message"]?.stringValue ?? "\n", limit: 2_000), "an error message that is not one short line: \(r)")
            require(e["data"]?.objectMembers != nil, "an error without data: \(r)")
        }
    }
    return 0
}
