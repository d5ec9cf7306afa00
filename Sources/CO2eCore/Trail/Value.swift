/// A value in an estimate's trail, whatever its dimension: its spread in the unit it is reported
/// in, and the text a person reads. The table, the JSON and a library caller see the same value.
package struct Value: Sendable, Hashable {
    /// The dimension's stable key: `energy`, `mass`, `duration`, `count`, `share`, `ratio`,
    /// `growth`, `money:USD`, composites such as `mass/energy` (an emission intensity) or
    /// `energy/duration` (a power), or `text` for a value that is not a number.
    package let dimension: String
    /// The unit of `spread` (`kWh`, `W`, `h`, `kg`, `g/kWh`, `USD`); empty for plain numbers.
    package let unit: String
    /// The number(s), in `unit`.
    package let spread: Spread
    /// The value as printed: `50–60 GWh`, `383.549 g/kWh`, `73 %`.
    package let text: String

    /// A value from its parts, as read back from JSON or built by hand.
    package init(dimension: String, unit: String, spread: Spread, text: String) {
        self.dimension = dimension
        self.unit = unit
        self.spread = spread
        self.text = text
    }

    /// A spread of base values of dimension `D`, printed in `unit` (else a unit that reads well).
    package init<D: PhysicalDimension>(_ base: Spread, _ dimension: D.Type, unit: String? = nil) {
        let reporting = D.reportingUnit
        let text: String
        switch base {
        case let .percentiles(p):
            let lo = p.values.first?.value ?? p.mean, hi = p.values.last?.value ?? p.mean
            let unitChosen = unit ?? Quantity<D>.displayUnit(for: Interval(lo, hi)).symbol
            text = "mean " + Quantity<D>.format(Interval(p.mean), unit: unitChosen) + ", p\(NumberText.format(p.values.first?.percent ?? 0, significantDigits: 3))–p\(NumberText.format(p.values.last?.percent ?? 0, significantDigits: 3)) "
                + Quantity<D>.format(Interval(lo, hi), unit: unitChosen)
        default:
            text = Quantity<D>.format(base.interval, unit: unit)
        }
        self.init(dimension: D.key, unit: reporting.symbol, spread: base.expressed(in: reporting), text: text)
    }

    /// One quantity.
    package init<D>(_ quantity: Quantity<D>, unit: String? = nil) {
        self.init(.exact(quantity.baseValue), D.self, unit: unit)
    }

    /// A given input: its value or bounds.
    package init<D>(_ given: Uncertain<D>, unit: String? = nil) {
        self.init(Spread(given.interval), D.self, unit: unit)
    }

    /// A value that is not a number, such as the zone a cloud region maps to.
    package static func text(_ text: String) -> Value {
        Value(dimension: "text", unit: "", spread: .exact(.nan), text: text)
    }

    /// True for a value that is a number.
    package var isNumeric: Bool { dimension != "text" }
}
