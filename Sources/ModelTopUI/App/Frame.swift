import ModelTopMonitor

/// Lays one frame out: header, the current screen, footer, then whatever overlay is open.
enum Frame {
    static let minimumWidth = 80
    static let minimumHeight = 24

    static func render(
        snapshot: DashboardSnapshot, state: DashboardState, options: DashboardOptions, width: Int, height: Int
    ) -> Canvas {
        var canvas = layout(snapshot: snapshot, state: state, options: options, width: width, height: height)
        if let notice = state.notice { NoticeBar.draw(notice.text, on: &canvas) }
        return canvas
    }

    private static func layout(
        snapshot: DashboardSnapshot, state: DashboardState, options: DashboardOptions, width: Int, height: Int
    ) -> Canvas {
        var painter = Painter(width: width, height: height, options: options)
        guard width >= minimumWidth, height >= minimumHeight else {
            TooSmall.draw(&painter, width: width, height: height)
            return painter.canvas
        }
        let full = Rect(x: 0, y: 0, width: width, height: height)
        let (header, rest) = full.splitTop(2)
        let (body, footer) = rest.splitTop(rest.height - 1)
        HeaderBar.draw(&painter, in: header, snapshot: snapshot, state: state)
        let context = ScreenContext(snapshot: snapshot, state: state)
        switch state.screen {
        case .overview: OverviewScreen.draw(&painter, in: body, context)
        case .drift: DriftScreen.draw(&painter, in: body, context)
        case .quality: QualityScreen.draw(&painter, in: body, context)
        case .operations: OperationsScreen.draw(&painter, in: body, context)
        case .samples: SamplesScreen.draw(&painter, in: body, context)
        case .retrain: RetrainScreen.draw(&painter, in: body, context)
        case .alerts: AlertsScreen.draw(&painter, in: body, context)
        }
        switch state.overlay {
        case .filter(let text):
            FilterPrompt.draw(&painter, in: footer, text: text)
        case .help:
            FooterBar.draw(&painter, in: footer, state: state)
            HelpOverlay.draw(&painter, in: body)
        case .confirm(let action):
            FooterBar.draw(&painter, in: footer, state: state)
            ConfirmDialog.draw(&painter, in: body, question: ConfirmDialog.question(action, snapshot: snapshot))
        case .none:
            FooterBar.draw(&painter, in: footer, state: state)
        }
        return painter.canvas
    }
}

/// What every screen needs besides where to draw.
struct ScreenContext {
    let snapshot: DashboardSnapshot
    let state: DashboardState

    var report: Report { snapshot.report }
    /// The Samples screen's low-confidence line (`--low-confidence`).
    var lowConfidence: Double { snapshot.samples?.lowConfidence ?? SnapshotConfidence.lowThreshold }

    func list(_ screen: Screen) -> DashboardState.ListState { state.list(screen) }

    func rows(_ screen: Screen) -> [Int] { ListRows.visible(screen, snapshot: snapshot, state: state) }
}
