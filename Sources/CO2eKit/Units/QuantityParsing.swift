/// Reading quantities from text: `50GWh`, `1,287 MWh`, `0.429kg/kWh`, `771.5lb/MWh`,
/// `24.69tCO2e`, `945TWh/y`, `9e9/day`, `2.9Wh/query`, `$350/t`, `30.84M`, `73%`, `15%/y`, and
/// ranges `50..60GWh` or `500MWh..1GWh`.
extension Quantity {
    /// Parses a single value of this dimension; a range is refused.
    ///
    /// - Throws: `CO2eError.invalidInput` with the text as its value (see `parseRange`).
    public static func parse(_ input: String) throws -> Self {
        let given = try parseRange(input)
        guard case let .exact(q) = given else {
            throw CO2eError(.invalidInput, "is a range; give one value here, such as \(D.example)", value: input)
        }
        return q
    }

    /// Parses a value or a range `low..high`; a unit written only after the high end applies to
    /// both ends.
    ///
    /// - Throws: `CO2eError.invalidInput` with the text as its value and what is accepted: a
    ///   missing or unknown unit, a malformed number, NaN or infinity, a magnitude beyond 1e18
    ///   in the unit written, a range whose low end is above its high end.
    public static func parseRange(_ input: String) throws -> Uncertain<D> {
        // No-break spaces (U+00A0, U+202F) are spaces: word processors put them between number and unit.
        let normalized = String(String.UnicodeScalarView(input.unicodeScalars.map { $0 == "\u{00A0}" || $0 == "\u{202F}" ? " " : $0 }))
        let trimmed = normalized.trimmingSpaces
        func fail(_ reason: String, accepted: String? = nil) -> CO2eError {
            CO2eError(.invalidInput, reason, value: input, accepted: accepted)
        }
        guard !trimmed.isEmpty else {
            throw CO2eError(.invalidInput, "is empty; expected \(D.name) such as \(D.example)", value: input)
        }
        if trimmed.contains("...") {
            throw fail("is not a range; write low..high with two dots, e.g. \(rangeExample)")
        }
        let sides = trimmed.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
            .map { moveCurrencyAfterNumber(String($0).trimmingSpaces) }
        var parsed: [(value: Double, unit: String)] = []
        for side in sides {
            guard !side.isEmpty else { throw fail("is an incomplete range; write low..high, e.g. \(rangeExample)") }
            let (numberText, unitText) = splitNumberAndUnit(side)
            guard !numberText.isEmpty else {
                if sides.count == 2 {
                    throw fail("is an incomplete range: '\(EchoedText.value(side))' is not a number; write low..high, e.g. \(rangeExample)")
                }
                throw fail("does not start with a number; expected \(D.name) such as \(D.example)")
            }
            guard let value = NumberText.parse(numberText) else {
                throw fail("is not a number (write digits, optionally 1,287 or 1e9)")
            }
            guard value.isFinite, abs(value) <= UnitTable.largestMagnitude else {
                throw fail("is out of range; co2e reads magnitudes up to 1e18 in the unit written")
            }
            parsed.append((value, unitText))
        }
        // A unit written after the high end applies to both (50..60GWh); one written only after
        // the low end does too ($600..1,000, where the currency stood first).
        // (Not where a bare number is valid: 60%..0.8 is 60 % to 0.8.)
        var lastUnit = parsed.last?.unit ?? ""
        if lastUnit.isEmpty, case .unknown = D.resolveUnit("") { lastUnit = parsed.first?.unit ?? "" }
        if lastUnit.isEmpty, case .unknown = D.resolveUnit("") {
            throw fail("has no unit; write \(D.name) with a unit such as \(D.example)", accepted: D.acceptedUnitsDescription)
        }
        var bounds: [Double] = []
        for side in parsed {
            let unit = side.unit.isEmpty ? lastUnit : side.unit
            switch D.resolveUnit(unit) {
            case let .unit(definition):
                bounds.append(definition.toBase(side.value))
            case let .refused(why):
                throw fail("has a unit co2e refuses: " + why)
            case .unknown:
                throw unknownUnit(unit, in: input)
            }
        }
        if bounds.count == 2 && bounds[0] > bounds[1] {
            // `60..50GWh` -> `50..60GWh`: when only the high end carries the unit, swap the
            // numbers and keep the unit at the end.
            let swapped = parsed[0].unit.isEmpty
                ? splitNumberAndUnit(sides[1]).number + ".." + sides[0] + lastUnit
                : sides[1] + ".." + sides[0]
            throw fail("has its high end first; the low end of a range comes first (write \(EchoedText.value(swapped)))")
        }
        guard bounds.allSatisfy(\.isFinite) else { throw fail("is too large to represent") }
        return bounds.count == 1 ? .exact(Self(baseValue: bounds[0]))
            : Uncertain(Self(baseValue: bounds[0]), Self(baseValue: bounds[1]))
    }

    static var rangeExample: String {
        let e = D.example
        let (number, unit) = splitNumberAndUnit(e)
        return number + ".." + (NumberText.parse(number).map { NumberText.format($0 * 1.2, significantDigits: 3) } ?? number) + unit
    }

    static func unknownUnit(_ unit: String, in text: String) -> CO2eError {
        var reason = "has '\(EchoedText.value(unit))', which is not a unit of \(D.name)"
        if unit.count >= 2, let near = Suggestions.nearest(to: unit, among: D.suggestedSymbols, limit: 1).first {
            reason += "; did you mean \(near)?"
        }
        return CO2eError(.invalidInput, reason, value: text, accepted: D.acceptedUnitsDescription)
    }
}

/// `$350/t` -> `350$/t`, `US$1.7B` -> `1.7BUS$`, `USD 350` -> `350USD`: a currency written
/// before the number moves after it, where units stand.
func moveCurrencyAfterNumber(_ text: String) -> String {
    let marks = ["US$", "$", "€", "£", "USD", "EUR", "GBP"]
    var sign = ""
    var body = Substring(text)
    if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
    for mark in marks where body.hasPrefix(mark) {
        let rest = body.dropFirst(mark.count).trimmingSpacesSubstring
        let (number, unit) = splitNumberAndUnit(String(rest))
        guard !number.isEmpty else { return text }
        // A scale word stays with the currency: $1.7B -> 1.7B$; $350/t -> 350$/t.
        if let slash = unit.firstIndex(of: "/") {
            return sign + number + unit[..<slash] + mark + unit[slash...]
        }
        return sign + number + unit + mark
    }
    return text
}

/// Splits `"1,287 MWh"` into `("1,287", "MWh")`: the longest prefix that can be a number, then
/// the rest without surrounding spaces.
func splitNumberAndUnit(_ text: String) -> (number: String, unit: String) {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func isDigit(_ k: Int) -> Bool { k < scalars.count && scalars[k].isASCII && scalars[k].properties.numericType != nil }
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
    if number == "+" || number == "-" { number = ""; i = 0 }
    let unit = String(String.UnicodeScalarView(scalars[i...])).trimmingSpaces
    return (number, unit)
}

/// Calendar years.
public enum Year {
    /// The years co2e reads: 1900 to 2100.
    public static let accepted = 1900...2100

    /// A calendar year between 1900 and 2100.
    ///
    /// - Throws: `CO2eError.invalidInput` with the text as its value.
    public static func parse(_ text: String) throws -> Int {
        guard let y = Int(text.trimmingSpaces) else {
            throw CO2eError(.invalidInput, "is not a year", value: text, accepted: "a whole number such as 2024")
        }
        guard accepted.contains(y) else {
            throw CO2eError(.invalidInput, "is outside the years co2e reads", value: text, accepted: "1900–2100")
        }
        return y
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String { String(Substring(self).trimmingSpacesSubstring) }
}

extension Substring {
    var trimmingSpacesSubstring: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" || f == "\r\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" || l == "\r\n" { s.removeLast() }
        return s
    }
}
