import PropertyBased
import Testing
@testable import OutcomesCore

@Suite struct ItemScoringTests {
    func score(_ instrument: Instrument, _ items: [Int?], total: Int? = nil) -> Result<ScoredTotal, RowProblem> {
        ItemScoring.score(instrument: instrument, items: items, total: total, maxMissingItems: instrument.defaultMaxMissingItems)
    }

    @Test func completeItemsAreSummed() throws {
        let result = try score(.gad7, [1, 2, 3, 0, 1, 2, 3]).get()
        #expect(result == ScoredTotal(total: 12, answeredItems: 7, prorated: false))
    }

    @Test func totalAloneIsUsed() throws {
        #expect(try score(.phq9, [], total: 19).get() == ScoredTotal(total: 19, answeredItems: 9, prorated: false))
    }


    @Test func prorationRoundsHalfUp() throws {
        // GAD-7, 6 answered summing to 3: 3 × 7 / 6 = 3.5 → 4.
        #expect(try score(.gad7, [1, 1, 1, 0, 0, 0, nil]).get() == ScoredTotal(total: 4, answeredItems: 6, prorated: true))
        // GAD-7, 6 answered summing to 10: 10 × 7 / 6 = 11.67 → 12.
        #expect(try score(.gad7, [3, 3, 2, 2, 0, nil, 0]).get().total == 12)
        // PHQ-9, 7 answered summing to 13: 13 × 9 / 7 = 16.71 → 17.
        #expect(try score(.phq9, [2, 2, 2, 2, 2, 2, 1, nil, nil]).get() == ScoredTotal(total: 17, answeredItems: 7, prorated: true))
        // PHQ-9, 8 answered summing to 4: 4 × 9 / 8 = 4.5 → 5.
        #expect(try score(.phq9, [1, 1, 1, 1, 0, 0, 0, 0, nil]).get().total == 5)
        // GAD-7, 6 answered summing to 6: 6 × 7 / 6 = 7 exactly.
        #expect(try score(.gad7, [1, 1, 1, 1, 1, 1, nil]).get().total == 7)
    }

    @Test func prorationIgnoresTheTotalColumn() throws {
        #expect(try score(.gad7, [1, 1, 1, 0, 0, 0, nil], total: 3).get().total == 4)
    }

    @Test func tooManyMissingIsIncomplete() {
        #expect(score(.gad7, [1, 1, 1, 0, 0, nil, nil]) == .failure(RowProblem(column: nil,
            "incomplete: 2 of 7 GAD-7 items are missing (at most 1 may be)")))
        #expect(score(.phq9, [1, 1, 1, 0, 0, 0, nil, nil, nil]) == .failure(RowProblem(column: nil,
            "incomplete: 3 of 9 PHQ-9 items are missing (at most 2 may be)")))
        #expect(score(.hama, [1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, nil]) == .failure(RowProblem(column: nil,
            "incomplete: 1 of 14 HAM-A items are missing (at most 0 may be)")))
    }

    @Test func ranges() throws {
        #expect(score(.phq9, [], total: 31) == .failure(RowProblem(column: "total", "PHQ-9 total 31 is outside 0–27")))
        #expect(score(.gad7, [], total: -1) == .failure(RowProblem(column: "total", "GAD-7 total -1 is outside 0–21")))
        #expect(score(.hama, [], total: 57) == .failure(RowProblem(column: "total", "HAM-A total 57 is outside 0–56")))
        #expect(score(.gad7, [1, 2, 4, 0, 1, 2, 3]) == .failure(RowProblem(column: "item_3", "GAD-7 item 3 is 4; items are 0–3")))
        #expect(score(.hama, [5] + [Int?](repeating: 0, count: 13)) == .failure(RowProblem(column: "item_1", "HAM-A item 1 is 5; items are 0–4")))
        #expect(try score(.hama, [Int?](repeating: 4, count: 14)).get().total == 56)
    }

    @Test func mismatch() {
        #expect(score(.gad7, [1, 2, 3, 0, 1, 2, 3], total: 13) == .failure(RowProblem(column: "total",
            "total does not match items: GAD-7 total is 13 but its items add up to 12")))
    }

    @Test func nothingToScore() {
        #expect(score(.phq9, []) == .failure(RowProblem(column: "total", "no PHQ-9 total and no item answers")))
    }

    @Test func prorationProperty() async {
        let sums = Gen.int(in: 0...27)
        let answered = Gen.int(in: 1...9)
        await propertyCheck(count: 300, input: sums, answered) { sum, n in
            let exact = Double(sum) * 9 / Double(n)
            let prorated = ItemScoring.prorate(sum: sum, answered: n, of: 9)
            #expect(Double(prorated) >= exact - 0.5 && Double(prorated) < exact + 0.5 + 1e-9)
            if exact - exact.rounded(.down) == 0.5 { #expect(Double(prorated) == exact.rounded(.up)) }
        }
    }
}
