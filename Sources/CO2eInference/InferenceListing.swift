import CO2eCore
import CO2eData
import CO2eGrid
import CO2eTraining

/// The inference catalogues as tables, for listings (`co2e inference --list-figures`,
/// `--list-accelerators`): every row, with what it covers and where it comes from.
package enum InferenceListing {
    /// Every published per-query figure, with value, what it covers, tokens, published
    /// emissions and their basis, year and source.
    package static func figures() throws -> Estimate {
        var est = Estimate(key: "inference_figures", title: "Published energy per query")
        var table = Table(key: "figures", title: "Figures (what each counts differs: compare like with like)",
                          columns: [.init("id", "Id"), .init("energy", "Energy", unit: "kWh"), .init("covers", "Covers"),
                                    .init("pue", "PUE in it"), .init("tokens", "Tokens in/out"), .init("carbon", "Published CO2e", unit: "kg"),
                                    .init("year", "Year"), .init("source", "Source"), .init("read", "Read")])
        for f in try InferenceCatalog.figures() {
            let pue = f.pueIncluded.map { $0 ? "yes" : "no" } ?? "unstated"
            let tokens = f.tokensIn == nil && f.tokensOut == nil ? "" :
                "\(f.tokensIn.map { NumberText.format($0, significantDigits: 6) } ?? "-")/\(f.tokensOut.map { NumberText.format($0, significantDigits: 6) } ?? "-")"
            let carbon: Table.Cell = f.carbon.map { c in
                let v = Value(c, unit: "g")
                return .value(Value(dimension: v.dimension, unit: v.unit, spread: v.spread, text: v.text + " (\(f.carbonBasis); \(f.carbonScopeDescription))"))
            } ?? .text("")
            table.rows.append([.text(f.id), f.energy.map { .value(Value($0)) } ?? .text("-"), .text(f.covers.rawValue), .text(pue), .text(tokens), carbon,
                               .text(String(f.year)), .text(f.source.id), .text(f.read?.rawValue ?? "")])
            est.cite(f.source)
        }
        est.tables.append(table)
        est.assume("read", "Read: primary = the publisher's own document; copy = a faithful copy of it; secondary = only coverage of it (the primary was not read).")
        est.assume("covers", "covers: accelerator = AI accelerators only; server = whole servers; server+idle = with the idle capacity kept between queries; facility = with the data center's overhead (PUE); device = an end-user device; lifecycle = an emission figure over the life cycle (hardware manufacturing included), with no energy published. A figure used as the energy per query shows its full note and citation.")
        return est
    }

    /// Every accelerator with TDP, server share, memory and dense peak TFLOP/s per precision.
    package static func accelerators() throws -> Estimate {
        var est = Estimate(key: "inference_accelerators", title: "Accelerators")
        var columns: [Table.Column] = [.init("id", "Id"), .init("year", "Year"), .init("tdp", "TDP", unit: "W"),
                                       .init("server", "Server share", unit: "W"), .init("memory", "Memory GB")]
        columns += Accelerator.precisions.map { .init("tflops_" + $0, $0 + " TFLOP/s") }
        columns += [.init("source", "Source"), .init("read", "Read")]
        var table = Table(key: "accelerators", title: "Dense peak throughput, power and memory", columns: columns)
        for a in try InferenceCatalog.accelerators() {
            let power: Table.Cell = a.tdp.map { p in
                let v = Value(p)
                return a.powerBasis == "measured_max" ? .value(Value(dimension: v.dimension, unit: v.unit, spread: v.spread, text: v.text + " (measured max, not a TDP)")) : .value(v)
            } ?? .text("-")
            var row: [Table.Cell] = [.text(a.id), .text(String(a.year)), power,
                                     a.serverPower.map { .value(Value($0)) } ?? .text("-"), a.memoryGB.map { .number($0) } ?? .text("-")]
            row += Accelerator.precisions.map { p in a.peakTFLOPS[p].map { .number($0) } ?? .text("-") }
            row.append(.text(a.source.id + (a.serverSource.map { ", " + $0.id } ?? "")))
            row.append(.text(a.read?.rawValue ?? ""))
            table.rows.append(row)
            est.cite(a.source)
            if let s = a.serverSource { est.cite(s) }
        }
        est.tables.append(table)
        est.assume("dense", "Peaks are dense tensor-core figures (vendors also print 'with sparsity' figures, twice as high). Server share = a DGX system's maximum power / 8: host CPUs, memory, network and fans included.")
        return est
    }
}
