import CO2eCore

/// The functional unit R of an SCI score (Green Software Foundation, ISO/IEC 21031:2024): a
/// number of queries, of tokens, or of training runs.
package struct FunctionalUnit: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case query, token, run
    }
    package let kind: Kind
    /// How many of `kind` one unit holds: 1 query, 1,000,000 tokens.
    package let size: Double

    package init(_ kind: Kind, size: Double = 1) {
        (self.kind, self.size) = (kind, size)
    }

    /// What is accepted, for errors.
    package static let accepted = "query, 1000queries, 1M-tokens (or 1e6tokens, token), run"

    /// `query`, `1000queries`, `1M-tokens`, `1e6 tokens`, `token`, `run`: an optional count, then
    /// the unit (singular or plural).
    ///
    /// - Throws: `CO2eError.invalidInput` naming `field`, the text and what is accepted.
    package static func parse(_ text: String, field: String) throws -> FunctionalUnit {
        let words: [(String, Kind)] = [("queries", .query), ("query", .query), ("tokens", .token), ("token", .token), ("runs", .run), ("run", .run)]
        let trimmed = text.trimmingSpaces
        let lower = trimmed.lowercased()
        guard let (word, kind) = words.first(where: { lower.hasSuffix($0.0) }) else {
            throw CO2eError.input(field, text, "is not a functional unit", accepted: accepted)
        }
        var prefix = Substring(trimmed.dropLast(word.count))
        while let last = prefix.last, last == " " || last == "-" || last == "_" { prefix.removeLast() }
        guard !prefix.isEmpty else { return FunctionalUnit(kind) }
        let n: Double
        do {
            n = try Count.parse(String(prefix)).number
        } catch {
            throw CO2eError.input(field, text, "does not start with a count of \(word)", accepted: accepted)
        }
        guard n.isFinite, n > 0 else {
            throw CO2eError.input(field, text, "is a count of \(word) that is not above zero", accepted: accepted, code: .valueOutOfRange)
        }
        return FunctionalUnit(kind, size: n)
    }

    /// "query", "1,000 queries", "1M tokens", "training run".
    package var label: String {
        let one = size == 1
        let count = size == 1e6 ? "1M" : NumberText.format(size, significantDigits: 6)
        switch kind {
        case .query: return one ? "query" : "\(count) queries"
        case .token: return one ? "token" : "\(count) tokens"
        case .run: return one ? "training run" : "\(count) training runs"
        }
    }

    /// The result's key: `sci_per_query`, `sci_per_token`, `sci_per_run` for one of a kind (the
    /// default, a query, keeps its key), else `sci_per_unit`.
    package var key: String { size == 1 ? "sci_per_\(kind.rawValue)" : "sci_per_unit" }
}

/// The SCI score, written once: SCI = ((E × I) + M) / R (Green Software Foundation, ISO/IEC
/// 21031:2024), with E × I the operational (location-based) emissions, M the embodied share and
/// R the number of functional units.
package enum SCI {
    /// Adds the life-cycle emissions, (E × I) + M, to `formula`.
    package static func lifeCycle(to formula: inout Formula, operational: Variable<MassDimension>, embodied: Variable<MassDimension>) -> Variable<MassDimension> {
        let lifeCycle = formula.value("life_cycle", MassDimension.self)
        formula.compute { v in v[lifeCycle] = v[operational] + v[embodied] }
        return lifeCycle
    }

    /// Adds the score, life cycle / R, to `formula` under `key`.
    package static func score(to formula: inout Formula, lifeCycle: Variable<MassDimension>, units: Variable<CountDimension>, key: String) -> Variable<MassDimension> {
        let score = formula.value(key, MassDimension.self)
        formula.compute { v in v[score] = v[lifeCycle] / v[units].number }
        return score
    }

    /// The trail's assumption for `unit`.
    package static func assumption(_ unit: FunctionalUnit) -> String {
        "SCI = ((E × I) + M) per R (Green Software Foundation, ISO/IEC 21031:2024): E × I is the location-based emissions of the energy, M the embodied share, R the number of functional units (the unit here: \(unit.label))."
    }
}
