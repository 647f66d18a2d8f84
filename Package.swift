// swift-tools-version: 6.0
// modeltop runs on Linux servers, and only there: it reads /proc, uses inotify and posix_spawn,
// and imports Glibc directly (no Darwin branches).
import PackageDescription

// The layers, bottom up. A module imports only modules listed before it (its dependencies are
// spelled out), so the graph has no cycle and reads top to bottom as below.
let base: [Target.Dependency] = ["ModelTopBase"]
let tables: [Target.Dependency] = base + ["ModelTopTables"]
let statistics: [Target.Dependency] = tables + ["ModelTopStatistics"]

let package = Package(
    name: "modeltop",
    products: [
        .executable(name: "modeltop", targets: ["modeltop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Latency percentiles over requests no longer kept (docs/LIBRARIES.md).
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        // The config file (docs/LIBRARIES.md).
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // The Prometheus exposition and the HTTP server that serves it (docs/LIBRARIES.md).
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // ── Pure layers: no disk, no clock, no terminal. Tests drive them directly. ──
        // Diagnostics, safe text, durations, number formatting, JSON writing, parallel map, seeded randomness.
        .target(name: "ModelTopBase"),
        // CSV bytes to columnar tables: dialect, record boundaries, number parsing, schema, labels, timestamps.
        .target(name: "ModelTopTables", dependencies: base),
        // Numbers about tables: KS/Smirnov distributions, radix sort, per-dimension drift, quality.
        // Optimised in debug builds too: the whole-embedding tests (O(n²) over 2,000 rows) take
        // seconds unoptimised, which starved the integration runs' live processes of CPU.
        .target(name: "ModelTopStatistics", dependencies: tables, swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Prediction logs (JSON lines) and what they say about operations: latency, status, confidence, CBPE.
        .target(name: "ModelTopLogs", dependencies: statistics + [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        // The softmax model, its trainer, the champion/challenger gate, the registry and model files.
        .target(name: "ModelTopTraining", dependencies: statistics),
        // Digit images (CSV rows, IDX, PGM) as pixels and as text, and the demo's synthetic traffic.
        .target(name: "ModelTopDigits", dependencies: tables + ["ModelTopTraining"]),
        // The monitor: a report and the dashboard's snapshot, built from all of the above.
        .target(name: "ModelTopMonitor", dependencies: statistics + ["ModelTopLogs", "ModelTopTraining", "ModelTopDigits"]),
        // A report as text, JSON or Markdown, and the coloured digit: the only ANSI escapes modeltop writes.
        .target(name: "ModelTopOutput", dependencies: statistics + ["ModelTopLogs", "ModelTopDigits", "ModelTopMonitor"]),
        // A replica's figures as Prometheus metrics (counts that add up across replicas), and the
        // fleet's figures read back from Prometheus's answers. No socket, no clock.
        .target(
            name: "ModelTopMetrics",
            dependencies: statistics + ["ModelTopLogs", "ModelTopMonitor", .product(name: "Prometheus", package: "swift-prometheus")]
        ),
        // Screens render a snapshot into a canvas (a grid of cells); the dashboard reduces events. No terminal.
        .target(name: "ModelTopUI", dependencies: statistics + ["ModelTopTraining", "ModelTopDigits", "ModelTopMonitor", "ModelTopMetrics"]),

        // ── Effects: the process, files, child processes, the terminal. ──
        // The process's own effects: clocks, signal flags, the EINTR retry.
        .target(name: "ModelTopSystem"),
        // The system zlib, for gzip-compressed MNIST IDX files and log rotations.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Reading files, following them as they grow, gzip, modeltop's atomic writes, child processes,
        // the /metrics server and the HTTP client of Prometheus's API.
        .target(
            name: "ModelTopIO",
            dependencies: statistics + [
                "ModelTopLogs", "ModelTopTraining", "ModelTopDigits", "ModelTopMonitor", "ModelTopMetrics", "ModelTopSystem", "CZlib",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // The config file: TOML read into keys with their lines, checked against what each command takes.
        .target(name: "ModelTopConfig", dependencies: base + ["ModelTopMonitor", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The application: the dashboard loop, the live updater, retrain runs, the commands' jobs and
        // the demo player. It reaches the terminal, the clock, the watcher and child processes only
        // through small protocols (Seams/), so its tests drive it with doubles.
        .target(
            name: "ModelTopApp",
            dependencies: statistics + [
                "ModelTopLogs", "ModelTopTraining", "ModelTopDigits", "ModelTopMonitor", "ModelTopMetrics", "ModelTopOutput", "ModelTopUI",
                "ModelTopSystem", "ModelTopIO",
            ]
        ),
        // The only module that talks to curses: draws canvases, decodes keys, restores the terminal.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Puts the terminal back from a fatal signal's handler: C, for async-signal safety.
        .target(name: "CCrashGuard"),
        .target(name: "ModelTopTerminal", dependencies: base + ["ModelTopUI", "ModelTopSystem", "CNcursesw", "CCrashGuard"]),

        // ── The executable: argument parsing and wiring. ──
        .executableTarget(
            name: "modeltop",
            dependencies: statistics + [
                "ModelTopTraining", "ModelTopDigits", "ModelTopMonitor", "ModelTopMetrics", "ModelTopUI", "ModelTopSystem", "ModelTopIO", "ModelTopApp",
                "ModelTopTerminal", "ModelTopConfig", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Writes the deterministic 60k × 1M-row benchmark data set (scripts/bench-report.sh).
        .executableTarget(name: "modeltop-benchdata", dependencies: base),
        // Watch mode's incremental step, timed on the report benchmark's data.
        .executableTarget(name: "modeltop-bench-append", dependencies: statistics + ["ModelTopMonitor", "ModelTopIO"]),

        // ── Tests ──
        // The pure layers, reading files through ModelTopIO where a test needs real bytes.
        .testTarget(
            name: "PureLayersTests",
            dependencies: statistics + [
                "ModelTopLogs", "ModelTopTraining", "ModelTopDigits", "ModelTopMonitor", "ModelTopMetrics", "ModelTopOutput", "ModelTopIO",
                "ModelTopConfig",
            ]
        ),
        // Canvas snapshots of every screen, and the reducer's key map.
        .testTarget(
            name: "ModelTopUITests",
            dependencies: statistics + ["ModelTopDigits", "ModelTopMonitor", "ModelTopMetrics", "ModelTopUI", "ModelTopIO"],
            exclude: ["__Snapshots__"]
        ),
        // The app loop with a scripted terminal, clock, feed and child: key → effect → retrain → screen.
        .testTarget(
            name: "ModelTopAppTests",
            dependencies: statistics + ["ModelTopTraining", "ModelTopMonitor", "ModelTopMetrics", "ModelTopUI", "ModelTopSystem", "ModelTopIO", "ModelTopApp"]
        ),
        // Key decoding, frame diffing and locale decisions of the curses layer, without a terminal.
        .testTarget(name: "ModelTopTerminalTests", dependencies: ["ModelTopTerminal", "ModelTopUI", "CNcursesw"]),
        // Drives the real binary inside tmux; needs `modeltop` built first (swift build does it).
        .testTarget(name: "EndToEndTests", dependencies: ["modeltop", "ModelTopBase", "ModelTopTraining", "ModelTopMonitor", "ModelTopIO"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every Swift target: a file sees only the members of modules it imports itself, so an import one
// file forgot cannot be hidden by another file's.
for target in package.targets where target.type != .system && target.name != "CCrashGuard" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
