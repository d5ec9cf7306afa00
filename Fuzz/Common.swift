// Shared by every fuzz target (compiled into each): the property checks and input helpers.
// A violated property stops the run like a crash, and libFuzzer keeps the input.

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
