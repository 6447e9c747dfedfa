import Testing
@testable import OutcomesCore

/// Issue 13, item 2: the plain sentences of "At a glance", read off hand-made figures.
@Suite struct AtAGlanceTests {
    func row(_ route: Route, _ instrument: Instrument = .phq9, suppressed: Bool = false, evaluable: Int, responders: Int = 0,
             relief: Int = 0, median: Int64? = nil) -> GlanceFigures {
        GlanceFigures(instrument: instrument, route: route, suppressed: suppressed, evaluable: evaluable, responders: responders,
                      remitters: 0, reliefCourses: relief, median: median)
    }

    @Test func theRouteWithTheMostEvaluableCoursesAndHowManyReachAMedian() {
        // IV 12 evaluable, 7 responders: 7/12 = 58.3 %. IM 4 evaluable. Medians: IV 3 days (72.0 h), IM not reached.
        let rows = [row(.iv, evaluable: 12, responders: 7, relief: 14, median: 72 * 3600), row(.im, evaluable: 4, responders: 1, relief: 5)]
        #expect(AtAGlance.sentences(rows, minCell: 0) == [
            "PHQ-9: IV infusion has the most evaluable courses (12), and 7 of them responded (58.3 %).",
            "PHQ-9: 1 of the 2 routes shown with courses in the analysis reaches a median time to relief (IV infusion).",
        ])
    }

    @Test func aTieNamesEveryRouteAndRanksNone() {
        // 10 each: 6/10 = 60.0 %, 3/10 = 30.0 %; both medians reached.
        let rows = [row(.iv, evaluable: 10, responders: 6, relief: 10, median: 3600), row(.intranasal, evaluable: 10, responders: 3, relief: 10, median: 7200)]
        #expect(AtAGlance.sentences(rows, minCell: 0) == [
            "PHQ-9: IV infusion and IN esketamine have the most evaluable courses, 10 each; 6 of the IV infusion courses (60.0 %) "
                + "and 3 of the IN esketamine courses (30.0 %) responded.",
            "PHQ-9: all 2 routes shown with courses in the analysis reach a median time to relief.",
        ])
    }

    @Test func suppressedRowsAreNeitherCountedNorNamed() {
        // IM is suppressed (its 3 courses): the sentences use IV alone, and say nothing of IM.
        let rows = [row(.iv, evaluable: 1, responders: 1, relief: 1, median: 36 * 3600),
                    row(.im, suppressed: true, evaluable: 3, responders: 3, relief: 3, median: 3600)]
        let sentences = AtAGlance.sentences(rows, minCell: 5)
        #expect(sentences == [
            "PHQ-9: IV infusion is the only route shown with evaluable courses, 1 evaluable course, and 1 of them responded (100.0 %).",
            "PHQ-9: IV infusion reaches a median time to relief of 36.0 h (1.5 d) over 1 course.",
        ])
        #expect(!sentences.joined().contains("IM") && !sentences.joined().contains(" 3 ") && !sentences.joined().contains("withheld"))
    }

    @Test func everyRowSuppressed() {
        let rows = [row(.iv, suppressed: true, evaluable: 2), row(.im, .gad7, suppressed: true, evaluable: 4)]
        #expect(AtAGlance.sentences(rows, minCell: 5) == [
            "GAD-7: every route's figures are withheld, because a count is below the minimum cell size of 5.",
            "PHQ-9: every route's figures are withheld, because a count is below the minimum cell size of 5.",
        ])
    }

    @Test func nothingEvaluable() {
        #expect(AtAGlance.sentences([], minCell: 0) == ["No treatment course in this period has scores to report, so there are no figures yet."])
        // Courses, but no endpoint yet and nobody in the time-to-relief analysis: no median sentence.
        #expect(AtAGlance.sentences([row(.iv, evaluable: 0), row(.oral, evaluable: 0)], minCell: 0)
            == ["PHQ-9: no course of the routes shown has an evaluable endpoint yet."])
        #expect(AtAGlance.sentences([row(.oral, evaluable: 0, relief: 2)], minCell: 0) == [
            "PHQ-9: no PO oral course has an evaluable endpoint yet.",
            "PHQ-9: PO oral does not reach a median time to relief: fewer than half of its 2 courses in the analysis were relieved.",
        ])
    }

    @Test func theTableShowsNoFigureOfASuppressedRow() {
        let blocks = AtAGlance.blocks([row(.iv, suppressed: true, evaluable: 3, responders: 2, relief: 3, median: 3600),
                                       row(.im, evaluable: 6, responders: 3, relief: 6, median: 48 * 3600)], smallCells: SmallCells(minCell: 5))
        let md = MarkdownRenderer.render(blocks)
        #expect(md.contains("| PHQ-9 | IV infusion | — | — | — | — |\n"))
        // IM: 3/6 = 50.0 %, Wilson 18.8–81.2 %; remitters 0 / 6; median 48.0 h (2.0 d) over 6 courses.
        #expect(md.contains("| PHQ-9 | IM injection | 6 | 3 / 6 (50.0 %; 18.8–81.2 %) | 0 / 6 (0.0 %) | 48.0 h (2.0 d), n 6 |\n"))
    }
}
