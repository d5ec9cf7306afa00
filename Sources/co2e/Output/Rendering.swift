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
                out += hanging(safe("  \(s.id): \(s.citation)\(at)"), indent: 4, width: width)
            }
        }
        if !estimate.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in estimate.warnings { out += hanging("  - " + safe(w.text), indent: 4, width: width) }
        }
        if !estimate.assumptions.isEmpty {
            out += "\nAssumptions:\n"
            for a in estimate.assumptions { out += hanging("  - " + safe(a.text), indent: 4, width: width) }
        }
        return out
    }

    /// The title, steps, parts, tables and results, without sources and notes.
    static func body(_ estimate: Estimate, width: Int) -> String {
        var out = safe(estimate.title) + "\n"
        let rows = estimate.steps.map { (safe($0.label), safe($0.value.text), safe($0.how)) }
        let results = estimate.results.map { (safe($0.label), safe($0.value.text), "= " + safe($0.how)) }
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
            out += "\n  " + safe(table.title) + "\n"
            var grid = [table.columns.map { safe($0.label) }]
            for row in table.rows { grid.append(row.map { safe($0.text) }) }
            out += columns(grid, indent: "    ")
        }
        if !results.isEmpty {
            out += "\n"
            for r in results { out += line(r) }
        }
        return out
    }

    /// Text from inputs with its control characters escaped (a region named with an escape
    /// sequence cannot clear the screen; a title with a line break cannot forge a line).
    static func safe(_ text: String) -> String { EchoedText.escaped(text) }

    /// `--summary`: the title and the results, each part's after its title; the warnings, which
    /// change how the figures may be used; and how long the full trail is.
    static func summary(_ estimate: Estimate, width: Int) -> String {
        var trimmed = Estimate(key: estimate.key, title: estimate.title)
        func results(_ e: Estimate) -> Estimate {
            var copy = Estimate(key: e.key, title: e.title)
            copy.results = e.results
            copy.parts = e.parts.map(results)
            return copy
        }
        trimmed = results(estimate)
        var out = body(trimmed, width: width)
        if !estimate.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in estimate.warnings { out += hanging("  - " + safe(w.text), indent: 4, width: width) }
        }
        let steps = count(estimate) { $0.steps.count }
        out += "\n(\(steps) step\(steps == 1 ? "" : "s") and \(estimate.sources.count) source\(estimate.sources.count == 1 ? "" : "s") not shown; without --summary the whole trail is printed.)\n"
        return out
    }

    /// `--summary --json`: key, title, results and each part's, warnings.
    static func summaryJSON(_ e: Estimate) -> JSONValue {
        var members: [(String, JSONValue)] = [("key", .string(e.key)), ("title", .string(e.title))]
        if case let .object(all) = e.json, let results = all.first(where: { $0.0 == "results" }) { members.append(results) }
        if !e.parts.isEmpty { members.append(("parts", .array(e.parts.map(summaryJSON)))) }
        if !e.warnings.isEmpty { members.append(("warnings", .array(e.warnings.map(\.json)))) }
        return .object(members)
    }

    static func count(_ e: Estimate, _ f: (Estimate) -> Int) -> Int {
        f(e) + e.parts.map { count($0, f) }.reduce(0, +)
    }

    /// The figure `key` of an estimate: a result, else a step; in a part as `part.key`, or by
    /// its key alone when one part only has it.
    static func find(_ key: String, in e: Estimate) -> Estimate.Step? {
        if let s = e.result(key) ?? e.step(key) { return s }
        if let dot = key.firstIndex(of: "."), let part = e.part(String(key[..<dot])) {
            return find(String(key[key.index(after: dot)...]), in: part)
        }
        let found = e.parts.compactMap { find(key, in: $0) }
        return found.count == 1 ? found[0] : nil
    }

    /// Every figure key `--value` accepts, results first.
    static func keys(of e: Estimate, prefix: String = "") -> [String] {
        var out = (e.results + e.steps).filter(\.value.isNumeric).map { prefix + $0.key }
        for p in e.parts { out += keys(of: p, prefix: prefix + p.key + ".") }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// An estimate as CSV (see `CSVRenderer`).
    static func csv(_ e: Estimate) -> String {
        var out = CSV.line(["part", "section", "key", "label", "value", "low", "high", "unit"])
        var tables: [Table] = []
        func walk(_ e: Estimate, _ part: String) {
            for (section, steps) in [("step", e.steps), ("result", e.results)] {
                for s in steps {
                    var cells = [part, section, s.key, s.label]
                    switch s.value.spread {
                    case _ where !s.value.isNumeric: cells += [s.value.text, "", ""]
                    case let .exact(x): cells += [NumberText.exact(x), NumberText.exact(x), NumberText.exact(x)]
                    case let .bounds(a, b): cells += ["", NumberText.exact(a), NumberText.exact(b)]
                    case let .percentiles(p):
                        cells += [NumberText.exact(p.mean), NumberText.exact(p.values.first?.value ?? p.mean),
                                  NumberText.exact(p.values.last?.value ?? p.mean)]
                    }
                    out += CSV.line(cells + [s.value.unit])
                }
            }
            tables += e.tables
            for p in e.parts { walk(p, part.isEmpty ? p.key : part + "." + p.key) }
        }
        walk(e, "")
        for t in tables { out += "\n" + t.csv }
        return out
    }

    /// A listing as text: its lines, and its columns fitted to `width` (see `fitted`).
    static func listing(_ l: Listing, width: Int) -> String {
        var out = ""
        for block in l.blocks {
            switch block {
            case let .line(text): out += hanging(safe(text), indent: 2, width: width)
            case .blank: out += "\n"
            case let .columns(header, rows):
                out += fitted((header.map { [$0] } ?? []) + rows, width: width)
            }
        }
        return out
    }

    /// Rows of columns aligned two spaces apart within `width`: when a row is too wide, the
    /// widest columns are narrowed to a common width and their cells wrap under themselves, so
    /// every line fits and every value stays in its column.
    static func fitted(_ rows: [[String]], width: Int, indent: String = "  ") -> String {
        let rows = rows.map { $0.map(safe) }
        guard let n = rows.map(\.count).max(), n > 0 else { return "" }
        var widths = [Int](repeating: 0, count: n)
        for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        let room = width - indent.count - 2 * (n - 1)
        if widths.reduce(0, +) > room {
            // The first column (an id to type back) is kept whole; the others share the rest:
            // every column wider than a common cap is narrowed to it, the narrow ones keep
            // their width (the largest cap that fits, at least 8).
            let rest = Array(widths.dropFirst())
            var cap = rest.max() ?? 8
            while cap > 8 && widths[0] + rest.map({ min($0, cap) }).reduce(0, +) > room { cap -= 1 }
            for k in 1..<n { widths[k] = min(widths[k], cap) }
        }
        var out = ""
        for r in rows {
            let cells = (0..<n).map { k in k < r.count ? Wrap.lines(r[k], width: widths[k]).flatMap { chop($0, widths[k]) } : [""] }
            let height = cells.map(\.count).max() ?? 1
            for line in 0..<height {
                var text = indent
                for k in 0..<n {
                    let piece = line < cells[k].count ? cells[k][line] : ""
                    text += k == n - 1 ? piece : pad(piece, widths[k]) + "  "
                }
                out += text.trimmedRight + "\n"
            }
        }
        return out
    }

    /// A word longer than `width` cut into pieces of `width`.
    static func chop(_ s: String, _ width: Int) -> [String] {
        guard s.count > width, width > 0 else { return [s] }
        var out: [String] = []
        var rest = Substring(s)
        while rest.count > width { out.append(String(rest.prefix(width))); rest = rest.dropFirst(width) }
        if !rest.isEmpty { out.append(String(rest)) }
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
