#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small SVG writer for co2e's charts (no dependency): line charts of series with bands for
/// ranges, bars with range whiskers, histograms of samples (and, in CO2eProjections, the
/// projection and tornado charts). Text is escaped for XML; every chart has a title and a text
/// alternative (`<title>`, `<desc>`), labelled axes with units, a legend and a source line under
/// the plot. A chart is a file of its own (`.svg`) or inline in a page (`Frame.id`).
package enum SVGChart {
    /// Colours of the series, in order (chosen to stay apart for colour-blind readers: the
    /// Okabe-Ito palette).
    package static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
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

    /// How a chart is framed: on its own (an `.svg` file, with the XML declaration) or inline
    /// in an HTML page (an id for its `<title>` and `<desc>`, unique in the page), and what it
    /// shows in words (its text alternative, `<desc>`).
    package struct Frame: Sendable {
        /// The id inline charts give their title and description; nil for a file of its own.
        package var id: String?
        /// What the chart shows, in words with its numbers.
        package var description: String

        package init(id: String? = nil, description: String = "") {
            self.id = id
            self.description = description
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

    /// Line charts, one panel above the other, sharing the x axis (years, unless `xTicks`
    /// places and names the ticks).
    package static func lines(_ panels: [Panel], title: String, xLabel: String, source: String,
                             bandLabel: String = "range of the inputs", xTicks: [(x: Double, label: String)]? = nil,
                             frame: Frame = Frame()) -> String {
        var out = header(title: title, frame: frame)
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
            for (x, label) in xTicks ?? yearTicks(xMin, xMax).map({ ($0, String(Int($0))) }) {
                out += "<line x1=\"\(f(px(x)))\" y1=\"\(f(y0 + plotHeight))\" x2=\"\(f(px(x)))\" y2=\"\(f(y0 + plotHeight + 5))\" stroke=\"#333\"/>\n"
                out += "<text x=\"\(f(px(x)))\" y=\"\(f(y0 + plotHeight + 20))\" text-anchor=\"middle\">\(escape(label))</text>\n"
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

    /// One series of bars: a value per category (nil: none), drawn to its centre (a range's
    /// middle, a sample's median) with a whisker over its range.
    package struct Bars: Sendable {
        package var label: String
        package var values: [Interval?]
        package var centers: [Double]?

        package init(label: String, values: [Interval?], centers: [Double]? = nil) {
            self.label = label
            self.values = values
            self.centers = centers
        }
    }

    /// A bar chart: for each category (a grid, a year) one bar per series side by side, from 0
    /// to the value, with a whisker from the low to the high end where the value is a range,
    /// and the value written above the bar when there is room.
    package static func bars(_ categories: [String], _ series: [Bars], title: String, yLabel: String, source: String,
                            rangeLabel: String = "range of the inputs", frame: Frame = Frame()) -> String {
        var out = header(title: title, frame: frame)
        let left = 90.0, right = 230.0, top = 60.0, bottom = 110.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let all = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let lowest = Swift.min(0, all.map(\.lower).min() ?? 0), highest = Swift.max(all.map(\.upper).max() ?? 1, 1e-9)
        let ticks = niceTicks(lowest, highest)
        let yMin = Swift.min(ticks.first ?? 0, 0), yMax = ticks.last ?? 1
        func py(_ y: Double) -> Double { top + plotHeight - (y - yMin) / (yMax - yMin) * plotHeight }
        let slot = plotWidth / Double(Swift.max(categories.count, 1))
        let barWidth = Swift.min(60, slot * 0.8 / Double(Swift.max(series.count, 1)))
        out += "<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n"
        for t in ticks {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(t)))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 8))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(escape(tickText(t)))</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(py(0)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(0)))\" stroke=\"#333\"/>\n"
        let cy = top + plotHeight / 2
        out += "<text x=\"\(f(left - 62))\" y=\"\(f(cy))\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 \(f(left - 62)) \(f(cy)))\">\(escape(yLabel))</text>\n"
        // Category names under their bars, on up to two lines; thinned when they would touch.
        let every = Swift.max(1, Int((Double(categories.count) * 60 / plotWidth).rounded(.up)))
        for (k, name) in categories.enumerated() where k % every == 0 {
            let x = left + slot * (Double(k) + 0.5)
            let lines = wrap(name, Swift.max(6, Int(slot * Double(every) / 7.5)), maxLines: 2)
            out += "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 20))\" text-anchor=\"middle\">"
            for (n, l) in lines.enumerated() { out += n == 0 ? escape(l) : "<tspan x=\"\(f(x))\" dy=\"14\">\(escape(l))</tspan>" }
            out += "</text>\n"
        }
        out += "</g>\n"
        var ranged = false
        for (k, _) in categories.enumerated() {
            for (n, s) in series.enumerated() {
                guard k < s.values.count, let v = s.values[k], v.isFinite else { continue }
                let color = palette[n % palette.count]
                let center = s.centers.flatMap { k < $0.count ? $0[k] : nil } ?? v.midpoint
                let x = left + slot * (Double(k) + 0.5) + (Double(n) - Double(series.count) / 2) * barWidth
                let y = Swift.min(py(center), py(0)), h = abs(py(center) - py(0))
                let said = v.isPoint ? tickText(v.lower) : tickText(v.lower) + " to " + tickText(v.upper)
                out += "<rect class=\"bar\" x=\"\(f(x + barWidth * 0.05))\" y=\"\(f(y))\" width=\"\(f(barWidth * 0.9))\" height=\"\(f(h))\" fill=\"\(color)\"><title>\(escape(categories[k])), \(escape(s.label)): \(escape(said))</title></rect>\n"
                if !v.isPoint {
                    ranged = true
                    let mx = x + barWidth / 2
                    out += "<path class=\"whisker\" d=\"M\(f(mx)),\(f(py(v.lower))) L\(f(mx)),\(f(py(v.upper))) M\(f(mx - 8)),\(f(py(v.lower))) L\(f(mx + 8)),\(f(py(v.lower))) M\(f(mx - 8)),\(f(py(v.upper))) L\(f(mx + 8)),\(f(py(v.upper)))\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>\n"
                }
                if categories.count * series.count <= 12 {
                    let top = Swift.min(py(v.upper), py(center))
                    out += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(top - 6))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#111\">\(escape(said))</text>\n"
                }
            }
        }
        out += "<g class=\"legend\" font-size=\"12\" fill=\"#333\">\n"
        var ly = top + 10
        for (n, s) in series.enumerated() {
            out += "<rect x=\"\(f(width - right + 20))\" y=\"\(f(ly - 6))\" width=\"24\" height=\"12\" fill=\"\(palette[n % palette.count])\"/>"
            let lines = wrap(s.label, legendLineLength, maxLines: 3)
            out += "<text x=\"\(f(width - right + 50))\" y=\"\(f(ly + 4))\">"
            for (m, l) in lines.enumerated() { out += m == 0 ? escape(l) : "<tspan x=\"\(f(width - right + 50))\" dy=\"14\">\(escape(l))</tspan>" }
            out += "</text>\n"
            ly += 22 + Double(lines.count - 1) * 14
        }
        if ranged {
            let mx = width - right + 32
            out += "<path d=\"M\(f(mx)),\(f(ly - 7)) L\(f(mx)),\(f(ly + 7)) M\(f(mx - 6)),\(f(ly - 7)) L\(f(mx + 6)),\(f(ly - 7)) M\(f(mx - 6)),\(f(ly + 7)) L\(f(mx + 6)),\(f(ly + 7))\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>"
            out += "<text x=\"\(f(width - right + 50))\" y=\"\(f(ly + 4))\">\(escape(clip(rangeLabel, 40)))</text>\n"
        }
        out += "</g>\n"
        out += sourceLine(source, y: height - 18)
        return out + "</svg>\n"
    }

    /// A histogram of samples: bars of counts over equal bins from `lower` to `upper` (the first
    /// and last bins also count the samples beyond them), with a vertical line at each
    /// percentile and the mean.
    package static func histogram(counts: [Int], lower: Double, upper: Double, markers: [(label: String, x: Double)],
                                 title: String, xLabel: String, source: String, frame: Frame = Frame()) -> String {
        var out = header(title: title, frame: frame)
        let left = 90.0, right = 60.0, top = 80.0, bottom = 110.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let total = Swift.max(1, counts.reduce(0, +))
        let shares = counts.map { Double($0) / Double(total) * 100 }
        let yTicks = niceTicks(0, Swift.max(shares.max() ?? 1, 1e-9))
        let yMax = yTicks.last ?? 1
        let xTicks = niceTicks(lower, upper).filter { $0 >= lower - 1e-9 * abs(lower) && $0 <= upper + 1e-9 * abs(upper) }
        let span = Swift.max(upper - lower, 1e-300)
        func px(_ x: Double) -> Double { left + (x - lower) / span * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - y / yMax * plotHeight }
        out += "<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n"
        for t in yTicks {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(t)))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 8))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(escape(tickText(t)))</text>\n"
        }
        for t in xTicks {
            out += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(px(t)))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotHeight + 20))\" text-anchor=\"middle\">\(escape(tickText(t)))</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>\n"
        let cy = top + plotHeight / 2
        out += "<text x=\"\(f(left - 62))\" y=\"\(f(cy))\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 \(f(left - 62)) \(f(cy)))\">Share of samples (%)</text>\n"
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 45))\" text-anchor=\"middle\" font-size=\"13\">\(escape(xLabel))</text>\n"
        out += "</g>\n"
        let binWidth = plotWidth / Double(Swift.max(counts.count, 1))
        for (k, share) in shares.enumerated() {
            let a = lower + span * Double(k) / Double(counts.count), b = lower + span * Double(k + 1) / Double(counts.count)
            out += "<rect class=\"bin\" x=\"\(f(left + binWidth * Double(k)))\" y=\"\(f(py(share)))\" width=\"\(f(Swift.max(binWidth - 1, 0.5)))\" height=\"\(f(py(0) - py(share)))\" fill=\"\(palette[0])\" fill-opacity=\"0.75\"><title>\(escape(tickText(a))) to \(escape(tickText(b))): \(counts[k]) samples</title></rect>\n"
        }
        for (n, m) in markers.enumerated() where m.x.isFinite && m.x >= lower && m.x <= upper {
            let color = palette[(n + 1) % palette.count]
            out += "<line class=\"marker\" x1=\"\(f(px(m.x)))\" y1=\"\(f(top - 4))\" x2=\"\(f(px(m.x)))\" y2=\"\(f(top + plotHeight))\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n"
            out += "<text x=\"\(f(px(m.x)))\" y=\"\(f(top - 10 - Double(n % 2) * 14))\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(color)\">\(escape(m.label)) \(escape(tickText(m.x)))</text>\n"
        }
        out += sourceLine(source, y: height - 18)
        return out + "</svg>\n"
    }

    /// The document's start: the XML declaration for a file of its own, the `<svg>` element
    /// with its accessible name and description, the background and the visible title.
    package static func header(title: String, frame: Frame = Frame()) -> String {
        let id = frame.id ?? "chart"
        let description = frame.description.isEmpty ? title : frame.description
        return """
        \(frame.id == nil ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "")<svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" role="img" aria-labelledby="\(escape(id))-title \(escape(id))-desc" font-family="DejaVu Sans, Arial, Helvetica, sans-serif">
        <title id="\(escape(id))-title">\(escape(title))</title>
        <desc id="\(escape(id))-desc">\(escape(description))</desc>
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
        <text x="\(f(width / 2))" y="32" text-anchor="middle" font-size="18" font-weight="bold" fill="#111">\(escape(title))</text>

        """
    }

    /// The longest legend line, in characters (about 180 px at 12 px).
    package static let legendLineLength = 27

    /// The legend: each series' line and its label wrapped onto up to three lines (longer
    /// labels are clipped at the end), then the band and the published points if drawn.
    package static func legend(_ labels: [String], x: Double, y: Double, band: Bool, bandLabel: String = "range of the inputs",
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
    package static func wrap(_ s: String, _ n: Int, maxLines: Int) -> [String] {
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

    package static func sourceLine(_ text: String, y: Double) -> String {
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

    package static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    /// A coordinate with one decimal.
    package static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : NumberText.exact(r)
    }

    package static func tickText(_ x: Double) -> String { NumberText.format(x, significantDigits: 4) }

    /// About five round ticks from 0 (or `lo`) to at least `hi`.
    package static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
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

    package static func yearTicks(_ a: Double, _ b: Double) -> [Double] {
        let span = b - a
        let step = span <= 12 ? 1.0 : span <= 30 ? 5.0 : 10.0
        var out: [Double] = []
        var y = (a / step).rounded(.up) * step
        while y <= b { out.append(y); y += step }
        return out
    }
}
