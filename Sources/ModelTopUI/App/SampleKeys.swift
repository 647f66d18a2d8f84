import ModelTopMonitor

/// The Samples screen's own keys: Enter opens the selected sample and Esc or Enter closes it;
/// 'l', 'm', 'c' and 'a' set the sample filter. Every other key goes on to the common key map,
/// so j/k and the arrows step through the samples in the list and in the open sample alike.
enum SampleKeys {
    /// What `key` does on the Samples screen, or nil when it is not one of these keys.
    static func press(_ key: Key, _ state: inout DashboardState, snapshot: DashboardSnapshot) -> [AppEffect]? {
        switch key {
        case .enter:
            if state.sampleOpen {
                state.sampleOpen = false
            } else if !ListRows.visible(.samples, snapshot: snapshot, state: state).isEmpty {
                state.sampleOpen = true
            }
        case .escape where state.sampleOpen: state.sampleOpen = false
        case .character("l"): refilter(&state, snapshot) { $0.lowConfidence.toggle() }
        case .character("m"): refilter(&state, snapshot) { $0.misclassified.toggle() }
        case .character("c"):
            let samples = snapshot.samples?.samples ?? []
            refilter(&state, snapshot) { $0.predictedClass = SampleFilter.nextClass(after: $0.predictedClass, in: samples) }
        case .character("a"): refilter(&state, snapshot) { $0 = SampleFilter() }
        default: return nil
        }
        return []
    }

    /// Changes the filter, keeping the selected sample selected when it still passes, else
    /// selecting the first (newest) one.
    static func refilter(_ state: inout DashboardState, _ snapshot: DashboardSnapshot, _ change: (inout SampleFilter) -> Void) {
        let anchor = SampleAnchor(state: state, snapshot: snapshot)
        change(&state.samplesFilter)
        if anchor?.restore(&state, snapshot: snapshot) != true {
            state.lists[.samples]?.selected = 0
            state.lists[.samples]?.top = 0
        }
    }
}

/// The selected sample held by its id, so the selection stays on the same sample when the list
/// changes under it: a filter change, or new predictions arriving at the top in watch mode.
struct SampleAnchor {
    let id: String
    /// Rows from the top of the page to the selection, kept so the row stays where it was drawn.
    let offset: Int

    init?(state: DashboardState, snapshot: DashboardSnapshot) {
        let list = state.list(.samples)
        let rows = ListRows.visible(.samples, snapshot: snapshot, state: state)
        guard let samples = snapshot.samples?.samples, list.selected >= 0, list.selected < rows.count else { return nil }
        id = samples[rows[list.selected]].id
        offset = max(0, list.selected - list.top)
    }

    /// Selects the sample again in `snapshot`; false when it is no longer listed.
    @discardableResult
    func restore(_ state: inout DashboardState, snapshot: DashboardSnapshot) -> Bool {
        let rows = ListRows.visible(.samples, snapshot: snapshot, state: state)
        guard let samples = snapshot.samples?.samples, let position = rows.firstIndex(where: { samples[$0].id == id }) else {
            return false
        }
        var list = state.list(.samples)
        list.selected = position
        list.top = max(0, position - offset)
        state.lists[.samples] = list
        return true
    }
}
