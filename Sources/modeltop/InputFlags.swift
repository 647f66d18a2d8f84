import ArgumentParser

/// The files a report or a dashboard reads, named the same way by both.
struct InputFlags: ParsableArguments {
    @Option(name: .long, help: "The reference data set (embeddings and target).")
    var ref: String

    @Option(name: .long, help: "The production data set (embeddings, target and prediction).")
    var prod: String

    @Option(name: .long, help: "A directory of prediction logs (*.jsonl, rotated *.jsonl.N): adds latency, errors, confidence and estimated quality.")
    var logs: String?
}
