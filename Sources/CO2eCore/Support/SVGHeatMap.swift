extension SVGChart {
    /// The shade of a share from 0 to 1: from a pale yellow (none) to a deep blue-green (all),
    /// one hue ramp read by lightness, so it stays ordered in grey and for colour-blind readers.
    package static func shade(_ share: Double) -> String {
        let t = Swift.min(1, Swift.max(0, share))
        // From #fff7bc (0) through #41b6c4 (0.5) to #0c2c84 (1): YlGnBu's ends and middle.
        let stops: [(Double, Double, Double)] = [(255, 247, 188), (65, 182, 196), (12, 44, 132)]
        let (a, b, u) = t < 0.5 ? (stops[0], stops[1], t * 2) : (stops[1], stops[2], (t - 0.5) * 2)
        func hex(_ x: Double) -> String {
            let v = Int((x).rounded())
            let h = String(v, radix: 16, uppercase: true)
            return h.count == 1 ? "0" + h : h
        }
        return "#" + hex(a.0 + (b.0 - a.0) * u) + hex(a.1 + (b.1 - a.1) * u) + hex(a.2 + (b.2 - a.2) * u)
    }

    /// A heat map: one row per day from top to bottom, one column per hour, each cell shaded by
    /// its share (hatched grey where there is none), a row tick at the first day of each month
    /// (or every seventh row when the labels are not dates), and a scale from 0 to 100 %.
    package static func heatMap(_ map: HeatMap, source: String, frame: Frame = Frame()) -> String {
        var out = header(title: map.title, frame: frame)
        let left = 110.0, right = 150.0, top = 70.0, bottom = 90.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let cw = plotWidth / Double(map.columns.count), rh = plotHeight / Double(map.rows.count)
        out += "<defs><pattern id=\"\(escape(frame.id ?? "chart"))-none\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#eee\"/><path d=\"M0 6 L6 0\" stroke=\"#aaa\" stroke-width=\"1\"/></pattern></defs>\n"
        out += "<g class=\"cells\" shape-rendering=\"crispEdges\">\n"
        for r in map.rows.indices {
            for c in map.columns.indices {
                let x = left + Double(c) * cw, y = top + Double(r) * rh
                let fill = map[r, c].map(shade) ?? "url(#\(escape(frame.id ?? "chart"))-none)"
                // No tooltip per cell: a year is 8,760 cells; the page's table gives the numbers.
                out += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cw + 0.05))\" height=\"\(f(rh + 0.05))\" fill=\"\(fill)\"/>\n"
            }
        }
        out += "</g>\n<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n"
        for c in map.columns.indices where c % 3 == 0 {
            out += "<text x=\"\(f(left + (Double(c) + 0.5) * cw))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\">\(escape(map.columns[c]))</text>\n"
        }
        let dated = map.rows.allSatisfy { r in let u = Array(r.utf8); return u.count == 10 && u[4] == UInt8(ascii: "-") && u[7] == UInt8(ascii: "-") }
        for r in map.rows.indices where dated ? map.rows[r].hasSuffix("-01") : r % 7 == 0 {
            let y = top + Double(r) * rh
            out += "<line x1=\"\(f(left - 5))\" y1=\"\(f(y))\" x2=\"\(f(left))\" y2=\"\(f(y))\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(escape(dated ? String(map.rows[r].prefix(7)) : map.rows[r]))</text>\n"
        }
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 42))\" text-anchor=\"middle\" font-size=\"13\">\(escape(map.columnLabel))</text>\n"
        let cy = top + plotHeight / 2
        out += "<text x=\"24\" y=\"\(f(cy))\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 24 \(f(cy)))\">\(escape(map.rowLabel))</text>\n"
        // The scale: a column of shades from 100 % (top) to 0 %.
        let sx = left + plotWidth + 40, steps = 20, sh = plotHeight * 0.6 / Double(steps)
        for k in 0..<steps {
            let share = 1 - (Double(k) + 0.5) / Double(steps)
            out += "<rect x=\"\(f(sx))\" y=\"\(f(top + Double(k) * sh))\" width=\"20\" height=\"\(f(sh + 0.05))\" fill=\"\(shade(share))\"/>\n"
        }
        for (share, label) in [(1.0, "100 %"), (0.5, "50 %"), (0.0, "0 %")] {
            out += "<text x=\"\(f(sx + 28))\" y=\"\(f(top + (1 - share) * plotHeight * 0.6 + 4))\">\(label)</text>\n"
        }
        out += "<rect x=\"\(f(sx))\" y=\"\(f(top + plotHeight * 0.6 + 20))\" width=\"20\" height=\"12\" fill=\"url(#\(escape(frame.id ?? "chart"))-none)\"/><text x=\"\(f(sx + 28))\" y=\"\(f(top + plotHeight * 0.6 + 30))\">no load</text>\n"
        for (n, line) in wrap(map.valueLabel, 16, maxLines: 3).enumerated() {
            out += "<text x=\"\(f(sx))\" y=\"\(f(top + plotHeight * 0.6 + 56 + Double(n) * 14))\">\(escape(line))</text>\n"
        }
        out += "</g>\n"
        out += sourceLine(source, y: height - 18)
        return out + "</svg>\n"
    }
}
