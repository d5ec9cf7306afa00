/// SHA-256 (FIPS 180-4), for content hashes that other tools can check without co2e: a batch
/// partial's checksum and the hash of the factor set it was made with (`sha256sum`,
/// Python's `hashlib.sha256`).
package struct SHA256 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var block = [UInt8](repeating: 0, count: 64)
    private var filled = 0
    private var length: UInt64 = 0

    package init() {}

    /// The round constants: the first 32 bits of the fractional parts of the cube roots of the
    /// first 64 primes (FIPS 180-4, section 4.2.2).
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    package mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        // Contiguous bytes (arrays, their slices, a string's UTF-8) are hashed 64 at a time
        // from their storage; other collections byte by byte, to the same digest.
        if bytes.withContiguousStorageIfAvailable({ update(buffer: $0) }) != nil { return }
        for b in bytes {
            block[filled] = b
            filled += 1
            if filled == 64 { compressBlock(); filled = 0 }
        }
        length &+= UInt64(bytes.count)
    }

    private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let n = buffer.count
        var i = 0
        if filled > 0 {
            let take = Swift.min(64 - filled, n)
            let at = filled
            block.withUnsafeMutableBufferPointer { b in (b.baseAddress! + at).update(from: base, count: take) }
            filled += take
            i = take
            if filled == 64 { compressBlock(); filled = 0 }
        }
        var state = h
        while n - i >= 64 {
            Self.compress(&state, base + i)
            i += 64
        }
        h = state
        if i < n {
            let rest = n - i
            block.withUnsafeMutableBufferPointer { b in b.baseAddress!.update(from: base + i, count: rest) }
            filled = rest
        }
        length &+= UInt64(n)
    }

    package mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(buffer: $0) }
    }

    /// Adds a 64-bit value as 8 little-endian bytes (for hashing tables of integers).
    package mutating func update(_ value: UInt64) {
        var v = value
        for _ in 0..<8 { block[filled] = UInt8(truncatingIfNeeded: v); v >>= 8; filled += 1; if filled == 64 { compressBlock(); filled = 0 } }
        length &+= 8
    }

    /// The digest as 64 lowercase hex digits.
    package mutating func hex() -> String {
        let bits = length &* 8
        block[filled] = 0x80
        filled += 1
        if filled > 56 {
            while filled < 64 { block[filled] = 0; filled += 1 }
            compressBlock()
            filled = 0
        }
        while filled < 56 { block[filled] = 0; filled += 1 }
        for i in 0..<8 { block[56 + i] = UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64(i))) }
        compressBlock()
        filled = 0
        let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for w in words {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((w >> UInt32(shift)) & 0xf)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of `text` as hex.
    package static func hex(_ text: String) -> String {
        var s = SHA256()
        s.update(text)
        return s.hex()
    }

    /// The digest of `bytes` as hex.
    package static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = SHA256()
        s.update(bytes)
        return s.hex()
    }

    private mutating func compressBlock() {
        var state = h
        block.withUnsafeBufferPointer { Self.compress(&state, $0.baseAddress!) }
        h = state
    }

    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// One 64-byte block at `p` into `h` (FIPS 180-4, section 6.2.2).
    private static func compress(_ h: inout State, _ p: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
            let w = wb.baseAddress!
            for t in 0..<16 {
                w[t] = UInt32(p[4 * t]) << 24 | UInt32(p[4 * t + 1]) << 16 | UInt32(p[4 * t + 2]) << 8 | UInt32(p[4 * t + 3])
            }
            func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
            for t in 16..<64 {
                let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            k.withUnsafeBufferPointer { kb in
                let k = kb.baseAddress!
                for t in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }
}
