/// Where a number comes from: enough to cite it and to check its licence. A grid-factor table,
/// a report, a paper, a standard: any kind.
public struct Source: Sendable, Hashable {
    /// What kind of work it is.
    package enum Kind: String, Sendable, Hashable {
        /// A published data set (OWID/Ember, eGRID).
        case dataset
        /// A report (IEA Energy and AI, LBNL).
        case report
        /// A peer-reviewed or preprint paper (Patterson et al. 2021).
        case paper
        /// A company's disclosure, model card or documentation page.
        case disclosure
        /// A standard or guidance (GHG Protocol Scope 2 Guidance).
        case standard
        /// A news article.
        case article
    }

    /// Short stable id: `owid-ember-2025`, `patterson2021`.
    public let id: String
    /// What kind of work it is.
    package let kind: Kind
    /// The work's title.
    public let title: String
    /// Who published it (an organisation, or the authors).
    public let publisher: String
    /// Year or date of the release used.
    public let published: String
    /// The licence or terms the numbers are used under.
    package let licence: String
    /// Where to read it.
    public let url: String
    /// How co2e read it: the work itself, a faithful copy, or only secondary coverage (nil for
    /// a source that does not say, such as one in a user's file).
    public let read: Reading?

    /// A source with its id and citation fields.
    package init(id: String, kind: Kind = .dataset, title: String, publisher: String, published: String,
                licence: String, url: String, read: Reading? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.publisher = publisher
        self.published = published
        self.licence = licence
        self.url = url
        self.read = read
    }

    /// One line to cite the source, ending with how it was read when that is known.
    package var citation: String {
        [title, publisher, published, licence, url].filter { !$0.isEmpty }.joined(separator: ", ")
            + (read.map { " [\($0.description)]" } ?? "")
    }

    /// The source as JSON: `id`, `kind`, `title`, `publisher`, `published`, `licence`, `url`,
    /// and `read` when known.
    package var json: JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(id)), ("kind", .string(kind.rawValue)), ("title", .string(title)),
                                        ("publisher", .string(publisher)), ("published", .string(published)),
                                        ("licence", .string(licence)), ("url", .string(url))]
        if let read { m.append(("read", .string(read.rawValue))) }
        return .object(m)
    }
}

/// How a figure or a source was read: the `read` column every bundled catalogue row carries
/// (data/README.md, "Every row says how it was read").
public enum Reading: String, Sendable, Hashable, CaseIterable {
    /// The publisher's own document, data file or page.
    case primary
    /// A faithful copy of it: a verbatim reprint, a mirror, a table copied in a repository.
    case copy
    /// Only coverage of it (news, summaries): the primary was not read.
    case secondary

    /// For people: "read from the primary", "read through a faithful copy", "read only
    /// through secondary coverage".
    public var description: String {
        switch self {
        case .primary: return "read from the primary"
        case .copy: return "read through a faithful copy"
        case .secondary: return "read only through secondary coverage"
        }
    }

    /// The accepted values, for errors.
    package static let accepted = allCases.map(\.rawValue).joined(separator: ", ")

    /// `text` as a reading; nil when empty.
    ///
    /// - Throws: `CO2eError.invalidData` (code `invalid_value`, field `read`) for another word,
    ///   at `file` and `line` when given.
    package static func parse(_ text: String, file: String? = nil, line: Int? = nil) throws -> Reading? {
        let t = text.trimmingSpaces
        if t.isEmpty { return nil }
        guard let r = Reading(rawValue: t.lowercased()) else {
            throw CO2eError(.invalidData, "is not a way a figure was read", code: .invalidValue, field: "read",
                            value: t, accepted: accepted, file: file, line: line)
        }
        return r
    }
}

/// A number's source and where in it the number was read: a data file's line
/// (`grid-factors/countries.csv:1845`), or a page and table (`p. 7, Table 4`).
package struct Citation: Sendable, Hashable {
    /// The source's id (an entry of the estimate's `sources`).
    package let source: String
    /// Where the number was read.
    package let at: String

    /// A citation of `source` at a file and line, or a page and table.
    package init(source: String, at: String) {
        self.source = source
        self.at = at
    }

    /// `{"source": ..., "at": ...}`.
    package var json: JSONValue { .object([("source", .string(source)), ("at", .string(at))]) }
}
