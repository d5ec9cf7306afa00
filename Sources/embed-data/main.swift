// Regenerates Sources/CO2eKit/Support/BundledData.swift from co2e's data files: the top-level
// grid-factors/*.csv and everything under data/ that ends in .csv or .json (the list of roots is
// `DataEmbedder.roots`).
//
//     swift run embed-data          (from the package root; or give the root as the argument)
//
// The data files are the data; the generated file holds each one verbatim as a static string, so
// the co2e binary works when copied alone, and a file costs nothing until it is read.
// Tests/CO2eKitTests/BundledTablesTests.swift fails when the two drift apart.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write("embed-data: \(message)\n".data(using: .utf8)!)
    exit(1)
}

let packageRoot = URL(fileURLWithPath: CommandLine.arguments.count > 1
    ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath)
guard FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Package.swift").path) else {
    fail("no Package.swift in \(packageRoot.path); run from the package root or give it as the argument")
}
do {
    let (source, paths) = try DataEmbedder.generate(packageRoot: packageRoot)
    let output = packageRoot.appendingPathComponent(DataEmbedder.output)
    try source.write(to: output, atomically: true, encoding: .utf8)
    print("wrote \(DataEmbedder.output) from \(paths.count) files: \(paths.joined(separator: ", "))")
} catch {
    fail("\(error)")
}
