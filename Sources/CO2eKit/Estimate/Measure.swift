/// A value in an estimate's trail, whatever its dimension: the magnitude in a base unit, and
/// the text a person reads. The table, the JSON and a library caller all see the same value.
public struct Measure: Sendable, Hashable {
    /// What the value is: `energy`, `power`, `duration`, `mass`, `emission intensity`,
    /// `ratio`, `share`, `count`.
    public let kind: String
    /// The base unit of `value` (`kWh`, `W`, `h`, `kg`, `g/kWh`), empty for plain numbers.
    public let unit: String
    /// The magnitude in `unit`: one value, or a range.
    public let value: Interval
    /// The value as printed: `50–60 GWh`, `383.5 g/kWh`, `73 %`.
    public let text: String

    public init(kind: String, unit: String, value: Interval, text: String) {
        self.kind = kind
        self.unit = unit
        self.value = value
        self.text = text
    }

    /// A physical quantity.
    public init<D>(_ quantity: Quantity<D>) {
        let base = D.units.first { $0.inBaseUnits == 1 }?.symbol ?? ""
        self.init(kind: D.name, unit: D.self == MassDimension.self ? "kg" : base, value: quantity.baseValue,
                  text: quantity.formatted())
    }

    /// A dimensionless multiplier such as a PUE.
    public static func ratio(_ value: Interval) -> Measure {
        Measure(kind: "ratio", unit: "", value: value, text: Self.plain(value))
    }

    /// A fraction between 0 and 1, printed as a percentage.
    public static func share(_ value: Interval) -> Measure {
        let percent = value * 100
        let text = percent.isPoint
            ? NumberText.format(percent.lower, significantDigits: 4) + " %"
            : NumberText.format(percent.lower, significantDigits: 4) + "–" + NumberText.format(percent.upper, significantDigits: 4) + " %"
        return Measure(kind: "share", unit: "", value: value, text: text)
    }

    /// A count of things, such as devices.
    public static func count(_ value: Interval, of noun: String) -> Measure {
        Measure(kind: "count", unit: noun, value: value, text: plain(value) + " " + noun)
    }

    static func plain(_ value: Interval) -> String {
        value.isPoint
            ? NumberText.format(value.lower, significantDigits: 6)
            : NumberText.format(value.lower, significantDigits: 6) + "–" + NumberText.format(value.upper, significantDigits: 6)
    }

    /// The measure as JSON: `kind`, `unit`, `low`, `high`, `value` (single values only), `text`.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(kind)), ("unit", .string(unit))]
        if value.isPoint { members.append(("value", .number(value.lower))) }
        members.append(("low", .number(value.lower)))
        members.append(("high", .number(value.upper)))
        members.append(("text", .string(text)))
        return .object(members)
    }
}
