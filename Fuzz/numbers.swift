// Plain numbers: whatever NumberText reads and formats exactly reads back to the same value;
// the plain-number parsers' errors are one short line.
import CO2eKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = FuzzInput(data, size).text
    if let v = NumberText.parse(text), v.isFinite {
        let exact = NumberText.exact(v)
        require(NumberText.parse(exact) == v, "exact(\(v)) = '\(exact)' does not read back")
        let shown = NumberText.format(v)
        require(NumberText.parse(shown) != nil, "format(\(v)) = '\(shown)' does not read back")
    }
    for parse in [{ try PlainNumber.parseInterval(text, what: "a count", example: "3") },
                  { try PlainNumber.parseShare(text) }] {
        do {
            let i = try parse()
            require(i.lower <= i.upper, "an interval with low > high from '\(text)'")
        } catch let e as CO2eError {
            require(isOneShortLine(EchoedText.oneLine(e.message)), "error is not one line: \(e.message)")
        } catch { require(false, "not a CO2eError: \(error)") }
    }
    do { _ = try PlainNumber.parseYear(text) } catch let e as CO2eError {
        require(isOneShortLine(EchoedText.oneLine(e.message)), "error is not one line")
    } catch { require(false, "not a CO2eError: \(error)") }
    return 0
}
