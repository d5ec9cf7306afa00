import CO2eKit

/// The options every command takes for how its result is written: the format, and for an
/// estimate the headline figures only or one number. The CLI reads them; no command does.
enum OutputOptions {
    static let json = Flag("json", "Print the result as JSON (same content as the text).")
    static let csv = Flag("csv", "Print the result as CSV: an estimate's steps and results, or a listing's rows.")
    static let summary = Flag("summary", "Print only the headline figures (an estimate's results, and each part's).")
    static let value = Option<String>("value", "KEY", "Print one figure by its key (location_based, market_based, facility_energy; grid_2.location_based in a part), as one number and its unit, for scripts: '552123 kg'; for a range the central value (its middle; the median of samples), KEY:low or KEY:high for its ends.")

    static var options: [any OptionDeclaration] { [json, csv, summary, value] }

    static var rules: [Rule] {
        [.conflicts(json, csv), .conflicts(value, json), .conflicts(value, csv), .conflicts(value, summary)]
    }

    /// The format the options ask for.
    enum Format { case text, json, csv }

    static func format(_ a: Arguments) -> Format {
        a[json] ? .json : a[csv] ? .csv : .text
    }
}
