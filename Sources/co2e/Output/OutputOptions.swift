import CO2eKit

/// The options every command takes for how its result is written: the format, and for an
/// estimate the headline figures only or one number. The CLI reads them; no command does.
enum OutputOptions {
    static let json = Flag("json", "Print the result as JSON (same content as the text).")
    static let csv = Flag("csv", "Print the result as CSV: an estimate's steps and results, or a listing's rows.")
    static let summary = Flag("summary", "Print only the headline figures (an estimate's results, and each part's).")
    static let value = Option<String>("value", "KEY", "Print one figure by its key (location_based, market_based, facility_energy; grid_2.location_based in a part), as one number and its unit, for scripts: '552123 kg'; for a range the central value (its middle; the median of samples), KEY:low or KEY:high for its ends.")

    static let html = Option<String>("html", "FILE", "Also write the result as one self-contained HTML page (no script, no network): the trail as tables, the sources with their links, the warnings, and charts with their numbers. Standard output is unchanged; the text ends with 'HTML written to FILE.'.")

    static var options: [any OptionDeclaration] { [json, csv, summary, value, html] }

    static var rules: [Rule] {
        [.conflicts(json, csv), .conflicts(value, json), .conflicts(value, csv), .conflicts(value, summary),
         .conflicts(summary, csv, because: "CSV gives every step; the headline figures alone are for text and JSON")]
    }

    /// The format the options ask for.
    enum Format { case text, json, csv }

    static func format(_ a: Arguments) -> Format {
        a[json] ? .json : a[csv] ? .csv : .text
    }

    /// Checks `--html FILE` before the command runs, so a refused page leaves nothing written:
    /// not empty, not a directory, not a file the command reads or writes (any `FILE` option or
    /// file argument given, or the same path).
    static func checkHTML(_ a: Arguments, options: [any OptionDeclaration]) throws {
        guard let path = a.text(html) else { return }
        func refuse(_ why: String) -> CO2eError {
            CO2eError(.invalidInput, why, code: .outputRefused, field: html.field, value: path, accepted: "a new or existing .html file, such as report.html")
        }
        guard !path.isEmpty else { throw refuse("is empty; give the page's file name") }
        if FileIO.isDirectory(path) || path.hasSuffix("/") { throw refuse("is a directory; give a file path for the page") }
        for o in options where o.name != html.name && (o.placeholder ?? "").contains("FILE") {
            for input in a.texts(o) where input == path || FileIO.sameFile(path, input) {
                throw refuse("is also given to --\(o.name); co2e will not write the page over a file it reads or writes")
            }
        }
        for input in a.positionals where input == path || FileIO.sameFile(path, input) {
            throw refuse("is one of the files given to read; co2e will not write the page over its input")
        }
    }
}
