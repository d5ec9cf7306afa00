import CO2eKit

/// The charts of an HTML page, drawn from an estimate's typed values with the core's chart
/// writer (`SVGChart`): grids side by side (the `grids` table), a projection's lines and bands
/// (`by_year`), a net position's emissions and removals by year (`years`), the charts an
/// estimate carries (an hourly run's profile), and a histogram for each result sampled with
/// its bins (Monte Carlo). Each comes with a description in words and its numbers as a table.
enum HTMLCharts {
    /// A chart ready for the page.
    struct Drawn {
        /// The SVG, inline, for a frame (its id and description).
        let svg: (SVGChart.Frame) -> String
        /// The text alternative: what the chart shows, with its numbers.
        let description: String
        /// The caption under it.
        let caption: String
        /// The numbers drawn, as a table.
        let numbers: Table
    }

    static func charts(_ e: Estimate) -> [Drawn] {
        var out: [Drawn] = []
        let source = e.sources.map(\.id).joined(separator: ", ")
        let sourceLine = source.isEmpty ? "co2e" : "co2e; sources: " + source
        for t in tables(e) {
            switch t.key {
            case "grids": if let c = grids(t, source: sourceLine) { out.append(c) }
            case "by_year": out += projection(t, source: sourceLine)
            case "years" where t.columns.contains(where: { $0.key == "durable" }): if let c = net(t, source: sourceLine) { out.append(c) }
            default: break
            }
        }
        for c in allCharts(e) { out.append(profile(c, source: sourceLine)) }
        for m in allHeatMaps(e) { out.append(heatMap(m, source: sourceLine)) }
        for s in sampled(e).prefix(4) { if let c = histogram(s, source: sourceLine) { out.append(c) } }
        return out
    }

    /// The estimate's tables and its parts', in order.
    static func tables(_ e: Estimate) -> [Table] { e.tables + e.parts.flatMap(tables) }
    static func allCharts(_ e: Estimate) -> [Chart] { e.charts + e.parts.flatMap(allCharts) }
    static func allHeatMaps(_ e: Estimate) -> [HeatMap] { e.heatMaps + e.parts.flatMap(allHeatMaps) }

    /// A day-by-hour heat map; its numbers are the typical day of each calendar month (the mean
    /// of the days' shares, hours without load left out), hours down and months across.
    static func heatMap(_ m: HeatMap, source: String) -> Drawn {
        let numbers = typicalDays(m)
        var words = "Heat map of the \(m.valueLabel), one row per day (\(m.rows.count), \(m.rows.first ?? "") to \(m.rows.last ?? "")) and one column per hour of the day (UTC), darker for a larger share"
        let known = m.cells.compactMap { $0 }
        if !known.isEmpty {
            let full = known.filter { $0 >= 1 - 1e-12 }.count, none = known.filter { $0 <= 1e-12 }.count
            words += "; of \(known.count) hours with load, \(none) had none of it carbon-free and \(full) all of it"
        }
        return Drawn(svg: { frame in SVGChart.heatMap(m, source: source, frame: frame) },
                     description: words + ". The table gives the typical day of each month.",
                     caption: m.title + "; hatched: no load in that hour.", numbers: numbers)
    }

    /// The typical day of each calendar month of a heat map whose rows are dates (YYYY-MM-DD):
    /// per hour, the mean of the days' shares, in %.
    static func typicalDays(_ m: HeatMap) -> Table {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var sum = [[Double]](repeating: [Double](repeating: 0, count: m.columns.count), count: 12), count = sum
        for (r, label) in m.rows.enumerated() {
            guard let month = Int(label.dropFirst(5).prefix(2)), (1...12).contains(month) else { continue }
            for c in m.columns.indices { if let x = m[r, c] { sum[month - 1][c] += x; count[month - 1][c] += 1 } }
        }
        let present = (0..<12).filter { k in count[k].contains { $0 > 0 } }
        var t = Table(key: m.key + "_typical_day", title: "Drawn: \(m.valueLabel) on the typical day of each month (%; mean of the days)",
                      columns: [.init("hour", m.columnLabel)] + present.map { .init(months[$0].lowercased(), months[$0], unit: "%") })
        for c in m.columns.indices {
            t.rows.append([.text(m.columns[c])] + present.map { k in count[k][c] > 0 ? .number(sum[k][c] / count[k][c] * 100) : .text("–") })
        }
        return t
    }

    /// Results summarised from samples with a histogram: the estimate's, else its parts'.
    static func sampled(_ e: Estimate) -> [Estimate.Step] {
        func has(_ s: Estimate.Step) -> Bool { if case let .percentiles(p) = s.value.spread { return p.histogram != nil }; return false }
        let own = e.results.filter(has)
        return own.isEmpty ? e.parts.flatMap(sampled) : own
    }

    /// A mass unit that reads well for values up to `kg`: kg, t, kt or Mt.
    static func massUnit(_ kg: Double) -> (divisor: Double, unit: String) {
        let m = abs(kg)
        return m >= 1e9 ? (1e9, "Mt CO2e") : m >= 1e6 ? (1e6, "kt CO2e") : m >= 1e3 ? (1e3, "t CO2e") : (1, "kg CO2e")
    }

    /// The interval and centre of a value (a range's middle, a sample's median).
    static func figure(_ cell: Table.Cell) -> (Interval, Double)? {
        switch cell {
        case let .value(v) where v.isNumeric:
            let i = v.spread.interval
            guard i.isFinite else { return nil }
            if case let .percentiles(p) = v.spread { return (i, p.values.first { $0.percent == 50 }?.value ?? p.mean) }
            return (i, i.midpoint)
        case let .number(x) where x.isFinite: return (Interval(x), x)
        default: return nil
        }
    }

    static func n(_ x: Double) -> String { NumberText.format(x, significantDigits: 4) }
    static func said(_ i: Interval) -> String { i.isPoint ? n(i.lower) : n(i.lower) + " to " + n(i.upper) }

    /// Location-based emissions by grid: one bar each, a whisker over a range.
    static func grids(_ t: Table, source: String) -> Drawn? {
        guard let g = t.columns.firstIndex(where: { $0.key == "grid" }), let m = t.columns.firstIndex(where: { $0.key == "location_based" }),
              t.columns[m].unit == "kg" else { return nil }
        let names = t.rows.map { $0[g].text }
        let values = t.rows.map { figure($0[m]) }
        let top = values.compactMap { $0?.0.upper }.max() ?? 0
        let (k, unit) = massUnit(top)
        let scaled = values.map { $0.map { ($0.0.scaled(by: 1 / k), $0.1 / k) } }
        let factor = t.columns.firstIndex { $0.key == "factor" }
        var numbers = Table(key: "grids_chart", title: "Location-based emissions by grid (\(unit))",
                            columns: [.init("grid", "Grid"), .init("low", "Low (\(unit))"), .init("high", "High (\(unit))")]
                                + (factor.map { [.init("factor", t.columns[$0].label + " (" + t.columns[$0].unit + ")")] } ?? []))
        var words: [String] = []
        for (r, name) in names.enumerated() {
            guard let v = scaled[r] else { continue }
            numbers.rows.append([.text(name), .number(v.0.lower), .number(v.0.upper)] + (factor.map { [.text(t.rows[r][$0].text)] } ?? []))
            words.append("\(name): \(said(v.0)) \(unit)")
        }
        let ranged = scaled.contains { $0.map { !$0.0.isPoint } ?? false }
        let title = "Location-based emissions by grid"
        return Drawn(svg: { frame in
            SVGChart.bars(names, [SVGChart.Bars(label: "Location-based emissions", values: scaled.map { $0?.0 }, centers: scaled.map { $0?.1 ?? .nan })],
                          title: title, yLabel: "Emissions (\(unit))", source: source, rangeLabel: "range of the inputs (low to high)", frame: frame)
        }, description: "Bar chart of the location-based emissions on each grid, in \(unit)\(ranged ? ", bars to the middle of each range with whiskers from its low to its high end" : ""): " + words.joined(separator: "; ") + ".",
           caption: title + (ranged ? "; each bar reaches the middle of its range and the whisker spans the range." : "."), numbers: numbers)
    }

    /// A projection's electricity and emissions by year, one line per scenario, a band over a
    /// range (Monte Carlo: p5 to p95, the line at the median).
    static func projection(_ t: Table, source: String) -> [Drawn] {
        guard let s = t.columns.firstIndex(where: { $0.key == "scenario" }), let y = t.columns.firstIndex(where: { $0.key == "year" }),
              let el = t.columns.firstIndex(where: { $0.key == "electricity" }), let tot = t.columns.firstIndex(where: { $0.key == "total" }) else { return [] }
        var order: [String] = []
        var rows: [String: [(year: Double, kwh: (Interval, Double)?, kg: (Interval, Double)?)]] = [:]
        var sampled = false
        for r in t.rows {
            guard let year = Double(r[y].text) else { continue }
            let name = r[s].text
            if rows[name] == nil { order.append(name) }
            if case let .value(v) = r[tot], case .percentiles = v.spread { sampled = true }
            rows[name, default: []].append((year, figure(r[el]), figure(r[tot])))
        }
        guard !order.isEmpty else { return [] }
        func line(_ name: String, electricity: Bool, _ k: Double) -> SVGChart.Line {
            let pts = rows[name]!.compactMap { r in (electricity ? r.kwh : r.kg).map { (r.year, $0) } }
            return SVGChart.Line(label: name, points: pts.map { (x: $0.0, y: $0.1.0.scaled(by: 1 / k)) }, centers: sampled ? pts.map { $0.1.1 / k } : nil)
        }
        let twh = 1e9, mt = 1e9
        let electricity = order.map { line($0, electricity: true, twh) }.filter { !$0.points.isEmpty }
        let emissions = order.map { line($0, electricity: false, mt) }
        var panels: [SVGChart.Panel] = []
        if !electricity.isEmpty { panels.append(SVGChart.Panel(yLabel: "Electricity (TWh per year)", lines: electricity)) }
        panels.append(SVGChart.Panel(yLabel: "Emissions (Mt CO2e per year)", lines: emissions))
        var numbers = Table(key: "projection_chart", title: "Drawn: electricity (TWh) and emissions (Mt CO2e) by year",
                            columns: [.init("scenario", "Scenario"), .init("year", "Year"), .init("twh", "Electricity (TWh)"), .init("mt", "Emissions (Mt CO2e)")])
        var words: [String] = []
        for name in order {
            for r in rows[name]! {
                numbers.rows.append([.text(name), .text(String(Int(r.year))), .text(r.kwh.map { said($0.0.scaled(by: 1 / twh)) } ?? "–"),
                                     .text(r.kg.map { said($0.0.scaled(by: 1 / mt)) } ?? "–")])
            }
            if let a = rows[name]!.first, let b = rows[name]!.last {
                words.append("\(name): \(a.kg.map { said($0.0.scaled(by: 1 / mt)) } ?? "–") Mt in \(Int(a.year)), \(b.kg.map { said($0.0.scaled(by: 1 / mt)) } ?? "–") Mt in \(Int(b.year))"
                             + (b.kwh.map { " (\(said($0.0.scaled(by: 1 / twh))) TWh)" } ?? ""))
            }
        }
        let band = sampled ? "p5–p95 (Monte Carlo)" : "range of the inputs"
        let title = "Data-centre electricity and emissions by year"
        return [Drawn(svg: { frame in
            SVGChart.lines(panels, title: title, xLabel: "Year", source: source + (sampled ? "; band p5–p95 of the samples, line the median" : ""), bandLabel: band, frame: frame)
        }, description: "Line chart by year, one line per scenario\(panels.count > 1 ? ", electricity above and emissions below" : "")\(emissions.contains { $0.points.contains { !$0.y.isPoint } } ? ", shaded bands for the \(band)" : ""): " + words.joined(separator: "; ") + ".",
           caption: title + ", one line per scenario" + (sampled ? "; bands p5–p95 of the samples." : "."), numbers: numbers)]
    }

    /// A net position's emissions and removals by year, side by side.
    static func net(_ t: Table, source: String) -> Drawn? {
        guard let y = t.columns.firstIndex(where: { $0.key == "year" }) else { return nil }
        let keys = [("emissions", "Emissions"), ("durable", "Durable removals"), ("nature", "Nature-based / short-lived removals")]
        let cols = keys.compactMap { k in t.columns.firstIndex { $0.key == k.0 }.map { ($0, k.1) } }
        guard cols.count == keys.count, !t.rows.isEmpty else { return nil }
        let years = t.rows.map { $0[y].text }
        let top = t.rows.flatMap { r in cols.compactMap { figure(r[$0.0])?.0.upper } }.max() ?? 0
        let (k, unit) = massUnit(top)
        let series = cols.map { c in
            SVGChart.Bars(label: c.1, values: t.rows.map { figure($0[c.0])?.0.scaled(by: 1 / k) }, centers: t.rows.map { (figure($0[c.0])?.1 ?? .nan) / k })
        }
        var numbers = Table(key: "net_chart", title: "Drawn: emissions and removals by year (\(unit))",
                            columns: [.init("year", "Year")] + cols.map { .init($0.1, $0.1 + " (" + unit + ")") })
        for (r, year) in years.enumerated() {
            numbers.rows.append([.text(year)] + series.map { s in .text(s.values[r].map(said) ?? "–") })
        }
        let total = series.map { s in "\(s.label) \(n(s.values.compactMap { $0?.midpoint }.reduce(0, +))) \(unit)" }
        let title = "Emissions and removals by year"
        return Drawn(svg: { frame in
            SVGChart.bars(years, series, title: title, yLabel: "Per year (\(unit))", source: source, frame: frame)
        }, description: "Bar chart by year, \(years.first ?? "")–\(years.last ?? ""), of emissions and of durable and nature-based removals side by side; over the years: " + total.joined(separator: ", ") + ".",
           caption: title + ": removals are contracted tonnes spread over each deal's years.", numbers: numbers)
    }

    /// A chart the estimate carries (an hourly profile).
    static func profile(_ c: Chart, source: String) -> Drawn {
        let lines = c.lines.map { l in
            SVGChart.Line(label: l.label, points: l.points.map { (x: $0.x, y: Interval($0.low, $0.high)) }, centers: l.points.map(\.center))
        }
        var numbers = Table(key: c.key + "_chart", title: "Drawn: " + c.title,
                            columns: [.init("x", c.xLabel)] + c.lines.flatMap { [.init($0.label, $0.label), .init($0.label + "_range", "Range")] })
        // The first line's points; the others (a flat average) give their value on each row.
        if let first = c.lines.first {
            for (k, p) in first.points.enumerated() {
                var row: [Table.Cell] = [.text(c.ticks.last { $0.x <= p.x }.map { "\($0.label) +\(n(p.x - $0.x))" } ?? n(p.x))]
                for l in c.lines {
                    let q = l.points.count == first.points.count ? l.points[k] : (l.points.first ?? p)
                    row += [.number(q.center), .text(q.low == q.high ? "" : n(q.low) + " to " + n(q.high))]
                }
                numbers.rows.append(row)
            }
        }
        let centers = c.lines.first?.points.map(\.center) ?? []
        let lowest = c.lines.first?.points.map(\.low).min() ?? .nan, highest = c.lines.first?.points.map(\.high).max() ?? .nan
        var words = "Line chart of \(c.yLabel) through the period (\(c.xLabel)), \(centers.count) points"
        if let a = centers.min(), let b = centers.max() { words += "; \(c.lines[0].label) from \(n(a)) to \(n(b)), intervals from \(n(lowest)) to \(n(highest))" }
        for l in c.lines.dropFirst() { if let p = l.points.first { words += "; \(l.label): \(said(Interval(p.low, p.high)))" } }
        return Drawn(svg: { frame in
            SVGChart.lines([SVGChart.Panel(yLabel: c.yLabel, lines: lines)], title: c.title, xLabel: c.xLabel, source: source, bandLabel: c.bandLabel,
                           xTicks: c.ticks.map { (x: $0.x, label: $0.label) }, frame: frame)
        }, description: words + ".", caption: c.title + "; the band is the " + c.bandLabel + ".", numbers: numbers)
    }

    /// A histogram of a sampled figure, with its percentiles and mean marked.
    static func histogram(_ s: Estimate.Step, source: String) -> Drawn? {
        guard case let .percentiles(p) = s.value.spread, let hist = p.histogram else { return nil }
        var k = 1.0, unit = s.value.unit
        if unit == "kg" { (k, unit) = massUnit(max(abs(hist.upper), abs(hist.lower))) }
        let markers = p.values.map { (label: "p" + NumberText.exact($0.percent), x: $0.value / k) } + [(label: "mean", x: p.mean / k)]
        let width = (hist.upper - hist.lower) / Double(hist.counts.count) / k
        var numbers = Table(key: "histogram", title: "Drawn: samples of \(s.label) by bin (\(unit))",
                            columns: [.init("from", "From (\(unit))"), .init("to", "To (\(unit))"), .init("samples", "Samples"), .init("share", "Share (%)")])
        let total = Double(max(1, hist.counts.reduce(0, +)))
        for (b, count) in hist.counts.enumerated() {
            let a = hist.lower / k + width * Double(b)
            numbers.rows.append([.number(a), .number(a + width), .text(String(count)), .number(Double(count) / total * 100)])
        }
        let title = "\(s.label): \(NumberText.format(Double(p.samples), significantDigits: 12)) samples"
        let marks = markers.map { "\($0.label) \(n($0.x)) \(unit)" }.joined(separator: ", ")
        return Drawn(svg: { frame in
            SVGChart.histogram(counts: hist.counts, lower: hist.lower / k, upper: hist.upper / k, markers: markers, title: title,
                               xLabel: "\(s.label) (\(unit))", source: source, frame: frame)
        }, description: "Histogram of \(s.label) over \(NumberText.format(Double(p.samples), significantDigits: 12)) samples in \(hist.counts.count) bins from \(n(hist.lower / k)) to \(n(hist.upper / k)) \(unit) (the end bins also count the tails); \(marks).",
           caption: title + ", with its percentiles (\(marks)); the end bins also count the samples beyond them.", numbers: numbers)
    }
}
