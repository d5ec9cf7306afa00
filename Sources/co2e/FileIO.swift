#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

import CO2eKit

/// Whole-file reads and atomic writes through the C library (no Foundation). The model core
/// takes bytes; files are read and written here, at the edge.
enum FileIO {
    /// Writes all of `text` to `fd`, retrying after interruptions; nil when it was all written,
    /// else the system's reason. The one write loop: files here, standard streams in `Console`.
    static func writeAll(_ text: String, to fd: Int32) -> String? {
        var copy = text
        return copy.withUTF8 { writeAll($0, to: fd) }
    }

    /// Writes all of `bytes` to `fd`; the system's reason when it could not.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return systemError() }
            if n == 0 { return "nothing was written" }
            offset += n
        }
        return nil
    }

    /// The largest file co2e reads: 256 MiB (a year of 1-minute rows is about 20 MB).
    static let maximumFileBytes = 256 << 20

    /// The bytes of the regular file at `path`, at most `limit` bytes of text.
    ///
    /// Devices, FIFOs and sockets are refused before anything is read (a FIFO is opened
    /// without waiting for a writer), a larger file is refused by its size, and a file with a
    /// NUL byte is refused at the first block that holds one: a CSV file is text.
    ///
    /// - Throws: `CO2eError.invalidData` naming the path and the reason.
    static func read(_ path: String, limit: Int = maximumFileBytes) throws -> [UInt8] {
        let shown = EchoedText.path(path)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw CO2eError.data("cannot read '\(shown)': \(systemError())", code: .fileNotFound, file: nil) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CO2eError.data("cannot read '\(shown)': \(systemError())") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw CO2eError.data("cannot read '\(shown)': it is a directory, not a file", code: .fileNotReadable, file: nil)
        default: throw CO2eError.data("cannot read '\(shown)': it is not a regular file (a device, FIFO or socket); give a CSV file", code: .fileNotReadable, file: nil)
        }
        if Int(info.st_size) > limit {
            throw CO2eError.data("cannot read '\(shown)': it is \(describe(Int(info.st_size))), more than the \(describe(limit)) co2e reads", code: .fileTooLarge, file: nil)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CO2eError.data("cannot read '\(shown)': \(systemError())")
            }
            if n == 0 { break }
            if let k = chunk[0..<n].firstIndex(of: 0) {
                throw CO2eError.data("cannot read '\(shown)': byte \(bytes.count + k + 1) is a NUL; co2e reads CSV text, and this looks like a binary file", code: .fileNotReadable, file: nil)
            }
            // A file that grows while it is read is still held to the limit.
            guard bytes.count + n <= limit else {
                throw CO2eError.data("cannot read '\(shown)': it is more than the \(describe(limit)) co2e reads", code: .fileTooLarge, file: nil)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// `256 MiB`, `12 bytes`.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB and more" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// Writes `text` to `path` atomically: through a temporary file in the same directory,
    /// flushed to disk (`fsync`) and renamed over the target, then the directory is flushed
    /// too, so the file is never seen half-written and survives a crash once co2e returns.
    ///
    /// When `path` is a symbolic link, the file it points to is replaced and the link is kept:
    /// a user who links `hours.csv` into a reports folder expects the report to change, not
    /// the link to become a plain file. The target, when it exists, must be a regular file
    /// (co2e will not rename a file over a device such as /dev/null) and keeps its permissions.
    /// The temporary file is removed on any failure and on SIGINT, SIGTERM, SIGHUP or SIGXFSZ.
    static func writeAtomically(_ text: String, to path: String, option: String = "--out") throws {
        let shown = EchoedText.path(path)
        func failure(_ why: String? = nil) -> CO2eError {
            CO2eError.data("cannot write '\(shown)': \(why ?? systemError())", code: why == nil ? .writeFailed : .outputRefused, file: nil)
        }
        let target = try resolvedTarget(path, shown: shown)
        var existing = stat()
        var mode: mode_t = 0o666
        if stat(target, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFREG else {
                throw failure("it is not a regular file (a directory, device or FIFO); give a file path for \(option)")
            }
            mode = existing.st_mode & 0o7777
        }
        let directory = directoryOf(target)
        let base = target.split(separator: "/").last.map(String.init) ?? target
        let folder = !target.contains("/") ? "" : directory == "/" ? "/" : directory + "/"
        let temporary = folder + ".\(base).co2e-\(getpid()).tmp"
        TemporaryFile.register(temporary)
        defer { TemporaryFile.unregister() }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure() }
        var reason = writeAll(text, to: fd)
        var ok = reason == nil
        if ok && existing.st_mode != 0 && fchmod(fd, mode) != 0 { ok = false; reason = systemError() }
        if ok && fsync(fd) != 0 { ok = false; reason = systemError() }
        if close(fd) != 0 && ok { ok = false; reason = systemError() }
        guard ok else {
            unlink(temporary)
            throw failure(reason)
        }
        if rename(temporary, target) != 0 {
            let why = systemError()
            unlink(temporary)
            throw failure(why)
        }
        // The rename is durable once the directory is on disk.
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// The file a write to `path` replaces: `path` itself, or for a symbolic link the file it
    /// points to (followed to the end of a chain).
    static func resolvedTarget(_ path: String, shown: String) throws -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return path }
        guard let real = realpath(path, nil) else {
            throw CO2eError.data("cannot write '\(shown)': it is a symbolic link to a file that does not exist (\(systemError())); point it at a file or remove it", code: .outputRefused, file: nil)
        }
        defer { free(real) }
        return String(cString: real)
    }

    /// The directory part of `path` (`.` for a bare name).
    static func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// True when `path` names an existing directory (through links).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// True when `a` and `b` name the same existing file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// True when two outputs would be one file: the same existing file, or, where neither
    /// exists yet, the same name in the same directory.
    static func sameOutput(_ a: String, _ b: String) -> Bool {
        if sameFile(a, b) { return true }
        func name(_ p: String) -> Substring { p.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(p) }
        return name(a) == name(b) && sameFile(directoryOf(a), directoryOf(b))
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// The temporary file a write has open, removed by a signal handler if co2e is interrupted
/// (SIGINT, SIGTERM, SIGHUP, or SIGXFSZ past a file size limit) before the rename. The path is kept as a C string allocated
/// before the handler can see it, so the handler only reads a pointer and calls unlink.
enum TemporaryFile {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    static func register(_ temporary: String) {
        let copy = strdup(temporary)
        path = copy
        if !installed {
            installed = true
            for s in [SIGINT, SIGTERM, SIGHUP, SIGXFSZ] { signal(s, TemporaryFile.onSignal) }
        }
    }

    static func unregister() {
        let old = path
        path = nil
        free(old)
    }

    private static let onSignal: @convention(c) (Int32) -> Void = { signalNumber in
        if let p = TemporaryFile.path { unlink(p) }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }
}

extension FactorCatalog {
    /// A catalogue of the factors in the user's file at `path` (see `FactorCatalog.parse`).
    ///
    /// - Throws: `CO2eError.invalidData` naming the file, and the line where one is at fault.
    static func load(file path: String) throws -> FactorCatalog {
        try parse(bytes: FileIO.read(path), origin: path)
    }
}
