import OutcomesCore

/// A course × instrument's follow-ups as one JSON text (`course_instrument.follow_up_json`,
/// migration 12): one array per follow-up, in time order,
///
///     [[administered_at,total,seconds_since_index,session_number,seconds_since_last_session,pct_reduction],...]
///
/// (`pct_reduction` null without a baseline above 0). No stage reads it; the view `follow_up`
/// unpacks it for analysts with `json_each` into the columns the table of that name had, hours
/// as seconds / 3600.0 (the same Double as the transform's): whole seconds keep the row short.
enum PackedFollowUps {
    static func encode(_ followUps: [FollowUpObservation], into json: inout PackedJSON) {
        json.reset()
        json.append("[")
        for (offset, observation) in followUps.enumerated() {
            json.append(offset == 0 ? "[" : ",[")
            json.append(observation.at)
            json.append(","); json.append(observation.total)
            json.append(","); json.append(observation.secondsSinceIndex)
            json.append(","); json.append(observation.sessionNumber)
            json.append(","); json.append(observation.secondsSinceLastSession)
            json.append(","); json.append(observation.pctReduction)
            json.append("]")
        }
        json.append("]")
    }
}
