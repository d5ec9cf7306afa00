// Shared by every fuzz target (compiled into each): the property checks and input helpers.
// A violated property stops the run like a crash, and libFuzzer keeps the input.
import CO2eKit

/// Stops the process, so libFuzzer records the input, when `condition` is false.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property violated: \(message())") }
}

/// An error message a user may see: one line (no control characters, no line separators) and
/// short whatever the input held.
func isOneShortLine(_ message: String, limit: Int = 1_000) -> Bool {
    var count = 0
    for s in message.unicodeScalars {
        if s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F) || s.value == 0x2028 || s.value == 0x2029 { return false }
        count += 1
    }
    return count <= limit
}

/// The fuzz input as bytes and as (lossily decoded) text.
struct FuzzInput {
    let bytes: [UInt8]
    init(_ data: UnsafePointer<UInt8>, _ size: Int) { bytes = Array(UnsafeBufferPointer(start: data, count: size)) }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes split at the first `separator` (the rest empty if there is none).
    func split(at separator: UInt8) -> ([UInt8], [UInt8]) {
        guard let k = bytes.firstIndex(of: separator) else { return (bytes, []) }
        return (Array(bytes[..<k]), Array(bytes[(k + 1)...]))
    }
}

/// What a reader makes of the input, or nil once what it threw is checked: a CO2eError of
/// `kind` (a file's error: invalid data) whose message is one short line.
func readOrRefused<T>(_ what: String, kind: CO2eError.Kind = .invalidData, limit: Int = 600, _ read: () throws -> T) -> T? {
    do {
        return try read()
    } catch let e as CO2eError {
        require(isOneShortLine(e.message, limit: limit), "error is not one short line: \(e.message)")
        require(e.kind == kind, "\(what) error that is not of kind \(kind): \(e.message)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
    return nil
}
