// Plain numbers: whatever NumberText reads and formats exactly reads back to the same value;
// the dimensionless parsers (counts with k/M/B, shares, ratios, years) give ordered bounds or
// an error that is one short line as the library words it.
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
    for parse in [{ try Count.parseRange(text).interval }, { try Share.parseRange(text).interval },
                  { try Ratio.parseRange(text).interval }] {
        do {
            let i = try parse()
            require(i.lower <= i.upper, "an interval with low > high from '\(text)'")
        } catch let e as CO2eError {
            require(isOneShortLine(e.description), "error is not one line: \(e.description)")
        } catch { require(false, "not a CO2eError: \(error)") }
    }
    do { _ = try Year.parse(text) } catch let e as CO2eError {
        require(isOneShortLine(e.description), "error is not one line")
    } catch { require(false, "not a CO2eError: \(error)") }
    return 0
}
