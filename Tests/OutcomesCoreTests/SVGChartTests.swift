import Testing
@testable import OutcomesCore

/// The honest-chart rules on small hand-made charts, asserted in the SVG text.
///
/// Geometry of every chart: plot from x 72 to 670 (598 px) and y 62 to 396 (334 px). With an
/// x range 0…5 and a y range 0…100: x 0.5 → 131.8, 1.5 → 251.4, 2.5 → 371.0, 3.5 → 490.6,
/// 4.5 → 610.2; y 50 → 229.0, 60 → 195.6, 70 → 162.2, 80 → 128.8.
@Suite struct SVGChartTests {
    func chart(_ points: [SVGChart.Point], minCourses: Int = 5) -> SVGChart {
        SVGChart(title: "t", subtitle: "s", x: SVGChart.Axis(label: "x", range: 0...5, ticks: []),
                 y: SVGChart.Axis(label: "y", range: 0...100, ticks: []), style: .markers,
                 series: [SVGChart.Series(name: "IV infusion", color: "#0072B2", marker: 0, points: points)],
                 minCourses: minCourses)
    }

    func point(_ slot: Int, _ y: Double, courses: Int, low: Double? = nil, high: Double? = nil) -> SVGChart.Point {
        SVGChart.Point(x: Double(slot) + 0.5, y: y, low: low, high: high, courses: courses, slot: slot)
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func lineBreaksAcrossAnEmptySlot() {
        // Slots 0, 1, (2 empty), 3, 4: two separate polylines, none over slot 2.
        let svg = chart([point(0, 50, courses: 20), point(1, 60, courses: 20), point(3, 70, courses: 20), point(4, 80, courses: 20)]).svg
        #expect(count("<polyline", in: svg) == 2)
        #expect(svg.contains("<polyline points=\"131.8,229.0 251.4,195.6\" fill=\"none\" stroke-width=\"2\"/>"))
        #expect(svg.contains("<polyline points=\"490.6,162.2 610.2,128.8\" fill=\"none\" stroke-width=\"2\"/>"))
    }

    @Test func pointUnderTheThresholdIsHollowAndUnjoined() {
        // Slot 1 rests on 2 courses (< 5): hollow (fill none), labelled n=2, no segment to or from it;
        // slots 0 and 2 are solid but not neighbours, so no line at all.
        let svg = chart([point(0, 50, courses: 20), point(1, 60, courses: 2), point(2, 50, courses: 20)]).svg
        #expect(count("<polyline", in: svg) == 0)
        // Radius: 9 × √(2/20) = 2.8, raised to the readable 3.5; the largest n gets 9.
        #expect(svg.contains("<circle cx=\"251.4\" cy=\"195.6\" r=\"3.5\" fill=\"none\" stroke-width=\"1.5\"/>"))
        #expect(svg.contains("<circle cx=\"131.8\" cy=\"229.0\" r=\"9.0\"/>"))
        #expect(svg.contains(">n=2</text>"))
        #expect(svg.contains(">fewer than 5 courses: hollow,</text>"))     // the legend's key, in lines of 30 characters
        #expect(svg.contains(">pale whiskers, not joined</text>"))

        // With a solid neighbour in slot 1 the line joins slots 0–1 and stops before the hollow slot 2.
        let partial = chart([point(0, 50, courses: 20), point(1, 60, courses: 20), point(2, 70, courses: 1)]).svg
        #expect(count("<polyline", in: partial) == 1)
        #expect(partial.contains("<polyline points=\"131.8,229.0 251.4,195.6\" fill=\"none\" stroke-width=\"2\"/>"))
        #expect(partial.contains("<circle cx=\"371.0\" cy=\"162.2\" r=\"3.5\" fill=\"none\" stroke-width=\"1.5\"/>"))

        // chart_min_courses 1: nothing is hollow, the three neighbours are joined.
        let all = chart([point(0, 50, courses: 20), point(1, 60, courses: 2), point(2, 50, courses: 20)], minCourses: 1).svg
        #expect(all.contains("<polyline points=\"131.8,229.0 251.4,195.6 371.0,229.0\""))
        #expect(!all.contains("fill=\"none\" stroke-width=\"1.5\""))
    }

    @Test func markerAreaGrowsWithCourses() {
        // Area ∝ n against the chart's largest (80 → radius 9): 20 courses → 9 × √(1/4) = 4.5.
        let svg = chart([point(0, 50, courses: 80), point(1, 60, courses: 20)]).svg
        #expect(svg.contains("<circle cx=\"131.8\" cy=\"229.0\" r=\"9.0\"/>"))
        #expect(svg.contains("<circle cx=\"251.4\" cy=\"195.6\" r=\"4.5\"/>"))
        // The key: the largest n and a round quarter of it.
        #expect(svg.contains("marker area: courses (n)"))
        #expect(svg.contains(">n=20</text>") && svg.contains(">n=80</text>"))
    }

    @Test func cutWhiskerEndsInAnArrowAtTheEdge() {
        // 50 with CI −20…130 on a 0…100 axis: both ends cut, arrow tips on the edges (y 62 and 396).
        let svg = chart([point(0, 50, courses: 20, low: -20, high: 130), point(1, 60, courses: 20, low: 50, high: 70)]).svg
        #expect(svg.contains("<polygon points=\"127.8,69.0 135.8,69.0 131.8,62.0\" stroke=\"none\"/>"))
        #expect(svg.contains("<polygon points=\"127.8,389.0 135.8,389.0 131.8,396.0\" stroke=\"none\"/>"))
        #expect(!svg.contains("<line x1=\"128.8\" y1=\"62.0\""))
        #expect(!svg.contains("<line x1=\"128.8\" y1=\"396.0\""))
        // The whisker inside the plot keeps its flat caps (at 70 → 162.2 and 50 → 229.0).
        #expect(svg.contains("<line x1=\"248.4\" y1=\"162.2\" x2=\"254.4\" y2=\"162.2\" stroke-width=\"1.2\"/>"))
        #expect(svg.contains("<line x1=\"248.4\" y1=\"229.0\" x2=\"254.4\" y2=\"229.0\" stroke-width=\"1.2\"/>"))
        #expect(count("<polygon", in: svg) == 2)
    }

    // MARK: through ReportCharts, on a report built from curve groups

    func report(_ groups: [(Route, Int, Int)], minCell: Int, chartMinCourses: Int = 5) -> OutcomeReport {
        let curveGroups = groups.map { route, session, courses in
            CurveGroup(key: CurvePointKey(instrument: .gad7, route: route, kind: .session, point: session),
                       values: (0..<courses).map { Double(40 + $0 % 3 * 10) }, responding: 0)
        }
        return OutcomeReport(ReportInputs(
            pipelineName: "t", runTime: 0, timezone: "UTC", period: ResolvedPeriod(name: "all", days: nil, quarter: nil),
            parameters: AnalysisParameters(), smallCells: SmallCells(minCell: minCell), instrumentsWithScores: [.gad7],
            facts: [], curveGroups: curveGroups, dataQuality: DataQualitySummary(), files: [], chartMinCourses: chartMinCourses))
    }

    @Test func sessionCurveBreaksAtAMissingSessionAndHollowsSmallPoints() {
        // IV at sessions 1, 2, 4 (no course at 3) on 20 courses; IM at session 1 on 2 courses.
        let svg = ReportCharts.sessionCurve(report([(.iv, 1, 20), (.iv, 2, 20), (.iv, 4, 20), (.im, 1, 2)], minCell: 0), .gad7).svg
        #expect(count("<polyline", in: svg) == 1)               // IV 1–2 only; IV 4 and IM 1 stand alone
        #expect(count("fill=\"none\" stroke-width=\"1.5\"/>", in: svg) == 1)   // the IM square
        #expect(svg.contains("<rect x=\"") && svg.contains("fill=\"none\" stroke=\"#777777\" stroke-width=\"1.5\"/>"))   // and the legend's hollow key
        #expect(svg.contains(">n=2</text>"))
    }

    @Test func allRowsSuppressedSaysSoInWords() {
        let svg = ReportCharts.sessionCurve(report([(.iv, 1, 4), (.im, 1, 3)], minCell: 11), .gad7).svg
        #expect(svg.contains(">All routes have fewer than 11 courses here; their points are withheld</text>"))
        #expect(svg.contains(">(minimum cell size 11).</text>"))
        #expect(!svg.contains("no data to show"))
        #expect(!svg.contains("<polyline"))
        // No data at all is still "no data to show".
        #expect(ReportCharts.sessionCurve(report([], minCell: 11), .gad7).svg.contains(">no data to show</text>"))
    }

    @Test func someRoutesSuppressedAreNamedInANote() {
        // IV: 2 of 3 sessions under 11 courses; IM: all of them.
        let svg = ReportCharts.sessionCurve(report([(.iv, 1, 20), (.iv, 2, 4), (.iv, 3, 4), (.im, 1, 3)], minCell: 11), .gad7).svg
        #expect(svg.contains(">Under 11 courses, withheld:</text>"))
        #expect(svg.contains(">IV infusion: 2 of 3 sessions</text>"))
        #expect(svg.contains(">IM injection: all points</text>"))
    }

    @Test func kaplanMeierChartsSayWhichRoutesAreWithheld() {
        let none = ReportCharts.withheldCurves([.im, .iv], shown: 0, minCell: 5)
        #expect(none.message == "All routes have a count below 5 here (courses or events); their curves are withheld (minimum cell size 5).")
        let some = ReportCharts.withheldCurves([.sublingual, .im], shown: 2, minCell: 5)
        #expect(some.notes == ["A count under 5, withheld:\nIM injection\nSL troche"])
        #expect(ReportCharts.withheldCurves([], shown: 2, minCell: 5).notes.isEmpty)
        // In the SVG, a note's lines are separate text elements under the legend.
        let svg = SVGChart(title: "t", subtitle: "s", x: SVGChart.Axis(label: "x", range: 1...10, ticks: []),
                           y: SVGChart.Axis(label: "y", range: 0...1, ticks: []), style: .steps, series: [], emptyMessage: none.message).svg
        #expect(svg.contains(">All routes have a count below 5 here (courses or events); their curves</text>"))
        #expect(svg.contains(">are withheld (minimum cell size 5).</text>"))
    }
}
