/// An error co2e reports, as a value: its kind, the input or field at fault, the value as given,
/// what is accepted, and the file and line where there is one.
///
/// The library names no command-line flag: `field` is the model's name for the input (`energy`,
/// `device_power`, `grid`), and a front end maps it to its own spelling (`--energy`). The one-line
/// text reads `field: 'value' reason (accepted: ...)`, with `file:line:` in front for data errors.
public struct CO2eError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whose fault it is: the caller's input, or the data.
    package enum Kind: String, Sendable, Equatable {
        /// A value given by the caller is malformed or out of range (CLI exit code 2).
        case invalidInput = "usage"
        /// A data file or table is malformed, or a lookup found nothing (CLI exit code 1).
        case invalidData = "data"
    }

    /// What went wrong, for programs: a stable snake_case string (`unknown_zone`,
    /// `value_out_of_range`, `file_too_large`) that a caller can switch on. The string forms are
    /// part of the interface: a case may be added, never renamed.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        // The caller's input.
        /// An input that is malformed in a way no narrower code names.
        case invalidValue = "invalid_value"
        /// Text that should be a number is not one (`abc`, `1..`).
        case invalidNumber = "invalid_number"
        /// A unit co2e does not know, or a unit of another dimension (`50GW` for an energy).
        case unknownUnit = "unknown_unit"
        /// A number outside what the input accepts (a PUE below 1, a share above 100 %).
        case valueOutOfRange = "value_out_of_range"
        /// A number too large to compute with (it would overflow a sum or a product).
        case notFinite = "not_finite"
        /// A command co2e does not have.
        case unknownCommand = "unknown_command"
        /// An option the command does not have, or an argument it does not expect.
        case unknownOption = "unknown_option"
        /// An option that needs another, or a required input left out.
        case missingOption = "missing_option"
        /// Two options that cannot be given together, or one given twice.
        case conflictingOptions = "conflicting_options"
        /// An input that would need more memory or time than co2e allows (say how much).
        case resourceLimit = "resource_limit"
        // Lookups.
        /// A grid zone (country, subregion, cloud region) no table has.
        case unknownZone = "unknown_zone"
        /// An id a catalogue does not have (a deal, a scenario, a claim, an accelerator).
        case unknownID = "unknown_id"
        /// A lookup that finds the zone or id but not the year or figure asked for.
        case notAvailable = "not_available"
        // Files and data.
        /// A data file or table that is malformed in a way no narrower code names.
        case invalidData = "invalid_data"
        /// A file that does not exist or cannot be opened.
        case fileNotFound = "file_not_found"
        /// A path that is not a regular file (a directory, a device, a FIFO) or a binary file.
        case fileNotReadable = "file_not_readable"
        /// A file over the size co2e reads.
        case fileTooLarge = "file_too_large"
        /// An output path co2e refuses (one of the inputs, a device, a dangling link).
        case outputRefused = "output_refused"
        /// A write that failed (a full disk, a closed stream).
        case writeFailed = "write_failed"
        /// A required column missing from a file's header, or given twice.
        case missingColumn = "missing_column"
        /// A row, key or id given twice where each must be unique.
        case duplicateEntry = "duplicate_entry"
        /// Partial results that do not agree (made with other factors, PUE or grouping), or
        /// that overlap or leave a gap.
        case partialMismatch = "partial_mismatch"
    }

    /// The caller's input or the data.
    package let kind: Kind
    /// The stable, machine-readable code (see `Code`).
    public var code: Code
    /// The input at fault, in the model's words (`energy`, `pue`, `grid`), if one is.
    public var field: String?
    /// The value as the caller gave it, clipped to 60 characters with control characters escaped.
    public var value: String?
    /// What went wrong, without the field and value: `must be more than zero`.
    public let reason: String
    /// What is accepted, where it helps: `a positive energy such as 50GWh`.
    public var accepted: String?
    /// The file the value came from, for data errors.
    package var file: String?
    /// The line in `file`, counting from 1.
    package var line: Int?
    /// A field whose setting would resolve the error (`fill_gaps`, `utc_offset`), or
    /// `zoneList` when the list of zones would help: a front end points to it in its own words.
    package var seeAlso: String?
    /// Lines that say more than the one-line reason (the first rows that could not be used),
    /// each shown before the error line, and in JSON errors as `details`.
    package var details: [String] = []
    /// `seeAlso` for "the list of every zone".
    package static let zoneList = "zone_list"

    /// An error from its parts; `value` is clipped and escaped for a one-line message.
    /// Without `code`, the kind's general code (`invalid_value`, `invalid_data`).
    package init(_ kind: Kind, _ reason: String, code: Code? = nil, field: String? = nil, value: String? = nil,
                accepted: String? = nil, file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.code = code ?? (kind == .invalidInput ? .invalidValue : .invalidData)
        self.reason = reason
        self.field = field
        self.value = value.map { EchoedText.value($0) }
        self.accepted = accepted
        self.file = file
        self.line = line
    }

    /// A malformed or out-of-range input (the message may quote the value itself).
    package static func input(_ reason: String, code: Code = .invalidValue) -> CO2eError {
        CO2eError(.invalidInput, reason, code: code)
    }

    /// A data error at `file` (and `line`, counting from 1), located by argument.
    package static func data(_ reason: String, code: Code = .invalidData, file: String?, line: Int? = nil) -> CO2eError {
        CO2eError(.invalidData, reason, code: code, file: file, line: line)
    }
    /// A malformed data file or a failed lookup. A leading `file:line: ` or `file: ` (a path:
    /// no spaces, with a `/` or a `.`) becomes the error's `file` and `line`, so messages
    /// written as `"\(origin):\(line): ..."` carry both as fields.
    package static func data(_ message: String) -> CO2eError {
        guard let (file, line, rest) = splitLocation(message) else { return CO2eError(.invalidData, message) }
        return CO2eError(.invalidData, rest, file: file, line: line)
    }

    /// `("f.csv", 2, "reason")` from `"f.csv:2: reason"`; `("f.csv", nil, "reason")` from
    /// `"f.csv: reason"`; nil when the message does not start with a path.
    static func splitLocation(_ message: String) -> (String, Int?, String)? {
        guard let colonSpace = message.firstRange(of: ": ") else { return nil }
        let head = message[..<colonSpace.lowerBound]
        let rest = String(message[colonSpace.upperBound...])
        guard !head.isEmpty, !head.contains(" "), !rest.isEmpty else { return nil }
        var file = Substring(head)
        var line: Int?
        if let lastColon = head.lastIndex(of: ":"), let n = Int(head[head.index(after: lastColon)...]), n > 0 {
            file = head[..<lastColon]
            line = n
        }
        guard file.contains("/") || file.contains("."), !file.contains(":") || file.hasPrefix("/") else { return nil }
        return (String(file), line, rest)
    }

    /// An id a catalogue does not have (a deal, a figure, an accelerator): the nearest ids
    /// suggested, every id accepted, and `seeAlso` pointing to where they are listed.
    package static func unknown(_ id: String, kind: String, field: String, candidates: [String], seeAlso: String? = nil) -> CO2eError {
        var reason = "is not a known \(kind)"
        let near = Suggestions.nearest(to: id, among: candidates)
        if !near.isEmpty { reason += "; did you mean \(near.joined(separator: ", "))?" }
        var error = CO2eError(.invalidData, reason, code: .unknownID, field: field, value: id,
                              accepted: candidates.joined(separator: ", "))
        error.seeAlso = seeAlso
        return error
    }

    /// An input error naming the field and the value: `field: 'value' reason`.
    package static func input(_ field: String, _ value: String, _ reason: String, accepted: String? = nil,
                             code: Code = .invalidValue) -> CO2eError {
        CO2eError(.invalidInput, reason, code: code, field: field, value: value, accepted: accepted)
    }

    /// The same error, attributed to `field` when it names none yet.
    package func attributed(to field: String) -> CO2eError {
        var copy = self
        if copy.field == nil { copy.field = field }
        return copy
    }

    /// The same error with `file` and `line` set when they are not yet.
    package func located(file: String, line: Int? = nil) -> CO2eError {
        var copy = self
        if copy.file == nil { copy.file = file; copy.line = line }
        return copy
    }

    /// The reason with the value and what is accepted, without the field: `'0GWh' must be more
    /// than zero`.
    package var message: String {
        var text = ""
        if let value { text += "'\(value)' " }
        text += reason
        if let accepted { text += " (accepted: \(accepted))" }
        return text
    }

    /// One line: `file:line: field: 'value' reason (accepted: ...)`, with `field` spelled by
    /// `spell` (a front end's option name).
    package func oneLine(spellingField spell: (String) -> String = { $0 }) -> String {
        var text = ""
        if let file { text += line.map { "\(file):\($0): " } ?? "\(file): " }
        if let field { text += spell(field) + ": " }
        if let seeAlso { text = text + message + " (see \(spell(seeAlso)))"; return EchoedText.oneLine(text) }
        return EchoedText.oneLine(text + message)
    }

    /// The error on one line: its reason, the value given and what is accepted.
    public var description: String { oneLine() }
}
