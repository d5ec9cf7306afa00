import CO2eKit

/// What a command returns: a value that the CLI renders in the format asked for (text, JSON,
/// CSV) and writes. No command prints or chooses a format; each format has one renderer.
struct Output {
    /// The result itself.
    enum Body {
        /// An estimate with its trail: every format renders it (`--summary` and `--value`
        /// select from it).
        case estimate(Estimate)
        /// A list of items (zones, scenarios, deals, claims) for people and the same items for
        /// programs.
        case listing(Listing)
        /// Text already in its final form, written as it is (a partial result for `--merge`, an
        /// Impact Framework manifest); `--json`, `--csv` and `--summary` are refused for it.
        case document(String)
        /// A result written to a file: its text form is what was written (`summary`, one line
        /// each), since the file holds the rows; JSON and CSV give the estimate.
        case written(Estimate, summary: [String])
        /// A one-line result for a benchmark (montecarlo's JSON line) and the estimate it
        /// summarises: text and JSON write the line as the benchmark reads it; `--summary`,
        /// `--csv`, the HTML page and `--value` give the estimate.
        case measured(String, Estimate)
    }

    /// The result.
    var body: Body
    /// Lines said after a text result, to standard output ("Chart written to c.svg.").
    var notes: [String] = []
    /// Lines for standard error (rows left out with `--on-error skip`).
    var diagnostics: [String] = []

    init(_ body: Body, notes: [String] = [], diagnostics: [String] = []) {
        self.body = body
        self.notes = notes
        self.diagnostics = diagnostics
    }

    /// An estimate.
    static func estimate(_ e: Estimate, notes: [String] = []) -> Output { Output(.estimate(e), notes: notes) }
    /// A listing.
    static func listing(_ l: Listing) -> Output { Output(.listing(l)) }
    /// Final text.
    static func document(_ text: String) -> Output { Output(.document(text)) }
}

/// A list of items as one value: blocks of lines and aligned columns for people, and the same
/// items as JSON for programs. The CSV form is each block of columns with its header.
struct Listing {
    /// One piece of the text form.
    enum Block {
        /// One line of text (a heading, a summary); control characters are escaped when printed.
        case line(String)
        /// Rows of columns: the header, then the rows. Printed aligned, two spaces apart; the
        /// last column wraps to the terminal's width under itself.
        case columns(header: [String]?, rows: [[String]])
        /// An empty line between sections.
        case blank
    }

    /// The text form, in order.
    var blocks: [Block]
    /// The JSON form.
    var json: JSONValue

    init(_ blocks: [Block], json: JSONValue) {
        self.blocks = blocks
        self.json = json
    }
}
