/// A moment in time as seconds since 1970-01-01T00:00:00Z, read from ISO 8601 text with an
/// explicit UTC offset.
///
/// co2e accepts `2022-01-01T00:00:00Z`, `2022-01-01 00:00:00+00:00`, `2023-03-14T00:30Z`,
/// `2022-07-01T09:00+02:00`, `2022-07-01T09:00:00.000-0500`. A timestamp without an offset is
/// refused unless the caller supplies one (`assumedOffsetSeconds`): local clock times repeat at
/// the autumn daylight-saving change and skip an hour in spring, so they cannot be placed in
/// time without knowing the offset that applied.
package struct Timestamp: Hashable, Comparable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    package let secondsSinceEpoch: Int64

    package init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    package static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    /// The earliest time co2e reads and writes: 0001-01-01T00:00:00Z.
    package static let earliest = Timestamp(secondsSinceEpoch: Int64(daysFromCivil(1, 1, 1)) * 86_400)
    /// The latest time co2e reads and writes: 9999-12-31T23:59:59Z.
    package static let latest = Timestamp(secondsSinceEpoch: Int64(daysFromCivil(9999, 12, 31)) * 86_400 + 86_399)
    /// The largest UTC offset accepted either way, in seconds (18 hours).
    package static let maximumOffsetSeconds = 18 * 3600

    /// The accepted range, for messages.
    static let rangeDescription = "years 0001 to 9999 in UTC, offsets -18:00 to +18:00"

    /// Parses ISO 8601 date-time text: `YYYY-MM-DD`, `T` or a space, `hh:mm[:ss[.fff]]`, and
    /// `Z` or an offset `±hh[:mm]` / `±hhmm`. The time, once in UTC, must lie between
    /// `earliest` and `latest`, so whatever co2e reads it can write back (`iso8601`) and read
    /// again.
    ///
    /// - Parameter assumedOffsetSeconds: the offset to use when the text has none; nil refuses
    ///   such text.
    /// - Throws: `CO2eError.invalidInput` saying what is wrong and what is accepted.
    package static func parse(_ text: String, assumedOffsetSeconds: Int? = nil) throws -> Timestamp {
        let s = Array(text.trimmingSpaces.utf8)
        return try s.withUnsafeBufferPointer { try parse(trimmed: $0, assumedOffsetSeconds: assumedOffsetSeconds, text: { text }) }
    }

    /// `parse` of a field's bytes, for readers of long series: the same times and the same
    /// errors as `parse(String(decoding: field, as: UTF8.self))`, without making a String
    /// unless it fails.
    package static func parse(field: UnsafeBufferPointer<UInt8>, assumedOffsetSeconds: Int? = nil) throws -> Timestamp {
        if let t = utcSeconds(field) { return t }
        var lo = 0, hi = field.count
        if field.contains(where: { $0 >= 0x80 }) {
            // Trimming is by Character; leave text beyond ASCII to the String path.
            return try parse(String(decoding: field, as: UTF8.self), assumedOffsetSeconds: assumedOffsetSeconds)
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        while lo < hi && isSpace(field[lo]) { lo += 1 }
        while hi > lo && isSpace(field[hi - 1]) { hi -= 1 }
        return try parse(trimmed: UnsafeBufferPointer(rebasing: field[lo..<hi]), assumedOffsetSeconds: assumedOffsetSeconds,
                         text: { String(decoding: field, as: UTF8.self) })
    }

    /// The commonest form, `YYYY-MM-DDThh:mm:ssZ` exactly, read without the general parser;
    /// nil for anything else (or an invalid date), which the general parser then reads or refuses.
    private static func utcSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                let c = b[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              year >= 1, (1...12).contains(month), (1...daysInMonth(year, month)).contains(day),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        // Years 0001-9999 at offset 0 lie within `earliest`...`latest`.
        return Timestamp(secondsSinceEpoch: Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    /// `parse` of trimmed text's bytes `s`; `text` gives the text as written, for messages.
    private static func parse(trimmed s: UnsafeBufferPointer<UInt8>, assumedOffsetSeconds: Int?, text: () -> String) throws -> Timestamp {
        var i = 0
        func fail(_ why: String) -> CO2eError {
            CO2eError.input("'\(text().echoed)' \(why) (expected ISO 8601 with an offset, e.g. 2022-01-01T00:00:00Z or 2022-07-01 09:00+02:00)")
        }
        func digits(_ n: Int) throws -> Int {
            guard i + n <= s.count else { throw fail("is too short") }
            var v = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { throw fail("is not a date and time") }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) throws {
            guard i < s.count, s[i] == c else { throw fail("is not a date and time") }
            i += 1
        }
        let year = try digits(4)
        try expect(UInt8(ascii: "-"))
        let month = try digits(2)
        try expect(UInt8(ascii: "-"))
        let day = try digits(2)
        guard i < s.count, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "t") else {
            throw fail("has a date but no time")
        }
        i += 1
        let hour = try digits(2)
        try expect(UInt8(ascii: ":"))
        let minute = try digits(2)
        var second = 0
        if i < s.count, s[i] == UInt8(ascii: ":") {
            i += 1
            second = try digits(2)
            if i < s.count, s[i] == UInt8(ascii: ".") {
                i += 1
                var fractionDigits = 0
                while i < s.count, s[i] >= 48 && s[i] <= 57 { i += 1; fractionDigits += 1 }
                guard fractionDigits > 0 else { throw fail("has a '.' without fractional seconds") }
            }
        }
        guard year >= 1, (1...12).contains(month), (1...daysInMonth(year, month)).contains(day), hour <= 23, minute <= 59, second <= 59 else {
            throw fail("is not a valid date and time")
        }
        var offset: Int
        if i == s.count {
            guard let assumed = assumedOffsetSeconds else {
                var error = CO2eError.input("'\(text().echoed)' has no UTC offset; write it with one (2022-01-01T00:00Z, +01:00) or say which fixed offset the times use (e.g. +00:00 for UTC). Local times that follow daylight saving must carry their offsets.")
                error.seeAlso = "utc_offset"
                throw error
            }
            offset = assumed
        } else if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
            i += 1
            offset = 0
        } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            guard let o = offsetSeconds(UnsafeBufferPointer(rebasing: s[i...])) else { throw fail("has an impossible UTC offset") }
            offset = o
            i = s.count
        } else {
            throw fail("has unexpected text after the time")
        }
        guard i == s.count else { throw fail("has unexpected text after the offset") }
        let days = Int64(daysFromCivil(year, month, day))
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let t = Timestamp(secondsSinceEpoch: local - Int64(offset))
        guard t >= earliest && t <= latest else { throw fail("is outside the times co2e reads (\(rangeDescription))") }
        return t
    }

    /// Seconds east of UTC for `±hh`, `±hh:mm` or `±hhmm` (nothing else), within
    /// `maximumOffsetSeconds`; nil otherwise.
    static func offsetSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let sign = b.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        // The digits' positions after the sign: hh:mm, hhmm or hh.
        let positions: [Int]
        switch b.count - 1 {
        case 5 where b[3] == UInt8(ascii: ":"): positions = [1, 2, 4, 5]
        case 4: positions = [1, 2, 3, 4]
        case 2: positions = [1, 2]
        default: return nil
        }
        guard positions.allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }) else { return nil }
        let v = positions.map { Int(b[$0] - 48) }
        let hours = v[0] * 10 + v[1]
        let minutes = v.count == 4 ? v[2] * 10 + v[3] : 0
        let total = hours * 3600 + minutes * 60
        guard minutes <= 59, total <= maximumOffsetSeconds else { return nil }
        return sign == UInt8(ascii: "-") ? -total : total
    }

    /// Parses a UTC offset such as `+01:00`, `-0500`, `+05`, `Z` or `UTC`, in seconds east of
    /// UTC, between -18:00 and +18:00.
    package static func parseOffset(_ text: String) throws -> Int {
        let t = text.trimmingSpaces
        if t == "Z" || t == "z" || t.lowercased() == "utc" { return 0 }
        guard let seconds = Array(t.utf8).withUnsafeBufferPointer(offsetSeconds) else {
            throw CO2eError.input("'\(text.echoed)' is not a UTC offset; write +hh:mm or -hh:mm between -18:00 and +18:00, e.g. +00:00 for UTC or +01:00")
        }
        return seconds
    }

    /// The calendar year in UTC.
    package var year: Int {
        Self.civilFromDays(Int(secondsSinceEpoch.floorDivided(by: 86_400))).0
    }

    /// `2022-01-01T00:00:00Z`, the year in four digits. Times between `earliest` and `latest`
    /// read back with `parse` to the same time.
    package var iso8601: String {
        let days = Int(secondsSinceEpoch.floorDivided(by: 86_400))
        let rest = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = y >= 0 && y < 1000 ? String(String(y + 10_000).dropFirst()) : "\(y)"
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    package static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible
    /// low-level date algorithms").
    package static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int64 {
    package func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
