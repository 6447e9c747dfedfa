/// Published figures shown beside the clinic's in report.md, as context from other populations
/// and studies, never as a comparison (docs/published-figures.md says why and how to update).
///
/// Every text here is quoted as the project's domain reference gives it: figures keep their
/// qualifiers ("about 50%", "vs 38.9%", "wk 8: …"), so they are text, not numbers, and the
/// pipeline never computes with them. Nothing is added that the reference does not say; where
/// the reference flags a figure "[unverified]", `unverified` is true and the report says so.
/// The texts must not contain `|` or a line break (they go into Markdown table cells as they are).
public struct PublishedFigure: Equatable, Sendable {
    /// The route of analysis.md §2 the study's ketamine was given by.
    public var route: Route
    /// The study as the reference names it, with its citation ("McInnes et al. 2022, J Affect Disord 301:486").
    public var citation: String
    /// Who was treated, and how ("IV racemic, community (Osmind, 178 practices)").
    public var setting: String
    /// The study size, as the reference gives it (some are not a single count).
    public var n: String
    /// The rating scale(s) of the figures, as the reference gives them.
    public var scale: String
    /// The clinic's instruments among `scale` (empty when the study used none of them).
    public var instruments: Set<Instrument>
    /// How response and remission were defined, from the reference.
    public var definition: String
    /// The response figure as published, nil when the reference gives none ("n/a").
    public var response: String?
    /// The remission figure as published, nil when the reference gives none ("n/a").
    public var remission: String?
    /// Timing, dosing, comparator or evidence grade, from the reference.
    public var note: String
    /// The reference flags these figures "[unverified]".
    public var unverified: Bool
    /// Where the reference found the figures (empty when it gives no address).
    public var sources: [String]

    public init(route: Route, citation: String, setting: String, n: String, scale: String, instruments: Set<Instrument>,
                definition: String, response: String?, remission: String?, note: String, unverified: Bool = false, sources: [String]) {
        self.route = route
        self.citation = citation
        self.setting = setting
        self.n = n
        self.scale = scale
        self.instruments = instruments
        self.definition = definition
        self.response = response
        self.remission = remission
        self.note = note
        self.unverified = unverified
        self.sources = sources
    }
}

/// A publication: title, publisher, year and address.
public struct PublishedSource: Equatable, Sendable {
    public var title: String
    public var publisher: String
    public var year: String
    public var url: String

    public init(title: String, publisher: String, year: String, url: String) {
        self.title = title
        self.publisher = publisher
        self.year = year
        self.url = url
    }
}

/// One national NHS Talking Therapies rate, as published: the percent, and its counts when the
/// publication gives them.
public struct NationalRate: Equatable, Sendable {
    /// The percent as the publication prints it (one decimal).
    public var percent: Double
    public var numerator: Int?
    public var denominator: Int?
    /// The period the rate covers ("April 2025", "2021-22").
    public var period: String
    /// Referrals that finished a course of treatment in the period, when the publication gives it.
    public var finishedCourse: Int?
    public var source: PublishedSource

    public init(percent: Double, numerator: Int? = nil, of denominator: Int? = nil, period: String, finishedCourse: Int? = nil,
                source: PublishedSource) {
        self.percent = percent
        self.numerator = numerator
        self.denominator = denominator
        self.period = period
        self.finishedCourse = finishedCourse
        self.source = source
    }
}

/// The NHS Talking Therapies for anxiety and depression national rates (England) shown beside the
/// clinic's §13 figures. A rate that could not be found in a primary publication is nil, and the
/// report says "not found"; no figure is filled in from memory or from secondary write-ups.
public struct NationalTalkingTherapiesRates: Equatable, Sendable {
    public var reliableImprovement: NationalRate?
    public var recovery: NationalRate?
    public var reliableRecovery: NationalRate?
    /// What was looked for and not found, said in the report under the table.
    public var notFound: String

    public init(reliableImprovement: NationalRate?, recovery: NationalRate?, reliableRecovery: NationalRate?, notFound: String) {
        self.reliableImprovement = reliableImprovement
        self.recovery = recovery
        self.reliableRecovery = reliableRecovery
        self.notFound = notFound
    }

    public var rates: [NationalRate] { [reliableImprovement, recovery, reliableRecovery].compactMap { $0 } }
}

public enum PublishedFigures {
    /// The NHS England monthly statistics page the one primary national figure was found on
    /// (the address is the one the page was read at: a host mirroring NHS England's digital
    /// publications under the same path).
    public static let talkingTherapiesApril2025 = PublishedSource(
        title: "NHS Talking Therapies Monthly Statistics Including Employment Advisors, Performance April 2025 (Official statistics)",
        publisher: "NHS England",
        year: "2025",
        url: "https://production-like.nhsd.io/data-and-information/publications/statistical/"
            + "nhs-talking-therapies-monthly-statistics-including-employment-advisors/performance-april-2025/introduction")

    /// NHS Digital's statistical press release for the 2021-22 annual report, read as Wired-Gov
    /// republished it (the press release's own page was not found).
    public static let iaptAnnual2021to22 = PublishedSource(
        title: "Psychological Therapies: Annual Report on the use of IAPT services, England 2021-22 (statistical press release, "
            + "30 September 2022, as republished by Wired-Gov)",
        publisher: "NHS Digital",
        year: "2022",
        url: "https://www.wired-gov.net/wg/news.nsf/articles/latest+nhs+digital+figures+show+21.5+rise+in+number+of+people+"
            + "accessing+talking+therapies+statistical+press+release+30092022091500?open")

    /// National rates. The latest annual reports (NHS Talking Therapies, for anxiety and depression,
    /// Annual reports, 2023-24 and 2024-25) were searched for and their headline reliable
    /// improvement, recovery and reliable recovery rates were not found in a primary source. What
    /// was found: the 2021-22 annual recovery rate (NHS Digital) and April 2025's reliable recovery
    /// (NHS England's monthly statistics, one month). Reliable improvement: not found.
    public static let talkingTherapies = NationalTalkingTherapiesRates(
        reliableImprovement: nil,
        recovery: NationalRate(percent: 50.2, period: "2021-22", finishedCourse: 664_087, source: iaptAnnual2021to22),
        reliableRecovery: NationalRate(percent: 48.4, numerator: 26_457, of: 54_672, period: "April 2025", finishedCourse: 57_359,
                                       source: talkingTherapiesApril2025),
        notFound: "The latest annual rates (NHS Talking Therapies, for anxiety and depression, Annual reports 2023-24 and 2024-25) "
            + "were not found in a primary source when this table was made: reliable improvement is not shown, recovery is the "
            + "2021-22 annual rate and reliable recovery is one month's")

    /// The published ketamine figures, in the reference's order within each route: the entries
    /// with a response or remission rate. Left out (no rate: mean or median reductions, effect
    /// sizes, relapse hazard ratios, risk ratios, "not extracted"): docs/published-figures.md.
    public static let ketamine: [PublishedFigure] = [
        // IV
        PublishedFigure(
            route: .iv, citation: "McInnes et al. 2022, J Affect Disord 301:486", setting: "IV racemic, community (Osmind, 178 practices)",
            n: "537 with induction data (of 9,016)", scale: "PHQ-9", instruments: [.phq9],
            definition: "response ≥50% reduction; remission PHQ-9 <5",
            response: "53.6%", remission: "28.9% (PHQ-9 <5)",
            note: "Induction of 4–8 infusions over 7–28 days; assessed 14–31 days post-induction",
            sources: ["https://stanfordhealthcare.org/publications/837/837264.html", "https://pesquisa.bvsalud.org/bolivia/resource/es/mdl-35027209"]),
        PublishedFigure(
            route: .iv, citation: "Hietamies et al. 2023, J Affect Disord 335:484", setting: "IV racemic, 10 community clinics (Osmind)",
            n: "714 induction / 836 maintenance (of 2,758)", scale: "QIDS-SR16, GAD-7", instruments: [.gad7],
            definition: "response ≥50% reduction; remission definition not given in the reference",
            response: "about 50% after 6 infusions (depression and anxiety)", remission: "about 25%",
            note: "20% of patients responded only at infusions 10–12",
            sources: ["https://www.suicideinfo.ca/resource/the-effects-of-ketamine-on-symptoms-of-depression-and-anxiety-in-real-world-care-settings-a-retrospective-controlled-analysis/",
                      "https://www.osmind.org/blog/osmind-announces-publication-of-largest-real-world-study-on-effectiveness-of-ketamine-intravenous-therapy-for-depression-anxiety-and-suicidal-ideation"]),
        PublishedFigure(
            route: .iv, citation: "Oliver et al. 2022, J Clin Psychiatry 83(6):21m14336", setting: "IV racemic, multisite private clinic",
            n: "424 TRD", scale: "PHQ-9, GAD-7", instruments: [.phq9, .gad7],
            definition: "response ≥50% reduction; remission definition not given in the reference; Kaplan–Meier estimates",
            response: "50% within 6 weeks; 72% after 10 infusions", remission: "20% within 6 weeks; 38% after 10 infusions",
            note: "0.5 mg/kg/40 min, 6 infusions within 21 days",
            sources: ["https://www.psychiatrist.com/jcp/clinical-effectiveness-intravenous-racemic-ketamine-treatment-resistant-depression-suicidal-ideation-generalized-anxiety-symptoms/"]),
        PublishedFigure(
            route: .iv, citation: "ELEKT-D, Anand et al. 2023 NEJM", setting: "IV racemic vs ECT (RCT)",
            n: "403", scale: "QIDS-SR16 (MADRS secondary)", instruments: [],
            definition: "response ≥50% reduction",
            response: "55.4% vs ECT 41.2% (MADRS: 50.8% vs 41.1%)", remission: nil,
            note: "0.5 mg/kg twice weekly × 3 weeks (6 infusions)",
            sources: ["https://moreblossom.com/papers/ketamine-versus-ect-for-nonpsychotic-treatment-resistant-major-depression",
                      "http://eobjstudio.com/meetingcoverage/apa/104691"]),
        PublishedFigure(
            route: .iv, citation: "Gutierrez et al. (5-year series); journal not given in the reference", setting: "IV, academic public clinic",
            n: "71", scale: "clinical scales", instruments: [],
            definition: "response ≥50% reduction (the reference's default; scale not named)",
            response: "54.9%", remission: nil,
            note: "11% dropout",
            sources: ["https://www.moreblossom.com/papers/iv-low-dose-ketamine-infusions-for-treatment-resistant-depression-results-from-a"]),
        PublishedFigure(
            route: .iv, citation: "Taylor et al. 2018, Neuropsychopharmacology", setting: "IV, social anxiety (RCT crossover)",
            n: "18", scale: "LSAS (response >35%)", instruments: [],
            definition: "response >35% LSAS reduction",
            response: "33.3% vs 0% placebo", remission: nil,
            note: "Single 0.5 mg/kg infusion",
            sources: ["https://pmc.ncbi.nlm.nih.gov/articles/PMC5729569"]),
        // IN (esketamine)
        PublishedFigure(
            route: .intranasal, citation: "TRANSFORM-2, Popova 2019", setting: "Intranasal esketamine (Spravato)",
            n: "223", scale: "MADRS (remission ≤12)", instruments: [],
            definition: "response ≥50% reduction; remission MADRS ≤12; vs the trial's comparator arm",
            response: "69.3% vs 52.0%", remission: "52.5% vs 31.0%",
            note: "Day 28, twice weekly, flexible 56/84 mg",
            sources: ["https://pmc.ncbi.nlm.nih.gov/articles/PMC7894501/table/cpt2024-tbl-0001"]),
        PublishedFigure(
            route: .intranasal, citation: "TRANSFORM-1, Fedgchin 2019", setting: "Intranasal esketamine",
            n: "342", scale: "MADRS", instruments: [],
            definition: "response ≥50% reduction; vs the trial's comparator arm",
            response: "54.1% (56 mg), 53.1% (84 mg) vs 38.9%", remission: "36.0%, 38.8% vs 30.6%",
            note: "Day 28",
            sources: ["https://pmc.ncbi.nlm.nih.gov/articles/PMC7894501/table/cpt2024-tbl-0001"]),
        PublishedFigure(
            route: .intranasal, citation: "TRANSFORM-3, Ochs-Ross 2020", setting: "Intranasal esketamine, ≥65 y",
            n: "137", scale: "MADRS", instruments: [],
            definition: "response ≥50% reduction; vs the trial's comparator arm",
            response: "27% vs 13.3%", remission: "17.5% vs 6.7%",
            note: "Day 28",
            sources: ["https://pmc.ncbi.nlm.nih.gov/articles/PMC7894501/table/cpt2024-tbl-0002"]),
        PublishedFigure(
            route: .intranasal, citation: "Turkoz et al. 2021 (pooled TRANSFORM post hoc)", setting: "Intranasal esketamine",
            n: "518", scale: "MADRS", instruments: [],
            definition: "response ≥50% reduction; vs the trials' comparator arms",
            response: "day 2: 17.3% vs 9.4%; day 28: 58.7% vs 45.2%", remission: nil,
            note: "54.9% of day-2 non-responders had responded by day 28",
            sources: ["https://psychiatrist.com/jcp/depression/response-to-esketamine-after-initial-nonresponse"]),
        PublishedFigure(
            route: .intranasal, citation: "ESCAPE-TRD, Reif 2023 NEJM", setting: "Esketamine vs quetiapine XR",
            n: "676", scale: "MADRS (remission ≤10)", instruments: [],
            definition: "remission MADRS ≤10; vs quetiapine XR",
            response: nil, remission: "27.1% vs 17.6% at week 8",
            note: "Week 8",
            sources: ["https://repository.uantwerpen.be/link/irua/200542"]),
        PublishedFigure(
            route: .intranasal, citation: "CMRO 2025 (ESCAPE-TRD PHQ-9 subanalysis, US-label)", setting: "Esketamine vs quetiapine XR",
            n: "subgroup", scale: "PHQ-9", instruments: [.phq9],
            definition: "response ≥50% reduction; remission definition not given in the reference; vs quetiapine XR",
            response: "wk 8: 49.4% vs 32.8%; wk 32: 58.9% vs 40.3%", remission: "wk 8: 19.3% vs 12.2%; wk 32: 34.8% vs 18.1%",
            note: "the reference gives no address for this source",
            sources: []),
        PublishedFigure(
            route: .intranasal, citation: "SUSTAIN-3 (PHQ-9), Drugs 2023 table", setting: "Esketamine long-term",
            n: "96", scale: "PHQ-9", instruments: [.phq9],
            definition: "response ≥50% reduction; remission PHQ-9 <5",
            response: "Induction endpoint: 46.9–63.5%", remission: "21.9–53.1% (PHQ-9 <5)",
            note: "PHQ-9 rates run lower than MADRS rates in the same patients",
            sources: ["https://pmc.ncbi.nlm.nih.gov/articles/PMC10439056/table/Tab3"]),
        // SL
        PublishedFigure(
            route: .sublingual, citation: "Hull et al. 2022, J Affect Disord 314:59", setting: "Sublingual at-home (Mindbloom)",
            n: "1,247 completers", scale: "PHQ-9, GAD-7", instruments: [.phq9, .gad7],
            definition: "response ≥50% reduction; remission definition not given in the reference",
            response: "62.8% PHQ-9, 62.9% GAD-7", remission: "32.6% PHQ-9, 31.3% GAD-7",
            note: "4 sessions over 4 weeks; completers",
            sources: ["https://moreblossom.com/papers/at-home-sublingual-ketamine-telehealth-is-a-safe-and-effective-treatment-for-mod"]),
        PublishedFigure(
            route: .sublingual, citation: "J Affect Disord 2024 (press release)", setting: "Sublingual at-home (Mindbloom, larger)",
            n: "11,441", scale: "PHQ-9/GAD-7", instruments: [.phq9, .gad7],
            definition: "response: \"clinically significant improvement\" (not ≥50% reduction); remission definition not given in the reference",
            response: "62% \"clinically significant improvement\"", remission: "28%",
            note: "Press release, lower evidence grade",
            sources: ["https://www.prnewswire.com/news-releases/largest-study-of-psychedelic-medicine-with-11-441-mindbloom-clients-demonstrates-effectiveness-and-safety-of-guided-at-home-ketamine-therapy-302173114.html"]),
        // PO
        PublishedFigure(
            route: .oral, citation: "Glue et al. 2024, Nature Medicine (BEDROC)", setting: "Oral extended-release (R-107)",
            n: "231 open-label → 168 randomized", scale: "MADRS", instruments: [],
            definition: "responder: MADRS ≤12 and ≥50% drop",
            response: "72.7% responders after 5 days of 120 mg/day", remission: nil,
            note: "12-week relapse 70.6% placebo vs 42.9% at 180 mg twice weekly",
            sources: ["https://www.researchbunny.com/papers/extended-release-ketamine-tablets-for-treatment-resistant-depression-a-randomized-placebo-controlled-phase-2-trial-2t9z",
                      "https://researchsquare.com/article/rs-3501826/v1"]),
        // SC
        PublishedFigure(
            route: .subcutaneous, citation: "Glue et al. 2017, J Psychopharmacol 31:1302", setting: "Subcutaneous, treatment-refractory GAD/SAD",
            n: "12", scale: "HAM-A, Fear Questionnaire", instruments: [.hama],
            definition: "response ≥50% reduction (the reference's default)",
            response: "10/12 responders at 0.5–1 mg/kg", remission: nil,
            note: "Ascending single SC doses 0.25→0.5→1 mg/kg, weekly",
            sources: ["https://pubmed.ncbi.nlm.nih.gov/28441895/"]),
        PublishedFigure(
            route: .subcutaneous, citation: "KADS, Loo et al. 2023, BJPsych 223:533", setting: "Subcutaneous, TRD (RCT vs midazolam)",
            n: "183 (68 + cohort 2)", scale: "MADRS (remission ≤10)", instruments: [],
            definition: "remission MADRS ≤10; vs midazolam",
            response: nil, remission: "cohort 2 (flexible 0.5–0.9 mg/kg) about 19.6% vs 2.0%",
            note: "Twice weekly × 4 weeks", unverified: true,
            sources: ["https://pmc.ncbi.nlm.nih.gov/articles/PMC10727911/"]),
    ]

    /// The entries for one route, those on the instrument's own scale first, then the rest, each
    /// group in the table's order.
    public static func figures(for route: Route, instrument: Instrument) -> [PublishedFigure] {
        let ofRoute = ketamine.filter { $0.route == route }
        return ofRoute.filter { $0.instruments.contains(instrument) } + ofRoute.filter { !$0.instruments.contains(instrument) }
    }
}
