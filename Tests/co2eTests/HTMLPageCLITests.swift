// --html FILE: one self-contained page per estimate (an estimate, a projection, a Monte Carlo,
// a net position), read back as a page a browser would load with no network.
import Foundation
import Testing
@testable import co2e

/// Runs `arguments` with `--html` into a new folder named `dir` (which may hold characters HTML
/// must escape) and returns the run and the page.
private func page(_ arguments: [String], dir: String = "page") throws -> (CLIRun, String, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("co2e-html-\(UUID().uuidString)").appendingPathComponent(dir)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("page.html").path
    let r = runCLI(arguments + ["--html", path])
    #expect(r.code == 0, "\(r)")
    return (r, try String(contentsOfFile: path, encoding: .utf8), path)
}

/// Every way a page could load something or run code: a script, an external stylesheet,
/// image, frame or font, an event handler attribute, a javascript: link.
private func selfContainedProblems(_ html: String) -> [String] {
    // An inline SVG's namespace and a reference to a pattern on the page are not loads.
    let lower = html.lowercased().replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        .replacingOccurrences(of: "url(#", with: "")
    var problems: [String] = []
    for needle in ["<script", "<link", "<iframe", "<object", "<embed", "<img", "@import", "url(", "javascript:", " src=", "srcset=", " onload=", " onerror=", " onclick="] where lower.contains(needle) {
        problems.append(needle)
    }
    // Links to sources are fine (a reader follows them); nothing else may name a web address.
    var rest = Substring(lower)
    while let r = rest.range(of: "http") {
        let before = rest[..<r.lowerBound].suffix(6)
        if !before.hasSuffix("href=\"") && !before.hasSuffix("\">") { problems.append(String(rest[r.lowerBound...].prefix(60))) }
        rest = rest[r.upperBound...]
    }
    return problems
}

/// The page's structure a reader needs: headings, header cells, and charts with text.
private func checkStructure(_ html: String, charts: Int, sources: Bool = true) {
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"en\">"))
    #expect(html.contains("<meta name=\"viewport\""))
    #expect(html.components(separatedBy: "<h1>").count == 2, "one h1")
    #expect(html.contains("<h2 id=\"results\">Results</h2>"))
    #expect(html.contains("<h2 id=\"sources\">Sources</h2>") == sources)
    #expect(html.contains("<th scope=\"col\">") && html.contains("<th scope=\"row\">"))
    #expect(html.contains("@media print"))
    let svgs = html.components(separatedBy: "<svg").count - 1
    #expect(svgs >= charts, "\(svgs) charts, expected at least \(charts)")
    // Each chart: a role, a title and a description (its text alternative), and its numbers.
    #expect(html.components(separatedBy: "role=\"img\"").count - 1 == svgs)
    #expect(html.components(separatedBy: "<title id=").count - 1 == svgs)
    #expect(html.components(separatedBy: "<desc id=").count - 1 == svgs)
    #expect(html.components(separatedBy: "The chart's numbers").count - 1 == svgs)
}

@Suite struct HTMLPageCLITests {
    @Test func anEstimateWithGridsSideBySide() throws {
        let (r, html, path) = try page(["training", "--energy", "50..60GWh", "--grid", "FR", "--grid", "US"])
        #expect(r.out.hasSuffix("HTML written to \(path).\n"))
        #expect(selfContainedProblems(html).isEmpty, "\(selfContainedProblems(html))")
        checkStructure(html, charts: 1)
        #expect(html.contains("<a href=\"https://"), "the sources are linked")
        #expect(html.contains(">FR<") && html.contains(">US<"))
    }

    @Test func aProjection() throws {
        let (_, html, _) = try page(["project", "--scenario", "iea-2025-base", "--scenario", "morgan-stanley-2024"])
        #expect(selfContainedProblems(html).isEmpty, "\(selfContainedProblems(html))")
        checkStructure(html, charts: 1)
        #expect(html.contains("iea-2025-base") && html.contains("morgan-stanley-2024"))
    }

    @Test func aMonteCarloKeepsItsJSONLineAlone() throws {
        let (r, html, path) = try page(["montecarlo", "--samples", "20000"])
        // Standard output is the JSON line alone; the note goes to standard error.
        #expect(r.out.split(separator: "\n").count == 1)
        #expect(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) is [String: Any])
        #expect(r.err.contains("HTML written to \(path)."))
        #expect(selfContainedProblems(html).isEmpty, "\(selfContainedProblems(html))")
        checkStructure(html, charts: 1, sources: false)   // the peer benchmark's factors have no sources
        #expect(html.contains("histogram") || html.contains("Histogram"))
        #expect(html.contains("p5") || html.contains("5th"))
    }

    @Test func aNetPosition() throws {
        let (_, html, _) = try page(["net", "--emissions", "15Mt/y", "--growth", "5%/y", "--portfolio", "microsoft", "--from", "2025", "--to", "2040"])
        #expect(selfContainedProblems(html).isEmpty, "\(selfContainedProblems(html))")
        checkStructure(html, charts: 1)
        #expect(html.contains("2025") && html.contains("2040"))
    }

    @Test func inputTextIsEscaped() throws {
        // The command line is shown on the page; a path holding markup stays text.
        let (_, html, _) = try page(["training", "--energy", "50GWh", "--grid", "US"], dir: "<b>x&\"y</b>")
        #expect(!html.contains("<b>x"))
        #expect(html.contains("&lt;b&gt;x&amp;&quot;y&lt;/b&gt;"))
        #expect(selfContainedProblems(html).isEmpty)
    }

    @Test func aListingHasNoPage() {
        let r = runCLI(["factors", "US", "--html", "/tmp/co2e-never-written.html"])
        #expect(r.code == 2, "\(r)")
        #expect(r.err.contains("--html"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/co2e-never-written.html"))
        for list in [["project", "--list"], ["removals", "--list"], ["check", "--list"], ["company", "--list"], ["factors", "--list"]] {
            let r = runCLI(list + ["--html", "/tmp/co2e-never-written.html"])
            #expect(r.code == 2 && r.err.contains("--html"), "\(list): \(r)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/co2e-never-written.html"))
    }

    /// As README says: the listings that carry sources and figures are an estimate's tables.
    @Test func theListingsWithSourcesGiveAPage() throws {
        for list in [["training", "--list-models"], ["inference", "--list-figures"], ["inference", "--list-accelerators"]] {
            let (r, html, _) = try page(list)
            #expect(r.code == 0, "\(list): \(r)")
            #expect(html.contains("<h2") && html.contains("Sources"), "\(list)")
        }
    }
}
