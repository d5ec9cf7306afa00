/// The range checks co2e applies to inputs, each in one place. Every check throws
/// `CO2eError.invalidInput` as `context: 'shown' ...`, where `context` names the input (an
/// option such as `--energy`, or a field) and `shown` is the value as the user wrote it.
public enum Check {
    /// A finite value above zero: an energy, a power, a time, a count.
    public static func positive(_ v: Interval, _ shown: String, context: String) throws {
        try finite(v, shown, context: context)
        let shown = shown.clipped
        guard v.lower > 0 else { throw CO2eError.input("\(context): '\(shown)' must be more than zero") }
    }

    /// A finite value of zero or more: an emission intensity, an amount of covered energy.
    public static func nonNegative(_ v: Interval, _ shown: String, context: String, what: String) throws {
        try finite(v, shown, context: context)
        let shown = shown.clipped
        guard v.lower >= 0 else { throw CO2eError.input("\(context): '\(shown)' is negative; \(what) is 0 or more") }
    }

    /// A power usage effectiveness: facility energy / IT energy, so 1 or more.
    public static func pue(_ v: Interval, _ shown: String, context: String) throws {
        try finite(v, shown, context: context)
        let shown = shown.clipped
        guard v.lower >= 1 else {
            throw CO2eError.input("\(context): '\(shown)' is below 1; PUE is facility energy / IT energy, so 1.0 or more (typical 1.1–1.6)")
        }
    }

    /// A share from 0 to 1 (0–100 %).
    public static func share(_ v: Interval, _ shown: String, context: String) throws {
        try finite(v, shown, context: context)
        let shown = shown.clipped
        guard v.lower >= 0, v.upper <= 1 else { throw CO2eError.input("\(context): '\(shown)' is outside 0–100 %") }
    }

    static func finite(_ v: Interval, _ shown: String, context: String) throws {
        let shown = shown.clipped
        guard v.isFinite else { throw CO2eError.input("\(context): '\(shown)' is not a finite number") }
    }
}
