/// The range checks co2e applies to inputs, each in one place. A failed check throws
/// `CO2eError.invalidInput` naming the field (`energy`, `pue`), the value as shown, and what is
/// accepted.
package enum Check {
    /// A finite value above zero: an energy, a power, a time, a count.
    package static func positive<D>(_ v: Uncertain<D>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower > 0 else {
            throw CO2eError.input(field, shown, hint("must be more than zero", v), accepted: "\(D.name) above zero, such as \(D.example)", code: .valueOutOfRange)
        }
    }

    /// A finite value of zero or more: an emission intensity, an amount of covered energy.
    package static func nonNegative<D>(_ v: Uncertain<D>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower >= 0 else {
            throw CO2eError.input(field, shown, hint("is negative", v), accepted: "\(D.name) of 0 or more, such as \(D.example)", code: .valueOutOfRange)
        }
    }

    /// A power usage effectiveness: facility energy / IT energy, so 1 or more.
    package static func pue(_ v: Uncertain<RatioDimension>, field: String = "pue", shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower >= 1 else {
            throw CO2eError.input(field, shown, hint("is below 1; PUE is facility energy / IT energy", v),
                                  accepted: "1.0 or more (typical 1.1–1.6)", code: .valueOutOfRange)
        }
    }

    /// A share from 0 to 1 (0–100 %).
    package static func share(_ v: Uncertain<ShareDimension>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower >= 0, v.interval.upper <= 1 + 1e-12 else {
            throw CO2eError.input(field, shown, hint("is outside 0–100 %", v), accepted: "a share from 0 to 100 %, such as 73% or 0.73", code: .valueOutOfRange)
        }
    }

    /// A utilisation: above zero (a share of 0 would take forever, or amortise over nothing) and
    /// at most 100 %.
    package static func utilisation(_ v: Uncertain<ShareDimension>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower > 0, v.interval.upper <= 1 + 1e-12 else {
            throw CO2eError.input(field, shown, hint(v.interval.lower > 0 ? "is above 100 %" : "must be more than zero", v),
                                  accepted: "a share above 0 and at most 100 %, such as 40% or 0.4", code: .valueOutOfRange)
        }
    }

    /// A yearly growth rate above -100 % (a fall of 100 % or more would leave nothing to grow).
    package static func growth(_ v: Uncertain<GrowthDimension>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower > -1 else {
            throw CO2eError.input(field, shown, hint("is -100 %/y or less", v), accepted: "a rate above -100 %/y, such as 15%/y or -3%/y", code: .valueOutOfRange)
        }
    }

    /// A finite value.
    package static func finite(_ v: Interval, _ field: String, _ shown: String) throws {
        guard v.isFinite else { throw CO2eError.input(field, shown, "is not a finite number", code: .notFinite) }
    }

    package static func text<D>(_ v: Uncertain<D>) -> String {
        if case let .distribution(d) = v { return d.text }
        return Quantity<D>.format(v.interval)
    }

    /// For a distribution, says which of its values were checked: its support, or the central
    /// 99 % of a normal or lognormal, and how to bound a normal.
    static func hint<D>(_ reason: String, _ v: Uncertain<D>) -> String {
        guard case let .distribution(d) = v else { return reason }
        let range = Quantity<D>.format(d.interval)
        if d.shape.isBounded { return reason + " (the distribution's values span \(range))" }
        return reason + " (the distribution's central 99 % spans \(range); truncate a normal to the values allowed: normal:MEAN,SD,MIN..MAX)"
    }
}
