// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "outcomes",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "outcomes", targets: ["outcomes"]),
        .library(name: "OutcomesPipeline", targets: ["OutcomesPipeline"]),
        // For the libFuzzer targets in Fuzz/ (a separate package: docs/fuzzing.md).
        .library(name: "OutcomesCore", targets: ["OutcomesCore"]),
        .library(name: "OutcomesIO", targets: ["OutcomesIO"]),
    ],
    dependencies: [
        // Command line: subcommands, validation and exit codes (interface.md).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The pipeline file is TOML (interface.md); TOMLKit wraps toml++, a complete TOML 1.0 parser.
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // Logging through one API, so a clinic can route the lines where its cron mail or journal goes.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // Property tests for the CSV reader, timestamps and scoring.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // System libraries (Debian: libcsv-dev, libsqlite3-dev; `make` installs them).
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The network database's client (Debian: libpq-dev; docs/network.md says why libpq).
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),

        // Pure values in, values out: no files, no database, no clock.
        .target(name: "OutcomesCore"),
        // The only code that touches the world: CSV files, SQLite, the file system.
        .target(name: "OutcomesIO", dependencies: ["OutcomesCore", "CLibCSV", "CSQLite"]),
        // The synthetic clinic of `outcomes sample`: its own module, not part of the domain core.
        .target(name: "OutcomesSample", dependencies: ["OutcomesCore"]),
        // The network's PostgreSQL database: publish a site's aggregates, read them pooled.
        .target(name: "OutcomesNetwork", dependencies: ["OutcomesCore", "OutcomesIO", "CLibPQ"]),
        // The stages and the pipeline file.
        .target(name: "OutcomesPipeline", dependencies: [
            "OutcomesCore", "OutcomesIO", "OutcomesNetwork",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Thin executable: argument parsing, wiring and exit codes.
        .executableTarget(name: "outcomes", dependencies: [
            "OutcomesPipeline", "OutcomesCore", "OutcomesIO", "OutcomesSample", "OutcomesNetwork",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Helpers shared by the test targets (temporary folders).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "OutcomesCoreTests", dependencies: [
            "OutcomesCore", "OutcomesSample", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "OutcomesIOTests", dependencies: [
            "OutcomesIO", "OutcomesCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "OutcomesPipelineTests", dependencies: [
            "OutcomesPipeline", "OutcomesIO", "OutcomesCore", "OutcomesSample", "OutcomesNetwork", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
)
