import CO2eKit

/// Printing an estimate as an aligned table: steps, results, factors with sources, warnings.
enum Rendering {
    static func table(_ estimate: Estimate) -> String {
        var rows: [(String, String, String)] = estimate.steps.map { ($0.label, $0.measure.text, $0.how) }
        let resultRows = estimate.figures.map { ($0.label, $0.mass.formatted(), "= " + $0.how) }
        let labelWidth = (rows + resultRows).map(\.0.count).max() ?? 0
        let valueWidth = (rows + resultRows).map(\.1.count).max() ?? 0
        func line(_ r: (String, String, String)) -> String {
            "  " + pad(r.0, labelWidth) + "  " + pad(r.1, valueWidth) + "  " + r.2
        }
        var out = estimate.subject + "\n"
        for r in rows { out += line(r) + "\n" }
        out += "\n"
        for r in resultRows { out += line(r) + "\n" }
        rows = []
        var seen = Set<String>()
        var sources: [String] = []
        for f in estimate.factors where seen.insert(f.source.id + f.origin).inserted {
            sources.append("  \(f.zone) \(f.year): \(f.source.citation) [\(f.origin)]")
        }
        if !sources.isEmpty { out += "\nSources:\n" + sources.joined(separator: "\n") + "\n" }
        if !estimate.warnings.isEmpty {
            out += "\nWarnings:\n" + estimate.warnings.map { "  - " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// Rows of columns, aligned, two spaces apart.
    static func columns(_ rows: [[String]], indent: String = "  ") -> String {
        guard let n = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: n)
        for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        return rows.map { r in
            indent + r.enumerated().map { k, c in k == r.count - 1 ? c : pad(c, widths[k]) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
