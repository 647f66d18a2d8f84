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
        // The pure layers, bottom up. None touches the disk, a clock or a terminal; each imports only
        // the layers listed under it, so the graph has no cycle.
        // Diagnostics, safe text, durations, number formatting, JSON writing, parallel map, seeded randomness.
        .target(name: "ModelTopBase"),
        // CSV bytes to columnar tables: dialect, record boundaries, number parsing, schema, labels, timestamps.
        .target(name: "ModelTopTables", dependencies: ["ModelTopBase"]),
        // Numbers about tables: KS/Smirnov distributions, radix sort, per-dimension drift, quality.
        .target(name: "ModelTopStatistics", dependencies: ["ModelTopBase", "ModelTopTables"]),
        // Prediction logs (JSON lines) and what they say about operations: latency, status, confidence, CBPE.
        .target(name: "ModelTopLogs", dependencies: ["ModelTopBase", "ModelTopTables", "ModelTopStatistics"]),
        // The softmax model, its trainer, the champion/challenger gate, the registry and model files.
        .target(name: "ModelTopTraining", dependencies: ["ModelTopBase", "ModelTopTables", "ModelTopStatistics"]),
        // Digit images (CSV rows, IDX, PGM) as pixels and as text, and the demo's synthetic traffic.
        .target(name: "ModelTopDigits", dependencies: ["ModelTopBase", "ModelTopTables", "ModelTopTraining"]),
        // The monitor: a report and the dashboard's snapshot, built from all of the above.
        .target(
            name: "ModelTopMonitor",
            dependencies: [
                "ModelTopBase", "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining", "ModelTopDigits",
            ]
        ),
        // A report as text, JSON or Markdown, and the other outputs for people and programs (ANSI styles live here).
        .target(
            name: "ModelTopOutput",
            dependencies: ["ModelTopBase", "ModelTopStatistics", "ModelTopLogs", "ModelTopDigits", "ModelTopMonitor"]
        ),
        // The process's own effects, Linux only: clocks, signal flags, the EINTR retry. Below every effectful module.
        .target(name: "ModelTopSystem"),
        // Side effects around the core: reading files, following them as they grow, gzip, atomic writes.
        // The system zlib, for gzip-compressed MNIST IDX files.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "ModelTopIO",
            dependencies: [
                "ModelTopBase", "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining", "ModelTopDigits",
                "ModelTopMonitor", "ModelTopSystem", "CZlib",
            ]
        ),
        // Screens render a snapshot into a canvas (a grid of cells); the app reduces events. No terminal.
        .target(
            name: "ModelTopUI",
            dependencies: ["ModelTopBase", "ModelTopStatistics", "ModelTopTraining", "ModelTopDigits", "ModelTopMonitor"]
        ),
        // The only module that talks to curses: draws canvases, decodes keys, restores the terminal.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Puts the terminal back from a fatal signal's handler: C, for async-signal safety.
        .target(name: "CCrashGuard"),
        // The application: the dashboard loop, the live updater, retrain runs and the demo player. It
        // reaches the terminal, the clock, the watcher and child processes only through small
        // protocols (Seams/), so its tests drive it with doubles: key → effect → retrain → screen.
        .target(
            name: "ModelTopApp",
            dependencies: [
                "ModelTopSystem", "ModelTopBase", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining", "ModelTopDigits",
                "ModelTopMonitor", "ModelTopOutput", "ModelTopIO", "ModelTopUI",
            ]
        ),
        .target(name: "ModelTopTerminal", dependencies: ["ModelTopSystem", "ModelTopUI", "CNcursesw", "CCrashGuard"]),
        .executableTarget(
            name: "modeltop",
            dependencies: [
                "ModelTopBase", "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining", "ModelTopDigits",
                "ModelTopMonitor", "ModelTopOutput", "ModelTopSystem", "ModelTopIO", "ModelTopUI", "ModelTopApp", "ModelTopTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Writes the deterministic 60k × 1M-row benchmark data set (scripts/bench-report.sh).
        .executableTarget(name: "modeltop-benchdata", dependencies: ["ModelTopBase"]),
        // Watch mode's incremental step, timed on the report benchmark's data.
        .executableTarget(
            name: "modeltop-bench-append",
            dependencies: ["ModelTopTables", "ModelTopStatistics", "ModelTopMonitor", "ModelTopIO"]
        ),
        // The pure layers, reading files through ModelTopIO where a test needs real bytes.
        .testTarget(
            name: "PureLayersTests",
            dependencies: [
                "ModelTopBase", "ModelTopTables", "ModelTopStatistics", "ModelTopLogs", "ModelTopTraining", "ModelTopDigits",
                "ModelTopMonitor", "ModelTopOutput", "ModelTopIO",
            ]
        ),
        .testTarget(
            name: "ModelTopUITests",
            dependencies: ["ModelTopBase", "ModelTopStatistics", "ModelTopDigits", "ModelTopMonitor", "ModelTopIO", "ModelTopUI", "ModelTopTables"],
            exclude: ["__Snapshots__"]
        ),
        // The app loop with a scripted terminal, clock, feed and child: key → effect → retrain → screen.
        .testTarget(
            name: "ModelTopAppTests",
            dependencies: [
                "ModelTopSystem", "ModelTopStatistics", "ModelTopTraining", "ModelTopMonitor", "ModelTopIO", "ModelTopUI", "ModelTopApp",
            ]
        ),
        // Key decoding, frame diffing and locale decisions of the curses layer, without a terminal.
        .testTarget(name: "ModelTopTerminalTests", dependencies: ["ModelTopTerminal", "ModelTopUI", "CNcursesw"]),
        // Drives the real binary inside tmux; needs `modeltop` built first (swift build does it).
        .testTarget(name: "EndToEndTests", dependencies: ["modeltop", "ModelTopBase", "ModelTopTraining", "ModelTopIO"]),
    ],
    swiftLanguageModes: [.v6]
)
