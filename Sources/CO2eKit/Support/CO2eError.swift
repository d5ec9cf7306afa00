/// An error co2e reports to its user: one line that names the input, the value, and what is
/// accepted. `kind` tells a caller how to react (the CLI maps it to an exit code).
public struct CO2eError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A value given by the caller is malformed or out of range (CLI exit code 2).
        case invalidInput
        /// A data file or table is malformed, or a lookup found nothing (CLI exit code 1).
        case invalidData
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func input(_ message: String) -> CO2eError { CO2eError(.invalidInput, message) }
    public static func data(_ message: String) -> CO2eError { CO2eError(.invalidData, message) }

    /// The same error with `context` (an option name, a file and line) in front of the message.
    public func prefixed(_ context: String) -> CO2eError { CO2eError(kind, "\(context): \(message)") }

    public var description: String { message }
}
