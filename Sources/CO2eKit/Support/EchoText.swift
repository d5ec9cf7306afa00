/// Text echoed back to a user inside a message: clipped, with control characters escaped, so an
/// error stays one readable line whatever the input held.
package enum EchoText {
    /// Longest echoed value, in characters.
    package static let limit = 60

    /// `text` shortened to `limit` characters (`...` at the end) with control characters escaped.
    package static func clip(_ text: String) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit - 3 {
                out += "..."
                return out
            }
            out += escaped(scalar)
            count += 1
        }
        return out
    }

    /// `text` with line breaks and other control characters escaped (`\n`, `\r`, `\t`, `\u{0}`).
    package static func oneLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { out += escaped(scalar) }
        return out
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 {
                return "\\u{\(String(scalar.value, radix: 16))}"
            }
            return String(scalar)
        }
    }
}

extension String {
    /// The string clipped for an error message (`EchoText.clip`).
    var clipped: String { EchoText.clip(self) }
}
