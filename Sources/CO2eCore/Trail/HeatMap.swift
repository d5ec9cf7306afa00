/// A grid of shares drawn as shades: one row per day, one column per hour of the day, each cell
/// a share from 0 to 1 (an hour's carbon-free share of the load) or nil where there is none (no
/// load in that hour). Like `Chart`, data for renderers that draw; the tables give the figures.
package struct HeatMap: Sendable, Hashable {
    /// Stable snake_case key (`cfe_by_day_and_hour`).
    package let key: String
    package let title: String
    /// What a row is ("Day (UTC)") and its label per row (`2022-01-01`).
    package let rowLabel: String
    package let rows: [String]
    /// What a column is ("Hour of the day (UTC)") and its label per column (`00`).
    package let columnLabel: String
    package let columns: [String]
    /// What a cell's shade means ("CFE share of the hour's load").
    package let valueLabel: String
    /// Row by row, `rows.count` × `columns.count` cells.
    package let cells: [Double?]

    /// A map of `cells` (row by row); nil unless there are as many cells as rows times columns.
    package init?(key: String, title: String, rowLabel: String, rows: [String], columnLabel: String, columns: [String],
                  valueLabel: String, cells: [Double?]) {
        guard !rows.isEmpty, !columns.isEmpty, cells.count == rows.count * columns.count else { return nil }
        self.key = key
        self.title = title
        self.rowLabel = rowLabel
        self.rows = rows
        self.columnLabel = columnLabel
        self.columns = columns
        self.valueLabel = valueLabel
        self.cells = cells
    }

    /// The cell of a row and a column.
    package subscript(row: Int, column: Int) -> Double? { cells[row * columns.count + column] }
}
