import CO2eData

/// Reading the removals, equivalents and claims catalogues: a bundled CSV (or a user's file of
/// the same columns), a row's fields by column name, and sources from the catalogue's own
/// `sources.csv` (columns source, kind, title, publisher, published, licence, url).
package struct CatalogRows {
    let table: TableText

    /// The bundled file at `path`.
    package static func bundled(_ path: String) throws -> CatalogRows {
        guard let text = BundledData.file(path) else { throw CO2eError.data("\(path) is not bundled; run 'swift run embed-data'") }
        return CatalogRows(table: TableText(origin: path, storage: .embedded(text)))
    }

    /// A user's file, named `origin` in errors.
    package static func user(bytes: [UInt8], origin: String) -> CatalogRows {
        CatalogRows(table: TableText(origin: origin, storage: .owned(bytes)))
    }

    package var origin: String { table.origin }

    /// Calls `body` with each row (a field reader and the row's `file:line`) until it returns false.
    package func forEach(where column: String? = nil, equals value: String? = nil, _ body: (Row) throws -> Bool) throws {
        try table.forEachRow(where: column, equals: value) { header, record in
            try body(Row(header: header, record: record, origin: table.origin))
        }
    }

    /// The values of `column` in every row.
    package func column(_ name: String) throws -> [String] {
        var out: [String] = []
        try forEach { out.append(try $0[name]); return true }
        return out
    }

    package struct Row {
        let header: CSVHeader
        let record: CSVRecord
        package let origin: String

        /// `file:line` of the row.
        package var place: String { "\(origin):\(record.line)" }

        /// The trimmed field in column `name`; a missing column is a data error.
        package subscript(_ name: String) -> String {
            get throws {
                let k = try header.require(name)
                guard k < record.fields.count else { return "" }
                return record.fields[k].trimmingSpaces
            }
        }

        /// The field, or nil when the column is absent or the field empty.
        package func optional(_ name: String) -> String? {
            guard let k = header.index(of: name), k < record.fields.count else { return nil }
            let v = record.fields[k].trimmingSpaces
            return v.isEmpty ? nil : v
        }

        /// A data error at this row: `file:line: column 'value' reason`.
        package func bad(_ column: String, _ value: String, _ reason: String, accepted: String? = nil) -> CO2eError {
            CO2eError(.invalidData, "\(column) '\(EchoedText.value(value))' \(reason)" + (accepted.map { " (accepted: \($0))" } ?? ""),
                      file: origin, line: record.line)
        }

        /// A number in column `name` (nil when empty).
        package func number(_ name: String) throws -> Double? {
            guard let text = optional(name) else { return nil }
            guard let x = NumberText.parse(text), x.isFinite else { throw bad(name, text, "is not a number") }
            return x
        }

        /// How the row's figure was read (column `read`; nil when the column is absent or empty).
        ///
        /// - Throws: `CO2eError.invalidData` (field `read`) for a word other than primary, copy, secondary.
        package func reading() throws -> Reading? {
            guard let text = optional("read") else { return nil }
            return try Reading.parse(text, file: origin, line: record.line)
        }

        /// A year in column `name` (nil when empty).
        package func year(_ name: String) throws -> Int? {
            guard let text = optional(name) else { return nil }
            do { return try Year.parse(text) } catch { throw bad(name, text, "is not a year from 1900 to 2100") }
        }
    }

    /// The source with `id` from the sources file at `path`.
    package static func source(_ id: String, in path: String, usedAt place: String) throws -> Source {
        var found: Source?
        try bundled(path).forEach(where: "source", equals: id) { row in
            guard try row["source"] == id else { return true }
            found = Source(id: id, kind: Source.Kind(rawValue: try row["kind"]) ?? .report, title: try row["title"],
                           publisher: try row["publisher"], published: try row["published"], licence: try row["licence"],
                           url: try row["url"], read: try row.reading())
            return false
        }
        guard let found else { throw CO2eError.data("\(place): source '\(id)' is not in \(path)") }
        return found
    }

}
