// CSV: the records read from any bytes, written back as CSV, read again to the same fields
// (blank records aside); errors are one short line.
import CO2eKit

func written(_ records: [CSVRecord]) -> [UInt8] {
    var out: [UInt8] = []
    for r in records {
        for (k, f) in r.fields.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            for b in f.utf8 {
                if b == UInt8(ascii: "\"") { out.append(b) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "\n"))
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    do {
        let records = try input.bytes.withUnsafeBufferPointer { try CSV.records(in: $0, origin: "fuzz.csv") }
        for r in records {
            require(r.line >= 1, "line \(r.line)")
            for f in r.fields { require(f.utf8.count <= CSV.maximumFieldBytes, "a field over the limit") }
        }
        let again = try written(records).withUnsafeBufferPointer { try CSV.records(in: $0, origin: "again.csv") }
        require(again.map(\.fields) == records.map(\.fields), "records do not survive being written and read again")
        // The line numbers only grow.
        for k in records.indices.dropFirst() { require(records[k].line > records[k - 1].line, "line numbers go back") }
    } catch let e as CO2eError {
        require(isOneShortLine(e.message, limit: 400), "error is not one short line: \(e.message)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
    return 0
}
