// Company inventory files (`co2e company --file FILE`): any bytes either read as figures or
// give one short CO2eError (invalid data, naming the file); no trap. A file that reads gives
// figures with finite, non-negative tonnes and a known company each, text with no raw control
// character, and for every company a summary, a scope 3 breakdown and a side-by-side of every
// company for each year it reported that compute or refuse with one short CO2eError, their
// totals finite.
import CO2eKit

private func hasControl(_ s: String) -> Bool {
    s.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) || $0.value == 0x2028 || $0.value == 0x2029 }
}

private func check(_ work: () throws -> Estimate) {
    do {
        let est = try work()
        for r in est.results where r.value.isNumeric { require(r.value.spread.isFinite, "result \(r.key) is not finite: \(r.value.text)") }
    } catch let e as CO2eError {
        require(isOneShortLine(e.message, limit: 600), "error is not one short line: \(e.message)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let catalog = readOrRefused("an inventory file", { try CompanyCatalog.parse(bytes: input.bytes, origin: "fuzz.csv") }) else { return 0 }
    require(!catalog.figures.isEmpty, "a file with no figures was accepted")
    let names = catalog.companies
    for f in catalog.figures {
        require(f.mass.tonnes.isFinite && f.mass.tonnes >= 0, "figure of \(f.mass.tonnes) t at \(f.origin)")
        require(names.contains(f.company), "figure of an unlisted company \(f.company)")
        for text in [f.company, f.report, f.category, f.page, f.note, f.source.id] {
            require(!hasControl(text), "a raw control character in \(text.debugDescription)")
        }
    }
    for name in names.prefix(4) {
        guard let company = try? catalog.company(name) else {
            require(false, "company \(name) of the file is not found by its name")
            return 0
        }
        check { try company.summary() }
        check { try company.scope3ByCategory() }
        for year in company.years.prefix(4) { check { try catalog.compare(Array(names.prefix(4)), year: year) } }
    }
    return 0
}
