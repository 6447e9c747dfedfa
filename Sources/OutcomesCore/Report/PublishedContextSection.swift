/// The clinic's reliable change and recovery figures (analysis.md §13) for one instrument × route,
/// with what small-cell suppression withholds. The caller computes the rates and decides what is
/// suppressed (analysis.md §10); this only shows them.
public struct RecoveryContextRow: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    /// Evaluable courses (analysis.md §7): the denominator of reliable improvement.
    public var evaluable: Int
    /// Reliable improvement among the evaluable courses.
    public var improvement: Rate
    /// Evaluable courses at caseness at baseline: the denominator of recovery and reliable recovery.
    public var atCaseness: Int
    /// Recovered among the courses at caseness.
    public var recovery: Rate
    /// Reliably recovered among the courses at caseness.
    public var reliableRecovery: Rate
    /// Each figure withheld by small-cell suppression.
    public var improvementSuppressed: Bool
    public var recoverySuppressed: Bool
    public var reliableRecoverySuppressed: Bool

    public init(instrument: Instrument, route: Route, evaluable: Int, improvement: Rate, atCaseness: Int, recovery: Rate,
                reliableRecovery: Rate, improvementSuppressed: Bool = false, recoverySuppressed: Bool = false,
                reliableRecoverySuppressed: Bool = false) {
        self.instrument = instrument
        self.route = route
        self.evaluable = evaluable
        self.improvement = improvement
        self.atCaseness = atCaseness
        self.recovery = recovery
        self.reliableRecovery = reliableRecovery
        self.improvementSuppressed = improvementSuppressed
        self.recoverySuppressed = recoverySuppressed
        self.reliableRecoverySuppressed = reliableRecoverySuppressed
    }
}

/// The report.md sections that put published figures beside the clinic's: context from other
/// populations and studies, never a comparison (docs/published-figures.md).
public enum PublishedContextSection {
    static let responseLead = "These are figures from other populations and studies, shown for context only: they are not a comparison "
        + "with this clinic, because the scales, the definitions of response and remission, the denominators and the patients differ."

    static let recoveryLead = "These are figures from another population and another kind of treatment (psychological therapy in NHS "
        + "Talking Therapies, England), shown for context only: they are not a comparison with this clinic, because the measures, "
        + "the denominators and the patients differ."

    /// Per instrument × route of `summaries`: the clinic's responder and remission rates, then
    /// the published ketamine figures for that route.
    public static func responseContext(_ summaries: [RouteSummary], smallCells: SmallCells) -> String {
        MarkdownRenderer.render(responseContextBlocks(summaries, smallCells: smallCells))
    }

    static func responseContextBlocks(_ summaries: [RouteSummary], smallCells: SmallCells) -> [ReportBlock] {
        var doc = ReportWriter(smallCells: smallCells)
        doc.heading(2, "Published ketamine figures, for context")
        doc.paragraph(responseLead)
        let sorted = summaries.sorted { ($0.instrument, $0.route) < ($1.instrument, $1.route) }
        for r in sorted {
            doc.paragraph(.strong("\(r.instrument.displayName) · \(doc.route(r.route))"))
            var rows = [["this clinic, this period", "\(doc.count(r.evaluable, r.suppressed)) evaluable", r.instrument.displayName,
                         doc.rate(r.responderRate, r.suppressed), doc.rate(r.remissionRate, r.suppressed),
                         "as defined under Response and remission at endpoint"]]
            for figure in PublishedFigures.figures(for: r.route, instrument: r.instrument) {
                rows.append(["\(figure.citation): \(figure.setting)", figure.n, figure.scale, figure.response ?? "n/a", figure.remission ?? "n/a",
                             notes(figure)])
            }
            doc.table(["source", "n", "scale", "responders", "remitters", "definition and notes"], rows)
            if rows.count == 1 {
                doc.paragraph("No published responder or remission rate for this route is in the project's table (docs/published-figures.md).")
            }
        }
        return doc.blocks
    }

    static func notes(_ figure: PublishedFigure) -> String {
        var parts = [figure.definition]
        if !figure.note.isEmpty { parts.append(figure.note) }
        if figure.unverified { parts.append("[unverified]: the figures are not confirmed against the publication") }
        return parts.joined(separator: "; ")
    }

    /// The clinic's reliable improvement, recovery and reliable recovery (analysis.md §13) beside
    /// the NHS Talking Therapies national rates, for PHQ-9 and GAD-7 only (HAM-A has no national
    /// standard). A suppressed figure shows `—`, and so does the count it is a rate of.
    public static func recoveryContext(_ rows: [RecoveryContextRow]) -> String {
        recoveryContext(rows, national: PublishedFigures.talkingTherapies)
    }

    static func recoveryContext(_ rows: [RecoveryContextRow], national: NationalTalkingTherapiesRates) -> String {
        MarkdownRenderer.render(recoveryContextBlocks(rows, national: national))
    }

    static func recoveryContextBlocks(_ rows: [RecoveryContextRow], national: NationalTalkingTherapiesRates) -> [ReportBlock] {
        var doc = ReportWriter(smallCells: SmallCells(minCell: 0))
        doc.heading(2, "Reliable improvement and recovery, with NHS Talking Therapies for context")
        doc.paragraph(recoveryLead)
        let sorted = rows.sorted { ($0.instrument, $0.route) < ($1.instrument, $1.route) }
        for instrument in Array(Set(sorted.map(\.instrument))).sorted() {
            doc.paragraph(.strong(instrument.displayName))
            var table = sorted.filter { $0.instrument == instrument }.map { r in
                [doc.route(r.route), r.improvementSuppressed ? "—" : String(r.evaluable), figure(r.improvement, r.improvementSuppressed, doc),
                 r.recoverySuppressed || r.reliableRecoverySuppressed ? "—" : String(r.atCaseness),
                 figure(r.recovery, r.recoverySuppressed, doc), figure(r.reliableRecovery, r.reliableRecoverySuppressed, doc)]
            }
            let hasNational = instrument == .phq9 || instrument == .gad7
            if hasNational {
                table.append(["NHS Talking Therapies, England", "—", nationalFigure(national.reliableImprovement), "—",
                              nationalFigure(national.recovery), nationalFigure(national.reliableRecovery)])
            }
            doc.table(["", "evaluable", "reliable improvement", "at caseness", "recovery", "reliable recovery"], table, right: 1...5)
            if hasNational {
                var note = "NHS Talking Therapies counts referrals that finished a course of treatment (ended after at least two "
                    + "attended treatment appointments), and a referral is at caseness on its depression or its anxiety score: its "
                    + "rates are of the two measures together, not of \(instrument.displayName) alone, after psychological therapy."
                for rate in national.rates {
                    guard let finished = rate.finishedCourse else { continue }
                    note += " In \(rate.period), \(finished) referrals finished a course of treatment"
                        + (rate.denominator.map { ", \($0) of them having started at caseness." } ?? ".")
                }
                doc.paragraph(note + " " + national.notFound + ".")
            } else {
                doc.paragraph("\(instrument.displayName) has no national standard: its reliable change and caseness are this project's "
                    + "defaults, and no national figure is shown.")
            }
        }
        if sorted.contains(where: { $0.instrument == .phq9 || $0.instrument == .gad7 }) {
            for source in sources(national) {
                doc.paragraph("Source: \(source.title), \(source.publisher), \(source.year), \(source.url)")
            }
        }
        return doc.blocks
    }

    static func figure(_ rate: Rate, _ suppressed: Bool, _ doc: ReportWriter) -> String {
        suppressed ? "—" : doc.rate(rate, false)
    }

    /// "48.4 % (26457 / 54672, April 2025)" or "50.2 % (2021-22)" as published, or "not found".
    static func nationalFigure(_ rate: NationalRate?) -> String {
        guard let rate else { return "not found" }
        let counts = both(rate.numerator, rate.denominator).map { "\($0) / \($1), " } ?? ""
        return NumberFormat.fixed(rate.percent, decimals: 1) + " % (\(counts)\(rate.period))"
    }

    static func sources(_ national: NationalTalkingTherapiesRates) -> [PublishedSource] {
        var seen: [PublishedSource] = []
        for rate in national.rates where !seen.contains(rate.source) { seen.append(rate.source) }
        return seen
    }
}

/// Both values, or nil.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
