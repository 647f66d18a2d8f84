import ModelTopMonitor

/// What the user is doing on top of the data: screen, selections, sort, filter, dialogs.
package struct DashboardState: Sendable, Equatable {
    /// Something drawn over the screen that takes the keys until closed.
    package enum Overlay: Sendable, Equatable {
        case none
        case help
        case confirm(ConfirmAction)
        /// The filter prompt with the text typed so far.
        case filter(String)
    }

    /// Actions that change the world and so ask first.
    package enum ConfirmAction: Sendable, Equatable { case retrain, rollback }

    /// Selection, scroll position, filter and sort of one screen's list.
    package struct ListState: Sendable, Equatable {
        package var selected = 0
        package var top = 0
        package var filter = ""
        package var sort: SortOrder
        init(sort: SortOrder) { self.sort = sort }
    }

    /// A column index into the screen's sortable columns and a direction.
    package struct SortOrder: Sendable, Equatable {
        package var column: Int
        package var descending: Bool
    }

    package internal(set) var screen: Screen = .overview
    /// Screens visited before, for Esc.
    var history: [Screen] = []
    package internal(set) var overlay: Overlay = .none
    /// Watch mode stops applying new data while paused; shown in the header.
    package internal(set) var paused = false
    package internal(set) var lists: [Screen: ListState] = [
        .drift: ListState(sort: SortOrder(column: DriftRows.defaultSort, descending: true)),
        .quality: ListState(sort: SortOrder(column: 0, descending: false)),
        .samples: ListState(sort: SortOrder(column: 0, descending: false)),
        .retrain: ListState(sort: SortOrder(column: 0, descending: false)),
    ]
    /// The Samples screen's low-confidence / misclassified / class filter ('l', 'm', 'c', 'a').
    package internal(set) var samplesFilter = SampleFilter()
    /// The Samples screen shows the selected sample in full (Enter) instead of the list.
    package internal(set) var sampleOpen = false
    /// Rows a page holds, from the last resize (PgUp/PgDn).
    var pageSize = 10
    /// Seconds since the epoch of the last tick, for "updated … ago".
    package internal(set) var now: Double?
    /// The message on the bottom line, and the monotonic time it goes away.
    package struct Notice: Sendable, Equatable {
        package var text: String
        package var until: Double
    }

    package internal(set) var notice: Notice?

    package init() {}

    func list(_ screen: Screen) -> ListState {
        lists[screen] ?? ListState(sort: SortOrder(column: 0, descending: false))
    }

    /// Keeps every selection inside its list after new data or a filter change.
    mutating func clamp(to snapshot: DashboardSnapshot) {
        for screen in Array(lists.keys) {
            guard var list = lists[screen] else { continue }
            let count = ListRows.count(screen, snapshot: snapshot, list: list, sampleFilter: samplesFilter)
            list.selected = max(0, min(list.selected, count - 1))
            list.top = max(0, min(list.top, list.selected))
            lists[screen] = list
        }
    }
}
