/// report.md's sections of analysis.md version 2: per instrument, sessions to relief (§11), how
/// long relief lasts (§12) and reliable change (§13); then safety (§14, and §13's deterioration
/// at any time) and boosters (§15) per route. Small cells per group of figures, as in the CSVs.
extension MarkdownReport {
    static func afterRelief(_ instrument: Instrument, _ report: OutcomeReport, charts: [String], _ doc: inout ReportWriter) {
        let rows = report.afterRelief.filter { $0.instrument == instrument }
        let p = report.inputs.parameters
        let key = instrument.rawValue.lowercased()
        doc.heading(3, "Sessions to relief")
        doc.table(["route", "courses in analysis", "relieved", "median sessions to relief", "95 % CI (sessions)"], rows.map { r in
            let group = r.sessionsGroup
            return [doc.route(r.route), doc.count(r.kmCourses, true), doc.count(r.reliefCourses, true),
                    sessionsMedian(r.medianSessions, group: group, courses: r.kmCourses),
                    interval(r.medianSessionsInterval, group: group, courses: r.kmCourses) { String($0) }]
        }, right: 1...4)
        doc.paragraph("The session count is how many sessions of the course had started before the relief score; a course never relieved "
            + "counts as followed up to the sessions before its last score (Kaplan–Meier on the session count).")
        chart("sessions_to_relief_\(key).svg", "\(instrument.displayName): sessions to relief by route", charts, &doc)
        doc.heading(3, "How long relief lasts")
        doc.table(["route", "relieved", "no later score", "followed after relief", "lost relief", "median time held (95 % CI)",
                  "held at 4 weeks", "held at 12 weeks"], rows.map { r in
            let group = r.durationGroup
            let median = group.suppressed || r.durationCourses == 0 ? "—"
                : (r.medianHeld.map { days($0) } ?? "not reached") + " ("
                    + interval(r.medianHeldInterval, group: group, courses: r.durationCourses, days) + ")"
            return [doc.route(r.route), doc.count(r.reliefCourses, true), group.suppressed ? "—" : String(r.reliefUnobserved),
                    doc.count(r.durationCourses, true), doc.count(r.losses, true), median,
                    doc.share(r.heldAt?[0], group.suppressed), doc.share(r.heldAt?[1], group.suppressed)]
        }, right: 1...7)
        doc.paragraph("From the relief score, the course's later scores up to day \(ReportWriter.number(p.durabilityDays)) after its first "
            + "session: relief is lost at the first below \(ReportWriter.number(p.lossThreshold)) % reduction from baseline. "
            + "Courses still holding relief count as followed up to their last score; courses with no score after relief are "
            + "left out and counted.")
        chart("relief_duration_\(key).svg", "\(instrument.displayName): loss of relief after relief, by route", charts, &doc)
        reliableChange(instrument, report, &doc)
    }

    static func reliableChange(_ instrument: Instrument, _ report: OutcomeReport, _ doc: inout ReportWriter) {
        let p = report.inputs.parameters
        let rows = report.reliableChange.filter { $0.instrument == instrument }
        doc.heading(3, "Reliable change and recovery (at endpoint)")
        doc.table(["route", "evaluable", "reliable improvement", "reliable deterioration", "at caseness", "recovered", "reliably recovered"],
                 rows.map { r in
                     [doc.route(r.route), doc.count(r.evaluable, true), doc.rate(r.improvement, r.improvementGroup.suppressed),
                      doc.rate(r.deterioration, r.deteriorationGroup.suppressed), doc.count(r.atCaseness, true),
                      doc.rate(r.recovery, r.recoveryGroup.suppressed), doc.rate(r.reliableRecovery, r.reliableRecoveryGroup.suppressed)]
                 }, right: 1...6)
        doc.paragraph("Reliable change: at least \(p.reliableChange(instrument)) points between baseline and endpoint. At caseness: a baseline "
            + "of \(p.caseness(instrument)) or more; recovered: at caseness and an endpoint below \(p.caseness(instrument)); reliably "
            + "recovered: recovered with a reliable improvement. Recovery rates are over the courses at caseness.")
    }

    static func safety(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        doc.heading(2, "Safety")
        doc.heading(3, "PHQ-9 item 9 (thoughts of death or self-harm)")
        doc.paragraph("Counted only where the score came item by item and item 9 was answered. A positive answer (1 or more) needs a "
            + "clinician's attention at the time; this table is for oversight, not for finding patients.")
        doc.table(["route", "courses", "positive at baseline", "emergent during follow-up (of baseline 0)", "resolved at endpoint (of baseline positive)"],
                 report.safety.map { r in
                     [doc.route(r.route), doc.count(r.courses, true), doc.rate(r.baselinePositive, r.baselineGroup.suppressed),
                      doc.rate(r.emergent, r.emergentGroup.suppressed), doc.rate(r.resolved, r.resolvedGroup.suppressed)]
                 }, right: 1...4)
        doc.heading(3, "Deterioration at any time")
        doc.paragraph("Courses with a baseline and at least one follow-up score, with any follow-up score worse than baseline by the "
            + "reliable change or more (" + Instrument.allCases.sorted().map { "\($0.displayName) \(report.inputs.parameters.reliableChange($0))" }
                .joined(separator: ", ") + " points).")
        doc.table(["instrument", "route", "followed up", "deteriorated (95 % CI)"], report.reliableChange.map { r in
            [r.instrument.displayName, doc.route(r.route), doc.count(r.followedUp, true), doc.rate(r.deterioratedAny, r.anyDeteriorationGroup.suppressed)]
        }, right: 2...3)
    }

    static func boosters(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        let p = report.inputs.parameters
        doc.heading(2, "Boosters")
        doc.paragraph("Induction: the sessions up to day \(ReportWriter.number(p.inductionDays)) after a course's first session; boosters: "
            + "the course's later sessions, of any route.")
        doc.table(["route", "courses", "median induction sessions", "with a booster (95 % CI)", "median days to first booster",
                  "median days between boosters"], report.boosters.map { r in
            let hide = r.group.suppressed
            func shown(_ value: Double?) -> String { hide ? "—" : value.map { NumberFormat.fixed($0, decimals: 1) } ?? "—" }
            return [doc.route(r.route), doc.count(r.courses, true), shown(r.medianInductionSessions),
                    doc.rate(r.withBooster, hide), shown(r.medianDaysToFirstBooster), shown(r.medianDaysBetweenBoosters)]
        }, right: 1...5)
    }

    /// Published ketamine figures beside the clinic's response and remission, and the NHS Talking
    /// Therapies national rates beside §13's: context from other populations, not a comparison.
    static func publishedContext(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        doc.blocks += PublishedContextSection.responseContextBlocks(report.summaries, smallCells: report.inputs.smallCells)
        doc.blocks += PublishedContextSection.recoveryContextBlocks(report.reliableChange.map { r in
            RecoveryContextRow(instrument: r.instrument, route: r.route, evaluable: r.evaluable, improvement: r.improvement,
                               atCaseness: r.atCaseness, recovery: r.recovery, reliableRecovery: r.reliableRecovery,
                               improvementSuppressed: r.improvementGroup.suppressed, recoverySuppressed: r.recoveryGroup.suppressed,
                               reliableRecoverySuppressed: r.reliableRecoveryGroup.suppressed)
        }, national: PublishedFigures.talkingTherapies)
    }

    static func chart(_ file: String, _ alt: String, _ charts: [String], _ doc: inout ReportWriter) {
        guard charts.contains(file) else { return }
        doc.figure(file, alt: alt)
    }

    static func sessionsMedian(_ value: Int64?, group: FigureGroup, courses: Int) -> String {
        guard !group.suppressed, courses > 0 else { return "—" }
        return value.map(String.init) ?? "not reached"
    }

    static func interval(_ interval: (low: Int64?, high: Int64?), group: FigureGroup, courses: Int, _ show: (Int64) -> String) -> String {
        guard !group.suppressed, courses > 0 else { return "—" }
        return (interval.low.map(show) ?? "not reached") + " – " + (interval.high.map(show) ?? "not reached")
    }

    /// "12.5 d": relief lasts days to weeks.
    static func days(_ seconds: Int64) -> String { NumberFormat.fixed(Double(seconds) / 86_400, decimals: 1) + " d" }
}
