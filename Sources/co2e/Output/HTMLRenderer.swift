import CO2eKit

/// `--html FILE`: an estimate as one self-contained page to share. No script and no network:
/// inline CSS and inline SVG charts. The results, the trail (steps, parts and tables as tables
/// with header cells), the charts (each with a text alternative and its numbers in a table),
/// the warnings, the assumptions and the sources with their links. Readable on a phone (the
/// viewport, tables that scroll sideways) and in print. Every text from inputs is escaped for
/// HTML, control characters included, as the terminal renderers escape them.
struct HTMLRenderer: Renderer {
    /// The command line the page was made with, shown under the title.
    var command: String?

    func render(_ body: Output.Body) throws -> String {
        switch body {
        case let .estimate(e), let .written(e, _), let .measured(_, e): return page(e)
        case .listing: throw Refusal.noEstimate(OutputOptions.html, Refusal.list)
        case .document: throw Refusal.noEstimate(OutputOptions.html, Refusal.document)
        }
    }

    /// The page.
    func page(_ e: Estimate) -> String {
        var ids = IDs()
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="co2e \(CLI.version)" />
        <title>\(h(e.title)) — co2e</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <main>
        <h1>\(h(e.title))</h1>

        """
        if let command { out += "<p class=\"command\">Made with <code>\(h(command))</code> (co2e \(CLI.version)).</p>\n" }
        let results = Self.allResults(e)
        if !results.isEmpty {
            out += "<section aria-labelledby=\"results\">\n<h2 id=\"results\">Results</h2>\n"
            out += stepTable(results, caption: "Results", first: "Figure", id: ids.next("results-table"))
            out += "</section>\n"
        }
        if !e.warnings.isEmpty {
            out += "<section aria-labelledby=\"warnings\" class=\"warnings\">\n<h2 id=\"warnings\">Warnings</h2>\n<ul>\n"
            for w in e.warnings { out += "<li>\(h(w.text))</li>\n" }
            out += "</ul>\n</section>\n"
        }
        let charts = HTMLCharts.charts(e)
        if !charts.isEmpty {
            out += "<section aria-labelledby=\"charts\">\n<h2 id=\"charts\">Charts</h2>\n"
            for c in charts { out += chart(c, id: ids.next("chart")) }
            out += "</section>\n"
        }
        out += "<section aria-labelledby=\"trail\">\n<h2 id=\"trail\">How it was computed</h2>\n"
        out += trail(e, level: 3, ids: &ids)
        out += "</section>\n"
        if !e.assumptions.isEmpty {
            out += "<section aria-labelledby=\"assumptions\">\n<h2 id=\"assumptions\">Assumptions</h2>\n<ul>\n"
            for a in e.assumptions { out += "<li>\(h(a.text))</li>\n" }
            out += "</ul>\n</section>\n"
        }
        if !e.sources.isEmpty {
            let cited = Rendering.citations(e)
            out += "<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n<ul class=\"sources\">\n"
            for s in e.sources {
                out += "<li id=\"source-\(h(s.id))\"><strong>\(h(s.id))</strong>: " + link(s.title, s.url)
                let rest = [s.publisher, s.published, s.licence].filter { !$0.isEmpty }
                if !rest.isEmpty { out += ", " + h(rest.joined(separator: ", ")) }
                if let read = s.read { out += " <span class=\"read\">[\(h(read.description))]</span>" }
                if let at = cited[s.id], !at.isEmpty { out += "<br /><span class=\"at\">Read at: \(h(at.joined(separator: "; ")))</span>" }
                if !s.url.isEmpty && !Self.isWebAddress(s.url) { out += "<br /><span class=\"at\">Address: \(h(s.url))</span>" }
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        out += "</main>\n<footer><p>Every figure above carries its source; the same trail is printed by the command without --html, or as JSON with --json.</p></footer>\n</body>\n</html>\n"
        return out
    }

    /// The results of the estimate, or when it has none of its own, each part's (under the
    /// part's title).
    static func allResults(_ e: Estimate) -> [Estimate.Step] {
        if !e.results.isEmpty || e.parts.isEmpty { return e.results }
        return e.parts.flatMap { p in p.results.map { Estimate.Step($0.key, "\(p.title): \($0.label)", $0.value, how: $0.how, citations: $0.citations) } }
    }

    /// Steps, parts, tables and results, headings from `level` (at most h6).
    func trail(_ e: Estimate, level: Int, ids: inout IDs) -> String {
        var out = ""
        let hn = "h\(min(level, 6))"
        if !e.steps.isEmpty { out += stepTable(e.steps, caption: "Steps of \(e.title)", first: "Step", id: ids.next("steps")) }
        for part in e.parts {
            let id = ids.next("part")
            out += "<section aria-labelledby=\"\(id)\" class=\"part\">\n<\(hn) id=\"\(id)\">\(h(part.title))</\(hn)>\n"
            out += trail(part, level: level + 1, ids: &ids)
            out += "</section>\n"
        }
        for t in e.tables { out += table(t, id: ids.next("table")) }
        if !e.results.isEmpty && level > 3 { out += stepTable(e.results, caption: "Results of \(e.title)", first: "Figure", id: ids.next("results")) }
        return out
    }

    /// Steps as a table: the label as the row's header, the value, how it was obtained, and
    /// where its number was read (linked to the source).
    func stepTable(_ steps: [Estimate.Step], caption: String, first: String, id: String) -> String {
        var out = "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\">\n<table>\n<caption id=\"\(id)\">\(h(caption))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(h(first))</th><th scope=\"col\">Value</th><th scope=\"col\">How</th></tr></thead>\n<tbody>\n"
        for s in steps {
            var how = h(s.how)
            if !s.citations.isEmpty {
                how += "<br /><span class=\"at\">" + s.citations.map { "<a href=\"#source-\(h($0.source))\">\(h($0.source))</a>, \(h($0.at))" }.joined(separator: "; ") + "</span>"
            }
            out += "<tr><th scope=\"row\">\(h(s.label))</th><td class=\"value\">\(h(s.value.text))</td><td>\(how)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    /// A trail table: its columns as column headers (with their unit), the first cell of each
    /// row as the row's header.
    func table(_ t: Table, id: String) -> String {
        var out = "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\">\n<table>\n<caption id=\"\(id)\">\(h(t.title))</caption>\n<thead><tr>"
        for c in t.columns { out += "<th scope=\"col\">\(h(c.label))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>"
            for (k, cell) in row.enumerated() {
                let numeric: Bool
                switch cell { case .text: numeric = false; default: numeric = true }
                out += k == 0 ? "<th scope=\"row\">\(h(cell.text))</th>" : "<td\(numeric ? " class=\"value\"" : "")>\(h(cell.text))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    /// A chart: the SVG inline with its title and description, a caption, and its numbers as a
    /// table.
    func chart(_ c: HTMLCharts.Drawn, id: String) -> String {
        var out = "<figure class=\"chart\" aria-labelledby=\"\(id)-caption\">\n"
        out += c.svg(SVGChart.Frame(id: id, description: c.description))
        out += "<figcaption id=\"\(id)-caption\">\(h(c.caption))</figcaption>\n"
        out += "<details open=\"open\"><summary>The chart's numbers</summary>\n" + table(c.numbers, id: id + "-numbers") + "</details>\n"
        return out + "</figure>\n"
    }

    /// A link to `url` when it is a web address (http or https); other addresses (a file, a
    /// `javascript:` URL from a user's file) are never made links.
    func link(_ text: String, _ url: String) -> String {
        guard Self.isWebAddress(url) else { return h(text) }
        return "<a href=\"\(h(url))\">\(h(text))</a>"
    }

    static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.unicodeScalars.contains { EchoedText.isControl($0) || $0 == " " }
    }

    /// Text escaped for HTML: `& < > " '` as entities, control characters shown escaped (as
    /// the terminal shows them), so no input can add markup, a script or an escape sequence.
    func h(_ text: String) -> String { SVGChart.escape(text) }

    /// Ids unique in the page.
    struct IDs {
        var used: [String: Int] = [:]
        mutating func next(_ prefix: String) -> String {
            let n = (used[prefix] ?? 0) + 1
            used[prefix] = n
            return "\(prefix)-\(n)"
        }
    }

    static let style = """

    :root { color-scheme: light; }
    body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff; margin: 0; line-height: 1.45; }
    main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin: 1.2rem 0 0.4rem; }
    h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
    h3, h4, h5, h6 { font-size: 1.05rem; margin-top: 1.4rem; }
    .command code { background: #f3f3f3; padding: 0.1rem 0.3rem; overflow-wrap: anywhere; }
    .table-wrap { overflow-x: auto; margin: 0.8rem 0; }
    table { border-collapse: collapse; min-width: 24rem; }
    caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
    th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
    thead th { background: #f0f0f0; }
    tbody th { font-weight: normal; background: #fafafa; }
    td.value { white-space: nowrap; font-variant-numeric: tabular-nums; }
    .at, .read { color: #444; font-size: 0.9em; }
    .warnings li { margin: 0.3rem 0; }
    .sources li { margin: 0.5rem 0; overflow-wrap: anywhere; }
    figure.chart { margin: 1rem 0 2rem; }
    figure.chart svg { max-width: 100%; height: auto; border: 1px solid #eee; }
    figcaption { font-size: 0.95em; color: #333; }
    a { color: #0550ae; }
    a:focus, .table-wrap:focus { outline: 2px solid #0550ae; }
    @media (max-width: 40rem) {
      body { font-size: 0.95rem; }
      h1 { font-size: 1.3rem; }
      table { min-width: 0; }
      td.value { white-space: normal; }
    }
    @media print {
      body { font-size: 10pt; }
      main, footer { max-width: none; }
      .table-wrap { overflow: visible; }
      table { page-break-inside: auto; }
      tr, figure.chart { page-break-inside: avoid; }
      a { color: #000; }
      .sources a[href]::after { content: " (" attr(href) ")"; }
    }

    """
}
