import CO2eKit

/// `--equivalents`, declared once for every estimate command: appends the emissions as everyday
/// equivalents (cars for a year, homes, flights), each with its source, to the estimate.
enum EquivalentsOption {
    static let flag = Flag("equivalents", "Add the emissions as everyday equivalents (cars for a year, homes, flights, phone charges), each sourced.")

    /// Adds a table of equivalents per typed mass when the flag was given: `masses` for the
    /// estimate itself, `parts[i]` for its part `i` (one per grid of a comparison).
    static func apply(_ a: Arguments, to estimate: inout Estimate,
                      masses: [(key: String, label: String, mass: Figure<MassDimension>)],
                      parts: [[(key: String, label: String, mass: Figure<MassDimension>)]] = []) throws {
        guard a[flag] else { return }
        let top = masses.map { (key: $0.key, label: $0.label, mass: $0.mass, part: Int?.none) }
        let inParts = parts.enumerated().flatMap { i, list in list.map { (key: $0.key, label: $0.label, mass: $0.mass, part: Int?.some(i)) } }
        try Equivalents.append(to: &estimate, masses: top + inParts)
    }
}
