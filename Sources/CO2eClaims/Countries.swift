import CO2eCore
import CO2eData

/// One row of the bundled national emissions (`data/countries/emissions.csv`, a 2022 extract of
/// Our World in Data's CO2 dataset): a country or an aggregate, and its emissions by measure.
package struct CountryEmissions: Sendable, Hashable {
    package let country: String
    /// The ISO 3166 alpha-3 code; empty for OWID's aggregates (World, continents, income groups).
    package let isoCode: String
    package let year: Int
    /// Emissions by measure (`CountryMeasure.column`); a measure OWID leaves empty is absent.
    package let values: [CountryMeasure: Mass]
    package let source: Source
    /// The row's `file:line`.
    package let origin: String
}

/// The measures a country can be ranked by.
package enum CountryMeasure: String, Sendable, Hashable, CaseIterable {
    case co2 = "co2_mt"
    case totalGHG = "total_ghg_mt"
    case totalGHGExcludingLUCF = "total_ghg_excluding_lucf_mt"

    package var label: String {
        switch self {
        case .co2: return "CO2 (fossil fuels and industry, excluding land use)"
        case .totalGHG: return "total greenhouse gases including land use (LUCF)"
        case .totalGHGExcludingLUCF: return "total greenhouse gases excluding land use (LUCF)"
        }
    }
}

/// A mass's place among countries by one measure.
package struct CountryRank: Sendable, Hashable {
    package let measure: CountryMeasure
    /// 1 + the number of countries that emitted more.
    package let rank: Int
    /// The countries just above and just below the mass (nil at either end).
    package let above: CountryEmissions?
    package let below: CountryEmissions?
    /// How many countries have a figure for the measure.
    package let countries: Int
}

/// The bundled national emissions.
package enum CountryCatalog {
    package static let path = "data/countries/emissions.csv"
    package static let sourcesPath = "data/countries/sources.csv"

    /// Every row of `year` (countries and aggregates), in file order.
    ///
    /// - Throws: `CO2eError.invalidData` at the row for a number that is not one, a negative
    ///   figure or an unknown source.
    package static func rows(year: Int) throws -> [CountryEmissions] {
        var out: [CountryEmissions] = []
        var sources: [String: Source] = [:]
        try CatalogRows.bundled(path).forEach { row in
            guard try row.requiredYear("year") == year else { return true }
            var values: [CountryMeasure: Mass] = [:]
            for m in CountryMeasure.allCases {
                guard let x = try row.number(m.rawValue) else { continue }
                guard x >= 0 else { throw row.bad(m.rawValue, try row[m.rawValue], "is negative") }
                values[m] = .tonnes(x * 1e6)
            }
            let id = try row["source"]
            let source = try sources[id] ?? CatalogRows.source(id, in: sourcesPath, usedAt: row)
            sources[id] = source
            out.append(CountryEmissions(country: try row["country"], isoCode: try row["iso_code"], year: year, values: values,
                                        source: source, origin: row.place))
            return true
        }
        return out
    }

    /// Where `mass` would rank among the countries of `rows` (rows without an ISO code, OWID's
    /// aggregates, are left out) by `measure`.
    package static func rank(_ mass: Mass, among rows: [CountryEmissions], by measure: CountryMeasure) -> CountryRank {
        let ranked = rows.filter { !$0.isoCode.isEmpty && $0.values[measure] != nil }
            .sorted { $0.values[measure]!.tonnes > $1.values[measure]!.tonnes }
        let higher = ranked.prefix { $0.values[measure]!.tonnes > mass.tonnes }.count
        return CountryRank(measure: measure, rank: higher + 1, above: higher > 0 ? ranked[higher - 1] : nil,
                           below: higher < ranked.count ? ranked[higher] : nil, countries: ranked.count)
    }
}
