// The embedding of co2e's data files: which files are bundled, and the Swift source that holds
// them. `main.swift` runs it; Tests/CO2eKitTests/BundledTablesTests.swift tests it.
import Foundation

enum DataEmbedder {
    /// A folder of data files to embed, relative to the package root.
    struct Root: Equatable, Sendable {
        let folder: String
        /// Whether files in subfolders are embedded too.
        let recursive: Bool
        let extensions: [String]

        /// How the generated file records the root, e.g. `data/**/*.json`.
        var patterns: [String] {
            extensions.map { "\(folder)/\(recursive ? "**/" : "")*.\($0)" }
        }
    }

    /// Every bundled data file lives under one of these. This is the only list: add a root here,
    /// run `swift run embed-data`, and the drift test then checks it.
    static let roots: [Root] = [
        // Only the top level: hourly/ (sample series) and curate/ (the curation script) stay out.
        Root(folder: "grid-factors", recursive: false, extensions: ["csv"]),
        // The catalogues, one file or subfolder each (see data/README.md).
        Root(folder: "data", recursive: true, extensions: ["csv", "json"]),
    ]

    /// Where the generated file goes, relative to the package root.
    static let output = "Sources/CO2eData/BundledData.swift"

    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// The repository-relative paths (`/`-separated, sorted) of the files under `roots` in the
    /// package at `packageRoot`. A missing root folder has no files; hidden files and folders are
    /// skipped.
    static func files(in packageRoot: URL, roots: [Root] = roots) throws -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        func walk(_ relative: String, _ root: Root) throws {
            let folder = packageRoot.appendingPathComponent(relative)
            for name in try manager.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) else { continue }
                let path = relative + "/" + name
                if isDirectory.boolValue {
                    if root.recursive { try walk(path, root) }
                } else if root.extensions.contains(where: { name.hasSuffix("." + $0) }) {
                    found.append(path)
                }
            }
        }
        for root in roots {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: packageRoot.appendingPathComponent(root.folder).path, isDirectory: &isDirectory),
                  isDirectory.boolValue else { continue }
            try walk(root.folder, root)
        }
        return found.sorted()
    }

    /// The text of a data file, or a refusal saying why it cannot be embedded verbatim: it must
    /// be UTF-8 with LF line ends, and have no control characters other than tab.
    static func text(of bytes: [UInt8], path: String) throws -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if Array(text.utf8) != bytes {
            let at = zip(text.utf8, bytes).prefix { $0 == $1 }.count
            throw Refusal(description: "\(path) is not UTF-8 (first bad byte at offset \(at)); save it as UTF-8")
        }
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; continue }
            if scalar == "\r" {
                throw Refusal(description: "\(path):\(line) has a CR line end; save the file with LF line ends only")
            }
            if scalar != "\t" && (scalar.value < 0x20 || scalar.value == 0x7F) {
                throw Refusal(description: "\(path):\(line) has control character U+\(String(scalar.value, radix: 16, uppercase: true)); remove it")
            }
        }
        return text
    }

    /// `text` as a multi-line raw string literal whose value is `text` exactly: enough `#`s that
    /// no `"""` or `\` in the text closes the literal or starts an escape.
    static func literal(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        // The literal drops the line break before its closing delimiter: add one back.
        return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
    }

    /// The generated Swift file embedding every data file of the package at `packageRoot`.
    static func generate(packageRoot: URL) throws -> (source: String, paths: [String]) {
        let paths = try files(in: packageRoot)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/")
        if let odd = paths.first(where: { !$0.allSatisfy(allowed.contains) }) {
            throw Refusal(description: "\(odd): name the file with letters, digits, '.', '_' and '-' only")
        }
        let patterns = roots.flatMap(\.patterns)
        var source = """
            // Generated by `swift run embed-data` from the data files (\(patterns.joined(separator: ", "))).
            // Do not edit by hand: edit the data files and run the generator again. BundledTablesTests
            // fails when this file and the data files differ.

            /// co2e's data files, each verbatim as a static string, keyed by its repository-relative
            /// path. Nothing is parsed or copied until a caller reads a file.
            package enum BundledData {
                /// The data roots the generator embedded, as patterns.
                package static let roots: [String] = [\(patterns.map { "\"\($0)\"" }.joined(separator: ", "))]

                /// The path of every embedded file, sorted.
                package static let paths: [String] = [

            """
        for path in paths { source += "        \"\(path)\",\n" }
        source += """
                ]

                /// The bytes of the data file at `path` (e.g. `grid-factors/countries.csv`), or nil.
                package static func file(_ path: String) -> StaticString? {
                    switch path {

            """
        for path in paths {
            let bytes = [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent(path)))
            source += "        case \"\(path)\":\n            return \(literal(try text(of: bytes, path: path)))\n"
        }
        source += """
                    default:
                        return nil
                    }
                }
            }

            """
        return (source, paths)
    }
}
