/// A table in an estimate's trail: a series of rows such as year x region x scenario, the hours
/// of an hourly run, or estimates side by side. Text, JSON and CSV render from the same value.
package struct Table: Sendable, Hashable {
    /// A column: stable key, heading, and the unit of its numbers (empty for text).
    package struct Column: Sendable, Hashable {
        /// Stable snake_case key: the JSON member and the CSV column.
        package let key: String
        /// The heading people read.
        package let label: String
        /// The unit of the column's numbers (`kg`, `g/kWh`); empty for text.
        package let unit: String

        /// A column with its key, heading and unit.
        package init(_ key: String, _ label: String, unit: String = "") {
            self.key = key
            self.label = label
            self.unit = unit
        }
    }

    /// One cell: text, a plain number in its column's unit, or a value with its spread.
    package enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case value(Value)
        /// An exact decimal in its column's unit (`0.000001031628270737044524`): printed to six
        /// significant digits, written in full in JSON (as a string) and CSV.
        case decimal(String)

        /// The cell as printed.
        package var text: String {
            switch self {
            case let .text(t): return t
            case let .decimal(t): return Double(t).map { NumberText.format($0, significantDigits: 6) } ?? t
            case let .number(x): return NumberText.format(x, significantDigits: 6)
            case let .value(v): return v.text
            }
        }
    }

    /// Stable snake_case key of the table (`grids`, `years`).
    package let key: String
    /// The title printed above the table.
    package let title: String
    /// The columns, in order.
    package let columns: [Column]
    /// The rows, each with one cell per column.
    package var rows: [[Cell]]

    /// A table; rows may be appended later.
    package init(key: String, title: String, columns: [Column], rows: [[Cell]] = []) {
        self.key = key
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The table as CSV: a header of column keys (with their unit: `location_based_kg`), then
    /// one line per row; values in their column's unit, exact as written for a machine; bounds
    /// as `low..high` (co2e's range syntax), percentiles as their mean.
    package var csv: String {
        var header: [String] = []
        for c in columns { header.append(c.unit.isEmpty ? c.key : "\(c.key)_\(CSV.safeUnit(c.unit))") }
        var out = CSV.line(header)
        for row in rows {
            out += CSV.line(row.map { cell in
                switch cell {
                case let .text(t), let .decimal(t): return t
                case let .number(x): return NumberText.exact(x)
                case let .value(v):
                    switch v.spread {
                    case let .exact(x): return NumberText.exact(x)
                    case let .bounds(a, b): return NumberText.exact(a) + ".." + NumberText.exact(b)
                    case let .percentiles(p): return NumberText.exact(p.mean)
                    }
                }
            })
        }
        return out
    }
}

/// Something a careful reader must know: a warning, or an assumption the estimate makes.
public struct Note: Sendable, Hashable {
    /// Stable snake_case key (`lifecycle_factor`, `no_residual_mix`, `year_length`).
    public let key: String
    /// The note in words.
    public let text: String

    /// A note with its key and text.
    package init(_ key: String, _ text: String) {
        self.key = key
        self.text = text
    }

    /// `{"key": ..., "text": ...}`.
    package var json: JSONValue { .object([("key", .string(key)), ("text", .string(text))]) }
}
