
/// Every key the dashboard understands, as the help overlay lists it.
///
/// `ReducerTests` presses each of these and checks that it does something, so the list and
/// the key map cannot drift apart.
enum KeyHelp {
    struct Entry {
        var keys: String
        var action: String
        /// The key pressed to test the entry, and the screen it is pressed on.
        var probe: Key
        var screen: Screen
    }

    static let entries: [Entry] = [
        Entry(keys: "1-7", action: "Overview, Drift, Quality, Operations, Samples, Retrain, Alerts", probe: .character("2"), screen: .overview),
        Entry(keys: "Tab / Shift-Tab", action: "next / previous screen", probe: .tab, screen: .overview),
        Entry(keys: "j k ↑ ↓", action: "move the selection", probe: .character("j"), screen: .drift),
        Entry(keys: "PgUp PgDn", action: "move a page", probe: .pageDown, screen: .drift),
        Entry(keys: "g G", action: "first / last row", probe: .character("G"), screen: .drift),
        Entry(keys: "/", action: "filter by name (Enter apply, Esc cancel)", probe: .character("/"), screen: .drift),
        Entry(keys: "s / S", action: "next sort column / reverse the sort", probe: .character("s"), screen: .drift),
        Entry(keys: "Enter", action: "Samples: open the selected digit (Esc back)", probe: .enter, screen: .samples),
        Entry(keys: "l m c a", action: "Samples: low confidence, misclassified, class, all", probe: .character("l"), screen: .samples),
        Entry(keys: "r", action: "retrain the model (asks first)", probe: .character("r"), screen: .overview),
        Entry(keys: "c", action: "cancel a running retrain (Retrain screen)", probe: .character("c"), screen: .retrain),
        Entry(keys: "b", action: "roll back to the previous model (asks first)", probe: .character("b"), screen: .overview),
        Entry(keys: "p", action: "pause / resume live updates", probe: .character("p"), screen: .overview),
        Entry(keys: "e", action: "export this screen as plain text (says where)", probe: .character("e"), screen: .overview),
        Entry(keys: "Ctrl-L", action: "redraw the screen", probe: .control("l"), screen: .overview),
        Entry(keys: "Esc", action: "close this, or back to the previous screen", probe: .escape, screen: .overview),
        Entry(keys: "?", action: "this help", probe: .character("?"), screen: .overview),
        Entry(keys: "q  Ctrl-C", action: "quit", probe: .character("q"), screen: .overview),
    ]
}
