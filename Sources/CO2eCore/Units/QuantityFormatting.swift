/// Printing quantities for people: a unit chosen so the number reads well, significant digits
/// (never rounding noise), ranges as `low–high unit`.
extension Quantity: CustomStringConvertible {
    /// The quantity in its display unit, to the dimension's significant digits: `604.8 MWh`.
    public var description: String { formatted() }

    /// The quantity in a unit from `D.displayUnits` (or `unit`, if given), rounded to
    /// `significantDigits`. Masses carry the `CO2e` suffix: `552.1 tCO2e`.
    package func formatted(significantDigits: Int? = nil, unit: String? = nil) -> String {
        Self.format(Interval(baseValue), significantDigits: significantDigits, unit: unit)
    }

    /// Bounds in base units, printed in one unit: `19,177–23,013 tCO2e`.
    package static func format(_ bounds: Interval, significantDigits: Int? = nil, unit: String? = nil) -> String {
        let digits = significantDigits ?? D.displayDigits
        let chosen = unit.flatMap { u -> UnitDefinition? in
            if case let .unit(d) = D.resolveUnit(u) { return UnitDefinition(u, d.inBaseUnits) }
            return nil
        } ?? displayUnit(for: bounds)
        let lo = chosen.fromBase(bounds.lower), hi = chosen.fromBase(bounds.upper)
        let symbol = D.self == MassDimension.self ? chosen.symbol + "CO2e" : chosen.symbol
        // A range with a negative end reads "-517.1 to 446.5", never "-5.054–-0.2542".
        let dash = lo < 0 ? " to " : "–"
        let numbers = bounds.isPoint ? NumberText.format(lo, significantDigits: digits)
            : NumberText.format(lo, significantDigits: digits) + dash + NumberText.format(hi, significantDigits: digits)
        // A bare count or ratio has no unit; a count in millions reads `30.84 M`.
        if symbol == "x" { return numbers + "x" }
        return symbol.isEmpty ? numbers : numbers + " " + symbol
    }

    /// The display unit that keeps the larger bound's number at or above 1.
    package static func displayUnit(for bounds: Interval) -> UnitDefinition {
        let table = D.displayUnits
        guard !table.isEmpty else { return D.reportingUnit }
        let magnitude = Swift.max(abs(bounds.lower), abs(bounds.upper))
        if magnitude == 0 || !magnitude.isFinite {
            // Zero emissions print in tonnes, beside the other figures.
            if D.self == MassDimension.self, let t = table.first(where: { $0.symbol == "t" }) { return t }
            return table.first { $0.inBaseUnits == D.reportingUnit.inBaseUnits } ?? table[0]
        }
        var best = table[0]
        for u in table where magnitude / u.inBaseUnits >= 1 { best = u }
        return best
    }
}
