import ModelTopCore

/// Screen 6: the retrain in progress or last finished, its log, and the versions to roll back to.
enum RetrainScreen {
    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        guard let retrain = context.snapshot.retrain else {
            let lines: [(String, Role)] = [
                ("Retraining is not available yet: no retrain state in this session.", .warn),
                ("Retraining: press r to retrain on \(context.snapshot.productionFile) (asks y/n first).", .normal),
                ("While one runs, c cancels it; b rolls back to the previous model version (asks first).", .normal),
                ("Progress, the trainer's log and the model versions will show here.", .muted),
            ]
            var y = body.y
            for (text, role) in lines where y < body.maxY {
                y += Paragraph.draw(&painter, text, x: body.x, y: y, width: min(body.width, 100), maxLines: body.maxY - y, role: role)
            }
            return
        }
        var y = body.y
        var x = body.x + painter.text("Retrain ", x: body.x, y: y, role: .header)
        switch retrain.phase {
        case .idle:
            Badge.draw(&painter, "IDLE", kind: .good, x: x, y: y)
            painter.text("press r to start", x: x + 8, y: y, width: body.maxX - x - 8, role: .muted)
        case .running(let step, let progress):
            x += Badge.draw(&painter, "RUNNING", kind: .warn, x: x, y: y) + 1
            x += painter.text(step, x: x, y: y, width: max(0, body.maxX - x - 30))
            if let progress {
                HorizontalBar.draw(&painter, fraction: progress, x: x + 1, y: y, width: 20)
                painter.text(ReportNumber.fixed(progress * 100, 0) + "%", x: x + 22, y: y, width: 5)
            }
        case .succeeded(let version):
            Badge.draw(&painter, "DONE", kind: .good, x: x, y: y)
            painter.text("new model version \(version)", x: x + 8, y: y, width: body.maxX - x - 8)
        case .failed(let message):
            Badge.draw(&painter, "FAILED", kind: .bad, x: x, y: y)
            painter.text(message, x: x + 10, y: y, width: body.maxX - x - 10)
        case .cancelled:
            Badge.draw(&painter, "CANCELLED", kind: .warn, x: x, y: y)
        }
        y += 2
        let (versionsRect, logRect) = Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)
            .splitTop(min(retrain.versions.count + 2, (body.maxY - y) / 2))
        Box.heading(&painter, "Model versions (b rolls back)", x: versionsRect.x, y: versionsRect.y, width: versionsRect.width)
        let list = context.list(.retrain)
        let table = TableView(
            columns: [
                .init(title: "version", width: 0, numeric: false), .init(title: "created", width: 20, numeric: false),
                .init(title: "accuracy", width: 9, numeric: true), .init(title: "", width: 8, numeric: false),
            ],
            rowCount: retrain.versions.count,
            row: { k in
                let v = retrain.versions[k]
                return [.init(v.name), .init(Clock.utc(v.createdAt)), .init(ReportNumber.fixed(v.accuracy ?? .nan, 4)),
                        .init(v.active ? "ACTIVE" : "", .good)]
            },
            selected: retrain.versions.isEmpty ? nil : list.selected, top: list.top, sort: nil)
        table.draw(&painter, in: Rect(x: versionsRect.x, y: versionsRect.y + 1, width: versionsRect.width, height: versionsRect.height - 1))
        guard logRect.height > 1 else { return }
        Box.heading(&painter, "Log", x: logRect.x, y: logRect.y, width: logRect.width)
        for (k, line) in retrain.log.suffix(logRect.height - 1).enumerated() {
            painter.text(line, x: logRect.x, y: logRect.y + 1 + k, width: logRect.width, role: .muted)
        }
    }
}
