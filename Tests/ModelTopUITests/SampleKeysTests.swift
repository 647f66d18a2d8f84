import Testing
import ModelTopMonitor
@testable import ModelTopUI

/// The Samples screen's keys: open and close a sample, step through the list from it, and the
/// low-confidence, misclassified and class filters alongside the text filter.
@Suite struct SampleKeysTests {
    func samples() throws -> Dashboard {
        var dashboard = Dashboard(snapshot: try SampleFixtures.snapshot(), options: DashboardOptions())
        _ = dashboard.handle(.resize(width: 80, height: 24))
        _ = dashboard.handle(.key(.character("2")))
        _ = dashboard.handle(.key(.character("5")))
        return dashboard
    }

    func ids(_ d: Dashboard) -> [String] {
        let samples = d.snapshot.samples?.samples ?? []
        return ListRows.visible(.samples, snapshot: d.snapshot, state: d.state).map { samples[$0].id }
    }

    func selectedID(_ d: Dashboard) -> String? {
        let rows = ListRows.visible(.samples, snapshot: d.snapshot, state: d.state)
        let selected = d.state.list(.samples).selected
        return selected < rows.count ? d.snapshot.samples?.samples[rows[selected]].id : nil
    }

    @Test func enterOpensEscapeAndEnterClose() throws {
        var d = try samples()
        #expect(d.handle(.key(.enter)) == [])
        #expect(d.state.sampleOpen)
        _ = d.handle(.key(.escape))
        #expect(!d.state.sampleOpen && d.state.screen == .samples, "Esc goes back to the list first")
        _ = d.handle(.key(.enter))
        _ = d.handle(.key(.enter))
        #expect(!d.state.sampleOpen)
        _ = d.handle(.key(.escape))
        #expect(d.state.screen == .drift, "then Esc goes back to the previous screen")
    }

    @Test func arrowsAndJKStepThroughTheListFromTheOpenSample() throws {
        var d = try samples()
        _ = d.handle(.key(.enter))
        _ = d.handle(.key(.down))
        #expect(selectedID(d) == "req-0041")
        _ = d.handle(.key(.character("j")))
        _ = d.handle(.key(.character("j")))
        _ = d.handle(.key(.character("j")))
        #expect(selectedID(d) == "req-0039", "stops at the last sample")
        _ = d.handle(.key(.character("k")))
        _ = d.handle(.key(.up))
        #expect(selectedID(d) == "req-0041")
        #expect(d.state.sampleOpen)
        #expect(d.render(width: 80, height: 24).text.contains("Sample 2 of 4"))
    }

    @Test func quitHelpAndOtherScreensStillWorkFromTheOpenSample() throws {
        var d = try samples()
        _ = d.handle(.key(.enter))
        #expect(d.handle(.key(.character("q"))) == [.quit])
        _ = d.handle(.key(.character("?")))
        #expect(d.state.overlay == .help && d.state.sampleOpen)
        _ = d.handle(.key(.escape))
        _ = d.handle(.key(.character("3")))
        #expect(d.state.screen == .quality && !d.state.sampleOpen, "leaving the screen closes the sample")
        _ = d.handle(.key(.character("5")))
        #expect(!d.state.sampleOpen)
    }

    @Test func enterOnAnEmptyListOpensNothing() throws {
        var d = try Fixtures.dashboard()
        _ = d.handle(.key(.character("5")))
        _ = d.handle(.key(.enter))
        #expect(!d.state.sampleOpen)
        #expect(d.render(width: 80, height: 24).text.contains("No samples"))
    }

    @Test func lowConfidenceMisclassifiedAndAll() throws {
        var d = try samples()
        _ = d.handle(.key(.character("l")))
        #expect(d.state.samplesFilter.lowConfidence)
        #expect(ids(d) == ["req-0042", "req-0039"], "under 0.9: 0.561 and 0.82; 0.991 and 0.91 are not")
        _ = d.handle(.key(.character("m")))
        #expect(ids(d) == ["req-0042"], "both: low confidence and wrong")
        _ = d.handle(.key(.character("l")))
        #expect(ids(d) == ["req-0042"], "misclassified alone: target known and different")
        _ = d.handle(.key(.character("a")))
        #expect(d.state.samplesFilter == SampleFilter())
        #expect(ids(d).count == 4)
    }

    /// `--low-confidence` moves the line the `l` filter, its label and the warnings use.
    @Test func lowConfidenceFollowsTheSnapshotsThreshold() throws {
        var snapshot = try SampleFixtures.snapshot()
        snapshot.samples?.lowConfidence = 0.6
        var d = Dashboard(snapshot: snapshot, options: DashboardOptions())
        _ = d.handle(.resize(width: 80, height: 24))
        _ = d.handle(.key(.character("5")))
        _ = d.handle(.key(.character("l")))
        #expect(ids(d) == ["req-0042"], "under 0.6: only 0.561")
        #expect(d.render(width: 80, height: 24).text.contains("confidence < 0.6"))
    }

    @Test func classCyclesThroughThePredictedClassesThenAll() throws {
        var d = try samples()
        var seen: [String?] = []
        for _ in 0..<5 {
            _ = d.handle(.key(.character("c")))
            seen.append(d.state.samplesFilter.predictedClass)
        }
        #expect(seen == ["0", "1", "7", "8", nil])
        _ = d.handle(.key(.character("c")))
        _ = d.handle(.key(.character("c")))
        _ = d.handle(.key(.character("c")))
        #expect(ids(d) == ["req-0040"])
        #expect(SampleFilter.nextClass(after: "10", in: [sample("2"), sample("10"), sample("x")]) == "x")
        #expect(SampleFilter.nextClass(after: "2", in: [sample("2"), sample("10")]) == "10", "numbers in numeric order")
    }

    @Test func textFilterWorksAlongside() throws {
        var d = try samples()
        _ = d.handle(.key(.character("l")))
        _ = d.handle(.key(.character("/")))
        for c in "0039" { _ = d.handle(.key(.character(c))) }
        _ = d.handle(.key(.enter))
        #expect(ids(d) == ["req-0039"])
        let text = d.render(width: 120, height: 40).text
        #expect(text.contains("filter: confidence < 0.9, \"0039\" · 1 shown of 4 samples"))
    }

    @Test func aFilterKeepsTheSelectedSampleWhenItStillPasses() throws {
        var d = try samples()
        _ = d.handle(.key(.character("G")))
        #expect(selectedID(d) == "req-0039")
        _ = d.handle(.key(.character("l")))
        #expect(selectedID(d) == "req-0039")
        _ = d.handle(.key(.character("m")))
        #expect(selectedID(d) == "req-0042", "req-0039 is right: the first match is selected")
    }

    @Test func theActiveFilterShowsInTheStatusLineAndFooter() throws {
        var d = try samples()
        let plain = d.render(width: 80, height: 24).text
        #expect(plain.contains("4 samples, 1 mistake, newest first") && !plain.contains("filter:"))
        _ = d.handle(.key(.character("m")))
        _ = d.handle(.key(.character("c")))
        let lines = d.render(width: 80, height: 24).text.split(separator: "\n").map(String.init)
        #expect(lines[3].contains("filter: misclassified, predicted 0 · 0 shown of 4 samples"))
        #expect(lines[23].contains("m wrong") && lines[23].contains("c class 0") && lines[23].contains("q quit"))
        let canvas = d.render(width: 80, height: 24)
        let m = try #require(lines[23].firstIndex(of: "m"))
        #expect(canvas[lines[23].distance(from: lines[23].startIndex, to: m), 23].style.reverse, "an active filter key is drawn pressed")
    }

    @Test func theOpenSampleStaysPutWhileNewSamplesArrive() throws {
        var d = try samples()
        _ = d.handle(.key(.character("j")))
        _ = d.handle(.key(.enter))
        #expect(selectedID(d) == "req-0041")
        var newer = d.snapshot
        let arriving = SamplesSnapshot.Sample(
            id: "req-0043", target: nil, prediction: "5", confidence: 0.7, imageWidth: 0, imageHeight: 0, pixels: [])
        newer.samples?.samples.insert(arriving, at: 0)
        d.update(snapshot: newer)
        #expect(selectedID(d) == "req-0041" && d.state.list(.samples).selected == 2)
        newer.samples?.samples.removeAll { $0.id == "req-0041" }
        d.update(snapshot: newer)
        #expect(d.state.list(.samples).selected == 2, "gone: the selection stays in range")
    }

    @Test func theNewestRowFollowsTheNewest() throws {
        var d = try samples()
        var newer = d.snapshot
        newer.samples?.samples.insert(
            SamplesSnapshot.Sample(id: "req-0043", target: nil, prediction: "5", confidence: 0.7, imageWidth: 0, imageHeight: 0, pixels: []),
            at: 0)
        d.update(snapshot: newer)
        #expect(selectedID(d) == "req-0043")
    }

    @Test func helpListsTheSamplesKeys() throws {
        var d = try samples()
        _ = d.handle(.key(.character("?")))
        let text = d.render(width: 80, height: 24).text
        #expect(text.contains("Enter") && text.contains("open the selected digit"))
        #expect(text.contains("l m c a") && text.contains("low confidence, misclassified, class, all"))
        #expect(text.contains("Esc or ? closes"), "the whole list still fits 80×24")
    }

    func sample(_ prediction: String) -> SamplesSnapshot.Sample {
        SamplesSnapshot.Sample(id: prediction, target: nil, prediction: prediction, confidence: 1, imageWidth: 0, imageHeight: 0, pixels: [])
    }
}
