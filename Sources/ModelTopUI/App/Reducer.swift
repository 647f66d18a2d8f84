import ModelTopMonitor

/// Events in, state changes and effects out: the whole key map lives here.
enum Reducer {
    /// Rows PgUp/PgDn move: about the rows a list shows at this height, since the lists share
    /// the screen with a detail pane (header, footer and table header take 8 rows).
    static func pageSizeFor(height: Int) -> Int { max(1, (height - 8) / 2) }

    static func reduce(_ state: inout DashboardState, _ event: AppEvent, snapshot: DashboardSnapshot) -> [AppEffect] {
        switch event {
        case .resize(_, let height):
            state.pageSize = pageSizeFor(height: height)
            state.clamp(to: snapshot)
            return []
        case .tick(let now):
            state.now = now
            return []
        case .key(let key):
            return press(key, &state, snapshot: snapshot)
        case .notice(let text, let until):
            state.notice = DashboardState.Notice(text: text, until: until)
            return []
        case .expire(let now):
            if let notice = state.notice, notice.until <= now { state.notice = nil }
            return []
        case .data, .retrain, .alerts:
            return []  // new snapshots: applied by `Dashboard`, which owns the snapshot
        }
    }

    static func press(_ key: Key, _ state: inout DashboardState, snapshot: DashboardSnapshot) -> [AppEffect] {
        if key == .control("c") { return [.quit] }
        switch state.overlay {
        case .filter(let text):
            return editFilter(key, text, &state, snapshot: snapshot)
        case .confirm(let action):
            switch key {
            case .character("y"), .character("Y"), .enter:
                state.overlay = .none
                return [action == .retrain ? .startRetrain : .rollback]
            case .character("n"), .character("N"), .escape, .character("q"):
                state.overlay = .none
            default: break
            }
            return []
        case .help:
            state.overlay = .none
            if key == .character("?") || key == .escape { return [] }
        case .none:
            break
        }
        if state.screen == .samples, let effects = SampleKeys.press(key, &state, snapshot: snapshot) { return effects }
        return normal(key, &state, snapshot: snapshot)
    }

    static func normal(_ key: Key, _ state: inout DashboardState, snapshot: DashboardSnapshot) -> [AppEffect] {
        switch key {
        case .character("q"): return [.quit]
        case .control("l"): return [.redrawAll]
        case .character("?"): state.overlay = .help
        case .character(let c) where c.wholeNumberValue.map({ (1...Screen.allCases.count).contains($0) }) == true:
            if let number = c.wholeNumberValue, let screen = Screen(rawValue: number) { go(to: screen, &state) }
        case .tab: go(to: state.screen.cycled(by: 1), &state)
        case .backTab: go(to: state.screen.cycled(by: -1), &state)
        case .escape:
            if let previous = state.history.popLast() { state.screen = previous }
        case .character("j"), .down: move(by: 1, &state, snapshot)
        case .character("k"), .up: move(by: -1, &state, snapshot)
        case .pageDown, .control("f"): move(by: state.pageSize, &state, snapshot)
        case .pageUp, .control("b"): move(by: -state.pageSize, &state, snapshot)
        case .character("g"), .home: move(by: Int.min / 2, &state, snapshot)
        case .character("G"), .end: move(by: Int.max / 2, &state, snapshot)
        case .character("/"):
            if state.screen.isFilterable { state.overlay = .filter(state.list(state.screen).filter) }
        case .character("s"): cycleSort(&state, snapshot)
        case .character("S"): reverseSort(&state, snapshot)
        case .character("r"): state.overlay = .confirm(.retrain)
        case .character("b"):
            // Asked only when there is something to roll back to; otherwise the runner says why.
            guard snapshot.retrain?.rollbackTarget != nil else { return [.rollback] }
            state.overlay = .confirm(.rollback)
        case .character("c"):
            if state.screen == .retrain { return [.cancelRetrain] }
        case .character("p"): state.paused.toggle()
        case .character("e"): return [.exportScreen]
        default: break
        }
        return []
    }

    static func go(to screen: Screen, _ state: inout DashboardState) {
        guard screen != state.screen else { return }
        state.sampleOpen = false
        state.history.append(state.screen)
        if state.history.count > 32 { state.history.removeFirst() }
        state.screen = screen
    }

    static func move(by step: Int, _ state: inout DashboardState, _ snapshot: DashboardSnapshot) {
        let screen = state.screen
        guard screen.hasList else { return }
        var list = state.list(screen)
        let count = ListRows.count(screen, snapshot: snapshot, list: list, sampleFilter: state.samplesFilter)
        list.selected = max(0, min(count - 1, list.selected + step))
        if list.selected < list.top { list.top = list.selected }
        if list.selected >= list.top + state.pageSize { list.top = list.selected - state.pageSize + 1 }
        state.lists[screen] = list
    }

    static func editFilter(_ key: Key, _ text: String, _ state: inout DashboardState, snapshot: DashboardSnapshot) -> [AppEffect] {
        switch key {
        case .escape: state.overlay = .none
        case .enter:
            state.overlay = .none
            var list = state.list(state.screen)
            list.filter = text
            list.selected = 0
            list.top = 0
            state.lists[state.screen] = list
        case .backspace, .delete: state.overlay = .filter(String(text.dropLast()))
        case .control("u"): state.overlay = .filter("")
        case .character(let c) where text.count < 64:
            state.overlay = .filter(text + String(c))
        default: break
        }
        return []
    }

    static func cycleSort(_ state: inout DashboardState, _ snapshot: DashboardSnapshot) {
        guard state.screen.isSortable else { return }
        var list = state.list(state.screen)
        let drift = state.screen == .drift
        let columns = drift ? DriftRows.columns.count : QualityRows.columns.count
        list.sort.column = (list.sort.column + 1) % columns
        list.sort.descending = drift ? DriftRows.descendingFirst(list.sort.column) : QualityRows.descendingFirst(list.sort.column)
        state.lists[state.screen] = list
    }

    static func reverseSort(_ state: inout DashboardState, _ snapshot: DashboardSnapshot) {
        guard state.screen.isSortable else { return }
        state.lists[state.screen]?.sort.descending.toggle()
    }
}
