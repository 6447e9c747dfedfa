import ArgumentParser

@main
struct Outcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Turns ketamine clinics' score and session exports into outcome reports.",
        version: OutcomesVersion.string,
        subcommands: [Run.self, Status.self, Validate.self, Sample.self]
    )
}

enum OutcomesVersion {
    static let string = "0.1.0"
}
