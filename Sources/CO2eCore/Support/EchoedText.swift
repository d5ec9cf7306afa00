/// Text from the user or a file, made safe to echo in a one-line error message: control
/// characters (C0, DEL, C1, U+2028, U+2029) are escaped (`\n`, `\r`, `\t`, `\u{1B}`), and long
/// values are clipped, so an error stays one short line whatever the input held.
package enum EchoedText {
    /// The longest echoed value, in characters, before it is clipped.
    package static let valueLimit = 60
    /// The longest echoed file path, in characters, before it is clipped.
    package static let pathLimit = 160
    /// The longest whole error message, in characters, before its middle is cut.
    package static let messageLimit = 400

    /// `text` with its control characters escaped and, past `limit` characters, clipped with
    /// "...". Only the first `limit` + 1 characters of `text` are ever looked at.
    package static func value<S: StringProtocol>(_ text: S, limit: Int = valueLimit) -> String {
        // Pieces are whole escapes, so a clip never cuts one in half.
        var pieces: [String] = []
        var width = 0
        for scalar in text.unicodeScalars {
            let piece = escape(scalar)
            pieces.append(piece)
            width += piece.unicodeScalars.count
            if width > limit {
                // Too long: keep what fits in limit - 3, then "...".
                var out = ""
                var used = 0
                for p in pieces {
                    let w = p.unicodeScalars.count
                    if used + w > limit - 3 { break }
                    out += p
                    used += w
                }
                return out + "..."
            }
        }
        return pieces.joined()
    }

    /// `text` with its control characters escaped, whole (not clipped): for text from input
    /// files (a region name, a title) that a result table prints to a terminal.
    package static func escaped<S: StringProtocol>(_ text: S) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return String(text) }
        return text.unicodeScalars.map(escape).joined()
    }

    /// A file path for an error message: escaped, and clipped only past `pathLimit`.
    package static func path(_ path: String) -> String { value(path, limit: pathLimit) }

    /// A whole message made one line: control characters escaped and, past `limit` characters,
    /// its middle replaced by " ... " (keeping the head, which names the input, and the tail,
    /// which says what is accepted).
    package static func oneLine(_ message: String, limit: Int = messageLimit) -> String {
        let scalars = message.unicodeScalars
        var width = 0
        var hasControl = false
        for s in scalars {
            if isControl(s) { hasControl = true; width += escape(s).unicodeScalars.count } else { width += 1 }
        }
        guard hasControl || width > limit else { return message }
        guard width > limit else { return scalars.map(escape).joined() }
        let tailWidth = limit / 3
        let headWidth = limit - tailWidth - 5
        var head = "", used = 0
        for s in scalars {
            let e = escape(s)
            if used + e.unicodeScalars.count > headWidth { break }
            head += e
            used += e.unicodeScalars.count
        }
        var tail: [String] = []
        used = 0
        for s in scalars.reversed() {
            let e = escape(s)
            if used + e.unicodeScalars.count > tailWidth { break }
            tail.append(e)
            used += e.unicodeScalars.count
        }
        return head + " ... " + tail.reversed().joined()
    }

    /// Whether `s` would break a line or a terminal: C0 controls, DEL, C1 controls, and the
    /// Unicode line and paragraph separators.
    package static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F) || s.value == 0x2028 || s.value == 0x2029
    }

    static func escape(_ s: Unicode.Scalar) -> String {
        guard isControl(s) else { return String(s) }
        switch s {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let hex = String(s.value, radix: 16, uppercase: true)
            return "\\u{" + hex + "}"
        }
    }
}

extension StringProtocol {
    /// The text escaped and clipped for an error message (see `EchoedText.value`).
    package var echoed: String { EchoedText.value(self) }
}
