// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "modeltop",
    products: [
        .executable(name: "modeltop", targets: ["modeltop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Pure core: readers over bytes, statistics, the monitor and its snapshot. No disk, clock or terminal.
        .target(name: "ModelTopCore"),
        // Side effects around the core: reading files, following them as they grow, gzip, atomic writes.
        // The system zlib, for gzip-compressed MNIST IDX files.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "ModelTopIO", dependencies: ["ModelTopCore", "CZlib"]),
        // Screens render a snapshot into a canvas (a grid of cells); the app reduces events. No terminal.
        .target(name: "ModelTopUI", dependencies: ["ModelTopCore"]),
        // The only module that talks to curses: draws canvases, decodes keys, restores the terminal.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Puts the terminal back from a fatal signal's handler: C, for async-signal safety.
        .target(name: "CCrashGuard"),
        .target(name: "ModelTopTerminal", dependencies: ["ModelTopUI", "CNcursesw", "CCrashGuard"]),
        .executableTarget(
            name: "modeltop",
            dependencies: [
                "ModelTopCore",
                "ModelTopIO",
                "ModelTopUI",
                "ModelTopTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Writes the deterministic 60k × 1M-row benchmark data set (scripts/bench-report.sh).
        .executableTarget(name: "modeltop-benchdata", dependencies: ["ModelTopCore"]),
        // Watch mode's incremental step, timed on the report benchmark's data.
        .executableTarget(name: "modeltop-bench-append", dependencies: ["ModelTopCore", "ModelTopIO"]),
        .testTarget(name: "ModelTopCoreTests", dependencies: ["ModelTopCore", "ModelTopIO"]),
        .testTarget(name: "ModelTopUITests", dependencies: ["ModelTopUI", "ModelTopCore", "ModelTopIO"], exclude: ["__Snapshots__"]),
        // Key decoding, frame diffing and locale decisions of the curses layer, without a terminal.
        .testTarget(name: "ModelTopTerminalTests", dependencies: ["ModelTopTerminal", "ModelTopUI", "CNcursesw"]),
        // Drives the real binary inside tmux; needs `modeltop` built first (swift build does it).
        .testTarget(name: "EndToEndTests", dependencies: ["modeltop", "ModelTopCore", "ModelTopIO"]),
    ],
    swiftLanguageModes: [.v6]
)
