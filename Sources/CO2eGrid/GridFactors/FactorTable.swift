import CO2eCore
import CO2eData

/// One row of a factor table (`zone,year,g_co2e_per_kwh,basis,boundary,cfe_share,source`),
/// checked field by field.
struct FactorRow: Sendable {
    static let requiredColumns = ["zone", "year", "g_co2e_per_kwh", "basis", "source"]
    static let optionalColumns = ["boundary", "cfe_share", "read"]

    let zone: String
    package let year: Int
    let gramsPerKilowattHour: Double
    let basis: EmissionBasis
    let boundary: GridBoundary?
    let carbonFreeShare: Double?
    let sourceID: String
    /// How the row's figure was read (the `read` column; nil when the file has none).
    let read: Reading?
    let line: Int

    /// Column positions in a header, found once per table.
    struct Columns {
        let zone, year, value, basis, source: Int
        let boundary, cfe, read: Int?

        init(_ header: CSVHeader) throws {
            zone = try header.require("zone")
            year = try header.require("year")
            value = try header.require("g_co2e_per_kwh")
            basis = try header.require("basis")
            source = try header.require("source")
            boundary = header.index(of: "boundary")
            cfe = header.index(of: "cfe_share")
            read = header.index(of: "read")
        }
    }

    /// The zone field of a record, without checking the rest.
    static func zone(of record: CSVRecord, _ columns: Columns) -> String {
        record.fields[columns.zone].trimmingSpaces
    }

    init(_ record: CSVRecord, _ c: Columns, origin: String) throws {
        let at = "\(origin):\(record.line)"
        func field(_ k: Int) -> String { record.fields[k].trimmingSpaces }
        line = record.line
        zone = field(c.zone)
        guard !zone.isEmpty else { throw CO2eError.data("\(at): column zone is empty") }
        let yearText = field(c.year)
        guard let y = Int(yearText), Year.accepted.contains(y) else {
            throw CO2eError.data("\(at): column year: '\(yearText.echoed)' is not a year (expected a whole number such as 2024)")
        }
        year = y
        let valueText = field(c.value)
        guard let g = NumberText.parse(valueText), g.isFinite else {
            throw CO2eError.data("\(at): column g_co2e_per_kwh: '\(valueText.echoed)' is not a number (expected grams CO2e per kWh, e.g. 383.5)")
        }
        guard g >= 0 else {
            throw CO2eError.data("\(at): column g_co2e_per_kwh: \(valueText.echoed) is negative; a grid factor is 0 or more g CO2e/kWh")
        }
        gramsPerKilowattHour = g
        let basisText = field(c.basis)
        guard let b = EmissionBasis(rawValue: basisText.lowercased()) else {
            throw CO2eError.data("\(at): column basis: '\(basisText.echoed)' is not one of lifecycle, operational")
        }
        basis = b
        if let k = c.boundary, !field(k).isEmpty {
            guard let v = GridBoundary(rawValue: field(k).lowercased()) else {
                throw CO2eError.data("\(at): column boundary: '\(field(k).echoed)' is not one of production, consumption (or empty)")
            }
            boundary = v
        } else {
            boundary = nil
        }
        if let k = c.cfe, !field(k).isEmpty {
            guard let v = NumberText.parse(field(k)), v >= 0, v <= 1 else {
                throw CO2eError.data("\(at): column cfe_share: '\(field(k).echoed)' is not a share between 0 and 1")
            }
            carbonFreeShare = v
        } else {
            carbonFreeShare = nil
        }
        sourceID = field(c.source)
        guard !sourceID.isEmpty else { throw CO2eError.data("\(at): column source is empty; every factor names its source") }
        read = try c.read.flatMap { try Reading.parse(field($0), file: origin, line: record.line) }
    }
}
