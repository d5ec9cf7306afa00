/// Where a number comes from: enough to cite it and to check its licence. A grid-factor table,
/// a report, a paper, a standard: any kind.
public struct Source: Sendable, Hashable {
    /// What kind of work it is.
    public enum Kind: String, Sendable, Hashable {
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
    public let kind: Kind
    /// The work's title.
    public let title: String
    /// Who published it (an organisation, or the authors).
    public let publisher: String
    /// Year or date of the release used.
    public let published: String
    /// The licence or terms the numbers are used under.
    public let licence: String
    /// Where to read it.
    public let url: String

    /// A source with its id and citation fields.
    public init(id: String, kind: Kind = .dataset, title: String, publisher: String, published: String,
                licence: String, url: String) {
        self.id = id
        self.kind = kind
        self.title = title
        self.publisher = publisher
        self.published = published
        self.licence = licence
        self.url = url
    }

    /// One line to cite the source.
    public var citation: String {
        [title, publisher, published, licence, url].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// The source as JSON: `id`, `kind`, `title`, `publisher`, `published`, `licence`, `url`.
    public var json: JSONValue {
        .object([("id", .string(id)), ("kind", .string(kind.rawValue)), ("title", .string(title)),
                 ("publisher", .string(publisher)), ("published", .string(published)),
                 ("licence", .string(licence)), ("url", .string(url))])
    }
}

/// A number's source and where in it the number was read: a data file's line
/// (`grid-factors/countries.csv:1845`), or a page and table (`p. 7, Table 4`).
public struct Citation: Sendable, Hashable {
    /// The source's id (an entry of the estimate's `sources`).
    public let source: String
    /// Where the number was read.
    public let at: String

    /// A citation of `source` at a file and line, or a page and table.
    public init(source: String, at: String) {
        self.source = source
        self.at = at
    }

    /// `{"source": ..., "at": ...}`.
    public var json: JSONValue { .object([("source", .string(source)), ("at", .string(at))]) }
}
