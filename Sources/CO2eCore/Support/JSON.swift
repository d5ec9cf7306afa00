/// A JSON value and its serialisation (no Foundation): what `--json` prints and what a tool
/// calling co2e reads.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Keys keep their order, so output is stable and reads in the order of the trail.
    case object([(String, JSONValue)])

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized() == b.serialized()
    }

    /// Compact JSON text on one line.
    package func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, indent: nil, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Compact JSON text on one line, as UTF-8 bytes appended to `out` (no String made).
    package func serialize(appendingTo out: inout [UInt8]) {
        write(to: &out, indent: nil, level: 0)
    }

    /// Indented JSON text, two spaces a level.
    package func prettySerialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, indent: 2, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    // Written as UTF-8 bytes into one buffer (no per-piece string appends); `indent` is the
    // number of spaces a level, nil for one line.
    private func write(to out: inout [UInt8], indent: Int?, level: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(x): out.append(contentsOf: (x.isFinite ? NumberText.exact(x) : "null").utf8)
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .array(items):
            if items.isEmpty { out.append(0x5B); out.append(0x5D); return }
            out.append(0x5B)  // [
            for k in items.indices {
                if k > items.startIndex { out.append(0x2C) }
                newline(&out, indent, level + 1)
                items[k].write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(0x5D)  // ]
        case let .object(members):
            if members.isEmpty { out.append(0x7B); out.append(0x7D); return }
            out.append(0x7B)  // {
            for k in members.indices {
                if k > members.startIndex { out.append(0x2C) }
                newline(&out, indent, level + 1)
                JSONValue.writeString(members[k].0, to: &out)
                out.append(0x3A)  // :
                if indent != nil { out.append(0x20) }
                members[k].1.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(0x7D)  // }
        }
    }

    private func newline(_ out: inout [UInt8], _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.append(0x22)
            // Runs of bytes that need no escape are copied whole. Every byte of a multi-byte
            // scalar is 0x80 or above, so only the quote, the backslash and the control
            // characters break a run.
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch byte {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(0x5C); out.append(UInt8(ascii: "u")); out.append(0x30); out.append(0x30)
                    out.append(hex.utf8Start[Int(byte >> 4)]); out.append(hex.utf8Start[Int(byte & 15)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(0x22)
        }
    }
}
