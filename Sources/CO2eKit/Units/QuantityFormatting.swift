/// Printing quantities for people: a unit chosen so the number reads well, four significant
/// digits, ranges as `low–high unit`.
extension Quantity: CustomStringConvertible {
    public var description: String { formatted() }

    /// The quantity in a unit from `D.displayUnits` (or `unit`, if given), rounded to
    /// `significantDigits`. Masses carry the `CO2e` suffix: `552.1 tCO2e`.
    public func formatted(significantDigits: Int? = nil, unit: String? = nil) -> String {
        let significantDigits = significantDigits ?? D.displayDigits
        let chosen = unit.flatMap { u -> UnitDefinition? in
            if case let .unit(d) = D.resolveUnit(u) { return d }
            return nil
        } ?? displayUnit
        let scaled = baseValue / chosen.inBaseUnits
        let symbol = D.self == MassDimension.self ? chosen.symbol + "CO2e" : chosen.symbol
        if scaled.isPoint {
            return NumberText.format(scaled.lower, significantDigits: significantDigits) + " " + symbol
        }
        return NumberText.format(scaled.lower, significantDigits: significantDigits) + "–"
            + NumberText.format(scaled.upper, significantDigits: significantDigits) + " " + symbol
    }

    /// The display unit that keeps the larger bound's number at or above 1.
    public var displayUnit: UnitDefinition {
        let table = D.displayUnits.compactMap { symbol -> UnitDefinition? in
            if case let .unit(d) = D.resolveUnit(symbol) { return d }
            return nil
        }
        let magnitude = max(abs(baseValue.lower), abs(baseValue.upper))
        if magnitude == 0 {
            // Zero emissions print in tonnes, beside the other figures.
            if D.self == MassDimension.self, let t = table.first(where: { $0.symbol == "t" }) { return t }
            return table.first { $0.inBaseUnits == 1 } ?? table[0]
        }
        var best = table[0]
        for u in table where magnitude / u.inBaseUnits >= 1 { best = u }
        return best
    }
}
