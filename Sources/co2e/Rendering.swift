import CO2eKit

/// Printing an estimate as text: steps and results in aligned columns, parts one after the
/// other, tables, sources with where each number was read, warnings and assumptions, wrapped to
/// the console's width.
enum Rendering {
    static func text(_ estimate: Estimate, width: Int) -> String {
        var out = body(estimate, width: width)
        let cited = citations(estimate)
        if !estimate.sources.isEmpty {
            out += "\nSources:\n"
            for s in estimate.sources {
                let at = cited[s.id].map { " [\($0.joined(separator: "; "))]" } ?? ""
                out += hanging("  \(s.id): \(s.citation)\(at)", indent: 4, width: width)
            }
        }
        if !estimate.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in estimate.warnings { out += hanging("  - " + w.text, indent: 4, width: width) }
        }
        if !estimate.assumptions.isEmpty {
            out += "\nAssumptions:\n"
            for a in estimate.assumptions { out += hanging("  - " + a.text, indent: 4, width: width) }
        }
        return out
    }

    /// The title, steps, parts, tables and results, without sources and notes.
    static func body(_ estimate: Estimate, width: Int) -> String {
        var out = estimate.title + "\n"
        let rows = estimate.steps.map { ($0.label, $0.value.text, $0.how) }
        let results = estimate.results.map { ($0.label, $0.value.text, "= " + $0.how) }
        // Columns fit the usual rows; a label or value longer than its cap (a quoted claim) takes
        // its own line, so one outlier does not push every row off the screen.
        let labelWidth = min(44, (rows + results).map(\.0.count).max() ?? 0)
        let valueWidth = min(32, (rows + results).map(\.1.count).max() ?? 0)
        func line(_ r: (String, String, String)) -> String {
            if r.0.count > labelWidth || r.1.count > valueWidth {
                let head = "  " + r.0 + "  " + r.1
                return (head.count <= width ? head + "\n" : hanging(head, indent: 4, width: width))
                    + hanging("      " + r.2, indent: 6, width: width)
            }
            let left = "  " + pad(r.0, labelWidth) + "  " + pad(r.1, valueWidth) + "  "
            let room = width - left.count
            // Too little room beside the value: the explanation goes on the next line.
            guard room >= 30 else { return left.trimmedRight + "\n" + hanging("      " + r.2, indent: 6, width: width) }
            let wrapped = Wrap.lines(r.2, width: room)
            return left + wrapped.joined(separator: "\n" + String(repeating: " ", count: left.count)) + "\n"
        }
        for r in rows { out += line(r) }
        for part in estimate.parts {
            out += "\n" + body(part, width: width).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }
        for table in estimate.tables {
            out += "\n  " + table.title + "\n"
            var grid = [table.columns.map(\.label)]
            for row in table.rows { grid.append(row.map(\.text)) }
            out += columns(grid, indent: "    ")
        }
        if !results.isEmpty {
            out += "\n"
            for r in results { out += line(r) }
        }
        return out
    }

    /// For each source id, where its numbers were read, in trail order (parts included).
    static func citations(_ e: Estimate) -> [String: [String]] {
        var out: [String: [String]] = [:]
        func walk(_ e: Estimate) {
            for step in e.steps + e.results {
                for c in step.citations where !(out[c.source]?.contains(c.at) ?? false) { out[c.source, default: []].append(c.at) }
            }
            e.parts.forEach(walk)
        }
        walk(e)
        return out
    }

    /// `text` wrapped to `width`, continuation lines indented by `indent`.
    static func hanging(_ text: String, indent: Int, width: Int) -> String {
        let lead = text.prefix { $0 == " " || $0 == "-" }.count
        let first = String(text.prefix(lead))
        let lines = Wrap.lines(String(text.dropFirst(lead)), width: max(20, width - max(lead, indent)))
        var out = first + lines[0] + "\n"
        for l in lines.dropFirst() { out += String(repeating: " ", count: indent) + l + "\n" }
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

extension String {
    var trimmedRight: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
