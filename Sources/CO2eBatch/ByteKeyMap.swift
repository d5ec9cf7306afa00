import CO2eCore
import CO2eGrid

/// An open-addressing hash map from short byte strings (region codes) to small integers. Lookups
/// read the key's bytes in place and allocate nothing; only a new key is copied into the arena.
/// Callers guarantee 16 readable bytes past every key (the block buffers keep that slack).
struct ByteKeyMap {
    private struct Slot {
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var length: Int32 = -1
        var value: Int32 = 0
        var arenaOffset: Int32 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0
    private var arena: [UInt8] = []

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func words(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(p)
        var a = raw.loadUnaligned(as: UInt64.self)
        var b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if n < 8 {
            a &= n == 0 ? 0 : (UInt64.max >> UInt64(64 - 8 * n))
            b = 0
        } else if n < 16 {
            b &= n == 8 ? 0 : (UInt64.max >> UInt64(64 - 8 * (n - 8)))
        }
        return (a, b)
    }

    @inline(__always)
    private static func hash(_ a: UInt64, _ b: UInt64, _ n: Int) -> Int {
        var h = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    /// The value for the `n` bytes at `p`, or nil.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        let (a, b) = Self.words(p, n)
        var i = Self.hash(a, b, n) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let slot = s[i]
                if slot.length < 0 { return nil }
                if slot.length == Int32(n) && slot.w0 == a && slot.w1 == b
                    && (n <= 16 || arenaEquals(Int(slot.arenaOffset), p, n)) {
                    return slot.value
                }
                i = (i + 1) & mask
            }
        }
    }

    private func arenaEquals(_ offset: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        arena.withUnsafeBufferPointer { a in memcmp(a.baseAddress! + offset, p, n) == 0 }
    }

    /// Adds a key that `find` did not find.
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let (a, b) = Self.words(p, n)
        let offset = Int32(arena.count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        place(Slot(w0: a, w1: b, length: Int32(n), value: value, arenaOffset: offset))
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        var i = Self.hash(slot.w0, slot.w1, Int(slot.length)) & mask
        while slots[i].length >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.length >= 0 { place(s) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
