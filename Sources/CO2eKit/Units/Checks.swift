/// The range checks co2e applies to inputs, each in one place. A failed check throws
/// `CO2eError.invalidInput` naming the field (`energy`, `pue`), the value as shown, and what is
/// accepted.
package enum Check {
    /// A finite value above zero: an energy, a power, a time, a count.
    package static func positive<D>(_ v: Uncertain<D>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower > 0 else {
            throw CO2eError.input(field, shown, "must be more than zero", accepted: "\(D.name) above zero, such as \(D.example)")
        }
    }

    /// A finite value of zero or more: an emission intensity, an amount of covered energy.
    package static func nonNegative<D>(_ v: Uncertain<D>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower >= 0 else {
            throw CO2eError.input(field, shown, "is negative", accepted: "\(D.name) of 0 or more, such as \(D.example)")
        }
    }

    /// A power usage effectiveness: facility energy / IT energy, so 1 or more.
    package static func pue(_ v: Uncertain<RatioDimension>, field: String = "pue", shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower >= 1 else {
            throw CO2eError.input(field, shown, "is below 1; PUE is facility energy / IT energy",
                                  accepted: "1.0 or more (typical 1.1–1.6)")
        }
    }

    /// A share from 0 to 1 (0–100 %).
    package static func share(_ v: Uncertain<ShareDimension>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower >= 0, v.interval.upper <= 1 + 1e-12 else {
            throw CO2eError.input(field, shown, "is outside 0–100 %", accepted: "a share from 0 to 100 %, such as 73% or 0.73")
        }
    }

    /// A yearly growth rate above -100 % (a fall of 100 % or more would leave nothing to grow).
    package static func growth(_ v: Uncertain<GrowthDimension>, field: String, shown: String? = nil) throws {
        let shown = shown ?? text(v)
        try finite(v.interval, field, shown)
        guard v.interval.lower > -1 else {
            throw CO2eError.input(field, shown, "is -100 %/y or less", accepted: "a rate above -100 %/y, such as 15%/y or -3%/y")
        }
    }

    /// A finite value.
    package static func finite(_ v: Interval, _ field: String, _ shown: String) throws {
        guard v.isFinite else { throw CO2eError.input(field, shown, "is not a finite number") }
    }

    static func text<D>(_ v: Uncertain<D>) -> String { Quantity<D>.format(v.interval) }
}
