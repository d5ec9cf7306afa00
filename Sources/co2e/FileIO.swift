#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

import CO2eKit

/// Whole-file reads and atomic writes through the C library (no Foundation). The model core
/// takes bytes; files are read and written here, at the edge.
enum FileIO {
    /// The bytes of the file at `path`.
    ///
    /// - Throws: `CO2eError.invalidData` naming the path and the system's reason.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CO2eError.data("cannot read '\(path)': \(systemError())") }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw CO2eError.data("cannot read '\(path)': it is a directory, not a file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CO2eError.data("cannot read '\(path)': \(systemError())")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes `text` to `path` through a temporary file and a rename, so the file is never
    /// seen half-written.
    static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard let f = fopen(temporary, "w") else {
            throw CO2eError.data("cannot write '\(path)': \(systemError())")
        }
        var utf8 = text
        let ok = utf8.withUTF8 { fwrite($0.baseAddress, 1, $0.count, f) == $0.count }
        if fclose(f) != 0 || !ok {
            unlink(temporary)
            throw CO2eError.data("cannot write '\(path)': \(systemError())")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw CO2eError.data("cannot write '\(path)': \(systemError())")
        }
    }

    /// True when `a` and `b` name the same existing file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
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
