// Quantities with units: what is printed for a parsed quantity reads back to it within the
// printed precision; errors, as the CLI prints them, are one short line.
import CO2eKit

func roundTrip<D: PhysicalDimension>(_ text: String, _ type: Quantity<D>.Type) {
    do {
        let q = try Quantity<D>.parse(text)
        let shown = q.formatted(significantDigits: 8)
        let magnitude = max(abs(q.baseValue.lower), abs(q.baseValue.upper))
        guard q.baseValue.lower.isFinite, q.baseValue.upper.isFinite, magnitude == 0 || (magnitude > 1e-9 && magnitude < 1e18) else { return }
        // A range prints as `low–high unit` for people; co2e reads it as `low..high unit`.
        let back = try Quantity<D>.parse(shown.replacingDash())
        for (a, b) in [(q.baseValue.lower, back.baseValue.lower), (q.baseValue.upper, back.baseValue.upper)] {
            require(abs(a - b) <= 1e-6 * max(abs(a), abs(b)) + 1e-12, "'\(text)' printed as '\(shown)' reads back as \(b), not \(a)")
        }
    } catch let e as CO2eError {
        // What the user sees (CLI.fail makes every message one line): one short line. (Some
        // Units messages echo a range's side unclipped; the CLI's EchoedText.oneLine bounds them.)
        require(isOneShortLine(EchoedText.oneLine(e.message), limit: EchoedText.messageLimit), "error is not one short line")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let first = input.bytes.first else { return 0 }
    let text = String(decoding: input.bytes.dropFirst(), as: UTF8.self)
    switch first % 5 {
    case 0: roundTrip(text, Energy.self)
    case 1: roundTrip(text, Power.self)
    case 2: roundTrip(text, Mass.self)
    case 3: roundTrip(text, Intensity.self)
    default: roundTrip(text, TimeSpan.self)
    }
    return 0
}

extension String {
    func replacingDash() -> String {
        String(String.UnicodeScalarView(unicodeScalars.flatMap { $0 == "\u{2013}" ? [".", "."] : [$0] }))
    }
}
