// Timestamps and UTC offsets: whatever co2e reads, it writes (iso8601) in a form that reads
// back to the same instant; offsets stay within ±18:00; errors are one short line.
import CO2eKit
@testable import CO2eCore
@testable import CO2eGrid

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let first = input.bytes.first else { return 0 }
    let text = String(decoding: input.bytes.dropFirst(), as: UTF8.self)
    // The first byte picks an assumed offset (or none), in quarter hours.
    let assumed: Int? = first == 255 ? nil : (Int(first % 145) - 72) * 900
    do {
        let t = try Timestamp.parse(text, assumedOffsetSeconds: assumed)
        require(t >= Timestamp.earliest && t <= Timestamp.latest, "'\(text)' read as \(t.secondsSinceEpoch), out of range")
        let written = t.iso8601
        require(written.utf8.count == 20, "'\(written)' is not YYYY-MM-DDThh:mm:ssZ")
        let back = try Timestamp.parse(written)
        require(back == t, "'\(text)' written as '\(written)' reads back as \(back.secondsSinceEpoch), not \(t.secondsSinceEpoch)")
    } catch let e as CO2eError {
        require(isOneShortLine(e.message, limit: 400), "error is not one short line: \(e.message)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
    do {
        let o = try Timestamp.parseOffset(text)
        require(abs(o) <= Timestamp.maximumOffsetSeconds && o % 60 == 0, "offset '\(text)' read as \(o) s")
        let a = abs(o) / 60
        let written = "\(o < 0 ? "-" : "+")\(a / 60 < 10 ? "0" : "")\(a / 60):\(a % 60 < 10 ? "0" : "")\(a % 60)"
        let back = try Timestamp.parseOffset(written)
        require(back == o, "offset '\(written)' does not read back")
    } catch let e as CO2eError {
        require(isOneShortLine(e.message, limit: 400), "error is not one short line: \(e.message)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
    return 0
}
