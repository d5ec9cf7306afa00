import CO2eCore
import CO2eGrid

/// Splits one CSV line into fields in place: pointers into the block for plain fields, and for
/// quoted ones (`"a,b"`, `"say ""hi"""`) their unescaped bytes in a scratch buffer. Allocates
/// only when a line has more fields or longer quoted text than seen before.
struct LineFields {
    private(set) var starts: UnsafeMutablePointer<UnsafePointer<UInt8>>
    private(set) var lengths: UnsafeMutablePointer<Int>
    private var capacity: Int
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    init(capacity: Int = 32) {
        self.capacity = capacity
        starts = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
        scratchCapacity = 4096
        scratch = .allocate(capacity: scratchCapacity + 64)
        scratch.initialize(repeating: 0, count: scratchCapacity + 64)
    }

    func free() {
        starts.deallocate()
        lengths.deallocate()
        scratch.deallocate()
    }

    private mutating func growFields() {
        let s = UnsafeMutablePointer<UnsafePointer<UInt8>>.allocate(capacity: capacity * 2)
        let l = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
        s.update(from: starts, count: capacity)
        l.update(from: lengths, count: capacity)
        starts.deallocate()
        lengths.deallocate()
        starts = s
        lengths = l
        capacity *= 2
    }

    /// Splits the line starting at `p` (which ends at a newline) and returns the number of
    /// fields, the pointer to the newline, and whether a quote was left open. A `\r` before the
    /// newline is not part of the last field.
    @inline(__always)
    mutating func split(_ p: UnsafePointer<UInt8>) -> (count: Int, newline: UnsafePointer<UInt8>, openQuote: Bool) {
        var q = p
        var n = 0
        while true {
            if q[0] == 34 { return splitQuoted(p) }
            let start = q
            // Eight bytes at a time: the first comma or newline (SWAR zero-byte test). The
            // block keeps 64 readable bytes after its last newline.
            while true {
                let w = UnsafeRawPointer(q).loadUnaligned(as: UInt64.self)
                let x = w ^ 0x2C2C_2C2C_2C2C_2C2C, y = w ^ 0x0A0A_0A0A_0A0A_0A0A
                let hit = ((x &- 0x0101_0101_0101_0101) & ~x | (y &- 0x0101_0101_0101_0101) & ~y) & 0x8080_8080_8080_8080
                if hit != 0 {
                    q += hit.trailingZeroBitCount >> 3
                    break
                }
                q += 8
            }
            if n == capacity { growFields() }
            starts[n] = start
            lengths[n] = q - start
            n += 1
            if q[0] == 10 { break }
            q += 1
        }
        if lengths[n - 1] > 0 && q[-1] == 13 { lengths[n - 1] -= 1 }
        return (n, q, false)
    }

    /// The slow path for a line with a quoted field.
    private mutating func splitQuoted(_ p: UnsafePointer<UInt8>) -> (count: Int, newline: UnsafePointer<UInt8>, openQuote: Bool) {
        var end = p
        while end[0] != 10 { end += 1 }
        let needed = end - p
        if needed > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = needed * 2
            scratch = .allocate(capacity: scratchCapacity + 64)
            scratch.initialize(repeating: 0, count: scratchCapacity + 64)
        }
        var lineEnd = end
        if lineEnd > p && lineEnd[-1] == 13 { lineEnd -= 1 }
        var q = p
        var out = 0
        var n = 0
        while true {
            if n == capacity { growFields() }
            let fieldStart = out
            if q < lineEnd && q[0] == 34 {
                q += 1
                var closed = false
                while q < end {
                    if q[0] == 34 {
                        if q + 1 < end && q[1] == 34 {
                            scratch[out] = 34; out += 1; q += 2
                            continue
                        }
                        q += 1
                        closed = true
                        break
                    }
                    scratch[out] = q[0]; out += 1; q += 1
                }
                if !closed {
                    // The open field is still filled (with what follows its quote), so every
                    // counted field is set: a caller that ignores `openQuote` reads no unset memory.
                    starts[n] = UnsafePointer(scratch + fieldStart)
                    lengths[n] = out - fieldStart
                    return (n + 1, end, true)
                }
                // Text after the closing quote up to the comma belongs to the field.
                while q < lineEnd && q[0] != 44 { scratch[out] = q[0]; out += 1; q += 1 }
            } else {
                while q < lineEnd && q[0] != 44 { scratch[out] = q[0]; out += 1; q += 1 }
            }
            starts[n] = UnsafePointer(scratch + fieldStart)
            lengths[n] = out - fieldStart
            n += 1
            if q >= lineEnd { break }
            q += 1  // the comma
            if q == lineEnd {
                // A trailing comma: one more, empty field.
                if n == capacity { growFields() }
                starts[n] = UnsafePointer(scratch + out)
                lengths[n] = 0
                n += 1
                break
            }
        }
        return (n, end, false)
    }

    /// Field `i` as a String (for headers, reports and first sightings only).
    func string(_ i: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: starts[i], count: lengths[i]), as: UTF8.self)
    }
}

/// Reading dates and hours from timestamp bytes.
enum TimeBytes {
    @inline(__always)
    private static func two(_ p: UnsafePointer<UInt8>) -> Int? {
        let a = p[0] &- 48, b = p[1] &- 48
        guard a < 10 && b < 10 else { return nil }
        return Int(a) * 10 + Int(b)
    }

    /// Days since 1970-01-01 of the `YYYY-MM-DD` the text starts with (the date as written).
    @inline(__always)
    static func day(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard n >= 10, p[4] == 45, p[7] == 45, let c = two(p), let y = two(p + 2), let m = two(p + 5),
              let d = two(p + 8), (1...12).contains(m) else { return nil }
        let year = c * 100 + y
        guard year >= 1, d >= 1 && d <= Timestamp.daysInMonth(year, m) else { return nil }
        if n > 10 && p[10] != 84 && p[10] != 32 && p[10] != 116 { return nil }
        return Timestamp.daysFromCivil(year, m, d)
    }

    /// Hours since 1970-01-01T00Z of the hour the instant falls in. Fast for
    /// `YYYY-MM-DDTHH:MM:SSZ`; any other ISO 8601 form with an offset goes through `Timestamp`.
    @inline(__always)
    static func hour(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        if n == 20 && p[19] == 90 && p[10] == 84 && p[13] == 58 && p[16] == 58,
           let days = day(p, n), let h = two(p + 11), let mi = two(p + 14), let s = two(p + 17),
           h < 24 && mi < 60 && s < 60 {
            return Int64(days) * 24 + Int64(h)
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        guard let t = try? Timestamp.parse(text) else { return nil }
        return t.secondsSinceEpoch.floorDivided(by: 3600)
    }

    /// Days since 1970-01-01 of the UTC day the text falls in: a full ISO 8601 time read
    /// strictly, with its offset (`2025-03-14T23:30:00-05:00` is 2025-03-15 in UTC) or without
    /// one, taken as UTC (CodeCarbon writes `2025-03-14T23:30:00`); or a date alone
    /// (`2025-03-14`, that day). Nil for anything else (hour 25, `Tgarbage`, year 0000).
    @inline(__always)
    static func utcDay(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        if n == 10 { return day(p, n) }
        if let h = hour(p, n) { return Int(h.floorDivided(by: 24)) }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        guard let t = try? Timestamp.parse(text, assumedOffsetSeconds: 0) else { return nil }
        return Int(t.secondsSinceEpoch.floorDivided(by: 86_400))
    }

    /// Seconds past the hour of a fast-form timestamp, or 0 when unknown.
    static func isOnTheHour(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 20 { return p[14] == 48 && p[15] == 48 && p[17] == 48 && p[18] == 48 }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        guard let t = try? Timestamp.parse(text) else { return false }
        return t.secondsSinceEpoch % 3600 == 0
    }

    /// `2025-03-14` or `2025-03` for a bucket, the year in four digits as `Timestamp.iso8601`
    /// writes it (`0024-01-01`, not `24-01-01`, which a partial's period check refuses and which
    /// sorts after 2025).
    static func dayText(_ days: Int) -> String {
        String(Timestamp(secondsSinceEpoch: Int64(days) * 86_400).iso8601.prefix(10))
    }

    static func monthText(_ index: Int) -> String {
        let days = Timestamp.daysFromCivil(index / 12, index % 12 + 1, 1)
        return String(dayText(days).prefix(7))
    }
}
