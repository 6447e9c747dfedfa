import Testing
@testable import OutcomesIO

/// How `OUTCOMES_CHECKPOINT` is read (the kill itself: CrashSafetyTests, through the executable).
@Suite struct CheckpointTests {
    @Test func nameAndTime() {
        let cases: [(String?, String?, Int?)] = [
            ("ingest.file-written", "ingest.file-written", 1),
            ("ingest.file-written:3", "ingest.file-written", 3),
            ("transform.patient-written:100", "transform.patient-written", 100),
            ("report.finished:1", "report.finished", 1),
            // Anything else asks for no checkpoint.
            (nil, nil, nil), ("", nil, nil), ("ingest.finished:0", nil, nil), ("ingest.finished:-2", nil, nil),
            ("ingest.finished:", nil, nil), ("ingest.finished:two", nil, nil),
        ]
        for (text, name, time) in cases {
            let target = Checkpoint.Target(text)
            #expect(target?.name == name && target?.time == time, "\(text ?? "unset")")
        }
    }

    @Test func countsTheTimesReached() {
        let counter = Checkpoint.Counter()
        #expect([counter.increment(), counter.increment(), counter.increment()] == [1, 2, 3])
    }

    @Test func unsetInTheTestsSoReachDoesNothing() {
        // The test runner has no OUTCOMES_CHECKPOINT; were it set, this process would die here.
        #expect(Checkpoint.target == nil)
        Checkpoint.reach("ingest.file-written")
    }
}
