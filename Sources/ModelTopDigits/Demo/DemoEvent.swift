/// One thing the simulated API writes at one simulated moment: a whole log line and, for
/// feedback, a whole `prod_data.csv` row.
package struct DemoEvent: Sendable, Equatable {
    /// Seconds since the start of the run.
    package var time: Double
    /// A JSON line for `predictions.jsonl`, ending in a newline.
    package var log: String
    /// A row for `prod_data.csv`, ending in a newline, when the event is feedback.
    package var production: String?

    package init(time: Double, log: String, production: String? = nil) {
        self.time = time
        self.log = log
        self.production = production
    }
}
