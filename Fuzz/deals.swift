// Deal files (`co2e removals --deals FILE`, `net --deals FILE`): any bytes either read as deals
// or give one short CO2eError naming the file and line; no trap. A file that reads gives deals
// with finite positive tonnes, a schedule inside the deal's years (each year once) that sums to
// the contracted tonnes, text fields with no raw control character, each deal found by its id,
// and a trail and a net position that compute or refuse with a CO2eError.
import CO2eKit

private func hasControl(_ s: String) -> Bool {
    s.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) || $0.value == 0x2028 || $0.value == 0x2029 }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    do {
        let catalog = try DealCatalog.parse(bytes: input.bytes, origin: "fuzz.csv")
        let deals = try catalog.deals()
        require(!deals.isEmpty, "a catalogue with no deals was accepted")
        for d in deals {
            let t = d.contracted.tonnes
            require(t.isFinite && t > 0 && t <= 1e18, "contracted \(t) t")
            require(d.endYear > d.startYear, "years \(d.startYear)-\(d.endYear)")
            var years = Set<Int>()
            var sum = 0.0
            for (y, m) in d.schedule {
                require((d.startYear..<d.endYear).contains(y), "schedule year \(y) outside \(d.startYear)..<\(d.endYear)")
                require(years.insert(y).inserted, "schedule gives \(y) twice")
                require(m.tonnes.isFinite && m.tonnes >= 0, "schedule tonnes \(m.tonnes)")
                sum += m.tonnes
            }
            require(abs(sum - t) <= t * 0.005 * (1 + 1e-9), "schedule sums to \(sum), contracted \(t)")
            for text in [d.id, d.buyer, d.supplier, d.certification, d.note, d.priceBy, d.announced, d.mayRestate, d.deliveredAsOf, d.source.id, d.origin] {
                require(!hasControl(text), "a raw control character in \(text.debugDescription)")
            }
            let found = try catalog.deal(d.id)
            require(found == d, "deal \(d.id) found by its id is \(found.id) at \(found.origin), not the one at \(d.origin)")
            do { _ = try d.estimate() } catch let e as CO2eError {
                require(isOneShortLine(e.message, limit: 400), "error is not one short line: \(e.message)")
            }
        }
        let years = 2020...2060
        do {
            let net = try NetPosition(emissions: .growth(base: .exact(EmissionRate(1, "Mt/y")!), growth: .exact(.percentPerYear(5)), baseYear: 2020),
                                      deals: deals, years: years, portfolio: "fuzz").result()
            for y in net.years { require(y.netAll.spread.isFinite, "net of all in \(y.year) is not finite") }
        } catch let e as CO2eError {
            require(isOneShortLine(e.message, limit: 400), "error is not one short line: \(e.message)")
        }
    } catch let e as CO2eError {
        require(isOneShortLine(e.message, limit: 400), "error is not one short line: \(e.message)")
        require(e.kind == .invalidData, "a deal file error that is not a data error: \(e.message)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
    return 0
}
