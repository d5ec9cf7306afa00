#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: standard output and standard error, or buffers in tests.
struct Console {
    var out: (String) -> Void
    var err: (String) -> Void
    /// Standard output for UTF-8 bytes already made (serve's responses): `out` of their text,
    /// but written as they are to the process's standard output.
    var outBytes: ([UInt8]) -> Void
    /// Columns to wrap text at: the terminal's width, or 80 when output is not a terminal.
    var width = 80
    /// True when standard output is a terminal (CSV then escapes control characters).
    var isTerminal = false

    init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, width: Int = 80) {
        self.out = out
        self.err = err
        self.outBytes = { out(String(decoding: $0, as: UTF8.self)) }
        self.width = width
    }

    /// The process's standard output and error. A write that fails (a full disk, a closed
    /// descriptor) is recorded in `failedWrite`, which `main` turns into an error and a
    /// non-zero exit: output is never lost silently.
    static var standard: Console {
        var c = Console(out: { write($0, to: 1) }, err: { write($0, to: 2) }, width: terminalWidth())
        c.isTerminal = isatty(1) != 0
        c.outBytes = { write(bytes: $0, to: 1) }
        return c
    }

    /// The width of the terminal on standard output, or 80 when it is not one.
    static func terminalWidth() -> Int {
        guard isatty(1) != 0 else { return 80 }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return 80 }
        return Int(size.ws_col)
    }

    /// The first failed write to standard output or error: which stream, and the system's
    /// reason. Set only by `standard`'s writers; read by `main` after the run.
    nonisolated(unsafe) static var failedWrite: (stream: String, reason: String)?

    /// Writes all of `text` to file descriptor `fd`, recording a failure.
    static func write(_ text: String, to fd: Int32) {
        if let reason = FileIO.writeAll(text, to: fd), failedWrite == nil {
            failedWrite = (fd == 1 ? "standard output" : "standard error", reason)
        }
    }

    /// Writes all of `bytes` to file descriptor `fd`, recording a failure.
    static func write(bytes: [UInt8], to fd: Int32) {
        if let reason = bytes.withUnsafeBufferPointer({ FileIO.writeAll($0, to: fd) }), failedWrite == nil {
            failedWrite = (fd == 1 ? "standard output" : "standard error", reason)
        }
    }

    func print(_ line: String = "") { out(line + "\n") }
}
