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
        // The exact integer printer gives printf's digits, at any number of decimals it takes.
        var a = [UInt8](repeating: 0, count: 128), b = [UInt8](repeating: 0, count: 512)
        for decimals in [0, 3, Int(data[size - 1] % 23)] {
            guard let n = a.withUnsafeMutableBufferPointer({ NumberText.fixed(v, decimals: decimals, into: $0) }) else {
                require(abs(v) >= 0x1p127, "fixed(\(v), \(decimals)) declined")
                continue
            }
            let m = b.withUnsafeMutableBufferPointer { NumberText.cPrinted(v, decimals: Int32(decimals), into: $0) }
            require(a[..<n] == b[..<m], "fixed(\(v), \(decimals)) = \(String(decoding: a[..<n], as: UTF8.self)), printf \(String(decoding: b[..<m], as: UTF8.self))")
        }
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
