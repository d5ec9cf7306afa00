import CO2eKit

/// `--equivalents`, declared once for every estimate command: appends the emissions as everyday
/// equivalents (cars for a year, homes, flights), each with its source, to the estimate.
enum EquivalentsOption {
    static let flag = Flag("equivalents", "Add the emissions as everyday equivalents (cars for a year, homes, flights, phone charges), each sourced.")

    /// Adds the equivalents table when the flag was given.
    static func apply(_ a: Arguments, to estimate: inout Estimate) throws {
        if a[flag] { try Equivalents.append(to: &estimate) }
    }
}
