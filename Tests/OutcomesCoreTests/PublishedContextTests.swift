import Testing
@testable import OutcomesCore

/// The published-figures sections of report.md (docs/published-figures.md), on hand-made summaries.
@Suite struct PublishedContextTests {
    func summary(_ instrument: Instrument, _ route: Route, evaluable: Int, responders: Int, remitters: Int,
                 smallCells: SmallCells = SmallCells(minCell: 0)) -> RouteSummary {
        let facts = (0..<evaluable).map { index in
            CourseFacts(instrument: instrument, route: route, indexDay: 20_000, baseline: 20, followUps: 1,
                        relief: SurvivalObservation(time: 86_400, isEvent: index < responders),
                        evaluable: true, responder: index < responders, remitter: index < remitters)
        }
        return RouteSummary(instrument: instrument, route: route, courses: facts, smallCells: smallCells)
    }

    static let responseLead = "These are figures from other populations and studies, shown for context only: they are not a comparison "
        + "with this clinic, because the scales, the definitions of response and remission, the denominators and the patients differ."

    @Test func responseContextPlacesTheClinicRowAbovePublishedRows() {
        // Given out of order: the section sorts by instrument, then route.
        let text = PublishedContextSection.responseContext(
            [summary(.phq9, .oral, evaluable: 2, responders: 1, remitters: 1), summary(.gad7, .im, evaluable: 4, responders: 4, remitters: 0)],
            smallCells: SmallCells(minCell: 0))
        let expected = """
        ## Published ketamine figures, for context

        \(Self.responseLead)

        **GAD-7 · IM injection**

        | source | n | scale | responders | remitters | definition and notes |
        |---|---|---|---|---|---|
        | this clinic, this period | 4 evaluable | GAD-7 | 4 / 4 (100.0 %; 51.0–100.0 %) | 0 / 4 (0.0 %; 0.0–49.0 %) | as defined under Response and remission at endpoint |

        No published responder or remission rate for this route is in the project's table (docs/published-figures.md).

        **PHQ-9 · PO oral**

        | source | n | scale | responders | remitters | definition and notes |
        |---|---|---|---|---|---|
        | this clinic, this period | 2 evaluable | PHQ-9 | 1 / 2 (50.0 %; 9.5–90.5 %) | 1 / 2 (50.0 %; 9.5–90.5 %) | as defined under Response and remission at endpoint |
        | Glue et al. 2024, Nature Medicine (BEDROC): Oral extended-release (R-107) | 231 open-label → 168 randomized | MADRS | 72.7% responders after 5 days of 120 mg/day | n/a | responder: MADRS ≤12 and ≥50% drop; 12-week relapse 70.6% placebo vs 42.9% at 180 mg twice weekly |


        """
        #expect(text == expected)
    }

    @Test func aSuppressedRowShowsNoRate() {
        let small = SmallCells(minCell: 11)
        let row = summary(.hama, .subcutaneous, evaluable: 3, responders: 2, remitters: 1, smallCells: small)
        #expect(row.suppressed)
        let text = PublishedContextSection.responseContext([row], smallCells: small)
        let clinic = text.split(separator: "\n").first { $0.hasPrefix("| this clinic") }
        #expect(clinic == "| this clinic, this period | <11 evaluable | HAM-A | <11 / <11 (—) | <11 / <11 (—) | as defined under Response and remission at endpoint |")
        #expect(!text.contains("66.7") && !text.contains("33.3 %"))
        // The published SC rows follow, the one on HAM-A first, the unverified one marked.
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("| Glue") || $0.hasPrefix("| KADS") }
        #expect(lines.count == 2 && lines[0].hasPrefix("| Glue et al. 2017") && lines[1].contains("[unverified]"))
    }

    @Test func recoveryContextPutsNationalRatesBesidePHQ9AndGAD7Only() {
        let rows = [
            RecoveryContextRow(instrument: .phq9, route: .iv, evaluable: 2, improvement: Rate(1, of: 2), atCaseness: 2,
                               recovery: Rate(1, of: 2), reliableRecovery: Rate(0, of: 2)),
            RecoveryContextRow(instrument: .hama, route: .sublingual, evaluable: 12, improvement: Rate(12, of: 12), atCaseness: 3,
                               recovery: Rate(2, of: 3), reliableRecovery: Rate(2, of: 3), recoverySuppressed: true,
                               reliableRecoverySuppressed: true),
        ]
        let text = PublishedContextSection.recoveryContext(rows)
        let expected = """
        ## Reliable improvement and recovery, with NHS Talking Therapies for context

        These are figures from another population and another kind of treatment (psychological therapy in NHS Talking Therapies, England), \
        shown for context only: they are not a comparison with this clinic, because the measures, the denominators and the patients differ.

        **HAM-A**

        |  | evaluable | reliable improvement | at caseness | recovery | reliable recovery |
        |---|---:|---:|---:|---:|---:|
        | SL troche | 12 | 12 / 12 (100.0 %; 75.8–100.0 %) | — | — | — |

        HAM-A has no national standard: its reliable change and caseness are this project's defaults, and no national figure is shown.

        **PHQ-9**

        |  | evaluable | reliable improvement | at caseness | recovery | reliable recovery |
        |---|---:|---:|---:|---:|---:|
        | IV infusion | 2 | 1 / 2 (50.0 %; 9.5–90.5 %) | 2 | 1 / 2 (50.0 %; 9.5–90.5 %) | 0 / 2 (0.0 %; 0.0–65.8 %) |
        | NHS Talking Therapies, England | — | not found | — | 50.2 % (2021-22) | 48.4 % (26457 / 54672, April 2025) |

        NHS Talking Therapies counts referrals that finished a course of treatment (ended after at least two attended treatment \
        appointments), and a referral is at caseness on its depression or its anxiety score: its rates are of the two measures together, \
        not of PHQ-9 alone, after psychological therapy. In 2021-22, 664087 referrals finished a course of treatment. In April 2025, \
        57359 referrals finished a course of treatment, 54672 of them having started at caseness. \
        \(PublishedFigures.talkingTherapies.notFound).

        Source: Psychological Therapies: Annual Report on the use of IAPT services, England 2021-22 (statistical press release, \
        30 September 2022, as republished by Wired-Gov), NHS Digital, 2022, https://www.wired-gov.net/wg/news.nsf/articles/\
        latest+nhs+digital+figures+show+21.5+rise+in+number+of+people+accessing+talking+therapies+statistical+press+release+\
        30092022091500?open

        Source: NHS Talking Therapies Monthly Statistics Including Employment Advisors, Performance April 2025 (Official statistics), \
        NHS England, 2025, https://production-like.nhsd.io/data-and-information/publications/statistical/\
        nhs-talking-therapies-monthly-statistics-including-employment-advisors/performance-april-2025/introduction


        """
        #expect(text == expected)
    }

    @Test func everyPublishedEntryHasACitationSizeAndMeasure() {
        #expect(!PublishedFigures.ketamine.isEmpty)
        for figure in PublishedFigures.ketamine {
            #expect(!figure.citation.isEmpty && !figure.n.isEmpty && !figure.scale.isEmpty && !figure.definition.isEmpty, "\(figure.citation)")
            #expect(figure.response != nil || figure.remission != nil, "\(figure.citation): a rate to show")
            #expect(!figure.sources.isEmpty || figure.note.contains("no address"), "\(figure.citation): where it is from")
            let texts = [figure.citation, figure.setting, figure.n, figure.scale, figure.definition, figure.note,
                         figure.response ?? "", figure.remission ?? ""]
            #expect(!texts.contains { $0.contains("|") || $0.contains("\n") }, "\(figure.citation): safe in a table cell")
        }
        // Every route but IM has a published rate (the reference has none for IM: docs/published-figures.md).
        #expect(Set(PublishedFigures.ketamine.map(\.route)) == Set(Route.allCases).subtracting([.im]))
        #expect(PublishedFigures.ketamine.filter(\.unverified).map(\.citation) == ["KADS, Loo et al. 2023, BJPsych 223:533"])
        let national = PublishedFigures.talkingTherapies
        #expect(national.reliableImprovement == nil, "not found in a primary source: not filled in")
        for rate in national.rates {
            #expect(!rate.source.title.isEmpty && !rate.source.publisher.isEmpty && !rate.source.year.isEmpty && rate.source.url.hasPrefix("https://"))
            if let numerator = rate.numerator, let denominator = rate.denominator {
                #expect(abs(Double(numerator) / Double(denominator) * 100 - rate.percent) < 0.05, "the published percent matches its counts")
            }
        }
    }
}
