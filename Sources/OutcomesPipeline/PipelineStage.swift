/// The stages, in the order they run.
public enum PipelineStage: String, CaseIterable, Sendable, Comparable {
    case ingest, transform, report

    public static func < (a: PipelineStage, b: PipelineStage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
