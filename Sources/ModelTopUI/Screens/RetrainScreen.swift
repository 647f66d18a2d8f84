import ModelTopBase
import ModelTopTraining
import ModelTopMonitor

/// Screen 6: the retrain in progress or last finished, what it decided, the registry's history
/// and the run's output.
enum RetrainScreen {
    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        guard let retrain = context.snapshot.retrain else {
            let lines: [(String, Role)] = [
                ("Retraining is not set up in this session (no retrain state).", .warn),
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
        status(&painter, retrain, x: body.x, y: y, maxX: body.maxX)
        y += 1
        if let command = retrain.command, y < body.maxY {
            let x = body.x + painter.text("Command  ", x: body.x, y: y, role: .header)
            painter.text(command, x: x, y: y, width: body.maxX - x, role: .muted)
            y += 1
        }
        if let outcome = retrain.outcome, y + 1 < body.maxY {
            y += result(&painter, outcome, x: body.x, y: y, width: body.width)
        }
        y += 1
        let rest = Rect(x: body.x, y: y, width: body.width, height: max(0, body.maxY - y))
        guard rest.height > 2 else { return }
        let (tableRect, logRect): (Rect, Rect)
        if retrain.history.isEmpty, retrain.versions.isEmpty {
            (tableRect, logRect) = (Rect(x: rest.x, y: rest.y, width: rest.width, height: 0), rest)
        } else if retrain.history.isEmpty {
            (tableRect, logRect) = rest.splitTop(min(retrain.versions.count + 2, rest.height / 2))
            versions(&painter, retrain, in: tableRect, context)
        } else {
            (tableRect, logRect) = rest.splitTop(min(retrain.history.count + 2, rest.height / 2))
            history(&painter, retrain.history, in: tableRect)
        }
        guard logRect.height > 1 else { return }
        let dropped = retrain.droppedLines > 0 ? " (last \(retrain.log.count) lines; \(retrain.droppedLines) earlier not kept)" : ""
        Box.heading(&painter, "Output" + dropped, x: logRect.x, y: logRect.y, width: logRect.width)
        for (k, line) in retrain.log.suffix(logRect.height - 1).enumerated() {
            painter.text(line, x: logRect.x, y: logRect.y + 1 + k, width: logRect.width, role: .muted)
        }
    }

    /// The first line: a badge for the phase and what it means.
    static func status(_ painter: inout Painter, _ retrain: RetrainSnapshot, x start: Int, y: Int, maxX: Int) {
        var x = start + painter.text("Retrain ", x: start, y: y, role: .header)
        let (word, kind, text): (String, Badge.Kind, String)
        switch retrain.phase {
        case .idle:
            (word, kind, text) = ("IDLE", .good, "Retraining: r retrains, b rolls back (both ask first)")
        case .running(let step, _):
            (word, kind, text) = ("RUNNING", .warn, step + " · c cancels")
        case .succeeded(let version):
            (word, kind, text) = ("DONE", .good, version.isEmpty ? "finished" : "finished · current model \(version)")
        case .failed(let message):
            (word, kind, text) = ("FAILED", .bad, "failed (\(message))")
        case .cancelled:
            (word, kind, text) = ("CANCELLED", .warn, "cancelled by the user")
        }
        x += Badge.draw(&painter, word, kind: kind, x: x, y: y) + 1
        if case .running(_, let progress?) = retrain.phase {
            x += painter.text(text, x: x, y: y, width: max(0, maxX - x - 30))
            HorizontalBar.draw(&painter, fraction: progress, x: x + 1, y: y, width: 20)
            painter.text(ReportNumber.fixed(progress * 100, 0) + "%", x: x + 22, y: y, width: 5)
        } else {
            painter.text(text, x: x, y: y, width: max(0, maxX - x))
        }
    }

    /// Champion against challenger and the gate's verdict; returns the rows used.
    static func result(_ painter: inout Painter, _ outcome: RetrainSnapshot.Outcome, x start: Int, y: Int, width: Int) -> Int {
        var x = start + painter.text("Result   ", x: start, y: y, role: .header)
        x += Badge.draw(&painter, outcome.promoted ? "PROMOTED" : "REFUSED", kind: outcome.promoted ? .good : .warn, x: x, y: y) + 1
        let champion = outcome.champion.map { "champion \($0.version) " + scores($0) } ?? "champion none"
        painter.text("challenger \(outcome.challenger.version) " + scores(outcome.challenger) + "  vs  " + champion,
                     x: x, y: y, width: max(0, start + width - x))
        x = start + painter.text("Reason   ", x: start, y: y + 1, role: .header)
        painter.text(outcome.reason, x: x, y: y + 1, width: max(0, start + width - x))
        return 2
    }

    static func scores(_ score: ModelRegistry.Score) -> String {
        "accuracy \(ReportNumber.fixed(score.accuracy, 4)), macro F1 \(ReportNumber.fixed(score.f1Macro, 4))"
    }

    /// The registry's decisions, newest first.
    static func history(_ painter: inout Painter, _ entries: [ModelRegistry.Entry], in rect: Rect) {
        Box.heading(&painter, "History (registry.json, newest first)", x: rect.x, y: rect.y, width: rect.width)
        let table = TableView(
            columns: [
                .init(title: "version", width: 8, numeric: false), .init(title: "time", width: 20, numeric: false),
                .init(title: "trigger", width: 16, numeric: false), .init(title: "result", width: 9, numeric: false),
                .init(title: "accuracy", width: 9, numeric: true), .init(title: "F1", width: 7, numeric: true),
                .init(title: "champion", width: 16, numeric: false), .init(title: "reason", width: 0, numeric: false),
            ],
            rowCount: entries.count,
            row: { k in
                let e = entries[k]
                let result = e.trigger == ModelRegistry.rollbackTrigger ? "rollback" : e.promoted ? "promoted" : "refused"
                let champion = e.champion.map { "\($0.version) \(ReportNumber.fixed($0.accuracy, 3))/\(ReportNumber.fixed($0.f1Macro, 3))" } ?? ""
                return [
                    .init(e.version), .init(Clock.utc(Double(e.created))), .init(e.trigger),
                    .init(result, e.promoted ? .good : .warn),
                    .init(e.challenger.map { ReportNumber.fixed($0.accuracy, 4) } ?? ""),
                    .init(e.challenger.map { ReportNumber.fixed($0.f1Macro, 4) } ?? ""),
                    .init(champion, .muted), .init(e.reason, .muted),
                ]
            },
            selected: nil, top: 0, sort: nil)
        table.draw(&painter, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1))
    }

    /// The model versions, when only they are known.
    static func versions(_ painter: inout Painter, _ retrain: RetrainSnapshot, in rect: Rect, _ context: ScreenContext) {
        Box.heading(&painter, "Model versions (b rolls back)", x: rect.x, y: rect.y, width: rect.width)
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
        table.draw(&painter, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1))
    }
}
