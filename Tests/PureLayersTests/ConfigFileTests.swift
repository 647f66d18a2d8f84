import Testing
@testable import ModelTopBase
@testable import ModelTopMonitor
@testable import ModelTopConfig

/// The config file as TOML with lines: what it sets, where, and the messages for what it gets wrong.
@Suite struct ConfigFileTests {
    static let text = """
        # modeltop settings
        window = "15m"
        retain = 50000
        low_confidence = 0.8
        ascii = true
        "drift-share" = 0.4

        [alerts.server_errors]
        above = 0.02   # 2%
        for = "1m"

        [alerts.wide_drift]
        metric = "drifted_share"
        above = 0.25
        severity = "warn"
        min_samples = 200
        """

    @Test func everyKeyWithItsValueAndLine() throws {
        let document = try ConfigDocument(text: Self.text, file: "modeltop.toml")
        let byKey = Dictionary(uniqueKeysWithValues: document.entries.map { ($0.key, $0) })
        #expect(byKey["window"]?.value == .string("15m") && byKey["window"]?.line == 2)
        #expect(byKey["retain"]?.value == .integer(50000) && byKey["retain"]?.line == 3)
        #expect(byKey["low_confidence"]?.value == .float(0.8) && byKey["ascii"]?.value == .boolean(true))
        #expect(byKey["drift-share"]?.line == 6)
        #expect(byKey["alerts.server_errors.above"]?.line == 9 && byKey["alerts.server_errors.for"]?.line == 10)
        #expect(byKey["alerts.wide_drift.min_samples"]?.line == 16)
        #expect(document.entries.map(\.line) == document.entries.map(\.line).sorted { ($0 ?? 0) < ($1 ?? 0) })
    }

    @Test func aSyntaxErrorSaysLineAndColumn() {
        #expect(throws: ConfigError.self) { try ConfigDocument(text: "window = \n", file: "c.toml") }
        do {
            _ = try ConfigDocument(text: "a = 1\nb = [1, \n", file: "c.toml")
        } catch {
            #expect(error.file == "c.toml" && error.line != nil)
            #expect(error.description.hasPrefix("c.toml:"))
        }
    }

    @Test func keyLinesFollowHeadersDottedKeysAndSkipMultilineValues() {
        let lines = KeyLines.locate(in: """
            a = 1
            b = \"\"\"
            c = not a key
            \"\"\"
            list = [
              "d = 4",
            ]
            alerts.x.above = 3
            [ alerts . "y" ]
            for = "2m" # comment = not a key
            """)
        #expect(lines["a"] == 1 && lines["b"] == 2 && lines["c"] == nil && lines["list"] == 5)
        #expect(lines["alerts.x.above"] == 8 && lines["alerts.x"] == 8)
        #expect(lines["alerts.y"] == 9 && lines["alerts.y.for"] == 10)
    }

    @Test func alertTablesChangeBuiltInRulesAndAddNewOnes() throws {
        let rules = try AlertRulesConfig.read(ConfigDocument(text: Self.text, file: "m.toml"))
        let errors = try #require(rules.first { $0.name == "server_errors" })
        #expect(errors.threshold == 0.02 && errors.holdSeconds == 60 && errors.severity == .critical && errors.minSamples == 50)
        let wide = try #require(rules.first { $0.name == "wide_drift" })
        #expect(wide.metric == .driftedShare && wide.comparison == .above && wide.threshold == 0.25)
        #expect(wide.severity == .warning && wide.minSamples == 200 && wide.enabled)
        #expect(rules.count == AlertRules.defaults.count + 1)
    }

    /// Each mistake names the file and line, and suggests the name meant.
    @Test(arguments: [
        ("[alerts.server_errors]\nabove = 0.1\nfor = \"soon\"\n", 3, "must be a duration"),
        ("[alerts.server_errors]\ntreshold = 0.1\n", 2, "unknown key 'treshold' in [alerts.server_errors]"),
        ("[alerts.server_errors]\nseverity = \"page\"\n", 2, "severity must be \"warn\" or \"crit\""),
        ("[alerts.server_errors]\nabove = \"5%\"\n", 2, "must be a number, not a string"),
        ("[alerts.server_errors]\nabove = 0.1\nbelow = 0.2\n", 3, "sets both above and below"),
        ("[alerts.latency]\nabove = 300\n", 1, "did you mean 'latency_p99'?"),
        ("[alerts.mine]\nmetric = \"p99\"\nabove = 3\n", 2, "unknown metric 'p99'"),
        ("[alerts.mine]\nabove = 3\n", 1, "a new rule needs metric and above or below"),
        ("[alerts.stale_data]\nmin_samples = -1\n", 2, "must be a whole number"),
        ("alerts = 3\n", 1, "alert rules are tables"),
    ])
    func mistakesSayFileLineAndWhy(text: String, line: Int, message: String) {
        do {
            _ = try AlertRulesConfig.read(ConfigDocument(text: text, file: "m.toml"))
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.file == "m.toml")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func suggestionsFindNearNamesOnly() {
        #expect(Suggestion.closest(to: "drift_tset", among: ["drift_test", "window"]) == "drift_test")
        #expect(Suggestion.closest(to: "latency", among: ["latency_p99", "stale_data"]) == "latency_p99")
        #expect(Suggestion.closest(to: "banana", among: ["drift_test", "window"]) == nil)
    }
}
