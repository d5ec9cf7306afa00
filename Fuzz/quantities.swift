// Quantities with units, ranges included: what is printed for a parsed quantity reads back to
// it within the printed precision; errors, as the library words them (before the CLI's own
// net), are one short line; and where the fast path for a plain value answers, the full
// reading gives the same exact value.
import CO2eKit

func roundTrip<D: PhysicalDimension>(_ text: String, _ type: Quantity<D>.Type) {
    if let plain = Quantity<D>.parsePlain(text) {
        let full = try? Quantity<D>.parseRangeInFull(text)
        guard case let .exact(q)? = full, q.baseValue == plain.baseValue else {
            require(false, "'\(text)': the fast path reads \(plain.baseValue), the full reading \(String(describing: full))")
            return
        }
    }
    do {
        let q = try Quantity<D>.parseRange(text).interval
        let shown = Quantity<D>.format(q, significantDigits: 8)
        let magnitude = max(abs(q.lower), abs(q.upper))
        guard q.lower.isFinite, q.upper.isFinite, magnitude == 0 || (magnitude > 1e-9 && magnitude < 1e15) else { return }
        // A range prints as `low–high unit` (or `low to high unit`) for people; co2e reads it as `low..high unit`.
        let back = try Quantity<D>.parseRange(shown.replacingDash()).interval
        for (a, b) in [(q.lower, back.lower), (q.upper, back.upper)] {
            require(abs(a - b) <= 1e-6 * max(abs(a), abs(b)) + 1e-12, "'\(text)' printed as '\(shown)' reads back as \(b), not \(a)")
        }
    } catch let e as CO2eError {
        // The library's own line, before the CLI's net: every echoed value is clipped at source.
        require(isOneShortLine(e.description, limit: EchoedText.messageLimit), "error is not one short line: \(e.description)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let first = input.bytes.first else { return 0 }
    let text = String(decoding: input.bytes.dropFirst(), as: UTF8.self)
    switch first % 10 {
    case 0: roundTrip(text, Energy.self)
    case 1: roundTrip(text, Power.self)
    case 2: roundTrip(text, Mass.self)
    case 3: roundTrip(text, Intensity.self)
    case 4: roundTrip(text, Count.self)
    case 5: roundTrip(text, Volume.self)
    case 6: roundTrip(text, EnergyPerItem.self)
    case 7: roundTrip(text, Dollars.self)
    case 8: roundTrip(text, Growth.self)
    default: roundTrip(text, TimeSpan.self)
    }
    return 0
}

extension String {
    func replacingDash() -> String {
        let dashed = String(String.UnicodeScalarView(unicodeScalars.flatMap { $0 == "\u{2013}" ? [".", "."] : [$0] }))
        // `-5 to -1 kWh` (a range with a negative end) -> `-5..-1 kWh`.
        var out = ""
        var rest = Substring(dashed)
        while let r = rest.firstRange(of: " to ") { out += rest[..<r.lowerBound] + ".."; rest = rest[r.upperBound...] }
        return out + rest
    }
}
