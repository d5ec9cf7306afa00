#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where a command writes: standard output and standard error, or buffers in tests.
struct Console {
    var out: (String) -> Void
    var err: (String) -> Void

    /// The process's standard output and error.
    static var standard: Console {
        Console(out: { write($0, to: 1) }, err: { write($0, to: 2) })
    }

    /// Writes all of `text` to file descriptor `fd`.
    private static func write(_ text: String, to fd: Int32) {
        var copy = text
        copy.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    func print(_ line: String = "") { out(line + "\n") }
}
