/// A site's courses at one of its clinics (the clinic id of a course's first session), as
/// by_clinic.csv groups them: the aggregate of each instrument × route with a course there.
/// A network pools clinics by id, as one run over all the sites' exports would.
public struct ClinicAggregate: Equatable, Sendable {
    public var clinic: String
    /// Instrument then route order, every instrument (as SiteContribution.routes).
    public var routes: [RouteAggregate]

    public init(clinic: String, routes: [RouteAggregate]) {
        self.clinic = clinic
        self.routes = routes
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
