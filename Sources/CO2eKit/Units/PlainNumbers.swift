/// Reading dimensionless inputs: multipliers (PUE), counts, shares, years; each may be a range
/// `low..high` where that makes sense.
public enum PlainNumber {
    /// A number or a range of numbers: `1.1`, `1.1..1.4`, `10,000`, `1e4`.
    public static func parseInterval(_ text: String, what: String, example: String) throws -> Interval {
        let trimmed = text.trimmingSpaces
        try refuseThreeDots(text)
        let sides = trimmed.components(separatedByDots: ())
        var bounds: [Double] = []
        for side in sides {
            guard let v = NumberText.parse(side.trimmingSpaces) else {
                throw CO2eError.input("'\(text)' is not a number; expected \(what) such as \(example)")
            }
            guard v.isFinite else { throw CO2eError.input("'\(text)' is too large to represent") }
            bounds.append(v)
        }
        if bounds.count == 2 && bounds[0] > bounds[1] {
            throw CO2eError.input("'\(text)': the low end of a range comes first")
        }
        return Interval(bounds[0], bounds[bounds.count - 1])
    }

    /// A positive count or multiplier.
    public static func parsePositive(_ text: String, what: String, example: String) throws -> Interval {
        let v = try parseInterval(text, what: what, example: example)
        guard v.lower > 0 else { throw CO2eError.input("\(Measure.plain(v)) must be more than zero (\(what), e.g. \(example))") }
        return v
    }

    /// A share between 0 and 1: `73%`, `0.73`, `100%`, or a range `60%..80%`.
    public static func parseShare(_ text: String) throws -> Interval {
        let trimmed = text.trimmingSpaces
        try refuseThreeDots(text)
        let sides = trimmed.components(separatedByDots: ())
        // A % written after the high end applies to both ends, as a unit does: 50..60%.
        let percentForAll = sides.count == 2 && sides[1].trimmingSpaces.hasSuffix("%") && !sides[0].trimmingSpaces.hasSuffix("%")
        var bounds: [Double] = []
        for raw in sides {
            var side = raw.trimmingSpaces
            var percent = percentForAll
            if side.hasSuffix("%") {
                percent = true
                side = String(side.dropLast()).trimmingSpaces
            }
            guard let v = NumberText.parse(side), v.isFinite else {
                throw CO2eError.input("'\(text)' is not a share; write a percentage such as 73% or a fraction such as 0.73")
            }
            let share = percent ? v / 100 : v
            guard share >= 0 else { throw CO2eError.input("'\(text)' is negative; a share is between 0 and 100 %") }
            guard share <= 1 else {
                throw CO2eError.input(percent
                    ? "'\(text)' is above 100 %; a share is between 0 and 100 %"
                    : "'\(text)' is more than 1; write a share as a fraction from 0 to 1 or a percentage such as 73%")
            }
            bounds.append(share)
        }
        if bounds.count == 2 && bounds[0] > bounds[1] {
            throw CO2eError.input("'\(text)': the low end of a range comes first")
        }
        return Interval(bounds[0], bounds[bounds.count - 1])
    }

    /// True when `text` reads as a share (`73%`, `0.73`) rather than a quantity with a unit.
    public static func looksLikeShare(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        return t.hasSuffix("%") || t.components(separatedByDots: ()).allSatisfy { NumberText.parse($0.trimmingSpaces) != nil }
    }

    /// `0...5` would otherwise split into `0` and `.5`; a range has exactly two dots.
    static func refuseThreeDots(_ text: String) throws {
        if text.contains("...") {
            throw CO2eError.input("'\(text)' is not a range; write low..high with two dots, e.g. 1.1..1.4")
        }
    }

    /// True when `text` is a number or a range of numbers with no unit: `2160`, `1.1..1.4`.
    public static func isBareNumber(_ text: String) -> Bool {
        text.trimmingSpaces.components(separatedByDots: ()).allSatisfy { NumberText.parse($0.trimmingSpaces) != nil }
    }

    /// A calendar year between 1900 and 2100.
    public static func parseYear(_ text: String) throws -> Int {
        guard let y = Int(text.trimmingSpaces) else {
            throw CO2eError.input("'\(text)' is not a year; expected a whole number such as 2024")
        }
        guard (1900...2100).contains(y) else { throw CO2eError.input("year \(y) is outside 1900–2100") }
        return y
    }
}

extension String {
    /// Splits `a..b` into `["a", "b"]`; a string without `..` gives itself.
    func components(separatedByDots: ()) -> [String] {
        split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    }
}
