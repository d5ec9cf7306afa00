import CO2eCore
import CO2eGrid

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a batch reads its bytes: an open regular file (read in blocks with `pread`, split
/// across threads), a pipe or terminal (read in order, one thread), or bytes in memory.
/// The caller opens and closes descriptors; the batch only reads.
public enum BatchInput: Sendable {
    /// An open file: its descriptor and size (mapped and read by several threads), and its name.
    case file(descriptor: Int32, size: Int, name: String)
    /// A stream read once from start to end (standard input, a pipe), and its name.
    case stream(descriptor: Int32, name: String)
    /// Bytes already in memory, and the name errors give them.
    case bytes([UInt8], name: String)

    /// The name errors and reports use (a path, `-` for standard input).
    package var name: String {
        switch self {
        case let .file(_, _, n), let .stream(_, n), let .bytes(_, n): return n
        }
    }

    /// True when the input can be read at any offset and so split across threads.
    var splittable: Bool {
        if case .stream = self { return false }
        return true
    }

    var size: Int? {
        switch self {
        case let .file(_, s, _): return s
        case let .bytes(b, _): return b.count
        case .stream: return nil
        }
    }
}

/// Reads a `BatchInput` at offsets (files, memory) or in order (streams, which keep what a
/// header peek read ahead).
final class ByteReader: @unchecked Sendable {
    let input: BatchInput
    private var pending: [UInt8] = []
    private var pendingOffset = 0

    init(_ input: BatchInput) { self.input = input }

    /// Up to `count` bytes at `offset` into `destination`; 0 at the end; -1 with errno set on
    /// a read error. A stream ignores `offset` and continues where it stopped.
    func read(_ destination: UnsafeMutablePointer<UInt8>, _ count: Int, at offset: Int) -> Int {
        switch input {
        case let .file(fd, _, _):
            while true {
                let n = pread(fd, destination, count, off_t(offset))
                if n < 0 && errno == EINTR { continue }
                return n
            }
        case let .bytes(bytes, _):
            let n = max(0, min(count, bytes.count - offset))
            if n > 0 { bytes.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: n) } }
            return n
        case let .stream(fd, _):
            if pendingOffset < pending.count {
                let n = min(count, pending.count - pendingOffset)
                pending.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + pendingOffset, count: n) }
                pendingOffset += n
                return n
            }
            while true {
                let n = Glibc.read(fd, destination, count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
    }

    /// For a stream: bytes read ahead that the next reads return first.
    func unread(_ bytes: ArraySlice<UInt8>) {
        pending = Array(bytes)
        pendingOffset = 0
    }
}

/// A block buffer that hands out whole lines: each call of `body` gets bytes ending in a
/// newline (one is added after a last line that lacks it), with 64 readable bytes after them.
struct LineBlocks {
    static let blockSize = 1 << 20

    /// The longest line a batch input may have (a log row, a factor row): 1 MiB, a thousand
    /// times a generous row, so memory stays bounded whatever the input holds.
    static let maximumLineBytes = 1 << 20

    /// The error for a line over `maximumLineBytes`; `line` counts from 1 in `file` (nil when
    /// the reader does not know it yet: the caller fills it in).
    static func lineTooLong(file: String, line: Int?) -> CO2eError {
        CO2eError(.invalidData, "the line is longer than the \(maximumLineBytes >> 20) MiB co2e reads in one line", code: .resourceLimit,
                  accepted: "CSV lines of at most \(maximumLineBytes) bytes", file: file, line: line)
    }

    /// Bytes of a regular file mapped at a time (per thread): the pages are dropped from memory
    /// when the window is unmapped, so memory stays flat however large the file.
    static let windowSize = 4 << 20

    /// Reads `[start, end)` of `reader` (to the end of a stream when `end` is nil) and calls
    /// `body` with complete lines. Lines that start before `end` are read to their newline.
    /// A regular file is mapped in windows of `window` bytes; anything else is read in blocks.
    static func read(_ reader: ByteReader, from start: Int, to end: Int?, window: Int = windowSize,
                     _ body: (UnsafePointer<UInt8>, Int) throws -> Void) throws {
        if case let .file(fd, size, name) = reader.input, let end {
            return try readMapped(fd, size: size, name: name, from: start, to: min(end, size), window: window, body)
        }
        try readBlocks(reader, from: start, to: end, body)
    }

    /// The mapped path: whole lines straight from the mapping; the few bytes at a window's end
    /// (a line cut by the window, and the last 64 bytes, which must stay readable past a line)
    /// go through a small side buffer joined with the start of the next window.
    static func readMapped(_ fd: Int32, size: Int, name: String, from start: Int, to end: Int, window: Int,
                           _ body: (UnsafePointer<UInt8>, Int) throws -> Void) throws {
        guard start < end else { return }
        let page = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))
        let windowBytes = max(page, window / page * page)
        var side = [UInt8]()
        side.reserveCapacity(4096)
        func flushSide(addNewline: Bool) throws {
            guard !side.isEmpty else { return }
            if addNewline && side.last != 10 { side.append(10) }
            let count = side.count
            side += [UInt8](repeating: 0, count: 64)
            try side.withUnsafeBufferPointer { try body($0.baseAddress!, count) }
            side.removeAll(keepingCapacity: true)
        }
        var position = start
        while position < end {
            let mapStart = position / page * page
            let mapEnd = min(mapStart + windowBytes, size)
            let length = mapEnd - mapStart
            guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(mapStart)), mapped != MAP_FAILED else {
                throw CO2eError.data("cannot read '\(name)': \(String(cString: strerror(errno)))")
            }
            defer { munmap(mapped, length) }
            _ = madvise(mapped, length, MADV_SEQUENTIAL)
            let base = UnsafePointer<UInt8>(mapped.assumingMemoryBound(to: UInt8.self)) - mapStart
            var p = position
            if !side.isEmpty {
                // Finish the line the last window cut.
                while p < mapEnd && base[p] != 10 { side.append(base[p]); p += 1 }
                if side.count > maximumLineBytes { throw lineTooLong(file: name, line: nil) }
                if p == mapEnd {
                    position = p
                    if p >= end { try flushSide(addNewline: true) }
                    continue
                }
                side.append(10)
                p += 1
                try flushSide(addNewline: false)
            }
            let limit = min(mapEnd, end)
            // Whole lines up to the last newline with 64 mapped bytes after it.
            var last = min(limit, mapEnd - 64) - 1
            while last >= p && base[last] != 10 { last -= 1 }
            if last >= p {
                try body(base + p, last + 1 - p)
                p = last + 1
            }
            // The rest of this window goes to the side buffer.
            while p < limit { side.append(base[p]); p += 1 }
            if side.count > maximumLineBytes { throw lineTooLong(file: name, line: nil) }
            position = p
            if position >= end { try flushSide(addNewline: true) }
        }
    }

    /// The block path (`pread`, a stream's `read`, bytes in memory).
    static func readBlocks(_ reader: ByteReader, from start: Int, to end: Int?, blockSize: Int = blockSize,
                           _ body: (UnsafePointer<UInt8>, Int) throws -> Void) throws {
        var capacity = blockSize
        // A small input of known size gets a buffer its size (it grows for a long line).
        if let size = reader.input.size { capacity = min(blockSize, max(4096, min(size, end ?? size) - start + 1)) }
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 64)
        buffer.initialize(repeating: 0, count: capacity + 64)
        defer { buffer.deallocate() }
        var carry = 0
        var position = start
        let stop = end ?? Int.max
        while true {
            if carry == capacity {
                // A line as long as the buffer: refuse rather than grow without bound.
                if capacity >= maximumLineBytes { throw lineTooLong(file: reader.input.name, line: nil) }
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 64)
                bigger.initialize(repeating: 0, count: capacity * 2 + 64)
                bigger.update(from: buffer, count: carry)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let want = min(capacity - carry, stop - position)
            var n = 0
            if want > 0 {
                n = reader.read(buffer + carry, want, at: position)
                if n < 0 {
                    throw CO2eError.data("cannot read '\(reader.input.name)': \(String(cString: strerror(errno)))")
                }
            }
            position += n
            var available = carry + n
            if n == 0 || position >= stop {
                if available > 0 {
                    if buffer[available - 1] != 10 {
                        buffer[available] = 10
                        available += 1
                    }
                    for k in available..<min(available + 64, capacity + 64) { buffer[k] = 0 }
                    try body(buffer, available)
                }
                return
            }
            var last = available - 1
            while last >= carry && buffer[last] != 10 { last -= 1 }
            if last < carry {
                // No newline in the new bytes: keep reading (growing for a very long line).
                carry = available
                continue
            }
            try body(buffer, last + 1)
            carry = available - last - 1
            if carry > 0 { memmove(buffer, buffer + last + 1, carry) }
        }
    }

    /// The offset of the first line that starts at or after `offset` (the byte after the first
    /// newline at or after `offset - 1`), or `end`.
    static func lineStart(_ reader: ByteReader, atOrAfter offset: Int, end: Int) -> Int {
        // Byte 0 starts the first line (there is no byte before it to look at).
        if offset <= 0 { return 0 }
        var window = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset - 1
        while at < end {
            let n = window.withUnsafeMutableBufferPointer { reader.read($0.baseAddress!, min($0.count, end - at), at: at) }
            if n <= 0 { return end }
            for k in 0..<n where window[k] == 10 { return at + k + 1 }
            at += n
        }
        return end
    }
}
