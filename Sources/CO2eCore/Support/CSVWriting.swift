extension CSV {
    /// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes
    /// doubled; ends with `\n`.
    package static func line(_ fields: [String]) -> String {
        var out = ""
        for (k, f) in fields.enumerated() {
            if k > 0 { out += "," }
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                out += "\"" + f.replacingAll("\"", with: "\"\"") + "\""
            } else {
                out += f
            }
        }
        return out + "\n"
    }

    /// A unit as it can stand in a column name: `g/kWh` -> `g_per_kwh`.
    static func safeUnit(_ unit: String) -> String {
        unit.replacingAll("/", with: "_per_").lowercased()
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    /// The first range of `target` (no Foundation).
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i, k = 0
            while k < t.count, j != u.endIndex, u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}
