import CO2eCore
import CO2eData
import CO2eGrid

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small SVG writer for co2e's charts (no dependency): line charts of yearly series with
/// bands for ranges, and tornado charts. Text is escaped for XML; every chart has a title,
/// labelled axes with units, a legend and a source line under the plot.
package enum SVGChart {
    /// Colours of the series, in order (chosen to stay apart for colour-blind readers: the
    /// Okabe-Ito palette).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    package static let width = 1000.0
    package static let height = 700.0

    /// One line (and band) of a panel.
    package struct Line: Sendable {
        package var label: String
        package var points: [(x: Double, y: Interval)]
        /// Where the line runs at each point (a Monte Carlo median); nil: the middle of the band.
        package var centers: [Double]?
        /// Published values the line is built from, marked as points.
        package var marks: [(x: Double, y: Double)]

        package init(label: String, points: [(x: Double, y: Interval)], centers: [Double]? = nil, marks: [(x: Double, y: Double)] = []) {
            self.label = label
            self.points = points
            self.centers = centers
            self.marks = marks
        }
    }

    /// One panel: a y axis with its label and unit, and lines.
    package struct Panel: Sendable {
        package var yLabel: String
        package var lines: [Line]

        package init(yLabel: String, lines: [Line]) {
            self.yLabel = yLabel
            self.lines = lines
        }
    }

    /// The trajectories of a projection: electricity (TWh/y) and emissions (Mt CO2e/y) per
    /// year, one line per series, a band where a series is a range. For a Monte Carlo run the
    /// band is p5 to p95 and the line the median, and the source line says so.
    package static func projection(_ result: ProjectionResult, title: String) -> String {
        var panels: [Panel] = []
        let withElectricity = result.series.filter { !$0.terawattHours.isEmpty }
        func centers(_ c: [Double]) -> [Double]? { c.isEmpty ? nil : c }
        if !withElectricity.isEmpty {
            panels.append(Panel(yLabel: "Electricity (TWh per year)", lines: withElectricity.map { s in
                Line(label: s.label, points: zip(s.years, s.terawattHours).map { (Double($0), $1) }, centers: centers(s.terawattHoursMedian),
                     marks: s.publishedTerawattHours.map { (Double($0.year), $0.value) })
            }))
        }
        panels.append(Panel(yLabel: "Emissions (Mt CO2e per year)", lines: result.series.map { s in
            Line(label: s.label, points: zip(s.years, s.megatonnes).map { (Double($0), $1) }, centers: centers(s.megatonnesMedian),
                 marks: s.publishedMegatonnes.map { (Double($0.year), $0.value) })
        }))
        guard let mc = result.monteCarlo else { return lines(panels, title: title, xLabel: "Year", source: result.sourceLine) }
        let n = NumberText.format(Double(mc.samples), significantDigits: 12)
        return lines(panels, title: title, xLabel: "Year",
                     source: result.sourceLine + " Monte Carlo band: p5–p95 of \(n) samples, seed \(mc.seed); line: median.",
                     bandLabel: "p5–p95 (Monte Carlo)")
    }

    /// Line charts, one panel above the other, sharing the x axis (years).
    package static func lines(_ panels: [Panel], title: String, xLabel: String, source: String,
                             bandLabel: String = "range of the inputs") -> String {
        var out = header(title: title)
        let left = 90.0, right = 230.0, top = 60.0, bottom = 90.0, gap = 50.0
        let plotWidth = width - left - right
        let plotHeight = (height - top - bottom - gap * Double(panels.count - 1)) / Double(panels.count)
        let xs = panels.flatMap { $0.lines.flatMap { $0.points.map(\.x) } }
        let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, (xs.min() ?? 0) + 1)
        var labels: [String] = []
        for p in panels { for l in p.lines where !labels.contains(l.label) { labels.append(l.label) } }
        for (n, panel) in panels.enumerated() {
            let y0 = top + Double(n) * (plotHeight + gap)
            let highest = (panel.lines.flatMap { $0.points.map(\.y.upper) } + panel.lines.flatMap { $0.marks.map(\.y) }).filter(\.isFinite).max() ?? 1
            let ticks = niceTicks(0, max(highest, 1e-9))
            let yMax = ticks.last ?? 1
            func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotWidth }
            func py(_ y: Double) -> Double { y0 + plotHeight - y / yMax * plotHeight }
            // Grid, ticks and axes.
            out += "<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n"
            for t in ticks {
                out += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(t)))\" stroke=\"#ddd\"/>\n"
                out += "<text x=\"\(f(left - 8))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(escape(tickText(t)))</text>\n"
            }
            for year in yearTicks(xMin, xMax) {
                out += "<line x1=\"\(f(px(year)))\" y1=\"\(f(y0 + plotHeight))\" x2=\"\(f(px(year)))\" y2=\"\(f(y0 + plotHeight + 5))\" stroke=\"#333\"/>\n"
                out += "<text x=\"\(f(px(year)))\" y=\"\(f(y0 + plotHeight + 20))\" text-anchor=\"middle\">\(Int(year))</text>\n"
            }
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y0))\" x2=\"\(f(left))\" y2=\"\(f(y0 + plotHeight))\" stroke=\"#333\"/>\n"
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y0 + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y0 + plotHeight))\" stroke=\"#333\"/>\n"
            let cy = y0 + plotHeight / 2
            out += "<text x=\"\(f(left - 62))\" y=\"\(f(cy))\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 \(f(left - 62)) \(f(cy)))\">\(escape(panel.yLabel))</text>\n"
            out += "</g>\n"
            // Bands, then lines.
            for line in panel.lines {
                let color = palette[(labels.firstIndex(of: line.label) ?? 0) % palette.count]
                let finite = line.points.indices.filter { line.points[$0].y.isFinite }
                let pts = finite.map { line.points[$0] }
                guard !pts.isEmpty else { continue }
                let mids = finite.map { k in line.centers.flatMap { k < $0.count ? $0[k] : nil } ?? line.points[k].y.midpoint }
                if pts.contains(where: { !$0.y.isPoint }) {
                    var d = "M" + pts.map { "\(f(px($0.x))),\(f(py($0.y.upper)))" }.joined(separator: " L")
                    d += " L" + pts.reversed().map { "\(f(px($0.x))),\(f(py($0.y.lower)))" }.joined(separator: " L") + " Z"
                    out += "<path class=\"band\" d=\"\(d)\" fill=\"\(color)\" fill-opacity=\"0.2\" stroke=\"none\"><title>\(escape(line.label)) \(escape(bandLabel))</title></path>\n"
                }
                let d = "M" + zip(pts, mids).map { "\(f(px($0.0.x))),\(f(py($0.1)))" }.joined(separator: " L")
                out += "<path class=\"series\" d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"><title>\(escape(line.label))</title></path>\n"
                for m in line.marks where m.y.isFinite && m.x >= xMin && m.x <= xMax {
                    out += "<circle class=\"published\" cx=\"\(f(px(m.x)))\" cy=\"\(f(py(m.y)))\" r=\"4.5\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(escape(line.label)): published \(Int(m.x)), \(escape(tickText(m.y)))</title></circle>\n"
                }
            }
        }
        // x-axis label, legend, source.
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - bottom + 45))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\">\(escape(xLabel))</text>\n"
        out += legend(labels, x: width - right + 20, y: top + 10, band: panels.contains { $0.lines.contains { $0.points.contains { !$0.y.isPoint } } },
                      bandLabel: bandLabel, marks: panels.contains { $0.lines.contains { !$0.marks.isEmpty } })
        out += sourceLine(source, y: height - 18)
        return out + "</svg>\n"
    }

    /// A tornado chart: one bar per input from the total at its low end to the total at its
    /// high end, widest first, around the central value.
    package static func tornado(_ rows: [TornadoRow], central: Double?, title: String, xLabel: String, source: String) -> String {
        var out = header(title: title)
        let left = 330.0, right = 60.0, top = 70.0, bottom = 125.0
        let plotWidth = width - left - right
        let shown = Array(rows.sorted { $0.swing > $1.swing }.prefix(16))
        let rowHeight = min(40, (height - top - bottom) / Double(max(shown.count, 1)))
        let values = shown.flatMap { [$0.atLow, $0.atHigh] } + (central.map { [$0] } ?? [])
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let ticks = niceTicks(Swift.max(0, lo - (hi - lo) * 0.1), hi + (hi - lo) * 0.05 + 1e-9)
        let xMin = ticks.first ?? 0, xMax = ticks.last ?? 1
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotWidth }
        let plotBottom = top + rowHeight * Double(shown.count)
        out += "<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n"
        for t in ticks {
            out += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top))\" x2=\"\(f(px(t)))\" y2=\"\(f(plotBottom))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(px(t)))\" y=\"\(f(plotBottom + 20))\" text-anchor=\"middle\">\(escape(tickText(t)))</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(plotBottom))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(plotBottom))\" stroke=\"#333\"/>\n</g>\n"
        for (k, r) in shown.enumerated() {
            let y = top + Double(k) * rowHeight
            let a = px(Swift.min(r.atLow, r.atHigh)), b = px(Swift.max(r.atLow, r.atHigh))
            // The input's name, and below it the range it was varied over.
            out += "<text x=\"\(f(left - 10))\" y=\"\(f(y + rowHeight / 2 - 1))\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">\(escape(clip(r.input, 48)))</text>\n"
            out += "<text x=\"\(f(left - 10))\" y=\"\(f(y + rowHeight / 2 + 11))\" text-anchor=\"end\" font-size=\"10\" fill=\"#666\">\(escape(clip(r.low + " to " + r.high, 56)))</text>\n"
            // The bar from the low input's total to the high input's, coloured by which end is higher.
            let lowColor = palette[0], highColor = palette[1]
            let mid = central.map(px) ?? (a + b) / 2
            let lowX = px(r.atLow), highX = px(r.atHigh)
            out += "<rect class=\"bar\" x=\"\(f(min(lowX, mid)))\" y=\"\(f(y + rowHeight * 0.15))\" width=\"\(f(abs(mid - lowX)))\" height=\"\(f(rowHeight * 0.7))\" fill=\"\(lowColor)\"><title>\(escape(r.input)) at \(escape(r.low)): \(escape(tickText(r.atLow)))</title></rect>\n"
            out += "<rect class=\"bar\" x=\"\(f(min(highX, mid)))\" y=\"\(f(y + rowHeight * 0.15))\" width=\"\(f(abs(highX - mid)))\" height=\"\(f(rowHeight * 0.7))\" fill=\"\(highColor)\"><title>\(escape(r.input)) at \(escape(r.high)): \(escape(tickText(r.atHigh)))</title></rect>\n"
            _ = (a, b)
        }
        if let c = central {
            out += "<line x1=\"\(f(px(c)))\" y1=\"\(f(top - 5))\" x2=\"\(f(px(c)))\" y2=\"\(f(plotBottom))\" stroke=\"#000\" stroke-width=\"1.5\"/>\n"
            out += "<text x=\"\(f(px(c)))\" y=\"\(f(top - 10))\" text-anchor=\"middle\" font-size=\"12\">as given: \(escape(tickText(c))) Mt</text>\n"
        }
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(plotBottom + 45))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\">\(escape(xLabel))</text>\n"
        let ly = plotBottom + 62
        out += "<g class=\"legend\" font-size=\"12\" fill=\"#333\"><rect x=\"\(f(left))\" y=\"\(f(ly))\" width=\"14\" height=\"10\" fill=\"\(palette[0])\"/><text x=\"\(f(left + 20))\" y=\"\(f(ly + 9))\">input at its low end</text>"
        out += "<rect x=\"\(f(left + 170))\" y=\"\(f(ly))\" width=\"14\" height=\"10\" fill=\"\(palette[1])\"/><text x=\"\(f(left + 190))\" y=\"\(f(ly + 9))\">input at its high end</text></g>\n"
        out += sourceLine(source, y: height - 18)
        return out + "</svg>\n"
    }

    static func header(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Arial, Helvetica, sans-serif">
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
        <text x="\(f(width / 2))" y="32" text-anchor="middle" font-size="18" font-weight="bold" fill="#111">\(escape(title))</text>

        """
    }

    /// The longest legend line, in characters (about 180 px at 12 px).
    static let legendLineLength = 27

    /// The legend: each series' line and its label wrapped onto up to three lines (longer
    /// labels are clipped at the end), then the band and the published points if drawn.
    static func legend(_ labels: [String], x: Double, y: Double, band: Bool, bandLabel: String = "range of the inputs",
                       marks: Bool = false) -> String {
        var out = "<g class=\"legend\" font-size=\"12\" fill=\"#333\">\n"
        var yy = y
        func text(_ s: String) {
            let lines = wrap(s, legendLineLength, maxLines: 3)
            out += "<text x=\"\(f(x + 30))\" y=\"\(f(yy + 4))\">"
            for (n, l) in lines.enumerated() {
                out += n == 0 ? escape(l) : "<tspan x=\"\(f(x + 30))\" dy=\"14\">\(escape(l))</tspan>"
            }
            out += "</text>\n"
            yy += 22 + Double(lines.count - 1) * 14
        }
        for (k, label) in labels.enumerated() {
            out += "<line x1=\"\(f(x))\" y1=\"\(f(yy))\" x2=\"\(f(x + 24))\" y2=\"\(f(yy))\" stroke=\"\(palette[k % palette.count])\" stroke-width=\"3\"/>"
            text(label)
        }
        if band {
            out += "<rect x=\"\(f(x))\" y=\"\(f(yy - 6))\" width=\"24\" height=\"12\" fill=\"#888\" fill-opacity=\"0.3\"/>"
            text(bandLabel)
        }
        if marks {
            out += "<circle cx=\"\(f(x + 12))\" cy=\"\(f(yy))\" r=\"4.5\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"2\"/>"
            text("published point (the scenario's source)")
        }
        return out + "</g>\n"
    }

    /// `s` in lines of at most `n` characters, broken at spaces (a longer word is cut), at
    /// most `maxLines` lines, the last clipped with "…" if more was left.
    static func wrap(_ s: String, _ n: Int, maxLines: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in s.split(separator: " ") {
            let w = String(word)
            if line.isEmpty { line = w } else if line.count + 1 + w.count <= n { line += " " + w } else { lines.append(line); line = w }
            while line.count > n { lines.append(String(line.prefix(n))); line = String(line.dropFirst(n)) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = clip(kept[maxLines - 1] + " " + lines[maxLines], n)
        return kept
    }

    static func sourceLine(_ text: String, y: Double) -> String {
        // Long source lines wrap onto a second line.
        let words = text.split(separator: " ")
        var lines: [String] = [], line = ""
        for w in words {
            if line.count + w.count + 1 > 150 { lines.append(line); line = "" }
            line += line.isEmpty ? String(w) : " " + w
        }
        if !line.isEmpty { lines.append(line) }
        var out = ""
        for (k, l) in lines.suffix(2).enumerated() {
            out += "<text class=\"source\" x=\"20\" y=\"\(f(y - Double(min(lines.count, 2) - 1 - k) * 15))\" font-size=\"11\" fill=\"#555\">\(escape(l))</text>\n"
        }
        return out
    }

    /// Text safe inside XML elements and attributes.
    package static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters are not allowed in XML 1.0 (C0) or discouraged (DEL, C1, the
                // line separators): escaped as text, so a title cannot hide or forge anything.
                if EchoedText.isControl(c) { out += EchoedText.escaped(String(c)) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    /// A coordinate with one decimal.
    static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : NumberText.exact(r)
    }

    static func tickText(_ x: Double) -> String { NumberText.format(x, significantDigits: 4) }

    /// About five round ticks from 0 (or `lo`) to at least `hi`.
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        let span = max(hi - lo, 1e-12)
        let raw = span / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let start = (lo / step).rounded(.down) * step
        var ticks: [Double] = []
        var t = start
        while t < hi + step * 0.999 && ticks.count < 20 {
            ticks.append(t)
            if t >= hi { break }
            t += step
        }
        return ticks
    }

    static func yearTicks(_ a: Double, _ b: Double) -> [Double] {
        let span = b - a
        let step = span <= 12 ? 1.0 : span <= 30 ? 5.0 : 10.0
        var out: [Double] = []
        var y = (a / step).rounded(.up) * step
        while y <= b { out.append(y); y += step }
        return out
    }
}
