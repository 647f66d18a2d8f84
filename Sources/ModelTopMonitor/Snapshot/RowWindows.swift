/// The time window of each row from `first` on, for the rows a build folds in.
///
/// Only the rows being counted are assigned (4 bytes each), so an append of k rows assigns k.
struct RowWindows: Sendable {
    /// How many windows there are (0 without timestamps).
    let windowCount: Int
    /// The row `ids[0]` belongs to.
    let first: Int
    /// -1 for a row without a finite timestamp; rows past the end have no timestamp at all.
    let ids: [Int32]

    static let none = RowWindows(windowCount: 0, first: 0, ids: [])

    init(windowCount: Int, first: Int, ids: [Int32]) {
        self.windowCount = windowCount
        self.first = first
        self.ids = ids
    }

    /// The windows of the rows from absolute index `first` on under `windows` (none when there
    /// are no windows); `timestamps` holds the rows from absolute index `firstRow` on.
    init(_ windows: SnapshotWindows?, timestamps: [Double], firstRow: Int = 0, from first: Int) {
        guard let windows else {
            self = .none
            return
        }
        let start = min(max(first, firstRow), firstRow + timestamps.count)
        self.init(windowCount: windows.count, first: start, ids: windows.assign(timestamps[(start - firstRow)...]))
    }

    /// The window of `row`, or -1 when it has none.
    @inline(__always)
    func window(ofRow row: Int) -> Int {
        let k = row - first
        return k >= 0 && k < ids.count ? Int(ids[k]) : -1
    }
}
