import ModelTopBase
import ModelTopStatistics
import ModelTopMetrics

/// The fleet console's frame: a header, the screen tabs, the screen, the keys; a notice on the
/// last line when Prometheus did not answer (the figures before it stay on screen).
extension FleetConsole {
    package func render(width: Int, height: Int) -> Canvas {
        var painter = Painter(width: width, height: height, options: options)
        guard width >= 40, height >= 8 else {
            painter.text("too small: \(width)×\(height), fleet needs 40×8", x: 0, y: 0)
            return painter.canvas
        }
        drawHeader(&painter, width: width)
        let body = Rect(x: 0, y: 2, width: width, height: height - 3)
        switch screen {
        case .fleet: drawFleet(&painter, in: body)
        case .replicas: drawReplicas(&painter, in: body)
        }
        drawFooter(&painter, y: height - 1, width: width)
        if helpShown { drawHelp(&painter, width: width, height: height) }
        var canvas = painter.canvas
        if let notice {
            NoticeBar.draw(notice, on: &canvas)
        } else if let problem = snapshot.problem {
            let since = snapshot.answeredAt.flatMap { at in now.map { " (figures from \(Clock.age($0 - at)) ago)" } } ?? ""
            NoticeBar.draw(problem + since, on: &canvas)
        }
        return canvas
    }

    private func drawHeader(_ painter: inout Painter, width: Int) {
        var x = painter.text(" modeltop fleet ", x: 0, y: 0, role: .title)
        let up = snapshot.replicas.filter { $0.health == "up" }.count
        let replicas = "\(snapshot.replicas.count) replica\(snapshot.replicas.count == 1 ? "" : "s") (\(up) up)"
        var right = asking ? "asking…" : "waiting for Prometheus"
        if let at = snapshot.answeredAt { right = (asking ? "asking… · " : "") + "answered " + (now.map { Clock.age($0 - at) + " ago" } ?? Clock.utc(at)) }
        if paused { right = "PAUSED · " + right }
        let rightWidth = DisplayWidth.of(right) + 1
        x += 1
        painter.text("\(source) · \(replicas)", x: x, y: 0, width: max(0, width - x - rightWidth - 1))
        painter.text(right, x: width - rightWidth, y: 0, width: rightWidth, role: .muted)
        var tx = 0
        for tab in Screen.allCases {
            let label = " \(tab.rawValue) \(tab.title) "
            tx += painter.text(label, x: tx, y: 1, role: tab == screen ? .tabActive : .tabInactive) + 1
        }
    }

    private func drawFleet(_ painter: inout Painter, in rect: Rect) {
        var y = rect.y
        let fleet = snapshot
        if fleet.answeredAt == nil {
            painter.text(Self.noAnswer, x: 1, y: y, width: rect.width - 2, role: .muted)
        } else if fleet.dimensions.isEmpty {
            painter.text("No drift figures yet: no target of this job exposes modeltop_embedding_rank (is the agent running with --listen?)", x: 1, y: y, width: rect.width - 2, role: .muted)
        } else {
            let verdict = fleet.datasetDrift ? " DRIFT " : " NO DRIFT "
            let x = 1 + painter.text(verdict, x: 1, y: y, role: fleet.datasetDrift ? .badgeBad : .badgeGood)
            let share = "\(fleet.driftedCount) of \(fleet.dimensions.count) dimensions drifted (fleet PSI ≥ \(ReportNumber.general(fleet.threshold))) over \(ReportNumber.grouped(fleet.dimensions.map(\.rows).max() ?? 0)) rows"
            painter.text(share, x: x + 1, y: y, width: rect.maxX - x - 2)
        }
        y += 1
        var quality = "Quality: no feedback yet"
        if let q = fleet.quality {
            quality = "Quality: accuracy \(ReportNumber.fixed(q.accuracy, 4)) · macro F1 \(ReportNumber.fixed(q.macro.f1, 4)) · balanced \(ReportNumber.fixed(q.balancedAccuracy, 4)) · \(ReportNumber.grouped(q.rows)) rows"
        }
        if let estimated = fleet.estimatedAccuracy { quality += " · est. ≈ \(ReportNumber.fixed(estimated, 3)) (CBPE)" }
        painter.text(quality, x: 1, y: y, width: rect.width - 2)
        y += 1
        var operations = "Requests: none logged"
        if fleet.totalRequests > 0 {
            // 2xx is the rest: the line keeps to 80 columns with the latency.
            let codes = ["4xx", "5xx", "other"].compactMap { code in fleet.requests[code].flatMap { $0 > 0 ? "\(code) \(ReportNumber.grouped(Int($0)))" : nil } }
            operations = (["Requests: \(ReportNumber.grouped(Int(fleet.totalRequests)))"] + codes).joined(separator: " · ")
            if let latency = fleet.latency {
                operations += " · p50 \(Self.milliseconds(latency.p50)) · p95 \(Self.milliseconds(latency.p95)) · p99 \(Self.milliseconds(latency.p99))"
            }
        }
        painter.text(operations, x: 1, y: y, width: rect.width - 2, role: (fleet.requests["5xx"] ?? 0) > 0 ? .warn : .normal)
        y += 1
        drawAlerts(&painter, x: 1, y: y, width: rect.width - 2)
        y += 2
        let dimensions = fleet.dimensions
        let table = TableView(
            columns: [
                .init(title: "Dimension", width: 0, numeric: false), .init(title: "Rows", width: 10, numeric: true),
                .init(title: "PSI", width: 8, numeric: true), .init(title: "KS ≥ (5% grid)", width: 15, numeric: true),
                .init(title: "Drift", width: 6, numeric: false),
            ],
            rowCount: dimensions.count,
            row: { k in
                let d = dimensions[k]
                return [
                    .init(d.name), .init(ReportNumber.grouped(d.rows)), .init(ReportNumber.fixed(d.psi, 4), d.drifted ? .bad : .normal),
                    .init(ReportNumber.fixed(d.ksGrid, 3)), .init(d.drifted ? "yes" : "no", d.drifted ? .bad : .good),
                ]
            },
            selected: dimensions.isEmpty ? nil : selected, top: top, sort: nil)
        table.draw(&painter, in: Rect(x: 1, y: y, width: rect.width - 2, height: rect.maxY - y))
    }

    /// The fleet-wide alerts of modeltop's rules as Prometheus evaluates them, firing first; a
    /// replica's own (down, not writing) are on the Replicas screen.
    private func drawAlerts(_ painter: inout Painter, x: Int, y: Int, width: Int) {
        guard snapshot.answeredAt != nil else { return }
        let fleet = snapshot.alerts.filter { $0.instance == nil }
        let replicas = snapshot.alerts.count - fleet.count
        let elsewhere = replicas > 0 ? " · \(replicas) on replicas (2)" : ""
        guard !fleet.isEmpty else {
            painter.text("Alerts: none on the fleet" + elsewhere, x: x, y: y, width: width, role: replicas > 0 ? .warn : .muted)
            return
        }
        let items = fleet.map { alert in
            Self.alertName(alert) + " " + alert.state + (alert.activeAt.flatMap { at in now.map { " " + Clock.age(max(0, $0 - at)) } } ?? "")
        }
        let firing = fleet.contains { $0.state == "firing" }
        painter.text("Alerts: " + items.joined(separator: " · ") + elsewhere, x: x, y: y, width: width, role: firing ? .bad : .warn)
    }

    /// An alert's name without the `ModelTop` every shipped rule starts with.
    static func alertName(_ alert: PrometheusAnswer.Alert) -> String {
        alert.name.hasPrefix("ModelTop") ? String(alert.name.dropFirst("ModelTop".count)) : alert.name
    }

    private func drawReplicas(_ painter: inout Painter, in rect: Rect) {
        let replicas = snapshot.replicas
        guard snapshot.answeredAt != nil || !replicas.isEmpty else {
            painter.text(Self.noAnswer, x: 1, y: rect.y, width: rect.width - 2, role: .muted)
            return
        }
        guard !replicas.isEmpty else {
            painter.text("No target of this job in Prometheus's /api/v1/targets: see the README's fleet section for the scrape config.", x: 1, y: rect.y, width: rect.width - 2, role: .muted)
            return
        }
        let now = self.now, alerts = snapshot.alerts
        let table = TableView(
            columns: [
                .init(title: "Replica", width: 0, numeric: false), .init(title: "State", width: 7, numeric: false),
                .init(title: "Rows", width: 9, numeric: true), .init(title: "Drift", width: 6, numeric: true),
                .init(title: "Accuracy", width: 8, numeric: true), .init(title: "p99", width: 8, numeric: true),
                .init(title: "Model", width: 8, numeric: false), .init(title: "Scraped", width: 8, numeric: true),
                .init(title: "Data", width: 8, numeric: true), .init(title: "Alert", width: 20, numeric: false),
            ],
            rowCount: replicas.count,
            row: { k in
                let r = replicas[k]
                func ago(_ t: Double?) -> String { t.flatMap { t in now.map { Clock.age(max(0, $0 - t)) } } ?? "—" }
                return [
                    .init(r.instance), .init(r.health, r.health == "up" ? .good : .bad),
                    .init(r.rows.map { ReportNumber.grouped(Int($0)) } ?? "—"),
                    .init(r.driftShare.map { ReportNumber.fixed($0, 2) } ?? "—", (r.driftShare ?? 0) >= 0.5 ? .bad : .normal),
                    .init(r.accuracy.map { ReportNumber.fixed($0, 4) } ?? "—"),
                    .init(r.p99.map(Self.milliseconds) ?? "—"), .init(r.modelVersion ?? "—"), .init(ago(r.lastScrape)),
                    .init(ago(r.lastData)),
                    .init(
                        alerts.filter { $0.instance == r.instance }.map { Self.alertName($0) + " " + $0.state }.joined(separator: ", "),
                        alerts.contains { $0.instance == r.instance && $0.state == "firing" } ? .bad : .warn),
                ]
            },
            selected: selected, top: top, sort: nil)
        let detail = replicas.indices.contains(selected) && !replicas[selected].lastError.isEmpty ? 2 : 0
        table.draw(&painter, in: Rect(x: 1, y: rect.y, width: rect.width - 2, height: rect.height - detail))
        if detail > 0 {
            painter.text("last scrape error: " + replicas[selected].lastError, x: 1, y: rect.maxY - 1, width: rect.width - 2, role: .warn)
        }
    }

    private func drawFooter(_ painter: inout Painter, y: Int, width: Int) {
        let hints: [FooterBar.Hint] = [
            .init(key: "?", action: "help"), .init(key: "1-2", action: "screens"), .init(key: "j/k", action: "move"),
            .init(key: "r", action: "ask now"), .init(key: "p", action: paused ? "resume" : "pause"), .init(key: "e", action: "export"),
            .init(key: "q", action: "quit"),
        ]
        FooterBar.draw(&painter, in: Rect(x: 0, y: y, width: width, height: 1), hints: hints)
    }

    private func drawHelp(_ painter: inout Painter, width: Int, height: Int) {
        let lines = [
            "1 / 2, Tab     Fleet / Replicas",
            "j k, ↑ ↓       move; PgUp PgDn, g G",
            "r              ask Prometheus now",
            "p              pause asking (again: resume)",
            "e              write the screen to a text file",
            "Ctrl-L         redraw",
            "q              quit",
            "",
            "Fleet PSI and quality are modeltop report's figures on all",
            "replicas' rows together, from the counts each agent exposes.",
            "KS ≥: the KS statistic on the 5% grid, a lower bound.",
            "A replica is stale when its last scrape failed or is older",
            "than two scrape intervals. Any key closes this.",
        ]
        let box = Box.centred(
            width: (lines.map { DisplayWidth.of($0) }.max() ?? 0) + 6, height: lines.count + 4,
            in: Rect(x: 0, y: 0, width: width, height: height))
        painter.clear(box)
        let inside = Box.draw(&painter, box, title: "modeltop fleet: keys")
        for (k, line) in lines.prefix(max(0, inside.height - 1)).enumerated() {
            painter.text(line, x: inside.x + 1, y: inside.y + 1 + k, width: inside.width - 2)
        }
    }

    static let noAnswer = "No answer from Prometheus yet: the last line says why."

    static func milliseconds(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        return seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\(ReportNumber.fixed(seconds, 2)) s"
    }
}
