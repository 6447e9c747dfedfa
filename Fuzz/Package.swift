// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for the CSV reader, the row decoder and the timestamp parser. A package of
// its own, so a plain `swift build` / `make test` of the project never needs the sanitizer:
// build and run them with `make fuzz` (docs/fuzzing.md).
let package = Package(
    name: "outcomes-fuzz",
    dependencies: [.package(name: "outcomes", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "FuzzCSVReader", dependencies: [
            "CFuzzerDriver", .product(name: "OutcomesIO", package: "outcomes"), .product(name: "OutcomesCore", package: "outcomes"),
        ]),
        .executableTarget(name: "FuzzRowDecoder", dependencies: [
            "CFuzzerDriver", .product(name: "OutcomesIO", package: "outcomes"), .product(name: "OutcomesCore", package: "outcomes"),
        ]),
        .executableTarget(name: "FuzzTimestamp", dependencies: [
            "CFuzzerDriver", .product(name: "OutcomesCore", package: "outcomes"),
        ]),
    ]
)
