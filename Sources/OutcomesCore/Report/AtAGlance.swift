/// The headline figures of one instrument × route for "At a glance": what a reader needs
/// first, each with the n it rests on. Taken from the route's summary (analysis.md §7–§8).
public struct GlanceFigures: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    /// Small-cell suppression withholds every figure of the row.
    public var suppressed: Bool
    public var evaluable: Int
    public var responders: Int
    public var remitters: Int
    /// Courses in the time-to-relief analysis: the n of the median.
    public var reliefCourses: Int
    /// Median time to relief in seconds; nil when not reached.
    public var median: Int64?

    public init(instrument: Instrument, route: Route, suppressed: Bool = false, evaluable: Int, responders: Int, remitters: Int,
                reliefCourses: Int, median: Int64?) {
        self.instrument = instrument
        self.route = route
        self.suppressed = suppressed
        self.evaluable = evaluable
        self.responders = responders
        self.remitters = remitters
        self.reliefCourses = reliefCourses
        self.median = median
    }

    public init(_ r: RouteSummary) {
        self.init(instrument: r.instrument, route: r.route, suppressed: r.suppressed, evaluable: r.evaluable,
                  responders: r.responderRate.numerator, remitters: r.remissionRate.numerator, reliefCourses: r.kmCourses, median: r.median)
    }

    var responderRate: Rate { Rate(responders, of: evaluable) }
    var remissionRate: Rate { Rate(remitters, of: evaluable) }
}

/// "At a glance", the top of report.md and report.html: one table of the headline figures per
/// instrument and route, and plain sentences read off those numbers. A suppressed row shows
/// none of its counts or rates, and the sentences use only the rows shown: they never count
/// the withheld rows, never rank one route above another, and say something true when nothing
/// is evaluable.
public enum AtAGlance {
    static func blocks(_ rows: [GlanceFigures], smallCells: SmallCells) -> [ReportBlock] {
        var doc = ReportWriter(smallCells: smallCells)
        doc.heading(2, "At a glance")
        let sorted = rows.sorted { ($0.instrument, $0.route) < ($1.instrument, $1.route) }
        if !sorted.isEmpty {
            doc.table(["instrument", "route", "evaluable", "responders (95 % CI)", "remitters", "median time to relief (n)"],
                      sorted.map { r in
                          guard !r.suppressed else { return [r.instrument.displayName, doc.route(r.route), "—", "—", "—", "—"] }
                          return [r.instrument.displayName, doc.route(r.route), String(r.evaluable), doc.rate(r.responderRate, false),
                                  remitters(r, doc), median(r)]
                      }, right: 2...5)
        }
        doc.list(sentences(sorted, minCell: smallCells.minCell).map { InlineText($0) })
        return doc.blocks
    }

    /// "5 / 12 (41.7 %)": remitters among the evaluable, without an interval (the tables below have it).
    static func remitters(_ r: GlanceFigures, _ doc: ReportWriter) -> String {
        guard let value = r.remissionRate.value else { return "0 / 0" }
        return "\(r.remitters) / \(r.evaluable) (\(doc.percent(value)))"
    }

    /// "71.8 h (3.0 d), n 12" or "not reached, n 12"; "—" without a course in the analysis.
    static func median(_ r: GlanceFigures) -> String {
        guard r.reliefCourses > 0 else { return "—" }
        guard let median = r.median else { return "not reached, n \(r.reliefCourses)" }
        let hours = Double(median) / 3600
        return NumberFormat.fixed(hours, decimals: 1) + " h (" + NumberFormat.fixed(hours / 24, decimals: 1) + " d), n \(r.reliefCourses)"
    }

    /// The plain sentences, per instrument in the report's order.
    public static func sentences(_ rows: [GlanceFigures], minCell: Int) -> [String] {
        guard !rows.isEmpty else { return ["No treatment course in this period has scores to report, so there are no figures yet."] }
        var out: [String] = []
        for instrument in Array(Set(rows.map(\.instrument))).sorted() {
            let all = rows.filter { $0.instrument == instrument }.sorted { $0.route < $1.route }
            let name = instrument.displayName
            let shown = all.filter { !$0.suppressed }
            guard !shown.isEmpty else {
                out.append("\(name): every route's figures are withheld, because a count is below the minimum cell size of \(minCell).")
                continue
            }
            out.append(responseSentence(name, shown))
            if let relief = reliefSentence(name, shown) { out.append(relief) }
        }
        return out
    }

    /// Which shown route has the most evaluable courses, and how many of them responded.
    static func responseSentence(_ name: String, _ shown: [GlanceFigures]) -> String {
        let most = shown.map(\.evaluable).max() ?? 0
        guard most > 0 else {
            return shown.count == 1
                ? "\(name): no \(label(shown[0])) course has an evaluable endpoint yet."
                : "\(name): no course of the routes shown has an evaluable endpoint yet."
        }
        let top = shown.filter { $0.evaluable == most }
        let withEvaluable = shown.filter { $0.evaluable > 0 }
        if withEvaluable.count == 1 {
            let r = top[0]
            return "\(name): \(label(r)) is the only route shown with evaluable courses, \(plural(most, "evaluable course")), "
                + "and \(responded(r))."
        }
        if top.count == 1 {
            return "\(name): \(label(top[0])) has the most evaluable courses (\(most)), and \(responded(top[0]))."
        }
        return "\(name): \(list(top.map(label))) have the most evaluable courses, \(most) each; "
            + "\(list(top.map { "\($0.responders) of the \(label($0)) courses (\(percent($0.responderRate)))" })) responded."
    }

    /// How many of the shown routes with courses in the analysis reach a median time to relief.
    static func reliefSentence(_ name: String, _ shown: [GlanceFigures]) -> String? {
        let analysed = shown.filter { $0.reliefCourses > 0 }
        guard !analysed.isEmpty else { return nil }
        let reached = analysed.filter { $0.median != nil }
        if analysed.count == 1 {
            let r = analysed[0]
            return reached.isEmpty
                ? "\(name): \(label(r)) does not reach a median time to relief: fewer than half of its \(plural(r.reliefCourses, "course")) in the analysis were relieved."
                : "\(name): \(label(r)) reaches a median time to relief of \(median(r).replacingOccurrences(of: ", n ", with: " over ")) "
                    + "\(r.reliefCourses == 1 ? "course" : "courses")."
        }
        let routes = "\(analysed.count) routes shown with courses in the analysis"
        switch reached.count {
        case 0: return "\(name): none of the \(routes) reaches a median time to relief."
        case analysed.count: return "\(name): all \(routes) reach a median time to relief."
        case 1: return "\(name): 1 of the \(routes) reaches a median time to relief (\(label(reached[0])))."
        default: return "\(name): \(reached.count) of the \(routes) reach a median time to relief (\(list(reached.map(label))))."
        }
    }

    static func responded(_ r: GlanceFigures) -> String {
        "\(r.responders) of them responded (\(percent(r.responderRate)))"
    }

    static func label(_ r: GlanceFigures) -> String { ReportCharts.label(r.route) }

    static func percent(_ rate: Rate) -> String { rate.value.map { NumberFormat.fixed($0 * 100, decimals: 1) + " %" } ?? "—" }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// "IV", "IV and IM", "IV, IM and oral".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
