/// A part of a site's courses that a report breaks its figures down by: the courses at one
/// clinic (the clinic id of a course's first session; by_clinic.csv), or those that began in
/// one earlier quarter (report.md's trend). The aggregate of each instrument × route with a
/// course in it; a network pools the parts by key, as one run over all the sites' exports would.
public struct BreakdownAggregate: Equatable, Sendable {
    public enum Breakdown: String, Sendable, CaseIterable {
        case clinic, quarter
    }

    /// The clinic id, or the quarter's name (`2026Q1`).
    public var key: String
    /// Instrument then route order, every instrument (as SiteContribution.routes).
    public var routes: [RouteAggregate]

    public init(key: String, routes: [RouteAggregate]) {
        self.key = key
        self.routes = routes
    }

    /// Parts by key, each from its facts (any order): keys in order.
    static func of(_ facts: some Sequence<CourseFacts>, key: (CourseFacts) -> String?) -> [BreakdownAggregate] {
        var byKey: [String: [Int: [CourseFacts]]] = [:]
        for fact in facts {
            if let part = key(fact) { byKey[part, default: [:]][OutcomeReport.groupKey(fact.instrument, fact.route), default: []].append(fact) }
        }
        return byKey.keys.sorted().map { BreakdownAggregate(key: $0, routes: routes(byKey[$0]!, parameters: nil)) }
    }

    /// The aggregates of each instrument × route of `groups` (facts by OutcomeReport.groupKey)
    /// whose route has a course among them, every instrument.
    static func routes(_ groups: [Int: [CourseFacts]], parameters: AnalysisParameters?) -> [RouteAggregate] {
        let withCourses = Route.allCases.sorted().filter { route in
            Instrument.allCases.contains { groups[OutcomeReport.groupKey($0, route)] != nil }
        }
        return Instrument.allCases.sorted().flatMap { instrument in
            withCourses.map { route in
                RouteAggregate(instrument: instrument, route: route, courses: groups[OutcomeReport.groupKey(instrument, route)] ?? [],
                               parameters: parameters)
            }
        }
    }
}
