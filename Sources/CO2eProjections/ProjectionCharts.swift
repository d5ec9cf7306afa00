import CO2eCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The projection charts, drawn with the core's chart writer (`SVGChart`).
extension SVGChart {
    /// The trajectories of a projection: electricity (TWh/y) and emissions (Mt CO2e/y) per
    /// year, one line per series, a band where a series is a range. For a Monte Carlo run the
    /// band is p5 to p95 and the line the median, and the source line says so.
    package static func projection(_ result: ProjectionResult, title: String, frame: Frame = Frame()) -> String {
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
        guard let mc = result.monteCarlo else { return lines(panels, title: title, xLabel: "Year", source: result.sourceLine, frame: frame) }
        let n = NumberText.format(Double(mc.samples), significantDigits: 12)
        return lines(panels, title: title, xLabel: "Year",
                     source: result.sourceLine + " Monte Carlo band: p5–p95 of \(n) samples, seed \(mc.seed); line: median.",
                     bandLabel: "p5–p95 (Monte Carlo)", frame: frame)
    }

    /// A tornado chart: one bar per input from the total at its low end to the total at its
    /// high end, widest first, around the central value.
    package static func tornado(_ rows: [TornadoRow], central: Double?, title: String, xLabel: String, source: String,
                                frame: Frame = Frame()) -> String {
        var out = header(title: title, frame: frame)
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
}
