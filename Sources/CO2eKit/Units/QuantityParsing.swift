/// Reading quantities from text: `50GWh`, `1,287 MWh`, `0.429kg/kWh`, `771.5lb/MWh`,
/// `24.69tCO2e`, and ranges `50..60GWh` or `500MWh..1GWh`.
extension Quantity {
    /// Parses a quantity of this dimension. A range `low..high` gives an interval; a unit
    /// written only after the high end applies to both ends.
    ///
    /// - Throws: `CO2eError.invalidInput` naming the text and what is accepted: a missing or
    ///   unknown unit, a malformed number, `NaN` or infinity, a range whose low end is above
    ///   its high end.
    public static func parse(_ input: String) throws -> Self {
        // No-break spaces (U+00A0, U+202F) are spaces: word processors put them between number and unit.
        let normalized = String(String.UnicodeScalarView(input.unicodeScalars.map { $0 == "\u{00A0}" || $0 == "\u{202F}" ? " " : $0 }))
        let text = normalized.clipped
        let trimmed = normalized.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw CO2eError.input("empty value; expected \(D.name) such as \(D.example)")
        }
        if trimmed.contains("...") {
            throw CO2eError.input("'\(text)' is not a range; write low..high with two dots, e.g. 50..60GWh")
        }
        let sides = trimmed.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces }
        var parsed: [(value: Double, unit: String)] = []
        for side in sides {
            guard !side.isEmpty else {
                throw CO2eError.input("'\(text)' is an incomplete range; write low..high, e.g. 50..60GWh")
            }
            let (numberText, unitText) = splitNumberAndUnit(side)
            guard !numberText.isEmpty else {
                if sides.count == 2 {
                    throw CO2eError.input("'\(text)' is an incomplete range: '\(side)' is not a number; write low..high, e.g. 50..60GWh")
                }
                throw CO2eError.input("'\(text)' does not start with a number; expected \(D.name) such as \(D.example)")
            }
            guard let value = NumberText.parse(numberText) else {
                throw CO2eError.input("'\(numberText.clipped)' in '\(text)' is not a number (write digits, optionally 1,287 or 1e9)")
            }
            guard value.isFinite else {
                throw CO2eError.input("'\(numberText.clipped)' in '\(text)' is too large to represent")
            }
            parsed.append((value, unitText))
        }
        guard let lastUnit = parsed.last?.unit, !lastUnit.isEmpty else {
            throw CO2eError.input("'\(text)' has no unit; write \(D.name) with a unit such as \(D.example) (accepted: \(D.acceptedUnitsDescription))")
        }
        var bounds: [Double] = []
        for side in parsed {
            let unit = side.unit.isEmpty ? lastUnit : side.unit
            switch D.resolveUnit(unit) {
            case let .unit(definition):
                bounds.append(side.value * definition.inBaseUnits)
            case let .refused(why):
                throw CO2eError.input("'\(text)': \(why)")
            case .unknown:
                throw CO2eError.input(unknownUnitMessage(unit, in: text))
            }
        }
        if bounds.count == 2 && bounds[0] > bounds[1] {
            // `60..50GWh` -> `50..60GWh`: when only the high end carries the unit, swap the
            // numbers and keep the unit at the end.
            let swapped = parsed[0].unit.isEmpty
                ? splitNumberAndUnit(sides[1]).number + ".." + sides[0] + lastUnit
                : sides[1] + ".." + sides[0]
            throw CO2eError.input("'\(text)': the low end of a range comes first (write \(swapped))")
        }
        guard bounds.allSatisfy(\.isFinite) else {
            throw CO2eError.input("'\(text)' is too large to represent")
        }
        return Self(baseValue: Interval(bounds[0], bounds[bounds.count - 1]))
    }

    static func unknownUnitMessage(_ unit: String, in text: String) -> String {
        var message = "'\(unit)' in '\(text)' is not a unit of \(D.name); accepted: \(D.acceptedUnitsDescription)"
        let candidates = D.units.map(\.symbol)
        if let near = Suggestions.nearest(to: unit, among: candidates, limit: 1).first {
            message += " (did you mean \(near)?)"
        }
        return message
    }
}

/// Splits `"1,287 MWh"` into `("1,287", "MWh")`: the longest prefix that can be a number, then
/// the rest without surrounding spaces.
func splitNumberAndUnit(_ text: String) -> (number: String, unit: String) {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func isDigit(_ k: Int) -> Bool { k < scalars.count && scalars[k].properties.numericType != nil && scalars[k].isASCII }
    if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
    while i < scalars.count {
        let c = scalars[i]
        if isDigit(i) || c == "," || c == "." {
            i += 1
        } else if (c == "e" || c == "E") && (isDigit(i + 1) || ((i + 1 < scalars.count) && (scalars[i + 1] == "+" || scalars[i + 1] == "-") && isDigit(i + 2))) {
            i += 2
        } else {
            break
        }
    }
    // A trailing comma belongs to nothing; leave it in the number so the number is refused.
    var number = String(String.UnicodeScalarView(scalars[0..<i]))
    if number == "+" || number == "-" { number = "" ; i = 0 }
    let unit = String(String.UnicodeScalarView(scalars[i...])).trimmingSpaces
    return (number, unit)
}

extension String {
    /// The string shortened to 60 characters for an error message.
    var clipped: String { count > 60 ? String(prefix(57)) + "..." : self }

    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
