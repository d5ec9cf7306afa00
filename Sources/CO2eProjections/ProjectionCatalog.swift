import CO2eCore
import CO2eData
import CO2eGrid

/// The bundled scenarios (`data/projections/<id>.json`) and the sources they cite
/// (`data/projections/sources.json`), read only when asked for.
public enum ProjectionCatalog {
    static let folder = "data/projections/"
    static let sourcesFile = folder + "sources.json"

    /// The ids of the bundled scenarios, sorted.
    public static var bundledIDs: [String] {
        BundledData.paths.filter { $0.hasPrefix(folder) && $0.hasSuffix(".json") && $0 != sourcesFile }
            .map { String($0.dropFirst(folder.count).dropLast(".json".count)) }
    }

    static func text(_ path: String) -> String? {
        BundledData.file(path).map { s in s.withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }
    }

    /// The sources the bundled scenarios cite (empty if the file is missing; a test checks it).
    @usableFromInline package static let bundledSources: [Source] = {
        guard let t = text(sourcesFile) else { return [] }
        return (try? Scenario.parseSources(t, origin: sourcesFile)) ?? []
    }()

    /// The bundled scenario `id`.
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (suggesting the nearest, with
    ///   `seeAlso` = `scenario_list`) or a malformed file.
    public static func scenario(_ id: String) throws -> Scenario {
        let key = id.trimmingSpaces.lowercased()
        guard let t = text(folder + key + ".json"), key != "sources" else {
            var reason = "is not a bundled scenario"
            let near = Suggestions.nearest(to: key, among: bundledIDs)
            if !near.isEmpty { reason += "; did you mean \(near.joined(separator: ", "))?" }
            var e = CO2eError(.invalidData, reason, field: "scenario", value: id, accepted: bundledIDs.joined(separator: ", "))
            e.seeAlso = scenarioList
            return try { throw e }()
        }
        return try Scenario.parse(t, origin: folder + key + ".json")
    }

    /// Every bundled scenario.
    package static func all() throws -> [Scenario] { try bundledIDs.map(scenario) }

    /// `seeAlso` for "the list of bundled scenarios".
    package static let scenarioList = "scenario_list"
}
