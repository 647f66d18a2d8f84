import ModelTopMonitor

/// The dashboard's `DashboardScanCache`, held by reference: the live updater builds snapshots
/// with it, and the production feed folds rows into it just before it drops them (retention),
/// both on the updater's thread (or before it starts).
package final class ScanCacheBox: @unchecked Sendable {
    package var cache = DashboardScanCache()

    package init() {}
}
