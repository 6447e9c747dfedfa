import ArgumentParser
import OutcomesCore

@main
struct Outcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Turns ketamine clinics' score and session exports into outcome reports.",
        version: ProgramVersion.string,
        subcommands: [Run.self, Status.self, Validate.self, Sample.self, Publish.self, Network.self]
    )

    /// Parses as ArgumentParser does; an error a command lets out is printed as a sentence
    /// with its exit code (Exit.failure), not as ArgumentParser's "Error: …" of raw text.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // Help, validation and exit codes: ArgumentParser prints and exits as usual.
            exit(withError: error)
        } catch {
            exit(withError: Exit.failure(error))
        }
    }
}
