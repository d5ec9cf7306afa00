/// `parseRange`'s fast path for one plain value written with its unit (`10GWh`, `85%`,
/// `383.549g/kWh`) against the full reading: wherever the fast path answers, the full
/// reading gives the same exact value; where it declines, the full reading decides (and
/// gives its errors). Inputs: the usual forms, the awkward ones, and random strings over the
/// characters numbers and units are written with.
import Testing
import CO2eKit

@Suite struct PlainQuantityParsingTests {
    /// The fast path's value, checked against the full reading's; true when it answered.
    private func agrees<D: PhysicalDimension>(_ text: String, _: D.Type) -> Bool {
        guard let plain = Quantity<D>.parsePlain(text) else { return false }
        let full = try? Quantity<D>.parseRangeInFull(text)
        guard case let .exact(q)? = full else {
            Issue.record("'\(text)' as \(D.key): fast path \(plain.baseValue), full reading \(String(describing: full))")
            return true
        }
        #expect(q.baseValue == plain.baseValue, "'\(text)' as \(D.key)")
        return true
    }

    @Test func commonFormsTakeTheFastPathAndAgree() {
        for text in ["10GWh", "50GWh", "1,287MWh", "1e9kWh", "2.5e-3GWh", "0.34Wh", "-5kWh", "+7TWh", "10gwh"] {
            #expect(agrees(text, EnergyDimension.self), "\(text)")
        }
        for text in ["383.549g/kWh", "0.429kg/kWh", "771.5lb/MWh"] { #expect(agrees(text, Per<MassDimension, EnergyDimension>.self), "\(text)") }
        for text in ["85%", "40%"] { #expect(agrees(text, ShareDimension.self), "\(text)") }
        for text in ["400W", "22MW"] { #expect(agrees(text, Per<EnergyDimension, DurationDimension>.self), "\(text)") }
        for text in ["552.1t", "24.69tCO2e", "3kg"] { #expect(agrees(text, MassDimension.self), "\(text)") }
    }

    @Test func otherFormsAreLeftToTheFullReading() {
        for text in ["50..60GWh", " 10GWh", "10 GWh", "10GWh ", "tri:1,2,3GWh", "$350/t", "1,28GWh", "0,429GWh", "5...6GWh",
                     "1e999GWh", "1e19GWh", "nanGWh", "10", "GWh", "10GWh\u{A0}", "١٠GWh", "10ＧWh", "50-60GWh", "10GWhs", "-", "+GWh"] {
            #expect(Energy.parsePlain(text) == nil, "\(text)")
        }
    }

    @Test func randomStringsAgree() {
        var r = SplitMix64(seed: 27)
        let alphabet = Array("0123456789.,eE+-GWhkMTt/%g yd$:".unicodeScalars)
        let pieces = ["1", "25", "0.5", "1,287", "3e5", "7E-2", ".5", "5.", "0,4", "1,28", "9e", "-", "+", "..", ","]
        let units = ["GWh", "kWh", "MWh", "Wh", "gwh", "g/kWh", "kg/MWh", "lb/MWh", "%", "t", "tCO2e", "W", "MW", "x", "", "GWH", "mWh"]
        var answered = 0
        for k in 0..<30_000 {
            var text = ""
            if k % 2 == 0 {
                // Pieces of numbers and units, so most strings are a number with a unit.
                for _ in 0..<Int(1 + r.next() % 3) { text += pieces[Int(r.next() % UInt64(pieces.count))] }
                text += units[Int(r.next() % UInt64(units.count))]
                if r.next() % 4 == 0 { text.unicodeScalars.insert(alphabet[Int(r.next() % UInt64(alphabet.count))], at: text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: Int(r.next() % UInt64(text.unicodeScalars.count + 1)))) }
            } else {
                for _ in 0..<Int(1 + r.next() % 9) { text.unicodeScalars.append(alphabet[Int(r.next() % UInt64(alphabet.count))]) }
            }
            if agrees(text, EnergyDimension.self) { answered += 1 }
            if agrees(text, Per<MassDimension, EnergyDimension>.self) { answered += 1 }
            if agrees(text, ShareDimension.self) { answered += 1 }
            if agrees(text, MassDimension.self) { answered += 1 }
        }
        #expect(answered > 2_000)
    }
}
