/// An amount of money in one currency: a value or a range (`$600..1,000`).
///
/// Amounts in different currencies never mix: adding them is refused, and there are no
/// built-in exchange rates (a rate is a number that models the world and needs a source).
public struct Money: Hashable, Sendable {
    /// ISO 4217 code: `USD`, `EUR`, `GBP`.
    public let currency: String
    public let amount: Interval

    public init(_ amount: Interval, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// Currencies co2e reads, with the symbols that stand for them.
    public static let currencies: [(code: String, symbols: [String])] = [
        ("USD", ["$", "US$"]), ("EUR", ["€"]), ("GBP", ["£"]),
    ]

    /// The sum of two amounts in the same currency.
    public static func + (a: Money, b: Money) throws -> Money {
        guard a.currency == b.currency else {
            throw CO2eError.input("cannot add \(a) and \(b): different currencies, and co2e has no exchange rates")
        }
        return Money(a.amount + b.amount, a.currency)
    }

    public static func * (a: Money, k: Interval) -> Money { Money(a.amount * k, a.currency) }

    /// Parses `$350`, `350 USD`, `USD 350`, `€90`, `1,700,000,000 USD`, `$600..1,000`,
    /// `600..1000 EUR`.
    public static func parse(_ text: String) throws -> Money {
        var rest = text.trimmingSpaces
        var currency: String?
        func take(prefix p: String) -> Bool {
            guard rest.hasPrefix(p) else { return false }
            rest = String(rest.dropFirst(p.count)).trimmingSpaces
            return true
        }
        func take(suffix s: String) -> Bool {
            guard rest.hasSuffix(s) else { return false }
            rest = String(rest.dropLast(s.count)).trimmingSpaces
            return true
        }
        // Longest symbols first, so `US$` wins over `$`.
        let marks = currencies.flatMap { c in ([c.code] + c.symbols).map { ($0, c.code) } }.sorted { $0.0.count > $1.0.count }
        for (mark, code) in marks where currency == nil {
            if take(prefix: mark) || take(suffix: mark) { currency = code }
        }
        guard let currency else {
            throw CO2eError.input("'\(text)' has no currency; write it as $350, 350 USD, €90 or 90 EUR (accepted: \(currencies.map(\.code).joined(separator: ", ")))")
        }
        let sides = rest.components(separatedByDots: ()).map { $0.trimmingSpaces }
        var bounds: [Double] = []
        for side in sides {
            var s = side
            for (mark, _) in marks where s.hasPrefix(mark) { s = String(s.dropFirst(mark.count)); break }
            guard let v = NumberText.parse(s.trimmingSpaces), v.isFinite else {
                throw CO2eError.input("'\(text)' is not an amount of money; write it as $350, 350 USD or $600..1,000")
            }
            bounds.append(v)
        }
        if bounds.count == 2 && bounds[0] > bounds[1] {
            throw CO2eError.input("'\(text)': the low end of a range comes first")
        }
        return Money(Interval(bounds[0], bounds[bounds.count - 1]), currency)
    }
}

extension Money: CustomStringConvertible {
    /// `350 USD`, `1.7 billion USD`, `600–1,000 USD`.
    public var description: String {
        let magnitude = max(abs(amount.lower), abs(amount.upper))
        let (scale, word): (Double, String) = magnitude >= 1e9 ? (1e9, " billion") : magnitude >= 1e6 ? (1e6, " million") : (1, "")
        let lo = NumberText.format(amount.lower / scale, significantDigits: 4)
        let hi = NumberText.format(amount.upper / scale, significantDigits: 4)
        return (amount.isPoint ? lo : lo + "–" + hi) + word + " " + currency
    }
}
