/// One thing the simulated API writes at one simulated moment: a whole log line and, for
/// feedback, a whole `prod_data.csv` row.
public struct DemoEvent: Sendable, Equatable {
    /// Seconds since the start of the run.
    public var time: Double
    /// A JSON line for `predictions.jsonl`, ending in a newline.
    public var log: String
    /// A row for `prod_data.csv`, ending in a newline, when the event is feedback.
    public var production: String?

    public init(time: Double, log: String, production: String? = nil) {
        self.time = time
        self.log = log
        self.production = production
    }
}
