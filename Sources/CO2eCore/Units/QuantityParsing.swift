/// Reading quantities from text: `50GWh`, `1,287 MWh`, `0.429kg/kWh`, `771.5lb/MWh`,
/// `24.69tCO2e`, `945TWh/y`, `9e9/day`, `2.9Wh/query`, `$350/t`, `30.84M`, `73%`, `15%/y`, and
/// ranges `50..60GWh` or `500MWh..1GWh`.
extension Quantity {
    /// Parses a single value of this dimension; a range is refused.
    ///
    /// - Throws: `CO2eError.invalidInput` with the text as its value (see `parseRange`).
    package static func parse(_ input: String) throws -> Self {
        let given = try parseRange(input)
        switch given {
        case let .exact(q): return q
        case .bounds: throw CO2eError(.invalidInput, "is a range; give one value here, such as \(D.example)", value: input)
        case .distribution: throw CO2eError(.invalidInput, "is a distribution; this input takes no distribution, only one value such as \(D.example)", value: EchoedText.value(input))
        }
    }

    /// Parses a value or a range `low..high`; a unit written only after the high end applies to
    /// both ends.
    ///
    /// - Throws: `CO2eError.invalidInput` with the text as its value and what is accepted: a
    ///   missing or unknown unit, a malformed number, NaN or infinity, a magnitude beyond 1e18
    ///   in the unit written, a range whose low end is above its high end.
    package static func parseRange(_ input: String) throws -> Uncertain<D> {
        if let plain = parsePlain(input) { return .exact(plain) }
        return try parseRangeInFull(input)
    }

    /// `parseRange` without its fast path for a plain value: every form, every error. (Tests
    /// compare the two.)
    package static func parseRangeInFull(_ input: String) throws -> Uncertain<D> {
        // No-break spaces (U+00A0, U+202F) are spaces: word processors put them between number and unit.
        let normalized = String(String.UnicodeScalarView(input.unicodeScalars.map { $0 == "\u{00A0}" || $0 == "\u{202F}" ? " " : $0 }))
        let trimmed = normalized.trimmingSpaces
        func fail(_ reason: String, accepted: String? = nil, code: CO2eError.Code = .invalidValue) -> CO2eError {
            CO2eError(.invalidInput, reason, code: code, value: input, accepted: accepted)
        }
        guard !trimmed.isEmpty else {
            throw CO2eError(.invalidInput, "is empty; expected \(D.name) such as \(D.example)", value: input)
        }
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].isEmpty, trimmed[..<colon].allSatisfy(\.isLetter) {
            return try parseDistribution(String(trimmed[..<colon]).lowercased(), String(trimmed[trimmed.index(after: colon)...]), input: input)
        }
        if trimmed.contains("...") {
            throw fail("is not a range; write low..high with two dots, e.g. \(rangeExample)")
        }
        var rawSides = trimmed.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        // A currency before the low end belongs to the range ($600..1,000/t, $100..200/t): it
        // moves to the high end, whose unit then applies to both ends.
        if rawSides.count == 2, let mark = currencyMarks.first(where: rawSides[0].hasPrefix) {
            let (number, unit) = splitNumberAndUnit(String(rawSides[0].dropFirst(mark.count)).trimmingSpaces)
            if !number.isEmpty, unit.isEmpty {
                rawSides[0] = number
                if !currencyMarks.contains(where: rawSides[1].hasPrefix) { rawSides[1] = mark + rawSides[1] }
            }
        }
        let sides = rawSides.map(moveCurrencyAfterNumber)
        var parsed: [(value: Double, unit: String)] = []
        for side in sides {
            guard !side.isEmpty else { throw fail("is an incomplete range; write low..high, e.g. \(rangeExample)") }
            let (numberText, unitText) = splitNumberAndUnit(side)
            // `50-60GWh`, `50 – 60 GWh`: a range written with a dash.
            if sides.count == 1, !numberText.isEmpty, let dash = unitText.unicodeScalars.first, "-–—".unicodeScalars.contains(dash) {
                let high = String(unitText.unicodeScalars.dropFirst()).trimmingSpaces
                if splitNumberAndUnit(high).number.isEmpty == false {
                    throw fail("is not a range; write low..high with two dots: \(EchoedText.value(numberText + ".." + high))")
                }
            }
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
            throw fail("has no unit; write \(D.name) with a unit such as \(D.example)", accepted: D.acceptedUnitsDescription, code: .unknownUnit)
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

    /// The common form, one plain number and its unit written together (`10GWh`,
    /// `383.549g/kWh`, `85%`, `24.69tCO2e`), read from its bytes with the same number scanner (`numberPrefixLength`) and unit
    /// look-up as `parseRange`; nil for anything else (ranges, spaces, distributions, currencies, a
    /// number or unit refused), which the full reading below takes, with its errors.
    package static func parsePlain(_ input: String) -> Self? {
        var input = input
        return input.withUTF8 { b -> Self? in
            let n = b.count
            let unitStart = numberPrefixLength(b)
            guard unitStart > 0, unitStart < n else { return nil }
            for k in unitStart..<n {
                let lower = b[k] | 0x20
                guard (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || b[k] == UInt8(ascii: "/") || b[k] == UInt8(ascii: "%")
                        || (k > unitStart && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9")) else { return nil }
            }
            guard let value = NumberText.parse(bytes: UnsafeBufferPointer(rebasing: b[..<unitStart])),
                  value.isFinite, abs(value) <= UnitTable.largestMagnitude,
                  case let .unit(definition) = D.resolveUnit(String(decoding: UnsafeBufferPointer(rebasing: b[unitStart...]), as: UTF8.self))
            else { return nil }
            let base = definition.toBase(value)
            return base.isFinite ? Self(baseValue: base) : nil
        }
    }

    /// What a distribution may be written as.
    package static var distributionSyntax: String {
        "uniform:A,B; tri:LOW,MODE,HIGH; normal:MEAN,SD or normal:MEAN,SD,MIN..MAX; lognormal:MEDIAN,SIGMA or lognormal:p5=A,p95=B; choice:A@WEIGHT,B@WEIGHT; fixed:A"
    }

    /// `uniform:0.24Wh,2.9Wh`, `tri:1.1,1.2,1.4`, `normal:0.15,0.03`, `normal:1.2,0.1,1..1.5`,
    /// `lognormal:400g/kWh,0.25`, `lognormal:p5=300g/kWh,p95=520g/kWh`,
    /// `choice:380g/kWh@2,420g/kWh@1`, `fixed:50GWh`. A number without a unit takes the unit of
    /// the next number that has one, else of the one before (as in ranges); commas separate the parameters, so numbers
    /// carry no thousands separators here.
    static func parseDistribution(_ name: String, _ body: String, input: String) throws -> Uncertain<D> {
        func fail(_ reason: String) -> CO2eError {
            CO2eError(.invalidInput, reason, value: EchoedText.value(input), accepted: distributionSyntax)
        }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        func count(_ k: Int, _ form: String) throws {
            guard parts.count == k, parts.allSatisfy({ !$0.isEmpty }) else { throw fail("needs \(k) parameter\(k == 1 ? "" : "s"): \(form)") }
        }
        func plain(_ text: String, _ what: String) throws -> Double {
            guard let x = NumberText.parse(text), x.isFinite else { throw fail("has \(what) '\(EchoedText.value(text))', which is not a plain number") }
            return x
        }
        do {
            switch name {
            case "fixed":
                try count(1, "fixed:A")
                return .exact(Self(baseValue: try baseValues(parts, input: input)[0]))
            case "uniform":
                try count(2, "uniform:A,B")
                let v = try baseValues(parts, input: input)
                guard v[0] <= v[1] else { throw fail("has its high end first; write uniform:LOW,HIGH") }
                return v[0] == v[1] ? .exact(Self(baseValue: v[0])) : .distribution(.uniform(Self(baseValue: v[0]), Self(baseValue: v[1])))
            case "tri", "triangular":
                try count(3, "tri:LOW,MODE,HIGH")
                let v = try baseValues(parts, input: input)
                return .distribution(try .triangular(low: Self(baseValue: v[0]), mode: Self(baseValue: v[1]), high: Self(baseValue: v[2])))
            case "normal":
                guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
                    throw fail("needs a mean and a standard deviation: normal:MEAN,SD, or normal:MEAN,SD,MIN..MAX to truncate")
                }
                var list = Array(parts.prefix(2))
                if parts.count == 3 {
                    let bounds = parts[2].split(separator: "..", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                    guard bounds.count == 2, bounds.allSatisfy({ !$0.isEmpty }) else { throw fail("has truncation bounds '\(EchoedText.value(parts[2]))'; write MIN..MAX") }
                    list += bounds
                }
                let v = try baseValues(list, input: input)
                if v.count == 4 && v[2] >= v[3] { throw fail("has truncation bounds '\(EchoedText.value(parts[2]))' with the low end not below the high end; write MIN..MAX") }
                return .distribution(try .normal(mean: Self(baseValue: v[0]), sd: Self(baseValue: v[1]),
                                                 within: v.count == 4 ? Interval(v[2], v[3]) : nil))
            case "lognormal":
                try count(2, "lognormal:MEDIAN,SIGMA or lognormal:p5=A,p95=B")
                if parts[0].lowercased().hasPrefix("p5=") {
                    guard parts[1].lowercased().hasPrefix("p95=") else { throw fail("gives p5 without p95; write lognormal:p5=A,p95=B") }
                    let v = try baseValues([String(parts[0].dropFirst(3)), String(parts[1].dropFirst(4))], input: input)
                    return .distribution(try .lognormal(p5: Self(baseValue: v[0]), p95: Self(baseValue: v[1])))
                }
                let median = try baseValues([parts[0]], input: input)[0]
                return .distribution(try .lognormal(median: Self(baseValue: median), sigma: try plain(parts[1], "sigma")))
            case "choice":
                guard parts.allSatisfy({ !$0.isEmpty }) else { throw fail("has an empty option; write choice:A@WEIGHT,B@WEIGHT") }
                var texts: [String] = [], weights: [Double] = []
                for p in parts {
                    let pieces = p.split(separator: "@", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                    guard pieces.count <= 2, !pieces[0].isEmpty else { throw fail("has option '\(EchoedText.value(p))'; write VALUE@WEIGHT") }
                    texts.append(pieces[0])
                    weights.append(pieces.count == 2 ? try plain(pieces[1], "weight") : 1)
                }
                let v = try baseValues(texts, input: input)
                return .distribution(try .choice(zip(v, weights).map { (Self(baseValue: $0.0), $0.1) }))
            default:
                var reason = "has '\(EchoedText.value(name))', which is not a distribution"
                if let near = Suggestions.nearest(to: name, among: ["uniform", "tri", "triangular", "normal", "lognormal", "choice", "fixed"], limit: 1).first {
                    reason += "; did you mean \(near)?"
                }
                throw fail(reason)
            }
        } catch var error as CO2eError {
            if error.value == nil { error.value = EchoedText.value(input) }
            if error.accepted == nil { error.accepted = distributionSyntax }
            throw error
        }
    }

    /// Numbers with units (`400g/kWh`, `0.25`), in base units. A number without a unit takes
    /// the unit of the last one that has one, unless bare numbers are this dimension's own.
    static func baseValues(_ texts: [String], input: String) throws -> [Double] {
        var parsed: [(value: Double, unit: String)] = []
        for text in texts {
            let (numberText, unitText) = splitNumberAndUnit(moveCurrencyAfterNumber(text))
            guard !numberText.isEmpty, let value = NumberText.parse(numberText) else {
                throw CO2eError(.invalidInput, "has '\(EchoedText.value(text))', which is not \(D.name) such as \(D.example)", code: .invalidNumber, value: EchoedText.value(input))
            }
            guard value.isFinite, abs(value) <= UnitTable.largestMagnitude else {
                throw CO2eError(.invalidInput, "is out of range; co2e reads magnitudes up to 1e18 in the unit written", code: .valueOutOfRange, value: EchoedText.value(input))
            }
            parsed.append((value, unitText))
        }
        let bareIsUnit: Bool = { if case .unknown = D.resolveUnit("") { return false } else { return true } }()
        var values: [Double] = []
        for (k, p) in parsed.enumerated() {
            var unit = p.unit
            if unit.isEmpty && !bareIsUnit {
                unit = parsed[k...].first { !$0.unit.isEmpty }?.unit ?? parsed[..<k].last { !$0.unit.isEmpty }?.unit ?? ""
                if unit.isEmpty {
                    throw CO2eError(.invalidInput, "has no unit; write \(D.name) with a unit such as \(D.example)", code: .unknownUnit, value: EchoedText.value(input),
                                    accepted: D.acceptedUnitsDescription)
                }
            }
            switch D.resolveUnit(unit) {
            case let .unit(definition): values.append(definition.toBase(p.value))
            case let .refused(why): throw CO2eError(.invalidInput, why, code: .unknownUnit, value: EchoedText.value(input))
            case .unknown: throw unknownUnit(unit, in: input)
            }
        }
        guard values.allSatisfy(\.isFinite) else { throw CO2eError(.invalidInput, "is too large to represent", code: .notFinite, value: EchoedText.value(input)) }
        return values
    }

    static var rangeExample: String {
        let e = D.example
        let (number, unit) = splitNumberAndUnit(e)
        return number + ".." + (NumberText.parse(number).map { NumberText.format($0 * 1.2, significantDigits: 3) } ?? number) + unit
    }

    static func unknownUnit(_ unit: String, in text: String) -> CO2eError {
        var reason = "has '\(EchoedText.value(unit))', which is not a unit of \(D.name)"
        if unit.hasPrefix("/") {
            reason += "; the unit before '/' is missing (write it as \(D.example))"
        } else if unit.count >= 2, let near = Suggestions.nearest(to: unit, among: D.suggestedSymbols, limit: 1).first {
            reason += "; did you mean \(near)?"
        }
        return CO2eError(.invalidInput, reason, code: .unknownUnit, value: text, accepted: D.acceptedUnitsDescription)
    }
}

/// `$350/t` -> `350$/t`, `US$1.7B` -> `1.7BUS$`, `USD 350` -> `350USD`: a currency written
/// before the number moves after it, where units stand.
/// Currency marks that may stand before a number, longest first where one begins another.
let currencyMarks = ["US$", "$", "€", "£", "USD", "EUR", "GBP"]

func moveCurrencyAfterNumber(_ text: String) -> String {
    let marks = currencyMarks
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
    var text = text
    return text.withUTF8 { b in
        var i = numberPrefixLength(b)
        // A trailing comma belongs to nothing; it stays in the number so the number is refused.
        // A sign alone is no number.
        if i == 1 && (b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-")) { i = 0 }
        return (String(decoding: UnsafeBufferPointer(rebasing: b[..<i]), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: b[i...]), as: UTF8.self).trimmingSpaces)
    }
}

/// How many bytes at the start of `b` can be a number: an optional sign, then ASCII digits,
/// `,` and `.`, and `e`/`E` followed by a digit or a signed digit. (Every byte it takes is
/// ASCII, so the length is also where the text's scalars split.)
func numberPrefixLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = b.count
    func digit(_ k: Int) -> Bool { k < n && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") }
    func sign(_ k: Int) -> Bool { k < n && (b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-")) }
    var i = sign(0) ? 1 : 0
    while i < n {
        let c = b[i]
        if digit(i) || c == UInt8(ascii: ",") || c == UInt8(ascii: ".") {
            i += 1
        } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && (digit(i + 1) || (sign(i + 1) && digit(i + 2))) {
            i += 2
        } else {
            break
        }
    }
    return i
}

/// Calendar years.
package enum Year {
    /// The years co2e reads: 1900 to 2100.
    package static let accepted = 1900...2100

    /// A calendar year between 1900 and 2100.
    ///
    /// - Throws: `CO2eError.invalidInput` with the text as its value.
    package static func parse(_ text: String) throws -> Int {
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
    package var trimmingSpaces: String { String(Substring(self).trimmingSpacesSubstring) }
}

extension Substring {
    package var trimmingSpacesSubstring: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" || f == "\r\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" || l == "\r\n" { s.removeLast() }
        return s
    }
}

extension Quantity where D == DurationDimension {
    /// Parses a duration where a number without a unit is hours (`2160`, `1.3e6`, `1,300,000`,
    /// and with a count's scale `1.3M`, `2.5k`), and a time with a unit as usual (`90d`, `3wk`,
    /// `50..60d`). A number reads the same in every notation: `1.3e6` and `1300000` are both
    /// 1.3 million hours.
    ///
    /// - Throws: `CO2eError.invalidInput` as `parseRange` does for a time with a unit.
    package static func parseHours(_ input: String) throws -> Uncertain<DurationDimension> {
        let sides = input.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        let scales = Set(UnitTable.count.flatMap { [$0.symbol] + $0.aliases })
        let bare = !input.contains(":") && sides.allSatisfy { side in
            let (number, unit) = splitNumberAndUnit(String(side).trimmingSpaces)
            return !number.isEmpty && scales.contains(unit)
        }
        guard bare else { return try parseRange(input) }
        return Uncertain(baseInterval: try Count.parseRange(input).interval)
    }
}
