import CO2eCore
import CO2eData
import CO2eGrid
import CO2eTraining

/// What a published per-query figure counts. Figures span three orders of magnitude largely
/// because they count different things, so every figure says which.
package enum QueryCoverage: String, Sendable, Hashable, CaseIterable {
    /// The AI accelerators' energy alone (GPU/TPU), often only while active (IEA 2025 per-task).
    case accelerator
    /// Whole servers: accelerators, host CPU, memory (de Vries 2023; Google 2009).
    case server
    /// Whole servers including the idle capacity kept between queries (BLOOM's API).
    case serverAndIdle = "server+idle"
    /// Servers, idle capacity and the data center's overhead (PUE): the energy the facility
    /// draws (Google 2025 "comprehensive"; Epoch AI 2025).
    case facility
    /// An end-user device, not a data center (the IEA's phone-charge reference).
    case device
    /// A life-cycle emission figure with no energy published (Mistral Large 2, 2025):
    /// electricity and upstream impacts such as hardware manufacturing.
    case lifecycle

    /// For people: "the accelerators only".
    package var description: String {
        switch self {
        case .accelerator: return "the AI accelerators only"
        case .server: return "whole servers (accelerators, host CPU, memory)"
        case .serverAndIdle: return "whole servers including idle capacity"
        case .facility: return "the whole facility: servers, idle capacity and data-center overhead (PUE)"
        case .device: return "an end-user device, not a data center"
        case .lifecycle: return "a life cycle: electricity and upstream impacts such as hardware manufacturing (no energy published)"
        }
    }
}

/// A published energy-per-query figure with what it covers, its year and source.
public struct PerQueryFigure: Sendable, Hashable {
    /// The figure's stable id (`gemini-2025-median`).
    public let id: String
    /// What the figure is, in words.
    public let label: String
    /// Energy of one query (or task), as published; a range where the source gives one. Nil
    /// for a per-query emission figure published without energy (a life-cycle figure), which
    /// lists but cannot be the energy per query.
    public let energy: Uncertain<EnergyDimension>?
    package let covers: QueryCoverage
    /// Whether data-center overhead (PUE) is in the figure: true, false, or nil when the
    /// source does not say.
    package let pueIncluded: Bool?
    package let tokensIn: Double?
    package let tokensOut: Double?
    /// The published breakdown (accelerator, host, idle, overhead), where there is one.
    package let components: [(key: String, label: String, energy: Energy)]
    /// Emissions of one query as published, and on what basis (`location`, `market`, `unstated`).
    public let carbon: Mass?
    package let carbonBasis: String
    /// Which GHG Protocol scopes `carbon` counts: `scope2`, `scopes1-3` (Gemini 2025: scope 2
    /// market-based plus scopes 1 and 3, embodied hardware included), or `unstated`/empty.
    package let carbonScope: String
    /// The scope 2 part of `carbon`, where the source gives it apart.
    package let carbonScope2: Mass?
    package let year: Int
    package let source: Source
    /// Where in the source the number is (page, table, section).
    package let at: String
    package let note: String
    /// `data/inference/per-query.csv:LINE`.
    package let origin: String
    /// How the figure was read (the row's `read` column).
    package let read: Reading?

    /// Two figures are the same when their id and the file they come from are.
    public static func == (a: Self, b: Self) -> Bool { a.id == b.id && a.origin == b.origin }
    /// Hashes the id and the file the figure comes from.
    public func hash(into h: inout Hasher) { h.combine(id) }

    /// "whole servers ...; PUE not included".
    package var coverageDescription: String {
        let pue: String
        switch pueIncluded {
        case true?: pue = "PUE included"
        case false?: pue = "PUE not included"
        case nil: pue = "PUE not stated"
        }
        return covers == .facility || covers == .device || covers == .lifecycle ? covers.description : covers.description + "; " + pue
    }

    /// A citation of the figure: its source, the place in it, and the data line; a figure read
    /// only through secondary coverage says so.
    package var citation: Citation {
        Citation(source: source.id, at: "\(at) (\(origin))" + (read == .secondary ? ", \(Reading.secondary.description)" : ""))
    }

    /// "scopes 1, 2 and 3, of which scope 2 0.023 g", "scope 2", or "scopes not stated".
    package var carbonScopeDescription: String {
        let scope: String
        switch carbonScope {
        case "scope2": scope = "scope 2"
        case "scopes1-3": scope = "scopes 1, 2 and 3"
        case "lifecycle": scope = "life cycle, not corporate scopes"
        default: scope = carbonScope.isEmpty || carbonScope == "unstated" ? "scopes not stated" : carbonScope
        }
        guard let s2 = carbonScope2 else { return scope }
        return scope + ", of which scope 2 \(NumberText.format(s2.kilograms * UnitTable.gramsPerKilogram, significantDigits: 3)) g"
    }
}

/// An accelerator with its published power, peak throughput per precision and memory.
public struct Accelerator: Sendable, Hashable {
    /// The accelerator's stable id (`H100`).
    public let id: String
    /// Its name as the maker gives it.
    public let name: String
    package let year: Int
    /// Board power (TDP), where the vendor publishes one; for `powerBasis` `measured_max`, the
    /// highest measured power instead (Google's TPU v4: no TDP is published).
    package let tdp: Power?
    /// What `tdp` is: `tdp` (a rating) or `measured_max` (a measured maximum); empty with no power.
    package let powerBasis: String
    /// The accelerator's share of its server's maximum power (a DGX system's rating / 8),
    /// where known: host CPUs, memory, network and fans included.
    package let serverPower: Power?
    package let serverNote: String
    package let serverSource: Source?
    package let memoryGB: Double?
    /// Dense peak TFLOP/s by precision (`fp64`, `tf32`, `fp16`, `bf16`, `fp8`, `int8`); a
    /// precision the device lacks is absent.
    package let peakTFLOPS: [String: Double]
    package let source: Source
    package let at: String
    package let note: String
    package let origin: String
    /// How the row was read (the `read` column).
    package let read: Reading?

    /// The precisions co2e reads, in table order.
    package static let precisions = ["fp64", "tf32", "fp16", "bf16", "fp8", "int8"]

}

/// A scenario from the literature: a volume and a per-query figure (de Vries 2023: every
/// Google search answered by an LLM).
public struct InferenceScenario: Sendable {
    /// The scenario's stable id.
    public let id: String
    package let label: String
    package let queries: String
    package let perQuery: String
    package let baseline: String?
    package let period: String
    package let year: Int
    package let source: Source
    package let at: String
    package let note: String
    package let origin: String
    /// How the row was read (the `read` column).
    package let read: Reading?
}

/// The inference catalogues bundled with co2e: `data/inference/per-query.csv`,
/// `accelerators.csv`, `scenarios.csv` and their `sources.csv`. A lookup by id reads only that
/// row (and its source's row); the listings read every row.
public enum InferenceCatalog {
    static let figuresPath = "data/inference/per-query.csv"
    static let acceleratorsPath = "data/inference/accelerators.csv"
    static let scenariosPath = "data/inference/scenarios.csv"
    static let sourcesPath = "data/inference/sources.csv"

    static func table(_ path: String) throws -> TableText {
        guard let text = BundledData.file(path) else { throw CO2eError.data("\(path) is not bundled; run 'swift run embed-data'") }
        return TableText(origin: path, storage: .embedded(text))
    }

    // MARK: - Per-query figures

    /// The figure with `id` (ignoring case).
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (field `per_query`), suggesting
    ///   the nearest ids; or for a malformed row, naming the file and line.
    public static func figure(_ id: String, field: String = "per_query") throws -> PerQueryFigure {
        var found: PerQueryFigure?
        try table(figuresPath).forEachRow(where: "id", equals: id.trimmingSpaces) { header, record in
            guard record.fields[try header.require("id")].lowercased() == id.trimmingSpaces.lowercased() else { return true }
            found = try figure(header, record)
            return false
        }
        if let found {
            guard found.energy != nil else {
                var error = CO2eError(.invalidInput, "is a per-query emission figure over the life cycle, with no published energy: it is listed for comparison and cannot be the energy of a query",
                                      code: .notAvailable, field: field, value: found.id)
                error.seeAlso = "list_figures"
                throw error
            }
            return found
        }
        throw CO2eError.unknown(id, kind: "per-query figure", field: field, candidates: try ids(figuresPath), seeAlso: "list_figures")
    }

    /// Every figure, in catalogue order.
    package static func figures() throws -> [PerQueryFigure] {
        var all: [PerQueryFigure] = []
        try table(figuresPath).forEachRow { header, record in
            all.append(try figure(header, record))
            return true
        }
        return all
    }

    static func figure(_ h: CSVHeader, _ r: CSVRecord) throws -> PerQueryFigure {
        let origin = "\(figuresPath):\(r.line)"
        func f(_ name: String) throws -> String { r.fields[try h.require(name)].trimmingSpaces }
        func bad(_ what: String, _ value: String) -> CO2eError {
            CO2eError.data("\(origin): \(what) '\(value)' is not valid")
        }
        let id = try f("id")
        guard let covers = QueryCoverage(rawValue: try f("covers")) else { throw bad("covers", try f("covers")) }
        var energy: Uncertain<EnergyDimension>?
        if covers == .lifecycle {
            // A life-cycle emission figure: no energy, an emission figure instead.
            guard try f("value").isEmpty, try f("unit").isEmpty else { throw bad("value", try f("value") + " (a lifecycle figure has no energy)") }
            guard !(try f("carbon_g")).isEmpty else { throw bad("carbon_g", "(empty: a lifecycle figure is an emission figure)") }
        } else {
            do { energy = try Energy.parseRange(try f("value") + (try f("unit"))) } catch { throw bad("value", try f("value")) }
        }
        let pue: Bool?
        switch try f("pue_included") {
        case "yes": pue = true
        case "no": pue = false
        case "unstated", "": pue = nil
        case let other: throw bad("pue_included", other)
        }
        func number(_ name: String) throws -> Double? {
            let text = try f(name)
            if text.isEmpty { return nil }
            guard let v = NumberText.parse(text), v >= 0 else { throw bad(name, text) }
            return v
        }
        var components: [(key: String, label: String, energy: Energy)] = []
        for (key, label) in [("accelerator_wh", "Active AI accelerators"), ("host_wh", "Host CPU and memory"),
                             ("idle_wh", "Idle machines"), ("overhead_wh", "Data-center overhead (PUE)")] {
            if let wh = try number(key) { components.append((String(key.dropLast(3)), label, .wattHours(wh))) }
        }
        guard let year = Int(try f("year")) else { throw bad("year", try f("year")) }
        let source = try self.source(try f("source"), usedAt: origin)
        let scope = h.index(of: "carbon_scope").map { r.fields[$0].trimmingSpaces } ?? ""
        guard ["", "unstated", "scope2", "scopes1-3", "lifecycle"].contains(scope) else { throw bad("carbon_scope", scope) }
        let read = try h.index(of: "read").flatMap { try Reading.parse(r.fields[$0], file: figuresPath, line: r.line) }
        let scope2 = h.index(of: "carbon_scope2_g") == nil ? nil : try number("carbon_scope2_g")
        return PerQueryFigure(id: id, label: try f("label"), energy: energy, covers: covers, pueIncluded: pue,
                              tokensIn: try number("tokens_in"), tokensOut: try number("tokens_out"),
                              components: components, carbon: try number("carbon_g").map { Mass(baseValue: $0 / UnitTable.gramsPerKilogram) },
                              carbonBasis: try f("carbon_basis"), carbonScope: scope,
                              carbonScope2: scope2.map { Mass(baseValue: $0 / UnitTable.gramsPerKilogram) },
                              year: year, source: source, at: try f("where"), note: try f("note"), origin: origin, read: read)
    }

    // MARK: - Accelerators

    /// The accelerator with `id` (ignoring case; `H100`, `TPUv4`; spaces and dashes ignored, so
    /// `TPU v4` and `tpu-v5e` match).
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (field `accelerator`), suggesting
    ///   the nearest ids.
    public static func accelerator(_ id: String) throws -> Accelerator {
        let wanted = compact(id)
        var found: Accelerator?
        try table(acceleratorsPath).forEachRow(where: "id", equals: wanted) { header, record in
            guard compact(record.fields[try header.require("id")]) == wanted else { return true }
            found = try accelerator(header, record)
            return false
        }
        if let found { return found }
        throw CO2eError.unknown(id, kind: "accelerator", field: "accelerator", candidates: try ids(acceleratorsPath), seeAlso: "list_accelerators")
    }

    /// Every accelerator, in catalogue order.
    package static func accelerators() throws -> [Accelerator] {
        var all: [Accelerator] = []
        try table(acceleratorsPath).forEachRow { header, record in
            all.append(try accelerator(header, record))
            return true
        }
        return all
    }

    static func compact(_ id: String) -> String {
        String(id.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
    }

    static func accelerator(_ h: CSVHeader, _ r: CSVRecord) throws -> Accelerator {
        let origin = "\(acceleratorsPath):\(r.line)"
        func f(_ name: String) throws -> String { r.fields[try h.require(name)].trimmingSpaces }
        func number(_ name: String) throws -> Double? {
            let text = try f(name)
            if text.isEmpty { return nil }
            guard let v = NumberText.parse(text), v > 0 else { throw CO2eError.data("\(origin): \(name) '\(text)' is not a number above zero") }
            return v
        }
        var peaks: [String: Double] = [:]
        for p in Accelerator.precisions { if let v = try number("tflops_" + p) { peaks[p] = v } }
        guard let year = Int(try f("year")) else { throw CO2eError.data("\(origin): year '\(try f("year"))' is not valid") }
        let serverSourceID = try f("server_source")
        let powerBasis = h.index(of: "power_basis").map { r.fields[$0].trimmingSpaces } ?? ""
        guard ["", "tdp", "measured_max"].contains(powerBasis) else {
            throw CO2eError(.invalidData, "is not tdp or measured_max", field: "power_basis", value: powerBasis, file: acceleratorsPath, line: r.line)
        }
        let read = try h.index(of: "read").flatMap { try Reading.parse(r.fields[$0], file: acceleratorsPath, line: r.line) }
        return Accelerator(id: try f("id"), name: try f("name"), year: year, tdp: try number("tdp_w").map(Power.watts), powerBasis: powerBasis,
                           serverPower: try number("server_w_per_device").map(Power.watts), serverNote: try f("server_note"),
                           serverSource: serverSourceID.isEmpty ? nil : try source(serverSourceID, usedAt: origin),
                           memoryGB: try number("memory_gb"), peakTFLOPS: peaks, source: try source(try f("source"), usedAt: origin),
                           at: try f("where"), note: try f("note"), origin: origin, read: read)
    }

    // MARK: - Scenarios

    /// The scenario with `id` (ignoring case).
    ///
    /// - Throws: `CO2eError.invalidData` for an unknown id (field `scenario`).
    public static func scenario(_ id: String) throws -> InferenceScenario {
        var found: InferenceScenario?
        try table(scenariosPath).forEachRow(where: "id", equals: id.trimmingSpaces) { h, r in
            func f(_ name: String) throws -> String { r.fields[try h.require(name)].trimmingSpaces }
            guard try f("id").lowercased() == id.trimmingSpaces.lowercased() else { return true }
            let origin = "\(scenariosPath):\(r.line)"
            guard let year = Int(try f("year")) else { throw CO2eError.data("\(origin): year '\(try f("year"))' is not valid") }
            let baseline = try f("baseline")
            found = InferenceScenario(id: try f("id"), label: try f("label"), queries: try f("queries"), perQuery: try f("per_query"),
                                      baseline: baseline.isEmpty ? nil : baseline, period: try f("period"), year: year,
                                      source: try source(try f("source"), usedAt: origin), at: try f("where"), note: try f("note"),
                                      origin: origin, read: try h.index(of: "read").flatMap { try Reading.parse(r.fields[$0], file: scenariosPath, line: r.line) })
            return false
        }
        if let found { return found }
        throw CO2eError.unknown(id, kind: "scenario", field: "scenario", candidates: try ids(scenariosPath), seeAlso: nil)
    }

    // MARK: - Sources and ids

    /// The source with `id` from `data/inference/sources.csv`.
    package static func source(_ id: String, usedAt place: String = "") throws -> Source {
        var found: Source?
        try table(sourcesPath).forEachRow(where: "source", equals: id) { h, r in
            func f(_ name: String) throws -> String { r.fields[try h.require(name)] }
            guard try f("source") == id else { return true }
            found = Source(id: id, kind: Source.Kind(rawValue: try f("kind")) ?? .report, title: try f("title"),
                           publisher: try f("publisher"), published: try f("published"), licence: try f("licence"), url: try f("url"),
                           read: try h.index(of: "read").flatMap { try Reading.parse(r.fields[$0], file: sourcesPath, line: r.line) })
            return false
        }
        guard let found else {
            throw CO2eError.data("\(place.isEmpty ? "" : place + ": ")source '\(id)' is not in \(sourcesPath)")
        }
        return found
    }

    static func ids(_ path: String) throws -> [String] {
        var ids: [String] = []
        try table(path).forEachRow { h, r in
            ids.append(r.fields[try h.require("id")])
            return true
        }
        return ids
    }

}

extension PeakThroughput {
    /// The accelerator's dense peak at `precision` (its bf16 peak by default, or fp16 on a
    /// device without bf16, as the V100), citing the catalogue row.
    ///
    /// - Throws: `CO2eError.invalidInput` (field `precision`) for a precision the device lacks.
    public init(_ a: Accelerator, precision: String? = nil) throws {
        var p = precision ?? "bf16"
        if precision == nil, a.peakTFLOPS[p] == nil, a.peakTFLOPS["fp16"] != nil { p = "fp16" }
        guard let tflops = a.peakTFLOPS[p] else {
            throw CO2eError(.invalidInput, "is not a precision \(a.id) has a peak for", field: "precision", value: p,
                            accepted: Accelerator.precisions.filter { a.peakTFLOPS[$0] != nil }.joined(separator: ", "))
        }
        self.init(rate: .exact(.teraflopsPerSecond(tflops)), device: a.id, precision: p, how: "\(a.name) (\(a.year)); \(a.source.id)",
                  source: a.source, citation: Citation(source: a.source.id, at: "\(a.at) (\(a.origin))"))
    }
}
