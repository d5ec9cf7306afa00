// swift-tools-version:6.0
// co2e: energy of data centers and AI workloads -> greenhouse-gas emissions, every step sourced.
// No package dependencies: the Swift toolchain alone (see README.md, "Design").
import PackageDescription

let package = Package(
    name: "co2e",
    products: [
        .library(name: "CO2eKit", targets: ["CO2eKit"]),
        .executable(name: "co2e", targets: ["co2e"]),
    ],
    targets: [
        // The model: units, grid factors, estimates. Pure, Foundation-free (Glibc only) so that
        // a whole-process run stays within a few milliseconds of an empty Swift program.
        .target(name: "CO2eKit"),
        // The command-line tool: argument parsing and printing over CO2eKit.
        .executableTarget(name: "co2e", dependencies: ["CO2eKit"]),
        // Developer tool: regenerates Sources/CO2eKit/Support/BundledData.swift from the data files
        // (grid-factors/*.csv, data/**/*.csv and *.json).
        .executableTarget(name: "embed-data"),
        .testTarget(name: "CO2eKitTests", dependencies: ["CO2eKit", "embed-data"]),
        .testTarget(name: "co2eTests", dependencies: ["co2e", "CO2eKit"]),
    ]
)
