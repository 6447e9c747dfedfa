import ArgumentParser
import OutcomesCore

@main
struct Outcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Turns ketamine clinics' score and session exports into outcome reports.",
        version: ProgramVersion.string,
        subcommands: [Run.self, Status.self, Validate.self, Sample.self]
    )
}

