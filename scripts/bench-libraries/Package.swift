// swift-tools-version: 6.0
// Times modeltop's hand-written parts against the libraries it could use instead
// (docs/LIBRARIES.md). A package of its own, so the app's build and CI never fetch these
// libraries; modeltop's modules are compiled here from symlinks to Sources/.
//   cd scripts/bench-libraries && swift run -c release bench-libraries ../../bench-data all
import PackageDescription

let modules: [(String, [Target.Dependency])] = [
    ("ModelTopSystem", []),
    ("ModelTopBase", []),
    ("ModelTopTables", ["ModelTopBase"]),
    ("ModelTopStatistics", ["ModelTopBase", "ModelTopTables"]),
    ("ModelTopLogs", ["ModelTopBase", "ModelTopTables", "ModelTopStatistics", .product(name: "Histogram", package: "hdrhistogram-swift")]),
    ("ModelTopTraining", ["ModelTopBase", "ModelTopTables", "ModelTopStatistics"]),
    ("ModelTopDigits", ["ModelTopBase", "ModelTopTables", "ModelTopTraining"]),
    ("ModelTopMonitor", ["ModelTopBase", "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining", "ModelTopDigits"]),
    ("ModelTopIO", ["ModelTopSystem", "ModelTopBase", "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining",
                    "ModelTopDigits", "ModelTopMonitor", "CZlib"]),
]

let package = Package(
    name: "bench-libraries",
    dependencies: [
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
    ],
    targets: [.systemLibrary(name: "CZlib", path: "Modules/CZlib")]
        + modules.map { .target(name: $0.0, dependencies: $0.1, path: "Modules/\($0.0)") }
        + [
            .executableTarget(
                name: "bench-libraries",
                dependencies: [
                    "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopIO",
                    .product(name: "SwiftCSV", package: "SwiftCSV"),
                    .product(name: "CSV", package: "CSV.swift"),
                    .product(name: "Histogram", package: "hdrhistogram-swift"),
                    .product(name: "Subprocess", package: "swift-subprocess"),
                ]
            ),
        ],
    swiftLanguageModes: [.v6]
)
