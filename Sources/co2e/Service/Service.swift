#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import CO2eKit

/// `co2e serve`: one JSON request per line in, one JSON response per line out, in order.
///
/// A request is `{"id": 1, "command": "training", "args": {"energy": "50..60GWh", "grid": ["FR", "US"]}}`.
/// Each key of `args` is an option's name without its dashes; its value is a string written as
/// on the command line, an array of strings for a repeated option, `true` for a switch (`false`
/// leaves it out), and `"_"` holds the positional arguments (a string or an array of strings).
/// The args become the same argument list the command line parses (`--energy=50..60GWh
/// --grid=FR --grid=US`), so a request means what the command means, and errors are the same.
///
/// The answer is `{"id": 1, "result": ...}`, the result being what `--json` prints, or `{"id": 1,
/// "error": {"code", "message", "data"}}`, data holding the fields `--json` reports an error
/// with. A line that is not a request (not JSON, too long, not an object, an unknown command)
/// gets an error with the request's id, or `null` when it has none, and the service goes on.
enum Service {
    /// The longest request line read, in bytes (without its newline): 1 MiB.
    static let maximumLineBytes = 1 << 20

    static let help = """
    OVERVIEW: Answer co2e requests as a service: one JSON request per line on standard input,
    one JSON response per line on standard output, in order, each written as soon as it is ready.

    USAGE: co2e serve

    REQUEST: {"id": 1, "command": "training", "args": {"energy": "50..60GWh", "grid": ["FR", "US"]}}
      id       a number or a string, echoed in the response (null when left out)
      command  any command but serve (training, factors, batch, ...)
      args     option names without dashes; a value is a string as on the command line, an array
               of strings for a repeated option, true for a switch; "_" holds the positional
               arguments: {"_": ["US", "FR"]} for 'co2e factors US FR'

    RESPONSE: {"id": 1, "result": <what --json prints>} (and "diagnostics": [...] when the command
      has some), or {"id": 1, "error": {"code": "unknown_zone", "message": "...", "data": {...}}}

    LIMITS: a line holds at most 1 MiB; the options that write files (--out, --chart), --csv,
    --value, --help and reading standard input (batch -) are refused in a request. A bad line gets
    an error response and the service goes on; the end of input ends it with exit code 0.
    """

    /// Serves the requests in the chunks `read` returns (nil at the end of input), writing the
    /// response lines with `write`, which returns false when they could not be written (the
    /// service then stops). Lines end with `\n`; a last line without one is answered too. The
    /// responses to the lines of one chunk go out in one `write` (every 64 KiB, when they are
    /// more), before the next `read`: a caller that waits for an answer gets it as soon as it
    /// is made, and one that sends many lines does not pay a write for each.
    static func serve(read: () -> ArraySlice<UInt8>?, write: ([UInt8]) -> Bool) {
        var pending: [UInt8] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        // The current line is over the limit: skip to its end, then answer it.
        var skipping = false
        func flush() -> Bool {
            guard !out.isEmpty else { return true }
            defer { out.removeAll(keepingCapacity: out.capacity <= 1 << 20) }
            return write(out)
        }
        while let chunk = read() {
            var start = chunk.startIndex
            while start < chunk.endIndex {
                guard let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                    if !skipping {
                        pending.append(contentsOf: chunk[start...])
                        if pending.count > maximumLineBytes {
                            skipping = true
                            pending.removeAll()
                        }
                    }
                    break
                }
                if skipping {
                    tooLong(into: &out)
                    skipping = false
                } else if pending.isEmpty {
                    if chunk.distance(from: start, to: newline) > maximumLineBytes {
                        tooLong(into: &out)
                    } else {
                        answer(chunk[start..<newline], into: &out)
                    }
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    if pending.count > maximumLineBytes { tooLong(into: &out) } else { answer(pending[...], into: &out) }
                    pending.removeAll(keepingCapacity: pending.count <= 1 << 16)
                }
                if out.count >= 1 << 16 { guard flush() else { return } }
                start = chunk.index(after: newline)
            }
            guard flush() else { return }
        }
        if skipping {
            tooLong(into: &out)
        } else if !pending.isEmpty {
            answer(pending[...], into: &out)
        }
        _ = flush()
    }

    /// Serves standard input to `console`'s output until the end of input.
    static func run(_ arguments: [String], console: Console) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            console.out(help)
            return 0
        }
        if let first = arguments.first {
            let error = CO2eError(.invalidInput, "is not expected; serve takes no arguments (requests come on standard input, see co2e serve --help)",
                                  code: .unknownOption, value: first)
            return CLI.fail(error, console, json: false)
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var readFailure: String?
        serve(read: {
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
                if n > 0 { return buffer[0..<n] }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { readFailure = FileIO.systemError() }
                return nil
            }
        }, write: { lines in
            console.outBytes(lines)
            return Console.failedWrite == nil
        })
        if let readFailure {
            return CLI.fail(CO2eError.data("cannot read standard input: \(readFailure)", code: .fileNotReadable, file: nil), console)
        }
        return 0
    }

    // MARK: - One request

    /// The response line (with its newline) to one request line (without it), appended to `out`.
    static func answer(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var id = JSONValue.null
        var spell: (String) -> String = { $0 }
        do {
            let request: JSONValue
            do {
                request = try JSONValue.parse(bytes: Array(line), origin: "request")
            } catch let error as CO2eError {
                throw CO2eError(.invalidInput, "is not JSON: \(error.reason)", field: "request",
                                accepted: "one JSON object per line, such as {\"id\": 1, \"command\": \"factors\", \"args\": {\"_\": [\"US\"]}}")
            }
            guard let members = request.objectMembers else {
                throw CO2eError(.invalidInput, "is \(request.kindDescription), not an object", field: "request",
                                accepted: "a JSON object with id, command and args")
            }
            // The id first, so that every later error answers to it.
            switch request["id"] ?? .null {
            case .null, .number, .string: id = request["id"] ?? .null
            case let other:
                throw CO2eError(.invalidInput, "is \(other.kindDescription)", field: "id", accepted: "a number, a string or null")
            }
            for (key, _) in members where !["id", "command", "args"].contains(key) {
                throw CO2eError(.invalidInput, "is not a member of a request", code: .unknownOption, field: "request", value: key,
                                accepted: "id, command, args")
            }
            guard let commandValue = request["command"] else {
                throw CO2eError(.invalidInput, "is missing", code: .missingOption, field: "command", accepted: commandNames)
            }
            guard let name = commandValue.stringValue else {
                throw CO2eError(.invalidInput, "is \(commandValue.kindDescription), not a string", field: "command", accepted: commandNames)
            }
            if name == "serve" || name == "impact" {
                // impact reads its observations from standard input, which carries the requests here.
                throw CO2eError(.invalidInput, "cannot be run inside serve", code: .unknownCommand, field: "command", value: name,
                                accepted: commandNames)
            }
            guard let command = CLI.command(named: name) else {
                var reason = "is not a command"
                if let near = Suggestions.nearest(to: name, among: CLI.commands.map { $0.name }, limit: 1).first {
                    reason += "; did you mean '\(near)'?"
                }
                throw CO2eError(.invalidInput, reason, code: .unknownCommand, field: "command", value: name, accepted: commandNames)
            }
            spell = command.spell
            let arguments = try commandLine(request["args"] ?? .object([]), for: command)
            let (output, a) = try CLI.execute(command, arguments)
            var response: [(String, JSONValue)] = [("id", id), ("result", try result(output.body, summary: a[OutputOptions.summary]))]
            if !output.diagnostics.isEmpty {
                response.append(("diagnostics", .array(output.diagnostics.map { .string(EchoedText.oneLine($0)) })))
            }
            JSONValue.object(response).serialize(appendingTo: &out)
            out.append(UInt8(ascii: "\n"))
        } catch let error as CO2eError {
            failure(id, error, spell: spell, into: &out)
        } catch {
            failure(id, CO2eError.data("\(error)"), spell: spell, into: &out)
        }
    }

    private static var commandNames: String { CLI.commands.map { $0.name }.joined(separator: ", ") }

    /// `{"id": ..., "error": {"code", "message", "data"}}` and a newline.
    static func failure(_ id: JSONValue, _ error: CO2eError, spell: (String) -> String = { $0 }, into out: inout [UInt8]) {
        let message = EchoedText.oneLine(error.oneLine(spellingField: spell))
        let body = JSONValue.object([("code", .string(error.code.rawValue)), ("message", .string(message)),
                                     ("data", .object(CLI.errorMembers(error, spell: spell)))])
        JSONValue.object([("id", id), ("error", body)]).serialize(appendingTo: &out)
        out.append(UInt8(ascii: "\n"))
    }

    private static func tooLong(into out: inout [UInt8]) {
        failure(.null, CO2eError(.invalidInput, "is longer than \(maximumLineBytes) bytes (1 MiB); it was not read", code: .resourceLimit,
                                 field: "request", accepted: "one request per line, of at most \(maximumLineBytes) bytes"), into: &out)
    }

    /// The argument list a request's `args` stand for: `--name=value` for each value (so a value
    /// that starts with dashes stays a value), `--name` for `true`, then `--` and the positionals.
    static func commandLine(_ args: JSONValue, for command: any Command.Type) throws -> [String] {
        guard let members = args.objectMembers else {
            throw CO2eError(.invalidInput, "is \(args.kindDescription), not an object", field: "args",
                            accepted: "an object of options, such as {\"energy\": \"50GWh\", \"grid\": [\"FR\", \"US\"]}")
        }
        var line: [String] = []
        var positionals: [String] = []
        let valueTypes = "a string, an array of strings, or true for a switch"
        for (key, value) in members {
            if key == "_" {
                switch value {
                case let .string(s): positionals = [s]
                case let .array(items):
                    positionals = try items.map {
                        guard let s = $0.stringValue else {
                            throw CO2eError(.invalidInput, "holds \($0.kindDescription)", field: "args._", accepted: "strings")
                        }
                        return s
                    }
                default:
                    throw CO2eError(.invalidInput, "is \(value.kindDescription)", field: "args._", accepted: "a string or an array of strings")
                }
                if command == BatchCommand.self, positionals.contains("-") {
                    throw CO2eError(.invalidInput, "reads standard input, which carries the requests in serve; give a file", field: "args._",
                                    value: "-", accepted: "a file path")
                }
                continue
            }
            guard let first = key.unicodeScalars.first, first != "-",
                  key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw CO2eError(.invalidInput, "is not an option name", code: .unknownOption, field: "args", value: key,
                                accepted: "an option of \(command.name) without its dashes (energy, grid), or _ for the positionals")
            }
            switch key {
            case "help", "h":
                throw CO2eError(.invalidInput, "is not served; run 'co2e \(command.name) --help'", code: .unknownOption, field: "args", value: key)
            case "csv", "value":
                throw CO2eError(.invalidInput, "is not served: serve answers with the JSON result (--json)", code: .conflictingOptions,
                                field: "args", value: key, accepted: "json, summary")
            case "out", "chart", "html":
                throw CO2eError(.invalidInput, "writes a file, which serve does not do: a request answers on standard output only",
                                code: .outputRefused, field: "args", value: key)
            default: break
            }
            switch value {
            case let .string(s): line.append("--\(key)=\(s)")
            case .bool(true): line.append("--\(key)")
            case .bool(false): continue
            case let .array(items) where !items.isEmpty:
                for item in items {
                    guard let s = item.stringValue else {
                        throw CO2eError(.invalidInput, "holds \(item.kindDescription)", field: "args.\(key)", accepted: "strings")
                    }
                    line.append("--\(key)=\(s)")
                }
            case .array:
                throw CO2eError(.invalidInput, "is an empty array", field: "args.\(key)", accepted: "at least one value, or leave the key out")
            default:
                throw CO2eError(.invalidInput, "is \(value.kindDescription)", field: "args.\(key)", accepted: valueTypes)
            }
        }
        if !positionals.isEmpty { line += ["--"] + positionals }
        return line
    }

    /// The result as `--json` gives it: an estimate's trail (or its summary), a listing's items,
    /// a document's JSON (JSON lines, as `batch --partial` gives, become an array).
    static func result(_ body: Output.Body, summary: Bool) throws -> JSONValue {
        switch body {
        case let .estimate(e), let .written(e, _): return summary ? Rendering.summaryJSON(e) : e.json
        case let .listing(l):
            if summary { throw Refusal.noEstimate(OutputOptions.summary, Refusal.list) }
            return l.json
        case let .measured(_, e) where summary: return Rendering.summaryJSON(e)
        case let .document(text), let .measured(text, _):
            if summary, case .document = body { throw Refusal.noEstimate(OutputOptions.summary, Refusal.document) }
            if let whole = try? JSONValue.parse(text, origin: "result") { return whole }
            let lines = text.split(separator: "\n")
            if let items = try? lines.map({ try JSONValue.parse(String($0), origin: "result") }) { return .array(items) }
            return .string(text)
        }
    }
}
