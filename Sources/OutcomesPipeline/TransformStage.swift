import OutcomesCore
import OutcomesIO

/// Whether a transform recomputes every patient or only those whose data changed, and why.
public enum TransformPlan: Equatable, Sendable {
    case full(reason: String)
    case incremental(changedPatients: Int)

    /// Full when no transform has completed, or when the settings it used differ from now;
    /// otherwise only the changed patients, which gives the same tables because every
    /// patient's rows depend on that patient's data and the settings alone.
    public static func decide(current: TransformSettings, last: TransformState?, changedPatients: Int) -> TransformPlan {
        guard let last else { return .full(reason: "first transform of this database") }
        let now = current.canonicalText
        guard last.settings == now else {
            let changes = TransformSettings.changes(from: last.settings, to: now)
            var reasons: [String] = []
            if !changes.parameters.isEmpty { reasons.append("analysis settings changed: " + changes.parameters.joined(separator: ", ")) }
            if let version = changes.programVersion { reasons.append("program version changed (\(version))") }
            return .full(reason: reasons.isEmpty ? "analysis settings changed" : reasons.joined(separator: "; "))
        }
        return .incremental(changedPatients: changedPatients)
    }

    public var mode: String {
        switch self {
        case .full: "full"
        case .incremental: "incremental"
        }
    }

    public var reason: String {
        switch self {
        case .full(let reason): reason
        case .incremental(0): "no score or session changed since the last transform"
        case .incremental(let n): "\(n) patient(s) with new or changed scores or sessions"
        }
    }
}

public struct TransformSummary: Sendable, Equatable {
    public var plan: TransformPlan
    public var patientsRecomputed: Int
    public var courses: Int

    /// The one line printed for the stage.
    public var line: String {
        "transform: \(plan.mode), \(patientsRecomputed) patient(s) recomputed (\(plan.reason)); \(courses) course(s) in the tables"
    }
}

/// Stage 2: turns stored scores and sessions into the analysis tables (analysis.md §4–8),
/// in one transaction, recomputing only what changed when the settings are the same.
public struct TransformStage {
    public let config: PipelineConfig

    public init(config: PipelineConfig) {
        self.config = config
    }

    public func run(store: OutcomesStore, runID: Int64?, now: Int64, progress: (String) -> Void = { _ in }) throws -> TransformSummary {
        guard let zone = LocalTimeZone(identifier: config.timezone) else {
            throw PipelineFileError(path: config.path, line: nil, "unknown time zone \(config.timezone)")
        }
        let settings = config.transformSettings
        let parameters = config.analysis
        return try store.transform { tables in
            let plan = TransformPlan.decide(current: settings, last: try store.transformState(),
                                            changedPatients: try store.changedPatientCount())
            let patients: [String]
            switch plan {
            case .full:
                try tables.clearAll()
                patients = try tables.patientsWithSessions()
            case .incremental:
                patients = try tables.changedPatients()
            }
            for (number, patient) in patients.enumerated() {
                if case .incremental = plan { try tables.clear(patientID: patient) }
                let timeline = try tables.timeline(patientID: patient)
                let courses = PatientTransform.analyse(timeline, parameters: parameters, timeZone: zone)
                try tables.write(patientID: patient, courses: courses, parameters: parameters)
                Checkpoint.reach("transform.patient-written")
                if number % 1000 == 999 { progress("transform: \(number + 1)/\(patients.count) patients") }
            }
            try tables.clearChanges()
            try tables.record(TransformState(settings: settings.canonicalText, runID: runID, completedAt: now, mode: plan.mode,
                                             reason: plan.reason, patientsRecomputed: patients.count))
            Checkpoint.reach("transform.before-commit")
            return TransformSummary(plan: plan, patientsRecomputed: patients.count, courses: try tables.courseCount())
        }
    }
}
