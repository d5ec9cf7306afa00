/// `NumberText.fixed`, the exact `%.*f` every printed figure goes through, against the C
/// library's `vsnprintf` (`NumberText.cPrinted`): the same bytes for values across the whole
/// double range, ties that round to even, negative zero, subnormals and the decimals printf
/// takes; nil (so the caller falls back to printf) only where 128 bits cannot hold the digits.
import Testing
import CO2eKit

@Suite struct FixedDecimalTests {
    /// Both printers' text of `x` (printf's whole: a double to 22 decimals is at most 332 bytes), or nil for `fixed` when it declines.
    private func both(_ x: Double, _ decimals: Int) -> (fixed: String?, printf: String) {
        var a = [UInt8](repeating: 0, count: 128), b = [UInt8](repeating: 0, count: 512)
        let fixed = a.withUnsafeMutableBufferPointer { NumberText.fixed(x, decimals: decimals, into: $0) }
            .map { String(decoding: a[..<$0], as: UTF8.self) }
        let n = b.withUnsafeMutableBufferPointer { NumberText.cPrinted(x, decimals: Int32(decimals), into: $0) }
        return (fixed, String(decoding: b[..<n], as: UTF8.self))
    }

    @Test(arguments: [
        // Exact binary ties round to even, as printf does; 2.675 is 2.67499999... in binary.
        (0.5, 0), (1.5, 0), (2.5, 0), (0.125, 2), (0.375, 2), (2.675, 2), (1.005, 2),
        (-0.5, 0), (-2.5, 0), (-0.0, 0), (-0.0, 3), (0.0, 5), (-1e-9, 3),
        (383.549, 3), (3_835_490, 0), (21079.5, 0), (0.13572, 4), (999.95, 1), (9.9999, 3),
        (1e-20, 22), (Double.leastNonzeroMagnitude, 22), (2.2250738585072014e-308, 22), (123456789012345.67, 2),
        (9_007_199_254_740_992, 0), (0x1p126, 0), (0x1p127 - 0x1p74, 3), (1e15, 3), (0.1, 22), (1.0 / 3, 22),
    ] as [(Double, Int)])
    func chosenValuesMatchPrintf(x: Double, decimals: Int) throws {
        let (fixed, printf) = both(x, decimals)
        #expect(try #require(fixed) == printf, "\(x) to \(decimals) decimals")
    }

    @Test func randomValuesMatchPrintf() throws {
        var r = SplitMix64(seed: 20261204)
        var compared = 0
        for _ in 0..<20_000 {
            // Any finite double: random bits, skipping NaN and infinity.
            let x = Double(bitPattern: r.next())
            guard x.isFinite else { continue }
            let decimals = Int(r.next() % 23)
            let (fixed, printf) = both(x, decimals)
            if let fixed {
                #expect(fixed == printf, "\(x.bitPattern) to \(decimals) decimals")
                compared += 1
            } else {
                // Declined only where the integer part passes 2^127.
                #expect(abs(x) >= 0x1p127, "\(x) to \(decimals) declined")
            }
        }
        // And values of the sizes co2e prints: 1e-9 to 1e15, 0 to 10 decimals.
        for _ in 0..<20_000 {
            let x = Double(r.next() % 1_000_000_007) * [1e-9, 1e-6, 0.001, 0.01, 0.1, 1, 1e3, 1e6][Int(r.next() % 8)]
            let decimals = Int(r.next() % 11)
            let (fixed, printf) = both(r.next() % 2 == 0 ? x : -x, decimals)
            #expect(try #require(fixed) == printf)
            compared += 1
        }
        #expect(compared > 30_000)
    }

    @Test func declinesWhatItCannotHold() {
        #expect(both(1e300, 2).fixed == nil)
        #expect(both(1.5, 23).fixed == nil)
        #expect(both(.infinity, 2).fixed == nil)
        // The grouped, trimmed text falls back to printf for these and still reads well.
        // (1e40 as a double is 10000000000000000303786028427003666890752.)
        #expect(NumberText.format(1e40, decimals: 0) == "10,000,000,000,000,000,303,786,028,427,003,666,890,752")
        #expect(NumberText.format(1.25e-25, decimals: 27) == "0.000000000000000000000000125")
    }

    /// Texts of 128 bytes and more come whole from printf (a review found them cut at 128,
    /// so 1e-140 printed as 0 and 1e200 lost 72 digits).
    @Test func longTextsArePrintedWhole() {
        #expect(NumberText.format(1e-140, significantDigits: 4) == "0." + String(repeating: "0", count: 139) + "1")
        #expect(NumberText.format(-1e-140, significantDigits: 4) == "-0." + String(repeating: "0", count: 139) + "1")
        var big = [UInt8](repeating: 0, count: 512)
        for (x, decimals) in [(1e200, 0), (-1e-125, 203), (0x1p127, 100)] {
            let n = big.withUnsafeMutableBufferPointer { NumberText.cPrinted(x, decimals: Int32(decimals), into: $0) }
            var printf = String(decoding: big[..<n], as: UTF8.self)
            if printf.contains(".") { while printf.hasSuffix("0") { printf.removeLast() }; if printf.hasSuffix(".") { printf.removeLast() } }
            #expect(n >= 128 && NumberText.format(x, decimals: decimals).filter { $0 != "," } == printf, "\(x) to \(decimals) decimals")
        }
        // A buffer too small gets the text's length, to retry with.
        var small = [UInt8](repeating: 0, count: 8)
        #expect(small.withUnsafeMutableBufferPointer { NumberText.cPrinted(1e200, decimals: 0, into: $0) } == 200)
    }
}
